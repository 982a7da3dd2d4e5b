"""The done-when case: 1,000 contacts, a 50/50 split, 100% open rate -> exact counts."""

from __future__ import annotations

import json

from designer.simulation_model import ChannelRates, Delay, EventModel, SimulationModel
from tests.builders import blueprint, node, workflow

from .helpers import message, people, simulate
from .helpers import node as node_of

SURE = {"delivery_rate": 1, "open_rate": 1, "click_rate": 0, "unsubscribe_rate": 0,
        "open_delay": Delay(distribution="fixed", hours=1)}


def _model(**events) -> SimulationModel:
    return SimulationModel(
        channels={"email": ChannelRates(**SURE), "sms": ChannelRates(**SURE),
                  "push": ChannelRates(**{**SURE, "open_rate": 0})},
        events=events,
    )


def _journey(split):
    """Email everyone; a day later openers are split 50/50: SMS (a) or push (b); a day
    after that, SMS openers reach the goal and everyone else exits."""
    nodes = [
        node("n1", "trigger.manual"),
        node("n2", "send.email", subject="Hello"),
        node("n3", "wait.delay", amount=1, unit="days"),
        node("n4", "branch.condition", condition='events("email_opened", 2) > 0'),
        split,
        node("n6", "send.sms", text="Hi"),
        node("n7", "send.push", title="Hi"),
        node("n8", "data.tag", tag="pushed"),
        node("n10", "wait.delay", amount=1, unit="days"),
        node("n11", "branch.condition", condition='events("sms_opened", 2) > 0'),
        node("n12", "goal", label="Read the SMS"),
        node("n13", "exit", reason="Did not read an SMS"),
        node("n9", "exit", reason="Did not open"),
    ]
    wires = [
        ("n1", "next", "n2"), ("n2", "next", "n3"), ("n3", "next", "n4"), ("n4", "yes", "n5"), ("n4", "no", "n9"),
        ("n5", "a", "n6"), ("n5", "b", "n7"), ("n6", "next", "n10"), ("n7", "next", "n8"), ("n8", "next", "n10"),
        ("n10", "next", "n11"), ("n11", "yes", "n12"), ("n11", "no", "n13"),
    ]
    if split.kind == "branch.attribute":
        wires.append(("n5", "other", "n9"))
    wf = workflow(nodes, wires, goal=None)
    wf.settings.quiet_hours = None
    wf.settings.frequency_cap = None
    return blueprint(wf, simulation=_model())


ATTRIBUTE_SPLIT = node("n5", "branch.attribute", attribute="group",
                       cases=[{"id": "a", "label": "A", "values": ["a"]}, {"id": "b", "label": "B", "values": ["b"]}])
RANDOM_SPLIT = node("n5", "branch.random")


def test_exact_counts_with_a_deterministic_50_50_split():
    _, r = simulate(_journey(ATTRIBUTE_SPLIT), people(1000), days=7, seed=3)
    assert node_of(r, "n1")["entered"] == 1000
    assert message(r, "n2")["delivered"] == 1000 and message(r, "n2")["opened"] == 1000
    assert node_of(r, "n4")["passed"] == {"yes": 1000}
    assert node_of(r, "n5")["passed"] == {"a": 500, "b": 500}
    sms, push = message(r, "n6"), message(r, "n7")
    assert (sms["delivered"], sms["opened"]) == (500, 500)
    assert (push["delivered"], push["opened"]) == (500, 0)
    assert node_of(r, "n10")["entered"] == 1000
    assert node_of(r, "n11")["passed"] == {"no": 500, "yes": 500}
    assert node_of(r, "n12")["converted"] == 500 and node_of(r, "n13")["exited"] == 500
    wf = r["workflows"][0]
    assert wf["goal"]["converted"] == 500 and wf["goal"]["rate"] == 0.5
    assert wf["goal"]["time_to_goal_hours"] == {"median": 48.0, "p90": 48.0}
    assert wf["active_at_end"] == 0
    flows = {(e["source"], e["port"]): e["flow"] for e in wf["edges"]}
    assert flows[("n5", "a")] == flows[("n5", "b")] == 500 and flows[("n5", "other")] == 0
    # Per channel per day: everyone's email on day 0, then SMS and push on day 1.
    assert r["channels"]["email"]["per_day"][:3] == [1000, 0, 0]
    assert r["channels"]["sms"]["per_day"][:3] == [0, 500, 0]
    assert r["channels"]["push"]["per_day"][:3] == [0, 500, 0]
    # Seven days are one week, in which everyone got two messages.
    assert r["pressure"]["messages_per_contact_week"] == {"2": 1000}
    assert r["pressure"]["max_in_a_week"] == 2
    assert r["programme"]["messages"]["delivered"] == 2000
    assert r["programme"]["open_rate"] == 0.75  # 1,000 email + 500 SMS opens of 2,000


def test_random_split_conserves_every_contact():
    _, r = simulate(_journey(RANDOM_SPLIT), people(1000), days=7, seed=3)
    a, b = node_of(r, "n5")["passed"]["a"], node_of(r, "n5")["passed"]["b"]
    assert a + b == 1000 and 430 < a < 570  # binomial(1000, 0.5): far outside 4 sigma otherwise
    assert message(r, "n6")["opened"] == a and message(r, "n7")["delivered"] == b
    assert r["workflows"][0]["goal"]["converted"] == a


def test_same_seed_gives_identical_json_and_other_seeds_differ():
    bp = _journey(RANDOM_SPLIT)
    first = json.dumps(simulate(bp, people(300), days=5, seed=11)[1], sort_keys=True)
    again = json.dumps(simulate(bp, people(300), days=5, seed=11)[1], sort_keys=True)
    other = json.dumps(simulate(bp, people(300), days=5, seed=12)[1], sort_keys=True)
    assert first == again
    assert first != other


def test_experiment_lift_against_holdout_uses_the_opener_boost():
    nodes = [
        node("t", "trigger.manual"),
        node("x", "branch.experiment", holdout_percent=20,
             variants=[{"id": "mail", "label": "Mail", "weight": 100}]),
        node("e", "send.email"),
        node("w", "wait.event", event="purchased", timeout_amount=10, timeout_unit="days"),
        node("g", "goal"),
        node("q", "exit"),
    ]
    wires = [("t", "next", "x"), ("x", "mail", "e"), ("x", "holdout", "w"), ("e", "next", "w"),
             ("w", "happened", "g"), ("w", "timed_out", "q")]
    wf = workflow(nodes, wires)
    wf.settings.quiet_hours = None
    model = _model(purchased=EventModel(probability=0.1, if_opened=6, delay=Delay(distribution="fixed", hours=24)))
    _, r = simulate(blueprint(wf, simulation=model), people(2000), days=14, seed=5)
    branch = next(b for b in r["workflows"][0]["branches"] if b["node"] == "x")
    holdout, mail = branch["ports"]["holdout"], branch["ports"]["mail"]
    assert holdout["contacts"] + mail["contacts"] == 2000
    assert 0.05 < holdout["rate"] < 0.16 and 0.52 < mail["rate"] < 0.68  # 10% vs 60%
    lift = branch["lift_vs_holdout"]["mail"]["absolute"]
    assert abs(lift - (mail["rate"] - holdout["rate"])) < 1e-6 and lift > 0.35
