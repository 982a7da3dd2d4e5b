"""``journey plan``: formats, sample sizes, exit codes."""

from __future__ import annotations

import csv
import io
import json

import pytest

from designer.blueprint import ExperimentPlan
from designer.cli import main
from designer.fileformat import save

from .queue_fixtures import EXPECTED_ORDER, programme


@pytest.fixture
def plan_file(tmp_path):
    path = tmp_path / "programme.json"
    save(programme(), path)
    return path


def run(capsys, *argv):
    status = main(["plan", *map(str, argv)])
    out, err = capsys.readouterr()
    return status, out, err


def test_table_lists_the_ranked_queue(plan_file, capsys):
    status, out, err = run(capsys, plan_file)
    assert status == 0 and not err
    assert "13 workflows: 11 in the queue (8 new, 1 to improve, 2 experiments), 1 live, 1 retired." in out
    rows = out.splitlines()[5:]  # title, summary, formula, blank, header, rule
    assert len(rows) == 14 and rows[1].startswith("1   Subject-line test") and rows[-1].startswith("-   Monthly newsletter")
    assert "value 4 + impact 5, confidence 3, effort 2 -> score 13.5" in out


def test_json_gives_every_workflow_in_order(plan_file, capsys):
    for flags in (["--format", "json"], ["--json"]):
        status, out, _ = run(capsys, plan_file, *flags)
        data = json.loads(out)
        assert status == 0 and [w["workflow"] for w in data["workflows"]] == EXPECTED_ORDER
        assert data["workflows"][0]["sample"]["per_variant"] == 3841
        assert data["workflows"][-1]["rank"] is None


def test_csv_is_one_row_per_workflow(plan_file, capsys):
    status, out, _ = run(capsys, plan_file, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert status == 0 and [r["workflow"] for r in rows] == EXPECTED_ORDER
    assert rows[0]["rank"] == "1" and rows[0]["per_variant"] == "3841" and rows[-1]["rank"] == ""


def test_markdown_reads_as_a_backlog(plan_file, capsys):
    status, out, _ = run(capsys, plan_file, "--format", "md")
    assert status == 0
    assert out.startswith("# Build queue: Acme Coffee lifecycle programme\n")
    for heading in ("## The queue", "## Details", "### 1. Subject-line test: welcome email",
                    "## Experiments: sample sizes", "## Live and retired"):
        assert f"\n{heading}\n" in out
    assert "| 1 | Subject-line test: welcome email | Experiment | Planned |" in out
    assert "Needs 3,841 contacts per variant (8,536 entries), 9.5 weeks at 900 entries a week" in out
    assert "> A dozen emails, pushes and SMS over six weeks." in out
    assert "- **Welcome series**: live, improve, Mia" in out


def test_sample_sizes(plan_file, capsys):
    status, out, _ = run(capsys, plan_file, "--sample-size")
    assert status == 0
    lines = out.splitlines()
    subject = next(line for line in lines if "Subject-line test" in line)
    assert "2 (+10% holdout)" in subject and "3,841" in subject and "8,536" in subject and "9.5" in subject
    webinar = next(line for line in lines if "Webinar" in line)
    assert "1,094" in webinar


def test_sample_sizes_with_weekly_entries_from_a_dry_run(plan_file, capsys):
    status, out, _ = run(capsys, plan_file, "--sample-size", "--json", "--entries", "webinar=500")
    data = {e["workflow"]: e for e in json.loads(out)["experiments"]}
    assert status == 0 and data["webinar"]["weekly_source"] == "dry-run"
    assert data["webinar"]["weeks"] == pytest.approx(1094 / 250, abs=0.01)


def test_an_impossible_experiment_exits_1(tmp_path, capsys):
    bp = programme()
    wf = bp.workflow("webinar")
    wf.queue = wf.queue.model_copy(update={"experiment": ExperimentPlan(baseline_rate=0.9, minimum_detectable_effect=0.2)})
    save(bp, tmp_path / "p.json")
    status, out, _ = run(capsys, tmp_path / "p.json", "--sample-size", "--format", "md")
    assert status == 1 and "must stay below 1" in out


def test_no_experiments(tmp_path, capsys):
    bp = programme()
    bp.workflows = [w for w in bp.workflows if w.queue.category != "experiment"]
    save(bp, tmp_path / "p.json")
    status, out, _ = run(capsys, tmp_path / "p.json", "--sample-size")
    assert status == 0 and "no experiments" in out


def test_output_file(plan_file, tmp_path, capsys):
    out_path = tmp_path / "queue.md"
    status, out, _ = run(capsys, plan_file, "--format", "md", "-o", out_path)
    assert status == 0 and out_path.read_text().startswith("# Build queue")
    status, _, err = run(capsys, plan_file, "--format", "md", "-o", out_path)
    assert status == 2 and "already exists" in err


@pytest.mark.parametrize(
    "content, argv, message",
    [
        ("{not json", [], "not valid JSON"),
        (None, ["--format", "xml"], "invalid choice"),
        (None, ["--entries", "webinar"], "WORKFLOW=N"),
        (None, ["--entries", "nope=3"], "no workflow 'nope'"),
        (None, ["--entries", "webinar=-3"], "above 0"),
    ],
)
def test_bad_input_exits_2_with_one_line(plan_file, capsys, content, argv, message):
    if content is not None:
        plan_file.write_text(content)
    status, out, err = run(capsys, plan_file, *argv)
    assert status == 2 and not out
    assert message in err and err.count("\n") == 1


def test_missing_file_exits_2(tmp_path, capsys):
    status, _, err = run(capsys, tmp_path / "nope.json")
    assert status == 2 and err.startswith("journey: error:")
