"""Official German area keys (AGS, ARS and the keys of the higher levels). Pure functions, no Django.

AGS (8 digits):  Land(2) + Regierungsbezirk(1) + Kreis(2) + Gemeinde(3)
ARS (12 digits): Land(2) + Regierungsbezirk(1) + Kreis(2) + Gemeindeverband(4) + Gemeinde(3)
Keys of the higher levels as in the GV100AD register: Land 2, Regierungsbezirk 3, Region (BW) 4,
Kreis 5, Gemeindeverband 9 (= the first 9 digits of the ARS) digits.
"""

from __future__ import annotations

KEY_LENGTHS: dict[str, int] = {
    "land": 2,
    "regierungsbezirk": 3,
    "region": 4,
    "kreis": 5,
    "gemeinde": 8,
    "verband": 9,
}

LAENDER: dict[str, str] = {
    "01": "Schleswig-Holstein",
    "02": "Hamburg",
    "03": "Niedersachsen",
    "04": "Bremen",
    "05": "Nordrhein-Westfalen",
    "06": "Hessen",
    "07": "Rheinland-Pfalz",
    "08": "Baden-Württemberg",
    "09": "Bayern",
    "10": "Saarland",
    "11": "Berlin",
    "12": "Brandenburg",
    "13": "Mecklenburg-Vorpommern",
    "14": "Sachsen",
    "15": "Sachsen-Anhalt",
    "16": "Thüringen",
}


class InvalidKey(ValueError):
    """A key that is not a valid official key; the message is German and names the problem."""


def check_key(level: str, key: str) -> None:
    """Raise :class:`InvalidKey` unless ``key`` is a well-formed key of ``level``."""
    expected = KEY_LENGTHS.get(level)
    if expected is None:
        raise InvalidKey(f"Für die Ebene „{level}“ gibt es keinen amtlichen Schlüssel.")
    if not key.isascii() or not key.isdigit():
        raise InvalidKey(f"Der Schlüssel „{key}“ darf nur Ziffern enthalten.")
    if len(key) != expected:
        raise InvalidKey(f"Der Schlüssel „{key}“ hat {len(key)} Stellen, erwartet sind {expected}.")
    if key[:2] not in LAENDER:
        raise InvalidKey(f"Der Schlüssel „{key}“ beginnt nicht mit einer Landesnummer (01–16).")


def check_ars(ars: str, ags: str) -> None:
    """An ARS must have 12 digits and agree with the AGS of the same Gemeinde."""
    if not ars.isascii() or not ars.isdigit() or len(ars) != 12:
        raise InvalidKey(f"Der Regionalschlüssel (ARS) „{ars}“ muss aus 12 Ziffern bestehen.")
    if ars[:5] != ags[:5] or ars[9:] != ags[5:]:
        raise InvalidKey(
            f"Der Regionalschlüssel „{ars}“ passt nicht zum Gemeindeschlüssel „{ags}“ "
            "(Stellen 1–5 und 10–12 müssen übereinstimmen)."
        )


def check_parent(key: str, parent_key: str) -> None:
    """A key must begin with the key of its parent (Gemeinde 06433012 lies in Kreis 06433)."""
    if not key.startswith(parent_key[: min(len(parent_key), 5)]):
        raise InvalidKey(f"Der Schlüssel „{key}“ passt nicht zur übergeordneten Einheit „{parent_key}“.")


def ars_for(level: str, key: str) -> str:
    """The 12-digit ARS of a unit, zero-padded below its level (Kreis 06433 → 064330000000)."""
    if level == "gemeinde":
        raise InvalidKey("Für Gemeinden steht der ARS im Register; er lässt sich nicht aus dem AGS ableiten.")
    return key.ljust(12, "0")


def ancestor_keys(key: str) -> list[str]:
    """Keys of the possible ancestors, nearest first: Kreis, Regierungsbezirk, Land."""
    candidates = [key[:5], key[:3], key[:2]]
    return [c for c in candidates if len(c) < len(key)]
