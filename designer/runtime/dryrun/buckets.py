"""Virtual time for the dry-run: things due at times, grouped into ticks.

The simulator never steps through empty time: it jumps to the next tick that
holds a wake-up or an event, and handles everything due in that tick as one
batch per node. A tick is an hour by default; an item due at time ``t`` is
handled at the first tick boundary at or after ``t`` (never early).
"""

from __future__ import annotations

import heapq

import numpy as np


def _stable_order(ticks: np.ndarray) -> np.ndarray:
    """The stable sort order of ticks: as 16-bit keys when they fit (numpy sorts those by radix,
    in linear time), else as they are. The same order either way."""
    if len(ticks) > 256 and 0 <= ticks.min() and ticks.max() < 32767:
        ticks = ticks.astype(np.int16)
    return np.argsort(ticks, kind="stable")


class Buckets:
    """Rows of a float64 matrix (one column per field) filed under the tick they are
    due in. One matrix rather than a tuple of columns: filing 100,000 items
    over a hundred ticks is one slice per tick, not one per field.

    With ``coarse`` > 1, items are filed per group of ticks (a simulated day)
    and the due ones are picked out when their tick comes: far fewer filing
    operations for items spread thinly over time (opens, clicks, purchases).
    A group is a few runs, each sorted by tick (stably: items due together keep
    their filing order); a tick takes a slice off the front of each run, so the
    rest of the day is never copied or sorted again. Runs are merged when there
    are more than a few when a tick of the group comes. Items come out in filing order within a tick either way."""

    MAX_RUNS = 8

    def __init__(self, start: float, tick: float, coarse: int = 1) -> None:
        self.start, self.tick, self.coarse = start, tick, coarse
        self._items: dict[int, list[np.ndarray]] = {}  # key -> matrices whose column 0 is the tick
        self._min: dict[int, int] = {}  # key -> its earliest tick
        self._heap: list[int] = []

    def tick_of(self, t: float | np.ndarray) -> np.ndarray:
        """The tick an absolute time falls due in (ceil: nothing happens early)."""
        rel = (np.asarray(t, dtype=float) - self.start) / self.tick
        return np.ceil(rel - 1e-9).astype(np.int64)  # tolerance: float sums of whole hours may not be exact

    def time_of(self, tick: int) -> float:
        return self.start + tick * self.tick

    def push(self, ticks: np.ndarray | int, *columns: np.ndarray | float, n: int | None = None) -> None:
        """File ``n`` items (default: the length of the first array); a tick or a
        column given as a number is the same for every item."""
        if n is None:
            n = len(next(c for c in (ticks, *columns) if isinstance(c, np.ndarray)))
        if not n:
            return
        order = None  # items in tick order (stable), gathered column by column as the matrix is filled
        if isinstance(ticks, np.ndarray) and len(ticks) > 1:
            if self.coarse > 1:  # runs sorted by tick (and so by group)
                if (ticks[1:] < ticks[:-1]).any():
                    order = _stable_order(ticks)
            elif ticks[0] != ticks[-1] or (ticks[0] != ticks).any():
                order = _stable_order(ticks)
        matrix = np.empty((n, 1 + len(columns)))
        for j, column in enumerate((ticks, *columns)):
            matrix[:, j] = column[order] if order is not None and isinstance(column, np.ndarray) else column
        if not isinstance(ticks, np.ndarray):
            self._add(int(ticks) // self.coarse, int(ticks), matrix)
            return
        if order is not None:
            ticks = ticks[order]
        keys = ticks // self.coarse if self.coarse > 1 else ticks
        if len(keys) == 1 or keys[0] == keys[-1]:  # sorted: first and last alike means all alike
            self._add(int(keys[0]), int(ticks[0]), matrix)
            return
        cuts = np.flatnonzero(np.diff(keys)) + 1
        bounds = np.concatenate(([0], cuts, [len(keys)])).tolist()
        for s, e in zip(bounds[:-1], bounds[1:]):
            self._add(int(keys[s]), int(ticks[s]), matrix[s:e])

    def _add(self, key: int, first: int, matrix: np.ndarray) -> None:
        if key not in self._items:
            self._items[key] = []
            self._min[key] = first
            heapq.heappush(self._heap, key)
        else:
            self._min[key] = min(self._min[key], first)
        self._items[key].append(matrix)

    def next_tick(self) -> int | None:
        while self._heap and self._heap[0] not in self._items:
            heapq.heappop(self._heap)
        return self._min[self._heap[0]] if self._heap else None

    def pop(self, tick: int) -> np.ndarray | None:
        """Everything due at ``tick`` (or before, in its group), as one matrix without the tick column."""
        matrix = self._pop_key(tick // self.coarse, tick)
        return None if matrix is None else matrix[:, 1:]

    def take(self, last: int) -> np.ndarray | None:
        """Everything due up to tick ``last``, with the tick as column 0, earlier ticks first."""
        parts = []
        while (first := self.next_tick()) is not None and first <= last:
            key = self._heap[0]
            matrix = self._pop_key(key, min(last, key * self.coarse + self.coarse - 1))
            if matrix is not None:
                parts.append(matrix)
        if not parts:
            return None
        return parts[0] if len(parts) == 1 else np.concatenate(parts)

    def _pop_key(self, key: int, tick: int) -> np.ndarray | None:
        """What group ``key`` holds up to ``tick``, with the tick column."""
        if key not in self._items or self._min[key] > tick:
            return None
        parts = self._items.pop(key)
        if self.coarse == 1:
            return parts[0] if len(parts) == 1 else np.concatenate(parts)
        if len(parts) > self.MAX_RUNS:  # one run again (stable: filing order kept), when the group is due
            merged = np.concatenate(parts)
            parts = [merged[_stable_order(merged[:, 0])]]
        due, left = [], []
        for run in parts:
            cut = int(np.searchsorted(run[:, 0], tick, side="right"))
            if cut:
                due.append(run[:cut])
            if cut < len(run):
                left.append(run[cut:])  # a view: the rest of the run, still in order
        if left:
            self._items[key] = left
            self._min[key] = min(int(r[0, 0]) for r in left)
        matrix = due[0] if len(due) == 1 else np.concatenate(due)
        if len(due) > 1 and (matrix[:, 0] != tick).any():
            matrix = matrix[_stable_order(matrix[:, 0])]  # earlier ticks first, as filed
        return matrix

    def __len__(self) -> int:
        return sum(len(m) for parts in self._items.values() for m in parts)
