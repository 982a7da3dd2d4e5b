"""Send-time rules: consent and address, quiet hours per time zone, frequency caps and channel priority."""

from __future__ import annotations

from itertools import pairwise

from designer.runtime.report import trace, trace_text

from designer.blueprint import FrequencyCap, JourneySettings, QuietHours
from tests.builders import blueprint, node, workflow

from .conftest import DAY, T0, add_people, engine, passes, person, rows


def _flow(sends, wf_id="wf", **settings):
    nodes = [node("t", "trigger.manual", list_name="vip")] + sends + [node("x", "exit", reason="done")]
    ids = [n.id for n in nodes]
    return workflow(nodes, [(a, "next", b) for a, b in pairwise(ids)], id=wf_id, goal=None,
                    settings=JourneySettings(**settings))


def _enlist(store, *ids, at=T0):
    from designer.runtime.contacts import add_to_list

    with store.write() as conn:
        add_to_list(conn, "vip", ids, at)


def _outbox(store):
    return {(r["contact_id"], r["node_id"]): r for r in rows(store, "SELECT * FROM outbox")}


def test_missing_consent_or_address_suppresses_with_reason(store, clock):
    bp = blueprint(_flow([node("e", "send.email"), node("s", "send.sms")], quiet_hours=None))
    add_people(store, person("ok"), person("no_consent", consent={"email": False, "sms": True}),
               person("no_phone", phone=None), person("no_email", email=None, id="no_email"))
    eng = engine(store, bp, clock)
    _enlist(store, "ok", "no_consent", "no_phone", "no_email")
    eng.tick()
    box = _outbox(store)
    assert box[("ok", "e")]["state"] == box[("ok", "s")]["state"] == "sandboxed"
    assert (box[("no_consent", "e")]["state"], box[("no_consent", "e")]["last_error"]) == (
        "suppressed", "no consent for email")
    assert box[("no_phone", "s")]["last_error"] == "no phone number"
    assert box[("no_email", "e")]["last_error"] == "no email address"
    assert {r["state"] for r in passes(store).values()} == {"exited"}  # suppressed messages do not stop the journey
    assert "suppressed: no consent for email" in trace_text(trace(store, "no_consent"))


def test_quiet_hours_defer_in_each_contacts_time_zone(store, clock):
    bp = blueprint(_flow([node("k", "send.sales_task"), node("e", "send.email")],
                         quiet_hours=QuietHours(start="21:00", end="08:00")))
    add_people(store, person("london"), person("shanghai", timezone="Asia/Shanghai"),
               person("newyork", timezone="America/New_York"), person("sydney", timezone="Australia/Sydney"),
               person("nozone", timezone=None))
    eng = engine(store, bp, clock)
    _enlist(store, "london", "shanghai", "newyork", "sydney", "nozone")
    eng.tick()  # Monday 10:00 UTC
    box = _outbox(store)
    assert {c for c, n in box if n == "e"} == {"london", "shanghai", "nozone"}
    assert {c for c, n in box if n == "k"} == {"london", "shanghai", "newyork", "sydney", "nozone"}  # tasks not held
    p = passes(store)
    assert p["newyork"]["wake_at"] == T0 + 3 * 3600  # 08:00 in New York (EST) is 13:00 UTC
    assert p["sydney"]["wake_at"] == T0 + 11 * 3600  # Tuesday 08:00 in Sydney (AEDT) is Monday 21:00 UTC
    assert trace(store, "newyork")["passes"][0]["now"] == "waiting until Mon 08:00 (quiet hours)"
    assert trace(store, "sydney")["passes"][0]["now"] == "waiting until Tue 08:00 (quiet hours)"
    clock.set(T0 + 3 * 3600)
    eng.tick()
    box = _outbox(store)
    assert ("newyork", "e") in box and ("sydney", "e") not in box
    assert box[("newyork", "e")]["created_at"] == T0 + 3 * 3600
    clock.set(T0 + 11 * 3600)
    eng.tick()
    assert ("sydney", "e") in _outbox(store)
    counts = rows(store, "SELECT entered, passed FROM node_count WHERE node_id = 'e'")[0]
    assert counts == {"entered": 5, "passed": 5}  # a deferred contact enters the step once


def test_frequency_cap_suppresses_and_channel_priority_chooses(store, clock):
    sends = [node("e", "send.email"), node("s", "send.sms"), node("p", "send.push"), node("w", "send.wechat")]
    bp = blueprint(_flow(sends, quiet_hours=None, frequency_cap=FrequencyCap(max_messages=2, period_days=7),
                         channel_priority=["wechat", "push", "in_app", "email", "sms"]))
    add_people(store, person("a"))
    eng = engine(store, bp, clock)
    _enlist(store, "a")
    eng.tick()
    box = _outbox(store)
    assert {n: box[("a", n)]["state"] for n in "espw"} == {
        "w": "sandboxed", "p": "sandboxed", "e": "suppressed", "s": "suppressed"}
    assert box[("a", "e")]["last_error"] == "frequency cap 2/week"
    assert "suppressed: frequency cap 2/week" in trace_text(trace(store, "a"))


def test_programme_cap_counts_across_workflows_and_periods(store, clock):
    one = _flow([node("e", "send.email")], wf_id="one", quiet_hours=None, frequency_cap=None)
    two = _flow([node("e", "send.email")], wf_id="two", quiet_hours=None, frequency_cap=None)
    bp = blueprint(one, two, programme_cap=FrequencyCap(max_messages=1, period_days=1))
    add_people(store, person("a"), person("b"))
    eng = engine(store, bp, clock, workflows=["one"])
    _enlist(store, "a", "b")
    eng.tick()
    clock.set(T0 + 3600)
    eng = engine(store, bp, clock, workflows=["two"])
    eng.tick()
    box = {(r["workflow_id"], r["contact_id"]): r for r in rows(store, "SELECT * FROM outbox")}
    assert box[("two", "a")]["last_error"] == "programme frequency cap 1/day"
    clock.set(T0 + DAY + 7200)  # a day later the earlier messages no longer count
    three = _flow([node("e", "send.email")], wf_id="three", quiet_hours=None, frequency_cap=None)
    engine(store, blueprint(three, programme_cap=FrequencyCap(max_messages=1, period_days=1)), clock).tick()
    assert [r["state"] for r in rows(store, "SELECT * FROM outbox WHERE workflow_id = 'three'")] == ["sandboxed"] * 2


def test_a_wait_reason_recorded_in_english_reads_in_chinese(store, clock):
    """Wait reasons are stored as code and parameters: the language is the reader's, not the run's."""
    from designer.i18n import set_language

    nodes = [node("t", "trigger.manual", list_name="vip"), node("w", "wait.event", event="purchased", timeout_amount=2),
             node("e", "send.email"), node("x", "exit", reason="done")]
    wires = [("t", "next", "w"), ("w", "timed_out", "e"), ("w", "happened", "x"), ("e", "next", "x")]
    bp = blueprint(workflow(nodes, wires, id="wf", goal=None,
                            settings=JourneySettings(quiet_hours=QuietHours(start="21:00", end="08:00"))))
    add_people(store, person("newyork", timezone="America/New_York"), person("buyer"))
    eng = engine(store, bp, clock)
    _enlist(store, "newyork", "buyer")
    eng.tick()  # recorded by an English session
    clock.set(T0 + 2 * DAY)
    eng.tick()
    assert trace(store, "newyork")["passes"][0]["now"].endswith("(quiet hours)")
    stored = rows(store, "SELECT detail FROM step WHERE what = 'waiting'")
    assert stored and all(r["detail"].startswith('{"code"') for r in stored)  # code and parameters, not words
    set_language("zh")
    try:
        now = trace(store, "newyork")["passes"][0]["now"]
        assert now.startswith("等待至 周") and now.endswith("（免打扰时段）"), now
        text = trace_text(trace(store, "buyer"))
        assert "：等待 purchased，直到" in text, text
    finally:
        set_language("en")
    assert "waiting for purchased, until" in trace_text(trace(store, "buyer"))


def test_contacts_share_a_written_message_only_when_the_values_it_uses_are_the_same(store, clock):
    """A batch writes each message once per set of values its texts use (DbSink._payload_json): two
    Anns in London share one; a different name, city or a value that cannot be a key (a dict)
    gets its own; the payload is the same JSON text as before (dumps of to, content, retries)."""
    import json

    from designer.runtime.store import dumps

    email = node("e", "send.email", subject="Hi {{first_name}}", body="News from {{city}} by {{brand}}",
                 sender_name="{{brand}}")
    bp = blueprint(_flow([email], quiet_hours=None, frequency_cap=None), variables={"brand": "Acme"})
    add_people(store, person("ann1"), person("ann2"), person("bob", first_name='Bo "B" Zoë'),
               person("paris", attributes={"city": "Paris"}), person("odd", attributes={"city": {"x": 1}}))
    eng = engine(store, bp, clock, deliver=False)
    _enlist(store, "ann1", "ann2", "bob", "paris", "odd")
    eng.tick()
    box = _outbox(store)
    got = {cid: json.loads(box[(cid, "e")]["payload"]) for cid in ("ann1", "ann2", "bob", "paris", "odd")}
    assert all(box[(cid, "e")]["payload"] == dumps(p) for cid, p in got.items())  # the canonical text
    assert [list(p) for p in got.values()] == [["to", "content", "retries"]] * 5
    assert {cid: (p["to"], p["content"]["subject"], p["content"]["body"]) for cid, p in got.items()} == {
        "ann1": ("ann1@example.com", "Hi Ann", "News from London by Acme"),
        "ann2": ("ann2@example.com", "Hi Ann", "News from London by Acme"),
        "bob": ("bob@example.com", 'Hi Bo "B" Zoë', "News from London by Acme"),
        "paris": ("paris@example.com", "Hi Ann", "News from Paris by Acme"),
        "odd": ("odd@example.com", "Hi Ann", 'News from {"x": 1} by Acme'),
    }
    assert all(p["content"]["sender_name"] == "Acme" and p["retries"] is None for p in got.values())
