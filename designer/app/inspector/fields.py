"""Field editors for the inspector, chosen from a pydantic field's type, limits and hints.

One editor per setting (a duration owns its number and unit). Each editor shows
a raw value (which may be invalid: it is shown as best it can be, never
crashes), reports ``committed`` when the user finishes an edit, and returns
type-correct values from ``values()``. Editors never write the model.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic.fields import FieldInfo
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QMenu, QPlainTextEdit, QTextEdit, QToolButton, QWidget

from designer.canvas.icons import kind_icon as icon
from designer.conditions import FUNCTIONS
from designer.conditions import check as check_condition
from designer.i18n import render
from designer.i18n import translate as word  # the core catalogue: kind labels, field words
from designer.nodes.fields import (  # noqa: F401  (humanise: used by the table editors)
    field_words,
    humanise,
    known_time_zones,
)
from designer.templating import check_template

from .. import panel_style as ps

MISSING = object()
CONTACT_FIELDS = ("first_name", "last_name", "email", "phone", "score")


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


@dataclass
class EditorContext:
    """What editors may know of the document: the blueprint's stages and variables."""

    stages: list[tuple[str, str]] = field(default_factory=list)  # (id, name)
    variables: list[str] = field(default_factory=lambda: ["brand"])


# --- reading a pydantic field ---------------------------------------------------------
def unwrap_optional(tp: Any) -> tuple[Any, bool]:
    """``X | None`` -> (X, True); Annotated wrappers are removed."""
    if get_origin(tp) in (Union, types.UnionType):
        args = get_args(tp)
        rest = [a for a in args if a is not type(None)]
        if len(rest) == 1 and len(args) == 2:
            return _strip(rest[0])[0], True
    return _strip(tp)[0], False


def _strip(tp: Any) -> tuple[Any, list]:
    metadata: list = []
    while get_origin(tp) is Annotated:
        args = get_args(tp)
        tp = args[0]
        for extra in args[1:]:
            metadata += list(extra.metadata) if isinstance(extra, FieldInfo) else [extra]
    return tp, metadata


def limits(info: FieldInfo) -> dict[str, Any]:
    """ge/gt/le/lt/min_length/max_length/pattern of a field (also from ``Annotated`` inside ``| None``)."""
    metadata = list(info.metadata)
    tp = info.annotation
    if get_origin(tp) in (Union, types.UnionType):
        for arg in get_args(tp):
            metadata += _strip(arg)[1]
    else:
        metadata += _strip(tp)[1]
    out: dict[str, Any] = {}
    for m in metadata:
        for attr in ("ge", "gt", "le", "lt", "min_length", "max_length", "pattern"):
            value = getattr(m, attr, None)
            if value is not None:
                out[attr] = value
    return out


def hints(info: FieldInfo) -> dict[str, Any]:
    extra = info.json_schema_extra
    return dict(extra) if isinstance(extra, dict) else {}


def label_and_caption(name: str, description: str) -> tuple[str, str]:
    """A short description ('Subject line') is the label; a longer one is help text under the field."""
    label, caption = field_words(name, description)
    return word(label), word(caption) if caption else ""


@lru_cache(maxsize=1)
def zone_names() -> list[str]:
    return sorted(known_time_zones())  # the set the file reader checks zones against: one scan of tzdata


# --- the base -------------------------------------------------------------------------
class FieldEditor(QObject):
    """Shows and edits the settings ``keys``; emits ``committed`` on a finished user edit."""

    committed = Signal()
    feedback = Signal(str, str)  # severity ("error" / "info" / ""), text: live syntax feedback

    show_caption = True

    def __init__(self, name: str, info: FieldInfo, ctx: EditorContext, parent: QObject | None = None):
        super().__init__(parent)
        self.name = name
        self.info = info
        self.ctx = ctx
        self.keys: tuple[str, ...] = (name,)
        self.limits = limits(info)
        self.label, self.caption = label_and_caption(name, info.description or "")
        self._shown: tuple = ()
        self._touched = False  # the user changed something since the value was shown
        self.widget = self._build()

    # to implement
    def _build(self) -> QWidget:
        raise NotImplementedError

    def _show(self, raw: dict) -> None:
        raise NotImplementedError

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    # shared
    def set_values(self, raw: dict, force: bool = False) -> None:
        """Show ``raw`` (the settings mapping); skipped when these keys did not change since last shown."""
        shown = tuple(raw.get(k, MISSING) for k in self.keys)
        if not force and shown == self._shown:
            return
        self._shown = shown
        self._touched = False
        widgets = [self.widget, *self.widget.findChildren(QWidget)]
        blocked = [w.blockSignals(True) for w in widgets]
        try:
            self._show(raw)
        finally:
            for w, was in zip(widgets, blocked):
                w.blockSignals(was)

    def remember(self, raw: dict) -> None:
        """The model now holds ``raw``: do not redraw the widgets for it."""
        self._shown = tuple(raw.get(k, MISSING) for k in self.keys)
        self._touched = False

    def set_context(self, ctx: EditorContext) -> None:
        self.ctx = ctx

    def marked_widgets(self) -> list[QWidget]:
        return [self.widget]

    def focus_widget(self) -> QWidget:
        return self.widget

    def touch(self, *_args) -> None:
        self._touched = True

    def _commit(self) -> None:
        self._touched = False
        self.committed.emit()

    def _commit_if_touched(self) -> None:
        """For editingFinished-style signals, which also fire when focus merely passes through."""
        if self._touched:
            self._commit()


def _row(*widgets: QWidget, stretch: int = 0) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(6)
    for i, w in enumerate(widgets):
        layout.addWidget(w, stretch if i == 0 else 0)
    if not stretch:
        layout.addStretch(1)
    return box


# --- text -------------------------------------------------------------------------------
class TextEditor(FieldEditor):
    """A line of text; ``str | None`` fields store None for an empty box."""

    def _build(self) -> QWidget:
        self.edit = QLineEdit()
        self.optional = unwrap_optional(self.info.annotation)[1]
        if "max_length" in self.limits:
            self.edit.setMaxLength(int(self.limits["max_length"]))
        if self.optional:
            self.edit.setPlaceholderText(tr("(none)"))
        self.edit.textChanged.connect(self.touch)
        self.edit.editingFinished.connect(self._commit_if_touched)
        return self.edit

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        self.edit.setText("" if value is None else str(value))
        self.edit.setCursorPosition(0)

    def values(self) -> dict[str, Any]:
        text = self.edit.text()
        return {self.name: None if self.optional and not text.strip() else text}


class _PlainEdit(QPlainTextEdit):
    """Multi-line text that commits on focus-out and Ctrl+Enter (Enter too, when single_line)."""

    finished = Signal()

    def __init__(self, single_line: bool = False, lines: int = 4):
        super().__init__()
        self.single_line = single_line
        self.setTabChangesFocus(True)
        line = self.fontMetrics().lineSpacing()
        self.setFixedHeight(int(line * lines + 14))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        control = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        shift = event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        if enter and (self.single_line or control) and not shift:
            self.finished.emit()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.finished.emit()

    def mark(self, position: int | None) -> None:
        """Underline the character at ``position`` (a syntax error), or clear the mark."""
        if position is None:
            self.setExtraSelections([])
            return
        sel = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ps.ERROR))
        fmt.setBackground(QColor(ps.ERROR_SOFT))
        sel.format = fmt
        cursor = QTextCursor(self.document())
        end = len(self.toPlainText())
        pos = max(0, min(position, end))
        cursor.setPosition(max(0, pos - 1) if pos == end and end else pos)
        cursor.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor)
        sel.cursor = cursor
        self.setExtraSelections([sel])


class MultilineEditor(FieldEditor):
    """Several lines of plain text (descriptions)."""

    def _build(self) -> QWidget:
        self.edit = _PlainEdit(lines=4)
        self.edit.textChanged.connect(self.touch)
        self.edit.finished.connect(self._commit_if_touched)
        return self.edit

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        self.edit.setPlainText("" if value is None else str(value))

    def values(self) -> dict[str, Any]:
        return {self.name: self.edit.toPlainText()}


class _SyntaxMixin:
    """Live syntax feedback: ``_check(text)`` returns an error with message/position, or None."""

    def _live(self) -> None:
        text = self._text()
        err = self._check(text)
        if err is None:
            self._mark(None)
            self.feedback.emit("info", self._ok_hint())
            return
        self._mark(err.position)
        # the validator's own message (0-based position, in the reader's language), and the place is underlined
        text = render(err.as_message())
        self.feedback.emit("error", text[:1].upper() + text[1:])


class ConditionEditor(_SyntaxMixin, FieldEditor):
    """A condition expression, checked as you type (message and position)."""

    def _build(self) -> QWidget:
        self.required = self.limits.get("min_length", 0) > 0
        self.edit = _PlainEdit(single_line=True, lines=2)
        self.edit.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.edit.setPlaceholderText(tr("e.g. has_tag(\"vip\") and score >= 50") if self.required
                                     else tr("(optional) e.g. props.amount > 100"))
        self.edit.textChanged.connect(self._live)
        self.edit.textChanged.connect(self.touch)
        self.edit.finished.connect(self._commit_if_touched)
        return self.edit

    def _text(self) -> str:
        return self.edit.toPlainText()

    def _check(self, text: str):
        if not text.strip() and not self.required:
            return None
        return check_condition(text)

    def _mark(self, position: int | None) -> None:
        self.edit.mark(position)

    def _ok_hint(self) -> str:
        return tr("Functions: %1").replace("%1", ", ".join(FUNCTIONS))

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        self.edit.setPlainText("" if value is None else str(value))
        self._live()

    def values(self) -> dict[str, Any]:
        return {self.name: self.edit.toPlainText()}


class TemplateEditor(_SyntaxMixin, FieldEditor):
    """Message text with {{placeholders}}: an insert menu and live syntax feedback."""

    def _build(self) -> QWidget:
        self.multiline = hints(self.info).get("editor") == "template_multiline"
        if self.multiline:
            self.edit = _PlainEdit(lines=5)
            self.edit.textChanged.connect(self._live)
            self.edit.finished.connect(self._commit_if_touched)
        else:
            self.edit = QLineEdit()
            if "max_length" in self.limits:
                self.edit.setMaxLength(int(self.limits["max_length"]))
            self.edit.textChanged.connect(self._live)
            self.edit.editingFinished.connect(self._commit_if_touched)
        self.edit.textChanged.connect(self.touch)
        self.button = QToolButton()
        self.button.setIcon(icon("braces", ps.MUTED))
        self.button.setToolTip(tr("Insert a placeholder"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
        self.menu = QMenu(self.button)
        self.menu.aboutToShow.connect(self._fill_menu)
        self.button.setMenu(self.menu)
        box = _row(self.edit, self.button, stretch=1)
        box.layout().setAlignment(self.button, Qt.AlignmentFlag.AlignTop)
        return box

    def _fill_menu(self) -> None:
        self.menu.clear()
        self.menu.addSection(tr("Contact"))
        for name in CONTACT_FIELDS:
            self.menu.addAction(f"{{{{{name}}}}}", lambda n=name: self.insert(n))
        if self.ctx.variables:
            self.menu.addSection(tr("Blueprint variables"))
            for name in self.ctx.variables:
                self.menu.addAction(f"{{{{{name}}}}}", lambda n=name: self.insert(n))
        self.menu.addSection(tr("With a fallback"))
        self.menu.addAction('{{first_name | default("friend")}}',
                            lambda: self.insert('first_name | default("friend")'))

    def insert(self, placeholder: str) -> None:
        text = f"{{{{{placeholder}}}}}"
        if self.multiline:
            self.edit.insertPlainText(text)
        else:
            self.edit.insert(text)
        self.edit.setFocus()
        if not self.multiline:
            self._commit()

    def _text(self) -> str:
        return self.edit.toPlainText() if self.multiline else self.edit.text()

    def _check(self, text: str):
        return check_template(text)

    def _mark(self, position: int | None) -> None:
        if self.multiline:
            self.edit.mark(position)

    def _ok_hint(self) -> str:
        return ""

    def _show(self, raw: dict) -> None:
        value = raw.get(self.name)
        text = "" if value is None else str(value)
        if self.multiline:
            self.edit.setPlainText(text)
        else:
            self.edit.setText(text)
            self.edit.setCursorPosition(0)
        self._live()

    def values(self) -> dict[str, Any]:
        return {self.name: self._text()}

    def marked_widgets(self) -> list[QWidget]:
        return [self.edit]

    def focus_widget(self) -> QWidget:
        return self.edit


def top_field(path: str | None) -> str:
    """'cases[0].values' -> 'cases'; 'goal.condition' -> 'goal'."""
    return re.split(r"[.\[]", path or "", maxsplit=1)[0]
