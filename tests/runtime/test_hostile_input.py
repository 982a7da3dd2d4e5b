"""Hostile input to the runtime commands: one line and exit 2 for a bad whole,
bad rows reported by line with the rest imported; never a traceback."""

from __future__ import annotations

import json
import sqlite3

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import save


def run(capsys, *argv) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def sample(capsys, db, count=5) -> None:
    assert run(capsys, "contacts", "sample", "--db", db, "--count", count)[0] == 0


def events_in(db) -> int:
    con = sqlite3.connect(db)
    try:
        return con.execute("SELECT COUNT(*) FROM event").fetchone()[0]
    finally:
        con.close()


def test_status_on_a_bad_schema_version_is_one_line(tmp_path, capsys):
    db = tmp_path / "e.db"
    sample(capsys, db)
    con = sqlite3.connect(db)
    con.execute("UPDATE journey_meta SET value = '2b' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    code, _, err = run(capsys, "status", "--db", db)
    assert code == 2
    assert "schema version" in err and "'2b'" in err and len(err.strip().splitlines()) == 1


def test_contact_import_with_bad_scores_reports_lines(tmp_path, capsys):
    db, source = tmp_path / "c.db", tmp_path / "c.csv"
    source.write_text("id,email,score\na1,a1@x.com,inf\na2,a2@x.com,5\na3,a3@x.com,nan\na4,a4@x.com,1e300\n"
                      "a5,a5@x.com,-inf\na6,a6@x.com,7\n")
    code, out, err = run(capsys, "contacts", "import", source, "--db", db, "--json")
    assert code == 1, err
    report = json.loads(out)
    assert report["inserted"] == 2
    assert [b["line"] for b in report["bad"]] == [2, 4, 5, 6]
    assert all("score" in b["reason"] for b in report["bad"])


def test_event_import_with_bad_properties_reports_lines(tmp_path, capsys):
    db, source = tmp_path / "e.db", tmp_path / "e.csv"
    sample(capsys, db)
    deep = "[" * 60_000 + "]" * 60_000
    source.write_text("contact_id,name,time,properties\n"
                      'c00001,a,2025-01-01T00:00:00Z,5\n'
                      'c00001,b,2025-01-01T00:00:00Z,"[1,2]"\n'
                      f'c00001,c,2025-01-01T00:00:00Z,"{deep}"\n'
                      'c00001,d,2025-01-01T00:00:00Z,"{""ok"": 1}"\n'
                      'c00001,e,1e20,\n'
                      'c00001,f,inf,\n')
    before = events_in(db)
    code, out, err = run(capsys, "contacts", "import", source, "--events", "--db", db, "--json")
    assert code == 1, err
    report = json.loads(out)
    assert report["events"] == 1 and events_in(db) == before + 1
    assert [b["line"] for b in report["bad"]] == [2, 3, 4, 6, 7]


def test_an_oversized_cell_is_a_bad_row_in_import_and_dry_run(tmp_path, capsys):
    db, source = tmp_path / "h.db", tmp_path / "h.csv"
    source.write_text("id,email,note\nh1,h1@x.com,fine\nh2,h2@x.com," + "x" * 200_000 + "\nh3,h3@x.com,fine\n")
    code, out, err = run(capsys, "contacts", "import", source, "--db", db, "--json")
    assert code == 1, err
    report = json.loads(out)
    assert report["inserted"] == 2 and [b["line"] for b in report["bad"]] == [3]
    bp = tmp_path / "w.json"
    save(example_blueprint(), bp)
    code, out, err = run(capsys, "dry-run", bp, "--contacts", source, "--days", 3, "--json")
    assert code == 0, err
    assert json.loads(out)["contacts"] == 2
    assert "line 3" in err and "Traceback" not in err


def test_dry_run_contacts_with_an_infinite_score(tmp_path, capsys):
    source, bp = tmp_path / "h.csv", tmp_path / "w.json"
    source.write_text("id,email,score\nh1,h1@x.com,inf\nh2,h2@x.com,3\n")
    save(example_blueprint(), bp)
    code, out, err = run(capsys, "dry-run", bp, "--contacts", source, "--days", 3, "--json")
    assert code == 0, err
    # The dry-run reads the file as `journey contacts import` does: the bad row is left out and reported.
    report = json.loads(out)
    assert report["contacts"] == 1 and report["skipped_rows"][0]["line"] == 2
    assert "score" in report["skipped_rows"][0]["reason"]


@pytest.mark.parametrize("at", ["1e20", "inf", "-inf", "nan", "99999-01-01"])
def test_event_at_an_impossible_time_is_refused_before_storing(tmp_path, capsys, at):
    db = tmp_path / "t.db"
    sample(capsys, db)
    before = events_in(db)
    code, _, err = run(capsys, "event", "c00001", "signed_up", "--db", db, "--at", at)
    assert code == 2, err
    assert "--at" in err and len(err.strip().splitlines()) == 1
    assert events_in(db) == before
