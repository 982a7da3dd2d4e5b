"""Autosave: every 30 seconds, an edited blueprint is written to a recovery file,
so a crash loses at most the last half minute. After a crash the next start
finds the orphaned recovery file and offers to restore it.

Each open window owns one session in the recovery folder: ``<id>.json`` (a
normal blueprint file), ``<id>.meta.json`` (where it came from, when) and
``<id>.lock``, a QLockFile held while the window is open. A session whose
lock can be taken belongs to a program that is no longer running: an orphan.
Saving or closing cleanly removes the session.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QStandardPaths, QTimer

from designer.document import Document
from designer.fileformat import FileFormatError, atomic_write_text, dumps, load

INTERVAL_MS = 30_000
ENV_DIR = "JOURNEY_RECOVERY_DIR"


def recovery_dir() -> Path:
    """Where recovery files live (``$JOURNEY_RECOVERY_DIR`` overrides, for tests)."""
    if os.environ.get(ENV_DIR):
        return Path(os.environ[ENV_DIR])
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base or Path.home() / ".journey-designer") / "recovery"


@dataclass
class Recovery:
    """An orphaned session: the blueprint it saved and what it was."""

    blueprint_path: Path
    meta_path: Path
    lock: QLockFile  # held by us now, so no other window offers the same one
    original: str | None
    name: str
    saved_at: str

    def load(self):
        return load(self.blueprint_path)

    def discard(self) -> None:
        for path in (self.blueprint_path, self.meta_path):
            path.unlink(missing_ok=True)
        self.lock.unlock()
        Path(self.lock.fileName()).unlink(missing_ok=True)

    def when(self) -> str:
        try:
            return datetime.fromisoformat(self.saved_at).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            return self.saved_at


def find_orphans(directory: Path | None = None) -> list[Recovery]:
    directory = directory or recovery_dir()
    if not directory.is_dir():
        return []
    out = []
    for meta_path in sorted(directory.glob("*.meta.json")):
        session = meta_path.name[: -len(".meta.json")]
        blueprint_path = directory / f"{session}.json"
        lock = QLockFile(str(directory / f"{session}.lock"))
        lock.setStaleLockTime(0)  # only a live process's lock counts (checked by pid)
        if not lock.tryLock(0):
            continue  # a running window owns it
        try:
            meta = json.loads(meta_path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            meta = {}
        if not blueprint_path.is_file():
            meta_path.unlink(missing_ok=True)
            lock.unlock()
            continue
        out.append(Recovery(blueprint_path, meta_path, lock, meta.get("original"), meta.get("name", ""),
                            meta.get("saved_at", "")))
    return out


class Autosave(QObject):
    def __init__(self, document: Document, is_modified, parent: QObject | None = None,
                 directory: Path | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.document, self._is_modified = document, is_modified
        self.directory = directory or recovery_dir()
        self.session = uuid.uuid4().hex[:12]
        self._written_revision: int | None = None
        self._lock: QLockFile | None = None
        self.timer = QTimer(self, interval=interval_ms, timeout=self.tick)
        self.timer.start()

    @property
    def path(self) -> Path:
        return self.directory / f"{self.session}.json"

    @property
    def meta_path(self) -> Path:
        return self.directory / f"{self.session}.meta.json"

    def tick(self) -> bool:
        """Write the recovery file if there are unsaved edits not yet written; True if written."""
        if not self._is_modified():
            self.discard()
            return False
        if self._written_revision == self.document.revision:
            return False
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            if self._lock is None:
                self._lock = QLockFile(str(self.directory / f"{self.session}.lock"))
                self._lock.tryLock(0)
            atomic_write_text(self.path, dumps(self.document.blueprint))
            meta = {
                "original": str(self.document.path) if self.document.path else None,
                "name": self.document.blueprint.name,
                "saved_at": datetime.now().isoformat(timespec="seconds"),
                "pid": os.getpid(),
            }
            atomic_write_text(self.meta_path, json.dumps(meta, indent=2) + "\n")
        except OSError:
            return False  # a full disk must not stop the editing; the next tick tries again
        self._written_revision = self.document.revision
        return True

    def discard(self) -> None:
        """No unsaved edits any more (saved, or closed on purpose): remove the session."""
        for path in (self.path, self.meta_path):
            path.unlink(missing_ok=True)
        self._written_revision = None
        if self._lock is not None:
            self._lock.unlock()
            self._lock = None

    def adopt(self, recovery: Recovery) -> None:
        """Restore from ``recovery``: its files are removed; the next tick writes our own."""
        recovery.discard()
        self._written_revision = None

    def stop(self) -> None:
        self.timer.stop()
        self.discard()


__all__ = ["Autosave", "FileFormatError", "Recovery", "find_orphans", "recovery_dir"]
