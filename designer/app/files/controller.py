"""Files: New, Open, Save, Save As, Revert, recent files, the unsaved-changes
prompt, and restoring from autosave.

A file that cannot be opened (broken JSON, a bad field, a newer format
version) is reported in a dialog that says what is wrong and where; the
window keeps its current document. Saving writes the model atomically.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QSettings, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox

from designer.blueprint import Blueprint, Workflow
from designer.fileformat import FileFormatError, load, save

from .autosave import Autosave, Recovery, find_orphans

MAX_RECENT = 10
FILTER = QT_TRANSLATE_NOOP("", "Journey blueprints (*.json);;All files (*)")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def new_blueprint() -> Blueprint:
    return Blueprint(name=tr("Untitled blueprint"), workflows=[Workflow(id="wf1", name=tr("New journey"))])


def settings() -> QSettings:
    return QSettings("JourneyDesigner", "Journey Designer")


class FileController(QObject):
    """Owns the document's file life: what is open, whether it is saved."""

    recentChanged = Signal()
    opened = Signal()  # a different blueprint is now shown (new, open, restore)
    modifiedChanged = Signal()

    def __init__(self, window, document, stack, recovery_directory: Path | None = None,
                 autosave_ms: int | None = None) -> None:
        super().__init__(window)
        self.window, self.document, self.stack = window, document, stack
        self._dirty_outside_stack = False  # e.g. restored from autosave: unsaved, but nothing to undo
        self.untitled_name = tr("Untitled")
        kwargs = {} if autosave_ms is None else {"interval_ms": autosave_ms}
        self.autosave = Autosave(document, self.is_modified, self, recovery_directory, **kwargs)
        self.recovery_directory = self.autosave.directory
        stack.cleanChanged.connect(self._clean_changed)

    def _clean_changed(self, _clean: bool) -> None:
        self.modifiedChanged.emit()

    # --- state -------------------------------------------------------------------------
    def is_modified(self) -> bool:
        return self._dirty_outside_stack or not self.stack.isClean()

    def display_name(self) -> str:
        return self.document.path.name if self.document.path else self.untitled_name

    def _show(self, blueprint: Blueprint, path: Path | None, dirty: bool = False) -> None:
        self.document.path = path
        self.document.replace_blueprint(blueprint)
        self.stack.clear()
        self.document.mark_saved(path)
        self._dirty_outside_stack = dirty
        self.opened.emit()
        self.modifiedChanged.emit()

    # --- commands ------------------------------------------------------------------------
    def new(self) -> bool:
        if not self.maybe_save():
            return False
        self.autosave.discard()
        self.untitled_name = tr("Untitled")
        self._show(new_blueprint(), None)
        return True

    def open(self) -> bool:
        start = str(self.document.path.parent) if self.document.path else settings().value("lastDir", "")
        path, _ = QFileDialog.getOpenFileName(self.window, tr("Open blueprint"), start, tr(FILTER))
        return self.open_path(path) if path else False

    def open_path(self, path: str | Path, ask: bool = True) -> bool:
        """Open ``path`` here (after asking to save edits); a bad file is reported, nothing changes."""
        if ask and not self.maybe_save():
            return False
        path = Path(path)
        try:
            blueprint = load(path)
        except FileFormatError as err:
            self._refuse(path, err.describe())
            return False
        except Exception as err:  # noqa: BLE001 (never let a strange file take the window down)
            self._refuse(path, f"{path}: {err}")
            return False
        self.show_file(blueprint, path)
        return True

    def show_file(self, blueprint: Blueprint, path: Path) -> None:
        """Show ``blueprint``, read from ``path``, as the open document."""
        self.autosave.discard()
        self._show(blueprint, path.resolve())
        self.add_recent(path)

    def can_revert(self) -> bool:
        return self.document.path is not None and self.is_modified()

    def revert(self) -> bool:
        """Drop the unsaved changes and reload the file, after asking."""
        if not self.can_revert():
            return False
        answer = QMessageBox.question(
            self.window, tr("Revert to saved"),
            tr("Discard your changes to “%s” and reload the saved file? This cannot be undone.") % self.display_name(),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Yes and self.open_path(self.document.path, ask=False)

    def _refuse(self, path: Path, details: str) -> None:
        box_text = tr("Journey Designer cannot open “%s”.") % path.name
        QMessageBox.critical(self.window, tr("Cannot open blueprint"), f"{box_text}\n\n{details}")
        if not path.exists():
            self.remove_recent(path)

    def save(self) -> bool:
        if self.document.path is None:
            return self.save_as()
        return self._write(self.document.path)

    def save_as(self) -> bool:
        start = str(self.document.path) if self.document.path else str(
            Path(settings().value("lastDir", "") or Path.home()) / f"{self.document.blueprint.name}.json")
        path, _ = QFileDialog.getSaveFileName(self.window, tr("Save blueprint as"), start, tr(FILTER))
        if not path:
            return False
        if not Path(path).suffix:
            path += ".json"
        return self._write(Path(path))

    def _write(self, path: Path) -> bool:
        try:
            save(self.document.blueprint, path)
        except OSError as err:
            QMessageBox.critical(self.window, tr("Cannot save blueprint"),
                                 tr("The blueprint could not be saved to “%s”.") % str(path) + f"\n\n{err.strerror or err}")
            return False
        self.document.mark_saved(path.resolve())
        self._dirty_outside_stack = False
        self.stack.setClean()
        self.autosave.discard()
        self.add_recent(path)
        self.modifiedChanged.emit()
        return True

    def maybe_save(self) -> bool:
        """Ask what to do with unsaved edits; False if the user cancels."""
        if not self.is_modified():
            return True
        answer = QMessageBox.warning(
            self.window,
            tr("Unsaved changes"),
            tr("“%s” has unsaved changes. Save them before closing it?") % self.display_name(),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def closing(self) -> None:
        """The window closes on purpose: no recovery needed."""
        self.autosave.stop()

    # --- recent files ------------------------------------------------------------------------
    def recent_files(self) -> list[str]:
        value = settings().value("recentFiles", []) or []
        return [value] if isinstance(value, str) else list(value)

    def add_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        files = [path] + [p for p in self.recent_files() if p != path]
        s = settings()
        s.setValue("recentFiles", files[:MAX_RECENT])
        s.setValue("lastDir", str(Path(path).parent))
        self.recentChanged.emit()

    def remove_recent(self, path: str | Path) -> None:
        path = str(Path(path).resolve())
        settings().setValue("recentFiles", [p for p in self.recent_files() if p != path])
        self.recentChanged.emit()

    def clear_recent(self) -> None:
        settings().setValue("recentFiles", [])
        self.recentChanged.emit()

    # --- recovery ------------------------------------------------------------------------------
    def offer_recovery(self) -> bool:
        """After a crash: offer to restore the newest orphaned autosave. True if restored."""
        orphans = find_orphans(self.recovery_directory)
        if not orphans:
            return False
        newest = max(orphans, key=lambda r: r.saved_at)
        for other in orphans:
            if other is not newest:
                other.lock.unlock()  # offered next time
        where = newest.original or tr("an untitled blueprint")
        answer = QMessageBox.question(
            self.window,
            tr("Restore unsaved changes?"),
            tr("Journey Designer did not close properly. Unsaved changes to “%s” (%s) were saved at %s.\n\n"
               "Restore them?") % (newest.name, where, newest.when()),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer != QMessageBox.StandardButton.Yes:
            newest.discard()
            return False
        return self.restore(newest)

    def restore(self, recovery: Recovery) -> bool:
        try:
            blueprint = recovery.load()
        except FileFormatError as err:
            QMessageBox.critical(self.window, tr("Cannot restore"), err.describe())
            recovery.discard()
            return False
        self.autosave.adopt(recovery)
        self._show(blueprint, Path(recovery.original) if recovery.original else None, dirty=True)
        self.autosave.tick()
        return True
