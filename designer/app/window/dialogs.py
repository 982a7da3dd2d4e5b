"""Small dialogs: keyboard shortcuts and about."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from designer import __version__

from .actions import shortcut_table


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def show_shortcuts(parent, actions) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(tr("Keyboard Shortcuts"))
    rows = shortcut_table(actions)
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels([tr("Action"), tr("Shortcut")])
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    for i, (name, keys) in enumerate(rows):
        table.setItem(i, 0, QTableWidgetItem(name))
        table.setItem(i, 1, QTableWidgetItem(keys))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(table)
    layout.addWidget(buttons)
    dialog.resize(520, 560)
    dialog.show()
    return dialog


def show_about(parent) -> None:
    QMessageBox.about(
        parent,
        tr("About Journey Designer"),
        tr("<b>Journey Designer</b> %s<br><br>Design, validate, dry-run and run customer journeys: "
           "automation blueprints from stranger to promoter.") % __version__,
    )
