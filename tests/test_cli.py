"""The journey command line: exit codes 0/1/2, one-line errors, --json."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from designer.cli import main
from designer.fileformat import dumps, load

from .builders import blueprint, node, workflow


def run(capsys, *argv):
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def write(path, bp):
    path.write_text(dumps(bp))
    return str(path)


def test_new_then_validate_passes(tmp_path, capsys):
    path = str(tmp_path / "x.json")
    assert run(capsys, "new", path)[0] == 0
    status, out, err = run(capsys, "validate", path)
    assert status == 0 and "no problems" in out and err == ""
    status, out, _ = run(capsys, "validate", path, "--json")
    report = json.loads(out)
    assert status == 0 and report["errors"] == 0 and report["problems"] == []


def test_new_refuses_to_overwrite(tmp_path, capsys):
    path = tmp_path / "x.json"
    path.write_text("keep me")
    status, _, err = run(capsys, "new", str(path))
    assert status == 2 and "already exists" in err
    assert path.read_text() == "keep me"


def test_cycle_exits_1_with_code(tmp_path, capsys):
    nodes = [node("t", "trigger.event"), node("a", "send.email"), node("b", "wait.delay"), node("g", "goal")]
    wf = workflow(nodes, [("t", "next", "a"), ("a", "next", "b"), ("b", "next", "a")])
    status, out, _ = run(capsys, "validate", write(tmp_path / "c.json", blueprint(wf)), "--json")
    assert status == 1
    assert "cycle" in [p["code"] for p in json.loads(out)["problems"]]


def test_orphan_exits_1_readably(tmp_path, capsys):
    nodes = [node("t", "trigger.event"), node("g", "goal"), node("lost", "send.sms")]
    wf = workflow(nodes, [("t", "next", "g"), ("lost", "next", "g")])
    status, out, _ = run(capsys, "validate", write(tmp_path / "o.json", blueprint(wf)))
    assert status == 1
    assert "unreachable" in out and "[lost]" in out and "1 error" in out


def test_warnings_alone_exit_0(tmp_path, capsys):
    wf = workflow([node("t", "trigger.event"), node("x", "exit")], [("t", "next", "x")], goal=None)
    status, out, _ = run(capsys, "validate", write(tmp_path / "w.json", blueprint(wf)))
    assert status == 0 and "no-goal" in out


@pytest.mark.parametrize("content", ['{"format": "journey-', "null", '{"format": "journey-designer", "version": 7}'])
def test_corrupt_file_exits_2_with_one_line(tmp_path, capsys, content):
    path = tmp_path / "bad.json"
    path.write_text(content)
    status, out, err = run(capsys, "validate", str(path))
    assert status == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("journey: error: ") and "bad.json" in err


def test_usage_errors_exit_2(capsys):
    for argv in (["bogus"], ["validate"], ["validate", "a", "b"]):
        status, _, err = run(capsys, *argv)
        assert status == 2 and err.count("\n") == 1


def test_format_and_check(tmp_path, capsys, example):
    path = tmp_path / "x.json"
    path.write_text(json.dumps(json.loads(dumps(example)), indent=4))
    assert run(capsys, "format", str(path), "--check")[0] == 1
    assert run(capsys, "format", str(path))[0] == 0
    assert path.read_text() == dumps(example)
    assert run(capsys, "format", str(path), "--check")[0] == 0


def test_export_one_workflow(tmp_path, capsys, example):
    src = write(tmp_path / "x.json", example)
    out = tmp_path / "one.json"
    assert run(capsys, "export", src, "--workflow", "welcome", "-o", str(out))[0] == 0
    assert [w.id for w in load(out).workflows] == ["welcome"]
    status, _, err = run(capsys, "export", src, "--workflow", "nope", "-o", str(tmp_path / "z.json"))
    assert status == 2 and "welcome" in err


def test_schema_and_kinds(capsys):
    status, out, _ = run(capsys, "schema")
    assert status == 0 and json.loads(out)["title"] == "Journey Designer blueprint"
    status, out, _ = run(capsys, "kinds", "--json")
    kinds = {k["kind"]: k for k in json.loads(out)}
    assert status == 0 and kinds["wait.event"]["ports"] == [
        {"id": "happened", "label": "Happened"}, {"id": "timed_out", "label": "Timed out"}]


def test_committed_schema_is_current():
    from pathlib import Path

    from designer.fileformat import schema

    committed = Path(__file__).resolve().parents[1] / "docs" / "blueprint.schema.json"
    assert json.loads(committed.read_text()) == schema(), "run: journey schema > docs/blueprint.schema.json"


def test_installed_script_runs(tmp_path):
    """The console script a user types, in a real process."""
    path = tmp_path / "x.json"
    new = subprocess.run([sys.executable, "-m", "designer.cli", "new", str(path)], capture_output=True, text=True)
    assert new.returncode == 0, new.stderr
    ok = subprocess.run([sys.executable, "-m", "designer.cli", "validate", str(path)], capture_output=True, text=True)
    assert ok.returncode == 0
    path.write_text("{")
    bad = subprocess.run([sys.executable, "-m", "designer.cli", "validate", str(path)], capture_output=True, text=True)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1
