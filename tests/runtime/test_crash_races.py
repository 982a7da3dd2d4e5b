"""Crash races the soak rarely hits, made to happen: a relay that writes its
delivery log late, and a receiver still processing the dead runner's request
when the survivor resends it (409 for the same Idempotency-Key). Real runner
processes killed with SIGKILL, real SMTP (aiosmtpd) and HTTP on 127.0.0.1."""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections import Counter

from designer.runtime.store import Store

from designer.blueprint import JourneySettings
from designer.fileformat import save
from tests.builders import blueprint, node, workflow

from .conftest import rows
from .crashkit import add_contacts, all_done, runner
from .servers import HookServer, MailServer


def _setup(tmp_path, send, config: str):
    nodes = [node("t", "trigger.manual", list_name="crash"), send, node("x", "exit", reason="done")]
    bp = blueprint(workflow(nodes, [("t", "next", "s"), ("s", "next", "x")], id="crash", goal=None,
                            settings=JourneySettings(quiet_hours=None)))
    save(bp, tmp_path / "bp.json")
    (tmp_path / "c.toml").write_text(config, encoding="utf-8")
    store = Store(tmp_path / "r.db", busy_timeout=30)
    add_contacts(store, 0, 1)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["tests.runtime.crashkit"])
    return store, ctx, (str(tmp_path / "r.db"), str(tmp_path / "bp.json"), str(tmp_path / "c.toml"))


def _wait(condition, seconds: float, what: str) -> None:
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, what
        time.sleep(0.005)


def _finish(ctx, args, store) -> None:
    survivor = ctx.Process(target=runner, args=args)
    survivor.start()
    survivor.join(30)
    assert not survivor.is_alive() and all_done(store)


def test_an_email_whose_delivery_log_comes_late_is_not_sent_twice(tmp_path):
    mail = MailServer(tmp_path / "mail.log", log_delay=1.5)  # inside the documented 2 s grace
    try:
        store, ctx, args = _setup(tmp_path, node("s", "send.email", subject="Hi", body="Once."), (
            "[delivery]\nbackoff_seconds = 0.01\nin_doubt_grace_seconds = 2\n\n"
            f"[channels.email]\nconnector = \"smtp\"\nhost = \"127.0.0.1\"\nport = {mail.port}\n"
            f"timeout_seconds = 20\nconfirm_log = \"{mail.log}\"\n"))
        mail.rcpt_delay = 2.5  # a slow relay: the send was stamped longer ago than the grace
        first = ctx.Process(target=runner, args=args)
        # The runner stops the moment its message is in (it never hears the 250), then dies.
        mail.on_data = lambda: os.kill(first.pid, signal.SIGSTOP)
        first.start()
        _wait(lambda: mail.received, 20, "the first runner never sent")
        first.kill()
        first.join()
        mail.rcpt_delay = 0.0
        _finish(ctx, args, store)  # the relay logs the message 1.5 s after its 250
        time.sleep(1.7)  # every late log line is written by now
        ids = Counter(mail.ids())
        assert len(ids) == 1 and set(ids.values()) == {1}, ids
        assert len(mail.received) == 1, "the email reached the relay twice"
        assert [r["state"] for r in rows(store, "SELECT state FROM outbox")] == ["sent"]
        store.close()
    finally:
        mail.close()


def test_a_resend_answered_409_while_the_first_is_processed_is_not_failed(tmp_path):
    hook = HookServer(hang_seconds=3.0, conflict=True)  # the dead runner's request takes 3 s
    hook.script = {"/x": ["hang"]}
    try:
        store, ctx, args = _setup(tmp_path, node("s", "send.webhook", url=hook.url("/x"), retries=6,
                                                 timeout_seconds=10), (
            "[delivery]\nbackoff_seconds = 0.2\nmax_backoff_seconds = 1\nin_doubt_grace_seconds = 2\n\n"
            "[channels.webhook]\nconnector = \"webhook\"\n"))
        first = ctx.Process(target=runner, args=args)
        first.start()
        _wait(lambda: hook.requests, 20, "the first runner never sent")
        first.kill()  # mid-request: the receiver goes on processing it
        first.join()
        _finish(ctx, args, store)
        (row,) = rows(store, "SELECT key, state, last_error FROM outbox")
        assert row["state"] == "sent", row
        assert hook.applied == Counter({row["key"]: 1})
        assert hook.conflicts[row["key"]] >= 1, "the survivor's resend should have met the request in progress"
        store.close()
    finally:
        hook.close()
