"""What to compare the open blueprint with: its saved file, another file, or a git commit of it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from designer.blueprint import Blueprint
from designer.diff.gitrepo import Commit, GitError, file_at, file_history, repo_root
from designer.fileformat import load, loads


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def saved_version(path: Path) -> tuple[Blueprint, str]:
    """Raises FileFormatError."""
    return load(path), tr("saved file {0}").format(path.name)


def other_file(path: Path) -> tuple[Blueprint, str]:
    return load(path), Path(path).name


def in_repository(path: Path | None) -> bool:
    return path is not None and path.exists() and repo_root(path) is not None


def commit_version(path: Path, commit: Commit) -> tuple[Blueprint, str]:
    """Raises GitError, FileFormatError."""
    text = file_at(path, commit.sha)
    return loads(text, f"{path.name} at {commit.sha[:8]}"), f"{commit.sha[:8]} ({commit.date}, {commit.subject})"


class CommitDialog(QDialog):
    """Pick one of the commits that changed the file, newest first."""

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Compare with a Commit"))
        self.list = QListWidget(self)
        try:
            commits = file_history(path)
        except GitError as err:
            commits = []
            self.list.addItem(str(err))
        for commit in commits:
            item = QListWidgetItem(f"{commit.sha[:8]}  {commit.date}  {commit.subject}  — {commit.author}")
            item.setData(Qt.ItemDataRole.UserRole, commit)
            self.list.addItem(item)
        if commits:
            self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(commits))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("Commits that changed {0}:").format(path.name), self))
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)

    def chosen(self) -> Commit | None:
        item = self.list.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item is not None else None
