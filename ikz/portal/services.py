"""What the office of a region puts on the public portal (decisions 120 and 122): its news —
written, changed, published from a day on or taken back — and which cooperations of the inventory
the portal shows. Each takes ``actor=``, checks before writing and records the audit entry;
news carry a version (a stale edit is refused with ``ConflictError``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from ikz.accounts.models import User
from ikz.audit.services import create_object, delete_object, update_versioned
from ikz.cooperation.models import Cooperation
from ikz.municipalities.models import Region
from ikz.portal.models import News, PublishedCooperation
from ikz.search import index
from ikz.search.rules import fold

NEWS_FIELDS = ("title", "date", "text")


def free_news_slug(region: Region, title: str) -> str:
    """The title as an address, unique among the region's news ("neue-kooperation", "…-2");
    umlauts as ae/oe/ue. Made once: links to a published news item stay valid."""
    base = slugify(fold(title))[:70] or "neuigkeit"
    taken = set(News.objects.filter(region=region, slug__startswith=base).values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _news_errors(values: Mapping[str, Any]) -> dict[str, str]:
    errors = {}
    if not str(values.get("title") or "").strip():
        errors["title"] = _("Bitte einen Titel angeben.")
    if not str(values.get("text") or "").strip():
        errors["text"] = _("Bitte den Text der Neuigkeit angeben.")
    if values.get("date") is None:
        errors["date"] = _("Bitte das Datum angeben, unter dem die Neuigkeit erscheint.")
    return errors


@transaction.atomic
def save_news(
    region: Region,
    values: Mapping[str, Any],
    *,
    actor: User | None,
    news: News | None = None,
    expected_version: int | None = None,
) -> News:
    """Write a news item of ``region`` (a draft: the portal does not show it yet) or change one."""
    data = {name: values[name] for name in NEWS_FIELDS if name in values}
    errors = _news_errors(data)
    if errors:
        raise ValidationError(errors)
    data["title"] = str(data["title"]).strip()
    if news is None:
        return create_object(
            News(region=region, slug=free_news_slug(region, data["title"]), published=False, **data),
            actor=actor,
            message=_("Neuigkeit geschrieben (Entwurf)"),
        )
    assert expected_version is not None
    return update_versioned(News, news.pk, data, expected_version=expected_version, actor=actor)


@transaction.atomic
def set_news_published(
    news: News,
    publish: bool,
    *,
    date: dt.date | None = None,
    expected_version: int,
    actor: User | None,
) -> News:
    """Publish ``news`` under ``date`` (the portal shows it from that day on; default: its own
    date) or take it off the portal again (it stays as a draft)."""
    values: dict[str, Any] = {"published": publish}
    if publish and date is not None:
        values["date"] = date
    message = (
        _("im Portal veröffentlicht (ab %(d)s)") % {"d": f"{values.get('date', news.date):%d.%m.%Y}"}
        if publish
        else _("aus dem Portal genommen")
    )
    return update_versioned(
        News, news.pk, values, expected_version=expected_version, actor=actor, message=message
    )


@transaction.atomic
def set_cooperation_published(cooperation: Cooperation, publish: bool, *, actor: User | None) -> bool:
    """Show a cooperation of the inventory on the portal (with its participants) or take it off.
    The button says which state is wanted, so a repeated or crossed click changes nothing twice.
    Returns whether it is published now."""
    Cooperation.objects.select_for_update().filter(pk=cooperation.pk).first()
    current = PublishedCooperation.objects.filter(cooperation=cooperation).first()
    if publish and current is None:
        create_object(
            PublishedCooperation(cooperation=cooperation, published_by=actor),
            actor=actor,
            message=_("im Portal veröffentlicht"),
        )
    elif not publish and current is not None:
        delete_object(current, actor=actor, message=_("aus dem Portal genommen"))
    index.refresh(cooperation)
    return publish
