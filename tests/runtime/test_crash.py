"""SIGKILL the runner at >= 50 random points while it sends webhooks and emails to
local servers; after every restart the run completes, nothing is lost or doubled."""

from __future__ import annotations

from designer.runtime.store import Store

from .crashkit import check, soak


def test_sigkill_at_random_points_loses_nothing_and_doubles_nothing(tmp_path, hook, mail):
    result = soak(tmp_path, hook.url("/crash"), mail.port, mail.log, kills=50, per_round=4)
    assert result.kills >= 50
    store = Store(tmp_path / "crash.db")
    counts = check(store, result.contacts, hook, mail)
    store.close()
    assert counts["emails"] == 2 * len(result.contacts)
