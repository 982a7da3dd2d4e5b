"""Several ticks in one pass: each contact's own items in its own order.

Simulated contacts never touch each other: what a contact does depends on its
own data, events, waits and message counts only. So a run need not step the
whole population tick by tick: within a span of ticks, a *round* takes, for
every contact, the items it has at its earliest tick in the span (its events,
its due wake-ups, its arrivals) and runs the shared tick's phases over all of
those contacts at once, each at its own moment (the simulation's ``clock``
column). Items a round makes for a contact at that same tick (an event waking
a wait, a trigger putting it forward) are taken in the same round's later
phases, as a tick would; the rest wait for a later round. A contact's items
are therefore handled in exactly the order a tick-by-tick run handles them;
what changes is the order of the random draws between contacts, so a forecast
is the same in distribution, not draw for draw (``tests/dryrun/test_seed_equivalence.py``).

What is not per contact stays on its own tick: schedules, segment checks and
the goal/exit condition sweep run over everyone, so a span never crosses one.
"""

from __future__ import annotations

import numpy as np

from .buckets import Buckets

NOT_DUE = np.iinfo(np.int64).max


class Pool:
    """Items of one queue taken out for the current span (the tick is column 0, the row column 1),
    kept until their contact's turn."""

    def __init__(self, queue: Buckets) -> None:
        self.queue = queue
        self.items: np.ndarray | None = None

    def fill(self, last: int) -> None:
        """Take in what the queue holds up to tick ``last`` (including what was filed since)."""
        new = self.queue.take(last)
        if new is not None:
            self.items = new if self.items is None else np.concatenate((self.items, new))

    def due(self, first: np.ndarray) -> np.ndarray | None:
        """The items at their contact's turn (tick == ``first[row]``), taken out of the pool."""
        items = self.items
        if items is None:
            return None
        mine = items[:, 0] == first[items[:, 1].astype(np.int64)]
        if mine.all():
            self.items = None
            return items
        if not mine.any():
            return None
        self.items = items[~mine]
        return items[mine]


class Rounds:
    """Which tick each contact is at in the current round (``first``, NOT_DUE for the others)."""

    def __init__(self, n: int, pools: list[Pool]) -> None:
        self.pools = pools
        self.first = np.full(n, NOT_DUE, dtype=np.int64)
        self._in_round = np.empty(0, dtype=np.int64)

    def start(self, last: int) -> bool:
        """Begin a round over what the pools hold up to ``last``; False when nothing is left."""
        self.first[self._in_round] = NOT_DUE
        for pool in self.pools:
            pool.fill(last)
        held = [p.items for p in self.pools if p.items is not None]
        if not held:
            self._in_round = np.empty(0, dtype=np.int64)
            return False
        items = held[0] if len(held) == 1 else np.concatenate([m[:, :2] for m in held])
        rows, ticks = items[:, 1].astype(np.int64), items[:, 0].astype(np.int64)
        np.minimum.at(self.first, rows, ticks)
        self._in_round = rows
        return True

    def due(self, pool: Pool, last: int) -> np.ndarray | None:
        """Pool items at their contact's tick this round, after taking in what was filed since."""
        pool.fill(last)
        return pool.due(self.first)
