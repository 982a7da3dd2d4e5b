"""The selected workflow's notes and, for an experiment, its plan and sample size.

Every edit is one SetWorkflowField command (text on leaving the field, numbers
on Enter or a step). The panel re-reads the model after each change notice and
never overwrites the field the user is typing in.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import ExperimentPlan

from .model import QueueModel, queue_command
from .text import category_hint, category_label, reason_text, status_label, tr


class _NotesEdit(QPlainTextEdit):
    editingFinished = Signal()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()


def _spin(lo: float, hi: float, step: float, decimals: int, suffix: str = "") -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(lo, hi)
    spin.setSingleStep(step)
    spin.setDecimals(decimals)
    spin.setSuffix(suffix)
    spin.setKeyboardTracking(False)
    return spin


class QueueDetails(QFrame):
    def __init__(self, model: QueueModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.workflow_id: str | None = None
        self.setObjectName("queueDetails")
        self.title = QLabel()
        self.title.setObjectName("detailsTitle")
        self.subtitle = QLabel()
        self.subtitle.setWordWrap(True)
        self.subtitle.setObjectName("detailsSubtitle")
        self.notes = _NotesEdit()
        self.notes.setPlaceholderText(tr("Notes for the team: what to build, links, decisions…"))
        self.notes.editingFinished.connect(lambda: self._commit(notes=self.notes.toPlainText()))

        self.experiment = QGroupBox(tr("Experiment plan"))
        form = QFormLayout(self.experiment)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.hypothesis = QLineEdit()
        self.hypothesis.setPlaceholderText(tr("If we …, then … because …"))
        self.metric_edit = QLineEdit()
        self.baseline = _spin(0.1, 99.9, 0.5, 1, " %")
        self.mde = _spin(0.1, 99.9, 0.5, 1, tr(" pts"))
        self.mde.setToolTip(tr("The smallest absolute lift worth detecting, in percentage points"))
        self.alpha = _spin(0.001, 0.499, 0.01, 3)
        self.alpha.setToolTip(tr("Significance level, two-sided"))
        self.power = _spin(0.51, 0.99, 0.05, 2)
        self.weekly = QSpinBox()
        self.weekly.setRange(0, 1_000_000_000)
        self.weekly.setSingleStep(100)
        self.weekly.setGroupSeparatorShown(True)
        self.weekly.setSpecialValueText(tr("unknown"))
        self.weekly.setKeyboardTracking(False)
        self.weekly.setToolTip(tr("Contacts reaching the experiment per week; a dry-run's figure is used when there is one"))
        for label, widget in ((tr("Hypothesis"), self.hypothesis), (tr("Metric"), self.metric_edit),
                              (tr("Baseline rate"), self.baseline), (tr("Detect a lift of"), self.mde),
                              (tr("Significance (α)"), self.alpha), (tr("Power"), self.power),
                              (tr("Entries per week"), self.weekly)):
            form.addRow(label, widget)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.result.setObjectName("sampleResult")
        self.result.setTextFormat(Qt.TextFormat.RichText)
        form.addRow(self.result)
        self.hypothesis.editingFinished.connect(lambda: self._commit(experiment__hypothesis=self.hypothesis.text()))
        self.metric_edit.editingFinished.connect(lambda: self._commit(experiment__metric=self.metric_edit.text().strip() or "conversion rate"))
        self.baseline.valueChanged.connect(lambda v: self._commit(experiment__baseline_rate=round(v / 100, 6)))
        self.mde.valueChanged.connect(lambda v: self._commit(experiment__minimum_detectable_effect=round(v / 100, 6)))
        self.alpha.valueChanged.connect(lambda v: self._commit(experiment__alpha=v))
        self.power.valueChanged.connect(lambda v: self._commit(experiment__power=v))
        self.weekly.valueChanged.connect(lambda v: self._commit(experiment__weekly_entries=float(v) if v else None))

        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.subtitle)
        left.addWidget(self.notes, 1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(left, 3)
        layout.addWidget(self.experiment, 2)
        for signal in (model.dataChanged, model.modelReset):
            signal.connect(self.refresh)
        self.show_workflow(None)

    def show_workflow(self, workflow_id: str | None) -> None:
        if workflow_id != self.workflow_id and self.notes.hasFocus():
            self._commit(notes=self.notes.toPlainText())
        self.workflow_id = workflow_id
        self.refresh()

    def refresh(self) -> None:
        wf_id = self.workflow_id
        if wf_id is None or self.model.document.blueprint.workflow(wf_id) is None:
            self.workflow_id = None
            self.title.setText(tr("No workflow selected"))
            self.subtitle.setText(tr("Select a row to see its notes and, for an experiment, its sample size."))
            self.notes.setEnabled(False)
            self.experiment.setVisible(False)
            return
        r = self.model.ranked(wf_id)
        e = r.entry
        self.title.setText(r.name)
        where = tr("#%1 in the queue").replace("%1", str(r.rank)) if r.rank else status_label(e.status)
        self.subtitle.setText(f"{category_label(e.category)} · {where} · {reason_text(r)}\n{category_hint(e.category)}")
        self.notes.setEnabled(True)
        if not self.notes.hasFocus() and self.notes.toPlainText() != e.notes:
            self.notes.setPlainText(e.notes)
        self.experiment.setVisible(e.category == "experiment")
        if e.category == "experiment":
            self._show_plan(r)

    def _show_plan(self, r) -> None:
        plan = r.entry.experiment or ExperimentPlan()
        for widget, value in ((self.baseline, plan.baseline_rate * 100), (self.mde, plan.minimum_detectable_effect * 100),
                              (self.alpha, plan.alpha), (self.power, plan.power),
                              (self.weekly, int(plan.weekly_entries or 0))):
            widget.blockSignals(True)
            widget.setValue(value)
            widget.blockSignals(False)
        # A dry-run's figure wins over the estimate typed here: say so beside it.
        dry_run = f"{r.sample.weekly_entries:,.0f}" if r.sample and r.sample.weekly_source == "dry-run" else ""
        self.weekly.setSuffix(tr("  (your estimate; the dry-run's %1 is used)").replace("%1", dry_run) if dry_run else "")
        self.weekly.setSpecialValueText(tr("none (the dry-run's %1 is used)").replace("%1", dry_run) if dry_run
                                        else tr("unknown"))
        for edit, text in ((self.hypothesis, plan.hypothesis), (self.metric_edit, plan.metric)):
            if not edit.hasFocus() and edit.text() != text:
                edit.setText(text)
        self.result.setText(self._result_text(r))

    def _result_text(self, r) -> str:
        s = r.sample
        if s is None:
            return ""
        if s.error:
            return "<span style='color:#d64545'>" + tr("Cannot size this test: %1").replace("%1", s.error) + "</span>"
        groups = tr("%1 groups").replace("%1", str(s.groups.count))
        if s.groups.holdout_percent:
            groups += tr(" (holdout %1%)").replace("%1", str(s.groups.holdout_percent))
        text = (tr("<b>%1</b> contacts per variant · %2 · %3 entries in all")
                .replace("%1", f"{s.per_variant:,}").replace("%2", groups).replace("%3", f"{s.total_entries:,}"))
        if s.weeks is None:
            return text + "<br>" + tr("Set the entries per week to see how long it takes.")
        source = tr("from the dry-run") if s.weekly_source == "dry-run" else tr("your estimate")
        return text + "<br>" + (tr("<b>%1 weeks</b> at %2 entries a week (%3)").replace("%1", f"{s.weeks:.1f}")
                                .replace("%2", f"{s.weekly_entries:,.0f}").replace("%3", source))

    def _commit(self, **fields) -> None:
        if self.workflow_id is None or self.model.document.blueprint.workflow(self.workflow_id) is None:
            return
        name = self.model.ranked(self.workflow_id).name
        key = next(iter(fields))
        text = (tr("Edit notes of “%1”") if key == "notes" else tr("Change experiment plan of “%1”")).replace("%1", name)
        try:
            command = queue_command(self.model.document, self.workflow_id, text, **fields)
        except ValueError:  # out of range for the model (e.g. baseline + lift >= 100%): show it, keep the model
            self.refresh()
            return
        if command is not None:
            self.model.editor.apply(command)
