"""How simulated contacts enter journeys: events, segments, schedules, dates, re-entry."""

from __future__ import annotations

from designer.blueprint import ReEntry
from designer.runtime.dryrun.simulator import ScriptedEvent
from designer.simulation_model import Delay, EventModel, SimulationModel
from tests.builders import blueprint, node, workflow

from .helpers import START, people, simulate
from .helpers import node as node_of


def _entry(trigger, wf_id="wf", then=None, **fields):
    nodes = [trigger, *(then or []), node("x", "exit")]
    chain = [n.id for n in nodes]
    wires = [(a, "next", b) for a, b in zip(chain, chain[1:])]
    wf = workflow(nodes, wires, id=wf_id, goal=None, **fields)
    wf.settings.quiet_hours = None
    return wf


def test_trigger_events_arrive_spread_over_the_arrival_period():
    wf = _entry(node("t", "trigger.event", event="joined"))
    model = SimulationModel(arrival_days=4)
    sim, r = simulate(blueprint(wf, simulation=model), people(400), days=10, seed=2)
    assert r["workflows"][0]["enrolled"] == 400
    times = [s["t"] for row in range(400) for s in sim.tracer.path(row) if s["type"] == "step"]
    assert min(times) < 86400 and 3 * 86400 < max(times) <= 4 * 86400  # uniform over four days


def test_modelled_event_probability_and_filter_on_its_properties():
    wf = _entry(node("t", "trigger.event", event="bought", filter="props.amount > 100"))
    events = {"bought": EventModel(probability=0.5, anchor="start", properties={"amount": 150},
                                   delay=Delay(distribution="uniform", min_hours=1, max_hours=48))}
    _, r = simulate(blueprint(wf, simulation=SimulationModel(events=events)), people(1000), days=5, seed=4)
    assert 430 < r["workflows"][0]["enrolled"] < 570
    events["bought"] = EventModel(probability=0.5, anchor="start", properties={"amount": 50})
    _, r = simulate(blueprint(wf, simulation=SimulationModel(events=events)), people(100), days=5, seed=4)
    assert r["workflows"][0]["enrolled"] == 0  # the filter keeps them out


def test_segment_trigger_enrols_contacts_when_they_start_matching():
    scorer = _entry(node("t", "trigger.manual"), "scorer",
                    then=[node("w", "wait.delay", amount=2, unit="days"), node("s", "data.score", delta=60)])
    hot = _entry(node("h", "trigger.segment", condition="score >= 50"), "hot")
    contacts = people(6)
    contacts[0]["score"] = 80  # matches from the start
    sim, r = simulate(blueprint(scorer, hot), contacts, days=5)
    assert r["workflows"][1]["enrolled"] == 6
    entered = {row: next(s["t"] for s in sim.tracer.path(row) if s.get("workflow") == "hot") for row in range(6)}
    # Triggers come after the due steps of a tick (runtime/tick.py, as in the durable engine),
    # so the others enter in the tick of their +60.
    assert entered[0] == 0 and all(entered[i] == 48 * 3600 for i in range(1, 6))


def test_schedule_trigger_fires_after_the_start_and_honours_re_entry():
    weekly = node("t", "trigger.schedule", mode="weekly", weekdays=["mon"], time="09:00", timezone="UTC")
    once = _entry(weekly, "once")
    again = _entry(weekly, "again")
    again.settings.re_entry = ReEntry(mode="always")
    _, r = simulate(blueprint(once, again), people(10), days=20)
    # Starts Monday 09:00: fires the next two Mondays (not at the start itself).
    assert node_of(r, "t", 0)["entered"] == 10
    assert node_of(r, "t", 1)["entered"] == 20


def test_date_attribute_trigger_enrols_on_each_contacts_date():
    contacts = people(3)
    contacts[0]["attributes"]["birthday"] = "1990-03-05"  # in the period
    contacts[1]["attributes"]["birthday"] = "1985-06-01"  # not
    wf = _entry(node("t", "trigger.schedule", mode="date_attribute", attribute="birthday", time="10:00"))
    sim, r = simulate(blueprint(wf), contacts, days=10)
    assert r["workflows"][0]["enrolled"] == 1
    assert sim.tracer.path(0)[0]["at"] == "2025-03-05T10:00:00Z"


def test_scripted_events_can_follow_a_step():
    nodes = [node("t", "trigger.manual"), node("e", "send.email"),
             node("w", "wait.event", event="email_clicked", timeout_amount=2, timeout_unit="days"),
             node("g", "goal"), node("x", "exit")]
    wf = workflow(nodes, [("t", "next", "e"), ("e", "next", "w"), ("w", "happened", "g"), ("w", "timed_out", "x")],
                  goal=None)
    wf.settings.quiet_hours = None
    script = [ScriptedEvent("p0000", "email_clicked", after=("wf", "e"), delay=5 * 3600)]
    sim, r = simulate(blueprint(wf), people(2), days=4, scripted=script)
    assert node_of(r, "w")["passed"] == {"happened": 1, "timed_out": 1}
    assert r["workflows"][0]["goal"]["time_to_goal_hours"]["median"] == 5.0
    assert START.timestamp() == sim.t0
