"""``journey calibrate`` and ``journey backtest`` on a database produced by a real durable run
driven by a known behaviour model (tests/calibration/realrun.py)."""

from __future__ import annotations

import json

import pytest

from designer.calibration.fit import calibrate
from designer.calibration.rates import rate, wilson
from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import load, save
from tests.runtime.conftest import T0

from .realrun import MODEL, real_run

FROM, TO = "2025-03-03", "2025-03-10"


@pytest.fixture(scope="module")
def run_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("realrun") / "run.db"
    real_run(path).close()
    return path


@pytest.fixture(scope="module")
def welcome(tmp_path_factory):
    path = tmp_path_factory.mktemp("bp") / "welcome.journey.json"
    save(example_blueprint(), path)
    return path


def _cli(capsys, *argv, code=0):
    assert main(list(argv)) == code
    return capsys.readouterr()


def test_wilson_interval_and_the_30_contact_floor():
    low, high = wilson(10, 100)
    assert (round(low, 4), round(high, 4)) == (0.0552, 0.1744)  # the textbook value for 10/100
    assert rate(5, 29)["rate"] is None and "fewer than 30" in rate(5, 29)["note"]
    assert rate(5, 30)["rate"] == round(5 / 30, 6)


def test_calibration_recovers_the_models_rates(run_db):
    fit = calibrate(run_db, window_days=14)
    email, sms = fit["channels"]["email"], fit["channels"]["sms"]
    for got, want in ((email["open"], MODEL["email"]["open"]), (email["click"], MODEL["email"]["click"]),
                      (sms["open"], MODEL["sms"]["open"]), (sms["click"], MODEL["sms"]["click"]),
                      (fit["events"]["purchased"]["probability"], MODEL["purchased"]["probability"]),
                      (email["delivery"], 1.0)):
        assert got["low"] <= want <= got["high"], (got, want)
    assert abs(email["open_delay"]["hours"] - MODEL["email"]["open_hours"]) < 1.5
    assert abs(fit["events"]["purchased"]["delay"]["hours"] - MODEL["purchased"]["hours"]) < 20
    assert "signed_up" not in fit["events"]  # the trigger is not a response
    assert fit["simulation"]["channels"]["email"]["open_rate"] == email["open"]["rate"]
    steps = {(s["node"], s.get("port")) for s in fit["steps"]}
    assert ("n2", None) in steps and ("n4", "yes") in steps


def test_too_few_contacts_are_not_reported(run_db):
    fit = calibrate(run_db, since=None, until=T0 + 3 * 3600)  # the first hours only
    assert fit["events"]["purchased"]["probability"]["rate"] is None
    assert "fewer than 30" in fit["events"]["purchased"]["probability"]["note"]
    assert "purchased" not in fit["simulation"].get("events", {})


def test_calibrate_cli_writes_the_model_and_merges_it_into_a_blueprint(run_db, tmp_path, capsys):
    bp = tmp_path / "bp.journey.json"
    save(example_blueprint(), bp)
    out = _cli(capsys, "calibrate", "--db", str(run_db), "--window", "14", "-o", str(tmp_path / "m.json"),
               "--into", str(bp))
    assert "email       open" in out.out and "Wilson" in out.out
    model = json.loads((tmp_path / "m.json").read_text())
    merged = load(bp).simulation
    assert merged.channels["email"].open_rate == model["channels"]["email"]["open"]["rate"]
    assert merged.events["purchased"].probability == model["events"]["purchased"]["probability"]["rate"]
    data = json.loads(_cli(capsys, "calibrate", "--db", str(run_db), "--json").out)
    assert data["channels"]["sms"]["open"]["of"] > 300


def test_segments_of_the_blueprint_are_fitted_on_their_own(run_db, tmp_path, capsys):
    from designer.simulation_model import SimulationModel

    bp = tmp_path / "seg.journey.json"
    save(example_blueprint().model_copy(update={"simulation": SimulationModel(segments=[
        {"name": "first half", "condition": 'id < "c0300"'}, {"name": "tiny", "condition": 'id == "c0001"'}])}), bp)
    out = _cli(capsys, "calibrate", "--db", str(run_db), "--window", "14", "--into", str(bp)).out
    assert "Segment 'first half' (300 contacts):" in out
    seg = load(bp).simulation.segments
    assert seg[0].channels["email"].open_rate is not None and seg[0].events["purchased"].probability is not None
    assert not seg[1].events and not seg[1].channels  # one contact: nothing reported
    fit = calibrate(run_db, window_days=14, segments=load(bp).simulation.segments)
    first = fit["segments"][0]
    assert first["channels"]["email"]["open"]["low"] <= MODEL["email"]["open"] <= first["channels"]["email"]["open"]["high"]
    assert "fewer than 30" in fit["segments"][1]["events"]["purchased"]["note"]


def test_calibrate_bad_input_exits_2_and_writes_nothing(run_db, tmp_path, capsys):
    assert "no such database" in _cli(capsys, "calibrate", "--db", str(tmp_path / "nope.db"), code=2).err
    other = tmp_path / "other.db"
    import sqlite3

    sqlite3.connect(other).execute("CREATE TABLE x (a)").connection.close()
    assert "not a journey runtime database" in _cli(capsys, "calibrate", "--db", str(other), code=2).err
    assert "not a date" in _cli(capsys, "calibrate", "--db", str(run_db), "--since", "March", code=2).err
    broken = tmp_path / "broken.journey.json"
    broken.write_text("{not json")
    _cli(capsys, "calibrate", "--db", str(run_db), "--into", str(broken), code=2)
    assert broken.read_text() == "{not json"  # nothing half-written


def test_backtest_with_its_own_model_is_close_and_a_wrong_model_is_not(run_db, welcome, tmp_path, capsys):
    _cli(capsys, "calibrate", "--db", str(run_db), "--window", "14", "-o", str(tmp_path / "m.json"))
    r = json.loads(_cli(capsys, "backtest", str(welcome), "--db", str(run_db), "--from", FROM, "--to", TO,
                        "--model", str(tmp_path / "m.json"), "--runs", "4", "--json").out)
    figs = {f["figure"]: f for f in r["figures"]}
    assert r["contacts"] == 600 and figs["enrolled"]["error"] == 0
    for name in ("reached 'First-order offer' (n5)", "reached 'SMS reminder' (n6)", "converted"):
        assert abs(figs[name]["relative_error"]) < 0.25, figs[name]
    assert abs(figs["conversion rate"]["error"]) < 0.04
    model = json.loads((tmp_path / "m.json").read_text())["simulation"]
    model["channels"]["email"]["open_rate"] = 0.9
    model["events"]["purchased"]["probability"] = 0.7
    (tmp_path / "wrong.json").write_text(json.dumps(model))
    r = json.loads(_cli(capsys, "backtest", str(welcome), "--db", str(run_db), "--from", FROM, "--to", TO,
                        "--model", str(tmp_path / "wrong.json"), "--json").out)
    figs = {f["figure"]: f for f in r["figures"]}
    assert figs["converted"]["relative_error"] > 0.5 and figs["reached 'SMS reminder' (n6)"]["relative_error"] < -0.5
    text = _cli(capsys, "backtest", str(welcome), "--db", str(run_db), "--from", FROM, "--to", TO).out
    assert "Backtest of 'welcome'" in text and "conversion rate" in text  # fitted from the database itself


def test_backtest_bad_input_exits_2(run_db, welcome, tmp_path, capsys):
    assert "--from must be before --to" in _cli(capsys, "backtest", str(welcome), "--db", str(run_db),
                                                "--from", TO, "--to", FROM, code=2).err
    assert "no contact entered" in _cli(capsys, "backtest", str(welcome), "--db", str(run_db),
                                        "--from", "2024-01-01", "--to", "2024-02-01", code=2).err
    (tmp_path / "bad.json").write_text("[1]")
    assert "not a fitted model" in _cli(capsys, "backtest", str(welcome), "--db", str(run_db), "--from", FROM,
                                        "--to", TO, "--model", str(tmp_path / "bad.json"), code=2).err


def _copy(src, dst) -> None:
    """Every row a calibration reads, from one store to another (same ids)."""
    from sqlalchemy import delete, insert, select

    from designer.runtime.durable import tables as t

    with src.read() as a, dst.write() as b:
        for model in (t.Meta, t.Contact, t.Event, t.WorkflowVersion, t.Enrolment, t.Step, t.Outbox):
            rows = [dict(r._mapping) for r in a.execute(select(model.__table__))]
            b.execute(delete(model.__table__))
            if rows:
                b.execute(insert(model.__table__), rows)


def test_calibrate_and_backtest_read_a_postgresql_database_like_the_sqlite_file(tmp_path, pg_url, welcome, capsys):
    from designer.runtime.store import Store

    server = real_run(pg_url, contacts=150, days=12)
    copy = Store(tmp_path / "copy.db")
    _copy(server, copy)  # the same rows in an SQLite file: the same fit, read through the other dialect
    server.close(), copy.close()
    on_file, on_server = calibrate(tmp_path / "copy.db"), calibrate(pg_url)
    assert on_server.pop("database") == pg_url and on_file.pop("database") == str(tmp_path / "copy.db")
    assert on_server == on_file and on_file["messages"] > 0 and on_file["steps"]
    model = tmp_path / "model.json"
    _cli(capsys, "calibrate", "--db", pg_url, "-o", str(model))
    assert json.loads(model.read_text())["simulation"] == on_file["simulation"]
    out = _cli(capsys, "backtest", str(welcome), "--db", pg_url, "--from", "2025-03-03", "--to", "2025-03-05",
               "--model", str(model), "--json").out
    r = json.loads(out)
    assert r["contacts"] > 0 and {f["figure"]: f for f in r["figures"]}["enrolled"]["error"] == 0
    err = _cli(capsys, "calibrate", "--db", "postgresql://ann:s3cret@127.0.0.1:1/x", code=2).err
    assert "postgresql://ann:***@127.0.0.1:1/x" in err and "s3cret" not in err and len(err.strip().splitlines()) == 1
