"""Form helpers shared by all apps: KERN UX classes, accessible error wiring, service calls."""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Generic, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms.utils import flatatt
from django.http import HttpRequest
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from ikz.audit.services import ConflictError
from ikz.lib.money import format_number, parse_euro

T = TypeVar("T")


class KernFormMixin:
    """Adds KERN classes to widgets and links hints and errors with ``aria-describedby``."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_fields()

    def style_fields(self) -> None:
        form: forms.BaseForm = self  # type: ignore[assignment]
        errors = getattr(form, "_errors", None) or {}  # never trigger validation from here
        for name, field in form.fields.items():
            label_choices(field)
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "kern-form-check__checkbox"
            elif isinstance(widget, forms.Select):
                css = "kern-form-input__select"
            else:
                css = "kern-form-input__input"
            widget.attrs["class"] = css
            bound = form[name]
            described = []
            if field.help_text:
                described.append(f"{bound.id_for_label}_hint")
            if name in errors:
                described.append(f"{bound.id_for_label}_error")
                widget.attrs["class"] = f"{css} {css}--error"
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)

    def full_clean(self) -> None:
        super().full_clean()  # type: ignore[misc]
        self.style_fields()


def _choice_label(obj: Any) -> str:
    return str(obj.choice_label)


def label_choices(field: forms.Field) -> None:
    """A choice of model objects that have a ``choice_label`` (municipalities: "Groß-Gerau, Stadt
    (06433006)" vs "Landkreis Groß-Gerau (06433)") shows that label, in every form of the project,
    unless the form set its own ``label_from_instance``."""
    model = getattr(getattr(field, "queryset", None), "model", None)
    if model is not None and hasattr(model, "choice_label") and "label_from_instance" not in vars(field):
        field.label_from_instance = _choice_label  # type: ignore[attr-defined]


class DateInput(forms.DateInput):
    """The browser's date picker, with the ISO value it expects."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class EuroInput(forms.TextInput):
    """A text box for amounts: a number box would refuse "100.000,00". Shows a saved amount in
    German ("100.000,00") and what the user typed as typed."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return format_number(value, 2)
        shown: str | None = super().format_value(value)
        return shown


class EuroField(forms.DecimalField):
    """The one field for amounts in euros (decision 138): German input — "100.000,00", "100000",
    "100.000", "1.234,5", with or without "€" — and "1234.50" as programs send it; "1,2,3" gets a
    German message at the field. Two decimal places and at most 14 digits unless said otherwise."""

    widget = EuroInput
    default_error_messages = {
        "invalid": _(
            "„%(value)s“ ist kein Betrag in Euro: bitte z. B. 100.000,00 oder 100000 eingeben "
            "(ein Komma vor den Cent, Punkte nur zwischen Tausendern)."
        ),
    }

    def __init__(self, *, max_digits: int = 14, decimal_places: int = 2, **kwargs: Any) -> None:
        kwargs.pop("localize", None)
        super().__init__(max_digits=max_digits, decimal_places=decimal_places, **kwargs)

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]  # DecimalField's own type
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal | int) and not isinstance(value, bool):
            return Decimal(value)
        try:
            return parse_euro(str(value))
        except ValueError as exc:
            raise ValidationError(
                self.error_messages["invalid"], code="invalid", params={"value": str(value).strip()[:40]}
            ) from exc

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return {}  # no step/min/max: those belong to a number box


class VersionField(forms.IntegerField):
    """The version the form was based on (optimistic locking)."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(min_value=1, **kwargs)


class LongSelect(forms.Select):
    """A select for hundreds of options (e.g. all 400 Kreise), rendered without a template per option.

    Django renders every option through the template engine, which costs about a tenth of a
    millisecond each; the list of municipalities offers 400 Kreise on every page view.
    """

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None
    ) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        if self.allow_multiple_selected:
            final["multiple"] = True
        if value is None:
            values: list[Any] | tuple[Any, ...] = []
        elif isinstance(value, list | tuple):
            values = value if self.allow_multiple_selected else value[:1]
        else:
            values = [value]
        chosen = {str(v) for v in values} or {""}
        # Plain string building with html.escape: format_html_join's lazy-aware escaping per
        # argument cost about as much as the rest of the municipality list (make bench, national).
        options = []
        for key, label in self.choices:
            text = "" if key is None else str(key)
            selected = " selected" if text in chosen else ""
            label_html = html.escape(str(label))
            options.append(f'<option value="{html.escape(text)}"{selected}>{label_html}</option>')
        return mark_safe(f"<select{flatatt(final)}>{''.join(options)}</select>")  # noqa: S308 - escaped above


class LongSelectMultiple(LongSelect, forms.SelectMultiple):
    """:class:`LongSelect` for a multiple choice (e.g. every municipality of the regions)."""


@dataclass
class Submission(Generic[T]):
    """What became of a form handed to a service: saved, refused (errors on the form) or stale."""

    form: Any
    saved: T | None = None
    conflict: list[tuple[str, Any, Any]] | None = None
    status: int = 200


def refuse_stale(request: HttpRequest, exc: ConflictError) -> None:
    """Tell the user their edit was based on an old version, and note the refused write in the
    history (the service's transaction has ended, so the entry stays)."""
    user = getattr(request, "user", None)
    exc.record(actor=user if user is not None and user.is_authenticated else None)
    messages.error(request, str(exc))


def submit(
    request: HttpRequest,
    form: Any,
    save: Callable[[], T],
    *,
    success: str,
    fresh: Callable[[Any], Any] | None = None,
) -> Submission[T]:
    """Call the service ``save`` for a valid ``form`` and turn its refusals into what the user sees.

    A ``ValidationError`` becomes form errors (the service wrote nothing). A ``ConflictError``
    (somebody saved in between) becomes status 409, a message, the comparison of both versions,
    and — with ``fresh`` — a form filled with the current version, so nobody's edit is lost."""
    try:
        saved = save()
    except ConflictError as exc:
        refuse_stale(request, exc)
        return Submission(form=fresh(exc.current) if fresh else form, conflict=exc.comparison(), status=409)
    except ValidationError as exc:
        for text in exc.messages:
            form.add_error(None, text)
        return Submission(form=form)
    messages.success(request, success)
    return Submission(form=form, saved=saved)


def current_version_of(form_class: Any) -> Callable[[Any], Any]:
    """``fresh`` for :func:`submit`: the model form filled with the object as it is now saved."""
    return lambda current: form_class(instance=current, initial={"version": current.version})
