"""Pure rules of people and access: what a role is bound to, an office's scope, invitation links."""

from __future__ import annotations

import datetime as dt

from ikz.accounts import rules

NOW = dt.datetime(2026, 12, 6, 12, 0, tzinfo=dt.UTC)


def test_a_municipal_role_needs_a_municipality_and_no_region() -> None:
    assert rules.target_errors("contact", None, 7) == {}
    assert set(rules.target_errors("contact", None, None)) == {"municipality"}
    assert set(rules.target_errors("member", 3, 7)) == {"region"}


def test_a_region_role_needs_a_region_except_the_platform_roles() -> None:
    assert rules.target_errors("steering", 3, None) == {}
    assert set(rules.target_errors("steering", None, None)) == {"region"}
    assert rules.target_errors("office", None, None) == {}  # the platform-wide office
    assert rules.target_errors("project_lead", None, None) == {}
    assert set(rules.target_errors("office", 3, 7)) == {"municipality"}
    assert set(rules.target_errors("king", 3, None)) == {"role"}


def test_the_scope_of_a_region_office() -> None:
    scope = rules.Scope(regions=frozenset({1}), municipalities=frozenset({10, 11}))
    assert scope.any and not scope.everything
    assert scope.allows("steering", 1, None)
    assert not scope.allows("steering", 2, None)
    assert not scope.allows("office", None, None)  # platform-wide: not for a region's office
    assert scope.allows("contact", None, 10)
    assert not scope.allows("contact", None, 12)
    assert "Region" in scope.refusal("steering", 2, None)["region"]
    assert "plattformweite" in scope.refusal("office", None, None)["region"]
    assert "Kommune" in scope.refusal("member", None, 12)["municipality"]
    assert scope.refusal("contact", None, 11) == {}


def test_the_platform_office_may_everything_and_nobody_else_anything() -> None:
    assert rules.Scope(everything=True).allows("office", None, None)
    assert rules.Scope(everything=True).covers([])
    nobody = rules.Scope()
    assert not nobody.any and not nobody.allows("contact", None, 10)


def test_an_office_manages_a_person_only_when_every_role_is_inside() -> None:
    scope = rules.Scope(regions=frozenset({1}), municipalities=frozenset({10}))
    assert scope.covers([("contact", None, 10), ("steering", 1, None)])
    assert not scope.covers([("contact", None, 10), ("contact", None, 99)])
    assert not scope.covers([])  # a person without roles belongs to the platform-wide office


def test_invitation_states_in_order_of_precedence() -> None:
    later = NOW + dt.timedelta(days=1)
    assert rules.invitation_state(NOW, expires_at=later, used_at=None, replaced_at=None) == "open"
    assert rules.invitation_state(later, expires_at=later, used_at=None, replaced_at=None) == "expired"
    assert rules.invitation_state(NOW, expires_at=later, used_at=None, replaced_at=NOW) == "replaced"
    assert rules.invitation_state(later, expires_at=NOW, used_at=NOW, replaced_at=NOW) == "used"
    assert rules.invitation_expiry(NOW) == NOW + dt.timedelta(days=7)


def test_tokens_are_random_and_only_their_hash_is_kept() -> None:
    one, two = rules.new_invitation_token(), rules.new_invitation_token()
    assert one != two and len(one) >= 40
    assert rules.hash_token(one) == rules.hash_token(one) != rules.hash_token(two)
    assert len(rules.hash_token(one)) == 64 and one not in rules.hash_token(one)


def test_user_names_from_the_address() -> None:
    taken = {"erika@kreis.example", "erika-2@kreis.example"}
    assert rules.username_from_email(" Anna@Kreis.Example ", taken.__contains__) == "anna@kreis.example"
    assert rules.username_from_email("Erika@kreis.example", taken.__contains__) == "erika-3@kreis.example"


def test_person_status() -> None:
    assert rules.person_status(active=False, has_password=True, link_open=False) == "deactivated"
    assert rules.person_status(active=True, has_password=False, link_open=True) == "invited"
    assert rules.person_status(active=True, has_password=False, link_open=False) == "link_expired"
    assert rules.person_status(active=True, has_password=True, link_open=False) == "active"
    assert set(rules.status_labels()) == {"active", "deactivated", "invited", "link_expired"}
    assert set(rules.role_allows()) == {"office", "steering", "project_lead", "contact", "member"}
