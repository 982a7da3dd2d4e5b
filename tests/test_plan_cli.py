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


# --- entries per week from a saved dry-run -------------------------------------------


def _ab_test_blueprint(name: str = "A/B programme"):
    """One experiment workflow with an experiment node (two variants, 10% holdout), estimate 900 a week."""
    from designer.blueprint import Blueprint, QueueEntry
    from designer.examples import welcome_workflow

    from .queue_fixtures import _with_experiment_node

    wf = welcome_workflow("ab")
    _with_experiment_node(wf)
    wf.queue = QueueEntry(category="experiment", status="planned", experiment=ExperimentPlan(
        baseline_rate=0.10, minimum_detectable_effect=0.02, weekly_entries=900))
    return Blueprint(name=name, variables={"brand": "Acme"}, workflows=[wf])


@pytest.fixture
def dry_run_db(tmp_path, db_target):
    """A real dry-run of the A/B blueprint saved to a database (an SQLite file, then a PostgreSQL
    database); returns (blueprint file, db, its weekly entries)."""
    from designer.runtime.dryrun.forecast import run_forecast, weekly_entries
    from designer.runtime.dryrun.forecast_store import save_forecast

    bp = _ab_test_blueprint()
    path, db = tmp_path / "ab.json", db_target
    save(bp, path)
    report = run_forecast(bp, 400, days=14)
    assert report["workflows"][0]["branches"][0]["lift_vs_holdout"]  # the experiment node was reached
    save_forecast(db, report, source_file=str(path))
    return path, db, weekly_entries(report)["ab"]


def test_plan_takes_the_experiments_weeks_from_the_dry_run(dry_run_db, capsys):
    path, db, weekly = dry_run_db
    assert weekly and weekly != 900
    status, out, err = run(capsys, path, "--sample-size", "--json", "--db", db)
    ab = json.loads(out)["experiments"][0]
    assert status == 0 and ab["weekly_source"] == "dry-run" and ab["weekly_entries"] == pytest.approx(weekly)
    assert ab["weeks"] == pytest.approx(3841 / (weekly * 0.45), abs=0.01)  # each variant gets 45%
    assert "entries per week from dry-run #1 of 'A/B programme'" in err
    status, out, _ = run(capsys, path, "--sample-size", "--db", db)
    assert f"{weekly:,.0f} (dry-run)" in out
    status, out, _ = run(capsys, path, "--format", "md", "--db", db)
    assert f"at {weekly:,.0f} entries a week (dry-run)" in out
    status, out, _ = run(capsys, path, "--sample-size", "--json", "--db", db, "--entries", "ab=500")
    assert json.loads(out)["experiments"][0]["weekly_entries"] == 500  # --entries wins


def test_plan_prefers_this_blueprints_run_else_the_latest(dry_run_db, tmp_path, capsys):
    from designer.runtime.dryrun.forecast import run_forecast, weekly_entries
    from designer.runtime.dryrun.forecast_store import save_forecast
    from designer.runtime.dryrun.weekly_entries import latest_entries

    _path, db, weekly = dry_run_db
    other = run_forecast(_ab_test_blueprint("Another programme"), 100, days=7)
    save_forecast(db, other)  # newer, of another blueprint
    found = latest_entries(db, "A/B programme")
    assert found.run_id == 1 and found.matched and found.weekly["ab"] == weekly
    renamed = _ab_test_blueprint("Renamed")
    save(renamed, tmp_path / "renamed.json")
    status, out, err = run(capsys, tmp_path / "renamed.json", "--sample-size", "--json", "--db", db)
    assert status == 0 and "dry-run #2 of 'Another programme'" in err and "the latest run instead" in err
    assert json.loads(out)["experiments"][0]["weekly_entries"] == pytest.approx(weekly_entries(other)["ab"])
    assert weekly_entries(other)["ab"] != weekly


def test_plan_db_without_a_dry_run_or_missing(plan_file, tmp_path, capsys):
    from designer.runtime.dryrun.forecast_store import list_runs

    list_runs(tmp_path / "empty.db")  # creates the tables, no run
    status, out, err = run(capsys, plan_file, "--sample-size", "--json", "--db", tmp_path / "empty.db")
    assert status == 0 and "no dry-run saved" in err
    assert {e["weekly_source"] for e in json.loads(out)["experiments"]} == {"estimate", None}
    status, out, err = run(capsys, plan_file, "--db", tmp_path / "nope.db")
    assert status == 2 and not out and "no such database" in err
    (tmp_path / "text.db").write_text("not a database " * 100)
    status, out, err = run(capsys, plan_file, "--db", tmp_path / "text.db")
    assert status == 2 and "not a dry-run database" in err


def test_plan_db_url_without_a_dry_run_or_server(plan_file, pg_url, capsys):
    status, out, err = run(capsys, plan_file, "--sample-size", "--json", "--db", pg_url)
    assert status == 0 and f"no dry-run saved in {pg_url}" in err  # read only: nothing created
    from designer.runtime.dryrun.forecast_store import list_runs

    assert list_runs(pg_url) == []
    status, out, err = run(capsys, plan_file, "--db", "postgresql://ann:s3cret@127.0.0.1:1/nowhere")
    assert status == 2 and not out and "cannot use the database postgresql://ann:***@127.0.0.1:1/nowhere" in err
    assert "s3cret" not in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
