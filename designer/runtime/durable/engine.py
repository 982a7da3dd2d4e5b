"""The durable engine: runs a blueprint's workflows on an SQL store (SQLite, or
PostgreSQL with several workers: see :mod:`.dialect` for who owns which rows).

One :meth:`Engine.tick` runs the phases of :func:`~.tick.run_tick` (the order
the dry-run follows too) on the SQL tables: new events (goals, exit criteria,
event waits), due enrolments in batches (each batch one transaction: claim ->
advance -> write steps, contact updates and outbox rows), triggers, condition
sweeps, the new passes; then the deliverer sends what is pending. :meth:`Engine.run` ticks until stopped, sleeping until
the next wake-up (on PostgreSQL, or until another process NOTIFYs new work:
:class:`~.dialect.WorkListener`). All state is in the database: a killed engine
restarts where the last commit left it. Thread-safe to :meth:`stop` from another thread.

    engine = Engine(Store("demo.db"), blueprint, DemoClock(speed=10_000))
    engine.run(duration=60, on_tick=print)   # or: engine.tick(); engine.stop()
"""

from __future__ import annotations

import gc
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager

from designer.blueprint import Blueprint

from ..channels.config import Config, Secrets
from ..interpreter import CompiledWorkflow, JourneyInvalid, compile_workflow
from ..tick import run_tick
from . import dialect
from .checked_triggers import check_entries, sweep_exit, sweep_goal
from .clock import Clock, ManualClock, WallClock
from .deliverer import Deliverer
from .due import advance_due, next_wake
from .events import enrol_on_events, wake_on_events
from .store import Store, StoreBusy, StoreConflict, note_clock
from .versions import register

POLL = 0.2  # wall seconds between looks for new work when nothing tells a runner (SQLite)
LISTENING_POLL = 5.0  # ... on PostgreSQL, where writers NOTIFY idle workers: only a fallback
IDLE_KEYS = ("claimed", "enrolled", "woke", "converted", "exited", "sent", "sandboxed", "failed", "pending", "in_doubt")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for one transaction. A batch makes a few hundred thousand
    short-lived rows, all freed by reference counting when it ends; meanwhile they would set the
    collector off, and its full passes walk the whole heap (about a tenth of a tick in
    benchmarks/runtime_throughput.py). Left as it was found (another caller may have paused it)."""
    paused = gc.isenabled()
    if paused:
        gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


class Engine:
    def __init__(self, store: Store, blueprint: Blueprint, clock: Clock | None = None, *,
                 workflows: Iterable[str] | None = None, config: Config | None = None,
                 secrets: Secrets | None = None, deliverer: Deliverer | None = None, batch: int = 500,
                 seed: int = 0, check_every: float = 60.0, poll: float | None = None,
                 deliver: bool = True) -> None:
        """Compile and register the workflows (all, or those named); raises
        :class:`JourneyInvalid` with every error problem if any cannot run. ``poll``: the
        longest idle wait before looking for new work (default :data:`POLL`, or
        :data:`LISTENING_POLL` on PostgreSQL, where new work wakes the engine at once)."""
        self.store, self.blueprint = store, blueprint
        self.clock: Clock = clock or WallClock()
        self.batch, self.seed, self.check_every = batch, seed, check_every
        self.poll = poll if poll is not None else (LISTENING_POLL if store.server else POLL)
        self._listener: dialect.WorkListener | None = None
        self._listening = store.server  # False once the listener failed: poll
        chosen = list(workflows) if workflows is not None else [w.id for w in blueprint.workflows]
        self.cws: dict[str, CompiledWorkflow] = {}
        problems = []
        for wid in chosen:
            wf = blueprint.workflow(wid)
            if wf is None:
                raise KeyError(wid)
            try:
                self.cws[wid] = compile_workflow(blueprint, wf, secrets.hosts if secrets is not None else None)
            except JourneyInvalid as err:
                problems += err.problems
        if problems:
            raise JourneyInvalid(problems)
        self.deliverer = deliverer or Deliverer(store, self.clock, config, secrets)
        self.deliver_enabled = deliver
        self._stop = threading.Event()
        self.totals: Counter = Counter()
        self.migrated: Counter = Counter()
        self._last_recover = -1e18
        self.recover_every = 1.0  # wall seconds between looks for sends abandoned by a dead process
        now = self.clock.now()

        def start(conn) -> Counter:
            note_clock(conn, now)
            return sum((register(conn, cw, now) for cw in self.cws.values()), Counter())
        self.migrated += self._write(start)

    # --- control ---------------------------------------------------------------
    def stop(self) -> None:
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def close(self) -> None:
        self.deliverer.close()
        if self._listener is not None:
            self._listener.close()
            self._listener = None

    # --- work ------------------------------------------------------------------
    def tick(self) -> Counter:
        """Do everything due now (:func:`~.tick.run_tick`'s phases, then delivery); returns
        what was done (enrolled, steps, sent ...)."""
        now = self.clock.now()
        self._write(lambda conn: note_clock(conn, now))
        done = run_tick(self, now)
        if self.deliver_enabled:
            done += self.deliver()
        self.totals += done
        return done

    # --- the phases of a tick (see tick.py), on the SQL store -------------------
    def take_events(self, now: float) -> Counter:
        done: Counter = Counter()
        for cw in self.cws.values():
            done += self._events(wake_on_events, cw, now)
        return done

    def advance_due(self, now: float) -> Counter:
        return self._advance(now)

    def enrol(self, now: float) -> Counter:
        done: Counter = Counter()
        for cw in self.cws.values():
            done += self._events(enrol_on_events, cw, now)
            done["enrolled"] += self._write(lambda conn, cw=cw: check_entries(conn, cw, now, self.check_every), cw)
        return done

    def sweep_conditions(self, now: float) -> Counter:
        done: Counter = Counter()
        for cw in self.cws.values():
            if cw.goal_condition is None and cw.exit_condition is None:
                continue
            done += self._write(lambda conn, cw=cw: Counter(converted=sweep_goal(conn, cw, now, self.check_every),
                                                            exited=sweep_exit(conn, cw, now, self.check_every)), cw)
        return done

    start_passes = advance_due  # the new passes are due now

    def _write(self, work: Callable, cw: CompiledWorkflow | None = None, attempts: int = 8):
        """``work(conn)`` in one write transaction. Phases that move a workflow's cursors (``cw``
        given) run one worker at a time (SQLite: always so). A transaction PostgreSQL undid
        for a deadlock with another worker wrote nothing: it runs again."""
        for attempt in range(attempts):
            try:
                with collector_paused(), self.store.write() as conn:
                    if cw is not None:
                        dialect.serialise(conn, f"workflow {cw.workflow.id}")
                    return work(conn)
            except StoreConflict:
                if attempt == attempts - 1:
                    raise
                self.totals["conflicts"] += 1
                time.sleep(random.uniform(0.002, 0.02) * (attempt + 1))
        return None

    def _events(self, handle, cw: CompiledWorkflow, now: float) -> Counter:
        done, more = Counter(), True
        while more and not self.stopping:
            counts, more = self._write(lambda conn: handle(conn, cw, now), cw)
            done += counts
        return done

    def _advance(self, now: float) -> Counter:
        done: Counter = Counter()
        for _ in range(10_000):  # batches until nothing is due at this moment
            if self.stopping:
                break
            counts = self._write(lambda conn: advance_due(conn, self.cws, now, self.batch, self.seed))
            done += counts
            if not counts["claimed"]:
                break
        return done

    def deliver(self) -> Counter:
        done: Counter = Counter()
        if time.monotonic() - self._last_recover >= self.recover_every:  # rows left 'sending' by a dead process
            self._last_recover = time.monotonic()
            done += self.deliverer.recover()
        while not self.stopping:
            counts = self.deliverer.deliver(stop=self._stop)
            done += counts
            if sum(counts.values()) < self.deliverer.config.delivery.batch:
                break
        return done

    def run(self, duration: float | None = None, once: bool = False,
            on_tick: Callable[[Counter], None] | None = None) -> Counter:
        """Tick until stopped, for ``duration`` wall seconds, or (``once``) until nothing
        more is due now. With a ManualClock it jumps from wake-up to wake-up and
        returns when nothing is scheduled. Returns the totals of this run."""
        start, before = time.monotonic(), Counter(self.totals)
        if self._listening and self._listener is None and not once:
            self._listener = self.store.listener()  # before the first tick: nothing written after it is missed
            self._listening = self._listener is not None
        while not self.stopping:
            try:
                done = self.tick()
            except StoreBusy:  # e.g. a large import is committing: wait and try again, never give up
                self.totals["busy_waits"] += 1
                _pause(POLL, self._stop)
                continue
            if on_tick is not None:
                on_tick(done)
            busy = any(done[k] for k in IDLE_KEYS)
            if once:
                if not busy:
                    break
                continue
            left = None if duration is None else duration - (time.monotonic() - start)
            if left is not None and left <= 0:
                break
            if not busy and not self._sleep(left) and isinstance(self.clock, ManualClock):
                break
        return self.totals - before

    def _sleep(self, left: float | None) -> bool:
        """Sleep until the next wake-up or retry (at most ``poll`` wall seconds, to see new
        events; on PostgreSQL a NOTIFY of new work ends it); False when nothing at all is scheduled."""
        with self.store.read() as conn:
            wake = next_wake(conn, self.cws)
        retry = self.deliverer.next_due() if self.deliver_enabled else None
        now = self.clock.now()
        if isinstance(self.clock, ManualClock):
            if wake is None or wake >= 9e15:
                return retry is not None and _pause(min(retry - time.time(), self.poll), self._stop)
            self.clock.set(max(now, wake))
            return True
        speed = getattr(self.clock, "speed", 1.0)
        wall = self.poll
        if wake is not None:
            wall = min(wall, max(0.0, (wake - now) / speed))
        if retry is not None:
            wall = min(wall, max(0.0, retry - time.time()))
        if left is not None:
            wall = min(wall, left)
        if self._listener is None:
            _pause(wall, self._stop)
            return True
        try:
            if self._listener.wait(wall, self._stop):
                self.totals["notified"] += 1
        except Exception:  # noqa: BLE001 - the listening connection is gone (server restart ...): poll from now on
            self._listener.close()
            self._listener, self._listening = None, False
            self.poll = min(self.poll, POLL)
        return True


def _pause(seconds: float, stop: threading.Event) -> bool:
    if seconds > 0:
        stop.wait(seconds)
    return True
