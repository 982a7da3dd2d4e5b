"""The inspector: edits the selected step's settings, or the workflow's own, generated from
the pydantic models (``get_kind(node.kind).settings_model``, ``Workflow``).

It only emits what the user asked for -- ``settingsEdited`` (the full new
settings dict), ``titleEdited`` and ``workflowFieldEdited`` -- on finished edits,
never while it is filling its widgets; the window turns each emission into one
undo command. ``show_node`` on the same step again (after an undo) only touches
the fields that changed, so focus, cursor and scroll position stay put.
"""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import Blueprint, Node, Workflow
from designer.canvas.icons import kind_pixmap
from designer.nodes import FAMILY_LOOK, NodeKind, get_kind
from designer.validation import Problem

from .. import panel_style as ps
from .behaviour import BehaviourSection
from .fields import CONTACT_FIELDS, EditorContext, FieldEditor, TemplateEditor, tr, word
from .form import FieldRow, Marker, MessageLine, ModelForm, local_errors
from .workflow import WorkflowPage

NOT_A_FIELD = {"dangling-output"}  # these name a port in Problem.field, not a setting


def context_for(blueprint: Blueprint | None) -> EditorContext:
    if blueprint is None:
        return EditorContext()
    return EditorContext(stages=[(s.id, s.name) for s in blueprint.stages], variables=list(blueprint.variables))


def short_message(message: str, title: str) -> str:
    """Drop the "'Step title': " prefix the validator adds: the inspector already shows the step."""
    prefix = f"'{title}': "
    return message.removeprefix(prefix)


class _Header(QWidget):
    """Icon tile, kind label and family (or 'Workflow'), and a line of description."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.tile = QLabel(self)
        self.tile.setFixedSize(38, 38)
        self.tile.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title = QLabel(self)
        self.title.setFont(ps.scaled_font(self.title, 2.0, 650))
        self.title.setStyleSheet(f"color: {ps.INK};")
        self.subtitle = QLabel(self)
        self.subtitle.setFont(ps.scaled_font(self.subtitle, -0.8, 500))
        self.description = ps.caption("", self)
        names = QVBoxLayout()
        names.setSpacing(0)
        names.addWidget(self.title)
        names.addWidget(self.subtitle)
        top = QHBoxLayout()
        top.setSpacing(10)
        top.addWidget(self.tile)
        top.addLayout(names, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(14, 12, 14, 10)
        layout.setSpacing(8)
        layout.addLayout(top)
        layout.addWidget(self.description)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.setObjectName("inspectorHeader")
        self.setStyleSheet(f"#inspectorHeader {{ border-bottom: 1px solid {ps.BORDER}; }}")

    def show_look(self, icon: str, colour: str, title: str, subtitle: str, description: str) -> None:
        self.tile.setPixmap(kind_pixmap(icon, 22, colour))
        self.tile.setStyleSheet(f"background: {ps.tint(colour, 0.86)}; border-radius: 9px;")
        self.title.setText(title)
        self.subtitle.setText(subtitle.upper())
        self.subtitle.setStyleSheet(f"color: {colour};")
        self.description.setText(description)
        self.description.setVisible(bool(description))


class NodePage(QWidget):
    """The title and the generated settings form of one node kind (built once per kind, reused)."""

    committed = Signal(object)  # the FieldEditor
    titleCommitted = Signal()

    def __init__(self, kind: NodeKind, ctx: EditorContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.kind = kind
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title_label = QLabel(tr("Title"), self)
        title_label.setFont(ps.scaled_font(title_label, 0, 600))
        self.title = QLineEdit(self)
        self.title.setMaxLength(120)
        self.title.setPlaceholderText(word(kind.label))
        self.title.setClearButtonEnabled(True)
        self.title.editingFinished.connect(self.titleCommitted)
        layout.addWidget(title_label)
        layout.addWidget(self.title)
        layout.addWidget(ps.caption(tr("Shown on the canvas; leave empty to show \u201c%1\u201d.")
                                    .replace("%1", word(kind.label)), self))
        layout.addWidget(ps.section_label(tr("Settings"), self))
        self.form = ModelForm(kind.settings_model.model_fields, ctx, parent=self)
        self.form.committed.connect(self.committed)
        layout.addWidget(self.form)
        self.hint = None
        if any(isinstance(e, TemplateEditor) for e in self.form.editors):
            self.hint = ps.caption("", self)
            self.hint.setTextFormat(Qt.TextFormat.PlainText)
            layout.addSpacing(4)
            layout.addWidget(self.hint)
        self.set_context(ctx)

    def set_context(self, ctx: EditorContext) -> None:
        self.form.set_context(ctx)
        if self.hint is not None:
            names = list(CONTACT_FIELDS[:3]) + [v for v in ctx.variables if v not in CONTACT_FIELDS]
            self.hint.setText(tr("Placeholders: %1, or use the { } button to insert one.")
                              .replace("%1", "  ".join(f"{{{{{n}}}}}" for n in names)))


class _UnknownPage(QWidget):
    """A step whose kind this version does not know: its settings, read-only."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(ps.section_label(tr("Settings (read-only)"), self))
        layout.addWidget(self.text)

    def show_settings(self, settings: dict) -> None:
        import json

        self.text.setPlainText(json.dumps(settings, indent=2, ensure_ascii=False, default=str))


class InspectorWidget(QWidget):
    """Edits the selected step (or the workflow); emits edits, never writes the model."""

    settingsEdited = Signal(str, str, dict)  # workflow_id, node_id, the full new settings
    titleEdited = Signal(str, str, str)  # workflow_id, node_id, title
    workflowFieldEdited = Signal(str, str, object)  # workflow_id, Workflow field name, new value
    behaviourEdited = Signal(str, str, object)  # workflow_id, node_id, the step's behaviour override or None

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("inspector")
        self.setStyleSheet(
            f"#inspector, #inspectorBody {{ background: {ps.SURFACE}; }}" + ps.LINE_EDIT_QSS + ps.CHIP_QSS
            + ps.TABLE_QSS + ps.SCROLLBAR_QSS
        )
        self.header = _Header(self)
        self.banner = QWidget(self)
        self.banner.setObjectName("problemBanner")
        self.banner_layout = QVBoxLayout(self.banner)
        self.banner_layout.setContentsMargins(10, 8, 10, 8)
        self.banner_layout.setSpacing(4)
        self.banner.hide()
        self.empty = QLabel(self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet(f"color: {ps.MUTED}; padding: 40px 20px;")
        self.empty.setText(tr("Select one step on the canvas to edit its settings, or click empty canvas "
                              "to edit the workflow."))

        body = QWidget()
        body.setObjectName("inspectorBody")
        self.pages_layout = QVBoxLayout(body)
        self.pages_layout.setContentsMargins(14, 10, 14, 20)
        self.pages_layout.setSpacing(8)
        self.pages_layout.addWidget(self.banner)
        self.behaviour = BehaviourSection(body)  # below the step's page (see _add_page)
        self.behaviour.edited.connect(self._on_behaviour_edited)
        self.behaviour.hide()
        self.pages_layout.addWidget(self.behaviour)
        self.pages_layout.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.empty, 1)

        self._pages: dict[str, NodePage] = {}
        self._unknown: _UnknownPage | None = None
        self._workflow_page: WorkflowPage | None = None
        self._mode = "nothing"
        self._workflow_id = ""
        self._node_id = ""
        self._kind: str | None = None
        self._settings: dict[str, Any] = {}
        self._title = ""
        self._display_title = ""
        self._problems: list[Problem] = []
        self._cleared: set[str] = set()  # fields edited since the last set_problems
        self._populating = False
        self.show_nothing()

    # --- public API -------------------------------------------------------------
    def show_node(self, workflow_id: str, node: Node, blueprint: Blueprint | None = None) -> None:
        kind = get_kind(node.kind)
        same = (self._mode == "node" and workflow_id == self._workflow_id and node.id == self._node_id
                and node.kind == self._kind)
        if not same:
            self._flush()
        self._populating = True
        try:
            self._mode, self._workflow_id, self._node_id, self._kind = "node", workflow_id, node.id, node.kind
            self._settings = dict(node.settings)
            self._title, self._display_title = node.title, node.display_title
            if kind is None:
                page = self._unknown_page()
                page.show_settings(node.settings)
                self.header.show_look("info", ps.MUTED, node.display_title, tr("Unknown kind"),
                                      tr("This file has a '%1' step, which this version does not know. "
                                         "It is kept as it is.").replace("%1", node.kind))
            else:
                page = self._page_for(kind)
                page.set_context(context_for(blueprint))
                page.form.populate(node.settings, force=not same)
                if not same or page.title.text() != node.title:
                    page.title.setText(node.title)
                self.behaviour.populate(node.behaviour, kind.channel is not None)
                if not same:
                    look = FAMILY_LOOK[kind.family]
                    self.header.show_look(kind.icon, look.colour, word(kind.label), word(look.title),
                                          word(kind.description))
            self._show_page(page)
        finally:
            self._populating = False
        self._shown(same)

    def show_workflow(self, workflow: Workflow, blueprint: Blueprint) -> None:
        same = self._mode == "workflow" and workflow.id == self._workflow_id
        if not same:
            self._flush()
        self._populating = True
        try:
            self._mode, self._workflow_id, self._node_id, self._kind = "workflow", workflow.id, "", None
            page = self._workflow_page_()
            page.show_workflow(workflow, blueprint, context_for(blueprint), force=not same)
            self.header.show_look("workflow", ps.ACCENT, workflow.name, tr("Workflow"),
                                  tr("%1 steps").replace("%1", str(len(workflow.nodes))))
            self._show_page(page)
        finally:
            self._populating = False
        self._shown(same)

    def show_nothing(self) -> None:
        self._flush()
        self._mode, self._workflow_id, self._node_id, self._kind = "nothing", "", "", None
        self._show_page(None)

    def rebuild_pages(self) -> None:
        """Drops the built pages (after a language switch): the next show builds them in the new words."""
        self.show_nothing()
        for page in [*self._pages.values(), self._unknown, self._workflow_page]:
            if page is not None:
                page.setParent(None)
                page.deleteLater()
        self._pages.clear()
        self._unknown = self._workflow_page = None

    def _shown(self, same: bool) -> None:
        """After a page is filled: a different subject starts at the top with fresh markers."""
        if not same:
            self._cleared.clear()
            self.scroll.verticalScrollBar().setValue(0)
        self._refresh_markers()

    def set_problems(self, problems: list[Problem]) -> None:
        self._problems = list(problems)
        self._cleared.clear()
        self._refresh_markers()

    # --- for the window and tests -------------------------------------------------
    @property
    def mode(self) -> str:
        return self._mode

    def current_page(self) -> QWidget | None:
        if self._mode == "workflow":
            return self._workflow_page
        if self._mode == "node":
            return self._pages.get(self._kind or "") or self._unknown
        return None

    def row(self, field: str) -> FieldRow | None:
        page = self.current_page()
        if isinstance(page, NodePage):
            return page.form.row(field)
        if isinstance(page, WorkflowPage):
            return page.row(field)
        return None

    def editor(self, field: str) -> FieldEditor | None:
        row = self.row(field)
        return row.editor if row else None

    def title_edit(self) -> QLineEdit | None:
        page = self.current_page()
        return page.title if isinstance(page, NodePage) else None

    def banner_messages(self) -> list[str]:
        return [w.text.text() for w in self.banner.findChildren(MessageLine) if not w.isHidden()]

    def _flush(self) -> None:
        """Commit an edit in progress (text typed, focus still in the field) to what is shown now."""
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus):
            focus.clearFocus()  # editingFinished / focus-out commit it to the current step

    # --- pages ------------------------------------------------------------------
    def _page_for(self, kind: NodeKind) -> NodePage:
        page = self._pages.get(kind.kind)
        if page is None:
            page = NodePage(kind, EditorContext())
            page.committed.connect(lambda editor, p=page: self._on_settings_committed(p, editor))
            page.titleCommitted.connect(lambda p=page: self._on_title_committed(p))
            self._add_page(page)
            self._pages[kind.kind] = page
        return page

    def _unknown_page(self) -> _UnknownPage:
        if self._unknown is None:
            self._unknown = _UnknownPage()
            self._add_page(self._unknown)
        return self._unknown

    def _workflow_page_(self) -> WorkflowPage:
        if self._workflow_page is None:
            self._workflow_page = WorkflowPage()
            self._workflow_page.edited.connect(self._on_workflow_edited)
            self._add_page(self._workflow_page)
        return self._workflow_page

    def _add_page(self, page: QWidget) -> None:
        page.hide()
        self.pages_layout.insertWidget(self.pages_layout.indexOf(self.behaviour), page)

    def _show_page(self, page: QWidget | None) -> None:
        for other in [*self._pages.values(), self._unknown, self._workflow_page]:
            if other is not None and other is not page and not other.isHidden():
                other.hide()
        if page is not None and page.isHidden():
            page.show()
        self.behaviour.setVisible(page is not None and page in self._pages.values())
        self.header.setVisible(page is not None)
        self.scroll.setVisible(page is not None)
        self.empty.setVisible(page is None)

    # --- edits ------------------------------------------------------------------
    def _on_settings_committed(self, page: NodePage, editor: FieldEditor) -> None:
        if self._populating or self._mode != "node" or page is not self.current_page():
            return
        new = dict(self._settings)
        new.update(editor.values())
        if new == self._settings:
            return
        self._settings = new
        page.form.remember(new)
        page.form.apply_visibility(new)
        self._cleared.update(editor.keys)
        self._refresh_markers()
        self.settingsEdited.emit(self._workflow_id, self._node_id, dict(new))

    def _on_behaviour_edited(self, behaviour: object) -> None:
        if not self._populating and self._mode == "node":
            self.behaviourEdited.emit(self._workflow_id, self._node_id, behaviour)

    def _on_title_committed(self, page: NodePage) -> None:
        if self._populating or self._mode != "node" or page is not self.current_page():
            return
        text = page.title.text().strip()
        if text == self._title:
            return
        self._title = text
        self.titleEdited.emit(self._workflow_id, self._node_id, text)

    def _on_workflow_edited(self, name: str, value: object) -> None:
        if self._populating or self._mode != "workflow":
            return
        self.workflowFieldEdited.emit(self._workflow_id, name, value)

    # --- problems at the field --------------------------------------------------------
    def _refresh_markers(self) -> None:
        if self._mode == "node":
            self._node_markers()
        elif self._mode == "workflow" and self._workflow_page is not None:
            mine = [p for p in self._problems if p.workflow_id == self._workflow_id and not p.node_ids]
            rest = self._workflow_page.set_problems(mine)
            self._set_banner([(p.severity, p.message) for p in rest])
        else:
            self._set_banner([])

    def _node_markers(self) -> None:
        page = self.current_page()
        mine = [p for p in self._problems if p.workflow_id == self._workflow_id and self._node_id in p.node_ids]
        if not isinstance(page, NodePage):
            self._set_banner([(p.severity, short_message(p.message, self._display_title)) for p in mine])
            return
        fields: dict[str, list[Marker]] = {}
        banner: list[Marker] = []
        for p in mine:
            row = page.form.row(p.field) if p.code not in NOT_A_FIELD and len(p.node_ids) == 1 else None
            message = short_message(p.message, self._display_title)
            if row is None:
                banner.append((p.severity, message))
                continue
            key = row.editor.keys[0]
            if key not in self._cleared:
                fields.setdefault(key, []).append((p.severity, _strip_field(message, p.field)))
        for name, markers in local_errors(page.kind.settings_model, self._settings).items():
            row = page.form.row(name)
            if row is not None and not fields.get(row.editor.keys[0]):
                fields.setdefault(row.editor.keys[0], []).extend(markers)
        page.form.set_markers(fields)
        self._set_banner(banner)

    def _set_banner(self, markers: list[Marker]) -> None:
        lines = self.banner.findChildren(MessageLine)
        while len(lines) < len(markers):
            line = MessageLine(self.banner)
            self.banner_layout.addWidget(line)
            lines.append(line)
        ordered = sorted(markers, key=lambda m: m[0] != "error")
        for line, (severity, message) in zip(lines, ordered):
            line.show_message(severity, message)
        for line in lines[len(markers):]:
            line.hide()
        worst = "error" if any(s == "error" for s, _ in markers) else "warning"
        soft = ps.ERROR_SOFT if worst == "error" else ps.WARNING_SOFT
        self.banner.setStyleSheet(f"#problemBanner {{ background: {soft}; border-radius: 8px; }}")
        self.banner.setVisible(bool(markers))


def _strip_field(message: str, field: str | None) -> str:
    """'amount: Input should be ...' -> 'Input should be ...' (the row already names the field)."""
    if field and message.startswith(f"{field}: "):
        return message[len(field) + 2:]
    return re.sub(r"^settings: ", "", message)
