"""Single sign-on via OpenID Connect against a simulated Keycloak (``sso_provider``): the provider's
token, key and user-info answers are mocked (no network); the flow through our pages is real."""

from __future__ import annotations

from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.contrib.auth import BACKEND_SESSION_KEY
from django.test import Client
from django.urls import NoReverseMatch, reverse

from ikz import urls as _project_urls  # noqa: F401 - loaded with SSO off, before a test switches it on
from ikz.accounts.tests.sso_provider import REALM, sign_in, user_id
from ikz.test import PASSWORD, PERSONAS, World
from ikz.tests.test_persona_matrix import _all_url_names

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_single_sign_on_only_when_switched_on(
    world: World, client: Client, sso: Any
) -> None:
    page = client.get(reverse("accounts:login") + "?next=/kommunen/").content.decode()
    assert "Mit Single Sign-on anmelden" in page
    assert f'href="{reverse("accounts:sso_login")}?next=/kommunen/"' in page
    sso.IKZ_OIDC_ENABLED = False
    assert "Single Sign-on" not in client.get(reverse("accounts:login")).content.decode()


def test_a_known_person_logs_in_by_verified_e_mail(world: World, client: Client, sso: Any) -> None:
    world.contact_a.email = "Anna.Beispiel@Raunheim.example"
    world.contact_a.save()
    response = sign_in(
        client, {"email": "anna.beispiel@raunheim.example", "email_verified": True}, next_url="/kommunen/"
    )
    assert response.status_code == 302 and response["Location"] == "/kommunen/"
    assert user_id(client) == str(world.contact_a.pk)
    assert client.session[BACKEND_SESSION_KEY] == "ikz.accounts.oidc.OidcBackend"
    assert client.get("/kommunen/").status_code == 200


def test_an_unknown_person_is_refused_in_german_and_no_account_is_created(
    world: World, client: Client, sso: Any
) -> None:
    from ikz.accounts.models import User

    before = User.objects.count()
    response = sign_in(
        client, {"email": "neu@kreis.example", "email_verified": True, "preferred_username": "neu"}
    )
    assert response["Location"] == reverse("accounts:login") and user_id(client) is None
    page = client.get(response["Location"]).content.decode()
    assert "auf der Plattform gibt es für Sie noch kein Konto" in page and "Geschäftsstelle" in page
    assert User.objects.count() == before


def test_an_unverified_e_mail_address_does_not_open_an_account(
    world: World, client: Client, sso: Any
) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": False})
    assert user_id(client) is None
    assert "keine bestätigte E-Mail-Adresse" in client.get(response["Location"]).content.decode()


def test_a_deactivated_account_is_refused(world: World, client: Client, sso: Any) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.is_active = False
    world.contact_a.save()
    sign_in(client, {"email": "anna@raunheim.example", "email_verified": True})
    assert user_id(client) is None


@pytest.mark.parametrize("forged", [{"aud": "andere-anwendung"}, {"iss": "https://fremd.example/realms/x"}])
def test_a_token_for_another_client_or_from_another_issuer_is_refused_on_a_german_page(
    world: World, client: Client, sso: Any, forged: dict[str, str]
) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": True}, token=forged)
    assert user_id(client) is None and response.status_code == 403
    page = response.content.decode()
    assert "konnte nicht bestätigt werden" in page and "Sie wurden nicht angemeldet" in page
    assert f'href="{reverse("accounts:login")}"' in page and "Traceback" not in page


def test_a_token_with_a_bad_signature_is_refused_on_a_german_page(
    world: World, client: Client, sso: Any
) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": True}, key=stranger)
    assert user_id(client) is None and response.status_code == 403
    assert "konnte nicht bestätigt werden" in response.content.decode()


def test_an_answer_with_an_unknown_state_gets_the_german_400_page(
    world: World, client: Client, sso: Any
) -> None:
    """A tampered or replayed answer, or one for a login begun in another browser."""
    client.get(reverse("accounts:sso_login"))  # a login is under way, with another state
    for params in [{"code": "x", "state": "erfunden"}, {"code": "x"}, {}]:
        response = client.get(reverse("accounts:sso_callback"), params)
        assert response.status_code == 400, params
        page = response.content.decode()
        assert "passt zu keiner Anmeldung" in page and f'href="{reverse("accounts:login")}"' in page
        assert "Bad Request" not in page and "oidc_states" not in page
    assert user_id(client) is None


def test_a_provider_that_does_not_answer_gets_a_german_page(world: World, client: Client, sso: Any) -> None:
    world.contact_a.email = "anna@raunheim.example"
    world.contact_a.save()
    response = sign_in(client, {"email": "anna@raunheim.example", "email_verified": True}, unreachable=True)
    assert response.status_code == 503 and user_id(client) is None
    assert "hat der Plattform nicht geantwortet" in response.content.decode()


def test_matching_by_user_name(world: World, client: Client, sso: Any) -> None:
    sso.IKZ_OIDC_MATCH_BY = "username"
    sign_in(client, {"preferred_username": "Contact_A"})
    assert user_id(client) == str(world.contact_a.pk)


@pytest.mark.parametrize("claim", ["preferred_username", "upn"])
def test_a_user_name_only_in_the_id_token_is_used_as_ad_fs_and_entra_id_send_it(
    world: World, client: Client, sso: Any, claim: str
) -> None:
    """AD FS answers only ``sub`` at user info, Entra ID no ``preferred_username``."""
    sso.IKZ_OIDC_MATCH_BY = "username"
    sso.IKZ_OIDC_USERNAME_CLAIM = claim
    sign_in(client, {}, token={claim: "contact_a"})
    assert user_id(client) == str(world.contact_a.pk)


def test_user_info_of_another_subject_is_refused(world: World, client: Client, sso: Any) -> None:
    sso.IKZ_OIDC_MATCH_BY = "username"
    response = sign_in(client, {"sub": "jemand-anderes", "preferred_username": "contact_a"})
    assert user_id(client) is None and response.status_code == 403


def test_a_provider_error_or_a_cancelled_login_gets_a_german_page(
    world: World, client: Client, sso: Any
) -> None:
    start = client.get(reverse("accounts:sso_login"))
    state = start["Location"].split("state=")[1].split("&")[0]
    response = client.get(reverse("accounts:sso_callback"), {"error": "access_denied", "state": state})
    assert response.status_code == 403 and user_id(client) is None
    page = response.content.decode()
    assert "hat die Anmeldung abgebrochen oder abgelehnt" in page
    assert f'href="{reverse("accounts:login")}"' in page and f'href="{reverse("accounts:sso_login")}"' in page
    assert state not in client.session.get("oidc_states", {})  # the state cannot be replayed


def test_single_sign_on_skips_the_local_second_factor_and_the_office_requirement(
    world: World, client: Client, sso: Any
) -> None:
    """The identity provider is responsible for MFA (documented for Keycloak)."""
    from ikz.accounts import services

    sso.IKZ_2FA_REQUIRED_FOR_OFFICE = True
    services.start_totp_setup(world.steering, actor=world.steering)
    world.office.email = "gs@kreis.example"
    world.office.save()
    response = sign_in(client, {"email": "gs@kreis.example", "email_verified": True})
    assert response["Location"] == "/" and user_id(client) == str(world.office.pk)
    assert client.get(reverse("municipalities:region_list")).status_code == 200
    # the same office account with its password is sent to the set-up
    other = Client()
    other.post(reverse("accounts:login"), {"username": "office", "password": PASSWORD})
    assert other.get(reverse("municipalities:region_list"))["Location"] == reverse("accounts:two_factor")


def test_with_sso_on_its_two_urls_are_the_only_additions_and_behave_for_every_persona(
    world: World, sso: Any
) -> None:
    from django.urls import get_resolver

    added = _all_url_names(get_resolver("ikz.accounts.tests.sso_urls")) - _all_url_names(
        get_resolver("ikz.urls")
    )
    assert added == {"accounts:sso_login", "accounts:sso_callback"}
    for persona in PERSONAS:
        client = world.client_for(persona)
        start = client.get(reverse("accounts:sso_login"))
        assert start.status_code == 302 and start["Location"].startswith(REALM), persona
        answer = client.get(reverse("accounts:sso_callback"))
        assert answer.status_code == 400 and "passt zu keiner Anmeldung" in answer.content.decode(), persona


def test_with_sso_off_no_sso_url_exists(world: World) -> None:
    for name in ["accounts:sso_login", "accounts:sso_callback"]:
        with pytest.raises(NoReverseMatch):
            reverse(name)
    assert world.client_for("anonymous").get("/konto/sso/").status_code == 404
