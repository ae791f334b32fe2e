"""This app's rows of the persona matrix (ikz/tests/test_persona_matrix.py).

The world's project is led by the ``project_lead`` persona (Kommune A as lead municipality);
Kommune A's participation is confirmed, Kommune B's declaration is a draft."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ikz.projects.models import LessonLearned, Milestone, Participation, Project, TransitionLog
from ikz.test import PERSONAS, PersonaRow, World

# who sees the region's projects: office, steering, both contacts, the lead of a project there
SEES = {p: 200 for p in PERSONAS[:-1]} | {"member": 404, "anonymous": "login"}
CHARTER_EDIT = SEES | {"steering": 403, "contact_a": 403, "contact_b": 403}
DECIDERS = SEES | {"contact_a": 403, "contact_b": 403, "project_lead": 403}
INSIDERS = SEES | {"contact_a": 403, "contact_b": 403}
DECLARE_A = SEES | {"steering": 403, "contact_b": 403}
OWN_PAGE_A = SEES | {"steering": 403, "contact_b": 403, "project_lead": 403}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    project = Project.objects.create(
        region=world.region,
        title="Beschaffungswesen",
        year=2014,
        lead=world.project_lead,
        lead_municipality=world.kommune_a,
    )
    step = TransitionLog.objects.create(
        project=project,
        at=dt.datetime(2026, 1, 5, 9, tzinfo=dt.UTC),
        effective_on=dt.date(2014, 1, 15),
        actor_label="Geschäftsstelle",
        to_status="proposal",
        reason="Nacherfassung",
    )
    milestone = Milestone.objects.create(project=project, title="IST-Analyse", planned=dt.date(2014, 9, 30))
    Participation.objects.create(
        project=project,
        municipality=world.kommune_a,
        status="with_staff",
        role_pl=True,
        confirmed_at=dt.datetime(2014, 3, 1, tzinfo=dt.UTC),
    )
    Participation.objects.create(project=project, municipality=world.kommune_b, status="without_staff")
    lesson = LessonLearned.objects.create(
        project=project,
        title="Zentrales Know-how",
        worked="einheitliches Vertragsmanagement",
        date=dt.date(2016, 1, 1),
    )
    return {"project": project, "milestone": milestone, "lesson": lesson, "step": step}


def _p(o: dict[str, Any]) -> int:
    return int(o["project"].pk)


ROWS: list[PersonaRow] = [
    ("projects:project_list", lambda w, o: [w.region.slug], SEES),
    ("projects:project_create", lambda w, o: [w.region.slug], DECIDERS | {"steering": 200}),
    # entering a past project: the office of the region only
    ("projects:project_back_capture", lambda w, o: [w.region.slug], DECIDERS | {"steering": 403}),
    ("projects:proposal_take_over", lambda w, o: [w.region.slug, 1], dict.fromkeys(PERSONAS, 405)),
    ("projects:participation_matrix", lambda w, o: [w.region.slug], SEES),
    ("projects:participation_own", lambda w, o: [w.region.slug, w.kommune_a.pk], OWN_PAGE_A),
    ("projects:dashboard", lambda w, o: [w.region.slug], DECIDERS),
    ("projects:project_detail", lambda w, o: [_p(o)], SEES),
    ("projects:project_edit", lambda w, o: [_p(o)], CHARTER_EDIT),
    # a proposal: the steering group and the office may prioritise; nobody else has a step
    ("projects:project_transition", lambda w, o: [_p(o)], DECIDERS),
    # correcting the effective date of a step: office and steering group
    ("projects:step_correct", lambda w, o: [_p(o), o["step"].pk], DECIDERS),
    ("projects:project_history", lambda w, o: [_p(o)], INSIDERS),
    ("projects:milestone_create", lambda w, o: [_p(o)], CHARTER_EDIT),
    ("projects:milestone_edit", lambda w, o: [_p(o), o["milestone"].pk], CHARTER_EDIT),
    ("projects:decision_create", lambda w, o: [_p(o)], DECIDERS),
    # lessons learned: the lead, office and steering write; the contacts read them on the project page
    ("projects:lesson_create", lambda w, o: [_p(o)], INSIDERS),
    ("projects:lesson_edit", lambda w, o: [_p(o), o["lesson"].pk], INSIDERS),
    ("projects:project_publish", lambda w, o: [_p(o)], dict.fromkeys(PERSONAS, 405)),
    ("projects:charter_store", lambda w, o: [_p(o)], dict.fromkeys(PERSONAS, 405)),
    ("projects:participation_edit", lambda w, o: [_p(o), w.kommune_a.pk], DECLARE_A),
    ("projects:participation_confirm", lambda w, o: [_p(o), w.kommune_b.pk], dict.fromkeys(PERSONAS, 405)),
]
