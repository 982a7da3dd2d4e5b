"""Edited workflows (new versions) and two engines racing on one database file."""

from __future__ import annotations

import threading

import pytest
from designer.runtime.clock import ManualClock
from designer.runtime.enrol import enrol
from designer.runtime.store import Store
from sqlalchemy.exc import IntegrityError

from designer.examples import example_blueprint
from designer.runtime.interpreter import compile_workflow
from tests.builders import node

from .conftest import DAY, T0, add_event, add_people, engine, passes, person, rows


def test_edited_workflow_moves_waiting_contacts_or_exits_them(store, clock):
    bp = example_blueprint()
    add_people(store, *(person(c) for c in ("early", "late", "opened")))
    first = engine(store, bp, clock)
    for c in ("late", "opened"):
        add_event(store, c, "signed_up", T0 + 1)
    clock.set(T0 + 2)
    first.tick()
    add_event(store, "early", "signed_up", T0 + 2 * DAY)
    clock.set(T0 + 2 * DAY + 10)
    first.tick()
    p = passes(store)
    assert (p["early"]["node_id"], p["late"]["node_id"], p["opened"]["node_id"]) == ("n3", "n7", "n7")
    old = p["early"]["version"]
    wake = p["early"]["wake_at"]

    wf = bp.workflows[0]  # edit: wait 3 days instead of 2, and turn the purchase wait into a plain delay
    wf.nodes[2] = node("n3", "wait.delay", amount=3, unit="days")
    wf.nodes[6] = node("n7", "wait.delay", amount=1, unit="days")
    wf.edges = [e for e in wf.edges if e.source != "n7"] + [type(wf.edges[0])(source="n7", source_port="next",
                                                                               target="n9")]
    wf.nodes = [n for n in wf.nodes if n.id != "n8"]
    second = engine(store, bp, clock)
    assert dict(second.migrated) == {"moved": 1, "exited": 2}
    p = passes(store)
    assert p["early"]["version"] != old and p["early"]["state"] == "active"
    assert p["early"]["wake_at"] == wake  # keeps the wake-up time it was given
    assert p["late"]["state"] == "exited"
    assert p["late"]["reason"].startswith("output 'timed_out' of 'Wait for first purchase' was removed in version ")
    history = rows(store, "SELECT what, detail FROM step WHERE contact_id = 'early' AND what = 'migrated'")
    assert history and history[0]["detail"].startswith("continues in version")
    clock.set(wake + 1)
    second.tick()
    assert passes(store)["early"]["node_id"] == "n7"  # carried on along the new version

    wf.nodes = [n for n in wf.nodes if n.id not in ("n7", "n9")]  # remove the step it waits in
    wf.edges = [e for e in wf.edges if not {"n7", "n9"} & {e.source, e.target}]
    wf.nodes.append(node("n10", "exit", reason="x"))
    wf.edges += [type(wf.edges[0])(source="n5", source_port="next", target="n10"),
                 type(wf.edges[0])(source="n6", source_port="next", target="n10")]
    engine(store, bp, clock)
    early = passes(store)["early"]
    assert early["state"] == "exited"
    assert early["reason"].startswith("step 'Wait for first purchase' was removed in version ")


def test_layout_changes_are_not_a_new_version():
    bp = example_blueprint()
    before = compile_workflow(bp, bp.workflows[0]).version
    bp.workflows[0].nodes[0].position.x += 100
    bp.workflows[0].nodes[0].title = "Renamed"
    assert compile_workflow(bp, bp.workflows[0]).version == before


def test_two_engines_on_one_file_enrol_each_contact_once(tmp_path):
    path = tmp_path / "race.db"
    stores = [Store(path, busy_timeout=10), Store(path, busy_timeout=10)]
    people = [person(f"p{i}") for i in range(40)]
    add_people(stores[0], *people)
    clock = ManualClock(T0)
    engines = [engine(s, example_blueprint(), clock) for s in stores]
    for p in people:
        add_event(stores[0], p["id"], "signed_up", T0 + 1)
    clock.set(T0 + 5)
    barrier = threading.Barrier(2)
    errors = []

    def work(eng):
        try:
            barrier.wait()
            for _ in range(3):
                eng.tick()
        except Exception as err:  # noqa: BLE001 - reported below
            errors.append(err)

    threads = [threading.Thread(target=work, args=(e,)) for e in engines]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    counts = rows(stores[0], "SELECT contact_id, count(*) AS n FROM enrolment GROUP BY contact_id")
    assert len(counts) == 40 and {c["n"] for c in counts} == {1}
    mails = rows(stores[0], "SELECT contact_id, count(*) AS n FROM outbox GROUP BY contact_id")
    assert {m["n"] for m in mails} == {1} and len(mails) == 40
    for s in stores:
        s.close()


def test_enrol_race_in_threads_and_the_unique_index_backstop(tmp_path):
    path = tmp_path / "race.db"
    stores = [Store(path, busy_timeout=10) for _ in range(4)]
    add_people(stores[0], person("x"))
    bp = example_blueprint()
    cw = compile_workflow(bp, bp.workflows[0])
    engine(stores[0], bp, ManualClock(T0))  # registers the workflow
    barrier = threading.Barrier(4)

    def work(s):
        barrier.wait()
        with s.write() as conn:
            enrol(conn, cw, "n1", ["x"], T0, "race")

    threads = [threading.Thread(target=work, args=(s,)) for s in stores]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert rows(stores[0], "SELECT count(*) AS n FROM enrolment")[0]["n"] == 1
    # even a writer that skipped the check cannot add a second active pass
    with pytest.raises(IntegrityError), stores[0].engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO enrolment (workflow_id, version, contact_id, seq, node_id, state, entered_at) "
            "VALUES ('welcome', 'v', 'x', 2, 'n1', 'active', 0)")
    for s in stores:
        s.close()
