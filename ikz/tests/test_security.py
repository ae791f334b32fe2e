"""Security headers on pages and the production settings' deployment check."""

from __future__ import annotations

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

from ikz.test import World

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


def _assert_strict_headers(response) -> None:  # type: ignore[no-untyped-def]
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp and "http" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_pages_carry_a_strict_policy_and_no_inline_script(world: World) -> None:
    client = world.client_for("office")
    for url in [reverse("home"), reverse("municipalities:region_detail", args=[world.region.slug])]:
        response = client.get(url)
        assert response.status_code == 200
        _assert_strict_headers(response)
        page = response.content.decode()
        assert "<script>" not in page and " onclick=" not in page and ' style="' not in page


def test_public_pages_and_error_pages_too(client) -> None:  # type: ignore[no-untyped-def]
    _assert_strict_headers(client.get(reverse("status")))
    _assert_strict_headers(client.get("/gibt-es-nicht/"))


def test_session_and_csrf_cookies_are_httponly(world: World, client) -> None:  # type: ignore[no-untyped-def]
    from ikz.test import PASSWORD

    response = client.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    assert response.cookies["sessionid"]["httponly"]


def test_production_settings_pass_the_deployment_check() -> None:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("IKZ_", "DJANGO_")) and key != "DATABASE_URL"
    }
    env |= {
        "IKZ_DEBUG": "0",
        "IKZ_SECRET_KEY": secrets.token_urlsafe(50),
        "IKZ_ALLOWED_HOSTS": "ikz.example.de",
        "IKZ_BASE_URL": "https://ikz.example.de",
        "DJANGO_SETTINGS_MODULE": "ikz.settings",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    # and the secure cookie settings are on in production
    shown = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, s.SECURE_SSL_REDIRECT)",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert shown.stdout.split() == ["True", "True", "31536000", "True"], shown.stderr


def test_a_file_download_and_an_api_answer_carry_the_same_headers(world: World) -> None:
    from ikz.documents.models import Visibility
    from ikz.documents.services import store_generated_document
    from ikz.lib.pdf import Document as PdfDocument

    pdf = PdfDocument("Vermerk")
    pdf.paragraph("Vermerk über die Sitzung.")
    version = store_generated_document(
        title="Vermerk <b>Sitzung</b>",
        doc_type="other",
        filename='vermerk "sitzung".pdf',
        content=pdf.output(),
        actor=world.office,
        visibility=Visibility.INTERNAL,
        owner_id=world.kommune_a.pk,
    )
    url = reverse("documents:version_download", args=[version.document_id, version.pk])
    response = world.client_for("contact_a").get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    _assert_strict_headers(response)
    assert response["Cache-Control"] == "private, no-store"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and '"sitzung"' not in disposition
    assert world.client_for("contact_b").get(url).status_code == 404  # not hers: not even its existence
    api = world.client_for("office").get("/api/kommunen/")
    assert api.status_code == 200 and api["Content-Type"].startswith("application/json")
    _assert_strict_headers(api)
