"""SIGKILL the runner at >= 50 random points while it sends webhooks and emails to
local servers; after every restart the run completes, nothing is lost or doubled.
The relay writes its delivery log late (inside the grace) and the HTTP receiver
answers 409 to a request whose Idempotency-Key is still being processed, as
Stripe does; tests/runtime/test_crash_races.py forces both races once."""

from __future__ import annotations

import time

import pytest
from designer.runtime.store import Store

from .crashkit import check, soak
from .servers import HookServer, MailServer


def _soak_and_check(tmp_path, kills: int, db=None, **options) -> None:
    """Kill runs at random moments against real webhook and mail servers, then check that every
    contact finished and every message went out exactly once."""
    hook, mail = HookServer(hang_seconds=0.6, conflict=True), MailServer(tmp_path / "mail.log", log_delay=0.1)
    try:
        result = soak(tmp_path, hook.url("/crash"), mail.port, mail.log, kills=kills,
                      **({"db": db} if db else {}), **options)
        assert result.kills >= kills
        time.sleep(0.3)  # the relay's last late log lines
        store = Store(db or tmp_path / "crash.db")
        counts = check(store, result.contacts, hook, mail)
        store.close()
        assert counts["emails"] == 2 * len(result.contacts)
    finally:
        hook.close()
        mail.close()


def test_sigkill_at_random_points_loses_nothing_and_doubles_nothing(tmp_path):
    _soak_and_check(tmp_path, kills=50, per_round=4)


@pytest.mark.parametrize("workers", [2, 4])
def test_several_workers_on_postgresql_killed_at_random_lose_and_double_nothing(tmp_path, pg_url, workers):
    """Workers claim due enrolments and outbox rows with SKIP LOCKED: killing any of them at any
    moment, while the others go on, loses no message and sends none twice."""
    _soak_and_check(tmp_path, kills=30, db=pg_url, per_round=12, workers=workers, seed=workers)
