"""German articles of bodies and members in all four cases (pure, no database)."""

from __future__ import annotations

import pytest

from ikz.lib.grammar import CASES, all_cases, with_article

# name → nominative, genitive, dative, accusative, as a German council office writes them
EXPECTED = {
    "Stadtverordnetenversammlung": (
        "die Stadtverordnetenversammlung",
        "der Stadtverordnetenversammlung",
        "der Stadtverordnetenversammlung",
        "die Stadtverordnetenversammlung",
    ),
    "Gemeindevertretung": (
        "die Gemeindevertretung",
        "der Gemeindevertretung",
        "der Gemeindevertretung",
        "die Gemeindevertretung",
    ),
    "Gemeinderat": ("der Gemeinderat", "des Gemeinderats", "dem Gemeinderat", "den Gemeinderat"),
    "Stadtrat": ("der Stadtrat", "des Stadtrats", "dem Stadtrat", "den Stadtrat"),
    "Kreistag": ("der Kreistag", "des Kreistags", "dem Kreistag", "den Kreistag"),
    "Verwaltungsrat": (
        "der Verwaltungsrat",
        "des Verwaltungsrats",
        "dem Verwaltungsrat",
        "den Verwaltungsrat",
    ),
    "Verbandsversammlung": (
        "die Verbandsversammlung",
        "der Verbandsversammlung",
        "der Verbandsversammlung",
        "die Verbandsversammlung",
    ),
    "Magistrat": ("der Magistrat", "des Magistrats", "dem Magistrat", "den Magistrat"),
    "Gemeindevorstand": (
        "der Gemeindevorstand",
        "des Gemeindevorstands",
        "dem Gemeindevorstand",
        "den Gemeindevorstand",
    ),
    "Kreisausschuss": (
        "der Kreisausschuss",
        "des Kreisausschusses",
        "dem Kreisausschuss",
        "den Kreisausschuss",
    ),
    "Stadtparlament": (
        "das Stadtparlament",
        "des Stadtparlaments",
        "dem Stadtparlament",
        "das Stadtparlament",
    ),
    "Präsidium": ("das Präsidium", "des Präsidiums", "dem Präsidium", "das Präsidium"),
    "Trägerversammlung": (
        "die Trägerversammlung",
        "der Trägerversammlung",
        "der Trägerversammlung",
        "die Trägerversammlung",
    ),
    "Kreistag des Landkreises Fulda": (
        "der Kreistag des Landkreises Fulda",
        "des Kreistags des Landkreises Fulda",
        "dem Kreistag des Landkreises Fulda",
        "den Kreistag des Landkreises Fulda",
    ),
    "Gemeinderat / Stadtrat": (
        "der Gemeinderat / der Stadtrat",
        "des Gemeinderats / des Stadtrats",
        "dem Gemeinderat / dem Stadtrat",
        "den Gemeinderat / den Stadtrat",
    ),
    # members
    "Landkreis Marburg-Biedenkopf": (
        "der Landkreis Marburg-Biedenkopf",
        "des Landkreises Marburg-Biedenkopf",
        "dem Landkreis Marburg-Biedenkopf",
        "den Landkreis Marburg-Biedenkopf",
    ),
    "Stadt Wetzlar": ("die Stadt Wetzlar", "der Stadt Wetzlar", "der Stadt Wetzlar", "die Stadt Wetzlar"),
    "Gemeinde Trebur": (
        "die Gemeinde Trebur",
        "der Gemeinde Trebur",
        "der Gemeinde Trebur",
        "die Gemeinde Trebur",
    ),
    # unknown head noun: never guessed, the name in quotes after "Gremium"
    "Haupt- und Finanzausschuss": (
        "das Gremium „Haupt- und Finanzausschuss“",
        "des Gremiums „Haupt- und Finanzausschuss“",
        "dem Gremium „Haupt- und Finanzausschuss“",
        "das Gremium „Haupt- und Finanzausschuss“",
    ),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_every_body_and_member_in_every_case(name: str) -> None:
    assert tuple(all_cases(name).values()) == EXPECTED[name]
    assert list(all_cases(name)) == list(CASES)
    assert with_article(name, "nom", capital=True) == EXPECTED[name][0][0].upper() + EXPECTED[name][0][1:]


def test_an_organisation_of_unknown_gender_stands_after_die_organisation() -> None:
    cases = all_cases("Kommunales Jobcenter Lahn-Dill", fallback=("Organisation", "f"))
    assert cases["nom"] == "die Organisation „Kommunales Jobcenter Lahn-Dill“"
    assert cases["gen"] == "der Organisation „Kommunales Jobcenter Lahn-Dill“"
    assert with_article("  Kreistag ", "dat") == "dem Kreistag"  # spaces as typed in a form


def test_every_body_the_platform_offers_has_a_known_gender() -> None:
    """The bodies of the council resolutions (Hessen's names): none falls back to "das Gremium „…“"."""
    from ikz.resolutions.models import Body

    for value, label in Body.choices:
        if value != Body.OTHER:
            assert "„" not in with_article(str(label), "gen"), label
