"""A form generated from a pydantic model's fields: one labelled row per editor, with
problem markers at the field. Used for node settings and for the workflow's sections."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from designer.canvas.icons import kind_pixmap

from .. import panel_style as ps
from .fields import (
    ConditionEditor,
    EditorContext,
    FieldEditor,
    MultilineEditor,
    TemplateEditor,
    TextEditor,
    hints,
    top_field,
    tr,
    unwrap_optional,
    word,
)
from .tables import DictEditor, ModelListEditor
from .values import (
    BoolEditor,
    ChoiceEditor,
    DateTimeEditor,
    DurationEditor,
    JsonEditor,
    MultiChoiceEditor,
    NumberEditor,
    StageEditor,
    TimeEditor,
    TimezoneEditor,
)

Marker = tuple[str, str]  # (severity, message)


# --- choosing an editor -----------------------------------------------------------------
def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def make_editors(fields: dict[str, FieldInfo], ctx: EditorContext) -> list[FieldEditor]:
    """One editor per field (a unit field joins its number), in declaration order."""
    units = {hints(info).get("unit_field") for info in fields.values()} - {None}
    out: list[FieldEditor] = []
    for name, info in fields.items():
        if name in units:
            continue
        editor_hint = hints(info).get("editor")
        base, _optional = unwrap_optional(info.annotation)
        origin = get_origin(base)
        if (unit := hints(info).get("unit_field")) and unit in fields:
            out.append(DurationEditor(name, info, ctx, unit, fields[unit]))
        elif editor_hint == "condition":
            out.append(ConditionEditor(name, info, ctx))
        elif editor_hint in ("template", "template_multiline"):
            out.append(TemplateEditor(name, info, ctx))
        elif editor_hint == "time":
            out.append(TimeEditor(name, info, ctx))
        elif editor_hint == "timezone":
            out.append(TimezoneEditor(name, info, ctx))
        elif editor_hint == "stage":
            out.append(StageEditor(name, info, ctx))
        elif editor_hint == "multiline":
            out.append(MultilineEditor(name, info, ctx))
        elif origin is Literal:
            out.append(ChoiceEditor(name, info, ctx))
        elif base is bool:
            out.append(BoolEditor(name, info, ctx))
        elif base in (int, float):
            out.append(NumberEditor(name, info, ctx))
        elif base is str:
            out.append(TextEditor(name, info, ctx))
        elif base is datetime:
            out.append(DateTimeEditor(name, info, ctx))
        elif origin is list and get_args(base) and get_origin(get_args(base)[0]) is Literal:
            out.append(MultiChoiceEditor(name, info, ctx))
        elif origin is list and get_args(base) and _is_model(get_args(base)[0]):
            out.append(ModelListEditor(name, info, ctx))
        elif origin is dict and get_args(base) == (str, str):
            out.append(DictEditor(name, info, ctx))
        else:
            out.append(JsonEditor(name, info, ctx))
    return out


def _repolish(widget: QWidget) -> None:
    widget.style().unpolish(widget)
    widget.style().polish(widget)
    widget.update()


class MessageLine(QWidget):
    """An icon and a wrapped message (error, warning or a muted hint)."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.icon = QLabel(self)
        self.icon.setFixedSize(16, 16)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text.setFont(ps.scaled_font(self.text, -0.6))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 1, 0, 1)
        layout.setSpacing(5)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.text, 1)
        self.hide()

    def show_message(self, severity: str, message: str) -> None:
        if not message:
            self.hide()
            return
        colour = {"error": ps.ERROR, "warning": ps.WARNING}.get(severity, ps.MUTED)
        icon = {"error": "error", "warning": "warning"}.get(severity, "info")
        self.icon.setPixmap(kind_pixmap(icon, 14, ps.SEVERITY_COLOUR.get(severity, ps.FAINT)))
        self.icon.setContentsMargins(0, 2, 0, 0)
        self.text.setStyleSheet(f"color: {colour};")
        self.text.setText(message)
        self.show()


class FieldRow(QWidget):
    """Label, editor, live feedback, problems at the field, and the field's help text."""

    def __init__(self, editor: FieldEditor, parent: QWidget | None = None):
        super().__init__(parent)
        self.editor = editor
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(4)
        self.label = QLabel(editor.label, self)
        self.label.setFont(ps.scaled_font(self.label, 0, 600))
        self.label.setStyleSheet(f"color: {ps.INK};")
        if editor.info.description:
            self.label.setToolTip(word(editor.info.description))
        if not isinstance(editor, BoolEditor):
            layout.addWidget(self.label)
        else:
            self.label.hide()
        layout.addWidget(editor.widget)
        self.feedback = MessageLine(self)
        self.problem = MessageLine(self)
        layout.addWidget(self.feedback)
        layout.addWidget(self.problem)
        self.caption = None
        if editor.show_caption and editor.caption:
            self.caption = ps.caption(editor.caption, self)
            layout.addWidget(self.caption)
        self._feedback: Marker = ("", "")
        self._markers: list[Marker] = []
        editor.feedback.connect(self._on_feedback)

    def _on_feedback(self, severity: str, text: str) -> None:
        self._feedback = (severity, text)
        self._render()

    def set_markers(self, markers: list[Marker]) -> None:
        if markers != self._markers:
            self._markers = list(markers)
            self._render()

    def markers(self) -> list[Marker]:
        return list(self._markers)

    def feedback_text(self) -> str:
        return self._feedback[1]

    def problem_text(self) -> str:
        return self.problem.text.text() if self.problem.isVisible() or self._markers else ""

    def severity(self) -> str | None:
        if self._feedback[0] == "error":
            return "error"
        if any(s == "error" for s, _ in self._markers):
            return "error"
        return "warning" if self._markers else None

    def _render(self) -> None:
        fb_sev, fb_text = self._feedback
        self.feedback.show_message(fb_sev, fb_text)
        if fb_sev == "error" or not self._markers:  # a live syntax error says it best
            self.problem.show_message("", "")
            self.problem.text.setText("")
        else:
            worst = "error" if any(s == "error" for s, _ in self._markers) else "warning"
            self.problem.show_message(worst, "\n".join(m for _, m in self._markers))
        severity = self.severity()
        for w in self.editor.marked_widgets():
            if w.property("problem") != severity:
                w.setProperty("problem", severity)
                _repolish(w)


class ModelForm(QWidget):
    """Rows for a model's fields; ``committed(editor)`` when the user finishes an edit."""

    committed = Signal(object)

    def __init__(self, fields: dict[str, FieldInfo], ctx: EditorContext, prefix: str = "",
                 overrides: dict[str, FieldEditor] | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.prefix = prefix
        overrides = overrides or {}
        plain = {n: i for n, i in fields.items() if n not in overrides}
        made = {e.name: e for e in make_editors(plain, ctx)}
        self.editors: list[FieldEditor] = [overrides.get(n) or made[n] for n in fields if n in overrides or n in made]
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        self.rows: dict[str, FieldRow] = {}
        for editor in self.editors:
            editor.setParent(self)
            row = FieldRow(editor, self)
            layout.addWidget(row)
            for key in editor.keys:
                self.rows[key] = row
            editor.committed.connect(lambda e=editor: self.committed.emit(e))

    def populate(self, raw: dict, force: bool = False) -> None:
        for editor in self.editors:
            editor.set_values(raw, force)
        self.apply_visibility(raw)

    def apply_visibility(self, raw: dict) -> None:
        """Rows whose field declares ``{"when": {"mode": ["weekly"]}}`` show only when that holds."""
        for editor in self.editors:
            when = hints(editor.info).get("when")
            if isinstance(when, dict):
                shown = all(raw.get(k) in (v if isinstance(v, (list, tuple)) else [v]) for k, v in when.items())
                self.rows[editor.keys[0]].setVisible(shown)

    def remember(self, raw: dict) -> None:
        for editor in self.editors:
            editor.remember(raw)

    def values(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for editor in self.editors:
            out.update(editor.values())
        return out

    def set_context(self, ctx: EditorContext) -> None:
        for editor in self.editors:
            editor.set_context(ctx)

    def editor(self, name: str) -> FieldEditor | None:
        row = self.rows.get(name)
        return row.editor if row else None

    def row(self, path: str | None) -> FieldRow | None:
        """The row for a problem's field path ('amount', 'cases[0].values', 'goal.condition')."""
        if not path:
            return None
        if self.prefix:
            if not path.startswith(self.prefix):
                return None
            path = path[len(self.prefix):]
        return self.rows.get(top_field(path))

    def set_markers(self, markers: dict[str, list[Marker]]) -> None:
        """``markers``: field name -> problems; rows not named are cleared."""
        for row in dict.fromkeys(self.rows.values()):
            found: list[Marker] = []
            for key in row.editor.keys:
                found += markers.get(key, [])
            row.set_markers(found)


def local_errors(model: type[BaseModel], raw: Any) -> dict[str, list[Marker]]:
    """What the settings model itself rejects in ``raw``, by top-level field."""
    if not isinstance(raw, dict):
        return {}
    try:
        model.model_validate(raw)
    except ValidationError as err:
        out: dict[str, list[Marker]] = {}
        for e in err.errors():
            loc = e.get("loc") or ("",)
            where = ""
            rest = loc[1:]
            if rest:
                where = " ".join(tr("row %1").replace("%1", str(p + 1)) if isinstance(p, int) else str(p) for p in rest)
                where += ": "
            out.setdefault(str(loc[0]), []).append(("error", where + e.get("msg", "")))
        return out
    return {}
