"""Rules about a contact's pass through a workflow, over batches, for both engines:
who may enter (the re-entry rule), which events count for a pass or a wait, and
who leaves where they stand because the goal or the exit criteria condition is met.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from designer.blueprint import ReEntry
from designer.conditions import ContactFrame

if TYPE_CHECKING:
    from ..interpreter import Advanced, CompiledWorkflow

DAY = 86400.0


def may_enter(rule: ReEntry, active: np.ndarray, passes: np.ndarray, last_entry: np.ndarray,
              at: np.ndarray | float) -> np.ndarray:
    """The re-entry rule: never while a pass is still open; ``once``: only a first pass;
    ``after``: ``rule.days`` after the last entry (``last_entry`` NaN when there was none),
    judged at ``at`` (when the trigger happened); ``always``: whenever not inside."""
    ok = ~np.asarray(active, dtype=bool)
    if rule.mode == "once":
        ok &= np.asarray(passes) == 0
    elif rule.mode == "after":
        last = np.asarray(last_entry, dtype=float)
        with np.errstate(invalid="ignore"):
            ok &= np.isnan(last) | (np.asarray(at, dtype=float) >= last + rule.days * DAY)
    return ok


def counts_for(since, until, at):
    """Whether an event at ``at`` counts for a pass or a wait that began at ``since`` and
    ends at ``until``: from its start to its end, both included (scalars or arrays)."""
    return (at >= since) & (at <= until)


def goal_met(cw: CompiledWorkflow, frame: ContactFrame, goal_open: np.ndarray, now: float | np.ndarray) -> np.ndarray:
    """Which of these contacts meet the goal condition while their goal window is open."""
    if cw.goal_condition is None or not len(frame):
        return np.zeros(len(frame), dtype=bool)
    return cw.goal_condition.evaluate(frame, now) & np.asarray(goal_open, dtype=bool)


def ended_by_conditions(cw: CompiledWorkflow, frame: ContactFrame, goal_open: np.ndarray,
                        now: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Of these contacts (``frame``), which convert (the goal condition is met and their goal
    window, ``goal_open``, is open) and which of the rest leave by the exit criteria condition.
    Goals first: a contact meeting both converts."""
    n = len(frame)
    converted = goal_met(cw, frame, goal_open, now)
    exited = np.zeros(n, dtype=bool)
    if cw.exit_condition is not None and n:
        exited = ~converted & cw.exit_condition.evaluate(frame, now)
    return converted, exited


def settle(cw: CompiledWorkflow, out: Advanced, frame: Callable[[np.ndarray], ContactFrame],
           goal_open: Callable[[np.ndarray], np.ndarray], now: float | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """After an advance, the journey's own updates may have met the goal or the exit criteria:
    the rows that convert where they stopped (waiting, held, or finished without converting),
    and the rows still inside (waiting or held) that leave where they stopped. ``now`` as
    :func:`~..interpreter.advance` takes it: one time, or a column of each row's time."""
    inside = [g.rows for g in (*out.waiting, *out.held)]
    ended = [f.rows for f in out.finished if not f.finish.converted]
    empty = np.zeros(0, dtype=np.int64)
    if (cw.goal_condition is None and cw.exit_condition is None) or not (inside or ended):
        return empty, empty
    rows = np.concatenate([*inside, *ended, empty]).astype(np.int64)
    at = now[rows] if isinstance(now, np.ndarray) else now
    converted, exited = ended_by_conditions(cw, frame(rows), goal_open(rows), at)
    exited[sum(len(r) for r in inside):] = False
    return rows[converted], rows[exited]
