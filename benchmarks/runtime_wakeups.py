"""Wake-up latency with a million contacts waiting: are due wake-ups picked up within 1 s (p99)?

    python benchmarks/runtime_wakeups.py [--waiting N] [--due D] [--rate R] [--json]

N enrolments wait at a 'wait 30 days' step of one workflow. D of them are due
during the run, R per second on the wall clock (the rest far in the future).
The engine runs on the wall clock as ``journey run`` does, sleeping until the
next wake-up (found through the index on wake_at) and waking at least every
0.2 s for new events. Latency = wall time at which the tick that moved a
contact committed, minus its wake-up time.

Setup writes the N rows with plain sqlite3 executemany (building a million
rows through the engine would take minutes and is not what is measured);
only the D due contacts get contact rows, since only they are read.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Run as `python benchmarks/NAME.py` from a checkout: import this checkout's designer and tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.runtime.clock import WallClock
from designer.runtime.engine import Engine
from designer.runtime.store import Store

from designer.blueprint import JourneySettings
from designer.runtime.interpreter import compile_workflow
from tests.builders import blueprint, node, workflow


def journey():
    nodes = [node("t", "trigger.manual", list_name="never"), node("w", "wait.delay", amount=30, unit="days"),
             node("x", "exit", reason="woke")]
    settings = JourneySettings(quiet_hours=None, frequency_cap=None)
    return blueprint(workflow(nodes, [("t", "next", "w"), ("w", "next", "x")], id="wake", goal=None,
                              settings=settings))


class TickClock(WallClock):
    """The wall clock, read once per tick, so each history row's time names its tick."""

    def __init__(self) -> None:
        self.frozen: float | None = None

    def now(self) -> float:
        return time.time() if self.frozen is None else self.frozen


def build(path: Path, waiting: int, due: int, rate: float, lead: float) -> tuple[float, list[float]]:
    bp = journey()
    version = compile_workflow(bp, bp.workflows[0]).version
    Store(path).close()
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA synchronous = NORMAL")
    start = time.time() + lead
    wakes = [start + i / rate for i in range(due)]
    far = start + 30 * 86400
    con.execute("BEGIN")
    con.execute("INSERT INTO workflow_state VALUES ('wake', ?, 0, 0, 0)", (version,))
    con.executemany(
        "INSERT INTO enrolment (workflow_id, version, contact_id, seq, node_id, state, wake_at, resume_port, "
        "waiting_since, wait_reason, entered_at) VALUES ('wake', ?, ?, 1, 'w', 'active', ?, 'next', 0, 'Wait', 0)",
        ((version, f"w{i:07d}", wakes[i] if i < due else far + i) for i in range(waiting)))
    con.executemany("INSERT INTO contact (id, score, tags, attributes, consent, updated_at) "
                    "VALUES (?, 0, '[]', '{}', '{}', 0)", ((f"w{i:07d}",) for i in range(due)))
    con.execute("COMMIT")
    con.execute("ANALYZE")
    con.close()
    return start, wakes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--waiting", type=int, default=1_000_000)
    parser.add_argument("--due", type=int, default=20_000)
    parser.add_argument("--rate", type=float, default=1000.0, help="due wake-ups per second")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "wake.db"
        t = time.perf_counter()
        start, wakes = build(path, args.waiting, args.due, args.rate, lead=5 + args.waiting / 40_000)
        build_s = time.perf_counter() - t
        store = Store(path)
        clock = TickClock()
        eng = Engine(store, journey(), clock, deliver=False, check_every=1e9)
        ready = time.time()
        if ready > start:
            raise SystemExit(f"setup took too long ({build_s:.0f} s): use a longer lead")
        time.sleep(start - ready - 0.5)
        ticks: list[tuple[float, float]] = []
        moved = 0
        while moved < args.due:
            clock.frozen = now = time.time()
            done = eng.tick()
            ticks.append((now, time.time()))
            clock.frozen = None
            moved += done["claimed"]
            if not done["claimed"]:
                eng._sleep(None)
        with store.read() as conn:
            at = dict(conn.exec_driver_sql("SELECT enrolment_id, at FROM step WHERE what = 'passed'").all())
        store.close()
    committed = dict(ticks)
    latency = sorted(committed[at[i + 1]] - wakes[i] for i in range(args.due))
    result = {"waiting": args.waiting, "due": args.due, "rate": args.rate, "build_seconds": build_s,
              "p50": statistics.median(latency), "p99": latency[int(0.99 * (len(latency) - 1))],
              "max": latency[-1], "ticks": len(ticks)}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.waiting:,} waiting, {args.due:,} due at {args.rate:,.0f}/s (setup {build_s:.1f} s)")
    print(f"pick-up latency: p50 {result['p50'] * 1000:.0f} ms, p99 {result['p99'] * 1000:.0f} ms, "
          f"max {result['max'] * 1000:.0f} ms over {len(ticks)} ticks")


if __name__ == "__main__":
    main()
