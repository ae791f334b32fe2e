"""``/.well-known/security.txt`` (RFC 9116) and the settings it rests on: production refuses to
start without its public address (``IKZ_BASE_URL``) or with a contact that is neither an e-mail
address nor an https address."""

from __future__ import annotations

import datetime as dt
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from ikz.legal import rules

ROOT = Path(__file__).resolve().parents[3]


def _fields(text: str) -> dict[str, str]:
    return dict(line.split(": ", 1) for line in text.splitlines() if line)


@override_settings(
    IKZ_BASE_URL="https://ikz.kreis-gg.de",
    IKZ_SECURITY_CONTACT="",
    DEFAULT_FROM_EMAIL="IKZ-Plattform <ikz@kreis-gg.de>",
)
def test_security_txt_names_contact_expiry_languages_and_its_address() -> None:
    response = Client().get("/.well-known/security.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    fields = _fields(response.content.decode())
    assert fields["Contact"] == "mailto:ikz@kreis-gg.de"
    assert fields["Preferred-Languages"] == "de, en"
    assert fields["Canonical"] == "https://ikz.kreis-gg.de/.well-known/security.txt"
    expires = dt.datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
    now = dt.datetime.now(dt.UTC)
    assert expires.tzinfo is not None
    # one year from the day of the request, at midnight UTC: never more than a year ahead
    assert dt.timedelta(days=364) < expires - now <= dt.timedelta(days=365)
    assert reverse("security_txt") == "/.well-known/security.txt"
    assert Client().post("/.well-known/security.txt").status_code == 405


@pytest.mark.parametrize(
    "configured,contact",
    [
        ("sicherheit@kreis-gg.de", "mailto:sicherheit@kreis-gg.de"),
        ("mailto:cert@kreis-gg.de", "mailto:cert@kreis-gg.de"),
        ("https://kreis-gg.de/sicherheit", "https://kreis-gg.de/sicherheit"),
    ],
)
def test_the_configured_contact_is_an_email_or_https_address(configured: str, contact: str) -> None:
    with override_settings(IKZ_SECURITY_CONTACT=configured):
        fields = _fields(Client().get("/.well-known/security.txt").content.decode())
    assert fields["Contact"] == contact


def test_expires_is_midnight_utc_a_year_after_the_request_day() -> None:
    late = dt.datetime(2026, 3, 1, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert rules.security_expires(late) == "2027-03-01T00:00:00Z"


def _start_in_production(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("IKZ_", "DJANGO_")) and k != "DATABASE_URL"
    }
    env |= {
        "IKZ_DEBUG": "0",
        "IKZ_SECRET_KEY": secrets.token_urlsafe(50),
        "IKZ_ALLOWED_HOSTS": "ikz.example.de",
        "DJANGO_SETTINGS_MODULE": "ikz.settings",
        **extra,
    }
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings; print(settings.IKZ_BASE_URL)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_production_refuses_to_start_without_its_public_address() -> None:
    result = _start_in_production()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "Die Umgebungsvariable IKZ_BASE_URL fehlt" in result.stderr


@pytest.mark.parametrize("value", ["", "ikz.example.de"])
def test_production_refuses_an_empty_or_schemeless_address(value: str) -> None:
    result = _start_in_production(IKZ_BASE_URL=value)
    assert result.returncode != 0
    assert "IKZ_BASE_URL muss die öffentliche Adresse der Plattform sein" in result.stderr


def test_production_starts_with_its_address_without_trailing_slash() -> None:
    result = _start_in_production(IKZ_BASE_URL="https://ikz.example.de/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "https://ikz.example.de"


def test_a_security_contact_that_is_no_address_stops_the_start() -> None:
    result = _start_in_production(IKZ_BASE_URL="https://ikz.example.de", IKZ_SECURITY_CONTACT="Herr Meier")
    assert result.returncode != 0
    assert "IKZ_SECURITY_CONTACT muss eine E-Mail-Adresse oder eine https-Adresse sein" in result.stderr
