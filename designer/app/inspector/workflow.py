"""The inspector's workflow page: name, description, stages, goal, exit criteria and journey settings.

Each section is generated from its model (Goal, ExitCriteria, ReEntry,
FrequencyCap, QuietHours); a finished edit emits ``edited(field, value)`` with the top-level
Workflow field and a valid value (a model instance, or a plain value). A value
the model refuses is shown at the field and not emitted.
"""

from __future__ import annotations

from functools import cache
from typing import Annotated

from pydantic import BaseModel, TypeAdapter, ValidationError
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QVBoxLayout, QWidget

from designer.blueprint import (
    Blueprint,
    ExitCriteria,
    FrequencyCap,
    Goal,
    JourneySettings,
    QuietHours,
    ReEntry,
    Workflow,
)
from designer.validation import Problem

from .. import panel_style as ps
from .fields import EditorContext, FieldEditor, MultilineEditor, tr
from .form import FieldRow, Marker, ModelForm
from .tables import ChannelPriorityEditor
from .values import StageEditor

GENERAL = ("name", "description", "from_stage", "to_stage")


@cache
def _adapter(name: str) -> TypeAdapter:
    """Validates one Workflow field's value with its limits (the Workflow refuses bad values on assignment)."""
    info = Workflow.model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])


class _Section(QWidget):
    """A section header (optionally with an on/off switch) above a form."""

    toggled = Signal(bool)

    def __init__(self, title: str, form: ModelForm, switch: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.form = form
        header = QHBoxLayout()
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(ps.section_label(title, self))
        header.addStretch(1)
        self.switch = None
        if switch:
            self.switch = QCheckBox(switch, self)
            self.switch.setStyleSheet("padding-top: 10px;")
            self.switch.clicked.connect(self._clicked)
            header.addWidget(self.switch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(header)
        layout.addWidget(form)

    def _clicked(self, on: bool) -> None:
        self.form.setEnabled(on)
        self.toggled.emit(on)

    def set_on(self, on: bool) -> None:
        if self.switch is not None:
            self.switch.setChecked(on)
            self.form.setEnabled(on)

    def is_on(self) -> bool:
        return self.switch is None or self.switch.isChecked()


class WorkflowPage(QWidget):
    """Edits one workflow's own fields; ``edited(field, value)`` on each finished change."""

    edited = Signal(str, object)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        ctx = EditorContext()
        fields = Workflow.model_fields
        general = {n: fields[n] for n in GENERAL}
        overrides: dict[str, FieldEditor] = {
            "description": MultilineEditor("description", fields["description"], ctx),
            "from_stage": StageEditor("from_stage", fields["from_stage"], ctx),
            "to_stage": StageEditor("to_stage", fields["to_stage"], ctx),
        }
        overrides["from_stage"].caption = tr("The lifecycle stage contacts start from")
        overrides["to_stage"].caption = tr("The stage this journey moves them to")
        self.general = ModelForm(general, ctx, overrides=overrides, parent=self)
        self.goal = ModelForm(Goal.model_fields, ctx, prefix="goal.", parent=self)
        self.exit = ModelForm(ExitCriteria.model_fields, ctx, prefix="exit_criteria.", parent=self)
        self.re_entry = ModelForm(ReEntry.model_fields, ctx, prefix="settings.re_entry.", parent=self)
        self.cap = ModelForm(FrequencyCap.model_fields, ctx, prefix="settings.frequency_cap.", parent=self)
        self.quiet = ModelForm(QuietHours.model_fields, ctx, prefix="settings.quiet_hours.", parent=self)
        priority = JourneySettings.model_fields["channel_priority"]
        self.channels = ModelForm({"channel_priority": priority}, ctx, prefix="settings.", parent=self,
                                  overrides={"channel_priority": ChannelPriorityEditor("channel_priority", priority, ctx)})
        self.channels.editors[0].label = tr("Channel priority")

        self.sections = {
            "general": _Section(tr("Workflow"), self.general, parent=self),
            "goal": _Section(tr("Goal"), self.goal, tr("Measure"), parent=self),
            "exit": _Section(tr("Exit criteria"), self.exit, tr("On"), parent=self),
            "re_entry": _Section(tr("Re-entry"), self.re_entry, parent=self),
            "cap": _Section(tr("Frequency cap"), self.cap, tr("On"), parent=self),
            "quiet": _Section(tr("Quiet hours"), self.quiet, tr("On"), parent=self),
            "channels": _Section(tr("Channels"), self.channels, parent=self),
        }
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for section in self.sections.values():
            layout.addWidget(section)

        self.general.committed.connect(self._general_committed)
        self.goal.committed.connect(lambda _e: self._emit_goal())
        self.sections["goal"].toggled.connect(lambda _on: self._emit_goal())
        self.exit.committed.connect(lambda _e: self._emit_exit())
        self.sections["exit"].toggled.connect(lambda _on: self._emit_exit())
        for form in (self.re_entry, self.cap, self.quiet, self.channels):
            form.committed.connect(lambda _e: self._emit_settings())
        self.sections["cap"].toggled.connect(lambda _on: self._emit_settings())
        self.sections["quiet"].toggled.connect(lambda _on: self._emit_settings())
        self.re_entry.committed.connect(lambda _e: self._sync_re_entry())
        self._local: dict[str, list[Marker]] = {}
        self._problems: list[Problem] = []

    # --- showing -------------------------------------------------------------
    def show_workflow(self, wf: Workflow, blueprint: Blueprint, ctx: EditorContext, force: bool) -> None:
        if force:
            self._local.clear()
        for form in self.forms():
            form.set_context(ctx)
        # Plain text fields, as model_dump would give them, without building Workflow's serializer at start-up.
        self.general.populate({name: getattr(wf, name) for name in GENERAL}, force)
        self.goal.populate((wf.goal or Goal()).model_dump(mode="json"), force)
        self.sections["goal"].set_on(wf.goal is not None)
        self.exit.populate((wf.exit_criteria or ExitCriteria()).model_dump(mode="json"), force)
        self.sections["exit"].set_on(wf.exit_criteria is not None)
        s = wf.settings
        self.re_entry.populate(s.re_entry.model_dump(mode="json"), force)
        self.cap.populate((s.frequency_cap or FrequencyCap()).model_dump(mode="json"), force)
        self.sections["cap"].set_on(s.frequency_cap is not None)
        self.quiet.populate((s.quiet_hours or QuietHours()).model_dump(mode="json"), force)
        self.sections["quiet"].set_on(s.quiet_hours is not None)
        self.channels.populate({"channel_priority": list(s.channel_priority)}, force)
        self._sync_re_entry()
        self._render()

    def _sync_re_entry(self) -> None:
        days = self.re_entry.rows["days"]
        days.setEnabled(self.re_entry.values().get("mode") == "after")

    def forms(self) -> list[ModelForm]:
        return [self.general, self.goal, self.exit, self.re_entry, self.cap, self.quiet, self.channels]

    def row(self, path: str) -> FieldRow | None:
        for form in self.forms():
            if (row := form.row(path)) is not None:
                return row
        return None

    # --- edits ----------------------------------------------------------------
    def _general_committed(self, editor: FieldEditor) -> None:
        for name, value in editor.values().items():
            try:
                value = _adapter(name).validate_python(value)
            except ValidationError as err:
                self._local[name] = [("error", e["msg"]) for e in err.errors()]
                self._render()
                continue
            self._local.pop(name, None)
            self._render()
            self.general.remember({name: value})
            self.edited.emit(name, value)

    def _build(self, model: type[BaseModel], form: ModelForm) -> BaseModel | None:
        try:
            value = model.model_validate(form.values())
        except ValidationError as err:
            for e in err.errors():
                key = form.prefix + str(e["loc"][0]) if e["loc"] else form.prefix.rstrip(".")
                self._local.setdefault(key, []).append(("error", e["msg"]))
            return None
        for key in [k for k in self._local if k.startswith(form.prefix)]:
            del self._local[key]
        return value

    def _emit_goal(self) -> None:
        goal = self._build(Goal, self.goal) if self.sections["goal"].is_on() else None
        self._render()
        if goal is None and self.sections["goal"].is_on():
            return
        self.edited.emit("goal", goal)

    def _emit_exit(self) -> None:
        on = self.sections["exit"].is_on()
        if not on:  # a refused value in a switched-off section no longer matters
            for key in [k for k in self._local if k.startswith(self.exit.prefix)]:
                del self._local[key]
        leave = self._build(ExitCriteria, self.exit) if on else None
        self._render()
        if leave is None and on:
            return
        self.edited.emit("exit_criteria", leave)

    def _emit_settings(self) -> None:
        for form in (self.re_entry, self.cap, self.quiet, self.channels):
            for key in [k for k in self._local if k.startswith(form.prefix)]:
                del self._local[key]
        re_entry = self._build(ReEntry, self.re_entry)
        cap = self._build(FrequencyCap, self.cap) if self.sections["cap"].is_on() else None
        quiet = self._build(QuietHours, self.quiet) if self.sections["quiet"].is_on() else None
        channels = self.channels.values()["channel_priority"]
        self._render()
        if re_entry is None or (cap is None and self.sections["cap"].is_on()) or \
                (quiet is None and self.sections["quiet"].is_on()):
            return
        try:
            settings = JourneySettings(re_entry=re_entry, frequency_cap=cap, quiet_hours=quiet,
                                       channel_priority=channels)
        except ValidationError as err:
            self._local["settings.channel_priority"] = [("error", e["msg"]) for e in err.errors()]
            self._render()
            return
        self.edited.emit("settings", settings)

    # --- problems -------------------------------------------------------------
    def set_problems(self, problems: list[Problem]) -> list[Problem]:
        """Mark the fields the workflow's problems name; returns the ones no field shows."""
        self._problems = list(problems)
        return self._render()

    def _render(self) -> list[Problem]:
        rest: list[Problem] = []
        by_form: dict[int, dict[str, list[Marker]]] = {id(f): {} for f in self.forms()}
        placed: set[tuple[int, str]] = set()
        for p in self._problems:
            form = next((f for f in self.forms() if f.row(p.field) is not None), None)
            if form is None:
                rest.append(p)
                continue
            key = form.row(p.field).editor.keys[0]
            message = p.message.split(": ", 1)[-1] if p.message.startswith("'") else p.message
            by_form[id(form)].setdefault(key, []).append((p.severity, message))
            placed.add((id(form), key))
        for path, markers in self._local.items():
            form = next((f for f in self.forms() if f.row(path) is not None), None)
            if form is not None:
                key = form.row(path).editor.keys[0]
                if (id(form), key) not in placed:
                    by_form[id(form)].setdefault(key, []).extend(markers)
        for form in self.forms():
            form.set_markers(by_form[id(form)])
        return rest

    def local_markers(self) -> dict[str, list[Marker]]:
        return dict(self._local)


__all__ = ["WorkflowPage"]
