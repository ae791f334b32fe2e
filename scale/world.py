"""The small world of the scale test (and the bench's 400 municipalities): run under Django
(``DATABASE_URL`` set) as ``python scale/world.py [--municipalities N] [--contact-users]``; prints the
ids the driver needs as JSON. Uses the project's models directly with bulk_create: the demo loader
(``load_demo``) takes minutes on PostgreSQL, and the scenario needs only a region, its members with
contacts, an office account and an open survey."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ikz.settings")

OFFICE = "geschaeftsstelle"
OFFICE_PASSWORD = "Skalierung-Test-2026!"
SURVEY_TITLE = "Bestandsaufnahme Skalierung"


def build(count: int, contact_users: bool) -> dict[str, object]:
    from django.utils import timezone

    from ikz.accounts.models import Role, RoleAssignment, User
    from ikz.municipalities.models import ContactPerson, Kind, Level, Municipality, Region, RegionMember
    from ikz.surveys.models import Campaign, CampaignStatus
    from ikz.test import make_unit

    land = make_unit("06", "Hessen", Level.LAND, Kind.LAND)
    kreis = make_unit("06433", "Groß-Gerau", Level.KREIS, Kind.LANDKREIS, land)
    towns = Municipality.objects.bulk_create(
        Municipality(
            key=f"06433{i:03d}",
            ars=f"06433{i:03d}".ljust(12, "0"),
            name=f"Gemeinde {i:03d}",
            short_name=f"Gemeinde {i:03d}",
            level=Level.GEMEINDE,
            kind=Kind.STADT,
            parent=kreis,
            land=land,
            kreis=kreis,
        )
        for i in range(1, count + 1)
    )
    region = Region.objects.create(
        name="IKZ Skalierung", slug="ikz-skalierung", office_name="Geschäftsstelle"
    )
    RegionMember.objects.bulk_create(
        RegionMember(region=region, municipality=m, position=i, short_label=f"G{i}")
        for i, m in enumerate(towns, start=1)
    )
    ContactPerson.objects.bulk_create(
        ContactPerson(municipality=m, name=f"Person {i}", email=f"person{i}@gemeinde{i}.example.org")
        for i, m in enumerate(towns, start=1)
    )
    office = User.objects.create_user(username=OFFICE, password=OFFICE_PASSWORD, email="gs@example.org")
    RoleAssignment.objects.create(user=office, role=Role.OFFICE, region=region)
    if contact_users:
        for i, m in enumerate(towns, start=1):
            user = User.objects.create_user(
                username=f"kontakt{i}", email=f"kontakt{i}@gemeinde{i}.example.org"
            )
            RoleAssignment.objects.create(user=user, role=Role.CONTACT, municipality=m)
    today = timezone.localdate()
    campaign = Campaign.objects.create(
        region=region,
        title=SURVEY_TITLE,
        period_start=dt.date(today.year, 1, 1),
        period_end=dt.date(today.year, 12, 31),
        deadline=today + dt.timedelta(days=3),  # within IKZ_NOTIFY_DAYS_BEFORE: send_notifications is due
        status=CampaignStatus.OPEN,
    )
    return {
        "region": region.pk,
        "campaign": campaign.pk,
        "municipalities": [m.pk for m in towns],
        "office": OFFICE,
        "password": OFFICE_PASSWORD,
        "survey_title": SURVEY_TITLE,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--municipalities", type=int, default=3)
    parser.add_argument("--contact-users", action="store_true", help="je Kommune ein Konto mit E-Mail")
    args = parser.parse_args()
    import django

    django.setup()
    print(json.dumps(build(args.municipalities, args.contact_users)))


if __name__ == "__main__":
    main()
