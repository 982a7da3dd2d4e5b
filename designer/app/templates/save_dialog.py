"""Save as Template: name the template and tick the step settings that become its parameters."""

from __future__ import annotations

import json
import re
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import Workflow
from designer.fileformat import atomic_write_text
from designer.templates.authoring import candidate_settings, template_from_workflow
from designer.templates.library import language


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60] or "my-template"


class SaveTemplateDialog(QDialog):
    """After accept, :attr:`path` is the file written in ``folder``."""

    def __init__(self, workflow: Workflow, folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("saveTemplateDialog")
        self.setWindowTitle(tr("Save Workflow as Template"))
        self.workflow, self.folder = workflow, Path(folder)
        self.path: Path | None = None
        self.candidates = candidate_settings(workflow)
        self.name = QLineEdit(workflow.name, self, objectName="templateName")
        self.description = QLineEdit(workflow.description, self)
        self.table = QTableWidget(len(self.candidates), 3, self, objectName="parameterChoices")
        self.table.setHorizontalHeaderLabels([tr("Setting"), tr("Value"), tr("Parameter name")])
        self.table.verticalHeader().hide()
        for row, c in enumerate(self.candidates):
            check = QTableWidgetItem(c.label)
            check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            check.setCheckState(Qt.CheckState.Unchecked)
            self.table.setItem(row, 0, check)
            shown = int(c.value) if isinstance(c.value, float) and c.value.is_integer() else c.value
            value = QTableWidgetItem(str(shown))
            value.setToolTip(str(c.value))
            value.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.table.setItem(row, 1, value)
            self.table.setItem(row, 2, QTableWidgetItem(c.default_name))
        self.table.resizeColumnsToContents()
        self.table.setColumnWidth(1, min(self.table.columnWidth(1), 220))
        self.table.setColumnWidth(2, max(self.table.columnWidth(2), 180))
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel(self)
        self.error.setStyleSheet("color:#b3261e")
        form = QFormLayout()
        form.addRow(tr("Template name"), self.name)
        form.addRow(tr("Description"), self.description)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("Tick the settings a user of the template should choose:"), self))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(860, 560)

    def choose(self, node_id: str, field: str, param: str | None = None) -> None:
        """Tick a setting (as a click would); used by tests and scripts."""
        for row, c in enumerate(self.candidates):
            if (c.node_id, c.field) == (node_id, field):
                self.table.item(row, 0).setCheckState(Qt.CheckState.Checked)
                if param:
                    self.table.item(row, 2).setText(param)

    def save(self) -> None:
        chosen = {}
        for row, c in enumerate(self.candidates):
            if self.table.item(row, 0).checkState() == Qt.CheckState.Checked:
                param = self.table.item(row, 2).text().strip()
                if not re.fullmatch(r"[a-z][a-z0-9_]*", param) or param in {p for p, _ in chosen.values()}:
                    self.error.setText(tr("Parameter names are lower case letters, digits and _, each once: %s")
                                       % param)
                    return
                chosen[(c.node_id, c.field)] = (param, c.label)
        name = self.name.text().strip() or self.workflow.name
        template_id = slug(name)
        try:
            data = template_from_workflow(self.workflow, chosen, template_id, language(QLocale.system().name()),
                                          name, self.description.text().strip())
            self.folder.mkdir(parents=True, exist_ok=True)
            path = self.folder / f"{template_id}.json"
            atomic_write_text(path, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
        except (ValueError, OSError) as err:
            self.error.setText(str(err).splitlines()[0])
            return
        self.path = path
        self.accept()
