"""The shared send-time rules (runtime/rules/sending.py) give both engines the same answers:
quiet hours for contacts without a time zone, and caps with channel priority."""

from __future__ import annotations

import numpy as np

from designer.blueprint import FrequencyCap, QuietHours
from designer.runtime.rules.sending import channel_rank, over_caps, quiet_until, send_order
from designer.runtime.sample import sample_contacts
from tests.builders import blueprint, node, workflow

from .helpers import START
from .test_parity import HOUR, ScriptedEvent, _durable, _simulated


def test_quiet_hours_for_contacts_without_a_time_zone_use_the_workflow_zone_in_both_engines(db_target):
    """Quiet 21:00-08:00 in Asia/Tokyo (12:00-23:00 UTC). A contact without a time zone is judged
    in Tokyo, not UTC: signed up at 13:00 UTC, its email waits for 23:00 UTC, so the click an hour
    after signing up comes before the wait for it began and the wait times out."""
    contacts = sample_contacts(12)
    for i, c in enumerate(contacts):
        c["email"], c["consent"]["email"] = c["email"] or f"x{i}@example.com", True
        if i % 2 == 0:
            c["timezone"] = None
    nodes = [node("t", "trigger.event", event="signed_up"), node("e", "send.email", subject="Hi"),
             node("we", "wait.event", event="clicked", timeout_amount=1, timeout_unit="days"),
             node("g", "goal", label="Clicked"), node("x", "exit", reason="No click")]
    wires = [("t", "next", "e"), ("e", "next", "we"), ("we", "happened", "g"), ("we", "timed_out", "x")]
    wf = workflow(nodes, wires, goal=None)
    wf.settings.quiet_hours = QuietHours(timezone="Asia/Tokyo")
    wf.settings.frequency_cap = None
    bp = blueprint(wf)
    t0 = START.timestamp()
    script = []
    for i, c in enumerate(contacts):
        script += [ScriptedEvent(c["id"], "signed_up", at=t0 + i * HOUR),
                   ScriptedEvent(c["id"], "clicked", at=t0 + (i + 1) * HOUR)]
    sim_paths, sim_sends, sim_counts, _ = _simulated(bp, contacts, script)
    db_paths, db_sends, db_counts = _durable(bp, contacts, script, db_target)
    assert (sim_paths, sim_sends, sim_counts) == (db_paths, db_sends, db_counts)
    no_zone = [c["id"] for i, c in enumerate(contacts) if i % 2 == 0]
    assert sim_paths[no_zone[0]][-1] == "g"  # 09:00 UTC = 18:00 in Tokyo: sent at once, the click counts
    assert sim_paths[no_zone[-1]][-1] == "x"  # 19:00 UTC = 04:00 in Tokyo: held, the click came too early


def test_quiet_until_falls_back_to_the_workflow_zone():
    quiet = QuietHours(start="21:00", end="08:00", timezone="Asia/Tokyo")
    now = START.timestamp() + 4 * HOUR  # 13:00 UTC: 22:00 in Tokyo, 13:00 in London
    until = quiet_until(quiet, [None, "Europe/London", "Not/AZone"], now)
    assert until[0] == until[2] == START.timestamp() + 14 * HOUR  # 08:00 in Tokyo = 23:00 UTC
    assert until[1] == now
    shared = quiet_until(quiet.model_copy(update={"use_contact_timezone": False}), ["Europe/London"], now)
    assert shared[0] == until[0]


def test_caps_keep_the_first_sends_in_channel_priority_and_name_the_first_cap_broken():
    priority = ["email", "sms", "push"]
    rank = np.array([channel_rank(priority, ch) for ch in ("sms", "email", "push", "email")])
    order, position = send_order(["a", "a", "a", "b"], rank)
    assert position.tolist() == [1, 0, 2, 0] and order.tolist() == [1, 0, 2, 3]
    workflow_cap, programme_cap = FrequencyCap(max_messages=3, period_days=7), FrequencyCap(max_messages=2, period_days=7)
    used_wf, used_prog = np.array([1, 1, 1, 3]), np.array([1, 1, 1, 0])
    broken = over_caps([used_wf, used_prog], [workflow_cap, programme_cap], position)
    # a: email goes (room for one more under the programme cap); sms and push break the programme cap
    # (a suppressed send does not count towards the workflow cap); b: already at the workflow cap.
    assert broken.tolist() == [1, -1, 1, 0]


def test_re_entry_rule_over_a_batch():
    from designer.blueprint import ReEntry
    from designer.runtime.rules.passes import may_enter

    active = np.array([True, False, False, False])
    passes = np.array([1, 0, 1, 2])
    last = np.array([0.0, np.nan, 0.0, 86400.0])
    at = np.array([9.5 * 86400.0] * 4)
    assert may_enter(ReEntry(mode="once"), active, passes, last, at).tolist() == [False, True, False, False]
    assert may_enter(ReEntry(mode="always"), active, passes, last, at).tolist() == [False, True, True, True]
    after = ReEntry(mode="after", days=9)
    assert may_enter(after, active, passes, last, at).tolist() == [False, True, True, False]


def _simulated_all(bp, contacts, script):
    """Like test_parity._simulated, over every workflow (node ids are distinct across them)."""
    from designer.runtime.dryrun.columns import from_records
    from designer.runtime.dryrun.simulator import Simulation

    from .test_parity import DAYS, _category

    sim = Simulation(bp, from_records(contacts), days=DAYS, start=START, scripted=script,
                     trace=[c["id"] for c in contacts]).run()
    counts = {n: (wf.entered[n], sum(wf.passed[n].values()), wf.converted[n], wf.exited[n])
              for wf in sim.states for n in wf.node_ids}
    paths, sends = {}, {}
    for row, c in enumerate(contacts):
        steps = sim.tracer.path(row)
        paths[c["id"]] = sorted(f"{s['node']}:{s['port']}" if s["type"] == "step" else s["node"]
                                for s in steps if s["type"] in ("step", "end"))
        sends[c["id"]] = sorted((s["node"], _category(s["status"])) for s in steps if s["type"] == "message")
    return paths, sends, {n: c for n, c in counts.items() if any(c)}


def test_programme_cap_across_workflows_and_channel_priority_agree(db_target):
    """Two journeys on the same sign-up share a programme cap of 2 a day; the second sends push
    and email at once and prefers push. Both engines suppress the same messages."""
    contacts = sample_contacts(24)
    for i, c in enumerate(contacts):
        c["consent"].update(email=True, push=True, sms=True)
        c["email"], c["phone"] = c["email"] or f"x{i}@example.com", c["phone"] or f"+44 7{i:09d}"
    a = workflow([node("a_t", "trigger.event", event="signed_up"), node("a_e", "send.email", subject="Hi"),
                  node("a_w", "wait.delay", amount=1, unit="days"), node("a_s", "send.sms", text="Hi"),
                  node("a_x", "exit", reason="done")],
                 [("a_t", "next", "a_e"), ("a_e", "next", "a_w"), ("a_w", "next", "a_s"), ("a_s", "next", "a_x")],
                 id="a", goal=None)
    b = workflow([node("b_t", "trigger.event", event="signed_up"), node("b_e", "send.email", subject="Offer"),
                  node("b_p", "send.push", title="Offer"), node("b_x", "exit", reason="done")],
                 [("b_t", "next", "b_e"), ("b_e", "next", "b_p"), ("b_p", "next", "b_x")], id="b", goal=None)
    b.settings.channel_priority = ["push", "email"]
    for wf in (a, b):
        wf.settings.frequency_cap = None
    bp = blueprint(a, b, programme_cap=FrequencyCap(max_messages=2, period_days=1))
    t0 = START.timestamp()
    script = [ScriptedEvent(c["id"], "signed_up", at=t0 + (i % 6) * HOUR) for i, c in enumerate(contacts)]
    script += [ScriptedEvent(c["id"], "signed_up", at=t0 + 30 * HOUR) for c in contacts[::3]]  # again, next day
    sim_paths, sim_sends, sim_counts = _simulated_all(bp, contacts, script)
    db_paths, db_sends, db_counts = _durable(bp, contacts, script, db_target)
    db_paths = {k: sorted(v) for k, v in db_paths.items()}
    db_sends = {k: sorted(v) for k, v in db_sends.items()}
    assert sim_sends == db_sends
    assert sim_paths == db_paths
    assert sim_counts == db_counts
    kinds = [k for s in sim_sends.values() for _, k in s]
    assert "capped" in kinds and "sent" in kinds


def test_the_other_node_kinds_take_the_same_paths_in_both_engines(db_target):
    """Score, attribute (templated), branch on an attribute, a weekday time window, and the
    channels the first parity test does not use (in-app, WeChat, webhook, sales task)."""
    contacts = sample_contacts(30)
    nodes = [node("t", "trigger.event", event="signed_up"), node("sc", "data.score", delta=25),
             node("at", "data.attribute", attribute="tier", value="{{city}}-gold"),
             node("ba", "branch.attribute", attribute="city",
                  cases=[{"id": "cn", "label": "China", "values": ["Shanghai", "Beijing", "Hangzhou"]}]),
             node("ia", "send.in_app", title="Hi"), node("wc", "send.wechat", title="Hi"),
             node("wu", "wait.until", mode="time_window", weekdays=["tue", "thu"], start="09:00", end="17:00"),
             node("hi", "branch.condition", condition='score >= 60 and tier != ""'),
             node("wh", "send.webhook"), node("st", "send.sales_task"), node("x", "exit", reason="done")]
    wires = [("t", "next", "sc"), ("sc", "next", "at"), ("at", "next", "ba"), ("ba", "cn", "wc"),
             ("ba", "other", "ia"), ("wc", "next", "wu"), ("ia", "next", "wu"), ("wu", "next", "hi"),
             ("hi", "yes", "st"), ("hi", "no", "wh"), ("st", "next", "x"), ("wh", "next", "x")]
    bp = blueprint(workflow(nodes, wires, goal=None))
    t0 = START.timestamp()
    script = [ScriptedEvent(c["id"], "signed_up", at=t0 + i * 5 * HOUR) for i, c in enumerate(contacts)]
    sim_paths, sim_sends, sim_counts, _ = _simulated(bp, contacts, script)
    db_paths, db_sends, db_counts = _durable(bp, contacts, script, db_target)
    assert (sim_paths, sim_sends, sim_counts) == (db_paths, db_sends, db_counts)
    flat = {p for path in sim_paths.values() for p in path}
    assert {"ba:cn", "ba:other", "hi:yes", "hi:no", "wu:next"} <= flat
    assert {k for s in sim_sends.values() for _, k in s} >= {"sent", "no consent"}
