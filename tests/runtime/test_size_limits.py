"""One set of size limits (designer/limits.py): a message the real send cannot
write is an error in the validator and suppressed in the dry-run, as in a real run."""

from __future__ import annotations

import pytest
from designer.runtime.contacts import add_to_list

from designer.runtime.interpreter import JourneyInvalid
from designer.simulation_model import ChannelRates, SimulationModel
from designer.validation import validate
from tests.builders import blueprint, node, workflow
from tests.dryrun.helpers import message, people, simulate

from .conftest import T0, add_people, engine, person, rows

HUGE = "x" * 2_000_000


def _journey(subject: str, **variables):
    wf = workflow([node("t", "trigger.manual", list_name="vip"),
                   node("e", "send.email", subject=subject, sender_name="Acme", body="Hello"),
                   node("x", "exit", reason="done")], [("t", "next", "e"), ("e", "next", "x")], goal=None)
    wf.settings.quiet_hours = None
    return blueprint(wf, variables=variables,
                     simulation=SimulationModel(channels={"email": ChannelRates(delivery_rate=1, open_rate=0)}))


def _real_run(store, clock, bp, *people_):
    add_people(store, *people_)
    with store.write() as conn:
        add_to_list(conn, "vip", [p["id"] for p in people_], T0)
    eng = engine(store, bp, clock)
    clock.set(T0 + 60)
    eng.tick()
    return {r["contact_id"]: r["state"] for r in rows(store, "SELECT contact_id, state FROM outbox")}


def test_a_variable_too_large_to_send_is_an_error_everywhere(store, clock):
    bp = _journey("{{brand}} news", brand=HUGE)
    problems = [p for p in validate(bp) if p.code == "message-too-large"]
    assert [(p.severity, p.field, p.node_ids) for p in problems] == [("error", "subject", ("e",))]
    with pytest.raises(JourneyInvalid):
        simulate(bp, people(4), days=2)
    with pytest.raises(JourneyInvalid):
        _real_run(store, clock, bp, person("a"))


def test_dry_run_suppresses_the_contacts_the_real_send_suppresses(store, clock):
    bp = _journey("News for {{note}}")
    assert not [p for p in validate(bp) if p.severity == "error"]
    contacts = people(40)
    for c in contacts[:25]:
        c["attributes"]["note"] = HUGE
    _, report = simulate(bp, contacts, days=2)
    m = message(report, "e")
    assert (m["delivered"], m["message_too_large"]) == (15, 25)
    states = _real_run(store, clock, bp, person("big", attributes={"note": HUGE}), person("small"))
    assert states == {"big": "suppressed", "small": "sandboxed"}  # no connector configured
