"""The lifecycle table, the charter's seven elements, dates, milestones and the SUMME row — no database."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ikz.projects import rules
from ikz.projects.rules import Charter

COMPLETE = Charter(
    goals="leistungsfähige und wirtschaftliche Organisation des Beschaffungswesens",
    deliverables="Projektplan\nIST-Analyse",
    start=dt.date(2014, 3, 1),
    end=dt.date(2015, 6, 30),
    costs="keine externen Kosten",
    has_lead=True,
    project_group="13 Kreiskommunen",
    information_management="Bürgermeister-Dienstversammlung",
)


def test_the_happy_path_of_seed_003_walks_the_table_one_step_at_a_time() -> None:
    path = [
        "proposal",
        "prioritised",
        "commissioned",
        "feasibility",
        "verdict",
        "implementation",
        "operating",
    ]
    for here, there in itertools.pairwise(path):
        assert there in rules.next_states(here), (here, there)
    assert rules.next_states("operating") == []
    assert rules.next_states("closed") == []


@pytest.mark.parametrize(
    "state", ["proposal", "prioritised", "commissioned", "feasibility", "verdict", "implementation"]
)
def test_every_open_state_can_be_closed_without_implementation(state: str) -> None:
    assert "closed" in rules.next_states(state)


def test_next_states_of_a_proposal() -> None:
    assert rules.next_states("proposal") == ["prioritised", "paused", "closed"]


def test_a_verdict_before_commissioning_is_refused_with_the_allowed_steps() -> None:
    errors = rules.transition_errors("prioritised", "verdict", {"office"}, verdict="advantageous")
    assert errors == {
        "__all__": [
            "Von „priorisiert“ geht es nicht zu „Prüfergebnis liegt vor“. "
            "Möglich ist: „beauftragt“, „pausiert“, „abgeschlossen ohne Umsetzung“."
        ]
    }


def test_who_may_take_which_step() -> None:
    assert rules.transition_errors("proposal", "prioritised", {"steering"}) == {}
    assert rules.transition_errors("proposal", "prioritised", {"lead"}) == {
        "__all__": ["Diesen Schritt („Priorisieren“) dürfen nur: Geschäftsstelle, Lenkungsgruppe."]
    }
    assert rules.transition_errors("commissioned", "feasibility", {"lead"}) == {}
    assert "__all__" in rules.transition_errors("commissioned", "feasibility", {"steering"})
    assert rules.transition_errors("commissioned", "feasibility", {"office"}) == {}
    assert "__all__" in rules.transition_errors("proposal", "prioritised", set())


def test_offered_steps_depend_on_role_and_verdict() -> None:
    assert [t.target for t in rules.offered("prioritised", {"steering"})] == [
        "commissioned",
        "paused",
        "closed",
    ]
    assert rules.offered("prioritised", {"lead"}) == []
    assert [t.target for t in rules.offered("verdict", {"office"}, "advantageous")] == [
        "implementation",
        "local",
        "transferred",
        "followed_up",
        "paused",
        "closed",
    ]
    assert [t.target for t in rules.offered("verdict", {"office"}, "not_advantageous")] == [
        "followed_up",
        "paused",
        "closed",
    ]
    assert [t.target for t in rules.offered("feasibility", {"lead"})] == ["verdict"]


def test_commissioning_needs_the_complete_charter() -> None:
    errors = rules.transition_errors(
        "prioritised", "commissioned", {"steering"}, charter_missing=["Projektkosten", "Projektgruppe"]
    )
    assert errors == {
        "__all__": ["Der Projektauftrag ist unvollständig; es fehlen: Projektkosten, Projektgruppe."]
    }
    assert rules.transition_errors("prioritised", "commissioned", {"steering"}, charter_missing=[]) == {}


def test_the_verdict_needs_a_value_and_reasons() -> None:
    errors = rules.transition_errors("feasibility", "verdict", {"lead"})
    assert set(errors) == {"verdict", "verdict_reasons"}
    assert (
        rules.transition_errors(
            "feasibility", "verdict", {"lead"}, verdict="partly", verdict_reasons="nur Variante A trägt"
        )
        == {}
    )
    assert "verdict" in rules.transition_errors(
        "feasibility", "verdict", {"lead"}, verdict="super", verdict_reasons="x"
    )


def test_implementation_only_after_a_positive_verdict() -> None:
    assert rules.transition_errors("verdict", "implementation", {"steering"}, verdict="advantageous") == {}
    assert rules.transition_errors("verdict", "implementation", {"steering"}, verdict="not_advantageous") == {
        "__all__": [
            "Eine Umsetzung setzt das Prüfergebnis „IKZ vorteilhaft“ oder „teilweise vorteilhaft“ voraus."
        ]
    }


def test_closing_needs_a_reason() -> None:
    assert rules.transition_errors("verdict", "closed", {"steering"}, reason="  ") == {
        "reason": ["Bitte angeben, warum das Projekt ohne Umsetzung abgeschlossen wird."]
    }
    reason = "aus individuellen örtlichen Gründen keine kreisweite IKZ-Umsetzung"
    assert rules.transition_errors("verdict", "closed", {"steering"}, reason=reason) == {}


def test_the_table_is_declared_once_without_duplicates_and_states_are_known() -> None:
    pairs = [(t.source, t.target) for t in rules.TRANSITIONS]
    assert len(pairs) == len(set(pairs))
    for t in rules.TRANSITIONS:
        assert t.source in rules.STATES and (t.target in rules.STATES or t.target == rules.RESUMED)
        assert t.source not in rules.FINAL_STATES
        assert t.roles, t
        assert "office" in t.roles, "die Geschäftsstelle darf jeden Schritt"


# --- charter ---------------------------------------------------------------------------------------


def test_a_complete_charter_misses_nothing() -> None:
    assert rules.charter_missing(COMPLETE) == []


def test_an_empty_charter_misses_all_seven_elements_in_the_seeds_order() -> None:
    assert rules.charter_missing(Charter()) == [
        "Projektziele",
        "Zu erarbeitende Ergebnisse",
        "Projektstart und -ende",
        "Projektkosten",
        "Projektleitung",
        "Projektgruppe",
        "Informationsmanagement",
    ]


def test_start_without_end_and_blank_text_count_as_missing() -> None:
    import dataclasses

    charter = dataclasses.replace(COMPLETE, end=None, costs="   ")
    assert rules.charter_missing(charter) == ["Projektstart und -ende", "Projektkosten"]
    assert rules.charter_missing(dataclasses.replace(COMPLETE, has_lead=False)) == ["Projektleitung"]


def test_end_before_start_is_refused_and_same_day_is_fine() -> None:
    assert rules.date_errors(dt.date(2015, 1, 1), dt.date(2014, 12, 31)) == {
        "end": ["Das Projektende liegt vor dem Projektstart."]
    }
    assert rules.date_errors(dt.date(2015, 1, 1), dt.date(2015, 1, 1)) == {}
    assert rules.date_errors(None, dt.date(2015, 1, 1)) == {}


# --- milestones ------------------------------------------------------------------------------------

TODAY = dt.date(2026, 12, 1)


def test_a_milestone_is_overdue_when_not_reached_and_its_date_has_passed() -> None:
    assert rules.milestone_overdue(dt.date(2026, 11, 30), None, None, TODAY)
    assert not rules.milestone_overdue(dt.date(2026, 12, 1), None, None, TODAY), "today is not overdue"
    assert not rules.milestone_overdue(dt.date(2026, 11, 30), None, dt.date(2026, 11, 29), TODAY)


def test_the_forecast_replaces_the_plan() -> None:
    assert not rules.milestone_overdue(dt.date(2026, 6, 30), dt.date(2027, 3, 31), None, TODAY)
    assert rules.milestone_overdue(dt.date(2027, 6, 30), dt.date(2026, 10, 31), None, TODAY)
    assert rules.milestone_due(dt.date(2027, 6, 30), None) == dt.date(2027, 6, 30)


def test_milestone_errors() -> None:
    assert rules.milestone_errors(None, None, None, TODAY) == {
        "planned": ["Bitte das geplante Datum angeben."]
    }
    assert "reached" in rules.milestone_errors(TODAY, None, dt.date(2026, 12, 2), TODAY)
    assert rules.milestone_errors(TODAY, None, TODAY, TODAY) == {}


# --- participation ---------------------------------------------------------------------------------


def test_cells_read_as_in_the_seed() -> None:
    assert rules.cell_text("with_staff", ["LKG", "PG"]) == "X (PG, LKG)"
    assert rules.cell_text("with_staff", ["PL"]) == "X (PL)"
    assert rules.cell_text("without_staff", []) == "X"
    assert rules.cell_text("none", []) == ""
    assert rules.cell_text("not_responsible", []) == ""
    assert rules.cell_text(None, []) == ""


def test_summe_counts_participation_with_and_without_staff_only() -> None:
    # seed 003, column "Organisation der Reinigung kommunaler Liegenschaften": 6 with, 2 without
    column = ["with_staff"] * 6 + ["without_staff"] * 2 + ["none"] * 6 + ["not_responsible", None]
    assert rules.summe(column) == 8
    assert rules.summe([]) == 0


def test_roles_only_with_staff() -> None:
    assert rules.participation_errors("with_staff", ["PG", "LKG"]) == {}
    assert rules.participation_errors("with_staff", []) == {
        "roles": ["Mit personeller Vertretung: bitte mindestens eine Rolle wählen (PL, PG, AG oder LKG)."]
    }
    assert "roles" in rules.participation_errors("without_staff", ["PG"])
    assert "roles" in rules.participation_errors("with_staff", ["XY"])
    assert rules.participation_errors("none", []) == {}


def test_count_by_status() -> None:
    assert rules.count_by({1: "with_staff", 2: "with_staff", 3: "none", 4: None}) == {
        "with_staff": 2,
        "none": 1,
    }


def test_a_project_is_in_the_report_from_its_year_until_it_ends() -> None:
    assert rules.in_report(2023, 2023, None)
    assert rules.in_report(2023, 2014, None)
    assert not rules.in_report(2023, 2024, None), "not yet begun"
    assert rules.in_report(2023, 2021, dt.date(2023, 4, 1)), "ended during the year"
    assert not rules.in_report(2023, 2014, dt.date(2016, 1, 1)), "ended before"
    assert not rules.in_report(2023, None, None)


def test_a_project_is_a_matrix_column_while_it_runs_at_the_end_of_the_year() -> None:
    # seed 003: "Beschaffung Feuerwehrbedarf" (IKZ-Projekt 2022 - 2024) is a column in 2023,
    # "Fördermittelmanagement" (in operation since 1.4.2023) is not
    assert rules.in_matrix(2023, 2022, dt.date(2024, 1, 1))
    assert not rules.in_matrix(2023, 2021, dt.date(2023, 4, 1))
    assert rules.in_matrix(2023, 2023, None)
    assert not rules.in_matrix(2023, 2024, None)
    assert not rules.in_matrix(2023, None, None)


ROLE_SETS = st.frozensets(st.sampled_from([rules.OFFICE, rules.STEERING, rules.LEAD]))


@given(
    state=st.sampled_from(rules.STATES),
    target=st.sampled_from(rules.STATES),
    roles=ROLE_SETS,
    verdict=st.sampled_from([*rules.VERDICTS, ""]),
)
def test_a_step_is_accepted_exactly_when_it_is_offered(
    state: str, target: str, roles: frozenset[str], verdict: str
) -> None:
    """With everything a step needs supplied, the checks accept it iff the page offers it."""
    offered = {t.target for t in rules.offered(state, roles, verdict)}
    errors = rules.transition_errors(
        state,
        target,
        roles,
        verdict=verdict,
        verdict_reasons="Gründe",
        reason="Grund",
        charter_missing=[],
    )
    if target == rules.VERDICT and verdict == "":
        assert errors, "no verdict chosen"
    else:
        assert (not errors) == (target in offered), (state, target, roles, verdict, errors)


@given(walk=st.lists(st.integers(min_value=0, max_value=5), max_size=12))
def test_any_walk_through_the_offered_steps_ends_in_a_declared_state(walk: list[int]) -> None:
    state, history = rules.PROPOSAL, list[str]()
    for pick in walk:
        steps = rules.offered(state, {rules.OFFICE}, rules.ADVANTAGEOUS)
        if not steps:
            assert state in rules.FINAL_STATES
            break
        before, step = state, steps[pick % len(steps)]
        state = rules.resolve_target(step, history[-1] if history else "")
        history = [*history, before] if state == rules.PAUSED else history
        assert state in rules.STATES


def test_a_kreis_is_named_with_its_kind() -> None:
    assert rules.unit_label("kreis", "Landkreis", "Groß-Gerau") == "Landkreis Groß-Gerau"
    assert rules.unit_label("gemeinde", "Stadt", "Groß-Gerau") == "Groß-Gerau"


# --- the record over time (decision 92) and the outcomes (decision 93) ---------------------------------

D = dt.date
STEPS = [
    rules.Step(D(2014, 1, 15), "", "proposal"),
    rules.Step(D(2014, 3, 1), "proposal", "prioritised"),
    rules.Step(D(2015, 6, 30), "prioritised", "paused"),
    rules.Step(D(2015, 9, 1), "paused", "prioritised"),
    rules.Step(D(2016, 1, 1), "prioritised", "closed"),
]


def test_state_verdict_and_end_as_of_a_day() -> None:
    assert rules.state_on(STEPS, D(2014, 1, 14)) is None
    assert rules.state_on(STEPS, D(2014, 1, 15)) == "proposal"
    assert rules.state_on(STEPS, D(2015, 7, 1)) == "paused"
    assert rules.running_on(STEPS, D(2015, 7, 1)) and not rules.running_on(STEPS, D(2016, 1, 1))
    assert rules.began_on(STEPS) == D(2014, 1, 15) and rules.began_on([]) is None
    assert rules.ended_on(STEPS) == D(2016, 1, 1) and rules.ended_on(STEPS, D(2015, 12, 31)) is None
    verdicts = [
        rules.Step(D(2014, 1, 1), "", "feasibility"),
        rules.Step(D(2015, 6, 30), "feasibility", "verdict", "partly"),
    ]
    assert (
        rules.verdict_on(verdicts, D(2015, 6, 29)) == ""
        and rules.verdict_on(verdicts, D(2015, 6, 30)) == "partly"
    )


def test_a_project_is_in_the_report_of_the_years_it_existed_until_it_ended() -> None:
    assert not rules.in_report_on(STEPS, 2013, D(2013, 12, 31))
    assert rules.in_report_on(STEPS, 2016, D(2016, 12, 31))  # ended during 2016
    assert not rules.in_report_on(STEPS, 2017, D(2017, 12, 31))


def test_pause_and_resume_are_declared_once_and_resolved_from_the_log() -> None:
    paused = STEPS[:3]
    assert rules.paused_from(paused) == "prioritised" and rules.paused_from(STEPS) == ""
    step = rules.find_transition("paused", "prioritised", paused_from="prioritised")
    assert step is not None and step.name == "resume"
    assert rules.resolve_target(step, "prioritised") == "prioritised"
    assert rules.find_transition("paused", "verdict", paused_from="prioritised") is None
    assert rules.transition_errors("paused", "resumed", {"steering"}, paused_from="prioritised") == {}
    assert rules.transition_errors("feasibility", "paused", {"office"}) == {
        "reason": ["Bitte angeben, warum das Projekt pausiert."]
    }
    assert rules.neighbours(STEPS, 0) == (None, D(2014, 3, 1))
    assert rules.neighbours(STEPS, 4) == (D(2015, 9, 1), None)


def test_outcomes_need_a_positive_verdict_and_what_they_name() -> None:
    assert rules.transition_errors("verdict", "transferred", {"office"}, verdict="advantageous") == {}
    assert rules.transition_errors("verdict", "local", {"office"}, verdict="not_advantageous")["__all__"] == [
        "„in lokalen Kooperationen umgesetzt“ setzt das Prüfergebnis „IKZ vorteilhaft“ oder "
        "„teilweise vorteilhaft“ voraus."
    ]
    assert rules.transition_errors("verdict", "followed_up", {"office"}, verdict="not_advantageous") == {}
    assert set(rules.outcome_errors("transferred")) == {"body"}
    assert rules.outcome_errors("transferred", has_body_unit=True) == {}
    assert set(rules.outcome_errors("followed_up")) == {"follow_up"}
    assert rules.outcome_errors("local") == {}
    assert {"operating", "local", "transferred", "followed_up", "closed"} == rules.FINAL_STATES


def test_the_chain_is_walked_both_ways_and_never_in_a_circle() -> None:
    links = {1: 2, 2: 3, 3: 4}
    assert rules.chain(3, links) == [1, 2, 3, 4] and rules.chain(9, links) == [9]
    assert rules.closes_a_cycle(4, 1, links) and rules.closes_a_cycle(5, 5, links)
    assert not rules.closes_a_cycle(4, 7, links)
    assert sorted(rules.chain(1, {1: 2, 2: 1})) == [1, 2]  # a circle is walked once


def test_columns_follow_the_order_in_which_the_projects_began() -> None:
    assert rules.order_by_start(
        [
            (D(2023, 1, 10), "Informationssicherheit", 3),
            (D(2022, 3, 1), "Feuerwehr", 1),
            (None, "Ohne Datum", 9),
            (D(2022, 3, 1), "Abfall", 2),
        ]
    ) == [2, 1, 3, 9]
