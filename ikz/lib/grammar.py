"""German articles for the names of bodies and members in generated documents (pure, no database).

"dass das Stadtverordnetenversammlung" was a template writing one article for every body. Here the
gender comes from the head noun — the first word of the name, e.g. "Kreistag" in "Kreistag des
Landkreises Fulda" — by its last component ("Stadtverordneten|versammlung" is feminine,
"Verwaltungs|rat" masculine, "Stadt|parlament" neuter), and the article and the genitive ending
follow the case:

    >>> with_article("Kreistag", GENITIVE)
    'des Kreistags'
    >>> with_article("Stadtverordnetenversammlung", NOMINATIVE, capital=True)
    'Die Stadtverordnetenversammlung'

A name whose head noun is not known (an adjective first, a word the table lacks) is never guessed:
it stands in quotes after a noun of known gender — ``fallback`` — ("das Gremium „Haupt- und
Finanzausschuss“", "die Organisation „Kommunales Jobcenter Lahn-Dill“"), correct German in every case.
"""

from __future__ import annotations

from typing import Literal

Gender = Literal["m", "f", "n"]
Case = Literal["nom", "gen", "dat", "akk"]
NOMINATIVE: Case = "nom"
GENITIVE: Case = "gen"
DATIVE: Case = "dat"
ACCUSATIVE: Case = "akk"
CASES: tuple[Case, ...] = (NOMINATIVE, GENITIVE, DATIVE, ACCUSATIVE)

ARTICLES: dict[Gender, dict[Case, str]] = {
    "m": {"nom": "der", "gen": "des", "dat": "dem", "akk": "den"},
    "f": {"nom": "die", "gen": "der", "dat": "der", "akk": "die"},
    "n": {"nom": "das", "gen": "des", "dat": "dem", "akk": "das"},
}

# Last components of the nouns that name bodies and members, longest first wins. Whole words
# ("rat", "tag") match as the end of a compound ("Gemeinderat", "Kreistag").
ENDINGS: dict[str, Gender] = {
    # councils, executives, assemblies
    "versammlung": "f",
    "vertretung": "f",
    "konferenz": "f",
    "kommission": "f",
    "runde": "f",
    "kammer": "f",
    "leitung": "f",
    "deputation": "f",
    "rat": "m",
    "tag": "m",
    "ausschuss": "m",
    "vorstand": "m",
    "magistrat": "m",
    "senat": "m",
    "konvent": "m",
    "parlament": "n",
    "gremium": "n",
    "kollegium": "n",
    "präsidium": "n",
    "kuratorium": "n",
    "direktorium": "n",
    # members and organisations
    "stadt": "f",
    "gemeinde": "f",
    "organisation": "f",
    "anstalt": "f",
    "gesellschaft": "f",
    "kasse": "f",
    "kreis": "m",
    "markt": "m",
    "meister": "m",
    "verband": "m",
    "betrieb": "m",
    "jobcenter": "n",
    "center": "n",
    "amt": "n",
    "unternehmen": "n",
    "werk": "n",
}
_BY_LENGTH = sorted(ENDINGS, key=len, reverse=True)  # the longest ending decides


def gender_of(noun: str) -> Gender | None:
    """The gender of a head noun by its last component, or None if the table does not know it."""
    word = noun.strip().lower()
    for ending in _BY_LENGTH:
        if word.endswith(ending):
            return ENDINGS[ending]
    return None


def _genitive(noun: str, gender: Gender) -> str:
    """The head noun in the genitive: feminine unchanged, else "-s" ("Kreistags", "Gremiums") or
    "-es" after a hissing sound ("Ausschusses", "Kreises")."""
    if gender == "f":
        return noun
    return noun + ("es" if noun.endswith(("s", "ß", "x", "z")) else "s")


def _adjective(adjective: str, gender: Gender, case: Case) -> str:
    """Weak declension after the definite article: "der zuständige", "den zuständigen"."""
    if not adjective:
        return ""
    strong_e = case == NOMINATIVE or (case == ACCUSATIVE and gender != "m")
    return adjective + ("e" if strong_e else "en") + " "


def decline(noun: str, gender: Gender, case: Case, *, rest: str = "", adjective: str = "") -> str:
    """Article, adjective (stem, e.g. "zuständig"), head noun in the case, then the unchanged rest."""
    head = _genitive(noun, gender) if case == GENITIVE else noun
    phrase = f"{ARTICLES[gender][case]} {_adjective(adjective, gender, case)}{head}"
    return f"{phrase} {rest}".strip() if rest else phrase


def with_article(
    name: str, case: Case, *, capital: bool = False, fallback: tuple[str, Gender] = ("Gremium", "n")
) -> str:
    """The name with its definite article in the case; alternatives ("Gemeinderat / Stadtrat")
    each with their own. A name of unknown gender: "<article> <fallback> „<name>“"."""
    name = " ".join(name.split())
    if " / " in name:
        parts = [with_article(part, case, fallback=fallback) for part in name.split(" / ")]
        phrase = " / ".join(parts)
    else:
        head, _space, rest = name.partition(" ")
        gender = gender_of(head) if head[:1].isupper() else None
        if gender is None:
            noun, noun_gender = fallback
            phrase = decline(noun, noun_gender, case, rest=f"„{name}“")
        else:
            phrase = decline(head, gender, case, rest=rest)
    return phrase[:1].upper() + phrase[1:] if capital else phrase


def all_cases(name: str, *, fallback: tuple[str, Gender] = ("Gremium", "n")) -> dict[Case, str]:
    """The name in the four cases (for tests and the template's sample values)."""
    return {case: with_article(name, case, fallback=fallback) for case in CASES}
