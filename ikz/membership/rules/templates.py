"""The document templates: {Platzhalter}."""

from __future__ import annotations

import re
from collections.abc import Mapping

from django.utils.translation import gettext as _

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
