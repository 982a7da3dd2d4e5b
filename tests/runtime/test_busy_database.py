"""A large import and a running runner share the database: the import commits in
chunks (others get the lock between them) and the runner waits out a lock held
longer than its busy timeout instead of exiting."""

from __future__ import annotations

import csv
import sqlite3
import threading
import time
from contextlib import contextmanager

from designer.runtime.clock import WallClock
from designer.runtime.contacts import add_to_list
from designer.runtime.engine import Engine
from designer.runtime.store import Store

from designer.runtime import imports
from designer.runtime.imports import import_contacts_csv
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
    """After each of the import's write transactions, another connection sees the rows
    committed so far and gets the write lock at once (no racing thread: the observer
    runs between chunks, so the test does not depend on the machine's speed)."""
    n = 8 * imports.CHUNK
    source = tmp_path / "big.csv"
    with open(source, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["id", "email", "first_name"])
        out.writerows([f"b{i:06d}", f"b{i}@example.com", "Ann"] for i in range(n))
    store = Store(tmp_path / "big.db")
    other = Store(tmp_path / "big.db", busy_timeout=0.5)  # short: a held lock would fail it
    seen: list[int] = []
    real_write = store.write

    @contextmanager
    def observed_write():
        with real_write() as conn:
            yield conn
        with other.read() as look:
            seen.append(look.exec_driver_sql("SELECT count(*) FROM contact").scalar())
        with other.write() as look:  # a runner's short transaction gets in between chunks
            look.exec_driver_sql("INSERT OR REPLACE INTO journey_meta(key, value) VALUES ('probe', '1')")

    store.write = observed_write
    report = import_contacts_csv(store, source)
    assert report.inserted == n
    # One transaction would show only n; chunks show every count in between.
    assert seen == [imports.CHUNK * k for k in range(1, 9)], seen
    other.close()
    store.close()
