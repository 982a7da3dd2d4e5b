"""The build queue's rank formula, pins, ties, and the experiments' sample sizes."""

from __future__ import annotations

import math
from statistics import NormalDist

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from designer.blueprint import Blueprint, ExperimentPlan, QueueEntry
from designer.examples import welcome_workflow
from designer.planning import (
    experiment_groups,
    experiment_sample,
    pins_for_move,
    rank,
    sample_size_per_variant,
    score,
    weeks_needed,
)

from .queue_fixtures import EXPECTED_ORDER, programme


def _blueprint(*entries: QueueEntry) -> Blueprint:
    workflows = []
    for i, entry in enumerate(entries):
        wf = welcome_workflow(f"w{i}")
        wf.queue = entry
        workflows.append(wf)
    return Blueprint(name="t", workflows=workflows)


def _ids(ranked) -> list[str]:
    return [r.workflow_id for r in ranked]


def _apply(bp: Blueprint, pins: dict) -> None:
    for wf_id, pin in pins.items():
        wf = bp.workflow(wf_id)
        wf.queue = wf.queue.model_copy(update={"pinned_rank": pin})


# --- the formula and the order --------------------------------------------------

def test_score_is_the_documented_formula():
    assert score(QueueEntry(value_now=5, long_term_impact=4, effort=2, confidence=3)) == 13.5
    assert score(QueueEntry(value_now=1, long_term_impact=1, effort=5, confidence=1)) == 0.4
    assert score(QueueEntry(value_now=5, long_term_impact=5, effort=1, confidence=5)) == 50


def test_known_fields_give_the_documented_order():
    ranked = rank(programme())
    assert _ids(ranked) == EXPECTED_ORDER
    assert [r.rank for r in ranked] == [*range(1, 12), None, None]  # live and retired are out of the queue
    assert [r.position for r in ranked] == list(range(1, 14))
    by_id = {r.workflow_id: r for r in ranked}
    assert by_id["second"].reason == "value 4 + impact 5, confidence 3, effort 2 -> score 13.5"
    assert by_id["welcome"].reason.startswith("live: not in the queue")


def test_category_does_not_change_the_score():
    bp = _blueprint(*(QueueEntry(category=c, value_now=3, long_term_impact=3) for c in ("experiment", "improve", "new")))
    assert len({r.score for r in rank(bp)}) == 1
    assert _ids(rank(bp)) == ["w0", "w1", "w2"]  # a full tie: blueprint order


def test_ties_go_by_value_now_then_blueprint_order():
    bp = _blueprint(
        QueueEntry(value_now=2, long_term_impact=5),  # 7
        QueueEntry(value_now=4, long_term_impact=3),  # 7, more value now
        QueueEntry(value_now=2, long_term_impact=5),  # 7, same as w0: later in the blueprint
    )
    ranked = rank(bp)
    assert _ids(ranked) == ["w1", "w0", "w2"]
    assert all(r.tied and "tied at 7" in r.reason for r in ranked)
    assert _ids(rank(bp)) == _ids(ranked)  # stable from call to call


def test_live_then_retired_after_the_queue_whatever_their_score():
    bp = _blueprint(QueueEntry(status="retired", value_now=5), QueueEntry(status="live", value_now=5),
                    QueueEntry(status="building", value_now=1, long_term_impact=1))
    assert _ids(rank(bp)) == ["w2", "w1", "w0"]


# --- pins -------------------------------------------------------------------------

def test_pins_win_over_the_score():
    bp = programme()
    _apply(bp, {"tradeshow": 1, "nurture": 3})
    ranked = rank(bp)
    assert _ids(ranked)[:4] == ["tradeshow", "subject", "nurture", "webinar"]
    first = ranked[0]
    assert first.pinned and first.score_rank == 11
    assert first.reason.startswith("pinned at #1; the score alone would rank #11")


def test_pin_collisions_and_pins_past_the_end_are_predictable():
    bp = _blueprint(QueueEntry(value_now=1), QueueEntry(value_now=5, pinned_rank=2), QueueEntry(value_now=2, pinned_rank=2),
                    QueueEntry(value_now=3, pinned_rank=40))
    # w1 and w2 both want #2: the better score first. The pin past the end lands last.
    assert _ids(rank(bp)) == ["w0", "w1", "w2", "w3"]


def test_pins_on_live_workflows_are_ignored():
    bp = _blueprint(QueueEntry(value_now=5), QueueEntry(status="live", pinned_rank=1))
    ranked = rank(bp)
    assert _ids(ranked) == ["w0", "w1"] and ranked[1].rank is None and not ranked[1].pinned


@pytest.mark.parametrize("moved, to", [("tradeshow", 1), ("subject", 5), ("leads", 2), ("vip", 11), ("churn", 10)])
def test_a_move_gives_exactly_the_order_shown(moved, to):
    bp = programme()
    _apply(bp, {"second": 6})  # an existing pin below the move must stay where it stands
    before = [i for i in _ids(rank(bp)) if bp.workflow(i).queue.status not in ("live", "retired")]
    expected = list(before)
    expected.insert(to - 1, expected.pop(expected.index(moved)))
    _apply(bp, pins_for_move(rank(bp), moved, to))
    assert _ids(rank(bp))[:11] == expected
    # and a second move on top of the first one too
    expected.insert(0, expected.pop(expected.index("referral")))
    _apply(bp, pins_for_move(rank(bp), "referral", 1))
    assert _ids(rank(bp))[:11] == expected


def test_a_move_pins_only_what_it_must():
    ranked = rank(programme())
    assert pins_for_move(ranked, "webinar", 1) == {"webinar": 1}
    assert pins_for_move(ranked, "subject", 1) == {}  # already there
    bp = programme()
    _apply(bp, {"second": 6})
    # moving #2 up to #1 leaves everything below where it was; moving #3 below the pin shifts the pin up
    assert pins_for_move(rank(bp), "webinar", 1) == {"webinar": 1}
    assert pins_for_move(rank(bp), "winback", 8) == {"winback": 8, "second": 5}
    with pytest.raises(ValueError):
        pins_for_move(ranked, "welcome", 1)  # live: not in the queue


# --- sample size -------------------------------------------------------------------

@pytest.mark.parametrize(
    "baseline, mde, alpha, power, expected",
    [
        (0.10, 0.02, 0.05, 0.80, 3841),  # R: power.prop.test(p1=.10, p2=.12, power=.8) -> n = 3840.8
        (0.50, 0.25, 0.05, 0.90, 77),  # R's own example: power.prop.test(p1=.5, p2=.75, power=.9) -> 76.7
        (0.05, 0.01, 0.05, 0.80, 8158),  # power.prop.test(p1=.05, p2=.06, power=.8) -> 8157.7
    ],
)
def test_sample_size_matches_published_reference_values(baseline, mde, alpha, power, expected):
    assert sample_size_per_variant(baseline, mde, alpha, power) == expected


def test_sample_size_is_the_smallest_n_with_the_power_asked():
    # Power of the pooled two-proportion z-test at n per group (the formula R's power.prop.test inverts).
    def achieved(n, p1=0.10, p2=0.12, alpha=0.05):
        nd = NormalDist()
        pbar = (p1 + p2) / 2
        z = (math.sqrt(n) * abs(p2 - p1) - nd.inv_cdf(1 - alpha / 2) * math.sqrt(2 * pbar * (1 - pbar)))
        return nd.cdf(z / math.sqrt(p1 * (1 - p1) + p2 * (1 - p2)))

    n = sample_size_per_variant(0.10, 0.02)
    assert achieved(n) >= 0.8 > achieved(n - 1)


def test_one_sided_needs_fewer_and_stricter_settings_need_more():
    n = sample_size_per_variant(0.10, 0.02)
    assert sample_size_per_variant(0.10, 0.02, two_sided=False) < n
    assert sample_size_per_variant(0.10, 0.02, alpha=0.01) > n
    assert sample_size_per_variant(0.10, 0.02, power=0.9) > n


@pytest.mark.parametrize("baseline, mde", [(0.95, 0.05), (0.5, 0.0), (0.0, 0.1), (1.0, 0.1)])
def test_impossible_plans_are_refused(baseline, mde):
    with pytest.raises(ValueError):
        sample_size_per_variant(baseline, mde)


# --- weeks ---------------------------------------------------------------------

def test_weeks_from_weekly_entries_and_the_split():
    assert weeks_needed(3841, 1000, 0.5) == pytest.approx(7.682)


def test_the_experiment_node_sets_the_groups_and_the_holdout():
    bp = programme()
    groups = experiment_groups(bp.workflow("subject"))
    assert (groups.count, groups.holdout_percent, groups.from_node) == (2, 10, "n4")
    assert groups.smallest_share == pytest.approx(0.45)  # 90% shared 50/50
    assert experiment_groups(bp.workflow("webinar")).smallest_share == 0.5  # no node: 50/50


def test_an_experiment_sample_with_weeks_from_the_estimate_or_a_dry_run():
    wf = programme().workflow("subject")
    sample = experiment_sample(wf)
    assert (sample.per_variant, sample.total_entries) == (3841, 8536)
    assert sample.weeks == pytest.approx(3841 / (900 * 0.45)) and sample.weekly_source == "estimate"
    from_dry_run = experiment_sample(wf, weekly_entries=1800)
    assert from_dry_run.weeks == pytest.approx(sample.weeks / 2) and from_dry_run.weekly_source == "dry-run"


def test_an_experiment_without_traffic_or_with_an_impossible_plan():
    wf = programme().workflow("webinar")
    assert experiment_sample(wf).weeks is None and experiment_sample(wf).per_variant == 1094
    wf.queue = wf.queue.model_copy(update={"experiment": ExperimentPlan(baseline_rate=0.9, minimum_detectable_effect=0.2)})
    bad = experiment_sample(wf)
    assert bad.per_variant is None and "below 1" in bad.error


def test_rank_carries_samples_for_experiments_only():
    ranked = {r.workflow_id: r for r in rank(programme(), {"webinar": 500})}
    assert ranked["subject"].sample.per_variant == 3841
    assert ranked["webinar"].sample.weekly_source == "dry-run"
    assert ranked["nurture"].sample is None


@settings(max_examples=150, deadline=None)
@given(
    pins=st.lists(st.one_of(st.none(), st.integers(1, 15)), min_size=11, max_size=11),
    moves=st.lists(st.tuples(st.integers(0, 10), st.integers(1, 12)), min_size=1, max_size=4),
)
def test_any_sequence_of_moves_gives_the_order_shown(pins, moves):
    bp = programme()
    queued = [w.id for w in bp.workflows if w.queue.status not in ("live", "retired")]
    _apply(bp, dict(zip(queued, pins)))
    for which, to in moves:
        shown = [r.workflow_id for r in rank(bp) if r.queued]
        moved = shown[which]
        shown.insert(min(to, len(shown)) - 1, shown.pop(which))
        _apply(bp, pins_for_move(rank(bp), moved, to))
        assert [r.workflow_id for r in rank(bp) if r.queued] == shown
