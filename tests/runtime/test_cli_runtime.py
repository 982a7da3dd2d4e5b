"""The runtime commands, end to end on a real database file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import save
from tests.builders import blueprint, node, workflow

REPO = Path(__file__).resolve().parents[2]


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_sample_event_run_status_outbox_trace(tmp_path, capsys, db_target):
    db = db_target  # an SQLite file, then postgresql://...
    bp = tmp_path / "welcome.json"
    save(example_blueprint(), bp)
    code, out, _ = run(capsys, "contacts", "sample", "--db", db, "--count", "30")
    assert code == 0 and "30 contacts added" in out
    code, out, _ = run(capsys, "contacts", "list", "--db", db, "--where", 'timezone == "Asia/Shanghai"', "--json")
    assert code == 0 and all(c["timezone"] == "Asia/Shanghai" for c in json.loads(out))
    code, out, _ = run(capsys, "run", bp, "--db", db, "--once")
    assert code == 0
    code, out, _ = run(capsys, "event", "c00002", "signed_up", "--db", db, "--prop", "source=ads", "--prop", "n=3",
                       "--json")
    assert code == 0 and json.loads(out)["properties"] == {"source": "ads", "n": 3}
    code, out, _ = run(capsys, "run", bp, "--db", db, "--for", "2s", "--speed", "200000", "--quiet", "--json")
    assert code == 0 and json.loads(out)["done"]["enrolled"] == 1
    code, out, _ = run(capsys, "status", "--db", db, "--json")
    nodes = {n["node"]: n for n in json.loads(out)["workflows"][0]["nodes"]}
    assert nodes["n1"]["entered"] == 1 and nodes["n2"]["passed"] == 1
    code, out, _ = run(capsys, "status", "--db", db)
    assert "Welcome journey" in out and "Wait for first purchase" in out
    code, out, _ = run(capsys, "outbox", "--db", db, "--json")
    box = json.loads(out)
    assert box and {m["channel"] for m in box} <= {"email", "sms"} and all(len(m["key"]) == 32 for m in box)
    code, out, _ = run(capsys, "trace", "c00002", "--db", db)
    assert code == 0 and "New sign-up" in out and "enrolled" in out
    code, out, _ = run(capsys, "trace", "c00002", "--db", db, "--json")
    assert json.loads(out)["passes"][0]["workflow"] == "welcome"


def test_import_reports_bad_rows_with_exit_1(tmp_path, capsys):
    db = tmp_path / "i.db"
    csv_file = tmp_path / "people.csv"
    csv_file.write_text("id,email,Mobile\na,a@example.com,+1 555\nb,nope,\n", encoding="utf-8")
    code, out, _ = run(capsys, "contacts", "import", csv_file, "--db", db, "--map", "Mobile=phone", "--list", "vip")
    assert code == 1 and "1 contacts added" in out and "line 3: email 'nope' is not an email address" in out
    code, out, _ = run(capsys, "contacts", "list", "--db", db, "--json")
    assert json.loads(out)[0]["phone"] == "+1 555"


def test_user_mistakes_are_one_line_errors(tmp_path, capsys):
    db = tmp_path / "e.db"
    run(capsys, "contacts", "sample", "--db", db, "--count", "3")
    bad_bp = tmp_path / "bad.json"
    save(blueprint(workflow([node("w", "wait.delay")], [])), bad_bp)
    cases = [
        ("event", "nobody", "x", "--db", db),
        ("run", tmp_path / "missing.json", "--db", db),
        ("run", bad_bp, "--db", db, "--for", "soon"),
        ("trace", "nobody", "--db", db),
        ("status", "--db", tmp_path / "no-such-folder" / "x.db"),
        ("contacts", "import", tmp_path / "none.csv", "--db", db),
        ("event", "c00001", "x", "--db", db, "--prop", "novalue"),
        ("outbox", "--db", db, "--retry", "abc"),
    ]
    for argv in cases:
        code, _, err = run(capsys, *argv)
        assert code == 2, argv
        assert err.startswith("journey: error: ") and err.count("\n") == 1, (argv, err)


def test_invalid_workflow_is_refused_with_the_validators_problems(tmp_path, capsys):
    db = tmp_path / "v.db"
    bad = tmp_path / "bad.json"
    save(blueprint(workflow([node("w", "wait.delay"), node("x", "exit")], [("w", "next", "x")])), bad)
    code, _, err = run(capsys, "run", bad, "--db", db)
    assert code == 1 and "no-entry" in err and "refused to run" in err


def test_ctrl_c_stops_cleanly(tmp_path):
    db = tmp_path / "c.db"
    bp = tmp_path / "welcome.json"
    save(example_blueprint(), bp)
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "designer.cli", "run", str(bp), "--db", str(db), "--forever"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    deadline = time.monotonic() + 20
    while not db.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(1.0)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130, err
    assert "stopped by Ctrl+C" in out and "Traceback" not in err
