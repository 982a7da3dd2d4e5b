"""PostgreSQL wakes idle workers: a writer NOTIFYs new work at commit and a worker waiting on
LISTEN picks it up at once, instead of after its poll (here 30 s, far longer than the test waits)."""

from __future__ import annotations

import threading
import time
from contextlib import contextmanager

from designer.runtime.clock import WallClock
from designer.runtime.contacts import record_live
from designer.runtime.engine import Engine
from designer.runtime.store import Store

from tests.builders import blueprint, node, workflow

from .conftest import add_people, passes, person

LONG_POLL = 30.0  # the fallback: a worker that is not woken looks again only after this
GENEROUS = 15.0  # how long the test waits for the event to be handled (well below LONG_POLL)


def _signup():
    return blueprint(workflow([node("t", "trigger.event", event="signed_up"), node("x", "exit", reason="done")],
                              [("t", "next", "x")], id="welcome"))


@contextmanager
def _worker(eng: Engine, on_tick, *stores: Store):
    """The engine running in a thread until the block ends (then stopped, and everything closed);
    the block starts once the worker has ticked."""
    ticked = threading.Event()

    def tick(done):
        on_tick(done)
        ticked.set()

    worker = threading.Thread(target=eng.run, kwargs={"duration": 3 * LONG_POLL, "on_tick": tick})
    worker.start()
    try:
        assert ticked.wait(GENEROUS), "the worker never ticked"
        yield
    finally:
        eng.stop()
        worker.join(LONG_POLL + 5)
        eng.close()
        for store in stores:
            store.close()
    assert not worker.is_alive()


def test_an_idle_worker_is_woken_by_an_event_another_connection_writes(pg_url):
    store, writer = Store(pg_url), Store(pg_url)  # the worker's store, and another client's
    add_people(store, person("c1"))
    eng = Engine(store, _signup(), WallClock(), poll=LONG_POLL, check_every=0.0)
    ticks, enrolled = [], threading.Event()

    def on_tick(done):
        ticks.append(time.monotonic())
        if done["enrolled"]:
            enrolled.set()

    with _worker(eng, on_tick, store, writer):
        time.sleep(0.5)  # it found nothing to do and waits on LISTEN (at most LONG_POLL)
        idle_ticks = len(ticks)
        with writer.write() as conn:
            record_live(conn, [{"contact_id": "c1", "name": "signed_up", "time": time.time()}])
        assert enrolled.wait(GENEROUS), "the event was not picked up before the long poll"
        assert len(ticks) <= idle_ticks + 3  # woken, not polling in the meantime
        assert eng.totals["notified"] >= 1
        assert passes(store)["c1"]["state"] == "exited"


def test_a_worker_whose_listening_connection_breaks_goes_back_to_polling(pg_url):
    from sqlalchemy import text

    store, writer = Store(pg_url), Store(pg_url)
    add_people(store, person("c1"))
    eng = Engine(store, _signup(), WallClock(), poll=LONG_POLL, check_every=0.0)
    with _worker(eng, lambda done: None, store, writer):
        with writer.write() as conn:  # the server drops the worker's listening connection
            killed = conn.execute(text("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                                       "WHERE datname = current_database() AND query LIKE 'LISTEN%'")).scalar_one()
        assert killed == 1
        _until(lambda: eng.poll != LONG_POLL)
        assert eng.poll <= 0.2  # polls from now on
        with writer.write() as conn:
            record_live(conn, [{"contact_id": "c1", "name": "signed_up", "time": time.time()}])
        # The pass is written when it starts and again when it ends: wait for its end, not its start.
        _until(lambda: passes(store).get("c1", {}).get("state") == "exited")
        assert passes(store)["c1"]["state"] == "exited"


def _until(condition) -> None:
    deadline = time.monotonic() + GENEROUS
    while not condition() and time.monotonic() < deadline:
        time.sleep(0.05)


def test_sqlite_runners_keep_polling_and_have_no_listener(tmp_path):
    store = Store(tmp_path / "run.db")
    eng = Engine(store, _signup(), WallClock())
    assert store.listener() is None and eng.poll == 0.2
    eng.close()
    store.close()
