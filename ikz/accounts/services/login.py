"""State changes of accounts: login failures are recorded and counted (throttling); the
authenticator app of two-factor authentication is set up, used, and removed (audited; the secret
and the codes never reach the audit trail or a log)."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ikz.accounts import rules
from ikz.accounts.models import LoginFailure, RecoveryCode, TotpDevice, User
from ikz.accounts.queries import secret_keys
from ikz.audit.models import Action
from ikz.audit.security import security_event
from ikz.audit.services import record


class LoginThrottled(Exception):
    def __init__(self, minutes: int) -> None:
        super().__init__(minutes)
        self.minutes = minutes


def _window() -> dt.timedelta:
    return dt.timedelta(minutes=settings.IKZ_LOGIN_LOCK_MINUTES)


def check_login_allowed(username: str, address: str | None, *, now: dt.datetime | None = None) -> None:
    """Raise ``LoginThrottled`` when the account or the address has failed too often lately."""
    now = now or timezone.now()
    since = now - _window()
    by_account = list(
        LoginFailure.objects.filter(username=username.lower(), at__gt=since).values_list("at", flat=True)
    )
    waits = [
        rules.lockout_remaining(by_account, now, limit=settings.IKZ_LOGIN_MAX_FAILURES, window=_window())
    ]
    if address:
        by_address = list(
            LoginFailure.objects.filter(address=address, at__gt=since).values_list("at", flat=True)
        )
        waits.append(
            rules.lockout_remaining(
                by_address, now, limit=settings.IKZ_LOGIN_MAX_FAILURES_PER_ADDRESS, window=_window()
            )
        )
    longest = max((w for w in waits if w is not None), default=None)
    if longest is not None:
        security_event(
            "login.locked",
            outcome="denied",
            username=username,
            address=address,
            limit="account" if waits[0] is not None else "address",
        )
        raise LoginThrottled(rules.minutes_to_wait(longest))


def record_login_failure(username: str, address: str | None, *, now: dt.datetime | None = None) -> None:
    now = now or timezone.now()
    LoginFailure.objects.create(username=username.lower()[:150], address=address or None, at=now)
    security_event("login.failed", outcome="failure", username=username, address=address)
    # Keep the table small: what lies outside every window counts for nothing.
    LoginFailure.objects.filter(at__lt=now - 4 * _window()).delete()


def clear_login_failures(username: str) -> None:
    LoginFailure.objects.filter(username=username.lower()).delete()


# --- Two-factor authentication --------------------------------------------------------------------


def _wrong_code() -> ValidationError:
    return ValidationError(
        _(
            "Der Code ist nicht gültig. Bitte geben Sie den aktuellen 6-stelligen Code aus Ihrer "
            "Authenticator-App ein (jeder Code gilt nur einmal) oder einen unbenutzten "
            "Wiederherstellungscode. Prüfen Sie auch, ob die Uhrzeit Ihres Telefons stimmt."
        ),
        code="wrong_code",
    )


def _new_recovery_codes(device: TotpDevice) -> list[str]:
    device.recovery_codes.all().delete()
    codes = rules.new_recovery_codes()
    RecoveryCode.objects.bulk_create(
        RecoveryCode(device=device, code_hash=rules.hash_recovery_code(code)) for code in codes
    )
    return codes


@transaction.atomic
def start_totp_setup(user: User, *, actor: User | None) -> TotpDevice:
    """A new secret for ``user`` (replacing an unconfirmed one); confirmed by ``confirm_totp``."""
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is not None and device.confirmed_at is not None:
        raise ValidationError(_("Die Zwei-Faktor-Anmeldung ist für dieses Konto bereits eingerichtet."))
    sealed = rules.seal_secret(rules.new_totp_secret(), secret_keys())
    if device is None:
        device = TotpDevice.objects.create(user=user, secret=sealed)
    else:
        device.secret = sealed
        device.save(update_fields=["secret"])
    record(device, Action.CREATE, actor=actor, message=_("Einrichtung der Zwei-Faktor-Anmeldung begonnen"))
    return device


@transaction.atomic
def confirm_totp(user: User, code: str, *, actor: User | None, at: float | None = None) -> list[str]:
    """Switch two-factor authentication on once the app shows the right code; returns the new
    recovery codes (shown once; only their hashes are kept)."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=True).first()
    if device is None:
        raise ValidationError(_("Bitte beginnen Sie die Einrichtung neu."))
    secret = rules.open_secret(device.secret, secret_keys())
    now = timezone.now()
    step = (
        rules.match_totp(secret, code, at if at is not None else now.timestamp(), last_step=None)
        if secret
        else None
    )
    if step is None:
        raise _wrong_code()
    device.confirmed_at = now
    device.last_used_step = step
    device.save(update_fields=["confirmed_at", "last_used_step"])
    codes = _new_recovery_codes(device)
    record(
        device,
        Action.UPDATE,
        actor=actor,
        changes={"confirmed_at": [None, now.isoformat()]},
        message=_("Zwei-Faktor-Anmeldung eingerichtet, %(count)s Wiederherstellungscodes erzeugt")
        % {"count": len(codes)},
    )
    return codes


@transaction.atomic
def verify_second_factor(user: User, code: str, *, at: float | None = None) -> str:
    """Check the second factor at login: a code of the app (never the same time step twice) or an
    unused recovery code (then spent). Returns ``"totp"`` or ``"recovery"``; raises ValidationError."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        raise _wrong_code()
    now = timezone.now()
    if rules.looks_like_recovery_code(code):
        spare = device.recovery_codes.filter(
            code_hash=rules.hash_recovery_code(code), used_at__isnull=True
        ).first()
        # Compare-and-set: of two requests racing with the same code only one spends it.
        if spare is None or not RecoveryCode.objects.filter(pk=spare.pk, used_at__isnull=True).update(
            used_at=now
        ):
            raise _wrong_code()
        left = device.recovery_codes.filter(used_at__isnull=True).count()
        record(
            device,
            Action.UPDATE,
            actor=user,
            message=_("Anmeldung mit einem Wiederherstellungscode, noch %(left)s unbenutzt") % {"left": left},
        )
        return "recovery"
    secret = rules.open_secret(device.secret, secret_keys())
    step = (
        rules.match_totp(
            secret, code, at if at is not None else now.timestamp(), last_step=device.last_used_step
        )
        if secret
        else None
    )
    if step is None:
        raise _wrong_code()
    # Compare-and-set on the step read above (row locks are no-ops on SQLite): a second request
    # with the same code, racing this one, finds the step moved and is refused.
    unchanged = TotpDevice.objects.filter(pk=device.pk, last_used_step=device.last_used_step)
    if device.last_used_step is None:
        unchanged = TotpDevice.objects.filter(pk=device.pk, last_used_step__isnull=True)
    if not unchanged.update(last_used_step=step):
        raise _wrong_code()
    return "totp"


def check_second_factor(user: User, code: str, *, at: float | None = None) -> bool:
    """Whether ``code`` is a valid second factor now (spends it like a login would)."""
    try:
        verify_second_factor(user, code, at=at)
    except ValidationError:
        return False
    return True


@transaction.atomic
def regenerate_recovery_codes(user: User, *, actor: User | None) -> list[str]:
    """Replace all recovery codes of ``user`` with ten new ones (the old ones stop working)."""
    device = TotpDevice.objects.select_for_update().filter(user=user, confirmed_at__isnull=False).first()
    if device is None:
        raise ValidationError(_("Die Zwei-Faktor-Anmeldung ist für dieses Konto nicht eingerichtet."))
    codes = _new_recovery_codes(device)
    record(device, Action.UPDATE, actor=actor, message=_("Neue Wiederherstellungscodes erzeugt"))
    return codes


@transaction.atomic
def remove_totp(user: User, *, actor: User | None, reason: str = "") -> bool:
    """Switch two-factor authentication off for ``user`` (by the person, or by the office when the
    phone is lost). Returns whether there was anything to remove."""
    device = TotpDevice.objects.select_for_update().filter(user=user).first()
    if device is None:
        return False
    message = _("Zwei-Faktor-Anmeldung ausgeschaltet")
    if reason:
        message = f"{message}: {reason}"
    record(device, Action.DELETE, actor=actor, message=message)
    security_event("2fa.reset", actor=actor, subject=user)
    device.delete()
    return True
