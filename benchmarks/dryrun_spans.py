"""How far stepping several ticks' due contacts in one call could go (issue 17), measured, not done.

    python benchmarks/dryrun_spans.py

Runs the 20-step benchmark journey at 100,000 contacts as today, recording which
contacts each tick wakes and whose events each tick takes. Then, for spans of H
hours: the calls a span-wide pass would need, and the due contacts that would
have to stay at their own tick (an event of theirs queued in the span at or
before their due time, or due twice in the span), and of those the ones a second
pass after the span's events could not serve either (events both before and
after their due time).
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from designer.runtime.dryrun.contacts import synthetic

from benchmarks.journey20 import nurture_blueprint
from designer.runtime.dryrun.buckets import Buckets
from designer.runtime.dryrun.simulator import Simulation


def main(n: int = 100_000) -> None:
    sim = Simulation(nurture_blueprint(90), synthetic(n), days=90, seed=1, trace=[])
    wakes = [s.wakes for s in sim.states]
    due: dict[int, list[np.ndarray]] = {}
    events: dict[int, list[np.ndarray]] = {}
    pop = Buckets.pop

    def recording_pop(self: Buckets, tick: int) -> np.ndarray | None:
        got = pop(self, tick)
        if got is not None and len(got):
            if self is sim.events:
                events.setdefault(tick, []).append(got[:, 0].astype(np.int64))
            elif any(self is w for w in wakes):
                due.setdefault(tick, []).append(got[:, 0].astype(np.int64))
        return got

    Buckets.pop = recording_pop  # type: ignore[method-assign]
    try:
        sim.run()
    finally:
        Buckets.pop = pop  # type: ignore[method-assign]
    woken = {t: np.concatenate(v) for t, v in due.items()}
    taken = {t: np.concatenate(v) for t, v in events.items()}
    print(f"{n:,} contacts: {sim.ticks_run} ticks, {len(woken)} with due wakes ({sum(map(len, woken.values())):,} rows),"
          f" {len(taken)} with events")
    end = max(max(woken), max(taken)) + 1
    for hours in (2, 4, 6, 12):
        spans = stepped = left = left_ticks = mixed = mixed_ticks = 0
        for start in range(0, end, hours):
            ticks = [t for t in range(start, start + hours) if t in woken]
            spans += bool(ticks)
            seen = np.zeros(0, dtype=np.int64)
            for t in ticks:
                rows = woken[t]
                before = [taken[u] for u in range(start, t + 1) if u in taken]
                stay = np.isin(rows, np.concatenate(before)) if before else np.zeros(len(rows), dtype=bool)
                stay |= np.isin(rows, seen)
                seen = np.concatenate([seen, rows])
                stepped += int((~stay).sum())
                left += int(stay.sum())
                left_ticks += bool(stay.any())
                # of those, the ones that also have an event after their due time in the span: a second
                # span-wide pass after the span's events would not serve them either
                after = [taken[u] for u in range(t + 1, start + hours) if u in taken]
                both = stay & np.isin(rows, np.concatenate(after)) if after else np.zeros(len(rows), dtype=bool)
                mixed += int(both.sum())
                mixed_ticks += bool(both.any())
        print(f"  {hours:2d}-hour spans: {spans} passes for due work (now {len(woken)}), "
              f"{left:,} of {stepped + left:,} due rows ({left / (stepped + left):.1%}) left to their own tick, in {left_ticks} ticks;"
              f" {mixed:,} in {mixed_ticks} ticks with events both before and after their due time")


if __name__ == "__main__":
    main()
