"""The Problems panel: every problem the validator found, errors first.

Double-click (or Enter on) a problem to go to it: ``problemActivated`` carries
the workflow id and the step ids, which the window selects and centres.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSize, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import Blueprint
from designer.canvas.icons import kind_icon, kind_pixmap
from designer.validation import CODES, Problem

from .. import panel_style as ps

INDEX_ROLE = Qt.ItemDataRole.UserRole + 1
COL_MESSAGE, COL_STEPS, COL_WORKFLOW, COL_CODE = range(4)
MAX_TITLES = 3


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProblemsPanel", text)


def sort_key(problem: Problem, order: dict[str | None, int]) -> tuple[int, int]:
    """Errors first, then by workflow in blueprint order (document order within: sort is stable)."""
    return (0 if problem.severity == "error" else 1, order.get(problem.workflow_id, len(order)))


class _Tree(QTreeWidget):
    activated_row = Signal(object)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentItem() is not None:
            self.activated_row.emit(self.currentItem())
            return
        super().keyPressEvent(event)


class ProblemsPanel(QWidget):
    """A list of problems with severity, message, steps, workflow and code; counts and filters above."""

    problemActivated = Signal(str, list)  # workflow_id, node_ids

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("problemsPanel")
        self.setStyleSheet(
            f"#problemsPanel {{ background: {ps.SURFACE}; }}"
            f"QTreeWidget {{ border: none; background: {ps.SURFACE}; outline: none;"
            f" alternate-background-color: {ps.SUNKEN}; }}"
            f"QTreeWidget::item {{ padding: 3px 2px; }}"
            f"QTreeWidget::item:selected {{ background: {ps.ACCENT_SOFT}; color: {ps.INK}; }}"
            f"QHeaderView::section {{ background: {ps.SURFACE}; color: {ps.MUTED}; border: none;"
            f" border-bottom: 1px solid {ps.BORDER}; padding: 4px 6px; font-weight: 600; }}"
            f"QToolButton#filterChip {{ border: 1px solid transparent; border-radius: 10px; padding: 2px 8px;"
            f" color: {ps.INK}; background: transparent; }}"
            f"QToolButton#filterChip:checked, QToolButton#filterChip:focus {{ background: transparent; }}"
            f"QToolButton#filterChip:hover {{ background: {ps.HOVER}; }}"
            f"QToolButton#filterChip:!checked {{ color: {ps.FAINT}; }}"
            + ps.SCROLLBAR_QSS
        )
        self.errors = self._chip("error", ps.ERROR)
        self.warnings = self._chip("warning", "#e0a11b")
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 10, 4)
        bar.setSpacing(6)
        bar.addWidget(self.errors)
        bar.addWidget(self.warnings)
        bar.addStretch(1)
        self.hint = QLabel(self.tr("Double-click a problem to show it"), self)
        self.hint.setStyleSheet(f"color: {ps.FAINT};")
        bar.addWidget(self.hint)

        self.tree = _Tree(self)
        self.tree.setColumnCount(4)
        self.tree.setHeaderLabels([self.tr("Problem"), self.tr("Steps"), self.tr("Workflow"), self.tr("Code")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setIconSize(QSize(16, 16))
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_MESSAGE, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_STEPS, 200), (COL_WORKFLOW, 160), (COL_CODE, 140)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, width)
        self.tree.itemDoubleClicked.connect(lambda item, _c: self._activate(item))
        self.tree.activated_row.connect(self._activate)

        self.empty = QWidget(self)
        icon = QLabel(self.empty)
        icon.setPixmap(kind_pixmap("check_circle", 28, ps.VALID))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text = QLabel(self.tr("No problems found"), self.empty)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setStyleSheet(f"color: {ps.MUTED};")
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(icon)
        empty_layout.addWidget(self.empty_text)
        empty_layout.addStretch(1)

        top = QWidget(self)
        top.setLayout(bar)
        top.setObjectName("problemsBar")
        top.setStyleSheet(f"#problemsBar {{ border-bottom: 1px solid {ps.BORDER}; }}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(top)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self._problems: list[Problem] = []
        self._problems_shown: list[Problem] = []
        self.set_problems(None, [])

    def _chip(self, icon: str, colour: str) -> QToolButton:
        chip = QToolButton(self)
        chip.setObjectName("filterChip")
        chip.setIcon(kind_icon(icon, colour))
        chip.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        chip.setCheckable(True)
        chip.setChecked(True)
        chip.setAutoRaise(True)
        chip.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        chip.setToolTip(self.tr("Show or hide these"))
        chip.toggled.connect(self._apply_filter)
        return chip

    # --- public API -------------------------------------------------------------
    def set_problems(self, blueprint: Blueprint | None, problems: list[Problem]) -> None:
        workflows = blueprint.workflows if blueprint is not None else []
        order = {wf.id: i for i, wf in enumerate(workflows)}
        names = {wf.id: wf.name for wf in workflows}
        titles = {wf.id: {n.id: n.display_title for n in wf.nodes} for wf in workflows}
        self._problems = sorted(problems, key=lambda p: sort_key(p, order))
        current = self.tree.currentItem()
        keep = self._key(self._problems_shown[current.data(0, INDEX_ROLE)]) if current is not None else None
        self.tree.setUpdatesEnabled(False)
        self.tree.clear()
        items = []
        for i, p in enumerate(self._problems):
            steps = [titles.get(p.workflow_id, {}).get(n, n) for n in p.node_ids]
            shown_steps = ", ".join(steps[:MAX_TITLES]) + (f" +{len(steps) - MAX_TITLES}" if len(steps) > MAX_TITLES else "")
            item = QTreeWidgetItem([p.message, shown_steps, names.get(p.workflow_id, p.workflow_id or ""), p.code])
            item.setIcon(COL_MESSAGE, kind_icon(p.severity if p.severity in ("error", "warning") else "info",
                                                ps.SEVERITY_COLOUR.get(p.severity, ps.MUTED)))
            item.setData(0, INDEX_ROLE, i)
            explanation = CODES.get(p.code, "")
            item.setToolTip(COL_MESSAGE, p.message)
            item.setToolTip(COL_STEPS, "\n".join(steps))
            item.setToolTip(COL_CODE, _tr(explanation) if explanation else p.code)
            for column in (COL_STEPS, COL_WORKFLOW, COL_CODE):
                item.setForeground(column, self.palette().placeholderText() if column == COL_CODE
                                   else self.palette().text())
            items.append(item)
        self.tree.addTopLevelItems(items)
        self._problems_shown = self._problems
        if keep is not None:
            for item in items:
                if self._key(self._problems[item.data(0, INDEX_ROLE)]) == keep:
                    self.tree.setCurrentItem(item)
                    break
        self.tree.setUpdatesEnabled(True)
        self._update_counts()
        self._apply_filter()

    def problems(self) -> list[Problem]:
        """The problems in the order shown (errors first)."""
        return list(self._problems)

    def visible_rows(self) -> list[Problem]:
        return [self._problems[self.tree.topLevelItem(i).data(0, INDEX_ROLE)]
                for i in range(self.tree.topLevelItemCount()) if not self.tree.topLevelItem(i).isHidden()]

    def item_for(self, row: int) -> QTreeWidgetItem | None:
        return self.tree.topLevelItem(row)

    # --- internals --------------------------------------------------------------
    @staticmethod
    def _key(p: Problem) -> tuple:
        return (p.code, p.workflow_id, p.node_ids, p.field)

    def _update_counts(self) -> None:
        n_errors = sum(p.severity == "error" for p in self._problems)
        n_warnings = len(self._problems) - n_errors
        self.errors.setText(self.tr("1 error") if n_errors == 1
                            else self.tr("%1 errors").replace("%1", str(n_errors)))
        self.warnings.setText(self.tr("1 warning") if n_warnings == 1
                              else self.tr("%1 warnings").replace("%1", str(n_warnings)))

    def count_text(self) -> str:
        return f"{self.errors.text()}, {self.warnings.text()}"

    def _apply_filter(self, *_args) -> None:
        show = {"error": self.errors.isChecked(), "warning": self.warnings.isChecked()}
        for i in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(i)
            problem = self._problems[item.data(0, INDEX_ROLE)]
            item.setHidden(not show.get(problem.severity, True))
        has_any = bool(self._problems)
        self.tree.setVisible(has_any)
        self.empty.setVisible(not has_any)
        self.hint.setVisible(has_any)

    def _activate(self, item: QTreeWidgetItem) -> None:
        index = item.data(0, INDEX_ROLE)
        if index is None or not 0 <= index < len(self._problems):
            return
        p = self._problems[index]
        self.problemActivated.emit(p.workflow_id or "", list(p.node_ids))
