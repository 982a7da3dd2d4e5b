"""Parity over a workflow version change: contacts are mid-journey when an edited workflow is published.

The dry-run cannot model a version change: it compiles each workflow once and runs it to the end
(``Simulation``), so there is no second rule to compare the durable migration (``durable/versions.py``)
with. What is compared instead:

* contacts whose pass ended before the change agree with a dry-run of the first version, and contacts
  who enter after it with a dry-run of the second (contacts do not affect each other here: caps are per
  contact), on both SQL dialects;
* contacts inside the journey at the change follow the version rule (checked by hand below), and
  SQLite and PostgreSQL agree on everything the database holds for every contact: every step with its
  time and detail, every outbox row with its payload, every pass with its version and reason.
"""

from __future__ import annotations

import json

import pytest

from designer.runtime.interpreter import compile_workflow
from designer.runtime.sample import sample_contacts
from tests.builders import node

from .helpers import START
from .test_parity import HOUR, ScriptedEvent, _blueprint, _durable, _simulated

CHANGE = START.timestamp() + 144 * HOUR  # day 6: the edited workflow is published
DAY = 24 * HOUR


def _edited():
    """The second version: a new welcome text, a longer first wait, the push step removed (its branch goes
    straight to the purchase wait) and the purchase wait replaced by a new one with a shorter timeout."""
    bp = _blueprint()
    wf = bp.workflows[0]
    wf.nodes = [n for n in wf.nodes if n.id not in ("push", "we")] + [
        node("we2", "wait.event", event="purchased", timeout_amount=2, timeout_unit="days")]
    for n in wf.nodes:
        if n.id == "e1":
            n.settings["subject"] = "Welcome back"
        if n.id == "w1":
            n.settings["amount"] = 2
    edges = []
    for e in wf.edges:
        if e.source == "push":
            continue
        if e.source == "c1" and e.source_port == "no":
            e = e.model_copy(update={"target": "we2"})
        if e.target == "we":
            e = e.model_copy(update={"target": "we2"})
        if e.source == "we":
            e = e.model_copy(update={"source": "we2"})
        edges.append(e)
    wf.edges = edges
    return bp


def _groups():
    """36 contacts: 12 who finish before the change (sign-ups at hours 0-11), 12 inside the journey at
    the change (hours 98-142, 4 apart: some in the first wait, some waiting for a purchase), 12 who
    sign up after it (hours 150-161)."""
    contacts = sample_contacts(36)
    t0 = START.timestamp()
    starts = [t0 + i * HOUR for i in range(12)] + [t0 + (98 + 4 * i) * HOUR for i in range(12)] + [
        t0 + (150 + i) * HOUR for i in range(12)]
    script = []
    for i, (c, signup) in enumerate(zip(contacts, starts, strict=True)):
        script.append(ScriptedEvent(c["id"], "signed_up", at=signup))
        if i % 3 == 0:
            script.append(ScriptedEvent(c["id"], "email_opened", at=signup + 3 * HOUR))
        if i % 4 == 0:
            script.append(ScriptedEvent(c["id"], "purchased", at=signup + 53 * HOUR))
        if i % 12 == 7:
            script.append(ScriptedEvent(c["id"], "subscribed", at=signup + 30 * HOUR))
    ids = [c["id"] for c in contacts]
    return contacts, script, (ids[:12], ids[12:24], ids[24:])


def _only(contacts, script, ids):
    keep = set(ids)
    return [c for c in contacts if c["id"] in keep], [e for e in script if e.contact in keep]


def test_a_version_change_agrees_with_the_dry_run_of_each_version_and_follows_the_version_rule(db_target):
    contacts, script, (before, inside, after) = _groups()
    first, second = _blueprint(), _edited()
    record: dict = {}
    db_paths, db_sends, _ = _durable(first, contacts, script, db_target, reasons=True,
                                     publish=(CHANGE, second), record=record)
    for bp, group in ((first, before), (second, after)):
        sim_paths, sim_sends, _, _ = _simulated(bp, *_only(contacts, script, group), reasons=True)
        assert sim_paths == {c: db_paths[c] for c in group}
        assert sim_sends == {c: db_sends[c] for c in group}
    assert all(record[c]["passes"][0][6] < CHANGE for c in before)
    assert all(record[c]["passes"][0][5] > CHANGE for c in after)

    v1 = compile_workflow(first, first.workflows[0]).version
    v2 = compile_workflow(second, second.workflows[0]).version
    assert all(record[c]["passes"][0][1] == v1 for c in before)
    assert all(record[c]["passes"][0][1] == v2 for c in after)
    moved = exited = 0
    for c in inside:
        rec = record[c]
        _, version, _, state, reason, entered, _ = rec["passes"][0]
        assert entered < CHANGE
        migrated = [s for s in rec["steps"] if s[3] == "migrated"]
        at = {s[0]: s[2] for s in rec["steps"] if s[3] == "passed"}
        if state == "exited" and reason.startswith("step "):
            # it stood in the purchase wait, which the new version removed: it ends there, with the reason
            assert reason == f"step 'Wait for event' was removed in version {v2[:8]}"
            assert "we" not in at and not migrated
            assert rec["steps"][-1][:4] == ("we", None, CHANGE, "exited")
            exited += 1
            continue
        # it stood in the first wait (or was held before it): it continues in the new version ...
        assert version == v2 and len(migrated) == 1 and migrated[0][2] == CHANGE
        assert migrated[0][4] == f"continues in version {v2[:8]}"
        assert at["w1"] == at["e1"] + DAY  # ... keeping the one-day wake-up it was given
        assert "push" not in at and "we" not in at  # and goes on along the new version
        moved += 1
    assert moved and exited  # the scenario exercises both ways
    subjects = set()
    for c in after:  # the new version's wait and text
        at = {s[0]: s[2] for s in record[c]["steps"] if s[3] == "passed"}
        assert at.get("w1", at["e1"] + 2 * DAY) == at["e1"] + 2 * DAY  # (the one goal event ends a pass in it)
        subjects |= {json.loads(o[3])["content"]["subject"] for o in record[c]["outbox"]
                     if o[0] == "e1" and o[1] != "suppressed"}
    assert subjects == {"Welcome back"}


def test_sqlite_and_postgresql_agree_on_everything_across_a_version_change(tmp_path, pg_url):
    contacts, script, _ = _groups()
    results = []
    for db in (str(tmp_path / "run.db"), pg_url):
        record: dict = {}
        paths, sends, counts = _durable(_blueprint(), contacts, script, db, reasons=True,
                                        publish=(CHANGE, _edited()), record=record)
        results.append((paths, sends, counts, record))
    sqlite, postgres = results
    assert sqlite[3] == postgres[3]  # steps (times, details), outbox rows (payloads), passes (versions, reasons)
    assert sqlite[:3] == postgres[:3]
    assert any(s[3] == "migrated" for rec in sqlite[3].values() for s in rec["steps"])


if __name__ == "__main__":  # pragma: no cover
    pytest.main([__file__, "-q"])
