"""Live validation: the validator runs a moment after the user stops editing
(debounced, never inside a paint or a mouse move) and hands its problems to
the badges, the problems panel, the inspector and the status bar.

A large blueprint is checked on a worker thread so the window never freezes;
``checkingChanged`` drives the status bar's "Checking…" while it runs. The
worker reads the live document; if the document changed meanwhile, its result
is dropped and the check runs again on the new revision (the validator only
reads, and a read interrupted by an edit is simply retried).
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, QTimer, Signal

from designer.document import Document
from designer.validation import Problem, validate

DELAY_MS = 300
BACKGROUND_FROM = 400  # steps in the blueprint: from here on, check off the UI thread (about 5 ms of work)
log = logging.getLogger(__name__)


class LiveValidation(QObject):
    problemsChanged = Signal(list)
    checkingChanged = Signal(bool)
    _finished = Signal(int, int, object)  # job, revision, problems or the exception; from the worker

    def __init__(self, document: Document, parent: QObject | None = None, delay_ms: int = DELAY_MS,
                 background_from: int = BACKGROUND_FROM) -> None:
        super().__init__(parent)
        self.document = document
        self.problems: list[Problem] = []
        self.background_from = background_from
        self._revision: int | None = None
        self._worker: threading.Thread | None = None
        self._job = 0  # which worker's result is awaited
        self.timer = QTimer(self, singleShot=True, interval=delay_ms, timeout=self.refresh)
        self._finished.connect(self._done)  # queued: the worker's signal arrives on the UI thread

    @property
    def checking(self) -> bool:
        return self._worker is not None

    def schedule(self, *_args) -> None:
        """Something changed: validate once the edits pause."""
        self.timer.start()

    def refresh(self) -> None:
        """Check the current revision now: at once for a small blueprint, on a worker for a large one."""
        self.timer.stop()
        steps = sum(len(w.nodes) for w in self.document.blueprint.workflows)
        if steps < self.background_from:
            self.run_now()
        elif self._worker is None and self._revision != self.document.revision:
            self._start_worker()
        # else: a check is running; when it ends it notices the newer revision and runs again

    def run_now(self) -> list[Problem]:
        """Check on this thread and return the problems (waits for a running background check)."""
        self.timer.stop()
        if self._worker is not None:  # wait for it; its result is ignored, this check replaces it
            self._worker.join()
            self._worker = None
            self.checkingChanged.emit(False)
        if self._revision == self.document.revision:
            return self.problems
        revision = self.document.revision
        self._revision = revision
        problems = self._validate()
        if problems is not None:
            self._publish(problems)
        return self.problems

    def _validate(self) -> list[Problem] | None:
        try:
            return validate(self.document.blueprint)
        except Exception:  # a validator bug must not take the editor down
            log.exception("validation failed")
            return None

    def _start_worker(self) -> None:
        revision = self.document.revision
        self._revision = revision
        self._job += 1
        job = self._job

        def work() -> None:
            try:
                result = validate(self.document.blueprint)
            except Exception as exc:  # noqa: BLE001 -- an edit during the read, or a validator bug: judged on the UI thread
                result = exc
            try:
                self._finished.emit(job, revision, result)
            except RuntimeError:  # the window closed meanwhile
                pass

        self._worker = threading.Thread(target=work, name="live-validation", daemon=True)
        self.checkingChanged.emit(True)
        self._worker.start()

    def _done(self, job: int, revision: int, result: list[Problem] | Exception) -> None:
        if self._worker is None or job != self._job:
            return  # run_now() already waited for it and checked on its own
        self._worker.join()
        self._worker = None
        if revision != self.document.revision:  # edited meanwhile: check the new revision
            self._revision = None
            self.refresh()
            if self._worker is not None:
                return
        elif isinstance(result, Exception):  # a validator bug must not take the editor down
            log.error("validation failed", exc_info=result)
        else:
            self._publish(result)
        self.checkingChanged.emit(False)

    def _publish(self, problems: list[Problem]) -> None:
        if problems != self.problems:
            self.problems = problems
            self.problemsChanged.emit(problems)
