"""The built-in example blueprint: a welcome journey (``journey new``, the app's sample).

Its texts are in the catalogue (``N_``) and made in the current language, so a
Chinese reader's sample reads in Chinese; ids, events and conditions stay as they are.
"""

from __future__ import annotations

from designer.blueprint import Blueprint, Edge, Node, Position, Workflow
from designer.i18n import N_, translate


def _node(node_id: str, kind: str, x: float, y: float, title: str = "", **settings) -> Node:
    texts = {k: translate(v) if k in _TEXT_SETTINGS else v for k, v in settings.items()}
    return Node(id=node_id, kind=kind, title=translate(title), position=Position(x=x, y=y), settings=texts)


_TEXT_SETTINGS = ("subject", "body", "text", "label", "reason")


def welcome_workflow(workflow_id: str = "welcome") -> Workflow:
    nodes = [
        _node("n1", "trigger.event", 0, 0, N_("New sign-up"), event="signed_up"),
        _node("n2", "send.email", 280, 0, N_("Welcome email"),
              subject=N_("Welcome to {{brand}}, {{first_name | default(\"friend\")}}!"),
              body=N_("Hi {{first_name | default(\"there\")}},\n\nThanks for joining {{brand}}. "
                      "Here is what to expect from us.")),
        _node("n3", "wait.delay", 560, 0, N_("Wait 2 days"), amount=2, unit="days"),
        _node("n4", "branch.condition", 840, 0, N_("Opened the welcome email?"),
              condition='events("email_opened", 3) > 0'),
        _node("n5", "send.email", 1120, -140, N_("First-order offer"),
              subject=N_("{{first_name | default(\"Friend\")}}, your first-order discount: 10%"),
              body=N_("Use code WELCOME10 at checkout within 14 days.")),
        _node("n6", "send.sms", 1120, 140, N_("SMS reminder"),
              text=N_("{{brand}}: hi {{first_name}}, your welcome gift is waiting. Reply STOP to opt out.")),
        _node("n7", "wait.event", 1400, 0, N_("Wait for first purchase"),
              event="purchased", timeout_amount=7, timeout_unit="days"),
        _node("n8", "goal", 1680, -100, N_("First purchase"), label=N_("First purchase")),
        _node("n9", "exit", 1680, 100, N_("No purchase yet"), reason=N_("No purchase within 7 days")),
    ]
    wires = [
        ("n1", "next", "n2"), ("n2", "next", "n3"), ("n3", "next", "n4"),
        ("n4", "yes", "n5"), ("n4", "no", "n6"), ("n5", "next", "n7"), ("n6", "next", "n7"),
        ("n7", "happened", "n8"), ("n7", "timed_out", "n9"),
    ]
    return Workflow(
        id=workflow_id,
        name=translate(N_("Welcome journey")),
        description=translate(N_("Welcome new sign-ups, nudge those who did not open, and convert them to a first purchase.")),
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
        name=translate(N_("Acme Coffee lifecycle programme")),
        description=translate(N_("Example blueprint: a welcome journey from sign-up to first purchase.")),
        variables={"brand": translate(N_("Acme Coffee"))},
        workflows=[welcome_workflow()],
    )
