"""Long work off the UI thread: the dry-run in a worker process, the durable engine in a worker thread.

The dry-run goes to a one-process pool (``spawn``: the child never inherits
Qt's threads) awaited from asyncio on the qasync loop that runs the window;
its progress comes back through a multiprocessing queue that a QTimer drains,
and cancel/pause are two shared integers the job reads at each progress step.
The durable engine runs in a QThread; it reports through queued signals and
stops through ``Engine.stop()`` (thread-safe), so every transaction it began
either commits or rolls back: the database is always consistent.
"""

from __future__ import annotations

import queue as queue_module
import time
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QThread, QTimer, Signal
from PySide6.QtWidgets import QApplication

from . import jobs

if TYPE_CHECKING:
    import asyncio
    from concurrent.futures import ProcessPoolExecutor

# asyncio and multiprocessing load with the first dry-run, not with the window.
_LOOP: asyncio.AbstractEventLoop | None = None


def qt_loop() -> asyncio.AbstractEventLoop:
    """The asyncio loop that runs inside the Qt event loop: launch.py's, or one made for
    a window shown without it (tests, --screenshot)."""
    global _LOOP
    import asyncio

    running = asyncio._get_running_loop()
    if running is not None:
        return running
    if _LOOP is None or _LOOP.is_closed():
        import qasync

        _LOOP = qasync.QEventLoop(QApplication.instance(), already_running=True)
        asyncio.set_event_loop(_LOOP)
    return _LOOP


class DryRunner(QObject):
    progressed = Signal(float, str)  # fraction, message
    finished = Signal(dict)  # jobs.dry_run_job's result
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = None  # multiprocessing's spawn context, with the pool
        self._queue = None  # made with the pool: a window that never dry-runs starts no process
        self._control = None  # [cancelled job, paused]
        self._pool: ProcessPoolExecutor | None = None
        self._job = 0
        self._task: asyncio.Future | None = None
        self._timer = QTimer(self, interval=50, timeout=self._drain)

    @property
    def busy(self) -> bool:
        return self._task is not None and not self._task.done()

    def pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            self._ctx = self._ctx or multiprocessing.get_context("spawn")
            self._queue, self._control = self._ctx.Queue(), self._ctx.Array("i", [0, 0])
            self._pool = ProcessPoolExecutor(1, mp_context=self._ctx, initializer=jobs.init_worker,
                                             initargs=(self._queue, self._control))
            self._pool.submit(jobs.warm_up)
        return self._pool

    def start(self, blueprint, contacts: str, days: int | None, seed: int, runs: int, db: str | None,
              source_file: str = "") -> None:
        if self.busy:
            return
        pool = self.pool()
        self._job += 1
        self._control[0], self._control[1] = 0, 0
        args = (self._job, jobs.blueprint_data(blueprint), contacts, days, seed, runs, db, source_file)
        import asyncio

        loop = qt_loop()
        future = loop.run_in_executor(pool, jobs.dry_run_job, *args)
        self._task = asyncio.ensure_future(self._wait(future, self._job), loop=loop)
        self._timer.start()

    async def _wait(self, future, job: int) -> None:
        from concurrent.futures.process import BrokenProcessPool

        try:
            result = await future
        except (BrokenProcessPool, OSError, RuntimeError) as err:
            self._pool = None  # a crashed worker: a fresh pool next time
            self._timer.stop()
            self.failed.emit(str(err) or type(err).__name__)
            return
        self._drain()
        self._timer.stop()
        if job == self._job:
            self.finished.emit(result)

    def _drain(self) -> None:
        last = None
        if self._queue is None:
            return
        for _ in range(200):  # bounded: never a long stall on the UI thread
            try:
                item = self._queue.get_nowait()
            except (queue_module.Empty, OSError, ValueError):
                break
            if item[0] == self._job:
                last = item
        if last is not None:
            self.progressed.emit(last[1], last[2])

    def cancel(self) -> None:
        if self._control is not None:
            self._control[0] = self._job
            self._control[1] = 0

    def pause(self, on: bool) -> None:
        if self._control is not None:
            self._control[1] = int(on)

    def wait(self, timeout: float = 30.0) -> bool:
        """Block until the current job ends (tests and shutdown); True if it did."""
        app, end = QApplication.instance(), time.monotonic() + timeout
        while self.busy and time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)
        return not self.busy

    def shutdown(self) -> None:
        self.cancel()
        self._timer.stop()
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)  # the job stops at its next progress step
            self._pool = None


class EngineThread(QThread):
    """Runs the durable engine on ``db`` until stopped; ``ticked`` carries the database's status."""

    ticked = Signal(dict)
    ended = Signal(str)  # '' when stopped cleanly, else why it could not run

    def __init__(self, db: str, blueprint, speed: float, parent: QObject | None = None,
                 report_every: float = 0.25) -> None:
        super().__init__(parent)
        self.db, self.blueprint, self.speed = db, blueprint, speed
        self.report_every = report_every
        self._engine = None
        self._stop_asked = False

    def run(self) -> None:
        why = ""
        try:
            store = jobs.open_store(self.db)
        except Exception as err:  # noqa: BLE001 - reported to the user, not raised in a thread
            self.ended.emit(str(err))
            return
        try:
            self._engine = jobs.make_engine(store, self.blueprint, self.speed)
            if self._stop_asked:
                self._engine.stop()
            last = [0.0]

            def on_tick(_done) -> None:
                if time.monotonic() - last[0] >= self.report_every:
                    last[0] = time.monotonic()
                    self.ticked.emit(jobs.status(store))

            self._engine.run(on_tick=on_tick)
            self.ticked.emit(jobs.status(store))
            self._engine.close()
        except Exception as err:  # noqa: BLE001 - JourneyInvalid, StoreError, connector config
            why = str(err)
        finally:
            store.close()
        self.ended.emit(why)

    def stop(self) -> None:
        self._stop_asked = True
        if self._engine is not None:
            self._engine.stop()
