"""The batched dry-run against the per-contact reference, over several seeds.

A change to the dry-run that reorders its random draws (e.g. stepping several
ticks' contacts in one call) changes forecasts per seed; they must stay the
same in distribution. This runs the 20-step benchmark journey at 20,000
contacts with three seeds and checks conversions and every step's per-port
counts against the one-contact-at-a-time SimPy walk of the same workflow
(benchmarks/simpy_baseline.py) within sampling error.
"""

from __future__ import annotations

import math

import pytest

simpy = pytest.importorskip("simpy")

from designer.runtime.dryrun.contacts import synthetic

from benchmarks.journey20 import nurture_blueprint
from benchmarks.simpy_baseline import simulate
from designer.runtime.dryrun.forecast import forecast
from designer.runtime.dryrun.simulator import Simulation

N, DAYS, SEEDS = 20_000, 90, (1, 2, 3)


def _close(mean: float, reference: float, n: int = N) -> bool:
    """Within 5 binomial standard errors of the reference (plus 1% for the clocks' granularity:
    the reference wakes at exact times, the dry-run at hourly ticks)."""
    p = min(max(reference / n, 1 / n), 1 - 1 / n)
    sd = math.sqrt(n * p * (1 - p) / len(SEEDS))
    return abs(mean - reference) <= 5 * sd + 0.01 * reference + 2


@pytest.fixture(scope="module")
def runs():
    bp = nurture_blueprint(DAYS)
    reference = simulate(bp, synthetic(N), DAYS, seed=7)
    ours = [forecast(Simulation(bp, synthetic(N), days=DAYS, seed=s, trace=[]).run(), paths=False)["workflows"][0]
            for s in SEEDS]
    return reference, ours


def test_conversions_agree_with_the_per_contact_reference(runs):
    reference, ours = runs
    mean = sum(wf["goal"]["converted"] for wf in ours) / len(ours)
    assert _close(mean, reference["converted"]), (mean, reference["converted"])


def test_every_steps_ports_agree_with_the_per_contact_reference(runs):
    reference, ours = runs
    compared = 0
    for node, ports in reference["passed"].items():
        for port, count in ports.items():
            mean = sum(next(n for n in wf["nodes"] if n["id"] == node)["passed"].get(port, 0) for wf in ours) / len(ours)
            assert _close(mean, count), (node, port, mean, count)
            compared += 1
    assert compared >= 15  # the journey's steps were all reached and compared
