"""The scenes of an open blueprint: one per workflow, made when first shown,
kept in step with the document and its problems."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal

from designer.document import Change, Document
from designer.validation import Problem

from .scene import WorkflowScene


class SceneSet(QObject):
    sceneCreated = Signal(object)  # a WorkflowScene (the window connects its signals)
    sceneDropped = Signal(str)  # workflow id

    def __init__(self, document: Document, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self._scenes: dict[str, WorkflowScene] = {}
        self._problems: list[Problem] = []
        self._blueprint = document.blueprint
        self.snap = True

    def get(self, workflow_id: str) -> WorkflowScene | None:
        scene = self._scenes.get(workflow_id)
        if scene is None and self.document.blueprint.workflow(workflow_id) is not None:
            scene = WorkflowScene(self.document, workflow_id, self)
            scene.snap = self.snap
            scene.set_problems(self._problems)
            self._scenes[workflow_id] = scene
            self.sceneCreated.emit(scene)
        return scene

    def existing(self) -> Iterable[WorkflowScene]:
        return list(self._scenes.values())

    def set_snap(self, snap: bool) -> None:
        self.snap = snap
        for scene in self._scenes.values():
            scene.snap = snap

    def set_problems(self, problems: list[Problem]) -> None:
        self._problems = problems
        for scene in self._scenes.values():
            scene.set_problems(problems)

    def apply(self, change: Change) -> None:
        if change.what == "blueprint":
            if self.document.blueprint is not self._blueprint:  # a new blueprint: new scenes
                self._blueprint = self.document.blueprint
                self.clear()
            else:  # a blueprint field (stages, name ...): lanes may read it
                for scene in self._scenes.values():
                    scene.schedule_lanes()
            return
        if change.what == "workflows":
            present = {w.id for w in self.document.blueprint.workflows}
            for wf_id in [w for w in self._scenes if w not in present]:
                self._drop(wf_id)
            return
        scene = self._scenes.get(change.workflow_id) if change.workflow_id else None
        if scene is not None:
            scene.apply(change)
        if change.what == "workflow":  # stages may be renamed: every scene's lanes
            for other in self._scenes.values():
                other.schedule_lanes()

    def _drop(self, workflow_id: str) -> None:
        scene = self._scenes.pop(workflow_id)
        scene.retire()
        self.sceneDropped.emit(workflow_id)
        scene.deleteLater()

    def clear(self) -> None:
        for wf_id in list(self._scenes):
            self._drop(wf_id)
