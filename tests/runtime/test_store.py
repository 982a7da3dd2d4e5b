"""The database file: schema versions and upgrades, corrupt, locked and foreign files."""

from __future__ import annotations

import hashlib
import sqlite3

import pytest
from designer.runtime.contacts import load_sample
from designer.runtime.store import Store, StoreError
from designer.runtime.tables import SCHEMA_VERSION

from designer.cli import main
from designer.examples import example_blueprint

from .conftest import T0, add_event, add_people, engine, person, rows


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_wal_and_versioned(tmp_path):
    store = Store(tmp_path / "new.db")
    assert store.schema_version() == SCHEMA_VERSION
    store.close()
    con = sqlite3.connect(tmp_path / "new.db")
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()


def test_older_database_is_upgraded_on_open(tmp_path, clock):
    path = tmp_path / "old.db"
    store = Store(path)
    add_people(store, person("a"))
    eng = engine(store, example_blueprint(), clock)
    add_event(store, "a", "signed_up", T0 + 1)
    clock.set(T0 + 2)
    eng.tick()
    store.close()
    con = sqlite3.connect(path)  # make it look like schema 1: no counters, no claimer column
    con.executescript("DROP TABLE node_count; ALTER TABLE outbox DROP COLUMN owner; "
                      "UPDATE journey_meta SET value = '1' WHERE key = 'schema_version';")
    con.close()
    store = Store(path)
    assert store.schema_version() == SCHEMA_VERSION
    counts = {r["node_id"]: r for r in rows(store, "SELECT * FROM node_count")}
    assert counts["n1"]["entered"] == 1 and counts["n1"]["passed"] == 1  # rebuilt from the history
    assert rows(store, "SELECT owner FROM outbox") == [{"owner": None}]
    store.close()


def test_newer_database_is_refused(tmp_path):
    Store(tmp_path / "n.db").close()
    con = sqlite3.connect(tmp_path / "n.db")
    con.execute("UPDATE journey_meta SET value = '99' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="newer version"):
        Store(tmp_path / "n.db")


@pytest.mark.parametrize("content", [b"this is not a database at all" * 50,
                                     b"SQLite format 3\x00" + b"\xff" * 4000])
def test_corrupt_file_gives_a_clear_error_and_is_not_changed(tmp_path, capsys, content):
    path = tmp_path / "bad.db"
    path.write_bytes(content)
    before = _digest(path)
    with pytest.raises(StoreError) as err:
        Store(path)
    assert "nothing was changed" in str(err.value)
    assert main(["contacts", "sample", "--db", str(path)]) == 2
    line = capsys.readouterr().err
    assert line.startswith("journey: error: ") and line.count("\n") == 1 and "Traceback" not in line
    assert _digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bad.db"]  # no journal or WAL files left behind


def test_foreign_sqlite_database_is_refused(tmp_path):
    con = sqlite3.connect(tmp_path / "other.db")
    con.execute("CREATE TABLE invoices (id INTEGER)")
    con.commit()
    con.close()
    with pytest.raises(StoreError, match="not a journey database"):
        Store(tmp_path / "other.db")


def test_locked_database_gives_a_clear_error_and_changes_nothing(tmp_path, capsys):
    path = tmp_path / "busy.db"
    store = Store(path)
    load_sample(store, 20, end=T0)
    store.close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another process is writing
    try:
        code = main(["contacts", "sample", "--db", str(path), "--count", "40", "--busy-timeout", "0.2"])
        assert code == 2
        assert "is locked by another process" in capsys.readouterr().err
        code = main(["run", str(_blueprint_file(tmp_path)), "--db", str(path), "--busy-timeout", "0.2"])
        assert code == 2
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    store = Store(path)
    assert rows(store, "SELECT count(*) AS n FROM contact")[0]["n"] == 20
    assert rows(store, "SELECT count(*) AS n FROM workflow_state")[0]["n"] == 0
    store.close()


def _blueprint_file(folder):
    from designer.fileformat import save

    path = folder / "bp.json"
    save(example_blueprint(), path)
    return path
