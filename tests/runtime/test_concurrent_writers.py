"""PostgreSQL with several writers: events committed out of id order are all read, and a
deadlock between two workers is retried, not a traceback (SQLite has one writer: no such case)."""

from __future__ import annotations

import threading
import time

import pytest
from designer.runtime.contacts import add_events
from designer.runtime.store import Store, StoreConflict
from sqlalchemy import text

from tests.builders import blueprint, node, workflow

from .conftest import T0, add_people, engine, passes, person


def _signup():
    return blueprint(workflow([node("t", "trigger.event", event="signed_up"), node("x", "exit", reason="done")],
                              [("t", "next", "x")], id="welcome"))


def test_an_event_committed_after_a_later_id_is_not_skipped(pg_url, clock):
    store = Store(pg_url)
    add_people(store, person("early"), person("late"))
    eng = engine(store, _signup(), clock)
    clock.set(T0 + 60)
    slow_started, release = threading.Event(), threading.Event()

    def slow_writer() -> None:  # takes its id first, commits last
        with store.write() as conn:
            add_events(conn, [{"contact_id": "early", "name": "signed_up", "time": T0 + 30}])
            slow_started.set()
            release.wait(10)

    writer = threading.Thread(target=slow_writer)
    writer.start()
    assert slow_started.wait(10)
    with store.write() as conn:  # a larger id, committed at once
        add_events(conn, [{"contact_id": "late", "name": "signed_up", "time": T0 + 31}])
    with store.read() as conn:
        ids = dict(conn.execute(text("SELECT contact_id, id FROM event")).all())
    assert ids == {"late": ids["late"]}, "the slow writer's event is not visible yet"
    ticking = threading.Thread(target=eng.run, kwargs={"once": True})
    ticking.start()
    time.sleep(0.3)  # the reader waits for the writer in flight instead of reading past it
    release.set()
    writer.join()
    ticking.join(30)
    with store.read() as conn:
        ids = dict(conn.execute(text("SELECT contact_id, id FROM event")).all())
    assert ids["early"] < ids["late"]
    assert {c: p["state"] for c, p in passes(store).items()} == {"early": "exited", "late": "exited"}
    eng.close()
    store.close()


def test_a_deadlock_between_workers_is_a_retryable_store_error(pg_url):
    store = Store(pg_url)
    add_people(store, person("a"), person("b"))
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def work(first: str, second: str) -> None:
        try:
            with store.write() as conn:
                conn.execute(text("UPDATE contact SET score = score + 1 WHERE id = :i"), {"i": first})
                barrier.wait(5)
                conn.execute(text("UPDATE contact SET score = score + 1 WHERE id = :i"), {"i": second})
        except BaseException as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=work, args=p) for p in (("a", "b"), ("b", "a"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert len(errors) == 1 and isinstance(errors[0], StoreConflict), errors
    assert "another worker changed the same rows" in str(errors[0]) and "\n" not in str(errors[0])
    store.close()


@pytest.mark.parametrize("url", ["postgresql://nobody@127.0.0.1:1/none"])
def test_an_unreachable_server_is_one_line_and_exit_2(url, capsys):
    from designer.cli import main

    assert main(["status", "--db", url]) == 2
    err = capsys.readouterr().err.strip()
    assert "cannot use the PostgreSQL database" in err and "\n" not in err


def test_reading_an_empty_postgresql_database_creates_nothing(pg_url, capsys):
    from designer.cli import main

    assert main(["status", "--db", pg_url]) == 2
    assert "has no journey tables yet" in capsys.readouterr().err
    assert main(["contacts", "sample", "--db", pg_url, "--count", "5", "--no-events"]) == 0
    assert main(["status", "--db", pg_url, "--json"]) == 0
