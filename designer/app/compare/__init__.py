"""File > Compare With: the open blueprint against its saved file, another file, or a git commit.

``install(window, file_menu)`` adds the submenu; each choice opens a
:class:`~designer.app.compare.window.CompareWindow` (non-modal) with the chosen
version as "before" and the blueprint as it is in the window (unsaved edits
included) as "after".
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from designer.fileformat import FileFormatError

if TYPE_CHECKING:
    from .window import CompareWindow

# The compare window, the diff engine and git load when a comparison is asked for, not at start-up.


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def install(window, file_menu: QMenu) -> QMenu:
    menu = file_menu.addMenu(tr("Compare &With"))
    saved = menu.addAction(tr("&Saved Version"), lambda: compare_with_saved(window))
    menu.addAction(tr("Another &File…"), lambda: compare_with_file(window))
    commit = menu.addAction(tr("A &Commit…"), lambda: compare_with_commit(window))
    menu.setStatusTip(tr("See what changed: two canvases with added, removed and changed steps"))

    def enable() -> None:  # asked when the menu opens: the file may have been saved, or put in git, since
        from .sources import in_repository

        path = window.document.path
        saved.setEnabled(path is not None and path.exists())
        commit.setEnabled(in_repository(path))

    menu.aboutToShow.connect(enable)
    return menu


def open_compare(window, before, label: str) -> CompareWindow:
    from .window import CompareWindow

    name = window.document.path.name if window.document.path else tr("this blueprint")
    after_label = tr("{0} (with unsaved edits)").format(name) if window.files.is_modified() else name
    view = CompareWindow(before, window.document.blueprint, (label, after_label), window)
    view.show()
    return view


def _refuse(window, err: Exception) -> None:
    details = err.describe() if isinstance(err, FileFormatError) else str(err)
    QMessageBox.warning(window, tr("Cannot compare"), details)


def compare_with_saved(window) -> CompareWindow | None:
    from .sources import saved_version

    try:
        before, label = saved_version(window.document.path)
    except (FileFormatError, TypeError) as err:
        _refuse(window, err)
        return None
    return open_compare(window, before, label)


def compare_with_file(window, path: str | None = None) -> CompareWindow | None:
    from .sources import other_file

    if path is None:
        start = str(window.document.path.parent) if window.document.path else ""
        path, _ = QFileDialog.getOpenFileName(window, tr("Compare with"), start,
                                              tr("Journey blueprints (*.json);;All files (*)"))
        if not path:
            return None
    try:
        before, label = other_file(Path(path))
    except FileFormatError as err:
        _refuse(window, err)
        return None
    return open_compare(window, before, label)


def compare_with_commit(window, commit=None) -> CompareWindow | None:
    """Asks which commit (a dialog) unless given one."""
    from designer.diff.gitrepo import GitError

    from .sources import CommitDialog, commit_version

    path = window.document.path
    if path is None:
        return None
    if commit is None:
        dialog = CommitDialog(path, window)
        if dialog.exec() != CommitDialog.DialogCode.Accepted or (commit := dialog.chosen()) is None:
            return None
    try:
        before, label = commit_version(path, commit)
    except (GitError, FileFormatError) as err:
        _refuse(window, err)
        return None
    return open_compare(window, before, label)
