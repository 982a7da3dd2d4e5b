"""The durable engine on the example welcome journey and small workflows."""

from __future__ import annotations

from designer.runtime.report import status, trace, trace_text

from designer.blueprint import JourneySettings, ReEntry
from designer.examples import example_blueprint
from tests.builders import blueprint, node, workflow

from .conftest import DAY, T0, add_event, add_people, engine, passes, person, rows


def test_welcome_journey_end_to_end(store, clock):
    add_people(store, person("a"), person("b", consent={"email": True, "sms": True}))
    eng = engine(store, example_blueprint(), clock)
    add_event(store, "a", "signed_up", T0 + 1)
    add_event(store, "b", "signed_up", T0 + 1)
    clock.set(T0 + 2)
    eng.tick()
    p = passes(store)
    assert {c: (r["node_id"], r["state"]) for c, r in p.items()} == {"a": ("n3", "active"), "b": ("n3", "active")}
    assert p["a"]["wake_at"] == T0 + 2 + 2 * DAY  # absolute wake-up time
    add_event(store, "a", "email_opened", T0 + 3600)
    clock.set(T0 + 2 * DAY + 10)
    eng.tick()
    p = passes(store)
    assert p["a"]["node_id"] == p["b"]["node_id"] == "n7"
    sent = {(r["contact_id"], r["node_id"]) for r in rows(store, "SELECT * FROM outbox WHERE state = 'sandboxed'")}
    assert sent == {("a", "n2"), ("b", "n2"), ("a", "n5"), ("b", "n6")}  # opened -> offer email; not -> SMS
    add_event(store, "a", "purchased", clock.now() + 60, amount=30)
    clock.advance(120)
    eng.tick()
    a = passes(store)["a"]
    assert (a["state"], a["node_id"], a["reason"]) == ("converted", "n8", "First purchase")  # the Goal step
    clock.advance(7 * DAY)
    eng.tick()
    b = passes(store)["b"]
    assert (b["state"], b["node_id"], b["reason"]) == ("exited", "n9", "No purchase within 7 days")
    nodes = {n["node"]: n for n in status(store)["workflows"][0]["nodes"]}
    assert nodes["n1"]["entered"] == 2 and nodes["n4"]["passed"] == 2
    assert nodes["n5"]["entered"] == 1 and nodes["n6"]["entered"] == 1
    assert nodes["n8"]["converted"] == 1 and nodes["n9"]["exited"] == 1
    text = trace_text(trace(store, "b"))
    assert "Opened the welcome email?" in text and "exited: No purchase within 7 days" in text


def _wait_flow(**fields):
    nodes = [node("t", "trigger.manual", list_name="vip"),
             node("w", "wait.event", event="purchased", filter="props.amount > 100", timeout_amount=1, timeout_unit="days"),
             node("yes", "exit", reason="bought"), node("no", "exit", reason="timed out")]
    fields.setdefault("goal", None)
    return blueprint(workflow(nodes, [("t", "next", "w"), ("w", "happened", "yes"), ("w", "timed_out", "no")], **fields))


def _list(store, *ids, at=T0):
    from designer.runtime.contacts import add_to_list

    with store.write() as conn:
        add_to_list(conn, "vip", ids, at)


def test_wait_for_event_wakes_on_event_or_timeout_whichever_first(store, clock):
    add_people(store, *(person(c) for c in "xyzw"))
    eng = engine(store, _wait_flow(), clock)
    _list(store, "x", "y", "z", "w")
    eng.tick()
    add_event(store, "x", "purchased", T0 + 60, amount=50)  # filtered out
    add_event(store, "x", "purchased", T0 + 7200, amount=150)
    clock.set(T0 + 3 * 3600)
    eng.tick()
    assert passes(store)["x"]["reason"] == "bought"
    assert passes(store)["y"]["state"] == "active"
    add_event(store, "w", "purchased", T0 + 23 * 3600, amount=500)  # before the timeout, seen late
    add_event(store, "z", "purchased", T0 + DAY + 3600, amount=500)  # after the timeout
    clock.set(T0 + 2 * DAY)
    eng.tick()
    p = passes(store)
    assert (p["w"]["reason"], p["z"]["reason"], p["y"]["reason"]) == ("bought", "timed out", "timed out")
    steps = rows(store, "SELECT port, detail FROM step WHERE node_id = 'w' AND what = 'passed' AND contact_id = 'w'")
    assert steps == [{"port": "happened", "detail": "event purchased"}]


def test_goal_event_only_counts_within_window(store, clock):
    bp = _wait_flow()
    wf = bp.workflows[0]
    from designer.blueprint import Goal

    wf.goal = Goal(event="signed_up", window_days=1)
    wf.nodes[1].settings["timeout_amount"] = 5
    add_people(store, person("in"), person("late"))
    eng = engine(store, bp, clock)
    _list(store, "in", "late")
    eng.tick()
    add_event(store, "in", "signed_up", T0 + 3600)
    add_event(store, "late", "signed_up", T0 + 2 * DAY)
    clock.set(T0 + 3 * DAY)
    eng.tick()
    p = passes(store)
    assert p["in"]["state"] == "converted" and p["late"]["state"] == "active"


def test_goal_condition_converts_at_any_point(store, clock):
    nodes = [node("t", "trigger.manual", list_name="vip"), node("w", "wait.delay", amount=3, unit="days"),
             node("tag", "data.tag", action="add", tag="customer"), node("x", "exit", reason="done")]
    from designer.blueprint import Goal

    bp = blueprint(workflow(nodes, [("t", "next", "w"), ("w", "next", "tag"), ("tag", "next", "x")],
                            goal=Goal(event=None, condition='has_tag("customer")', window_days=30)))
    add_people(store, person("early"), person("journey"))
    eng = engine(store, bp, clock)
    _list(store, "early", "journey")
    eng.tick()
    add_people(store, {"id": "early", "tags": ["customer"]}, now=T0 + 60)  # e.g. a CRM import
    clock.set(T0 + 120)
    eng.tick()
    assert passes(store)["early"]["state"] == "converted"
    assert passes(store)["early"]["node_id"] == "w"
    clock.set(T0 + 4 * DAY)
    eng.tick()
    j = passes(store)["journey"]
    assert j["state"] == "converted"  # its own tag step met the goal: it converts, not 'done'


def _reentry_bp(mode: str, days: int = 2):
    nodes = [node("t", "trigger.event", event="visited_site"), node("w", "wait.delay", amount=1, unit="hours"),
             node("x", "exit", reason="done")]
    return blueprint(workflow(nodes, [("t", "next", "w"), ("w", "next", "x")],
                              settings=JourneySettings(re_entry=ReEntry(mode=mode, days=days)), goal=None))


def _visits(store, eng, clock, times):
    for at in times:
        add_event(store, "a", "visited_site", at)
        clock.set(at + 1)
        eng.tick()
    return [r["seq"] for r in rows(store, "SELECT seq FROM enrolment WHERE contact_id = 'a' ORDER BY seq")]


def test_reentry_once(store, clock):
    add_people(store, person("a"))
    eng = engine(store, _reentry_bp("once"), clock)
    assert _visits(store, eng, clock, [T0 + 10, T0 + 1800, T0 + DAY, T0 + 9 * DAY]) == [1]


def test_reentry_after_days(store, clock):
    add_people(store, person("a"))
    eng = engine(store, _reentry_bp("after", 2), clock)
    assert _visits(store, eng, clock, [T0 + 10, T0 + DAY, T0 + 3 * DAY]) == [1, 2]


def test_reentry_always_but_never_twice_at_once(store, clock):
    add_people(store, person("a"))
    eng = engine(store, _reentry_bp("always"), clock)
    # the second visit comes while the first pass still waits: not enrolled twice at once
    assert _visits(store, eng, clock, [T0 + 10, T0 + 600, T0 + DAY, T0 + 2 * DAY]) == [1, 2, 3]


def test_history_before_first_run_does_not_enrol(store, clock):
    add_people(store, person("a"))
    add_event(store, "a", "visited_site", T0 - DAY)  # imported history
    eng = engine(store, _reentry_bp("always"), clock)
    eng.tick()
    assert rows(store, "SELECT * FROM enrolment") == []


def test_data_updates_and_stage_are_saved(store, clock):
    nodes = [node("t", "trigger.manual", list_name="vip"), node("s", "stage", stage="customer"),
             node("g", "data.tag", action="add", tag="vip"), node("r", "data.score", delta=15),
             node("at", "data.attribute", attribute="segment", value="{{city}}-vip"), node("x", "exit", reason="ok")]
    bp = blueprint(workflow(nodes, [("t", "next", "s"), ("s", "next", "g"), ("g", "next", "r"), ("r", "next", "at"),
                                    ("at", "next", "x")], goal=None))
    add_people(store, person("a"))
    eng = engine(store, bp, clock)
    _list(store, "a")
    eng.tick()
    c = rows(store, "SELECT * FROM contact WHERE id = 'a'")[0]
    assert (c["stage"], c["score"], c["tags"]) == ("customer", 25, '["vip"]')
    assert '"segment":"London-vip"' in c["attributes"]


def test_segment_schedule_and_date_triggers(store, clock):
    seg = workflow([node("t", "trigger.segment", condition="score >= 50"), node("x", "exit", reason="seg")],
                   [("t", "next", "x")], id="seg", goal=None)
    sched = workflow([node("t", "trigger.schedule", mode="daily", time="12:00", audience='city == "London"'),
                      node("x", "exit", reason="sched")], [("t", "next", "x")], id="sched", goal=None,
                     settings=JourneySettings(re_entry=ReEntry(mode="always")))
    bday = workflow([node("t", "trigger.schedule", mode="date_attribute", attribute="birthday", time="09:00"),
                     node("x", "exit", reason="bday")], [("t", "next", "x")], id="bday", goal=None)
    add_people(store, person("hi", score=60, attributes={"city": "London", "birthday": "1990-03-04"}),
               person("lo", score=5, attributes={"city": "Paris", "birthday": "1990-07-01"}, timezone="Asia/Shanghai"))
    eng = engine(store, blueprint(seg, sched, bday), clock)
    eng.tick()
    assert set(passes(store, "seg")) == {"hi"}
    add_people(store, {"id": "lo", "score": 70}, now=T0 + 60)
    clock.set(T0 + 3 * 3600)  # 13:00: the 12:00 schedule fired
    eng.tick()
    assert set(passes(store, "seg")) == {"hi", "lo"}
    assert set(passes(store, "sched")) == {"hi"}
    clock.set(T0 + DAY)  # Tue 4 March 10:00 UTC: 09:00 London has passed
    eng.tick()
    assert set(passes(store, "bday")) == {"hi"}
    clock.set(T0 + DAY + 3 * 3600)  # the next day's 12:00
    eng.tick()
    assert rows(store, "SELECT count(*) AS n FROM enrolment WHERE workflow_id = 'sched'")[0]["n"] == 2


def test_the_claim_reads_only_due_passes_along_the_wake_up_index(store, clock):
    """With many passes waiting, a batch's claim must not read and sort them all (SQLite without
    ANALYZE chose the (workflow, state) index and sorted every active pass, each batch). It takes
    the earliest due passes of the current version only, in wake-up order."""
    from designer.runtime.durable import dialect
    from designer.runtime.durable.due import _claim_sql

    bp = blueprint(workflow([node("t", "trigger.event", event="go"), node("w", "wait.delay", amount=1, unit="days"),
                             node("x", "exit", reason="done")], [("t", "next", "w"), ("w", "next", "x")], goal=None))
    add_people(store, *(person(f"p{i}") for i in range(6)))
    eng = engine(store, bp, clock)
    for i in range(6):  # one enters each second: wake-ups a second apart
        add_event(store, f"p{i}", "go", T0 + i)
        clock.set(T0 + i + 1)
        eng.tick()
    version = eng.cws["wf"].version
    with store.read() as conn:
        sql = _claim_sql(conn, 1, 4)
        if not store.server:
            plan = " ".join(str(r[-1]) for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql, (0.0, "wf", version)))
            assert "ix_enrolment_wake" in plan and "TEMP B-TREE" not in plan
        wakes = {r["contact_id"]: r["wake_at"] for r in rows(store, "SELECT contact_id, wake_at FROM enrolment")}
        at = T0 + DAY + 3.5
        due = dialect.fetch_dicts(conn, sql, [at, "wf", version])
        assert [r["wake_at"] for r in due] == sorted(w for w in wakes.values() if w <= at)  # due by then, earliest first
        assert 0 < len(due) < 6 and {r["contact_id"] for r in due} == {c for c, w in wakes.items() if w <= at}
        first = dialect.fetch_dicts(conn, _claim_sql(conn, 1, 2), [at, "wf", version])
        assert [r["wake_at"] for r in first] == sorted(wakes.values())[:2]  # the limit takes the earliest
        assert dialect.fetch_dicts(conn, sql, [at, "wf", "another version"]) == []
