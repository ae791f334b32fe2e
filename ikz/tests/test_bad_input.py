"""Bad input on every web form: overlong text, wrong types, script payloads, other regions' objects.

One table (``ENTRIES``) lists every URL that accepts a POST: who may post, the values a valid post
needs beyond what the form shows, and what is special about its fields. The attacks are derived
from the form as the page renders it (``ikz/tests/html_forms.py``), so a new field is attacked
without a new line here:

(a) every text field with 10,000 characters: a re-rendered form with a German error, never a 500,
    and nothing written (an accepted text must fit its column: free text in a textarea may be long);
(b) letters in numbers, 31.02. dates, unknown choices, negative numbers (none is allowed unless
    the entry lists it as ``signed``), letters in hidden version fields: a German error, nothing
    written;
(c) ``<script>`` and ``"><img onerror>`` in the accepted text fields: saved verbatim (the audit
    entry has them) and rendered escaped on the page the form leads to;
(d) the same URL with the objects of a second region (``foreign_args``) → 403/404, and the other
    region's objects in posted selects or hidden fields (``foreign_fields``) → an error; both write
    nothing.

``test_every_post_url_is_in_the_table`` posts an empty body to every URL of the project; each one
that does not answer 405 needs an entry here, an exemption with a reason (``EXEMPT``), or is a page
or download without a form of its own (``READ_ONLY``, ``DOWNLOADS``; checked to write nothing).
The API's writes are attacked in ikz/api/tests/test_api.py.
"""

from __future__ import annotations

import datetime as dt
import functools
import html
import json
import operator
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, models, transaction
from django.db.models import Q
from django.db.models.functions import Length
from django.test import Client
from django.urls import reverse

from ikz.accounts.models import Role
from ikz.audit.models import Action, AuditEntry
from ikz.cooperation.models import CooperationField, TaskArea
from ikz.costs.models import GrantProgramme, PositionCost
from ikz.membership.tests.helpers import coop_office
from ikz.membership.tests.word import word_file
from ikz.municipalities.models import ContactPerson, Kind, Level, Region, RegionMember
from ikz.test import PASSWORD, World, add_population, make_unit, make_user
from ikz.tests import test_persona_matrix as matrix
from ikz.tests.html_forms import Form, forms_of

Args = Callable[[World, dict[str, Any]], list[object]]
Values = Callable[[World, dict[str, Any]], dict[str, Any]]

LONG = "x" * 10_000
SCRIPT = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
ESCAPED = ("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;img src=x onerror=alert(1)&gt;")
RAW = ("<script>alert", "<img src=x")
ENGLISH = ("This field", "Ensure this value", "Enter a ", "Select a valid", "is not one of", "Invalid")
ERROR_MARKS = ("kern-error", "kern-alert--danger")
MATRIX_ARGS: dict[str, Args] = {}
for _name, _args, _expected in matrix.MATRIX:
    MATRIX_ARGS.setdefault(_name, _args)


@dataclass(frozen=True)
class Entry:
    name: str
    persona: str = "office"
    args: Args | None = None  # default: the persona matrix's args for this URL name
    valid: Values = lambda w, o: {}  # added to what the form sends as it is shown
    setup: Callable[[World, dict[str, Any]], None] | None = None  # extra objects the form needs
    form_page: Args | None = None  # the page holding the form, when the URL is a POST-only action
    strict: tuple[str, ...] = ()  # text fields with a format (keys, slugs, numbers): no script payload
    typed: tuple[str, ...] = ()  # text inputs holding numbers or dates: mistyped with letters
    signed: tuple[str, ...] = ()  # number fields that may be negative (all others must refuse -5)
    skip: tuple[str, ...] = ()  # fields not attacked at all (reason next to the entry)
    foreign_fields: dict[str, str] = field(default_factory=dict)  # posted field -> foreign object
    foreign_args: bool = True  # False: the second region's object is legitimately visible
    # another persona and args naming an object it may not see (when the poster sees everything)
    outsider: tuple[str, Args] | None = None
    shows: Args | None = None  # the page showing the saved text (default: where the post leads)
    shown: bool = True  # False: the text goes to the history only (no page shows it)
    ok: tuple[int, ...] = (302,)
    files: Callable[[], dict[str, Any]] | None = None  # uploads a valid post needs
    ignore: tuple[str, ...] = ()  # models a refused post writes on purpose (e.g. failed logins)


def _upload() -> dict[str, Any]:
    return {"file": SimpleUploadedFile("vermerk.txt", b"Vermerk zur Beschaffung", "text/plain")}


def _word_template() -> None:
    from ikz.membership.models import Cooperative
    from ikz.membership.services import save_docx_template

    content = word_file("{{ Mitglied_Satzanfang }} zeigt an.")
    save_docx_template(
        Cooperative.objects.get(), "anzeige", content, "a.docx", expected_version=None, actor=None
    )


def _pk(key: str) -> Callable[[World, dict[str, Any]], Any]:
    return lambda w, o: o[key].pk


def _grant_programme(w: World, o: dict[str, Any]) -> None:
    GrantProgramme.objects.create(name="IKZ-Förderung Test", giver="Land", source="Richtlinie")


def _position_cost(w: World, o: dict[str, Any]) -> None:
    PositionCost.objects.create(
        pay_grade="E 9a",
        year=2024,
        personnel_cost=Decimal(60000),
        material_cost=Decimal(9700),
        source="KGSt",
    )


def _convened(o: dict[str, Any], *, attending: bool = False) -> None:
    """The persona matrix's assembly (held) opened again, with Kommune A taking part."""
    from ikz.governance.models import Assembly, Attendance

    Assembly.objects.filter(pk=o["g_assembly"].pk).update(state="convened", chair="")
    if attending:
        Attendance.objects.create(
            assembly=o["g_assembly"], member=o["m_member"], mode="representative", person="OB"
        )


TODAY = dt.date.today().isoformat()

ENTRIES: list[Entry] = [
    # accounts (Django's auth forms in German; login and reset as the anonymous visitor)
    # a failed login is counted (throttling); a user name is no text shown anywhere
    Entry(
        "accounts:login",
        "anonymous",
        valid=lambda w, o: {"username": "office", "password": PASSWORD},
        strict=("username",),
        skip=("next",),  # a redirect target: see test_login_does_not_follow_a_foreign_next
        ignore=("accounts.LoginFailure",),
    ),
    Entry(
        "accounts:password_change",
        valid=lambda w, o: {
            "old_password": PASSWORD,
            "new_password1": "Neues-Passwort-2027!",
            "new_password2": "Neues-Passwort-2027!",
        },
    ),
    Entry("accounts:password_reset", "anonymous", valid=lambda w, o: {"email": "office@example.org"}),
    Entry("api:token_create", valid=lambda w, o: {"name": "Fachverfahren"}, ok=(200,)),
    Entry("api:token_revoke", "contact_a", form_page=lambda w, o: [reverse("api:token_list")]),
    # municipalities
    Entry(
        "municipalities:organisation_create",
        valid=lambda w, o: {"name": "Jobcenter Test", "parent_key": w.kreis.key, "municipal_share": "100"},
        strict=("parent_key",),
    ),
    # the office keeps every municipality's master data: the foreign object is tried by a contact
    Entry("municipalities:municipality_edit", "contact_a", strict=("postal_code",)),
    Entry(
        "municipalities:population_add",
        valid=lambda w, o: {"stichtag": "2025-12-31", "total": "15400", "source": "Statistik"},
        foreign_args=False,  # the office keeps the register of every municipality
    ),
    Entry("municipalities:contact_create", "contact_a", valid=lambda w, o: {"name": "Max Muster"}),
    Entry("municipalities:contact_edit", "contact_a"),
    Entry(
        "municipalities:region_create",
        "coop_office",
        valid=lambda w, o: {"name": "Neue Region", "slug": "neue-region"},
        strict=("slug", "office_host_key"),
    ),
    Entry("municipalities:region_edit", strict=("slug", "office_host_key"), foreign_args=True),
    Entry("municipalities:region_members_edit", strict=("form-0-key", "form-1-key", "form-2-key")),
    Entry(
        "municipalities:region_steering_edit",
        valid=lambda w, o: {"form-0-name": "Anna Steuer", "form-0-function": "Vorsitz"},
    ),
    Entry(
        "municipalities:region_classes_edit",
        valid=lambda w, o: {"form-0-label": "klein", "form-0-lower": "0", "form-0-upper": "20000"},
        strict=("form-1-label",),  # text in the empty second row makes it a row without bounds
    ),
    # cooperation (task areas and fields are shared by all regions: no foreign object)
    Entry("cooperation:taskarea_create", valid=lambda w, o: {"name": "Bauhof"}),
    Entry("cooperation:taskarea_edit", foreign_args=False),
    Entry("cooperation:field_create", valid=lambda w, o: {"name": "Winterdienst"}, foreign_args=False),
    Entry("cooperation:field_edit", foreign_args=False),
    Entry(
        "cooperation:cooperation_create",
        valid=lambda w, o: {"field": o["field"].pk, "title": "Bauhofverbund", "p-0-status": "exists"},
        foreign_fields={"p-0-municipality_id": "kommune"},
    ),
    Entry("cooperation:cooperation_edit", foreign_fields={"p-0-municipality_id": "kommune"}),
    Entry(
        "cooperation:cooperation_correct",
        valid=lambda w, o: {"what": "started_on", "effective_on": "2020-09-01", "reason": "laut Vertrag"},
        strict=("what",),
        shown=False,  # the reason is in the history (audit entry "berichtigt")
    ),
    Entry(
        "cooperation:operation_edit",
        typed=("staff_positions",),
        strict=(
            "external_host",
            "z-0-label",
            "z-1-label",
            "b-0-note",
        ),  # one host; a period, a meeting need dates
        foreign_fields={"host": "kommune"},
    ),
    Entry(
        "cooperation:participation_record",
        valid=lambda w, o: {"kind": "join", "municipality": w.kommune_b.pk, "date": "2025-01-01"},
        foreign_fields={"municipality": "kommune"},
    ),
    # surveys
    Entry(
        "surveys:campaign_create",
        valid=lambda w, o: {
            "title": "Bestandsaufnahme 2027",
            "period_start": "2027-01-01",
            "period_end": "2027-03-31",
            "deadline": "2027-04-30",
        },
    ),
    Entry("surveys:campaign_edit"),
    Entry(
        "surveys:variant_create",
        valid=lambda w, o: {"name": "Anlage 2 – Kreise", "coop_fields": o["field"].pk},
    ),
    Entry("surveys:variant_edit", valid=lambda w, o: {"coop_fields": o["field"].pk}),
    Entry(
        "surveys:remind",
        form_page=lambda w, o: [reverse("surveys:tracking", args=[o["campaign"].pk])],
    ),
    Entry(
        "surveys:response_edit",
        "contact_a",
        setup=lambda w, o: o["variant"].fields.add(o["field"]),
        valid=lambda w, o: {"a-0-title": "Vergabestelle", "a-0-kind": "exists", "a-0-field": o["field"].pk},
        foreign_fields={
            "a-0-lead": "kommune",
            "a-0-partners": "kommune",
            "a-0-cooperation_id": "cooperation",
        },
    ),
    Entry("surveys:response_submit", "contact_a"),
    Entry(
        "surveys:response_reopen",
        form_page=lambda w, o: [reverse("surveys:response_detail", args=[o["campaign"].pk, w.kommune_a.pk])],
        setup=lambda w, o: _submit_response(w, o),
        shown=False,  # the reason goes to the response's history
    ),
    Entry(
        "surveys:response_correct",
        form_page=lambda w, o: [reverse("surveys:response_detail", args=[o["campaign"].pk, w.kommune_a.pk])],
        setup=lambda w, o: _submit_response(w, o),
        # the campaign opened on 1.11.2026; the sheet was submitted today
        valid=lambda w, o: {
            "berichtigung-submitted_on": "2026-11-01",
            "berichtigung-reason": "Eingangsstempel",
        },
        shown=False,  # the reason goes to the response's history
    ),
    # interests
    Entry(
        "interests:call_create",
        valid=lambda w, o: {"title": "Interessenbekundung 2027", "deadline": "2027-06-30"},
    ),
    Entry("interests:call_edit"),
    Entry("interests:call_status", valid=lambda w, o: {"status": "closed"}),
    Entry("interests:topic_create", valid=lambda w, o: {"label": "Bauhof", "task_area": o["area"].pk}),
    Entry("interests:topic_edit"),
    Entry("interests:declaration_edit", "contact_a"),
    Entry("interests:proposal_create", setup=lambda w, o: _submit_declarations(o)),
    Entry(
        "interests:declaration_correct",
        form_page=lambda w, o: [reverse("interests:declaration_detail", args=[o["call"].pk, w.kommune_a.pk])],
        setup=lambda w, o: _send_declaration(w, o),
        valid=lambda w, o: {"berichtigung-submitted_on": "2026-11-01", "berichtigung-reason": "Posteingang"},
        shown=False,  # the reason goes to the declaration's history
    ),
    # resolutions
    Entry(
        "resolutions:resolution_create",
        "contact_a",
        valid=lambda w, o: {
            "subject": "membership",
            "body": "stvv",
            "date": "2025-03-01",
            "outcome": "adopted_council",
        },
    ),
    Entry("resolutions:resolution_edit", "contact_a"),
    Entry(
        "resolutions:resolution_correct",
        "contact_a",
        form_page=lambda w, o: [reverse("resolutions:resolution_detail", args=[o["resolution"].pk])],
        valid=lambda w, o: {"berichtigung-date": "2013-10-25", "berichtigung-reason": "Niederschrift"},
        shown=False,  # the reason goes to the resolution's history
    ),
    # projects
    Entry(
        "projects:project_create",
        valid=lambda w, o: {"title": "Gemeinsamer Bauhof"},
        foreign_fields={"lead_municipality": "kommune"},
    ),
    Entry("projects:project_edit", foreign_fields={"lead_municipality": "kommune"}),
    Entry("projects:project_transition"),
    Entry(
        "projects:project_back_capture",
        valid=lambda w, o: {"title": "Bezügeabrechnung (nacherfasst)", "date_proposal": "2014-01-15"},
    ),
    # the reason of a correction goes to the project's history (audit), not onto a page
    Entry(
        "projects:step_correct",
        valid=lambda w, o: {"effective_on": "2014-02-01", "reason": "laut Protokoll der Lenkungsgruppe"},
        shown=False,
    ),
    Entry("projects:milestone_create", valid=lambda w, o: {"title": "Konzept", "planned": "2015-03-31"}),
    Entry("projects:milestone_edit"),
    Entry(
        "projects:decision_create",
        valid=lambda w, o: {"date": "2014-10-01", "text": "Die Lenkungsgruppe stimmt zu."},
        foreign_fields={"milestone": "milestone"},
    ),
    Entry("projects:lesson_create", valid=lambda w, o: {"title": "Früh einbinden", "worked": "Workshops"}),
    Entry("projects:lesson_edit"),
    Entry("projects:participation_edit"),
    Entry(
        "projects:participation_confirm",
        form_page=lambda w, o: [reverse("projects:project_detail", args=[o["project"].pk])],
    ),
    Entry(
        "projects:project_publish",
        form_page=lambda w, o: [reverse("projects:project_detail", args=[o["project"].pk])],
    ),
    Entry(
        "projects:charter_store",
        form_page=lambda w, o: [reverse("projects:project_detail", args=[o["project"].pk])],
    ),
    Entry(
        "projects:proposal_take_over",
        args=lambda w, o: [w.region.slug, o["proposal"].pk],
        setup=lambda w, o: _propose(o),
        foreign_args=False,  # the second region has no proposal; projects' region check is in (d) above
        form_page=lambda w, o: [reverse("projects:project_create", args=[w.region.slug])],
    ),
    # reports
    Entry(
        "reports:report_store",
        form_page=lambda w, o: [reverse("reports:report_detail", args=[w.region.slug, 2014])],
    ),
    # costs
    Entry("costs:key_edit", typed=("case_years",), strict=("size_classes", "caps")),  # lists
    Entry("costs:allocation_create", valid=lambda w, o: {"year": "2026", "total": "12000"}),
    Entry("costs:allocation_recalculate", args=lambda w, o: [o["costs_draft"].pk]),
    Entry("costs:allocation_release", args=lambda w, o: [o["costs_draft"].pk]),
    Entry(
        "costs:grant_create",
        setup=_grant_programme,
        valid=lambda w, o: {
            "programme": GrantProgramme.objects.get(name="IKZ-Förderung Test").pk,
            "status": "planned",
        },
    ),
    Entry(
        "costs:savings_create",
        valid=lambda w, o: {"year_from": "2024", "year_to": "2024", "amount": "1000", "kind": "prices"},
    ),
    Entry(
        "costs:staffing_edit",
        setup=_position_cost,
        valid=lambda w, o: {
            "task": "Vergabe",
            "hours_source": "KGSt",
            "pooled_grade": PositionCost.objects.get().pk,
            "rows": f"{w.kommune_a.key}; 100; 60; 0,5; E 9a",
        },
        strict=("rows",),  # a list: AGS; cases; minutes; positions; grade
    ),
    # membership: the cooperative's office sees every member, so no object is foreign to it; the
    # member of Kommune A tries Kommune B's onboarding instead
    Entry(
        "membership:onboarding_create",
        "coop_office",
        valid=lambda w, o: {"municipality": w.kreis.pk},
        foreign_args=False,
    ),
    Entry(
        "membership:onboarding_step_edit",
        "coop_office",
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk, 3]),
    ),
    Entry(
        "membership:onboarding_item_create",
        "coop_office",
        valid=lambda w, o: {"body": "Magistrat", "date": "2024-12-02"},
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk, "sitzung"]),
    ),
    Entry("membership:onboarding_item_edit", "coop_office", foreign_args=False),
    Entry(
        "membership:onboarding_step_correct",
        "coop_office",
        args=lambda w, o: [o["m_other"].pk, 1],
        valid=lambda w, o: {"completed_on": "2024-01-10", "reason": "Tippfehler im Datum"},
        setup=lambda w, o: (
            o["m_other"]
            .__class__.objects.filter(pk=o["m_other"].pk)
            .update(step=2, intent_completed_on=dt.date(2024, 1, 5))
        ),
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk, 1]),
        # the reason is kept in the history (the correction's audit entry)
        shows=lambda w, o: [reverse("membership:onboarding_history", args=[o["m_other"].pk])],
    ),
    Entry(
        "membership:onboarding_advance",
        "coop_office",
        args=lambda w, o: [o["m_other"].pk],
        form_page=lambda w, o: [reverse("membership:onboarding_detail", args=[o["m_other"].pk])],
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk]),
    ),
    Entry(
        "membership:onboarding_withdraw",
        "coop_office",
        args=lambda w, o: [o["m_other"].pk],
        form_page=lambda w, o: [reverse("membership:onboarding_detail", args=[o["m_other"].pk])],
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk]),
    ),
    Entry(
        "membership:onboarding_complete",
        "coop_office",
        args=lambda w, o: [o["m_other"].pk],
        setup=lambda w, o: _at_step_four(o["m_other"]),
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk]),
    ),
    Entry(
        "membership:document_create",
        "coop_office",
        form_page=lambda w, o: [reverse("membership:onboarding_detail", args=[o["m_onboarding"].pk])],
        foreign_args=False,
        outsider=("member", lambda w, o: [o["m_other"].pk, "anzeige"]),
    ),
    Entry(
        "membership:template_edit",
        "coop_office",
        shows=lambda w, o: [reverse("membership:template_edit", args=["anzeige"])],
        foreign_args=False,
    ),
    Entry(
        "membership:member_exit",
        "coop_office",
        shows=lambda w, o: [reverse("membership:member_history", args=[o["m_member"].pk])],
        foreign_args=False,
    ),
    Entry("membership:payment_create", "coop_office", foreign_args=False),
    Entry(
        "membership:request_create",
        "coop_office",
        valid=lambda w, o: {
            "member": o["m_member"].pk,
            "service": o["m_request"].service_id,
            "description": "Bitte um ein Angebot.",
        },
        foreign_args=False,
    ),
    Entry(
        "membership:offer_edit",
        "coop_office",
        valid=lambda w, o: {
            "pos-0-text": "Beratung",
            "pos-0-quantity": "2",
            "pos-0-unit": "Tag",
            "pos-0-unit_price": "800",
        },
        strict=("pos-1-text", "pos-2-text"),  # text in an empty position makes it incomplete
        foreign_args=False,
    ),
    Entry(
        "membership:offer_send",
        "coop_office",
        setup=lambda w, o: _offer(o),
        form_page=lambda w, o: [reverse("membership:request_detail", args=[o["m_request"].pk])],
        foreign_args=False,
    ),
    Entry(
        "membership:offer_decide",
        "member",  # the member decides, not the office
        setup=lambda w, o: _offer(o, send=True),
        form_page=lambda w, o: [reverse("membership:request_detail", args=[o["m_request"].pk])],
        foreign_args=False,
    ),
    # documents
    # the office sees every document: the foreign objects are tried by Kommune A's contact
    Entry(
        "documents:document_create",
        "contact_a",
        valid=lambda w, o: {
            "title": "Vereinbarung",
            "doc_type": "agreement",
            "date": "2025-01-01",
            "region": w.region.pk,
            "owner": w.kommune_a.pk,
        },
        files=_upload,
        foreign_fields={"owner": "kommune", "region": "region", "cooperation": "cooperation"},
    ),
    Entry(
        "documents:document_edit",
        "contact_a",
        foreign_fields={"owner": "kommune", "region": "region", "cooperation": "cooperation"},
    ),
    Entry("documents:version_create", "contact_a", files=_upload),
    # network (solutions and needs are seen by everyone; another municipality's entry is not writable)
    Entry(
        "network:solution_create",
        "contact_a",
        valid=lambda w, o: {
            "title": "Ratsinformationssystem",
            "description": "Gemeinsam betrieben",
            "field": o["field"].pk,
            "owner": w.kommune_a.pk,
            "contact": "Erika Beispiel",
        },
        foreign_fields={"owner": "kommune", "material": "document"},
    ),
    Entry("network:solution_edit", "contact_a", foreign_fields={"owner": "kommune", "material": "document"}),
    Entry(
        "network:solution_confirm",
        "contact_a",
        form_page=lambda w, o: [reverse("network:solution_detail", args=[o["solution"].pk])],
    ),
    Entry(
        "network:interest_create",
        "contact_b",
        valid=lambda w, o: {"municipality": w.kommune_b.pk},
        foreign_fields={"municipality": "kommune"},
        foreign_args=False,
    ),
    Entry(
        "network:need_create",
        "contact_a",
        valid=lambda w, o: {
            "title": "Ratsinformationssystem",
            "description": "gesucht",
            "field": o["field"].pk,
            "owner": w.kommune_a.pk,
        },
        foreign_fields={"owner": "kommune"},
    ),
    Entry("network:need_edit", "contact_a", foreign_fields={"owner": "kommune"}),
    Entry(
        "network:need_confirm",
        "contact_a",
        form_page=lambda w, o: [reverse("network:need_detail", args=[o["need"].pk])],
    ),
    # notifications, transfer, privacy
    Entry("notifications:preferences", "contact_a"),
    Entry("notifications:calendar", "contact_a", ok=(200,)),  # the page shows the new address
    Entry(
        "notifications:mark_read",
        "contact_a",
        setup=lambda w, o: _notification(w),
        skip=("ids",),  # only one's own notifications are marked; other numbers are ignored
        form_page=lambda w, o: [reverse("notifications:inbox")],
    ),
    Entry(
        "transfer:transfer_create",
        setup=lambda w, o: o.update(source=Region.objects.create(name="IKZ Vorlage", slug="vorlage")),
        valid=lambda w, o: {"source": o["source"].pk, "target": w.region.pk},
        foreign_fields={"target": "region"},  # only into a region of one's own office
        foreign_args=False,
        ok=(200,),  # the page shows what was copied
    ),
    Entry("privacy:export", ok=(200,), foreign_args=False),
    Entry("privacy:erase", valid=lambda w, o: {"confirm": "on"}, foreign_args=False),
    # imports: the framework's pages, with the case numbers of a cost key as the kind
    Entry(
        "imports:run_create",
        files=lambda: {
            "file": SimpleUploadedFile("fallzahlen.csv", "AGS;Jahr;Fälle\r\n06433010;2023;5\r\n".encode())
        },
    ),
    Entry(
        "imports:run_apply", form_page=lambda w, o: [reverse("imports:run_detail", args=[o["import_run"].pk])]
    ),
    Entry(
        "imports:run_reject",
        form_page=lambda w, o: [reverse("imports:run_detail", args=[o["import_run"].pk])],
    ),
    # people and access (the region's office; the other region's person is 404, its region and
    # municipality in the form are refused at the field)
    Entry(
        "accounts:person_invite",
        valid=lambda w, o: {
            "email": "erika@raunheim.example",
            "first_name": "Erika",
            "last_name": "Muster",
            "role": "contact",
            "municipality": w.kommune_a.pk,
        },
        foreign_fields={"municipality": "kommune", "region": "region"},
    ),
    Entry(
        "accounts:person_role_add",
        valid=lambda w, o: {"role": "steering", "region": w.region.pk},
        foreign_fields={"region": "region", "municipality": "kommune"},
    ),
    Entry("accounts:person_role_remove", form_page=lambda w, o: [_person_page(w)]),
    Entry("accounts:person_deactivate", form_page=lambda w, o: [_person_page(w)]),
    Entry(
        "accounts:person_reactivate",
        setup=lambda w, o: _deactivated(w),
        form_page=lambda w, o: [_person_page(w)],
    ),
    Entry(
        "accounts:person_two_factor_reset",
        setup=lambda w, o: _with_second_factor(w),
        form_page=lambda w, o: [_person_page(w)],
    ),
    Entry(
        "accounts:person_invitation_resend",
        setup=lambda w, o: _invited(w, "offen", days=7),
        form_page=lambda w, o: [_person_page(w)],
    ),
    Entry(
        "accounts:invitation_accept",
        "anonymous",
        args=lambda w, o: ["einladung-offen"],
        setup=lambda w, o: _invited(w, "einladung-offen", days=7),
        valid=lambda w, o: {"new_password1": "Sonnenblume-2027!", "new_password2": "Sonnenblume-2027!"},
        foreign_args=False,
    ),
    Entry(
        "accounts:invitation_renew",
        "anonymous",
        args=lambda w, o: ["einladung-alt"],
        setup=lambda w, o: _invited(w, "einladung-alt", days=-1),
        form_page=lambda w, o: [reverse("accounts:invitation_accept", args=["einladung-alt"])],
        foreign_args=False,
    ),
    # catalogues and publishing (decisions 118-121): the cooperative's team and the platform office
    # keep what holds for every region (no object is foreign to them); a region's office its portal
    Entry(
        "membership:service_create",
        "coop_office",
        valid=lambda w, o: {"category": "product", "name": "Hinweisgeberschutz"},
        foreign_args=False,
    ),
    Entry("membership:service_edit", "coop_office", foreign_args=False),
    Entry(
        "membership:service_retire",
        "coop_office",
        foreign_args=False,
        form_page=lambda w, o: [reverse("membership:service_list")],
    ),
    Entry(
        "membership:member_enter",
        "coop_office",
        valid=lambda w, o: {
            "municipality": w.kommune_b.pk,
            "admitted_on": "2019-03-01",
            "shares": "2",
            "amount": "1000",
            "paid_on": "2019-03-15",
        },
        strict=("number",),  # a member number: no text shown as prose
        foreign_args=False,
    ),
    Entry(
        "membership:share_create",
        "coop_office",
        valid=lambda w, o: {"count": "1", "effective_on": "2025-06-01"},
        foreign_args=False,
    ),
    Entry(
        "costs:programme_create",
        "coop_office",
        valid=lambda w, o: {
            "name": "Landesprogramm IKZ",
            "giver": "Land",
            "source": "Richtlinie",
            "stufe-0-min_participants": "2",
            "stufe-0-amount": "50000",
        },
        foreign_args=False,
    ),
    Entry("costs:programme_edit", "coop_office", foreign_args=False),
    Entry(
        "costs:programme_retire",
        "coop_office",
        foreign_args=False,
        form_page=lambda w, o: [reverse("costs:programme_list")],
    ),
    Entry("portal:news_create", valid=lambda w, o: {"title": "Neue Kooperation", "text": "Text"}),
    Entry("portal:news_edit"),
    Entry(
        "portal:news_publish",
        form_page=lambda w, o: [reverse("portal:news_edit", args=[w.region.slug, o["news_draft"].pk])],
    ),
    Entry(
        "portal:cooperation_publish",
        form_page=lambda w, o: [reverse("portal:publishing", args=[w.region.slug])],
    ),
    Entry(
        "portal:project_publish",
        form_page=lambda w, o: [reverse("portal:publishing", args=[w.region.slug])],
    ),
    # a new region from the register: the proposal for the world's Kreis, saved by a region office
    Entry(
        "municipalities:region_from_register",
        form_page=lambda w, o: [reverse("municipalities:region_from_register") + "?kreis=06433"],
        strict=("slug",),
        foreign_args=False,
    ),
    # a failed background job tried again from its page (a button without fields)
    Entry("jobs:job_retry", form_page=lambda w, o: [reverse("jobs:job_detail", args=[o["failed_job"].pk])]),
    # council drafts for every member: the session date; a valid post queues the job
    Entry("resolutions:council_drafts_all", valid=lambda w, o: {"alle-session_date": "2027-03-01"}),
    # the operator's legal pages, written by the platform-wide office: the Impressum exists (with
    # its version), the privacy policy and the accessibility statement are written for the first time
    Entry("legal:imprint_edit", "coop_office", foreign_args=False),
    Entry(
        "legal:privacy_policy_edit",
        "coop_office",
        valid=lambda w, o: {"body": "Verantwortlich: Kreis"},
        foreign_args=False,
    ),
    Entry(
        "legal:accessibility_edit",
        "coop_office",
        valid=lambda w, o: {
            "conformity": "teilweise",
            "limitations": "Ältere PDF-Dokumente sind nicht getaggt.",
            "statement_date": TODAY,
            "contact_email": "barrierefreiheit@example.org",
        },
        strict=("contact_phone",),  # digits and + ( ) / - only
        foreign_args=False,
    ),
    Entry(
        "api:technical_create",
        valid=lambda w, o: {
            "technisch-name": "Fachverfahren Kreis",
            "technisch-region": w.region.pk,
            "technisch-expires_on": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        },
        ok=(200,),  # the key is shown once on the answer page
        shows=lambda w, o: [reverse("api:token_list")],
    ),
    Entry(
        "membership:template_upload",
        "coop_office",
        files=lambda: {
            "file": SimpleUploadedFile("anzeige.docx", word_file("{{ Mitglied_Satzanfang }} zeigt an."))
        },
        shows=lambda w, o: [reverse("membership:template_preview", args=["anzeige"])],
        foreign_args=False,
    ),
    Entry(
        "membership:template_word_remove",
        "coop_office",
        form_page=lambda w, o: [reverse("membership:template_preview", args=["anzeige"])],
        setup=lambda w, o: _word_template(),
    ),
    # the cooperative's e-invoices (decisions 250-255): seller data, billing data, a share invoice
    # for the member of Kommune B, an invoice for the accepted (tax-exempt) order, a credit note
    Entry(
        "invoicing:seller_edit",
        "coop_office",
        strict=("iban", "bic", "vat_id", "tax_number"),  # checked formats (IBAN check digits, DE + 9 digits)
        foreign_args=False,
    ),
    Entry(
        "invoicing:billing_edit",
        "coop_office",
        strict=("leitweg_id", "postal_code"),  # the Leitweg-ID has check digits
        foreign_args=False,
    ),
    Entry(
        "invoicing:share_invoice_create",
        "coop_office",
        valid=lambda w, o: {"member": o["i_member_b"].pk, "issued_on": TODAY},
        foreign_args=False,
    ),
    Entry(
        "invoicing:order_invoice_create",
        "coop_office",
        valid=lambda w, o: {"order": o["i_order"].pk, "issued_on": TODAY, "delivered_on": TODAY},
        foreign_args=False,
    ),
    Entry(
        "invoicing:invoice_cancel",
        "coop_office",
        valid=lambda w, o: {"issued_on": TODAY, "reason": "doppelt berechnet"},
        foreign_args=False,
    ),
    # governance (organs and general assembly) and letters of intent: the cooperative's office
    # sees every object of the cooperative, so none is foreign to it (as for membership)
    Entry("governance:settings_edit", "coop_office", foreign_args=False),
    Entry(
        "governance:seat_create",
        "coop_office",
        valid=lambda w, o: {"organ": "board", "person": "Vorstand Zwei", "started_on": "2026-01-01"},
        foreign_args=False,
    ),
    Entry(
        "governance:seat_end",
        "coop_office",
        valid=lambda w, o: {"ended_on": "2026-06-30"},
        foreign_args=False,
    ),
    Entry(
        "governance:assembly_create",
        "coop_office",
        valid=lambda w, o: {
            "kind": "extraordinary",
            "form": "virtual",
            "date": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
            "place": "Videokonferenz",
            "convened_by": "board",
            "invited_on": TODAY,
        },
        typed=("time",),  # SS:MM
        foreign_args=False,
    ),
    Entry(
        "governance:item_create",
        "coop_office",
        setup=lambda w, o: _convened(o),
        valid=lambda w, o: {
            "title": "Bericht des Vorstands",
            "resolution_kind": "none",
            "announced_on": "2026-03-01",
        },
        foreign_args=False,
    ),
    Entry(
        "governance:invitations_send",
        "coop_office",
        setup=lambda w, o: _convened(o),
        form_page=lambda w, o: [o["g_assembly"].get_absolute_url()],
        foreign_args=False,
    ),
    Entry(
        "governance:attendance_create",
        "coop_office",
        setup=lambda w, o: _convened(o),
        valid=lambda w, o: {
            "member": o["m_member"].pk,
            "mode": "representative",
            "person": "Bürgermeisterin",
        },
        foreign_args=False,
    ),
    Entry(
        "governance:votes_edit",
        "coop_office",
        setup=lambda w, o: _convened(o, attending=True),
        valid=lambda w, o: {f"m{o['m_member'].pk}": "yes"},
        foreign_args=False,
    ),
    Entry(
        "governance:assembly_close",
        "coop_office",
        setup=lambda w, o: _convened(o, attending=True),
        form_page=lambda w, o: [o["g_assembly"].get_absolute_url()],
        valid=lambda w, o: {"chair": "Aufsichtsratsvorsitz"},
        foreign_args=False,
    ),
    Entry(
        "governance:minutes_sign",
        "coop_office",
        form_page=lambda w, o: [o["g_assembly"].get_absolute_url()],
        valid=lambda w, o: {"board_signatory": o["g_seat"].pk, "minutes_signed_on": "2026-03-21"},
        foreign_args=False,
    ),
    Entry(
        "membership:intent_create",
        "coop_office",
        valid=lambda w, o: {"municipality": w.kreis.pk, "signed_on": "2026-01-05"},
        shows=lambda w, o: [reverse("membership:intent_list")],
        foreign_args=False,
    ),
    Entry(
        "membership:intent_start",
        "coop_office",
        form_page=lambda w, o: [reverse("membership:intent_list")],
        foreign_args=False,
    ),
    Entry(
        "membership:intent_withdraw",
        "coop_office",
        form_page=lambda w, o: [reverse("membership:intent_list")],
        foreign_args=False,
    ),
    Entry(
        "membership:growth_edit",
        "coop_office",
        valid=lambda w, o: {"growth_goal": "50", "growth_goal_by": "2027-12-31"},
        foreign_args=False,
    ),
    # meetings (decisions 230–239): the persona objects hold a planned meeting of the steering
    # group with one item and a paper with Kommune A's council; each step needs the one before
    Entry(
        "meetings:organization_create",
        valid=lambda w, o: {"name": "AG E-Government", "kind": "working_group"},
    ),
    Entry(
        "meetings:member_add",
        valid=lambda w, o: {"name": "Erika Muster"},
        foreign_fields={"municipality": "kommune"},
    ),
    Entry("meetings:member_end", valid=lambda w, o: {"end_date": TODAY}),
    Entry("meetings:meeting_create", valid=lambda w, o: {"day": TODAY, "start_time": "10:00"}),
    Entry("meetings:agenda_add", valid=lambda w, o: {"name": "Bericht aus den Projekten"}),
    Entry(
        "meetings:meeting_invite",
        form_page=lambda w, o: [reverse("meetings:meeting_detail", args=[o["meeting"].pk])],
    ),
    Entry("meetings:attendance", setup=lambda w, o: _meeting_at(w, o, "invited")),
    Entry(
        "meetings:minutes",
        setup=lambda w, o: _meeting_at(w, o, "invited"),
        valid=lambda w, o: {"minutes": "Tagung"},
    ),
    Entry(
        "meetings:item_result",
        setup=lambda w, o: _meeting_at(w, o, "held"),
        valid=lambda w, o: {"result": "noted"},
    ),
    Entry(
        "meetings:approve",
        setup=lambda w, o: _meeting_at(w, o, "decided"),
        valid=lambda w, o: {"approved_on": TODAY},
    ),
    Entry(
        "meetings:action_done",
        setup=lambda w, o: _meeting_at(w, o, "decided"),
        form_page=lambda w, o: [reverse("meetings:actions", args=[w.region.slug])],
    ),
    Entry(
        "meetings:paper_create",
        valid=lambda w, o: {
            "reference": "LG-2",
            "name": "Vereinbarung",
            "date": TODAY,
            "subject": "agreement",
            "text": "Die Vertretung stimmt zu.",
        },
    ),
    Entry(
        "meetings:paper_councils",
        valid=lambda w, o: {"municipalities": [w.kommune_b.pk]},
        foreign_fields={"municipalities": "kommune"},
    ),
    Entry("meetings:paper_agenda", valid=lambda w, o: {"meeting": o["meeting"].pk}),
    Entry(
        "meetings:council_result",
        valid=lambda w, o: {"body": "stvv", "date": TODAY, "outcome": "adopted_council"},
    ),
    # the Fördermitteldatenbank (decisions 210-219): programmes are read by every region, so another
    # region's programme in the URL is legitimate for creating an application; its edit is refused
    Entry(
        "funding:programme_create",
        valid=lambda w, o: {"name": "Landesprogramm Digitalisierung", "giver": "land", "region": w.region.pk},
        foreign_fields={"region": "region"},
        foreign_args=False,
    ),
    Entry("funding:programme_edit", foreign_fields={"region": "region"}),
    Entry(
        "funding:programme_checked",
        form_page=lambda w, o: [_funding("programme_detail", o["funding_programme"])],
    ),
    Entry(
        "funding:call_create",
        valid=lambda w, o: {"title": "Aufruf 2027", "mode": "einstufig", "deadlines": "31.03.2027 Antrag"},
        strict=("deadlines",),  # one date a line (TT.MM.JJJJ), refused otherwise
    ),
    Entry("funding:call_edit", strict=("deadlines",)),
    Entry(
        "funding:application_create",
        valid=lambda w, o: {"title": "Postverbund", "region": w.region.pk, "lead": w.kommune_a.pk},
        foreign_fields={"region": "region", "lead": "kommune", "partners": "kommune"},
        foreign_args=False,
    ),
    Entry(
        "funding:partner_add",
        valid=lambda w, o: {"municipality": w.kommune_b.pk, "share_percent": "40"},
        # a button on the application's page: a municipality outside the region is not among the
        # choices and is refused like any unknown value (b), the message shown on the page
        form_page=lambda w, o: [_funding("application_detail", o["funding_group"])],
    ),
    Entry(
        "funding:shares_from_key", form_page=lambda w, o: [_funding("application_detail", o["funding_group"])]
    ),
    Entry(
        "funding:application_submit",
        form_page=lambda w, o: [_funding("application_detail", o["funding_group"])],
    ),
    Entry(
        "funding:notice_record",
        valid=lambda w, o: {"awarded_on": TODAY, "amount_awarded": "1.000", "funded_until": "2027-12-31"},
    ),
    Entry("funding:obligation_done"),
]


def _meeting_at(w: World, o: dict[str, Any], stage: str) -> None:
    """The persona objects' meeting invited, held, or held with its item decided (someone must act)."""
    from ikz.meetings import services as meetings

    meeting = o["meeting"]
    meeting.refresh_from_db()
    meeting = meetings.invite(meeting, expected_version=meeting.version, actor=w.office)
    if stage in ("held", "decided"):
        meeting = meetings.hold_meeting(
            meeting, "Niederschrift", expected_version=meeting.version, actor=w.office
        )
    if stage == "decided":
        item = o["item"]
        item.refresh_from_db()
        meetings.record_result(
            item,
            {
                "result": "adopted",
                "resolution_text": "Bericht wird fortgeschrieben.",
                "responsible": "Geschäftsstelle",
                "due_on": dt.date.today() + dt.timedelta(days=14),
            },
            expected_version=item.version,
            actor=w.office,
        )
    o["meeting"] = meeting


def _funding(name: str, obj: Any) -> str:
    return reverse(f"funding:{name}", args=[obj.pk])


# Pages and downloads without a form of their own: a POST is answered like a GET. The meta-test
# checks that each shows no form posting to itself and writes nothing; a new one must be added here.
READ_ONLY: set[str] = {
    "accessibility",
    "partners:search",  # a search form (GET); a POST shows the same page
    "accounts:municipality_access",
    "imports:run_detail",
    "jobs:failed_list",
    "jobs:job_detail",
    "accounts:password_reset_confirm",
    "accounts:people_list",
    "accounts:person_detail",
    "accounts:person_history",
    "accounts:profile",
    "api:reference",
    "api:token_list",
    "cooperation:cooperation_detail",
    "cooperation:cooperation_history",
    "cooperation:inventory_overview",
    "cooperation:matrix",
    "cooperation:operation_list",
    "cooperation:taskarea_detail",
    "cooperation:taskarea_history",
    "cooperation:taskarea_list",
    "costs:allocation_detail",
    "costs:allocation_history",
    "costs:cooperation_costs",
    "costs:grant_check",
    "costs:programme_history",
    "costs:programme_list",
    "costs:key_history",
    "costs:region_savings",
    "costs:savings_list",
    "costs:staffing_sheet",
    "documents:document_detail",
    "documents:document_history",
    "documents:document_list",
    "home",
    "interests:call_detail",
    "interests:call_history",
    "interests:call_list",
    "interests:declaration_detail",
    "interests:ranking",
    "interests:topic_result",
    "membership:member_detail",
    "membership:member_history",
    "membership:member_list",
    "membership:onboarding_detail",
    "membership:onboarding_history",
    "membership:template_preview",
    "membership:pipeline",
    "membership:request_detail",
    "membership:request_list",
    "membership:service_history",
    "membership:service_list",
    "membership:template_list",
    "membership:turnover_report",
    "municipalities:municipality_detail",
    "municipalities:municipality_history",
    "municipalities:municipality_list",
    "municipalities:region_detail",
    "municipalities:region_history",
    "municipalities:region_list",
    "network:need_detail",
    "network:overview",
    "network:solution_detail",
    "notifications:inbox",
    "portal:index",
    "portal:news_detail",
    "portal:news_history",
    "portal:news_list",
    "portal:project_detail",
    "portal:publishing",
    "portal:region",
    "portal:search",
    "privacy:overview",
    "privacy:person",
    "projects:dashboard",
    "projects:participation_matrix",
    "projects:participation_own",
    "projects:project_detail",
    "projects:project_history",
    "projects:project_list",
    "reports:cover_draft",
    "reports:report_detail",
    "resolutions:council_draft",
    "resolutions:overview",
    "resolutions:resolution_detail",
    "resolutions:resolution_history",
    "search:search",
    "status",
    "surveys:campaign_detail",
    "surveys:campaign_list",
    "surveys:response_detail",
    "surveys:tracking",
    "legal:imprint",
    "legal:privacy_policy",
    "meetings:index",
    "meetings:region_detail",
    "meetings:organization_detail",
    "meetings:meeting_detail",
    "meetings:paper_detail",
    "meetings:actions",
}
DOWNLOADS: set[str] = {
    "calendar_feed",
    "imports:current_export",
    "imports:template_download",
    "documents:version_download",
    "membership:document_download",
    "membership:template_preview_download",
    "portal:document_download",
    "meetings:meeting_ics",
}
EXEMPT: dict[str, str] = {
    "imports:run_check": "„Weiter prüfen“ ohne Eingabefeld; die Prüfung in Abschnitten testet "
    "ikz/imports/tests/test_case_numbers.py",
    "accounts:logout": "Abmelden schreibt nur die Sitzung; kein Eingabefeld",
    "api-v1:api-root": "REST-API: Schreibzugriffe in ikz/api/tests/test_api.py",
    "api-v1:openapi-json": "REST-API-Beschreibung, nur lesend",
    "api-v1:declaration_list": "REST-API: POST einer Bekundung in ikz/api/tests/test_api_resources.py",
    "api-v1:declaration_save": "REST-API: POST einer Bekundung in ikz/api/tests/test_api_resources.py",
    # Code fields only (no free text, no foreign IDs): wrong, garbled, replayed and overlong codes
    # are tested in ikz/accounts/tests/test_two_factor.py.
    "accounts:login_code": "Zwei-Faktor-Code: ikz/accounts/tests/test_two_factor.py",
    "accounts:two_factor": "Zwei-Faktor-Übersicht: ikz/accounts/tests/test_two_factor.py",
    "accounts:two_factor_start": "Zwei-Faktor-Einrichtung: ikz/accounts/tests/test_two_factor.py",
    "accounts:two_factor_confirm": "Zwei-Faktor-Code: ikz/accounts/tests/test_two_factor.py",
    "accounts:two_factor_disable": "Zwei-Faktor-Code oder Passwort: ikz/accounts/tests/test_two_factor.py",
    "accounts:two_factor_recovery_codes": "Zwei-Faktor-Code oder Passwort: ikz/accounts/tests/test_two_factor.py",
}


def _person_page(w: World) -> str:
    return reverse("accounts:person_detail", args=[w.contact_a.pk])


def _deactivated(w: World) -> None:
    type(w.contact_a).objects.filter(pk=w.contact_a.pk).update(is_active=False)


def _with_second_factor(w: World) -> None:
    from ikz.accounts.models import TotpDevice

    TotpDevice.objects.create(user=w.contact_a, secret="versiegelt", confirmed_at=dt.datetime.now(dt.UTC))


def _invited(w: World, token: str, *, days: int) -> None:
    """Contact A invited without a password yet, with a link ``token`` valid ``days`` from today
    (negative: expired a day ago, sent eight days ago)."""
    from ikz.accounts.models import Invitation
    from ikz.accounts.rules import hash_token

    type(w.contact_a).objects.filter(pk=w.contact_a.pk).update(password="!ohne", email="a@raunheim.example")
    now = dt.datetime.now(dt.UTC)
    sent = now - dt.timedelta(days=8 if days < 0 else 0)
    Invitation.objects.create(
        user=w.contact_a,
        email="a@raunheim.example",
        token_hash=hash_token(token),
        created_at=sent,
        expires_at=now + dt.timedelta(days=days),
    )


def _submit_declarations(o: dict[str, Any]) -> None:
    from ikz.interests.models import Declaration, DeclarationStatus

    Declaration.objects.filter(call=o["call"]).update(status=DeclarationStatus.SUBMITTED)


def _send_declaration(w: World, o: dict[str, Any]) -> None:
    from ikz.interests import services as interest_services
    from ikz.interests.models import Declaration

    draft = Declaration.objects.get(call=o["call"], municipality=w.kommune_a)
    answers = {o["topic"].pk: (True, False)}
    interest_services.save_declaration(
        o["call"], w.kommune_a, answers, submit=True, expected_version=draft.version, actor=w.contact_a
    )


def _at_step_four(onboarding: Any) -> None:
    from ikz.membership.models import Step

    type(onboarding).objects.filter(pk=onboarding.pk).update(step=Step.MEMBERSHIP)


def _propose(o: dict[str, Any]) -> None:
    from ikz.interests.models import Proposal

    _submit_declarations(o)
    topic = o["topic"]
    # an open proposal (made before proposals became projects at once, decision 137)
    o["proposal"] = Proposal.objects.create(call=topic.call, topic=topic, title=f"IKZ-Projekt: {topic.label}")


def _offer(o: dict[str, Any], *, send: bool = False) -> None:
    from ikz.membership import services as membership

    request = o["m_request"]
    line = membership.LineInput("Beratung", Decimal(2), "Tag", Decimal(800))
    values = {"title": "Beratung", "vat_treatment": "standard", "valid_until": dt.date(2099, 1, 1)}
    membership.save_offer(request, values, [line], expected_version=request.version, actor=None)
    request.refresh_from_db()
    if send:
        membership.send_offer(request, expected_version=request.version, actor=None)


def _notification(w: World) -> None:
    from ikz.notifications.models import Notification

    Notification.objects.create(user=w.contact_a, kind="other", text="Hinweis", key="test")


def _submit_response(w: World, o: dict[str, Any]) -> None:
    from ikz.surveys import services as survey_services
    from ikz.surveys.models import Response

    response = Response.objects.get(campaign=o["campaign"], municipality=w.kommune_a)
    survey_services.submit_response(response, actor=w.contact_a)


# ----------------------------------------------------------------------------- the second region


def _foreign(world: World) -> tuple[World, dict[str, Any]]:
    """A second region in another Land, with the same objects as the persona matrix world."""
    land = make_unit("07", "Rheinland-Pfalz", Level.LAND, Kind.LAND)
    rb = make_unit("073", "Rheinhessen-Pfalz", Level.REGIERUNGSBEZIRK, Kind.REGIERUNGSBEZIRK, land)
    kreis = make_unit("07339", "Mainz-Bingen", Level.KREIS, Kind.LANDKREIS, rb)
    a = make_unit("07339005", "Bodenheim", Level.GEMEINDE, Kind.GEMEINDE, kreis, ars="073395001005")
    b = make_unit("07339033", "Nieder-Olm, Stadt", Level.GEMEINDE, Kind.STADT, kreis, ars="073395003033")
    add_population(a, 7500)
    add_population(b, 10000)
    region = Region.objects.create(name="IKZ Zweite Region", slug="ikz-zweite", office_name="GS Zwei")
    RegionMember.objects.create(region=region, municipality=a, position=1, short_label="Bod")
    RegionMember.objects.create(region=region, municipality=b, position=2, short_label="NO")
    other = World(
        land=land,
        rb=rb,
        kreis=kreis,
        kommune_a=a,
        kommune_b=b,
        region=region,
        office=make_user("office2", Role.OFFICE, region=region),
        steering=make_user("steering2", Role.STEERING, region=region),
        contact_a=make_user("contact_a2", Role.CONTACT, municipality=a),
        contact_b=make_user("contact_b2", Role.CONTACT, municipality=b),
        project_lead=make_user("project_lead2", Role.PROJECT_LEAD),
        member=make_user("member2", Role.MEMBER, municipality=a),
    )
    area = TaskArea.objects.create(name="Zentrale Angelegenheiten (zwei)", position=2)
    fld = CooperationField.objects.create(task_area=area, name="Postverbund", position=1)
    contact = ContactPerson.objects.create(municipality=a, name="Otto Zwei")
    objects: dict[str, Any] = {"area": area, "field": fld, "contact": contact}
    for module in matrix._modules:
        if module.__name__.startswith("ikz.membership"):
            continue  # one cooperative, whose office sees every member
        objects |= module.objects(other, dict(objects))
    return other, objects


def _foreign_values(other: World, objects: dict[str, Any]) -> dict[str, Any]:
    return {
        "kommune": other.kommune_a.pk,
        "region": other.region.pk,
        "cooperation": objects["cooperation"].pk,
        "milestone": objects["milestone"].pk,
        "lead": other.project_lead.pk,
        "document": objects["doc_a"].pk,  # the other Kommune A's internal document
    }


# ----------------------------------------------------------------------------- helpers


def _models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if m._meta.db_table != "django_session"]


def _counts_sql(ignore: tuple[str, ...]) -> str:
    tables = [m._meta.db_table for m in _models() if m is not AuditEntry and m._meta.label not in ignore]
    return "SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{t}")' for t in tables)


def _snapshot(ignore: tuple[str, ...] = ()) -> tuple[object, ...]:
    """Row counts of every table and the newest audit entry: equal snapshots mean nothing written.
    A refused stale write is recorded in the history on purpose; that entry does not count."""
    entries = AuditEntry.objects.exclude(action=Action.CONFLICT)
    last = entries.order_by("-pk").values_list("pk", flat=True).first()
    with connection.cursor() as cursor:
        cursor.execute(_counts_sql(ignore))
        counts = cursor.fetchone()
    return (last, entries.count(), *counts)


def _stored_verbatim(last_audit: int) -> bool:
    """The payload is in a text column of some row, or in the history written just now."""
    for model in _models():
        names = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and (f.max_length or 10_000) >= len(SCRIPT)
        ]
        if (
            names
            and model._default_manager.filter(
                functools.reduce(operator.or_, (Q(**{n: SCRIPT}) for n in names))
            ).exists()
        ):
            return True
    stored = json.dumps(
        [[e.changes, e.message] for e in AuditEntry.objects.filter(pk__gt=last_audit)], ensure_ascii=False
    )
    return json.dumps(SCRIPT)[1:-1] in stored


def _errors(body: str) -> str:
    found = re.findall(r'class="kern-error"[^>]*>(.*?)</p>|<li>(.*?)</li>', body, re.S)
    return "; ".join(html.unescape(re.sub(r"<[^>]+>", "", a or b)).strip() for a, b in found)[:300]


def _overlong_rows() -> list[str]:
    """Stored texts longer than their column (SQLite does not refuse them; PostgreSQL would fail)."""
    found = []
    for model in _models():
        checks = {
            f.name: f.max_length
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField) and f.max_length
        }
        for name, limit in checks.items():
            if model._default_manager.annotate(_n=Length(name)).filter(_n__gt=limit).exists():
                found.append(f"{model._meta.label}.{name} > {limit}")
    return found


@contextmanager
def _rolled_back() -> Iterator[None]:
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def _client(world: World, persona: str) -> Client:
    if persona == "coop_office":  # the cooperative's office: an office role without a region
        client = Client()
        client.force_login(coop_office())
        return client
    return world.client_for(persona)


def _the_form(html: str, url: str, *, elsewhere: bool) -> Form:
    """The form posting to ``url``; on a page of its own also one without an action."""
    actions = (url,) if elsewhere else ("", url)
    candidates = [f for f in forms_of(html) if f.method == "post" and f.action in actions]
    assert candidates, f"kein Formular für {url}"
    # a page with several forms for the same URL: the one with the most fields
    return max(candidates, key=lambda f: len(f.fields))


def _refused(response: Any, what: str, client: Client | None = None) -> None:
    """A refused post: the form again (or 403/404) with a German message, no 5xx. A button on a
    page (``client`` given) may instead lead back to its page, which shows the message."""
    status = response.status_code
    if status == 302 and client is not None:
        response = client.get(response["Location"])
        status = response.status_code
    assert status in (200, 400, 403, 404, 409), f"{what}: Status {status} statt einer Fehlermeldung"
    if status in (200, 400, 409):
        body = response.content.decode()
        assert any(mark in body for mark in ERROR_MARKS), f"{what}: keine Fehlermeldung auf der Seite"
        english = [text for text in ENGLISH if text in body]
        assert not english, f"{what}: englische Meldung {english}"


def _typed_attacks(form: Form, entry: Entry) -> list[tuple[str, str]]:
    attacks: list[tuple[str, str]] = []
    for f in form.fields:
        if f.name in entry.skip or f.name == "csrfmiddlewaretoken":
            continue
        if f.type == "number" or f.inputmode == "decimal":  # a number box, or an amount in euros
            attacks.append((f.name, "zwölf"))
            # no number of this platform is negative (amounts, counts, years, shares) except
            # the order of formset rows and what an entry lists as ``signed``
            if not f.name.endswith("-ORDER") and f.name not in entry.signed:
                attacks.append((f.name, "-5"))
        elif f.type == "date":
            attacks += [(f.name, "31.02.2026"), (f.name, "2026-02-31")]
        elif f.type == "select" or (f.type in ("checkbox", "radio") and f.value not in ("", "on")):
            attacks.append((f.name, "gibt-es-nicht"))
        elif f.type == "hidden" and not f.name.endswith(("MIN_NUM_FORMS", "MAX_NUM_FORMS")):
            attacks.append((f.name, "abc"))  # versions, row counts, ids, targets: never free text
        elif f.name in entry.typed:
            attacks.append((f.name, "zwölf"))
    return attacks


# ----------------------------------------------------------------------------- the tests


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ENTRIES, ids=[e.name for e in ENTRIES])
def test_bad_input(world: World, entry: Entry) -> None:
    objects = matrix._objects(world)
    if entry.setup:
        entry.setup(world, objects)
    other, other_objects = _foreign(world)
    args = (entry.args or MATRIX_ARGS[entry.name])(world, objects)
    url = reverse(entry.name, args=args)
    client = _client(world, entry.persona)
    page = entry.form_page(world, objects)[0] if entry.form_page else url
    response = client.get(page)
    assert response.status_code == 200, f"{page}: {response.status_code}"
    form = _the_form(response.content.decode(), url, elsewhere=entry.form_page is not None)
    base = {k: v for k, v in form.data().items() if k != "csrfmiddlewaretoken"}
    valid = base | entry.valid(world, objects)
    files = entry.files or dict

    def post(data: dict[str, Any], target: str = url) -> Any:
        return client.post(target, data | files())

    text = [n for n in form.text_fields() if n not in entry.skip and n not in entry.typed]
    problems: list[str] = []

    # the valid post is accepted: otherwise every refusal below would prove nothing
    with _rolled_back():
        response = post(valid)
        assert response.status_code in entry.ok, (
            f"{entry.name}: gültige Eingabe abgelehnt ({response.status_code}) "
            + _errors(response.content.decode())
        )

    # (a) overlong strings
    for name in text:
        with _rolled_back():
            before = _snapshot(entry.ignore)
            response = post(valid | {name: LONG})
            if response.status_code in entry.ok and response.status_code != 200:
                too_long = _overlong_rows()
                if too_long:
                    problems.append(f"(a) {name}: 10.000 Zeichen angenommen {too_long}")
            else:
                try:
                    _refused(response, f"(a) {name}")
                    assert _snapshot(entry.ignore) == before, f"(a) {name}: trotz Fehler geschrieben"
                except AssertionError as exc:
                    problems.append(str(exc))

    # (b) wrong types
    for name, value in _typed_attacks(form, entry):
        with _rolled_back():
            before = _snapshot(entry.ignore)
            response = post(valid | {name: value})
            try:
                _refused(response, f"(b) {name}={value!r}", client if entry.form_page else None)
                assert _snapshot(entry.ignore) == before, f"(b) {name}={value!r}: trotz Fehler geschrieben"
            except AssertionError as exc:
                problems.append(str(exc))

    # (c) script payloads: accepted, stored verbatim, shown escaped
    accepted = [
        n
        for n in text
        if n not in entry.strict
        and all(f.type not in ("email", "url", "password") for f in form.named(n))
        and all((f.maxlength or 10_000) >= len(SCRIPT) for f in form.named(n))
    ]
    if accepted:
        with _rolled_back():
            last = AuditEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            response = post(valid | dict.fromkeys(accepted, SCRIPT))
            if response.status_code not in entry.ok:
                problems.append(
                    f"(c) gültige Eingabe mit Skripttext abgelehnt: {response.status_code} "
                    + _errors(response.content.decode())
                )
            else:
                if not _stored_verbatim(last):
                    problems.append("(c) Skripttext nicht wörtlich gespeichert")
                shown = entry.shows(world, objects)[0] if entry.shows else response.get("Location", page)
                body = (
                    client.get(shown).content.decode()
                    if entry.shows or response.status_code == 302
                    else response.content.decode()
                )
                if any(raw in body for raw in RAW):
                    problems.append(f"(c) {shown}: Skripttext unmaskiert ausgegeben")
                elif entry.shown and not all(esc in body for esc in ESCAPED):
                    problems.append(f"(c) {shown}: gespeicherter Text nicht (maskiert) zu sehen")

    # (d) objects of the second region, in the URL and in posted fields
    foreign_url = url
    if entry.foreign_args:
        foreign_url = reverse(entry.name, args=(entry.args or MATRIX_ARGS[entry.name])(other, other_objects))
    if foreign_url != url:
        with _rolled_back():
            before = _snapshot(entry.ignore)
            response = post(valid, foreign_url)
            if response.status_code not in (403, 404):
                problems.append(f"(d) {foreign_url}: Status {response.status_code} statt 403/404")
            elif _snapshot(entry.ignore) != before:
                problems.append(f"(d) {foreign_url}: geschrieben")
    if entry.outsider:
        persona, outsider_args = entry.outsider
        outsider_url = reverse(entry.name, args=outsider_args(world, objects))
        with _rolled_back():
            before = _snapshot(entry.ignore)
            response = _client(world, persona).post(outsider_url, valid | files())
            if response.status_code not in (403, 404):
                problems.append(f"(d) {persona} {outsider_url}: Status {response.status_code} statt 403/404")
            elif _snapshot(entry.ignore) != before:
                problems.append(f"(d) {persona} {outsider_url}: geschrieben")
    values = _foreign_values(other, other_objects)
    for name, key in entry.foreign_fields.items():
        with _rolled_back():
            before = _snapshot(entry.ignore)
            response = post(valid | {name: values[key]})
            try:
                _refused(response, f"(d) {name}={key}")
                assert _snapshot(entry.ignore) == before, f"(d) {name}: trotz Fehler geschrieben"
            except AssertionError as exc:
                problems.append(str(exc))

    assert not problems, f"{entry.name} ({url}):\n  " + "\n  ".join(problems)


@pytest.mark.django_db
def test_script_in_search_results_and_search_forms_is_escaped(world: World) -> None:
    """The search marks hits with HTML of its own: a stored script and a typed one stay text."""
    objects = matrix._objects(world)
    client = world.client_for("contact_a")
    response = client.post(
        reverse("network:solution_create"),
        {
            "title": f"Ratsinfo {SCRIPT}",
            "description": f"Alarm {SCRIPT} im Ratsinformationssystem",
            "field": objects["field"].pk,
            "owner": world.kommune_a.pk,
            "contact": "Erika Beispiel",
        },
    )
    assert response.status_code == 302
    for url in (reverse("search:search"), reverse("portal:search")):
        for query in ({"q": "alert"}, {"q": SCRIPT}, {"q": LONG}, {"q": "alert", "seite": "zwölf"}):
            body = client.get(url, query).content.decode()
            assert not any(raw in body for raw in RAW), (url, query["q"][:20])
    body = client.get(reverse("search:search"), {"q": "Ratsinformationssystem"}).content.decode()
    assert "Ratsinfo" in body and ESCAPED[0] in body


@pytest.mark.django_db
def test_login_does_not_follow_a_foreign_next(world: World) -> None:
    url = reverse("accounts:login")
    for target in ("https://evil.example/", "//evil.example/", "javascript:alert(1)"):
        response = Client().post(url, {"username": "office", "password": PASSWORD, "next": target})
        assert response.status_code == 302
        assert "evil" not in response["Location"] and "javascript" not in response["Location"]


def test_every_entry_is_a_url_of_the_project() -> None:
    names = matrix._all_url_names()
    listed = [e.name for e in ENTRIES] + [*EXEMPT, *READ_ONLY, *DOWNLOADS]
    unknown = [name for name in listed if name not in names]
    assert not unknown, unknown
    assert len({e.name for e in ENTRIES}) == len(ENTRIES), "doppelte Einträge"


@pytest.mark.django_db
def test_every_post_url_is_in_the_table(world: World) -> None:
    """An empty POST as the office (the cooperative's office where the region's gets 403/404) to
    every URL: whatever does not answer 405 is in ENTRIES, EXEMPT, or READ_ONLY/DOWNLOADS; those
    show no form posting to themselves and write nothing."""
    objects = matrix._objects(world)
    client = world.client_for("office")
    coop_client = _client(world, "coop_office")
    entries = {e.name for e in ENTRIES}
    missing, wrong = [], []
    for name in sorted(matrix._all_url_names() - entries - set(EXEMPT)):
        url = reverse(name, args=MATRIX_ARGS[name](world, objects))
        with _rolled_back():
            before = _snapshot()
            response = client.post(url, {})
            if response.status_code in (403, 404):  # the cooperative's pages: ask its office
                response = coop_client.post(url, {})
            status = response.status_code
            if status == 405:
                if name in READ_ONLY | DOWNLOADS:
                    wrong.append(f"{name}: antwortet 405 und braucht keine Ausnahme mehr")
                continue
            if name not in READ_ONLY | DOWNLOADS:
                missing.append(f"{name} ({status})")
                continue
            page = response.content.decode() if "html" in response.get("Content-Type", "") else ""
            own_forms = [f for f in forms_of(page) if f.method == "post" and f.action in ("", url)]
            if status != 200 or own_forms or _snapshot() != before:
                wrong.append(f"{name}: {status}, eigenes Formular {bool(own_forms)}, schreibt etwas")
    assert not missing, f"POST-Adressen ohne Eintrag in ENTRIES, EXEMPT oder READ_ONLY: {missing}"
    assert not wrong, f"Ausnahmen stimmen nicht: {wrong}"
