"""Pure rules: who may still answer, contradictory answers, ranking with ties, bar widths."""

import datetime as dt

from ikz.interests import rules
from ikz.interests.rules import TopicCount

DEADLINE = dt.date(2013, 9, 30)


def test_answers_only_while_open_and_before_the_deadline() -> None:
    assert rules.answer_refusal("open", DEADLINE, False, DEADLINE) is None
    assert "noch nicht geöffnet" in (rules.answer_refusal("draft", DEADLINE, False, DEADLINE) or "")
    assert "abgeschlossen" in (rules.answer_refusal("closed", DEADLINE, True, DEADLINE) or "")
    late = rules.answer_refusal("open", DEADLINE, False, DEADLINE + dt.timedelta(days=1))
    assert late is not None and "30.09.2013 abgelaufen" in late
    assert rules.answer_refusal("open", DEADLINE, True, DEADLINE + dt.timedelta(days=100)) is None


def test_working_group_needs_the_wish_to_cooperate() -> None:
    assert rules.answer_error(True, True) is None
    assert rules.answer_error(True, False) is None
    assert rules.answer_error(False, False) is None
    assert "Arbeitsgruppe IKZ" in (rules.answer_error(False, True) or "")


def test_status_transitions() -> None:
    assert rules.next_states("draft") == ("open",)
    assert rules.next_states("open") == ("closed",)
    assert rules.next_states("closed") == ("open",)


def test_ranking_orders_by_count_then_office_order_and_shares_ranks() -> None:
    counts = [
        TopicCount(topic_id=10, position=3, label="C", interested=5, joining=1),
        TopicCount(topic_id=11, position=1, label="A", interested=5, joining=2),
        TopicCount(topic_id=12, position=2, label="B", interested=9, joining=0),
        TopicCount(topic_id=13, position=4, label="D", interested=0, joining=0),
    ]
    ranked = rules.rank_topics(counts)
    assert [(r.rank, r.topic.label) for r in ranked] == [(1, "B"), (2, "A"), (2, "C"), (4, "D")]
    assert rules.rank_topics(list(reversed(counts))) == ranked, "Reihenfolge hängt nicht von der Eingabe ab"


def test_bar_width_is_proportional_and_never_invisible() -> None:
    assert rules.bar_width(12, 12, 400) == 400
    assert rules.bar_width(6, 12, 400) == 200
    assert rules.bar_width(1, 1000, 400) == 2
    assert rules.bar_width(0, 12, 400) == 0
    assert rules.bar_width(0, 0, 400) == 0
