"""The 20-step nurture journey the dry-run benchmarks use (also handy in tests)."""

from __future__ import annotations

from designer.blueprint import Blueprint, Edge, Goal, Node, Workflow
from designer.simulation_model import ChannelRates, Delay, EventModel, SimulationModel


def _n(node_id: str, kind: str, **settings) -> Node:
    return Node(id=node_id, kind=kind, settings=settings)


def nurture_workflow() -> Workflow:
    nodes = [
        _n("t", "trigger.event", event="signed_up"),
        _n("s1", "stage", stage="prospect"),
        _n("e1", "send.email", subject="Welcome"),
        _n("w1", "wait.delay", amount=1, unit="days"),
        _n("c1", "branch.condition", condition='events("email_opened", 2) > 0'),
        _n("tag", "data.tag", tag="engaged"),
        _n("e2", "send.email", subject="Your offer"),
        _n("sms", "send.sms", text="Hi {{first_name}}"),
        _n("we", "wait.event", event="purchased", timeout_amount=3, timeout_unit="days"),
        _n("sc", "data.score", delta=20),
        _n("s2", "stage", stage="customer"),
        _n("g1", "goal", label="Bought early"),
        _n("x", "branch.experiment", name="Channel test", holdout_percent=10,
           variants=[{"id": "push", "label": "Push", "weight": 50}, {"id": "wechat", "label": "WeChat", "weight": 50}]),
        _n("p", "send.push", title="Still thinking?"),
        _n("wc", "send.wechat", title="A gift for you"),
        _n("w2", "wait.delay", amount=2, unit="days"),
        _n("e3", "send.email", subject="Last chance"),
        _n("we2", "wait.event", event="purchased", timeout_amount=5, timeout_unit="days"),
        _n("g2", "goal", label="Bought after reminders"),
        _n("ex", "exit", reason="No purchase"),
    ]
    wires = [
        ("t", "next", "s1"), ("s1", "next", "e1"), ("e1", "next", "w1"), ("w1", "next", "c1"),
        ("c1", "yes", "tag"), ("tag", "next", "e2"), ("c1", "no", "sms"), ("e2", "next", "we"), ("sms", "next", "we"),
        ("we", "happened", "sc"), ("sc", "next", "s2"), ("s2", "next", "g1"), ("we", "timed_out", "x"),
        ("x", "push", "p"), ("x", "wechat", "wc"), ("x", "holdout", "w2"), ("p", "next", "w2"), ("wc", "next", "w2"),
        ("w2", "next", "e3"), ("e3", "next", "we2"), ("we2", "happened", "g2"), ("we2", "timed_out", "ex"),
    ]
    return Workflow(
        id="nurture", name="Nurture to first purchase", goal=Goal(event="purchased", window_days=30),
        nodes=nodes, edges=[Edge(source=s, source_port=p, target=t) for s, p, t in wires],
    )


def nurture_blueprint(days: int = 90) -> Blueprint:
    model = SimulationModel(
        days=days,
        arrival_days=30,
        channels={"email": ChannelRates(open_rate=0.3)},
        events={"purchased": EventModel(probability=0.15, delay=Delay(distribution="exponential", hours=120),
                                        if_opened=1.5, if_clicked=2.0)},
    )
    return Blueprint(name="Benchmark", variables={"brand": "Acme"}, simulation=model, workflows=[nurture_workflow()])
