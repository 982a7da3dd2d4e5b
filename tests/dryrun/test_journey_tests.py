"""Journey test scenario files: pass, fail with a readable diff, bad input; JSON and TOML."""

from __future__ import annotations

import json

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import save
from designer.runtime.dryrun.journey_tests import ScenarioError, run_file

OPENER = {
    "name": "an opener gets the offer and buys",
    "contact": {"first_name": "Li", "email": "li@example.com", "phone": "+86 13800000000", "timezone": "UTC"},
    "events": [
        {"event": "signed_up", "at": "day 0 10:00"},
        {"event": "email_opened", "after": "n2", "delay": "2h"},
        {"event": "purchased", "at": "day 3 12:00", "properties": {"amount": 30}},
    ],
    "expect": {
        "messages": [{"day": 0, "channel": "email", "node": "n2"}, {"day": 2, "channel": "email", "node": "n5"}],
        "path": ["n1", "n2", "n3", "n4:yes", "n5", "n7:happened", "n8"],
        "final": {"node": "n8", "state": "done", "converted": True},
    },
}
SILENT = {
    "name": "a contact who never opens gets the SMS and leaves",
    "contact": {"email": "a@example.com", "phone": "+44 7000000000", "timezone": "Europe/London"},
    "events": [{"event": "signed_up", "at": "day 1 09:00"}],
    "expect": {
        "messages": [{"day": 1, "node": "n2"}, {"day": 3, "node": "n6"}],
        "path": ["n1", "n2", "n3", "n4:no", "n6", "n7:timed_out", "n9"],
        "final": {"converted": False, "stage": None},
    },
}


@pytest.fixture
def files(tmp_path):
    save(example_blueprint(), tmp_path / "welcome.journey.json")
    return tmp_path


def _write(folder, name, tests, **extra):
    path = folder / name
    path.write_text(json.dumps({"blueprint": "welcome.journey.json", "days": 14, "tests": tests, **extra}))
    return path


def test_passing_scenarios(files):
    results = run_file(_write(files, "ok.test.json", [OPENER, SILENT]))
    assert [r.passed for r in results] == [True, True], [r.diff for r in results]
    assert results[0].actual["final"]["node"] == "n8"  # the purchase woke the wait; the Goal step converted


def test_a_failing_scenario_shows_a_readable_diff(files, capsys):
    wrong = json.loads(json.dumps(SILENT))
    wrong["expect"]["messages"][1] = {"day": 2, "node": "n5"}
    wrong["expect"]["path"][3] = "n4:yes"
    wrong["expect"]["final"]["stage"] = "customer"
    path = _write(files, "bad.test.json", [OPENER, wrong])
    assert main(["test", str(path)]) == 1
    out = capsys.readouterr().out
    assert "PASS" in out and "FAIL" in out and "1 passed, 1 failed" in out
    assert "- day=2  node=n5" in out and "+ day=3  node=n6" in out
    assert "- n4:yes" in out and "+ n4:no" in out
    assert "final stage: expected 'customer', got None" in out


def test_toml_scenarios(files):
    (files / "s.test.toml").write_text('''
blueprint = "welcome.journey.json"
days = 14

[[test]]
name = "toml opener"
contact = { email = "x@example.com", timezone = "UTC" }
events = [
  { event = "signed_up", at = "day 0 10:00" },
  { event = "email_opened", after = "n2", delay = "1h" },
]
[test.expect]
path = ["n1", "n2", "n3", "n4:yes", "n5", "n7:timed_out", "n9"]
''')
    results = run_file(files / "s.test.toml")
    assert results[0].passed, results[0].diff


def test_json_output_and_bad_input(files, capsys):
    assert main(["test", str(_write(files, "ok.test.json", [SILENT])), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["passed"] == 1
    bad = files / "bad.json"
    bad.write_text('{"blueprint": "welcome.journey.json", "tests": [{"events": [{"event": "x", "at": "soon"}]}]}')
    with pytest.raises(ScenarioError, match="'soon' is not a duration"):
        run_file(bad)
    assert main(["test", str(bad)]) == 2
    assert "not a duration" in capsys.readouterr().err
    assert main(["test", str(files / "missing.json")]) == 2
