"""Kill a real runner with SIGKILL at random moments, restart it, and check that
no message is lost or delivered twice. Used by tests/runtime/test_crash.py (small)
and benchmarks/crash_soak.py (large).

Runners are forked from a forkserver that has the runtime imported already, so
a restart costs milliseconds, not a Python start-up; each is a real process
killed with SIGKILL (``Process.kill``) at a random point of its run.
"""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path

import httpcore  # noqa: F401  (preloaded in the forkserver: runners start faster)
from designer.runtime.clock import DemoClock
from designer.runtime.contacts import add_to_list, normalise, upsert
from designer.runtime.engine import Engine
from designer.runtime.store import Store, StoreBusy

from designer.blueprint import FrequencyCap, JourneySettings
from designer.fileformat import load, save
from designer.runtime.channels.config import load_config
from tests.builders import blueprint, node, workflow

SPEED = 36_000.0  # one journey hour is 0.1 s


def crash_blueprint(hook_url: str):
    nodes = [node("t", "trigger.manual", list_name="crash"),
             node("h", "send.webhook", url=hook_url, retries=6, timeout_seconds=2, body='{"id": "{{id}}"}'),
             node("e1", "send.email", subject="One for {{first_name}}", body="First."),
             node("w", "wait.delay", amount=1, unit="hours"),
             node("e2", "send.email", subject="Two for {{first_name}}", body="Second."),
             node("x", "exit", reason="done")]
    ids = [n.id for n in nodes]
    settings = JourneySettings(quiet_hours=None, frequency_cap=FrequencyCap(max_messages=100, period_days=1))
    return blueprint(workflow(nodes, [(a, "next", b) for a, b in pairwise(ids)], id="crash", goal=None,
                              settings=settings))


def write_setup(folder: Path, hook_url: str, smtp_port: int, mail_log: Path) -> tuple[Path, Path]:
    bp, config = folder / "crash.json", folder / "connectors.toml"
    save(crash_blueprint(hook_url), bp)
    config.write_text(
        "[delivery]\nbackoff_seconds = 0.01\nmax_backoff_seconds = 0.05\nin_doubt_grace_seconds = 0.2\n\n"
        "[channels.webhook]\nconnector = \"webhook\"\n\n"
        f"[channels.email]\nconnector = \"smtp\"\nhost = \"127.0.0.1\"\nport = {smtp_port}\n"
        f"timeout_seconds = 5\nretries = 6\nconfirm_log = \"{mail_log}\"\n", encoding="utf-8")
    return bp, config


def all_done(store: Store) -> bool:
    with store.read() as conn:
        listed = conn.exec_driver_sql("SELECT count(*) FROM list_entry").scalar()
        ended = conn.exec_driver_sql("SELECT count(*) FROM enrolment WHERE state != 'active'").scalar()
        busy = conn.exec_driver_sql("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')").scalar()
    return listed == ended and not busy


def runner(db: str, bp_path: str, config_path: str) -> None:
    """One runner process: tick until everything is done (unless killed first)."""
    store = Store(db, busy_timeout=30)
    config, secrets = load_config(config_path)
    clock = DemoClock(SPEED, start=max(time.time(), store.clock_now() or 0.0))
    engine = Engine(store, load(bp_path), clock, config=config, secrets=secrets, batch=5, check_every=0)
    engine.recover_every = 0.2
    while not all_done(store):
        try:
            engine.tick()
        except StoreBusy:  # another worker held a lock too long, or a deadlock it could not retry away
            pass
        time.sleep(0.003)
    os._exit(0)


def add_contacts(store: Store, start: int, count: int) -> list[str]:
    ids = [f"k{n:05d}" for n in range(start, start + count)]
    with store.write() as conn:
        upsert(conn, [normalise({"id": i, "first_name": "Kim", "email": f"{i}@example.com",
                                 "consent": {"email": True}}) for i in ids], 0.0)
        add_to_list(conn, "crash", ids, 0.0)
    return ids


@dataclass
class SoakResult:
    kills: int = 0
    runs: int = 0
    contacts: list[str] = field(default_factory=list)


def soak(folder: Path, hook_url: str, smtp_port: int, mail_log: Path, kills: int, per_round: int,
         seed: int = 1, max_delay: float = 0.08, db: str | None = None, workers: int = 1) -> SoakResult:
    """Add contacts round by round and kill runners at random until ``kills`` kills, then finish cleanly.
    ``db``: the database (default: crash.db in ``folder``); ``workers`` > 1 (PostgreSQL): that many
    runners work side by side, and one of them is killed at a time."""
    bp, config = write_setup(folder, hook_url, smtp_port, mail_log)
    db = db or str(folder / "crash.db")
    store = Store(db, busy_timeout=30)
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([__name__])
    rng = random.Random(seed)
    result = SoakResult()
    args = (str(db), str(bp), str(config))
    if workers > 1:
        return _soak_workers(store, ctx, args, rng, result, kills, per_round, max_delay, workers)
    while result.kills < kills:
        result.contacts += add_contacts(store, len(result.contacts), per_round)
        while not all_done(store) and result.kills < kills:
            before = _clock(store)
            proc = ctx.Process(target=runner, args=args)
            proc.start()
            _working(store, proc, before)  # kill while it works, not while it starts up
            proc.join(rng.uniform(0.0, max_delay))
            result.runs += 1
            if proc.is_alive():
                proc.kill()  # SIGKILL
                result.kills += 1
            proc.join()
    for _ in range(20):  # then let one runner finish the work
        proc = ctx.Process(target=runner, args=args)
        proc.start()
        proc.join(60)
        result.runs += 1
        if all_done(store):
            break
    store.close()
    return result


def _soak_workers(store: Store, ctx, args: tuple, rng: random.Random, result: SoakResult, kills: int,
                  per_round: int, max_delay: float, workers: int) -> SoakResult:
    running: list = []
    try:
        while result.kills < kills:
            result.contacts += add_contacts(store, len(result.contacts), per_round)
            while not all_done(store) and result.kills < kills:
                running = [p for p in running if p.is_alive()]
                while len(running) < workers:  # restart the killed ones
                    before = _clock(store)
                    proc = ctx.Process(target=runner, args=args)
                    proc.start()
                    running.append(proc)
                    result.runs += 1
                    _working(store, proc, before)
                time.sleep(rng.uniform(0.0, max_delay))
                victim = rng.choice(running)
                if victim.is_alive():
                    victim.kill()  # SIGKILL, while the others keep working
                    result.kills += 1
                victim.join()
        for _ in range(60):  # then let a full set of workers finish the work
            running = [p for p in running if p.is_alive()]
            while len(running) < workers:
                proc = ctx.Process(target=runner, args=args)
                proc.start()
                running.append(proc)
                result.runs += 1
            for proc in running:
                proc.join(30)
            if all_done(store):
                break
    finally:
        for proc in running:
            if proc.is_alive():
                proc.kill()
            proc.join()
        store.close()
    return result


def _clock(store: Store) -> str | None:
    with store.read() as conn:
        return conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'clock'").scalar()


def _working(store: Store, proc, before: str | None, limit: float = 5.0) -> None:
    """Wait until the runner has committed its first transaction (it moves the run's clock)."""
    end = time.monotonic() + limit
    while proc.is_alive() and _clock(store) == before and time.monotonic() < end:
        time.sleep(0.002)


def check(store: Store, contacts: list[str], hook, mail) -> Counter:
    """The invariants; raises AssertionError. Returns a few counts for reporting."""
    with store.read() as conn:
        q = conn.exec_driver_sql
        passes = q("SELECT contact_id, state, reason FROM enrolment").all()
        box = q("SELECT key, channel, state, contact_id FROM outbox").all()
        visits = q("SELECT enrolment_id, node_id, count(*) FROM step WHERE what = 'passed' "
                   "GROUP BY enrolment_id, node_id HAVING count(*) > 1").all()
    assert sorted(p.contact_id for p in passes) == sorted(contacts), "every contact enrolled exactly once"
    assert {(p.state, p.reason) for p in passes} == {("exited", "done")}, "every contact finished the journey"
    assert not visits, f"a step was recorded twice: {visits[:3]}"
    assert len(box) == 3 * len(contacts) and {b.state for b in box} == {"sent"}, Counter(b.state for b in box)
    hooks = {b.key for b in box if b.channel == "webhook"}
    mails = {b.key for b in box if b.channel == "email"}
    assert set(hook.applied) == hooks and set(hook.applied.values()) == {1}, "each webhook applied exactly once"
    received = Counter(i.strip("<>").split("@")[0] for i in mail.ids())
    assert set(received) == mails, "no email lost"
    assert set(received.values()) == {1}, f"an email was delivered twice: {[k for k, v in received.items() if v > 1]}"
    return Counter(webhook_requests=len(hook.requests), webhook_resends=sum(hook.duplicates.values()),
                   emails=sum(received.values()))
