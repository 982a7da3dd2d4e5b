"""The built-in example blueprint: a welcome journey (``journey new``, the app's sample)."""

from __future__ import annotations

from designer.blueprint import Blueprint, Edge, Node, Position, Workflow


def _node(node_id: str, kind: str, x: float, y: float, title: str = "", **settings) -> Node:
    return Node(id=node_id, kind=kind, title=title, position=Position(x=x, y=y), settings=settings)


def welcome_workflow(workflow_id: str = "welcome") -> Workflow:
    nodes = [
        _node("n1", "trigger.event", 0, 0, "New sign-up", event="signed_up"),
        _node("n2", "send.email", 280, 0, "Welcome email",
              subject="Welcome to {{brand}}, {{first_name | default(\"friend\")}}!",
              body="Hi {{first_name | default(\"there\")}},\n\nThanks for joining {{brand}}. "
                   "Here is what to expect from us."),
        _node("n3", "wait.delay", 560, 0, "Wait 2 days", amount=2, unit="days"),
        _node("n4", "branch.condition", 840, 0, "Opened the welcome email?",
              condition='events("email_opened", 3) > 0'),
        _node("n5", "send.email", 1120, -140, "First-order offer",
              subject="{{first_name | default(\"Friend\")}}, 10% off your first order",
              body="Use code WELCOME10 at checkout within 14 days."),
        _node("n6", "send.sms", 1120, 140, "SMS reminder",
              text="{{brand}}: hi {{first_name}}, your welcome gift is waiting. Reply STOP to opt out."),
        _node("n7", "wait.event", 1400, 0, "Wait for first purchase",
              event="purchased", timeout_amount=7, timeout_unit="days"),
        _node("n8", "goal", 1680, -100, "First purchase", label="First purchase"),
        _node("n9", "exit", 1680, 100, "No purchase yet", reason="No purchase within 7 days"),
    ]
    wires = [
        ("n1", "next", "n2"), ("n2", "next", "n3"), ("n3", "next", "n4"),
        ("n4", "yes", "n5"), ("n4", "no", "n6"), ("n5", "next", "n7"), ("n6", "next", "n7"),
        ("n7", "happened", "n8"), ("n7", "timed_out", "n9"),
    ]
    return Workflow(
        id=workflow_id,
        name="Welcome journey",
        description="Welcome new sign-ups, nudge those who did not open, and convert them to a first purchase.",
        from_stage="prospect",
        to_stage="customer",
        # The Goal step is the goal: a workflow goal on "purchased" would convert
        # contacts at the wait for that same event, and the step would never be reached.
        goal=None,
        nodes=nodes,
        edges=[Edge(source=s, source_port=p, target=t) for s, p, t in wires],
    )


def example_blueprint() -> Blueprint:
    return Blueprint(
        name="Acme Coffee lifecycle programme",
        description="Example blueprint: a welcome journey from sign-up to first purchase.",
        variables={"brand": "Acme Coffee"},
        workflows=[welcome_workflow()],
    )
