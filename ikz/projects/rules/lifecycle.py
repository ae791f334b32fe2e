"""The lifecycle of a project as ONE declared transition table (:data:`TRANSITIONS`): from which
state to which, who may take the step and what the step needs."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import gettext_noop as N_

# --- states (values of models.Status) and verdicts (models.Verdict) --------------------------------

PROPOSAL = "proposal"
PRIORITISED = "prioritised"
COMMISSIONED = "commissioned"
FEASIBILITY = "feasibility"
VERDICT = "verdict"
IMPLEMENTATION = "implementation"
PAUSED = "paused"
OPERATING = "operating"
LOCAL = "local"  # in several local cooperations of subsets of the participants
TRANSFERRED = "transferred"  # the task went to an existing body (Zweckverband, Versorgungskasse, Kreis)
FOLLOWED_UP = "followed_up"  # continued in a follow-up project
CLOSED = "closed"
STATES = (
    PROPOSAL,
    PRIORITISED,
    COMMISSIONED,
    FEASIBILITY,
    VERDICT,
    IMPLEMENTATION,
    PAUSED,
    OPERATING,
    LOCAL,
    TRANSFERRED,
    FOLLOWED_UP,
    CLOSED,
)
FINAL_STATES = frozenset({OPERATING, LOCAL, TRANSFERRED, FOLLOWED_UP, CLOSED})
OUTCOME_STATES = frozenset({OPERATING, LOCAL, TRANSFERRED, FOLLOWED_UP})  # ended with an implementation
# states in which a project waits for a decision of the steering group: to be prioritised, to be
# commissioned, and after the verdict whether to implement (the start page's "decisions pending")
AWAITING_STEERING = (PROPOSAL, PRIORITISED, VERDICT)
RESUMED = "resumed"  # the target of "resume": the state before the pause (resolved by resume_target)

ADVANTAGEOUS = "advantageous"
NOT_ADVANTAGEOUS = "not_advantageous"
PARTLY = "partly"
VERDICTS = (ADVANTAGEOUS, NOT_ADVANTAGEOUS, PARTLY)

# who takes a step: the roles a person has *for one project*
OFFICE = "office"  # the office of the project's region (or the platform-wide office)
STEERING = "steering"  # the steering group (Lenkungsgruppe) of the project's region
LEAD = "lead"  # the project lead (Projektleitung) of this project


@dataclass(frozen=True)
class Transition:
    name: str
    source: str
    target: str  # a state, or RESUMED: the state before the pause
    roles: frozenset[str]
    label: str  # the button's text (German msgid)
    needs_charter: bool = False  # commissioning: all seven elements of the charter
    needs_verdict: bool = False  # the verdict (vorteilhaft / nicht vorteilhaft / teilweise) and reasons
    needs_reason: bool = False  # closing, pausing: why
    verdicts: frozenset[str] = frozenset()  # allowed only after one of these verdicts (empty: any)
    outcome: bool = False  # ends in an outcome (ProjectOutcome): cooperations, a body, a follow-up


_DECIDERS = frozenset({STEERING, OFFICE})
_RUNNERS = frozenset({LEAD, OFFICE})
_ACTIVE = (PROPOSAL, PRIORITISED, COMMISSIONED, FEASIBILITY, VERDICT, IMPLEMENTATION)
_CLOSABLE = (*_ACTIVE, PAUSED)
_DECIDED = (VERDICT, IMPLEMENTATION)  # an outcome other than "operating" follows a verdict
_POSITIVE = frozenset({ADVANTAGEOUS, PARTLY})

TRANSITIONS: tuple[Transition, ...] = (
    Transition("prioritise", PROPOSAL, PRIORITISED, _DECIDERS, N_("Priorisieren")),
    Transition(
        "commission", PRIORITISED, COMMISSIONED, _DECIDERS, N_("Projektauftrag erteilen"), needs_charter=True
    ),
    Transition("start_study", COMMISSIONED, FEASIBILITY, _RUNNERS, N_("Prüfung beginnen")),
    Transition(
        "record_verdict",
        FEASIBILITY,
        VERDICT,
        _RUNNERS,
        N_("Ergebnis der Prüfung festhalten"),
        needs_verdict=True,
    ),
    Transition(
        "implement", VERDICT, IMPLEMENTATION, _DECIDERS, N_("Umsetzung beschließen"), verdicts=_POSITIVE
    ),
    Transition(
        "operate", IMPLEMENTATION, OPERATING, _DECIDERS, N_("Kooperation in Betrieb nehmen"), outcome=True
    ),
    *(
        Transition(
            "implement_locally",
            source,
            LOCAL,
            _DECIDERS,
            N_("In lokalen Kooperationen umgesetzt"),
            verdicts=_POSITIVE,
            outcome=True,
        )
        for source in _DECIDED
    ),
    *(
        Transition(
            "transfer",
            source,
            TRANSFERRED,
            _DECIDERS,
            N_("Aufgabe auf bestehenden Träger übertragen"),
            verdicts=_POSITIVE,
            outcome=True,
        )
        for source in _DECIDED
    ),
    *(
        Transition(
            "follow_up", source, FOLLOWED_UP, _DECIDERS, N_("In Folgeprojekt überführen"), outcome=True
        )
        for source in _DECIDED
    ),
    *(
        Transition("pause", source, PAUSED, _DECIDERS, N_("Projekt pausieren"), needs_reason=True)
        for source in _ACTIVE
    ),
    Transition("resume", PAUSED, RESUMED, _DECIDERS, N_("Projekt fortsetzen")),
    *(
        Transition("close", source, CLOSED, _DECIDERS, N_("Ohne Umsetzung abschließen"), needs_reason=True)
        for source in _CLOSABLE
    ),
)


def transitions_from(state: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == state]


def next_states(state: str) -> list[str]:
    """The states reachable in one step from ``state`` (table order, no duplicates)."""
    return list(dict.fromkeys(t.target for t in transitions_from(state)))


def find_transition(state: str, target: str, paused_from: str = "") -> Transition | None:
    """The step of the table from ``state`` to ``target``; from a pause, ``target`` may also name
    the state before the pause (``paused_from``), reached by "resume"."""
    if state == PAUSED and paused_from and target == paused_from:
        target = RESUMED
    return next((t for t in TRANSITIONS if t.source == state and t.target == target), None)


def resolve_target(step: Transition, paused_from: str) -> str:
    """The state a step leads to: its target, or for "resume" the state before the pause."""
    return paused_from if step.target == RESUMED else step.target


def offered(state: str, roles: Iterable[str], verdict: str = "") -> list[Transition]:
    """The steps a person with ``roles`` may take now (the buttons on the project page)."""
    have = frozenset(roles)
    return [
        t for t in transitions_from(state) if t.roles & have and (not t.verdicts or verdict in t.verdicts)
    ]


STATE_LABELS: dict[str, object] = {
    PROPOSAL: gettext_lazy("Vorschlag"),
    PRIORITISED: gettext_lazy("priorisiert"),
    COMMISSIONED: gettext_lazy("beauftragt"),
    FEASIBILITY: gettext_lazy("Prüfung läuft"),
    VERDICT: gettext_lazy("Prüfergebnis liegt vor"),
    IMPLEMENTATION: gettext_lazy("in Umsetzung"),
    PAUSED: gettext_lazy("pausiert"),
    OPERATING: gettext_lazy("Kooperation in Betrieb"),
    LOCAL: gettext_lazy("in lokalen Kooperationen umgesetzt"),
    TRANSFERRED: gettext_lazy("Aufgabe auf bestehenden Träger übertragen"),
    FOLLOWED_UP: gettext_lazy("in Folgeprojekt überführt"),
    CLOSED: gettext_lazy("abgeschlossen ohne Umsetzung"),
    RESUMED: gettext_lazy("fortgesetzt (Stand vor der Pause)"),
}
ROLE_LABELS: dict[str, object] = {
    OFFICE: gettext_lazy("Geschäftsstelle"),
    STEERING: gettext_lazy("Lenkungsgruppe"),
    LEAD: gettext_lazy("Projektleitung"),
}
REASON_PROMPTS: dict[str, str] = {
    CLOSED: N_("Bitte angeben, warum das Projekt ohne Umsetzung abgeschlossen wird."),
    PAUSED: N_("Bitte angeben, warum das Projekt pausiert."),
}


def transition_errors(
    state: str,
    target: str,
    roles: Iterable[str],
    *,
    verdict: str = "",
    verdict_reasons: str = "",
    reason: str = "",
    charter_missing: Sequence[str] = (),
    paused_from: str = "",
) -> dict[str, list[str]]:
    """Why the step from ``state`` to ``target`` is refused, by field (``__all__`` for the step)."""
    errors: dict[str, list[str]] = {}
    labels = {k: str(v) for k, v in STATE_LABELS.items()}
    step = find_transition(state, target, paused_from)
    if step is None:
        allowed = ", ".join(f"„{labels[s]}“" for s in next_states(state)) or _("keiner")
        errors["__all__"] = [
            _("Von „%(from)s“ geht es nicht zu „%(to)s“. Möglich ist: %(allowed)s.")
            % {"from": labels.get(state, state), "to": labels.get(target, target), "allowed": allowed}
        ]
        return errors
    if not step.roles & frozenset(roles):
        who = ", ".join(sorted(str(ROLE_LABELS[r]) for r in step.roles))
        errors["__all__"] = [
            _("Diesen Schritt („%(step)s“) dürfen nur: %(who)s.") % {"step": _(step.label), "who": who}
        ]
        return errors
    if step.verdicts and verdict not in step.verdicts:
        errors["__all__"] = [
            _("„%(step)s“ setzt das Prüfergebnis „IKZ vorteilhaft“ oder „teilweise vorteilhaft“ voraus.")
            % {"step": labels[step.target]}
            if step.target != IMPLEMENTATION
            else _(
                "Eine Umsetzung setzt das Prüfergebnis „IKZ vorteilhaft“ oder „teilweise vorteilhaft“ voraus."
            )
        ]
    if step.needs_charter and charter_missing:
        errors["__all__"] = [
            _("Der Projektauftrag ist unvollständig; es fehlen: %(missing)s.")
            % {"missing": ", ".join(charter_missing)}
        ]
    if step.needs_verdict:
        if verdict not in VERDICTS:
            errors["verdict"] = [_("Bitte das Ergebnis der Prüfung wählen.")]
        if not verdict_reasons.strip():
            errors["verdict_reasons"] = [_("Bitte die Gründe für das Ergebnis angeben.")]
    if step.needs_reason and not reason.strip():
        errors["reason"] = [_(REASON_PROMPTS[step.target])]
    return errors


def outcome_errors(
    target: str, *, body: str = "", has_body_unit: bool = False, has_follow_up: bool = False
) -> dict[str, list[str]]:
    """What an outcome needs: a transfer names the body (as text or a unit of the register); a
    follow-up names the follow-up project (an existing one or the title of a new one)."""
    errors: dict[str, list[str]] = {}
    if target == TRANSFERRED and not (body.strip() or has_body_unit):
        errors["body"] = [
            _(
                "Bitte angeben, auf welchen Träger die Aufgabe übertragen wurde "
                "(Name oder Eintrag im Register)."
            )
        ]
    if target == FOLLOWED_UP and not has_follow_up:
        errors["follow_up"] = [_("Bitte das Folgeprojekt wählen oder den Titel eines neuen angeben.")]
    return errors
