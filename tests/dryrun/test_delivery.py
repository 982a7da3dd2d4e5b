"""Send-time rules in the dry-run: consent, address, caps, quiet hours, unsubscribes."""

from __future__ import annotations

from designer.blueprint import FrequencyCap, QuietHours
from designer.simulation_model import ChannelRates, SimulationModel
from tests.builders import blueprint, node, workflow

from .helpers import message, people, simulate

CERTAIN = SimulationModel(channels={c: ChannelRates(delivery_rate=1, open_rate=0, unsubscribe_rate=0)
                                    for c in ("email", "sms")})


def _emails(count: int, wf_id: str = "wf", **settings):
    nodes = [node("t", "trigger.manual")]
    wires = []
    prev = "t"
    for i in range(count):
        nodes.append(node(f"m{i}", "send.email", subject=f"Mail {i}"))
        wires.append((prev, "next", f"m{i}"))
        prev = f"m{i}"
    nodes.append(node("end", "exit"))
    wires.append((prev, "next", "end"))
    wf = workflow(nodes, wires, id=wf_id, goal=None)
    wf.settings.quiet_hours = settings.get("quiet_hours")
    wf.settings.frequency_cap = settings.get("cap")
    return wf


def test_consent_and_address_are_checked_before_sending():
    contacts = people(10)
    for c in contacts[:3]:
        c["consent"]["email"] = False
    for c in contacts[3:5]:
        c["email"] = None
    _, r = simulate(blueprint(_emails(1), simulation=CERTAIN), contacts, days=2)
    m = message(r, "m0")
    assert (m["attempted"], m["no_consent"], m["no_address"], m["delivered"]) == (10, 3, 2, 5)
    assert r["channels"]["email"]["suppressed"] == {"no_consent": 3, "no_address": 2, "message_too_large": 0,
                                                 "frequency_cap": 0}


def test_workflow_frequency_cap_suppresses_and_counts_contacts_who_hit_it():
    wf = _emails(3, cap=FrequencyCap(max_messages=2, period_days=7))
    _, r = simulate(blueprint(wf, simulation=CERTAIN), people(20), days=2)
    assert [message(r, f"m{i}")["delivered"] for i in range(3)] == [20, 20, 0]
    assert message(r, "m2")["frequency_cap"] == 20
    assert r["workflows"][0]["hit_frequency_cap"] == 20
    assert r["pressure"]["max_in_a_week"] == 2


def test_programme_cap_spans_workflows_simulated_together():
    bp = blueprint(_emails(2, "a"), _emails(2, "b"), programme_cap=FrequencyCap(max_messages=3, period_days=7),
                   simulation=CERTAIN)
    _, r = simulate(bp, people(10), days=2)
    delivered = sum(m["delivered"] for w in r["workflows"] for m in w["messages"])
    assert delivered == 30  # four messages each, the fourth capped
    assert r["pressure"]["hit_programme_cap"] == 10
    assert r["pressure"]["messages_per_contact_week"] == {"3": 10}


def test_quiet_hours_hold_the_contact_at_the_send_until_the_window_opens():
    # The run starts 09:00 UTC: 01:00 in Los Angeles (quiet), 17:00 in Shanghai (fine).
    contacts = people(2)
    contacts[0]["timezone"] = "America/Los_Angeles"
    contacts[1]["timezone"] = "Asia/Shanghai"
    wf = _emails(1, quiet_hours=QuietHours(start="21:00", end="08:00"))
    sim, r = simulate(blueprint(wf, simulation=CERTAIN), contacts, days=2)
    m = message(r, "m0")
    assert (m["delivered"], m["deferred_quiet_hours"], m["attempted"]) == (2, 1, 2)
    held = sim.tracer.path(0)
    sent = next(s for s in held if s["type"] == "message")
    assert sent["at"] == "2025-03-03T16:00:00Z"  # 08:00 in Los Angeles
    assert any(s["type"] == "deferred" for s in held)
    assert next(n for n in r["workflows"][0]["nodes"] if n["id"] == "m0")["entered"] == 2  # entered once


def test_unsubscribes_withdraw_consent_for_later_messages():
    model = SimulationModel(channels={"email": ChannelRates(delivery_rate=1, open_rate=0, unsubscribe_rate=1)})
    nodes = [node("t", "trigger.manual"), node("a", "send.email"), node("w", "wait.delay", amount=1, unit="days"),
             node("b", "send.email"), node("x", "exit")]
    wf = workflow(nodes, [("t", "next", "a"), ("a", "next", "w"), ("w", "next", "b"), ("b", "next", "x")], goal=None)
    wf.settings.quiet_hours = None
    _, r = simulate(blueprint(wf, simulation=model), people(5), days=3)
    assert message(r, "a")["unsubscribed"] == 5
    assert message(r, "b")["no_consent"] == 5
    assert r["events"]["email_unsubscribed"] == 5


def test_quiet_hours_arithmetic_agrees_with_next_allowed_also_around_dst():
    import random
    from datetime import UTC, datetime

    from designer.runtime.rules.sending import allowed_at
    from designer.timewindows import next_allowed, zone

    rng = random.Random(3)
    zones = ["UTC", "Europe/London", "America/New_York", "Asia/Kolkata", "Australia/Sydney", "Pacific/Chatham"]
    windows = [("21:00", "08:00"), ("22:30", "07:15"), ("08:00", "21:00"), ("09:00", "09:00")]
    for _ in range(3000):
        t = 1735689600 + rng.randrange(0, 2 * 365 * 86400)
        z, (start, end) = rng.choice(zones), rng.choice(windows)
        want = next_allowed(datetime.fromtimestamp(t, UTC), zone(z), end, start).timestamp()
        assert allowed_at(t, z, start, end) == want, (z, start, end, t)
