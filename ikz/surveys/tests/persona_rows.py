"""Survey rows of the persona matrix: Kommune A's draft answers are seen by the office and A's
contact only — everyone else gets 404, the steering group too (drafts are not theirs to read)."""

from __future__ import annotations

import datetime as dt

from ikz.surveys.models import Campaign, CampaignStatus, Response, Variant
from ikz.test import ALL, OFFICE_ONLY, PERSONAS, PersonaRow, World

A_DRAFT = {p: 404 for p in PERSONAS[:-1]} | {"office": 200, "contact_a": 200, "anonymous": "login"}
POST_ONLY = dict.fromkeys(PERSONAS[:-1], 405) | {"anonymous": "login"}


def objects(world: World, base: dict[str, object]) -> dict[str, object]:
    campaign = Campaign.objects.create(
        region=world.region, title="Bestandsaufnahme Test", period_start=dt.date(2026, 11, 1),
        period_end=dt.date(2027, 1, 31), deadline=dt.date(2099, 1, 31), status=CampaignStatus.OPEN,
    )  # fmt: skip
    campaign.task_areas.add(base["area"])  # type: ignore[arg-type]
    Response.objects.create(campaign=campaign, municipality=world.kommune_a)
    variant = Variant.objects.create(
        campaign=campaign, name="Anlage 1 – Städte und Gemeinden", level="gemeinde"
    )
    return {"campaign": campaign, "variant": variant}


ROWS: list[PersonaRow] = [
    ("surveys:campaign_list", lambda w, o: [w.region.slug], ALL),
    ("surveys:campaign_create", lambda w, o: [w.region.slug], OFFICE_ONLY),
    ("surveys:campaign_detail", lambda w, o: [o["campaign"].pk], ALL),
    ("surveys:campaign_edit", lambda w, o: [o["campaign"].pk], OFFICE_ONLY),
    ("surveys:variant_create", lambda w, o: [o["campaign"].pk], OFFICE_ONLY),
    ("surveys:variant_edit", lambda w, o: [o["campaign"].pk, o["variant"].pk], OFFICE_ONLY),
    ("surveys:tracking", lambda w, o: [o["campaign"].pk], OFFICE_ONLY),
    ("surveys:remind", lambda w, o: [o["campaign"].pk], POST_ONLY),
    ("surveys:response_detail", lambda w, o: [o["campaign"].pk, w.kommune_a.pk], A_DRAFT),
    ("surveys:response_edit", lambda w, o: [o["campaign"].pk, w.kommune_a.pk], A_DRAFT),
    ("surveys:response_submit", lambda w, o: [o["campaign"].pk, w.kommune_a.pk], A_DRAFT),
    ("surveys:response_reopen", lambda w, o: [o["campaign"].pk, w.kommune_a.pk], POST_ONLY),
    ("surveys:response_correct", lambda w, o: [o["campaign"].pk, w.kommune_a.pk], POST_ONLY),
]
