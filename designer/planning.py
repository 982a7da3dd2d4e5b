"""The build queue: rank a blueprint's workflows, and size its experiments.

No Qt here: the CLI, the app and the tests share it. docs/build-queue.md tells
the same story for marketers.

Ranking (transparent on purpose: a marketer can redo it on paper)::

    score = (value_now + long_term_impact) x confidence / effort

Every field is on a 1..5 scale (see ``SCALES``), so a score runs from
0.4 (2 x 1 / 5) to 50 (10 x 5 / 1). "Value now" and "long-term impact" weigh
the same: they are the two questions the queue is stack-ranked by. Confidence
scales the benefit (a hunch counts for less than a proven idea); effort divides it.

* Category (new / improve / experiment) does not change the score: the three
  buckets compete in one queue. Experiments also get a sample size and the
  weeks they need, shown next to their rank.
* Status: ``idea``, ``planned`` and ``building`` are in the queue and ranked
  alike. ``live`` (built and running) and ``retired`` are out of it: they get
  no rank and are listed after the queue (live first), by score.
* Ties: higher score first; on an equal score the higher "value now" first;
  then the workflow's order in the blueprint (then its id).
* Pins: a ``pinned_rank`` of *p* puts the workflow at position *p* of the
  queue; unpinned workflows fill the free positions in score order. Two pins on
  one position: the better-scored one first, the other next. Pins past the end
  of the queue land at its end, in pin order. Pins on live/retired workflows
  are ignored.

Sample size: see :func:`sample_size_per_variant` and :func:`experiment_sample`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from statistics import NormalDist

from designer.blueprint import Blueprint, ExperimentPlan, QueueEntry, Workflow
from designer.i18n import N_, Message, render
from designer.nodes import get_kind

CATEGORIES = ("new", "improve", "experiment")
STATUSES = ("idea", "planned", "building", "live", "retired")
QUEUED = ("idea", "planned", "building")
CATEGORY_LABELS = {"new": N_("New"), "improve": N_("Improve"), "experiment": N_("Experiment")}
CATEGORY_HINTS = {
    "new": N_("Workflows and messages that do not exist yet"),
    "improve": N_("Workflows that exist but should work better"),
    "experiment": N_("Tests to raise conversion"),
}
STATUS_LABELS = {"idea": N_("Idea"), "planned": N_("Planned"), "building": N_("Building"), "live": N_("Live"),
                 "retired": N_("Retired")}
# The look is data (like the node kinds' colours): the app and exports read it.
CATEGORY_COLOURS = {"new": "#3b7dd8", "improve": "#2f9e6b", "experiment": "#c7642b"}
STATUS_COLOURS = {
    "idea": "#8a8f98", "planned": "#3b7dd8", "building": "#d99a1e", "live": "#2f9e6b", "retired": "#b0b4ba",
}
SCALE_FIELDS = ("value_now", "long_term_impact", "effort", "confidence")
SCALES: dict[str, tuple[str, tuple[str, str, str, str, str]]] = {
    "value_now": ("Value now", (
        "barely noticeable", "small gain", "clear gain this quarter", "large gain this quarter",
        "critical: revenue or conversion at stake now")),
    "long_term_impact": ("Long-term impact", (
        "none beyond today", "small", "lasting gain on one stage", "raises lifetime value",
        "changes the whole lifecycle")),
    "effort": ("Effort", ("under a day", "a few days", "one to two weeks", "about a month", "a quarter or more")),
    "confidence": ("Confidence", (
        "a hunch", "anecdotes", "benchmarks or good reasons", "our own data", "proven (tested before)")),
}
DEFAULT_GROUPS = 2  # an experiment without an experiment node: control vs. one variant, 50/50


def score(entry: QueueEntry) -> float:
    """(value_now + long_term_impact) x confidence / effort."""
    return (entry.value_now + entry.long_term_impact) * entry.confidence / entry.effort


def format_score(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def formula_text(entry: QueueEntry) -> str:
    return render(formula(entry))


def formula(entry: QueueEntry) -> Message:
    return Message("plan.formula", {"value": entry.value_now, "impact": entry.long_term_impact,
                                    "confidence": entry.confidence, "effort": entry.effort,
                                    "score": format_score(score(entry))})


# --- sample size ---------------------------------------------------------------

def sample_size_per_variant(
    baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8, two_sided: bool = True
) -> int:
    """Contacts needed in *each* group to detect an absolute lift ``mde`` over
    conversion rate ``baseline`` with a two-proportion z-test.

    The classic normal-approximation formula with the pooled variance under the
    null hypothesis (Fleiss, Levin & Paik, *Statistical Methods for Rates and
    Proportions*, 3rd ed. 2003, eq. 4.14 without continuity correction; the
    formula R's ``stats::power.prop.test`` solves), with p2 = p1 + mde and
    p = (p1 + p2) / 2::

        n = (z(1-a/2) sqrt(2 p (1-p)) + z(1-b) sqrt(p1 (1-p1) + p2 (1-p2)))^2 / (p2 - p1)^2

    rounded up. ``power.prop.test(p1=.10, p2=.12, power=.8)`` gives n = 3840.8,
    so 3,841; R's own example ``power.prop.test(p1=.5, p2=.75, power=.9)`` gives
    76.7, so 77. One-sided uses z(1-a).
    """
    if not 0 < baseline < 1:
        raise ValueError(f"the baseline rate must be between 0 and 1, not {baseline}")
    if mde <= 0 or baseline + mde >= 1:
        raise ValueError(f"baseline {baseline:g} + lift {mde:g} must stay below 1 (and the lift above 0)")
    if not 0 < alpha < 1 or not 0 < power < 1:
        raise ValueError("alpha and power must be between 0 and 1")
    p1, p2 = baseline, baseline + mde
    pooled = (p1 + p2) / 2
    z = NormalDist().inv_cdf
    z_alpha = z(1 - alpha / 2) if two_sided else z(1 - alpha)
    z_beta = z(power)
    root = z_alpha * math.sqrt(2 * pooled * (1 - pooled)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(root * root / (mde * mde) - 1e-9)  # the epsilon keeps 3841.0000000001 at 3841


@dataclass(frozen=True)
class Groups:
    """How an experiment splits its traffic: the compared groups and the smallest one's share."""

    count: int
    smallest_share: float
    holdout_percent: int = 0
    from_node: str | None = None  # the experiment node read, if any


def experiment_groups(workflow: Workflow) -> Groups:
    """The compared groups of the workflow's first valid experiment node: its
    variants (sharing what the holdout leaves, by weight), plus the holdout when
    there is a single variant (journey vs. nothing). Without such a node:
    control vs. one variant, 50/50."""
    for node in workflow.nodes:
        kind = get_kind(node.kind)
        settings = kind.try_parse(node.settings) if kind is not None else None
        shares = kind.compared_groups(settings) if settings is not None else None
        if shares:
            return Groups(len(shares), min(shares), getattr(settings, "holdout_percent", 0), node.id)
    return Groups(DEFAULT_GROUPS, 1 / DEFAULT_GROUPS)


def weeks_needed(per_variant: int, weekly_entries: float, smallest_share: float) -> float:
    """Weeks until the smallest group holds ``per_variant`` contacts."""
    if weekly_entries <= 0 or smallest_share <= 0:
        raise ValueError("weekly entries and the group share must be positive")
    return per_variant / (weekly_entries * smallest_share)


@dataclass(frozen=True)
class SampleSize:
    plan: ExperimentPlan
    groups: Groups
    per_variant: int | None  # None when the plan cannot be sized (see error)
    total_entries: int | None  # entries until the smallest group is full
    weekly_entries: float | None
    weekly_source: str | None  # "dry-run", "estimate" or None
    weeks: float | None
    error: str = ""


def experiment_sample(workflow: Workflow, weekly_entries: float | None = None) -> SampleSize:
    """Size an experiment workflow. ``weekly_entries`` (contacts reaching the
    experiment per week, from a dry-run) wins over the plan's own estimate."""
    plan = workflow.queue.experiment or ExperimentPlan()
    groups = experiment_groups(workflow)
    source = "dry-run" if weekly_entries else ("estimate" if plan.weekly_entries else None)
    weekly = weekly_entries or plan.weekly_entries
    try:
        n = sample_size_per_variant(plan.baseline_rate, plan.minimum_detectable_effect, plan.alpha, plan.power)
    except ValueError as err:
        return SampleSize(plan, groups, None, None, weekly, source, None, str(err))
    total = math.ceil(n / groups.smallest_share - 1e-9)
    weeks = weeks_needed(n, weekly, groups.smallest_share) if weekly else None
    return SampleSize(plan, groups, n, total, weekly, source, weeks)


# --- ranking -------------------------------------------------------------------

@dataclass(frozen=True)
class RankedWorkflow:
    workflow_id: str
    name: str
    position: int  # 1..N over every workflow: the queue first, then live, then retired
    rank: int | None  # place in the queue; None when live or retired
    score: float
    score_rank: int | None  # the rank the score alone would give
    pinned: bool  # the pin decided the place
    tied: bool  # another queued workflow has the same score
    why: Message  # the reason for the place, rendered by ``reason``
    entry: QueueEntry
    from_stage: str | None
    to_stage: str | None
    sample: SampleSize | None  # experiments only

    @property
    def reason(self) -> str:
        """Why this place, in the reader's language."""
        return render(self.why)

    @property
    def queued(self) -> bool:
        return self.rank is not None


def rank(blueprint: Blueprint, weekly_entries: Mapping[str, float] | None = None) -> list[RankedWorkflow]:
    """Every workflow of the blueprint, in queue order, with its rank and the reason."""
    weekly_entries = weekly_entries or {}
    order = {wf.id: i for i, wf in enumerate(blueprint.workflows)}

    def key(wf: Workflow) -> tuple:
        return (-score(wf.queue), -wf.queue.value_now, order[wf.id], wf.id)

    queued = sorted((w for w in blueprint.workflows if w.queue.status in QUEUED), key=key)
    score_rank = {w.id: i + 1 for i, w in enumerate(queued)}
    placed = _merge_pins(queued, key)
    done = sorted((w for w in blueprint.workflows if w.queue.status not in QUEUED),
                  key=lambda w: (w.queue.status == "retired", *key(w)))
    scores = [score(w.queue) for w in queued]
    out = []
    for position, wf in enumerate(placed + done, start=1):
        in_queue = position <= len(placed)
        s = score(wf.queue)
        pinned = in_queue and wf.queue.pinned_rank is not None
        tied = in_queue and scores.count(s) > 1
        sample = experiment_sample(wf, weekly_entries.get(wf.id)) if wf.queue.category == "experiment" else None
        out.append(RankedWorkflow(
            wf.id, wf.name, position, position if in_queue else None, s, score_rank.get(wf.id), pinned, tied,
            _reason(wf.queue, position if in_queue else None, score_rank.get(wf.id), pinned, tied),
            wf.queue, wf.from_stage, wf.to_stage, sample,
        ))
    return out


def _merge_pins(queued: list[Workflow], key) -> list[Workflow]:
    free = [w for w in queued if w.queue.pinned_rank is None]
    pinned = sorted((w for w in queued if w.queue.pinned_rank is not None),
                    key=lambda w: (w.queue.pinned_rank, *key(w)))
    placed: list[Workflow] = []
    while free or pinned:
        position = len(placed) + 1
        if pinned and (pinned[0].queue.pinned_rank <= position or not free):
            placed.append(pinned.pop(0))
        else:
            placed.append(free.pop(0))
    return placed


def _reason(entry: QueueEntry, rank_: int | None, score_rank: int | None, pinned: bool, tied: bool) -> Message:
    text = formula(entry)
    if rank_ is None:
        return Message("plan.not-queued", {"status": Message(f"plan.status-{entry.status}"), "formula": text})
    if pinned:
        if entry.pinned_rank != rank_:
            return Message("plan.pinned-placed", {"pinned": entry.pinned_rank, "rank": rank_, "score_rank": score_rank,
                                                  "formula": text})
        return Message("plan.pinned", {"rank": rank_, "score_rank": score_rank, "formula": text})
    if tied:
        return Message("plan.tied", {"formula": text, "score": format_score(score(entry))})
    return text


def pins_for_move(ranked: list[RankedWorkflow], workflow_id: str, new_rank: int) -> dict[str, int | None]:
    """The pins that put ``workflow_id`` at ``new_rank`` of the queue and keep
    every other queued workflow in the order shown: the moved workflow is pinned
    to its new place, and workflows pinned before are re-pinned to the place
    they now stand at. Unpinned workflows keep following their scores (their
    order among themselves does not change in a move, so the merge of pins and
    scores gives exactly the order shown). Returns only the pins that change."""
    queue = [r for r in ranked if r.queued]
    ids = [r.workflow_id for r in queue]
    if workflow_id not in ids:
        raise ValueError(f"{workflow_id!r} is not in the queue (live or retired workflows have no rank)")
    old = ids.index(workflow_id)
    new = min(max(new_rank, 1), len(ids)) - 1
    if old == new:
        return {}
    ids.insert(new, ids.pop(old))
    by_id = {r.workflow_id: r for r in queue}
    changes: dict[str, int | None] = {}
    for i, wf_id in enumerate(ids):
        current = by_id[wf_id].entry.pinned_rank
        wanted = i + 1 if wf_id == workflow_id or current is not None else None
        if wanted != current:
            changes[wf_id] = wanted
    return changes


def summary(ranked: list[RankedWorkflow]) -> dict[str, int]:
    """Counts for a one-line summary: queued per category, live, retired."""
    counts = {"workflows": len(ranked), "queued": 0, "live": 0, "retired": 0} | {c: 0 for c in CATEGORIES}
    for r in ranked:
        if r.queued:
            counts["queued"] += 1
            counts[r.entry.category] += 1
        else:
            counts[r.entry.status] += 1
    return counts
