"""Where the build queue's experiments get their entries per week: a dry-run, or the plans.

A tool button in the queue's tool bar. When the open blueprint has a database
beside it (``programme.db`` next to ``programme.json``, as written by
``journey dry-run programme.json --db programme.db``), its latest dry-run of
this blueprint is used at once; "Use a dry-run database…" picks another file,
"Use a PostgreSQL dry-run database…" takes a server's URL (as ``--db`` does),
"Use the plans' estimates" stops using one. The figures are contacts reaching
each workflow's experiment per simulated week (designer.runtime.dryrun.weekly_entries);
they win over the estimate typed in a plan. Reading is quick (one report), so it
happens on the UI thread, under a busy cursor (a server that does not answer
gives up after its connect timeout).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMenu,
    QMessageBox,
    QToolButton,
    QWidget,
)

from designer.document import Document
from designer.runtime.dryrun.weekly_entries import DryRunEntries, latest_entries, sibling_db

from ..run.db_field import PathOrUrlEdit, is_url, label
from .text import tr


def explain() -> str:
    return tr("Experiments need a number of contacts per variant; the weeks that takes depend on how many contacts "
              "reach the experiment each week. With a dry-run, that figure comes from the simulation "
              "(journey dry-run FILE --db NAME.db); a database named like the blueprint, beside it, is used "
              "automatically. Otherwise each plan's own estimate is used.")


class DryRunSource(QToolButton):
    """Shows where the weekly entries come from; emits them when that changes."""

    entriesChanged = Signal(dict)  # workflow id -> entries per week ({}: the plans' estimates)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dryRunSource")
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.document: Document | None = None
        self.db: Path | str | None = None  # a file, or a PostgreSQL URL
        self.entries: DryRunEntries | None = None
        menu = QMenu(self)
        menu.addAction(tr("Use a dry-run database…"), self.choose)
        menu.addAction(tr("Use a PostgreSQL dry-run database…"), self.choose_server)
        self.reload_action = menu.addAction(tr("Reload the latest dry-run"), self.reload)
        self.clear_action = menu.addAction(tr("Use the plans' estimates"), self.clear)
        self.setMenu(menu)
        self._show()

    # --- following the document ------------------------------------------------
    def follow(self, document: Document) -> None:
        """A blueprint was opened: forget the last one's figures; use its sibling database if there is one."""
        self.document = document
        self.db, self.entries = None, None
        sibling = sibling_db(document.path) if document.path else None
        if sibling is not None and sibling.is_file():
            self.db = sibling
            self._load(quiet=True)
        else:
            self._show()
            self.entriesChanged.emit({})

    def load(self, db: str | Path, quiet: bool = False) -> bool:
        """Use the latest dry-run in ``db``: a file, or a PostgreSQL URL."""
        self.db = str(db) if is_url(str(db)) else Path(db)
        return self._load(quiet)

    def choose(self) -> bool:
        start = str(self.db or (sibling_db(self.document.path) if self.document and self.document.path else ""))
        path, _ = QFileDialog.getOpenFileName(self, tr("Use a dry-run database"), start,
                                              tr("Dry-run databases (*.db *.sqlite *.sqlite3);;All files (*)"))
        return self.load(path) if path else False

    def choose_server(self) -> bool:
        url = ask_server_url(self, self.db if isinstance(self.db, str) else "")
        return self.load(url) if url else False

    def reload(self) -> bool:
        return self._load(quiet=False) if self.db else False

    def clear(self) -> None:
        self.db, self.entries = None, None
        self._show()
        self.entriesChanged.emit({})

    # --- reading ----------------------------------------------------------------
    def _load(self, quiet: bool) -> bool:
        name = self.document.blueprint.name if self.document else None
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            found = latest_entries(self.db, name)
        except (OSError, ValueError) as err:
            found, error = None, str(err)
        else:
            error = "" if found else tr("%1 holds no dry-run yet.").replace("%1", label(self.db))
        finally:
            QApplication.restoreOverrideCursor()
        if error and not quiet:
            QMessageBox.warning(self, tr("No dry-run figures"), error + "\n\n" + explain())
        self.entries = found
        self._show()
        self.entriesChanged.emit(dict(found.weekly) if found else {})
        return found is not None

    def _show(self) -> None:
        e = self.entries
        if e is None:
            self.setText(tr("Entries/week: plan estimates"))
            detail = tr("Using each plan's own estimate of entries per week.")
        else:
            self.setText(tr("Entries/week: dry-run #%1").replace("%1", str(e.run_id)))
            detail = tr("Using %1.").replace("%1", str(e.describe()))
            if not e.matched:
                detail += " " + tr("No run of this blueprint is saved there, so the latest run is used.")
        self.setToolTip(f"{detail}\n\n{explain()}")
        self.reload_action.setEnabled(self.db is not None)
        self.clear_action.setEnabled(e is not None)


def ask_server_url(parent: QWidget, current: str = "") -> str | None:
    """A PostgreSQL URL typed in a small dialog (the password shown as ***); None if cancelled."""
    dialog = QDialog(parent, windowTitle=tr("Use a PostgreSQL dry-run database"))
    field = PathOrUrlEdit(dialog, objectName="serverUrl", placeholderText="postgresql://user:password@host:5432/db")
    field.set_value(current)
    field.setMinimumWidth(380)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow(tr("Database URL"), field)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    url = field.value()
    if url and not is_url(url):
        QMessageBox.warning(parent, tr("Not a PostgreSQL URL"),
                            tr("Type a URL such as postgresql://user@host:5432/db, or pick a file instead."))
        return None
    return url or None
