"""A large import and a running runner share the database: the import commits in
chunks (others get the lock between them) and the runner waits out a lock held
longer than its busy timeout instead of exiting."""

from __future__ import annotations

import csv
import sqlite3
import threading
import time

from designer.runtime import imports
from designer.runtime.clock import WallClock
from designer.runtime.contacts import add_to_list
from designer.runtime.engine import Engine
from designer.runtime.imports import import_contacts_csv
from designer.runtime.store import Store
from tests.builders import blueprint, node, workflow

from .conftest import add_people, person, rows


def test_a_runner_waits_out_a_database_locked_longer_than_its_busy_timeout(tmp_path):
    db = tmp_path / "busy.db"
    store = Store(db, busy_timeout=0.2)
    add_people(store, person("a"))
    wf = workflow([node("t", "trigger.manual", list_name="vip"), node("x", "exit", reason="done")],
                  [("t", "next", "x")], goal=None)
    eng = Engine(store, blueprint(wf), WallClock(), check_every=0.0, poll=0.05)
    errors: list[BaseException] = []

    def run():
        try:
            eng.run(duration=4.0)
        except BaseException as err:  # noqa: BLE001 - the test reports it
            errors.append(err)

    holder = sqlite3.connect(db, timeout=10, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # e.g. an import's long transaction
    thread = threading.Thread(target=run)
    thread.start()
    time.sleep(1.0)  # five times the runner's busy timeout
    holder.execute("ROLLBACK")
    holder.close()
    with store.write() as conn:
        add_to_list(conn, "vip", ["a"], time.time())
    thread.join(10)
    assert not errors, errors
    assert eng.totals["busy_waits"] >= 1
    assert [r["state"] for r in rows(store, "SELECT state FROM enrolment")] == ["exited"]
    store.close()


def test_a_large_import_commits_in_chunks_that_others_can_see(tmp_path):
    n = 8 * getattr(imports, "CHUNK", 5_000)
    source = tmp_path / "big.csv"
    with open(source, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "email", "first_name"])
        out.writerows([f"b{i:06d}", f"b{i}@example.com", "Ann"] for i in range(n))
    store = Store(tmp_path / "big.db")
    result = {}
    thread = threading.Thread(target=lambda: result.update(report=import_contacts_csv(store, source)))
    thread.start()
    seen, other = set(), Store(tmp_path / "big.db", busy_timeout=5.0)
    while thread.is_alive():
        with other.read() as conn:
            seen.add(conn.exec_driver_sql("SELECT count(*) FROM contact").scalar())
        with other.write() as conn:  # a runner's short transaction gets in between chunks
            conn.exec_driver_sql("INSERT OR REPLACE INTO journey_meta(key, value) VALUES ('probe', '1')")
        time.sleep(0.01)
    thread.join()
    assert result["report"].inserted == n
    # One transaction would show only 0, then n; chunks show counts in between.
    assert {c for c in seen if 0 < c < n}, sorted(seen)
    other.close()
    store.close()
