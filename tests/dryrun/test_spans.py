"""Spans (designer/runtime/dryrun/span.py): a dry-run that takes several ticks in one pass, each
contact in its own order, does for every contact exactly what the tick-by-tick run does.

Scripted runs draw nothing that depends on the order of contacts, so there the two must agree
to the second: every contact's whole trace (steps, waits, sends, events, ends, with their times)
and the whole forecast. The scenarios put several items of one contact inside one span: an event
before its wake-up, a goal event while it waits, sends held by quiet hours and run again, a
frequency cap over sends hours apart, a wait woken by its event in the same tick.
"""

from __future__ import annotations

import numpy as np
from designer.runtime.dryrun.contacts import from_records

from designer.blueprint import ExitCriteria, Goal
from designer.runtime.dryrun.buckets import Buckets
from designer.runtime.dryrun.forecast import forecast
from designer.runtime.dryrun.simulator import ScriptedEvent, Simulation
from designer.runtime.sample import sample_contacts
from tests.builders import blueprint, node, workflow

from .helpers import START
from .test_parity import DAYS, HOUR, _blueprint, _exit_blueprint, _exit_script, _script


def _run(bp, contacts, script, span: int, check_every: int | None = None) -> tuple[Simulation, dict, dict]:
    sim = Simulation(bp, from_records(contacts), days=DAYS, start=START, scripted=script,
                     trace=[c["id"] for c in contacts], span_ticks=span)
    if check_every:  # as a large run checks (daily), on a small one
        sim.entries.every = check_every
    sim.run()
    return sim, forecast(sim, paths=False), {row: sim.tracer.path(row) for row in range(len(contacts))}


def test_spans_take_every_contact_through_the_same_steps_at_the_same_times():
    contacts = sample_contacts(60)
    bp, script = _blueprint(), _script(contacts)
    one, report_one, paths_one = _run(bp, contacts, script, span=1)
    for span in (6, 48, 24 * DAYS):
        many, report, paths = _run(bp, contacts, script, span=span)
        assert paths == paths_one, span
        assert report == report_one, span
        assert many.rounds_run < one.rounds_run  # fewer passes: the point of it
    # Each contact had several things inside one span: this is what the comparison covers.
    kinds = {s["type"] for path in paths_one.values() for s in path}
    assert {"step", "wait", "message", "event", "deferred", "end"} <= kinds


def test_spans_keep_exit_and_goal_events_in_each_contacts_order():
    contacts = sample_contacts(40)
    bp, script = _exit_blueprint(), _exit_script(contacts)
    # Exit by event only: an exit or goal *condition* is swept over everyone, on every tick of a
    # run this small, and a span never crosses a sweep (that case is the tick-by-tick run).
    bp.workflows[0].exit_criteria = ExitCriteria(event="refund_requested")
    one, report_one, paths_one = _run(bp, contacts, script, span=1)
    many, report, paths = _run(bp, contacts, script, span=48)
    assert many.rounds_run < one.rounds_run
    assert paths == paths_one
    assert report == report_one
    ends = {s["detail"] for path in paths.values() for s in path if s["type"] == "end"}
    assert "exit: exit criteria: refund_requested" in ends and "converted: goal reached: subscribed" in ends


def _sweep_blueprint():
    """A goal condition met by an event while the contact waits two days: a sweep (of everyone
    inside) converts it where it waits, else the wait's end does."""
    nodes = [node("t", "trigger.event", event="signed_up"), node("e1", "send.email", subject="Welcome"),
             node("w", "wait.delay", amount=2, unit="days"), node("e2", "send.email", subject="Again"),
             node("x", "exit", reason="Done")]
    wires = [("t", "next", "e1"), ("e1", "next", "w"), ("w", "next", "e2"), ("e2", "next", "x")]
    return blueprint(workflow(nodes, wires, goal=Goal(event=None, condition='events("upgraded") > 0')))


def _sweep_script(contacts):
    t0, out = START.timestamp(), []
    for i, c in enumerate(contacts):
        out.append(ScriptedEvent(c["id"], "signed_up", at=t0 + i * HOUR))
        if i % 2:  # 40 to 47 hours after signing up: some sweeps fall before the wait ends, some not
            out.append(ScriptedEvent(c["id"], "upgraded", at=t0 + i * HOUR + (40 + i % 8) * HOUR))
    return out


def test_a_span_never_crosses_a_sweep_of_the_goal_and_exit_conditions():
    contacts = sample_contacts(40)
    bp, script = _sweep_blueprint(), _sweep_script(contacts)  # a goal condition: swept every tick this small
    one, report_one, paths_one = _run(bp, contacts, script, span=1)
    many, report, paths = _run(bp, contacts, script, span=48)
    assert many.rounds_run == one.rounds_run
    assert (paths, report) == (paths_one, report_one)
    # Sweeps every 6 ticks (a large run sweeps daily): spans run between them, and end before each.
    one, report_one, paths_one = _run(bp, contacts, script, span=1, check_every=6)
    many, report, paths = _run(bp, contacts, script, span=48, check_every=6)
    assert many.rounds_run < one.rounds_run
    assert (paths, report) == (paths_one, report_one)
    ends = [(p[0]["t"], next(s["t"] for s in p if s["type"] == "end")) for p in paths.values()
            if any(s["type"] == "end" and s["node"] == "w" for s in p)]  # (signed up, converted at the wait)
    assert len(ends) == 20
    assert any(end - start < 47 * HOUR for start, end in ends)  # by a sweep, before the wait ended
    assert any(end - start >= 48 * HOUR for start, end in ends)  # at the wait's end, no sweep between


def test_a_random_run_with_spans_has_the_tick_by_tick_outcome_in_distribution():
    """Unscripted, the draws come in another order: the same outcome, not the same draws
    (the 20,000-contact comparison with SimPy is test_seed_equivalence)."""
    from designer.runtime.dryrun.contacts import synthetic

    from benchmarks.journey20 import nurture_blueprint

    def converted(span: int, seed: int) -> int:
        sim = Simulation(nurture_blueprint(30), synthetic(4000), days=30, seed=seed, trace=[], span_ticks=span)
        return forecast(sim.run(), paths=False)["workflows"][0]["goal"]["converted"]

    one = [converted(1, seed) for seed in range(4)]
    many = [converted(48, seed) for seed in range(4)]
    assert one != many  # another order of draws, really
    spread = np.std(one + many) + 1
    assert abs(np.mean(one) - np.mean(many)) < 3 * spread


def test_buckets_take_everything_up_to_a_tick_with_its_tick_earliest_first():
    for coarse in (1, 24):
        b = Buckets(0.0, 3600.0, coarse)
        b.push(np.array([30, 2, 2, 50, 1]), np.array([10.0, 11, 12, 13, 14]))
        b.push(5, np.array([15.0]))
        taken = b.take(30)
        assert taken[:, 0].tolist() == [1, 2, 2, 5, 30]
        assert taken[:, 1].tolist() == [14.0, 11.0, 12.0, 15.0, 10.0]  # filing order within a tick
        assert b.take(30) is None
        assert b.next_tick() == 50
        assert b.pop(50)[:, 0].tolist() == [13.0]
