"""A form for a template's parameters: one editor per parameter, typed and bounded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLineEdit, QSpinBox, QWidget

from designer.templates.library import Template
from designer.templates.params import Parameter


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def _editor(p: Parameter, parent: QWidget) -> QWidget:
    if p.type == "int":
        w = QSpinBox(parent)
        w.setRange(int(p.min if p.min is not None else -1_000_000), int(p.max if p.max is not None else 1_000_000))
        w.setValue(int(p.default))
    elif p.type == "float":
        w = QDoubleSpinBox(parent)
        w.setDecimals(2)
        w.setRange(p.min if p.min is not None else -1e9, p.max if p.max is not None else 1e9)
        w.setValue(float(p.default))
    elif p.type == "choice":
        w = QComboBox(parent)
        w.addItems(p.choices or [])
        w.setCurrentText(str(p.default))
    elif p.type == "bool":
        w = QCheckBox(parent)
        w.setChecked(bool(p.default))
    else:
        w = QLineEdit(str(p.default), parent)
        w.setMaxLength(64 if p.type == "event" else p.max_length)
    w.setToolTip(p.allowed())
    w.setObjectName(f"param_{p.name}")
    return w


class ParameterForm(QWidget):
    """Edits a template's parameters; :meth:`values` gives them as entered (checked on create)."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.editors: dict[str, QWidget] = {}

    def set_template(self, template: Template | None, lang: str) -> None:
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        if template is None:
            return
        labels = template.words(lang).parameters
        for p in template.parameters:
            editor = _editor(p, self)
            self.editors[p.name] = editor
            self.form.addRow(labels.get(p.name, p.name), editor)
            for signal in ("valueChanged", "currentTextChanged", "toggled", "textChanged"):
                if hasattr(editor, signal):
                    getattr(editor, signal).connect(self.changed)
                    break

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, w in self.editors.items():
            if isinstance(w, (QSpinBox, QDoubleSpinBox)):
                out[name] = w.value()
            elif isinstance(w, QComboBox):
                out[name] = w.currentText()
            elif isinstance(w, QCheckBox):
                out[name] = w.isChecked()
            else:
                out[name] = w.text()
        return out
