"""The document templates: {Platzhalter}, and the names they fill in with their articles."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

from ikz.lib.grammar import (
    ACCUSATIVE,
    DATIVE,
    GENITIVE,
    NOMINATIVE,
    Case,
    Gender,
    all_cases,
    decline,
    with_article,
)

_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


class TemplateFault(ValueError):
    """A template the office wrote cannot be filled; the message says why, in German."""


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace ``{Name}`` by ``values["Name"]``; ``{{`` and ``}}`` write literal braces.

    An unknown placeholder or a stray brace raises :class:`TemplateFault` naming it and the line."""
    out: list[str] = []
    for number, line in enumerate(template.splitlines(), start=1):
        escaped = line.replace("{{", "\0").replace("}}", "\1")
        for match in _PLACEHOLDER.finditer(escaped):
            name = match.group(1).strip()
            if name not in values:
                known = ", ".join("{" + k + "}" for k in sorted(values))
                raise TemplateFault(
                    _(
                        "Zeile %(line)d: Der Platzhalter „{%(name)s}“ ist unbekannt. "
                        "Verfügbar sind: %(known)s."
                    )
                    % {"line": number, "name": name, "known": known}
                )
        rest = _PLACEHOLDER.sub("", escaped)
        if "{" in rest:
            raise TemplateFault(
                _("Zeile %(line)d: Eine geschweifte Klammer „{“ ist nicht geschlossen.") % {"line": number}
            )
        if "}" in rest:
            raise TemplateFault(
                _("Zeile %(line)d: Eine geschweifte Klammer „}“ steht ohne „{“.") % {"line": number}
            )
        filled = _PLACEHOLDER.sub(lambda m: values[m.group(1).strip()], escaped)
        out.append(filled.replace("\0", "{").replace("\1", "}"))
    return "\n".join(out)


# --- names with their articles (decision 241) ----------------------------------------------------

CASE_LABELS: dict[Case, str] = {
    NOMINATIVE: "Nominativ",
    GENITIVE: "Genitiv",
    DATIVE: "Dativ",
    ACCUSATIVE: "Akkusativ",
}

# The noun that names a member by its kind ("Stadt Raunheim", "Landkreis Fulda"); other kinds
# (organisations, associations) stand under their own name.
KIND_NOUNS: dict[str, str] = {
    "landkreis": "Landkreis",
    "kreis": "Kreis",
    "kreisfreie_stadt": "Stadt",
    "stadtkreis": "Stadt",
    "stadt": "Stadt",
    "grosse_kreisstadt": "Stadt",
    "sonderstatusstadt": "Stadt",
    "gemeinde": "Gemeinde",
    "markt": "Markt",
}


def member_name(kind: str, short_name: str, name: str) -> str:
    """ "Stadt Raunheim" for the register's "Raunheim, Stadt"; an organisation keeps its name."""
    noun = KIND_NOUNS.get(kind)
    base = short_name or name.split(",")[0]
    if noun is None:
        return name
    return base if base.split(" ")[0] == noun else f"{noun} {base}"


def named_cases(prefix: str, name: str, fallback: tuple[str, Gender]) -> dict[str, str]:
    """``<prefix>_Nominativ`` … ``_Akkusativ`` and ``_Satzanfang`` (the nominative, capitalised)."""
    cases = all_cases(name, fallback=fallback)
    values = {f"{prefix}_{label}": cases[case] for case, label in CASE_LABELS.items()}
    values[f"{prefix}_Satzanfang"] = with_article(name, NOMINATIVE, capital=True, fallback=fallback)
    return values


def body_cases(body: str) -> dict[str, str]:
    """The body that decides, in every case; none entered yet: "das zuständige Gremium"."""
    if body.strip():
        return named_cases("Gremium", body, fallback=("Gremium", "n"))
    values = {
        f"Gremium_{label}": decline("Gremium", "n", case, adjective="zuständig")
        for case, label in CASE_LABELS.items()
    }
    values["Gremium_Satzanfang"] = "Das zuständige Gremium"
    return values
