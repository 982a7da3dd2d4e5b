"""Exit criteria on the durable engine: a contact meeting them at any point leaves, recorded."""

from __future__ import annotations

import json

from designer.runtime.report import status, trace, trace_text

from designer.blueprint import ExitCriteria, Goal
from designer.cli import main
from designer.runtime.interpreter import compile_workflow, to_data_workflow
from tests.builders import blueprint, node, workflow

from .conftest import DAY, T0, add_event, add_people, engine, passes, person, rows

REFUND = "exit criteria: refund_requested"
DNC = 'exit criteria: has_tag("do_not_contact")'


def _bp(**fields):
    nodes = [node("t", "trigger.manual", list_name="vip"), node("w", "wait.delay", amount=2, unit="days"),
             node("e", "send.email", subject="Offer"), node("w2", "wait.delay", amount=2, unit="days"),
             node("x", "exit", reason="done")]
    fields.setdefault("goal", Goal(event="purchased", window_days=30))
    fields.setdefault("exit_criteria", ExitCriteria(event="refund_requested", condition='has_tag("do_not_contact")'))
    return blueprint(workflow(nodes, [("t", "next", "w"), ("w", "next", "e"), ("e", "next", "w2"), ("w2", "next", "x")],
                              **fields))


def _list(store, *ids, at=T0):
    from designer.runtime.contacts import add_to_list

    with store.write() as conn:
        add_to_list(conn, "vip", ids, at)


def _run_to(eng, clock, moment):
    clock.set(moment)
    eng.tick()


def test_exit_event_and_condition_take_contacts_out_wherever_they_are(store, clock, capsys):
    people = ["before", "refund", "both", "crm", "tagged", "late", "plain"]
    add_people(store, *(person(c) for c in people if c != "tagged"), person("tagged", tags=["do_not_contact"]))
    add_event(store, "before", "refund_requested", T0 - 3600)  # before entry: does not count
    eng = engine(store, _bp(), clock)
    _list(store, *people)
    eng.tick()
    p = passes(store)
    assert (p["tagged"]["state"], p["tagged"]["node_id"], p["tagged"]["reason"]) == ("exited", "t", DNC)
    assert {c: p[c]["node_id"] for c in people if c != "tagged"} == dict.fromkeys(set(people) - {"tagged"}, "w")

    add_event(store, "refund", "refund_requested", T0 + DAY)
    add_event(store, "both", "purchased", T0 + DAY)  # goal and exit at once: the goal wins
    add_event(store, "both", "refund_requested", T0 + DAY)
    add_people(store, {"id": "crm", "tags": ["do_not_contact"]}, now=T0 + DAY)  # e.g. a CRM import
    _run_to(eng, clock, T0 + DAY + 60)
    p = passes(store)
    assert (p["refund"]["state"], p["refund"]["node_id"], p["refund"]["reason"]) == ("exited", "w", REFUND)
    assert (p["both"]["state"], p["both"]["reason"]) == ("converted", "goal reached: purchased")
    assert (p["crm"]["state"], p["crm"]["node_id"], p["crm"]["reason"]) == ("exited", "w", DNC)
    assert all(p[c]["state"] == "active" for c in ("before", "late", "plain"))

    _run_to(eng, clock, T0 + 2 * DAY + 60)  # the offer goes to those still in
    add_event(store, "late", "refund_requested", T0 + 3 * DAY)
    _run_to(eng, clock, T0 + 3 * DAY + 60)
    _run_to(eng, clock, T0 + 5 * DAY)
    p = passes(store)
    assert (p["late"]["state"], p["late"]["node_id"], p["late"]["reason"]) == ("exited", "w2", REFUND)
    assert (p["before"]["reason"], p["plain"]["reason"]) == ("done", "done")
    offers = sorted(r["contact_id"] for r in rows(store, "SELECT contact_id FROM outbox WHERE node_id = 'e'"))
    assert offers == ["before", "late", "plain"]  # nobody who left was sent it, nobody twice

    # The story, as `journey status` and `journey trace` tell it.
    wf = status(store)["workflows"][0]
    nodes = {n["node"]: n for n in wf["nodes"]}
    assert (nodes["t"]["exited"], nodes["w"]["exited"], nodes["w2"]["exited"], nodes["x"]["exited"]) == (1, 2, 1, 2)
    assert nodes["w"]["converted"] == 1
    assert (wf["converted"], wf["exited"], wf["active"]) == (1, 6, 0)
    assert f"exited: {REFUND}" in trace_text(trace(store, "refund"))
    assert main(["status", "--db", str(store.path), "--json"]) == 0
    cli = json.loads(capsys.readouterr().out)["workflows"][0]
    assert cli["exited"] == 6 and {n["node"]: n["exited"] for n in cli["nodes"]}["w"] == 2
    assert main(["trace", "crm", "--db", str(store.path)]) == 0
    out = capsys.readouterr().out
    assert f"wf pass 1: exited: {DNC}" in out
    assert out.rstrip().splitlines()[-1].endswith(f"exited: {DNC}")  # the last step of its path says why


def test_the_journey_own_update_can_meet_the_exit_condition(store, clock):
    nodes = [node("t", "trigger.manual", list_name="vip"), node("c", "branch.condition", condition="score > 50"),
             node("tag", "data.tag", action="add", tag="do_not_contact"),
             node("w", "wait.delay", amount=1, unit="days"),
             node("x", "exit", reason="done")]
    wires = [("t", "next", "c"), ("c", "yes", "tag"), ("c", "no", "w"), ("tag", "next", "w"), ("w", "next", "x")]
    leave = ExitCriteria(event=None, condition='has_tag("do_not_contact")')
    bp = blueprint(workflow(nodes, wires, goal=None, exit_criteria=leave))
    add_people(store, person("hi", score=80), person("lo", score=10))
    eng = engine(store, bp, clock)
    _list(store, "hi", "lo")
    eng.tick()
    p = passes(store)
    assert (p["hi"]["state"], p["hi"]["node_id"], p["hi"]["reason"]) == ("exited", "w", DNC)  # where it stopped
    assert p["lo"]["state"] == "active"
    steps = rows(store, "SELECT node_id, what, detail FROM step WHERE contact_id = 'hi' ORDER BY id")
    assert steps[-1] == {"node_id": "w", "what": "exited", "detail": DNC}
    assert not any(s["what"] == "waiting" for s in steps)  # it never waits there


def test_exit_criteria_are_part_of_the_version_and_absent_ones_change_nothing():
    bp = _bp(exit_criteria=None)
    wf = bp.workflows[0]
    assert "exit_criteria" not in to_data_workflow(wf)  # workflows saved before the field keep their version
    before = compile_workflow(bp, wf).version
    wf.exit_criteria = ExitCriteria(event="refund_requested")
    with_exit = compile_workflow(bp, wf)
    assert with_exit.version != before and with_exit.exit_event == "refund_requested"
    assert with_exit.exit_condition is None
    wf.exit_criteria = ExitCriteria(event=None, condition='has_tag("vip")')
    assert compile_workflow(bp, wf).exit_condition.text == 'has_tag("vip")'
    wf.exit_criteria = None
    assert compile_workflow(bp, wf).version == before
