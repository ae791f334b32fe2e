"""Security events as log lines (ikz.audit.security): each event an operator's SIEM must see is
written with its fields, in text and JSON, and no password, key, code or erased name ever is."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ikz.accounts import queries, rules, services
from ikz.accounts.models import Role, RoleAssignment
from ikz.api.services import create_token, revoke_token
from ikz.audit.security import JsonFormatter, event_fields, security_event, text_line
from ikz.privacy.queries import person_for_user
from ikz.privacy.services import erase_person
from ikz.test import PASSWORD, World

pytestmark = pytest.mark.django_db

Capture = Callable[..., AbstractContextManager[Any]]


class Log:
    """The ikz.security records of a test, with every line as both formats would write it."""

    def __init__(self, caplog: pytest.LogCaptureFixture, capture: Capture) -> None:
        self.caplog, self.capture = caplog, capture
        self.pending = self._open()

    def _open(self) -> AbstractContextManager[Any]:
        pending = self.capture(execute=True)
        pending.__enter__()
        return pending

    def flush(self) -> None:
        """Run the on-commit callbacks registered so far (the test's transaction never commits)."""
        self.pending.__exit__(None, None, None)
        self.pending = self._open()

    @property
    def records(self) -> list[logging.LogRecord]:
        self.flush()
        return [r for r in self.caplog.records if r.name == "ikz.security"]

    def events(self, name: str) -> list[dict[str, Any]]:
        return [r.security for r in self.records if r.security["event"] == name]  # type: ignore[attr-defined]

    def one(self, name: str) -> dict[str, Any]:
        found = self.events(name)
        assert len(found) == 1, f"{name}: {found}"
        return found[0]

    def text(self) -> str:
        """All lines, as text and as JSON (what an operator could ever read)."""
        formatter = JsonFormatter()
        return "\n".join(r.getMessage() + "\n" + formatter.format(r) for r in self.records)


@pytest.fixture
def log(caplog: pytest.LogCaptureFixture, django_capture_on_commit_callbacks: Capture) -> Iterator[Log]:
    """Security lines are written on commit; the test's transaction never commits, so the callbacks
    are run whenever the test reads the lines."""
    caplog.set_level(logging.INFO, logger="ikz.security")
    log = Log(caplog, django_capture_on_commit_callbacks)
    yield log
    log.pending.__exit__(None, None, None)


def _login(client: Client, username: str, password: str, **extra: Any):  # type: ignore[no-untyped-def]
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR="192.0.2.9",
        **extra,
    )


# --- the events ------------------------------------------------------------------------------------


def test_a_failed_login_names_the_typed_account_and_the_address_but_not_the_password(
    world: World, log: Log
) -> None:
    _login(Client(), "Contact_A", "Geheim-Falsch-4711")
    line = log.one("login.failed")
    assert line["outcome"] == "failure" and line["username"] == "Contact_A"  # as typed
    assert line["address"] == "192.0.2.9" and len(line["request_id"]) == 32
    assert line["time"].endswith("Z")
    assert log.records[0].levelno == logging.WARNING
    assert "Geheim-Falsch-4711" not in log.text()


def test_a_blocked_account_is_logged_as_locked_with_the_limit_that_struck(world: World, log: Log) -> None:
    client = Client()
    for _ in range(settings.IKZ_LOGIN_MAX_FAILURES):
        _login(client, "contact_a", "Falsch-1")
    _login(client, "contact_a", PASSWORD)
    assert len(log.events("login.failed")) == settings.IKZ_LOGIN_MAX_FAILURES
    locked = log.one("login.locked")
    assert locked["outcome"] == "denied" and locked["username"] == "contact_a"
    assert locked["limit"] == "account" and locked["address"] == "192.0.2.9"
    assert PASSWORD not in log.text() and "Falsch-1" not in log.text()


def _two_factor(world: World) -> tuple[str, list[str]]:
    user = world.contact_a
    services.start_totp_setup(user, actor=user)
    secret = queries.pending_secret(user)
    assert secret is not None
    code = rules.hotp(rules.secret_bytes(secret), rules.totp_step(time.time()))
    return secret, services.confirm_totp(user, code, actor=user)


def test_a_wrong_second_factor_is_a_failed_login_and_no_code_or_secret_is_logged(
    world: World, log: Log
) -> None:
    secret, codes = _two_factor(world)
    client = Client()
    _login(client, "contact_a", PASSWORD)
    client.post(reverse("accounts:login_code"), {"code": "135790"}, REMOTE_ADDR="192.0.2.9")
    assert log.one("login.failed")["username"] == "contact_a"
    written = log.text()
    assert "135790" not in written and secret not in written
    assert not any(code in written for code in codes)


def test_two_factor_resets_name_who_reset_whose_account(world: World, log: Log) -> None:
    secret, codes = _two_factor(world)
    services.reset_two_factor(world.contact_a, actor=world.office)
    line = log.one("2fa.reset")
    assert line["actor_id"] == world.office.pk and line["actor"] == world.office.username
    assert line["subject_kind"] == "accounts.user" and line["subject_id"] == world.contact_a.pk
    _two_factor(world)
    call_command("reset_2fa", "contact_a", "--grund", "Telefon verloren, Anruf Frau Beispiel")
    by_command = log.events("2fa.reset")[1]
    assert "actor_id" not in by_command and by_command["subject_id"] == world.contact_a.pk
    written = log.text()
    assert "Frau Beispiel" not in written and secret not in written  # the reason stays in the audit
    assert not any(code in written for code in codes)


def test_api_keys_created_and_revoked_are_logged_without_the_secret_or_its_prefix(
    world: World, log: Log
) -> None:
    token, secret = create_token(world.contact_a, "Fachverfahren", actor=world.office)
    revoke_token(token, actor=world.office)
    revoke_token(token, actor=world.office)  # already revoked: nothing happens, nothing is logged
    created, revoked = log.one("apikey.created"), log.one("apikey.revoked")
    for line in (created, revoked):
        assert line["subject_kind"] == "api.apitoken" and line["subject_id"] == token.pk
        assert line["owner_id"] == world.contact_a.pk and line["actor_id"] == world.office.pk
    assert created["outcome"] == "ok" and log.records[0].levelno == logging.INFO
    assert secret not in log.text() and token.prefix not in log.text()


def test_roles_granted_and_taken_and_accounts_deactivated_and_reactivated(world: World, log: Log) -> None:
    person = world.member
    assignment = services.grant_role(person, Role.STEERING, region=world.region, actor=world.office)
    services.take_role(RoleAssignment.objects.get(pk=assignment.pk), actor=world.office)
    create_token(person, "Schnittstelle", actor=person)
    services.deactivate_person(person, actor=world.office)
    services.reactivate_person(person, actor=world.office)
    granted, taken = log.one("role.granted"), log.one("role.revoked")
    for line in (granted, taken):
        assert line["role"] == "steering" and line["region_id"] == world.region.pk
        assert line["subject_id"] == person.pk and line["actor"] == world.office.username
        assert "municipality_id" not in line
    deactivated = log.one("account.deactivated")
    assert deactivated["apikeys_revoked"] == 1 and deactivated["subject_id"] == person.pk
    assert log.one("account.reactivated")["actor_id"] == world.office.pk


def test_an_erasure_is_logged_by_its_request_and_never_names_the_erased_person(
    world: World, log: Log
) -> None:
    person = world.contact_b
    person.first_name, person.last_name, person.email = "Erika", "Mustermann", "erika@example.org"
    person.save()
    request, kept = erase_person(person_for_user(person), actor=world.office, confirmed=True)
    line = log.one("privacy.erased")
    assert line["subject_kind"] == "privacy.datarequest" and line["subject_id"] == request.pk
    assert line["actor_id"] == world.office.pk and line["kept"] == len(kept)
    written = log.text()
    for trace in ("Erika", "Mustermann", "erika@example.org", "contact_b", f"subject_id={person.pk} "):
        assert trace not in written


def test_nothing_is_logged_for_a_change_that_was_rolled_back(world: World, log: Log) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        create_token(world.contact_a, "Verworfen", actor=world.office)
        raise RuntimeError("abort")
    assert log.events("apikey.created") == []


def test_behind_a_proxy_the_forwarded_address_and_request_id_are_used(
    world: World, log: Log, settings: Any
) -> None:
    settings.IKZ_PROXY_COUNT = 1
    headers = {"HTTP_X_FORWARDED_FOR": "203.0.113.5, 198.51.100.1", "HTTP_X_REQUEST_ID": "abc123def"}
    _login(Client(), "nobody", "x", **headers)
    settings.IKZ_PROXY_COUNT = 0  # without a trusted proxy a client's own id is not taken
    _login(Client(), "nobody", "x", HTTP_X_REQUEST_ID="forged-id")
    first, second = log.events("login.failed")
    assert first["address"] == "198.51.100.1" and first["request_id"] == "abc123def"
    assert second["address"] == "192.0.2.9" and second["request_id"] != "forged-id"


# --- the formats -----------------------------------------------------------------------------------


def test_a_typed_name_cannot_forge_a_line_of_its_own() -> None:
    forged = "x\nikz.security event=login.ok outcome=ok\u2028 \u0085"
    values = event_fields("login.failed", outcome="failure", username=forged)
    line = text_line(values)
    assert "\n" not in line and "\u2028" not in line and "\u0085" not in line
    assert line.startswith("ikz.security event=login.failed outcome=failure time=")
    assert '\\nikz.security event=login.ok outcome=ok\\u2028 \\u0085"' in line
    record = logging.LogRecord("ikz.security", logging.WARNING, __file__, 1, line, None, None)
    record.security = values
    as_json = JsonFormatter().format(record)
    assert "\n" not in as_json and "\u2028" not in as_json
    assert json.loads(as_json)["username"] == forged


def test_secret_fields_wrong_outcomes_and_other_subjects_are_refused() -> None:
    for name in ("password", "token", "code", "secret", "body", "Message"):
        with pytest.raises(ValueError, match=name):
            security_event("login.failed", **{name: "x"})
    with pytest.raises(ValueError, match="time"):
        security_event("login.failed", time="yesterday")
    with pytest.raises(ValueError, match="outcome"):
        security_event("login.failed", outcome="maybe")
    with pytest.raises(TypeError):
        security_event("role.granted", subject="contact_a")
    assert event_fields("x.y", subject=("legal.page", 3), long="ü" * 500)["long"] == "ü" * 200


def test_other_log_lines_become_json_objects_too() -> None:
    try:
        raise ValueError("kaputt")
    except ValueError:
        record = logging.LogRecord("ikz.jobs", logging.ERROR, __file__, 1, "Auftrag %s", (7,), sys.exc_info())
    data = json.loads(JsonFormatter().format(record))
    assert data["message"] == "Auftrag 7" and data["level"] == "ERROR" and data["logger"] == "ikz.jobs"
    assert "ValueError: kaputt" in data["exception"] and data["time"].endswith("Z")


SNIPPET = (
    "import django; django.setup(); "
    "from ikz.audit.security import security_event; "
    "security_event('apikey.revoked', subject=('api.apitoken', 5)); "
    "import logging; logging.getLogger('ikz.jobs').info('unterdrückt')"
)


def _run(**env: str) -> subprocess.CompletedProcess[str]:
    defaults = {
        "DJANGO_SETTINGS_MODULE": "ikz.settings",
        "IKZ_DEBUG": "1",
        "DATABASE_URL": "sqlite://:memory:",
    }
    environment = {**os.environ, **defaults, "IKZ_LOG_LEVEL": "INFO", "IKZ_LOG_FORMAT": "text", **env}
    return subprocess.run(
        [sys.executable, "-c", SNIPPET], env=environment, capture_output=True, text=True, timeout=120
    )


def test_the_setting_chooses_the_format_and_security_lines_pass_any_log_level() -> None:
    as_json = _run(IKZ_LOG_FORMAT="json", IKZ_LOG_LEVEL="WARNING")
    assert as_json.returncode == 0, as_json.stderr
    lines = as_json.stderr.strip().splitlines()
    assert len(lines) == 1, "INFO of other loggers stays below IKZ_LOG_LEVEL, the security line does not"
    data = json.loads(lines[0])
    assert data["event"] == "apikey.revoked" and data["subject_id"] == 5 and data["logger"] == "ikz.security"
    as_text = _run()
    assert as_text.stderr.startswith("ikz.security event=apikey.revoked outcome=ok time=")
    assert "subject_kind=api.apitoken subject_id=5" in as_text.stderr
    wrong = _run(IKZ_LOG_FORMAT="xml")
    assert wrong.returncode != 0 and "IKZ_LOG_FORMAT muss text oder json sein" in wrong.stderr
