"""The pages that ``make bench`` measures (bench/run.py) and whose query counts the unit tests hold
constant at two sizes (ikz/demo/tests/test_query_budgets.py): one list, so the two cannot drift.

Needs the demo (``load_demo``); with a ``seed_national`` region of Kreis 06433 present, its pages
are measured too, as three bench personas created here (seed_national creates no users)."""

from __future__ import annotations

from dataclasses import dataclass

SEED_KREIS = "06433"  # the Kreis of the small set (seed_national --kreis); also part of the national set
SEED_REGION = f"seed-{SEED_KREIS}"
# Personas of the seeded region (seed_national creates no users): created here, logged in directly.
SEED_PERSONAS = [
    ("bench-geschaeftsstelle", "office", None),
    ("bench-lenkungsgruppe", "steering", None),
    ("bench-kommune", "contact", "06433012"),
]


def ensure_seed_personas() -> bool:
    """Users for the seeded region, if it exists; True if so."""
    from ikz.accounts.models import RoleAssignment, User
    from ikz.municipalities.models import Municipality, Region

    region = Region.objects.filter(slug=SEED_REGION).first()
    if region is None:
        return False
    for username, role, key in SEED_PERSONAS:
        user, _ = User.objects.get_or_create(username=username, defaults={"first_name": "Bench"})
        municipality = Municipality.objects.get(key=key) if key else None
        RoleAssignment.objects.get_or_create(
            user=user, role=role, region=None if key else region, municipality=municipality
        )
    return True


Page = tuple[str, str, str, bool]  # (name, persona username, URL, region-scoped?)
R, G = True, False  # region-scoped, global

# A view as of a past Stand (decision 92) is measured beside its view for today: its name is
# "Stand 30.06.2013: " + the name of the view for today, and its URL that view's with ?stand=.
STAND_PREFIX = "Stand "


def as_of(day: str, page: Page) -> Page:
    """The view ``page`` as of ``day`` (ISO date), named after it."""
    name, username, url, scoped = page
    path, _, query = url.partition("?")
    params = [p for p in query.split("&") if p and not p.startswith("stand=")] + [f"stand={day}"]
    german = ".".join(reversed(day.split("-")))
    return (f"{STAND_PREFIX}{german}: {name}", username, f"{path}?{'&'.join(params)}", scoped)


def today_view(name: str) -> str | None:
    """The name of the view for today that the as-of view ``name`` is measured beside (else None)."""
    if not name.startswith(STAND_PREFIX) or ": " not in name:
        return None
    return name.split(": ", 1)[1]


def as_of_pairs(names: list[str]) -> list[tuple[str, str]]:
    """(as-of view, view for today) for every as-of view among ``names`` whose partner is there."""
    present = set(names)
    return [(n, t) for n in names if (t := today_view(n)) is not None and t in present]


def _with_stands(rows: list[Page], stands: dict[str, str]) -> list[Page]:
    """``rows``, each view named in ``stands`` followed by itself as of that day."""
    out = []
    for row in rows:
        out.append(row)
        if row[0] in stands:
            out.append(as_of(stands[row[0]], row))
    return out


@dataclass(frozen=True)
class _DemoObjects:
    """Primary keys (and the region's slug) of the demo objects the measured URLs point to."""

    ruesselsheim: int
    kreis: int
    hessen: int
    region: str
    raunheim: int
    it_area: int
    campaign: int
    prostschg: int
    call: int
    funding_cooperation: int
    funding: int
    strom: int
    raunheim_contact: int
    eakte: int


def _demo_objects() -> _DemoObjects:
    """Look the objects up in the loaded demo (``load_demo``)."""
    from ikz.accounts.models import User
    from ikz.cooperation.models import Cooperation, CooperationField, TaskArea
    from ikz.costs.models import Allocation
    from ikz.interests.models import InterestCall
    from ikz.municipalities.models import Municipality, Region
    from ikz.projects.models import Project
    from ikz.surveys.models import Campaign

    ruesselsheim = Municipality.objects.get(key="06433012").pk
    kreis = Municipality.objects.get(key="06433").pk
    hessen = Municipality.objects.get(key="06").pk
    region = Region.objects.get(slug="kreis-gross-gerau").slug
    raunheim = Municipality.objects.get(key="06433010").pk
    it_area = TaskArea.objects.get(name="Informationstechnologie").pk
    campaign = Campaign.objects.get(title="Bestandsaufnahme 2026").pk
    prostschg = Cooperation.objects.get(region__slug=region, title="Umsetzung ProstSchG").pk
    call = InterestCall.objects.filter(region__slug=region).order_by("pk").first().pk  # type: ignore[union-attr]
    funding = Allocation.objects.get(cooperation__title="Fördermittelmanagement", year=2024, number=1)
    strom = Project.objects.get(region__slug=region, title="Strom- und Gaseinkauf").pk
    return _DemoObjects(
        ruesselsheim=ruesselsheim,
        kreis=kreis,
        hessen=hessen,
        region=region,
        raunheim=raunheim,
        it_area=it_area,
        campaign=campaign,
        prostschg=prostschg,
        call=call,
        funding_cooperation=funding.cooperation_id,
        funding=funding.pk,
        strom=strom,
        raunheim_contact=User.objects.get(username="kommune-raunheim").pk,
        eakte=CooperationField.objects.get(name="Einführung e-Akte/DMS").pk,
    )


def pages() -> list[Page]:
    """(name, persona username, URL, region-scoped?) of every page measured. Region-scoped pages show
    one region's data; their time may grow at most 1.5× from the small to the national set."""
    demo = _demo_objects()
    rows: list[Page] = (
        _municipality_pages(demo)
        + _with_stands(_inventory_pages(demo), DEMO_STANDS)
        + _with_stands(_project_and_cost_pages(demo), DEMO_STANDS)
        + _with_stands(_cooperative_search_and_portal_pages(demo), DEMO_STANDS)
        + _api_pages(demo)
        + _import_pages(demo)
    )
    if ensure_seed_personas():
        rows += _with_stands(_seed_pages(), SEED_STANDS)
    return rows


# The views measured as of a past day too (seed 003: the survey of spring 2013, the resolutions and
# the interest ranking of 2013/2014; the projects' view of autumn 2023, the year of the report).
DEMO_STANDS = {
    "Matrix Informationstechnologie": "2013-06-30",
    "Bestand: alle Aufgabengebiete": "2013-06-30",
    "Laufende Kooperationen": "2023-09-30",
    "Beteiligungsmatrix 2023": "2023-09-30",
    "IKZ-Projekte (Portfolio)": "2023-09-30",
    "Übersicht IKZ-Projekte": "2023-09-30",
    "Jahresbericht 2023 (heute)": "2023-12-31",
    "Portal: Region (anonym)": "2014-06-30",
    "Grundsatzbeschlüsse (Karte)": "2014-06-30",
    "Rücklauf Bestandsaufnahme 2026": "2013-05-29",
    "Rangfolge Interessenbekundung 2013": "2013-10-31",
}
SEED_STANDS = {
    "Testregion: Bestand": "2013-06-30",
    "Testregion: Matrix Informationstechnologie": "2013-06-30",
    "Testregion: Laufende Kooperationen": "2023-09-30",
    "Testregion: Portfolio": "2023-09-30",
    "Testregion: Beteiligungsmatrix": "2023-09-30",
    "Testregion: Übersicht IKZ-Projekte": "2023-09-30",
}


def _import_pages(demo: _DemoObjects) -> list[Page]:
    """The import of the region's matrix (upload form and history) and the run of the demo."""
    from ikz.imports.models import ImportRun
    from ikz.municipalities.models import Region

    region = Region.objects.get(slug=demo.region).pk
    rows: list[Page] = [
        ("Import Kooperationsmatrix", "geschaeftsstelle", f"/importe/kooperationsmatrix/{region}/", R)
    ]
    run = ImportRun.objects.filter(kind="kooperationsmatrix", scope_id=region).order_by("pk").first()
    if run is not None:
        rows.append(("Import: Vorschau und Ergebnis", "geschaeftsstelle", f"/importe/laeufe/{run.pk}/", R))
    return rows


def _municipality_pages(demo: _DemoObjects) -> list[Page]:
    """Floor, start pages, the register (lists, units, region, history) and the task areas."""
    return [
        ("floor (/status/)", "geschaeftsstelle", "/status/", G),
        ("Startseite (Kommune)", "kommune-raunheim", "/", R),
        ("Startseite (Geschäftsstelle)", "geschaeftsstelle", "/", R),
        # "Meine Aufgaben" of every role (issue 19; the platform-wide office sees every region)
        ("Startseite (Lenkungsgruppe)", "lenkungsgruppe", "/", R),
        ("Startseite (Projektleitung)", "projektleitung", "/", R),
        ("Startseite (Mitglied)", "mitglied", "/", G),
        ("Startseite (Genossenschaft)", "genossenschaft", "/", G),
        ("Startseite (anonym)", "", "/", G),
        ("Kommunenliste", "geschaeftsstelle", "/kommunen/", G),
        (
            "Kommunenliste: Hessen nach Einwohnern",
            "geschaeftsstelle",
            "/kommunen/?land=06&sort=-population",
            G,
        ),
        ("Kommunenliste: Suche „Stadt“", "kommune-raunheim", "/kommunen/?q=Stadt", G),
        ("Kommune (Rüsselsheim)", "kommune-raunheim", f"/kommunen/{demo.ruesselsheim}/", R),
        ("Kreis Groß-Gerau", "lenkungsgruppe", f"/kommunen/{demo.kreis}/", R),
        ("Land Hessen", "lenkungsgruppe", f"/kommunen/{demo.hessen}/", G),
        (
            "Region (Stichtag 2022)",
            "lenkungsgruppe",
            f"/kommunen/regionen/{demo.region}/?stichtag=2022-12-31",
            R,
        ),
        ("Aufgabengebiete", "kommune-raunheim", "/aufgabengebiete/", G),
        ("Verlauf Rüsselsheim", "geschaeftsstelle", f"/kommunen/{demo.ruesselsheim}/verlauf/", R),
        ("Personen und Zugänge", "geschaeftsstelle", "/konto/personen/", R),
        (
            "Person (Ansprechpartnerin Raunheim)",
            "geschaeftsstelle",
            f"/konto/personen/{demo.raunheim_contact}/",
            R,
        ),
        ("Zugänge Raunheim", "kommune-raunheim", f"/konto/kommunen/{demo.raunheim}/zugaenge/", R),
    ]


def _inventory_pages(demo: _DemoObjects) -> list[Page]:
    """The inventory (matrix, all task areas), the survey and the interest call."""
    return [
        (
            "Matrix Informationstechnologie",
            "kommune-raunheim",
            f"/bestand/{demo.region}/matrix/{demo.it_area}/",
            R,
        ),
        ("Bestand: alle Aufgabengebiete", "lenkungsgruppe", f"/bestand/{demo.region}/", R),
        (
            "Rücklauf Bestandsaufnahme 2026",
            "geschaeftsstelle",
            f"/bestandsaufnahmen/{demo.campaign}/ruecklauf/",
            R,
        ),
        (
            "Fragebogen Raunheim",
            "kommune-raunheim",
            f"/bestandsaufnahmen/{demo.campaign}/kommunen/{demo.raunheim}/bearbeiten/",
            R,
        ),
        (
            "Rangfolge Interessenbekundung 2013",
            "lenkungsgruppe",
            f"/interessenbekundungen/{demo.call}/ergebnis/",
            R,
        ),
    ]


def _project_and_cost_pages(demo: _DemoObjects) -> list[Page]:
    """Resolutions, the project portfolio, running cooperations and their costs and savings."""
    from django.utils import timezone

    return [
        ("Grundsatzbeschlüsse (Karte)", "lenkungsgruppe", f"/beschluesse/region/{demo.region}/", R),
        ("IKZ-Projekte (Portfolio)", "kommune-raunheim", f"/projekte/region/{demo.region}/", R),
        (
            "Beteiligungsmatrix 2023",
            "kommune-raunheim",
            f"/projekte/region/{demo.region}/beteiligung/?jahr=2023",
            R,
        ),
        ("Übersicht IKZ-Projekte", "lenkungsgruppe", f"/projekte/region/{demo.region}/uebersicht/", R),
        # the report of 2023 is as of 31.12.2023 unless a Stand is given: "today" is today's Stand
        (
            "Jahresbericht 2023 (heute)",
            "lenkungsgruppe",
            f"/berichte/region/{demo.region}/2023/?stand={timezone.localdate():%Y-%m-%d}",
            R,
        ),
        ("Laufende Kooperationen", "lenkungsgruppe", f"/bestand/{demo.region}/laufende/", R),
        ("Kooperation ProstSchG (Betrieb)", "kommune-kelsterbach", f"/kooperationen/{demo.prostschg}/", R),
        (
            "Kosten Fördermittelmanagement",
            "geschaeftsstelle",
            f"/kosten/kooperationen/{demo.funding_cooperation}/",
            R,
        ),
        ("Umlage 2024 (Anteil Raunheim)", "kommune-raunheim", f"/kosten/umlagen/{demo.funding}/", R),
        ("Einsparungen der Region", "lenkungsgruppe", f"/kosten/regionen/{demo.region}/einsparungen/", R),
        # the meetings of the region and the open actions (decisions 230–238)
        ("Sitzungen der Region", "lenkungsgruppe", f"/sitzungen/region/{demo.region}/", R),
        ("Beschlusskontrolle", "geschaeftsstelle", f"/sitzungen/region/{demo.region}/beschlusskontrolle/", R),
    ]


def _cooperative_search_and_portal_pages(demo: _DemoObjects) -> list[Page]:
    """The cooperative, search, documents, the reuse network, the public portal and a project."""
    return [
        ("Genossenschaft: Beitritte (Pipeline)", "genossenschaft", "/genossenschaft/", G),
        ("Genossenschaft: Mitgliederliste", "genossenschaft", "/genossenschaft/mitglieder/", G),
        ("Genossenschaft: Leistungskatalog (Team)", "genossenschaft", "/genossenschaft/leistungen/", G),
        ("Förderprogramme", "geschaeftsstelle", "/kosten/foerderprogramme/", G),
        (
            "Portal-Redaktion: was das Portal zeigt",
            "geschaeftsstelle",
            f"/portal/redaktion/{demo.region}/",
            R,
        ),
        (
            "Portal-Redaktion: Neuigkeiten",
            "geschaeftsstelle",
            f"/portal/redaktion/{demo.region}/neuigkeiten/",
            R,
        ),
        ("Suche „Beschaffungen“", "kommune-kelsterbach", "/suche/?q=Beschaffungen", G),
        ("Dokumente", "kommune-raunheim", "/dokumente/", G),
        ("Wiederverwendungsnetz", "mitglied", "/netzwerk/", G),
        (
            "Partner finden (e-Akte, aus Sicht Raunheims)",
            "kommune-raunheim",
            f"/partnersuche/?feld={demo.eakte}",
            G,
        ),
        ("Portal: Region (anonym)", "", f"/portal/{demo.region}/", R),
        ("Portal: Suche „Vergabezentrum“ (anonym)", "", "/portal/suche/?q=Vergabezentrum", G),
        ("Projekt Strom- und Gaseinkauf (mit Erfahrung)", "kommune-raunheim", f"/projekte/{demo.strom}/", R),
        (
            "Portal: Projekt Strom- und Gaseinkauf (anonym)",
            "",
            f"/portal/{demo.region}/projekte/strom-und-gaseinkauf/",
            R,
        ),
        (
            "Suche „Vertragsmanagement“ (Erfahrungen)",
            "kommune-kelsterbach",
            "/suche/?q=Vertragsmanagement",
            G,
        ),
    ]


def _api_pages(demo: _DemoObjects) -> list[Page]:
    """The lists of the REST API."""
    return [
        ("API: Kommunen (200 je Seite)", "geschaeftsstelle", "/api/kommunen/?limit=200", G),
        ("API: Kooperationen der Region", "lenkungsgruppe", f"/api/kooperationen/?region={demo.region}", R),
        ("API: Projekte", "geschaeftsstelle", "/api/projekte/", R),
        ("API: Lösungen", "kommune-raunheim", "/api/loesungen/", G),
        ("API: Dokumente", "kommune-raunheim", "/api/dokumente/", G),
        ("API: Regionen", "geschaeftsstelle", "/api/regionen/", G),
        ("API: Meilensteine", "kommune-raunheim", "/api/meilensteine/", R),
        ("API: Kooperationen (plattformweit)", "genossenschaft", "/api/kooperationen/", G),
    ]


def _seed_pages() -> list[Page]:
    """The same kinds of pages on the seeded region (seed_national: 64 cooperations, 26 documents …),
    which is identical in the small and the national set."""
    from ikz.cooperation.models import TaskArea
    from ikz.interests.models import InterestCall
    from ikz.surveys.models import Campaign

    slug = SEED_REGION
    area = TaskArea.objects.get(name="Informationstechnologie").pk
    call = InterestCall.objects.get(region__slug=slug).pk
    campaign = Campaign.objects.get(region__slug=slug).pk
    office, steering, contact = (username for username, _role, _key in SEED_PERSONAS)
    return [
        ("Testregion: Startseite (Geschäftsstelle)", office, "/", True),
        ("Testregion: Startseite (Lenkungsgruppe)", steering, "/", True),
        ("Testregion: Startseite (Kommune)", contact, "/", True),
        ("Testregion: Region", steering, f"/kommunen/regionen/{slug}/", True),
        ("Testregion: Bestand", steering, f"/bestand/{slug}/", True),
        ("Testregion: Matrix Informationstechnologie", contact, f"/bestand/{slug}/matrix/{area}/", True),
        ("Testregion: Laufende Kooperationen", steering, f"/bestand/{slug}/laufende/", True),
        ("Testregion: Rücklauf Bestandsaufnahme", office, f"/bestandsaufnahmen/{campaign}/ruecklauf/", True),
        (
            "Testregion: Rangfolge Interessenbekundung",
            steering,
            f"/interessenbekundungen/{call}/ergebnis/",
            True,
        ),
        ("Testregion: Portfolio", contact, f"/projekte/region/{slug}/", True),
        ("Testregion: Beteiligungsmatrix", contact, f"/projekte/region/{slug}/beteiligung/", True),
        ("Testregion: Übersicht IKZ-Projekte", steering, f"/projekte/region/{slug}/uebersicht/", True),
        ("Testregion: Dokumente", contact, "/dokumente/", False),
        ("Testregion: API Kooperationen", steering, f"/api/kooperationen/?region={slug}", True),
    ]
