"""How the dry-run's span (ticks taken in one pass, each contact in its own order) sets its speed.

    python benchmarks/dryrun_spans.py                 # 100,000 contacts; spans of 1, 6, 24, 48, 168 hours
    python benchmarks/dryrun_spans.py --contacts 20000 --spans 1 48

The 20-step benchmark journey over 90 simulated days, as `dryrun_scale.py` runs it, once
per span length in one process (best of ``--repeat``, after one unmeasured warm-up run):
the time of the simulation, the spans and rounds it took (a round runs the tick's phases
over every contact at its own tick) and the conversions (the same in distribution whatever
the span: the draws come in another order). The default span is 48 hourly ticks.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from designer.runtime.dryrun.contacts import synthetic

from benchmarks.journey20 import nurture_blueprint
from designer.runtime.dryrun.forecast import forecast
from designer.runtime.dryrun.simulator import Simulation


def run(n: int, span: int) -> tuple[float, Simulation, int]:
    store = synthetic(n)
    t = time.perf_counter()
    sim = Simulation(nurture_blueprint(90), store, days=90, seed=1, trace=[], span_ticks=span)
    report = forecast(sim.run(), paths=False)
    return time.perf_counter() - t, sim, report["workflows"][0]["goal"]["converted"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--spans", type=int, nargs="+", default=[1, 6, 24, 48, 168])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    run(min(args.contacts, 10_000), 48)  # warm-up: imports and first allocations out of the figures
    print(f"{args.contacts:,} contacts, 90 days, best of {args.repeat}")
    print("| span (hours) | seconds | spans | rounds | converted |")
    print("|---:|---:|---:|---:|---:|")
    for span in args.spans:
        results = [run(args.contacts, span) for _ in range(args.repeat)]
        best, sim, converted = min(results, key=lambda r: r[0])
        print(f"| {span} | {best:.3f} | {sim.spans_run:,} | {sim.rounds_run:,} | {converted:,} |")


if __name__ == "__main__":
    main()
