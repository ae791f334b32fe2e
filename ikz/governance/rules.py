"""The general assembly's rules without the database: the periods of §§ 46, 48 GenG, the minority
of § 45, proxies (§ 43 Abs. 5) and majorities (§ 43 Abs. 2, § 16 Abs. 2). Every check returns its
reason in German; nothing is decided silently (decisions 220–223)."""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.utils.translation import gettext as _

from ikz.lib.dates import days_in_month, period_end

LEGAL_NOTICE_DAYS = 14  # § 46 Abs. 1 GenG: two weeks
ITEM_NOTICE_DAYS = 7  # § 46 Abs. 2 GenG: one week
ACCOUNTS_DAYS = 7  # § 48 Abs. 3 GenG: one week
MAX_PROXIES = 2  # § 43 Abs. 5 GenG: a proxy may represent at most two members

SIMPLE = "simple"
STATUTE = "statute"
NONE = "none"


def fmt(day: dt.date) -> str:
    return f"{day:%d.%m.%Y}"


def earliest_after(sent_on: dt.date, days: int) -> dt.date:
    """The first day an assembly may be held when the notice of ``days`` days starts on
    ``sent_on``: neither the day of sending nor the day of the assembly counts (§ 187 Abs. 1 BGB),
    so ``days`` full days lie in between (decision 220)."""
    return sent_on + dt.timedelta(days=days + 1)


def latest_before(assembly_on: dt.date, days: int) -> dt.date:
    """The last day something may be sent or announced ``days`` full days before the assembly."""
    return assembly_on - dt.timedelta(days=days + 1)


@dataclass(frozen=True)
class Finding:
    text: str
    refused: bool = False
    field: str = "date"  # the form field a refusal belongs to


def invitation_check(*, sent_on: dt.date, assembly_on: dt.date, notice_days: int, universal: bool) -> Finding:
    """The notice of the invitation (§ 46 Abs. 1 GenG or the statute's longer period)."""
    days = max(notice_days, LEGAL_NOTICE_DAYS)
    earliest = earliest_after(sent_on, days)
    if assembly_on >= earliest:
        return Finding(
            _("Einladungsfrist gewahrt: %(days)s Tage ab dem %(sent)s; frühestens am %(earliest)s.")
            % {"days": days, "sent": fmt(sent_on), "earliest": fmt(earliest)}
        )
    if universal:
        return Finding(
            _(
                "Die Einladungsfrist von %(days)s Tagen ist nicht gewahrt (frühestens am %(earliest)s); "
                "die Versammlung ist als Universalversammlung eingetragen: sie ist nur wirksam, wenn alle "
                "Mitglieder teilnehmen und keines widerspricht."
            )
            % {"days": days, "earliest": fmt(earliest)}
        )
    return Finding(
        _(
            "Die Einladungsfrist von %(days)s Tagen ist nicht gewahrt: bei Versand am %(sent)s ist der "
            "früheste zulässige Tag der Versammlung der %(earliest)s."
        )
        % {"days": days, "sent": fmt(sent_on), "earliest": fmt(earliest)},
        refused=True,
    )


def item_check(*, announced_on: dt.date, assembly_on: dt.date, universal: bool) -> Finding:
    """An item may be resolved on only when announced a week before (§ 46 Abs. 2 GenG)."""
    latest = latest_before(assembly_on, ITEM_NOTICE_DAYS)
    if announced_on <= latest:
        return Finding(_("rechtzeitig angekündigt (spätestens am %(d)s)") % {"d": fmt(latest)})
    if universal:
        return Finding(
            _(
                "nach dem %(d)s angekündigt; zulässig nur, weil alle Mitglieder teilnehmen "
                "(Universalversammlung)"
            )
            % {"d": fmt(latest)}
        )
    return Finding(
        _(
            "Über diesen Punkt kann nicht beschlossen werden: Gegenstände der Beschlussfassung müssen "
            "mindestens eine Woche vorher angekündigt sein, also spätestens am %(d)s (§ 46 Abs. 2 GenG)."
        )
        % {"d": fmt(latest)},
        refused=True,
    )


def accounts_check(*, available_on: dt.date | None, assembly_on: dt.date) -> Finding:
    """The annual accounts lie open a week before the ordinary assembly (§ 48 Abs. 3 GenG)."""
    latest = latest_before(assembly_on, ACCOUNTS_DAYS)
    if available_on is None:
        return Finding(
            _(
                "Der Jahresabschluss muss spätestens am %(d)s zur Einsicht ausliegen (§ 48 Abs. 3 GenG); "
                "noch kein Datum eingetragen."
            )
            % {"d": fmt(latest)}
        )
    if available_on <= latest:
        return Finding(
            _("Jahresabschluss liegt seit dem %(a)s aus (spätestens am %(d)s).")
            % {"a": fmt(available_on), "d": fmt(latest)}
        )
    return Finding(
        _(
            "Der Jahresabschluss liegt erst ab dem %(a)s aus; er muss spätestens am %(d)s ausliegen "
            "(§ 48 Abs. 3 GenG)."
        )
        % {"a": fmt(available_on), "d": fmt(latest)},
        refused=True,
        field="accounts_available_on",
    )


def year_end(business_year: int, end_month: int, end_day: int) -> dt.date:
    """The last day of the business year named by the calendar year it ends in."""
    return dt.date(business_year, end_month, min(end_day, days_in_month(business_year, end_month)))


def ordinary_deadline(business_year: int, end_month: int, end_day: int) -> dt.date:
    """The last day of the first six months after that business year (§ 48 Abs. 1 S. 3 GenG)."""
    return period_end(year_end(business_year, end_month, end_day) + dt.timedelta(days=1), 6)


def ordinary_check(*, assembly_on: dt.date, business_year: int, end_month: int, end_day: int) -> Finding:
    deadline = ordinary_deadline(business_year, end_month, end_day)
    if assembly_on <= deadline:
        return Finding(
            _("Ordentliche Versammlung in den ersten sechs Monaten des Geschäftsjahres (bis %(d)s).")
            % {"d": fmt(deadline)}
        )
    return Finding(
        _(
            "Die ordentliche Versammlung für das Geschäftsjahr %(y)s soll bis zum %(d)s stattfinden "
            "(§ 48 Abs. 1 GenG); der %(a)s liegt danach. Die Versammlung bleibt wirksam, der Verzug ist "
            "in der Niederschrift zu erklären."
        )
        % {"y": business_year, "d": fmt(deadline), "a": fmt(assembly_on)}
    )


def minority_needed(member_count: int, percent: int) -> int:
    """How many members must demand an assembly (§ 45 Abs. 1 GenG: a tenth unless the statute
    says otherwise), rounded up."""
    return max(1, math.ceil(member_count * percent / 100))


def minority_check(*, demanding: int | None, member_count: int, percent: int) -> Finding:
    needed = minority_needed(member_count, percent)
    if demanding is None or demanding < needed:
        return Finding(
            _(
                "Eine Minderheit kann die Einberufung nur verlangen, wenn mindestens %(n)s von %(m)s "
                "Mitgliedern (%(p)s %%) es verlangen (§ 45 Abs. 1 GenG)."
            )
            % {"n": needed, "m": member_count, "p": percent},
            refused=True,
            field="demanding_members",
        )
    return Finding(
        _("Verlangen von %(d)s Mitgliedern; nötig sind %(n)s von %(m)s (§ 45 Abs. 1 GenG).")
        % {"d": demanding, "n": needed, "m": member_count}
    )


def proxy_refusal(*, person: str, text_form: bool, held: int) -> tuple[str, str] | None:
    """Why a proxy cannot be accepted, as (form field, reason); None when it can: text form, at most
    two members (``held``: how many members the person already represents by proxy)."""
    if not text_form:
        return "text_form", _(
            "Eine Vollmacht bedarf der Textform (§ 43 Abs. 5 GenG); bitte die Vollmacht vorlegen lassen."
        )
    if held >= MAX_PROXIES:
        return "person", _(
            "%(p)s vertritt bereits %(n)s Mitglieder als Bevollmächtigte(r); mehr als zwei Mitglieder "
            "kann niemand vertreten (§ 43 Abs. 5 GenG)."
        ) % {"p": person, "n": held}
    return None


@dataclass(frozen=True)
class Outcome:
    yes: int
    no: int
    abstain: int
    kind: str
    adopted: bool | None  # None: no resolution (report)
    text: str


def tally(yes: int, no: int, abstain: int, kind: str) -> Outcome:
    """One member, one vote; abstentions are not votes cast (decision 222). Simple majority: more
    yes than no. Statute changes of § 16 Abs. 2 GenG: at least three quarters of the votes cast."""
    cast = yes + no
    if kind == NONE:
        return Outcome(yes, no, abstain, kind, None, _("ohne Beschluss"))
    if kind == STATUTE:
        adopted = cast > 0 and 4 * yes >= 3 * cast
        need = _("drei Viertel der abgegebenen Stimmen")
    else:
        adopted = yes > no
        need = _("einfache Mehrheit der abgegebenen Stimmen")
    verdict = _("angenommen") if adopted else _("abgelehnt")
    text = _("%(v)s mit %(y)s Ja, %(n)s Nein, %(a)s Enthaltungen (nötig: %(need)s)") % {
        "v": verdict,
        "y": yes,
        "n": no,
        "a": abstain,
        "need": need,
    }
    return Outcome(yes, no, abstain, kind, adopted, text)
