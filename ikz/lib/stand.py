"""The reference date of a view ("Stand") and the checks of effective dates, without any Django model.

Two ideas of time run through the platform (decision 92):

* the **effective date** of a change: the day on which it took effect in the world — a project
  step, joining or leaving a cooperation, the start or end of a cooperation, a resolution, a step
  of an onboarding, a submitted questionnaire. The user enters it (default: today); the audit keeps
  the moment it was *recorded* separately;
* the **Stand** of a view: every matrix, overview, report and export can be shown as of a past
  day, and then shows exactly what was true on that day.

:class:`Stand` is the reference date of one page view; :func:`effective_date_errors` the common
refusals of an effective date, so that every app says the same in the same words.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _

PARAM = "stand"


def german(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


@dataclass(frozen=True)
class Stand:
    """The day a view is shown as of, and today (to tell a past view from the current one)."""

    day: dt.date
    today: dt.date

    @property
    def is_today(self) -> bool:
        return self.day == self.today

    @property
    def label(self) -> str:
        """ "Stand: 30.06.2013" — for headings, export titles and notes."""
        return _("Stand: %(day)s") % {"day": german(self.day)}

    @property
    def suffix(self) -> str:
        """For download names: "" today, "-stand-2013-06-30" for a past day."""
        return "" if self.is_today else f"-stand-{self.day.isoformat()}"

    @property
    def query(self) -> str:
        """For links that keep the Stand: "" today, "stand=2013-06-30" for a past day."""
        return "" if self.is_today else f"{PARAM}={self.day.isoformat()}"

    @property
    def year_end(self) -> bool:
        """The Stand is the 31 December of its year (the default of an annual report)."""
        return (self.day.month, self.day.day) == (12, 31)


def parse_stand(raw: str | None, today: dt.date) -> Stand:
    """``?stand=`` as the pages accept it: ISO (the date field) or German "30.06.2013"; empty =
    today. Refused with a German message (``ValueError``): an unreadable date and a day after today
    (nobody knows yet what will be true then)."""
    text = (raw or "").strip()
    if not text:
        return Stand(today, today)
    day: dt.date | None = None
    for pattern in ("%Y-%m-%d", "%d.%m.%Y"):
        try:
            day = dt.datetime.strptime(text, pattern).date()
            break
        except ValueError:
            continue
    if day is None:
        raise ValueError(_("„%(text)s“ ist kein Datum. Bitte als TT.MM.JJJJ angeben.") % {"text": text[:40]})
    if day > today:
        raise ValueError(
            _("Der Stand %(day)s liegt in der Zukunft; gezeigt werden kann höchstens der heutige Stand.")
            % {"day": german(day)}
        )
    if day.year < 1900:
        raise ValueError(_("Der Stand %(day)s liegt vor 1900.") % {"day": german(day)})
    return Stand(day, today)


def year_end_stand(year: int, today: dt.date) -> Stand:
    """The default Stand of the report of ``year``: 31.12. of that year, or today within the year."""
    return Stand(min(dt.date(year, 12, 31), today), today)


@dataclass(frozen=True)
class Bound:
    """An earlier date the effective date must not precede, with what it is ("dem vorigen Schritt
    „priorisiert“", "dem Beginn der Region")."""

    day: dt.date | None
    what: str


def effective_date_errors(
    day: dt.date | None,
    *,
    today: dt.date,
    field: str,
    label: str,
    not_before: Sequence[Bound] = (),
    not_after: Sequence[Bound] = (),
    planned: bool = False,
) -> dict[str, list[str]]:
    """Why ``day`` cannot be the effective date of a change, by ``field`` (empty: it can).

    A change that has happened cannot lie after today (``planned=True`` for what is planned: then a
    future day is fine). It cannot lie before any of ``not_before`` (the previous step, the start
    of the region or of the cooperation, the day a participant joined) nor after any of
    ``not_after`` (the next step, the day a participant left). Each message names the field's
    label and the conflicting date."""
    if day is None:
        return {field: [_("%(label)s: Bitte das Datum angeben, an dem es wirksam wurde.") % {"label": label}]}
    errors: list[str] = []
    if day > today and not planned:
        errors.append(
            _(
                "%(label)s: Der %(day)s liegt nach dem heutigen Tag (%(today)s); "
                "was geschehen ist, kann nicht in der Zukunft liegen."
            )
            % {"label": label, "day": german(day), "today": german(today)}
        )
    for bound in not_before:
        if bound.day is not None and day < bound.day:
            errors.append(
                _("%(label)s: Der %(day)s liegt vor %(what)s am %(bound)s.")
                % {"label": label, "day": german(day), "what": bound.what, "bound": german(bound.day)}
            )
    for bound in not_after:
        if bound.day is not None and day > bound.day:
            errors.append(
                _("%(label)s: Der %(day)s liegt nach %(what)s am %(bound)s.")
                % {"label": label, "day": german(day), "what": bound.what, "bound": german(bound.day)}
            )
    return {field: errors} if errors else {}


def correction_errors(
    reason: str, old: dt.date, new: dt.date, *, field: str = "effective_on"
) -> dict[str, list[str]]:
    """A correction of an effective date needs a reason and a different date (the latter reported
    at ``field``, the form's name of the date)."""
    errors: dict[str, list[str]] = {}
    if not reason.strip():
        errors["reason"] = [_("Begründung: Bitte angeben, warum das Datum korrigiert wird.")]
    if old == new:
        errors[field] = [
            _("Wirksam am: Das Datum ist unverändert (%(day)s); es gibt nichts zu korrigieren.")
            % {"day": german(old)}
        ]
    return errors
