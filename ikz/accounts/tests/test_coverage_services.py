"""The account services' less travelled paths: a set-up begun twice, accounts without a second factor,
throttling without a known address."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from ikz.accounts import queries, rules, services
from ikz.accounts.models import TotpDevice
from ikz.test import World

pytestmark = pytest.mark.django_db


def code_now(secret: str) -> str:
    return rules.hotp(rules.secret_bytes(secret), rules.totp_step(time.time()))


def test_a_set_up_begun_again_replaces_the_unconfirmed_secret_and_only_the_new_one_confirms(
    world: World,
) -> None:
    user = world.contact_a
    services.start_totp_setup(user, actor=user)
    first = queries.pending_secret(user)
    services.start_totp_setup(user, actor=user)
    second = queries.pending_secret(user)
    assert first and second and first != second
    assert TotpDevice.objects.filter(user=user).count() == 1

    with pytest.raises(ValidationError):
        services.confirm_totp(user, code_now(first), actor=user)
    codes = services.confirm_totp(user, code_now(second), actor=user)
    assert len(codes) == 10

    with pytest.raises(ValidationError, match="bereits eingerichtet"):
        services.start_totp_setup(user, actor=user)


def test_an_account_without_a_second_factor_has_nothing_to_check_renew_or_remove(world: World) -> None:
    user = world.contact_b
    with pytest.raises(ValidationError):
        services.verify_second_factor(user, "123456")
    assert services.check_second_factor(user, "123456") is False
    with pytest.raises(ValidationError, match="nicht eingerichtet"):
        services.regenerate_recovery_codes(user, actor=user)
    assert services.remove_totp(user, actor=world.office, reason="Telefon verloren") is False


def test_a_device_never_used_since_its_step_was_cleared_accepts_one_code_once(world: World) -> None:
    user = world.member
    services.start_totp_setup(user, actor=user)
    secret = queries.pending_secret(user)
    assert secret is not None
    services.confirm_totp(user, code_now(secret), actor=user)
    TotpDevice.objects.filter(user=user).update(last_used_step=None)

    later = time.time() + 60
    code = rules.hotp(rules.secret_bytes(secret), rules.totp_step(later))
    assert services.verify_second_factor(user, code, at=later) == "totp"
    assert services.check_second_factor(user, code, at=later) is False  # the same step again


def test_without_an_address_only_the_account_is_throttled(world: World, settings) -> None:  # type: ignore[no-untyped-def]
    settings.IKZ_LOGIN_MAX_FAILURES = 2
    now = timezone.now()
    services.check_login_allowed("Kontakt-A", None, now=now)
    for minutes in (2, 1):
        services.record_login_failure("Kontakt-A", None, now=now - dt.timedelta(minutes=minutes))
    with pytest.raises(services.LoginThrottled):
        services.check_login_allowed("kontakt-a", None, now=now)
    services.check_login_allowed("someone-else", None, now=now)
