"""Seed 000's Beschlussvorlage for every candidate of the K4K eG past step 1 (issue 22, point 4).

The guide's step 1 ends with "Erstellung der Beschlussvorlage"; the demo's candidates in the
committees and after the resolution therefore hold their Vorlage: the seed's ten sections on the
municipality's letterhead, the body with its article ("Vorlage der Stadt Kelsterbach an die
Stadtverordnetenversammlung"). Generated through the same service as the office's button, so it
lands in the municipality's document library too. Idempotent: a candidate that has its Vorlage is
left alone."""

from __future__ import annotations

from ikz.demo.context import DemoContext
from ikz.membership import services
from ikz.membership.models import DocumentKind, Onboarding, OnboardingStatus, Step


def load(ctx: DemoContext) -> None:
    office = ctx.users.get("genossenschaft")
    candidates = Onboarding.objects.filter(status=OnboardingStatus.ACTIVE, step__gt=Step.INTENT).exclude(
        documents__kind=DocumentKind.DRAFT_RESOLUTION
    )
    for onboarding in candidates.select_related("cooperative", "municipality").order_by("pk"):
        services.generate_document(onboarding, DocumentKind.DRAFT_RESOLUTION, actor=office)
        ctx.summary.add("Erzeugte Beitrittsdokumente")
