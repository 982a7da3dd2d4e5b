"""``journey dry-run``: report, JSON, runs, database, tracing, errors, and the example's plausibility."""

from __future__ import annotations

import json

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import save
from designer.runtime.dryrun.forecast_store import list_runs, load_forecast, load_path
from tests.builders import blueprint, node, workflow


@pytest.fixture
def example_file(tmp_path):
    path = tmp_path / "example.journey.json"
    save(example_blueprint(), path)
    return path


def _json(capsys, *argv) -> dict:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_example_forecast_is_plausible(example_file, capsys):
    r = _json(capsys, "dry-run", str(example_file), "--json")
    wf = r["workflows"][0]
    nodes = {n["id"]: n for n in wf["nodes"]}
    assert r["contacts"] == 1000 and wf["enrolled"] == 1000  # everyone signs up within the arrival period
    assert 0.03 < wf["goal"]["rate"] < 0.3  # a welcome journey converts a modest share
    welcome = wf["messages"][0]
    assert 0.15 < welcome["open_rate"] < 0.35 and welcome["no_consent"] > 0
    opened = nodes["n4"]["passed"]
    assert opened["yes"] + opened["no"] + nodes["n2"]["converted"] + nodes["n3"]["converted"] == 1000
    ttg = wf["goal"]["time_to_goal_hours"]
    assert 0 < ttg["median"] <= ttg["p90"] <= 14 * 24
    assert r["channels"]["email"]["per_day"][0] > 0 and len(r["channels"]["email"]["per_day"]) == 30
    assert 1 <= r["pressure"]["max_in_a_week"] <= 3
    assert "paths" not in r  # paths go to the database, or to stdout with --trace


def test_same_seed_same_json_and_runs_give_intervals(example_file, capsys):
    argv = ["dry-run", str(example_file), "--json", "--contacts", "300", "--days", "10"]
    assert main([*argv, "--seed", "4"]) == 0
    first = capsys.readouterr().out
    assert main([*argv, "--seed", "4"]) == 0
    assert capsys.readouterr().out == first
    r = _json(capsys, *argv, "--runs", "3")
    assert r["runs"] == 3 and r["seeds"] == [1, 2, 3]
    rate = r["workflows"][0]["goal"]["rate"]
    assert set(rate) == {"mean", "p5", "p95"} and rate["p5"] <= rate["mean"] <= rate["p95"]
    assert len(r["channels"]["email"]["per_day"]["mean"]) == 10


def test_text_report_and_trace(example_file, capsys):
    assert main(["dry-run", str(example_file), "--trace", "c00003"]) == 0
    out = capsys.readouterr().out
    assert "Welcome journey (welcome)" in out and "Opened the welcome email?" in out
    assert "Path of c00003:" in out and "welcome/n1 -> next" in out


def test_saved_to_the_database(example_file, db_target, capsys):
    db = db_target  # an SQLite file, then a PostgreSQL URL
    assert main(["dry-run", str(example_file), "--json", "--db", str(db)]) == 0
    out, err = capsys.readouterr()
    printed = json.loads(out)
    assert f"saved forecast #1 to {db}" in err
    saved = load_forecast(db)
    paths = saved.pop("paths")
    assert saved == printed and len(paths) == 1000
    run = list_runs(db)[0]
    assert run["contacts"] == 1000 and run["source_file"] == str(example_file)
    assert load_path(db, run["id"], "c00003") == paths["c00003"]


def test_a_database_url_that_cannot_be_used_exits_2_with_the_password_hidden(example_file, capsys):
    assert main(["dry-run", str(example_file), "--db", "postgresql://ann:s3cret@127.0.0.1:1/nowhere"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("journey: error: --db: cannot use the database postgresql://ann:***@127.0.0.1:1/nowhere")
    assert "s3cret" not in err and len(err.strip().splitlines()) == 1


def test_bad_input_exits_2_and_an_invalid_journey_exits_1(example_file, tmp_path, capsys):
    for argv in (["--workflow", "nope"], ["--contacts", "nowhere.csv"], ["--trace", "nobody"], ["--runs", "0"]):
        assert main(["dry-run", str(example_file), *argv]) == 2
        assert capsys.readouterr().err.startswith("journey: error:")
    broken = tmp_path / "broken.json"
    save(blueprint(workflow([node("e", "send.email")], [])), broken)
    assert main(["dry-run", str(broken)]) == 1
    assert "cannot dry-run" in capsys.readouterr().err


def test_csv_contacts(example_file, tmp_path, capsys):
    csv = tmp_path / "people.csv"
    csv.write_text("id,email,timezone,tags,consent_email,consent_sms,city\n"
                   "a1,a@example.com,Asia/Shanghai,vip;new,yes,no,Shanghai\n"
                   "a2,,UTC,,yes,yes,London\n")
    r = _json(capsys, "dry-run", str(example_file), "--json", "--contacts", str(csv))
    assert r["contacts"] == 2
    welcome = r["workflows"][0]["messages"][0]
    assert welcome["no_address"] == 1


def test_bundled_sample_csv_is_read_like_an_import(tmp_path, capsys):
    """The dry-run reads `consent.<channel>` and `attr.<name>` columns as `journey contacts import` does:
    the contacts who said no to SMS in the file are the ones suppressed for no consent, and attr.city is there."""
    import csv

    from designer.runtime.contacts import SAMPLE_DIR

    path = tmp_path / "sms.journey.json"
    save(blueprint(workflow([node("t", "trigger.manual", list_name="all"), node("c", "branch.condition",
                                                                            condition='city == "Shanghai"'),
                             node("s", "send.sms", text="Hi"), node("e", "send.email", subject="Hi")],
                            [("t", "next", "c"), ("c", "yes", "s"), ("c", "no", "e")])), path)
    with open(SAMPLE_DIR / "contacts.csv", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    shanghai = [r for r in rows if r["attr.city"] == "Shanghai"]
    others = [r for r in rows if r["attr.city"] != "Shanghai"]
    r = _json(capsys, "dry-run", str(path), "--json", "--contacts", str(SAMPLE_DIR / "contacts.csv"), "--days", "3")
    messages = {m["node"]: m for m in r["workflows"][0]["messages"]}
    assert r["contacts"] == len(rows) and 0 < len(shanghai) < len(rows)
    assert messages["s"]["no_consent"] == sum(x["consent.sms"] == "no" for x in shanghai) > 0
    assert messages["e"]["no_consent"] == sum(x["consent.email"] == "no" for x in others) > 0
    assert messages["e"]["no_address"] == sum(x["consent.email"] == "yes" and not x["email"] for x in others)


def test_bad_csv_row_is_left_out_with_its_line_and_reason(example_file, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text("id,email,timezone\nb1,b@example.com,Mars/Base\nb2,b2@example.com,UTC\n")
    r = _json(capsys, "dry-run", str(example_file), "--json", "--contacts", str(path))
    assert r["contacts"] == 1 and r["skipped_rows"][0]["line"] == 2 and "Mars/Base" in r["skipped_rows"][0]["reason"]
