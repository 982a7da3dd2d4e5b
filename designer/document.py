"""An open blueprint being edited: the one owner of the model while the app runs.

The model changes only through these methods, and each announces what changed
to its subscribers (a plain observer: the canvas bridges it to Qt signals).
Undo commands call these methods by stable ids and never hold graphics items.
Methods that remove things return what they removed, with positions, so undo
can put it back exactly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from designer.blueprint import Blueprint, Edge, Node, Position, StickyNote, Workflow
from designer.connections import Refusal, check_connection


@dataclass(frozen=True)
class Change:
    """What changed. ``what`` is one of: blueprint, workflows, workflow,
    nodes-added, nodes-removed, nodes-moved, node-changed, edges-added,
    edges-removed, notes."""

    what: str
    workflow_id: str | None = None
    node_ids: tuple[str, ...] = ()
    edges: tuple[tuple[str, str, str], ...] = ()


class ConnectionRefused(ValueError):
    def __init__(self, refusal: Refusal) -> None:
        self.refusal = refusal
        super().__init__(refusal.reason)


class Document:
    def __init__(self, blueprint: Blueprint, path: str | Path | None = None) -> None:
        self.blueprint = blueprint
        self.path = Path(path) if path else None
        self.revision = 0  # bumped by every change; compare with saved_revision for "unsaved"
        self.saved_revision = 0
        self._observers: list[Callable[[Change], None]] = []

    # --- observing ----------------------------------------------------------
    def subscribe(self, observer: Callable[[Change], None]) -> Callable[[], None]:
        self._observers.append(observer)
        return lambda: self._observers.remove(observer) if observer in self._observers else None

    def _emit(self, change: Change) -> None:
        self.revision += 1
        for observer in list(self._observers):
            observer(change)

    @property
    def modified(self) -> bool:
        return self.revision != self.saved_revision

    def mark_saved(self, path: str | Path | None = None) -> None:
        if path is not None:
            self.path = Path(path)
        self.saved_revision = self.revision

    # --- look-ups -------------------------------------------------------------
    def workflow(self, workflow_id: str) -> Workflow:
        wf = self.blueprint.workflow(workflow_id)
        if wf is None:
            raise KeyError(f"no workflow {workflow_id!r}")
        return wf

    def node(self, workflow_id: str, node_id: str) -> Node:
        node = self.workflow(workflow_id).node(node_id)
        if node is None:
            raise KeyError(f"no node {node_id!r} in {workflow_id!r}")
        return node

    def can_connect(self, workflow_id: str, source: str, port: str, target: str) -> Refusal | None:
        wf = self.workflow(workflow_id)
        wired = {(e.source, e.source_port) for e in wf.edges}
        return check_connection(wf.node_map(), wired, source, port, target)

    # --- the whole blueprint ------------------------------------------------
    def replace_blueprint(self, blueprint: Blueprint) -> Blueprint:
        old, self.blueprint = self.blueprint, blueprint
        self._emit(Change("blueprint"))
        return old

    def set_blueprint_field(self, name: str, value: Any) -> Any:
        old = getattr(self.blueprint, name)
        setattr(self.blueprint, name, value)
        self._emit(Change("blueprint"))
        return old

    # --- workflows ----------------------------------------------------------
    def add_workflow(self, workflow: Workflow, index: int | None = None) -> None:
        if self.blueprint.workflow(workflow.id) is not None:
            raise ValueError(f"a workflow with id {workflow.id!r} exists")
        wfs = self.blueprint.workflows
        wfs.insert(len(wfs) if index is None else index, workflow)
        self._emit(Change("workflows", workflow.id))

    def remove_workflow(self, workflow_id: str) -> tuple[Workflow, int]:
        wf = self.workflow(workflow_id)
        index = self.blueprint.workflows.index(wf)
        del self.blueprint.workflows[index]
        self._emit(Change("workflows", workflow_id))
        return wf, index

    def move_workflow(self, workflow_id: str, index: int) -> int:
        wfs = self.blueprint.workflows
        wf = self.workflow(workflow_id)
        old = wfs.index(wf)
        wfs.insert(index, wfs.pop(old))
        self._emit(Change("workflows", workflow_id))
        return old

    def set_workflow_field(self, workflow_id: str, name: str, value: Any) -> Any:
        """Set a top-level workflow field (name, goal, settings, queue, stages ...);
        pydantic validates the value. Returns the old value."""
        wf = self.workflow(workflow_id)
        old = getattr(wf, name)
        setattr(wf, name, value)
        self._emit(Change("workflow", workflow_id))
        return old

    # --- nodes and edges ----------------------------------------------------
    def add_nodes(
        self,
        workflow_id: str,
        nodes: Iterable[Node],
        edges: Iterable[Edge] = (),
        node_indices: Iterable[int] | None = None,
        edge_indices: Iterable[int] | None = None,
    ) -> None:
        """Add nodes (and wires among or to them), optionally at given list
        positions (undo of a removal puts them back where they were)."""
        wf = self.workflow(workflow_id)
        nodes, edges = list(nodes), list(edges)
        taken = {n.id for n in wf.nodes}
        for n in nodes:
            if n.id in taken:
                raise ValueError(f"node id {n.id!r} is taken")
            taken.add(n.id)
        _insert(wf.nodes, nodes, node_indices)
        _insert(wf.edges, edges, edge_indices)
        self._emit(Change("nodes-added", workflow_id, tuple(n.id for n in nodes), _edge_keys(edges)))

    def remove_nodes(self, workflow_id: str, node_ids: Iterable[str]) -> tuple[list[tuple[int, Node]], list[tuple[int, Edge]]]:
        """Remove nodes and every wire touching them; returns both with their indices."""
        wf = self.workflow(workflow_id)
        ids = set(node_ids)
        gone_nodes = [(i, n) for i, n in enumerate(wf.nodes) if n.id in ids]
        gone_edges = [(i, e) for i, e in enumerate(wf.edges) if e.source in ids or e.target in ids]
        wf.nodes[:] = [n for n in wf.nodes if n.id not in ids]
        wf.edges[:] = [e for e in wf.edges if not (e.source in ids or e.target in ids)]
        self._emit(Change("nodes-removed", workflow_id, tuple(n.id for _, n in gone_nodes), _edge_keys(e for _, e in gone_edges)))
        return gone_nodes, gone_edges

    def move_nodes(self, workflow_id: str, positions: Mapping[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
        """Move nodes (and notes, by id) to new positions; returns the old positions."""
        wf = self.workflow(workflow_id)
        old: dict[str, tuple[float, float]] = {}
        items = {n.id: n for n in wf.nodes} | {n.id: n for n in wf.notes}
        for item_id, (x, y) in positions.items():
            item = items[item_id]
            old[item_id] = (item.position.x, item.position.y)
            item.position = Position(x=x, y=y)
        self._emit(Change("nodes-moved", workflow_id, tuple(positions)))
        return old

    def set_node_settings(self, workflow_id: str, node_id: str, settings: dict[str, Any]) -> dict[str, Any]:
        """Replace a node's settings (kept even when invalid: the validator reports them)."""
        node = self.node(workflow_id, node_id)
        old = node.settings
        fresh = Node(id=node.id, kind=node.kind, title=node.title, position=node.position, settings=dict(settings))
        node.settings = fresh.settings  # canonical form when valid
        self._emit(Change("node-changed", workflow_id, (node_id,)))
        return old

    def set_node_behaviour(self, workflow_id: str, node_id: str, behaviour: dict[str, Any] | None) -> dict[str, Any] | None:
        """Replace a node's dry-run behaviour override (kept even when invalid: the validator reports it)."""
        node = self.node(workflow_id, node_id)
        old, node.behaviour = node.behaviour, (dict(behaviour) if behaviour else None)
        self._emit(Change("node-changed", workflow_id, (node_id,)))
        return old

    def set_node_title(self, workflow_id: str, node_id: str, title: str) -> str:
        node = self.node(workflow_id, node_id)
        old, node.title = node.title, title
        self._emit(Change("node-changed", workflow_id, (node_id,)))
        return old

    def connect(self, workflow_id: str, edge: Edge, index: int | None = None) -> None:
        """Add a wire; raises :class:`ConnectionRefused` with the reason if it makes no sense."""
        refusal = self.can_connect(workflow_id, edge.source, edge.source_port, edge.target)
        if refusal is not None:
            raise ConnectionRefused(refusal)
        edges = self.workflow(workflow_id).edges
        edges.insert(len(edges) if index is None else index, edge)
        self._emit(Change("edges-added", workflow_id, (edge.source, edge.target), _edge_keys([edge])))

    def disconnect(self, workflow_id: str, source: str, port: str) -> tuple[int, Edge]:
        """Remove the wire leaving ``source`` by ``port``; returns it with its index."""
        edges = self.workflow(workflow_id).edges
        index = next(i for i, e in enumerate(edges) if e.source == source and e.source_port == port)
        edge = edges.pop(index)
        self._emit(Change("edges-removed", workflow_id, (edge.source, edge.target), _edge_keys([edge])))
        return index, edge

    # --- sticky notes -------------------------------------------------------
    def add_note(self, workflow_id: str, note: StickyNote, index: int | None = None) -> None:
        notes = self.workflow(workflow_id).notes
        notes.insert(len(notes) if index is None else index, note)
        self._emit(Change("notes", workflow_id, (note.id,)))

    def remove_note(self, workflow_id: str, note_id: str) -> tuple[int, StickyNote]:
        notes = self.workflow(workflow_id).notes
        index = next(i for i, n in enumerate(notes) if n.id == note_id)
        note = notes.pop(index)
        self._emit(Change("notes", workflow_id, (note_id,)))
        return index, note

    def update_note(self, workflow_id: str, note_id: str, **fields: Any) -> dict[str, Any]:
        note = next(n for n in self.workflow(workflow_id).notes if n.id == note_id)
        old = {k: getattr(note, k) for k in fields}
        for k, v in fields.items():
            setattr(note, k, v)
        self._emit(Change("notes", workflow_id, (note_id,)))
        return old


def _insert(target: list, items: list, indices: Iterable[int] | None) -> None:
    if indices is None:
        target.extend(items)
        return
    for index, item in sorted(zip(indices, items), key=lambda p: p[0]):
        target.insert(index, item)


def _edge_keys(edges: Iterable[Edge]) -> tuple[tuple[str, str, str], ...]:
    return tuple((e.source, e.source_port, e.target) for e in edges)
