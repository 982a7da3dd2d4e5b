"""Live events recorded before a journey first ran start it; imported history never does;
``journey trace`` says why a contact is not in a journey."""

from __future__ import annotations

import json

from designer.cli import main
from designer.fileformat import save
from designer.runtime.sample import sample_contacts, sample_events
from tests.builders import blueprint, node, workflow


def _run(capsys, *argv) -> tuple[int, str]:
    code = main([str(a) for a in argv])
    return code, capsys.readouterr().out


def _signup_journey(path, workflow_id="welcome"):
    wf = workflow([node("t", "trigger.event", event="signed_up"), node("x", "exit", reason="done")],
                  [("t", "next", "x")], id=workflow_id)
    save(blueprint(wf), path)
    return path


def _history_signup() -> str:
    """A sample contact (of the first 30) whose only signed_up event is in the sample history."""
    contacts = sample_contacts(30)
    return next(e["contact_id"] for e in sample_events(contacts) if e["name"] == "signed_up")


def test_a_live_event_before_the_first_run_enrols_and_history_does_not(tmp_path, capsys, db_target):
    db, bp = db_target, _signup_journey(tmp_path / "w.json")
    assert _run(capsys, "contacts", "sample", "--db", db, "--count", "30")[0] == 0
    old = _history_signup()
    live = next(c["id"] for c in sample_contacts(30) if c["id"] != old)
    assert _run(capsys, "event", live, "signed_up", "--db", db)[0] == 0
    code, out = _run(capsys, "run", bp, "--db", db, "--once", "--json")
    assert code == 0 and json.loads(out)["done"]["enrolled"] == 1
    code, out = _run(capsys, "trace", live, "--db", db, "--json")
    assert [p["workflow"] for p in json.loads(out)["passes"]] == ["welcome"]
    code, out = _run(capsys, "trace", old, "--db", db)
    assert "not in welcome" in out and "before the journey started listening" in out and "history" in out
    code, out = _run(capsys, "trace", old, "--db", db, "--json")
    assert json.loads(out)["not_enrolled"][0]["workflow"] == "welcome"


def test_a_journey_added_later_listens_from_its_own_first_run(tmp_path, capsys, db_target):
    db = db_target
    first, later = _signup_journey(tmp_path / "a.json", "first"), _signup_journey(tmp_path / "b.json", "later")
    _run(capsys, "contacts", "sample", "--db", db, "--count", "5")
    _run(capsys, "event", "c00001", "signed_up", "--db", db)
    assert json.loads(_run(capsys, "run", first, "--db", db, "--once", "--json")[1])["done"]["enrolled"] == 1
    # 'later' was published after the event: it does not start for it ...
    assert json.loads(_run(capsys, "run", later, "--db", db, "--once", "--json")[1])["done"].get("enrolled", 0) == 0
    out = _run(capsys, "trace", "c00001", "--db", db)[1]
    assert "not in later" in out and "started listening" in out
    # ... but for one recorded after it first ran
    _run(capsys, "event", "c00002", "signed_up", "--db", db)
    assert json.loads(_run(capsys, "run", later, "--db", db, "--once", "--json")[1])["done"]["enrolled"] == 1


def test_imported_events_never_start_a_journey(tmp_path, capsys, db_target):
    db, bp = db_target, _signup_journey(tmp_path / "w.json")
    _run(capsys, "contacts", "sample", "--db", db, "--count", "5", "--no-events")
    _run(capsys, "event", "c00001", "signed_up", "--db", db)
    events = tmp_path / "events.csv"
    events.write_text("contact_id,name,time\nc00002,signed_up,2099-01-01T00:00:00Z\n", encoding="utf-8")
    assert _run(capsys, "contacts", "import", events, "--events", "--db", db)[0] == 0
    code, out = _run(capsys, "run", bp, "--db", db, "--once", "--json")
    assert json.loads(out)["done"]["enrolled"] == 1  # c00001 (live), not c00002 (imported)
    out = _run(capsys, "trace", "c00003", "--db", db)[1]
    assert "not in welcome" in out and "no signed_up event" in out
