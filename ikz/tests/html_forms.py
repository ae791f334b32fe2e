"""The forms of an HTML page as a browser would submit them (standard library parser only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

TEXT_TYPES = {"text", "email", "url", "tel", "search", "password", ""}


@dataclass
class Field:
    tag: str  # input, textarea, select
    type: str  # input type; "textarea"; "select"
    name: str
    value: str = ""
    checked: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (value, selected)
    multiple: bool = False
    required: bool = False
    maxlength: int | None = None
    min: float | None = None
    inputmode: str = ""  # "decimal": a text box for amounts (ikz.forms.EuroInput)


@dataclass
class Form:
    method: str
    action: str
    enctype: str
    fields: list[Field] = field(default_factory=list)

    def named(self, name: str) -> list[Field]:
        return [f for f in self.fields if f.name == name]

    def data(self) -> dict[str, str | list[str]]:
        """What a browser sends without any change by the user (no submit button value)."""
        data: dict[str, str | list[str]] = {}

        def add(name: str, value: str) -> None:
            if name in data:
                old = data[name]
                data[name] = [*old, value] if isinstance(old, list) else [old, value]
            else:
                data[name] = value

        for f in self.fields:
            if f.type in {"submit", "button", "reset", "image", "file"}:
                continue
            if f.type in {"checkbox", "radio"}:
                if f.checked:
                    add(f.name, f.value or "on")
            elif f.type == "select":
                chosen = [v for v, sel in f.options if sel]
                if not chosen and not f.multiple and f.options:
                    chosen = [f.options[0][0]]
                for v in chosen:
                    add(f.name, v)
            else:
                add(f.name, f.value)
        return data

    def text_fields(self) -> list[str]:
        return [
            f.name
            for f in self.fields
            if (f.tag == "input" and f.type in TEXT_TYPES and f.inputmode != "decimal") or f.tag == "textarea"
        ]


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._textarea: Field | None = None
        self._select: Field | None = None
        self._option: tuple[str | None, bool] | None = None
        self._option_text = ""
        self._in_template = 0  # <template> content is inert: a browser submits none of it

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "template":
            self._in_template += 1
        if self._in_template:
            return
        if tag == "form":
            self._form = Form(
                method=a.get("method", "get").lower(),
                action=a.get("action", ""),
                enctype=a.get("enctype", ""),
            )
            self.forms.append(self._form)
            return
        if self._form is None or "disabled" in a:
            return
        name = a.get("name")
        common = {"required": "required" in a}
        if tag == "input" and name:
            ml = a.get("maxlength")
            low = a.get("min", "")
            self._form.fields.append(
                Field(
                    "input",
                    a.get("type", "text").lower(),
                    name,
                    a.get("value", ""),
                    checked="checked" in a,
                    maxlength=int(ml) if ml and ml.isdigit() else None,
                    min=float(low) if low.lstrip("-").replace(".", "", 1).isdigit() else None,
                    inputmode=a.get("inputmode", ""),
                    **common,
                )
            )
        elif tag == "textarea" and name:
            self._textarea = Field("textarea", "textarea", name, **common)
            self._form.fields.append(self._textarea)
        elif tag == "select" and name:
            self._select = Field("select", "select", name, multiple="multiple" in a, **common)
            self._form.fields.append(self._select)
        elif tag == "option" and self._select is not None:
            self._close_option()
            self._option = (a.get("value"), "selected" in a)
            self._option_text = ""

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._textarea.value += data
        if self._option is not None:
            self._option_text += data

    def _close_option(self) -> None:
        if self._option is not None and self._select is not None:
            value, selected = self._option
            self._select.options.append((value if value is not None else self._option_text.strip(), selected))
        self._option = None

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self._in_template = max(0, self._in_template - 1)
            return
        if self._in_template:
            return
        if tag == "textarea" and self._textarea is not None:
            if self._textarea.value.startswith("\n"):
                self._textarea.value = self._textarea.value[1:]
            self._textarea = None
        elif tag == "option":
            self._close_option()
        elif tag == "select":
            self._close_option()
            self._select = None
        elif tag == "form":
            self._form = None


def forms_of(html: str) -> list[Form]:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.forms
