"""One QGraphicsScene per workflow: a view of the model, never its owner.

The scene builds its items from the workflow and then follows the document's
change notifications (``apply``). It keeps id -> item dictionaries (and the
wires of each node) so no look-up scans the items. Items report gestures
(moved, double-clicked, note edited) through the scene's signals; the editor
turns them into undo commands.
"""

from __future__ import annotations

from collections.abc import Iterable

import shiboken6
from PySide6.QtCore import QPointF, QRectF, QTimer, Signal
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from designer.document import Change, Document
from designer.validation import Problem

from . import theme
from .edge_item import EdgeItem
from .far_overview import FarOverviewItem
from .lanes import LanesItem, lane_bands
from .node_item import NodeItem, badge_tooltip
from .note_item import NoteItem

SCENE_EXTENT = 200_000.0
EdgeKey = tuple[str, str, str]


class WorkflowScene(QGraphicsScene):
    nodeDoubleClicked = Signal(str)
    noteEdited = Signal(str, dict)

    def __init__(self, document: Document, workflow_id: str, parent=None,
                 index_method=QGraphicsScene.ItemIndexMethod.BspTreeIndex):
        super().__init__(parent)
        self.document, self.workflow_id = document, workflow_id
        # Measured in benchmarks/canvas_frame.py: see docs/performance.md ("Canvas").
        self.setItemIndexMethod(index_method)
        self.setSceneRect(QRectF(-SCENE_EXTENT / 2, -SCENE_EXTENT / 2, SCENE_EXTENT, SCENE_EXTENT))
        self.nodes: dict[str, NodeItem] = {}
        self.edges: dict[EdgeKey, EdgeItem] = {}
        self.notes: dict[str, NoteItem] = {}
        self._wires_of: dict[str, set[EdgeKey]] = {}
        self._badges: dict[str, tuple[str, str]] = {}
        self._retired = False
        self.snap = True
        self.user_dragging = False  # set by the move gesture: only a drag snaps, never the model
        self.lanes = LanesItem()
        self.addItem(self.lanes)
        self.far = False  # far level of detail: the overview draws cards and wires (see far_overview.py)
        self.far_listeners: list = []  # told when the far level switches (run count badges)
        self.overview = FarOverviewItem(self)
        self.addItem(self.overview)
        self.selectionChanged.connect(self._selection_changed)
        self._lanes_timer = QTimer(self, singleShot=True, interval=0, timeout=self.refresh_lanes)
        self.build()

    # --- building ---------------------------------------------------------------
    @property
    def workflow(self):
        return self.document.workflow(self.workflow_id)

    def build(self) -> None:
        wf = self.workflow
        for node in wf.nodes:
            self._add_node_item(node)
        for edge in wf.edges:
            self._add_edge_item((edge.source, edge.source_port, edge.target))
        for note in wf.notes:
            self._add_note_item(note)
        self.refresh_lanes()

    def _add_node_item(self, node) -> NodeItem:
        item = NodeItem(node, self)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.far)
        self.nodes[node.id] = item
        self.addItem(item)
        if node.id in self._badges:
            item.set_badge(self._badges[node.id])
        return item

    def _add_edge_item(self, key: EdgeKey) -> None:
        source, port, target = key
        src, dst = self.nodes.get(source), self.nodes.get(target)
        if src is None or dst is None or key in self.edges:
            return  # a dead wire in a loaded file: the validator reports it
        item = EdgeItem(key)
        item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, self.far)
        item.set_ends(src.output_anchor(port), dst.input_anchor())
        self.edges[key] = item
        self._wires_of.setdefault(source, set()).add(key)
        self._wires_of.setdefault(target, set()).add(key)
        if port in src.ports:
            src.ports[port].set_wired(True)
        self.addItem(item)

    def _remove_edge_item(self, key: EdgeKey) -> None:
        item = self.edges.pop(key, None)
        if item is None:
            return
        for end in (key[0], key[2]):
            self._wires_of.get(end, set()).discard(key)
        src = self.nodes.get(key[0])
        if src is not None and key[1] in src.ports:
            src.ports[key[1]].set_wired(False)
        self.removeItem(item)

    def _add_note_item(self, note) -> None:
        item = NoteItem(note, self)
        self.notes[note.id] = item
        self.addItem(item)

    # --- following the model -------------------------------------------------------
    def apply(self, change: Change) -> None:
        what = change.what
        if what == "nodes-added":
            wf_nodes = self.workflow.node_map()
            for node_id in change.node_ids:
                self._add_node_item(wf_nodes[node_id])
            for key in change.edges:
                self._add_edge_item(key)
        elif what == "nodes-removed":
            for key in change.edges:
                self._remove_edge_item(key)
            for node_id in change.node_ids:
                item = self.nodes.pop(node_id, None)
                for key in list(self._wires_of.pop(node_id, ())):
                    self._remove_edge_item(key)
                if item is not None:
                    self.removeItem(item)
        elif what == "nodes-moved":
            self._follow_moves(change.node_ids)
        elif what == "node-changed":
            wf_nodes = self.workflow.node_map()
            for node_id in change.node_ids:
                if node_id in self.nodes and node_id in wf_nodes:
                    self.nodes[node_id].update_from(wf_nodes[node_id])
                    self.node_item_moved(self.nodes[node_id])
        elif what == "edges-added":
            for key in change.edges:
                self._add_edge_item(key)
        elif what == "edges-removed":
            for key in change.edges:
                self._remove_edge_item(key)
        elif what == "notes":
            self._sync_notes(change.node_ids)
        elif what != "workflow":
            return
        self.overview.mark_dirty()
        self.schedule_lanes()

    def _follow_moves(self, ids: Iterable[str]) -> None:
        wf = self.workflow
        wanted = set(ids)
        for node in wf.nodes:
            if node.id in wanted and node.id in self.nodes:
                item = self.nodes[node.id]
                if (item.x(), item.y()) != (node.position.x, node.position.y):
                    item.setPos(node.position.x, node.position.y)  # re-routes its wires
        for note in wf.notes:
            if note.id in wanted and note.id in self.notes:
                self.notes[note.id].setPos(note.position.x, note.position.y)

    def _sync_notes(self, ids: Iterable[str]) -> None:
        present = {n.id: n for n in self.workflow.notes}
        for note_id in ids:
            note, item = present.get(note_id), self.notes.get(note_id)
            if note is None and item is not None:
                self.removeItem(self.notes.pop(note_id))
            elif note is not None and item is None:
                self._add_note_item(note)
            elif note is not None:
                item.update_from(note)

    def schedule_lanes(self) -> None:
        if not self._retired:
            self._lanes_timer.start()

    def retire(self) -> None:
        """The workflow is gone: stop following it (the scene is deleted soon)."""
        self._retired = True
        self._lanes_timer.stop()

    def refresh_lanes(self) -> None:
        wf = self.document.blueprint.workflow(self.workflow_id)
        if wf is None:  # the workflow was just removed; this scene is going
            return
        bands, extent = lane_bands(self.document.blueprint, wf, theme.NODE_WIDTH)
        self.lanes.set_bands(bands, extent)

    def _selection_changed(self) -> None:
        if shiboken6.isValid(self.overview):  # not while the scene is being torn down
            self.overview.mark_dirty()

    # --- hooks the items call ----------------------------------------------------------
    def snap_enabled(self) -> bool:
        return self.snap and self.user_dragging

    def node_item_moved(self, item: NodeItem) -> None:
        for key in self._wires_of.get(item.node_id, ()):
            edge = self.edges[key]
            edge.set_ends(self.nodes[key[0]].output_anchor(key[1]), self.nodes[key[2]].input_anchor())
        if self.far:
            self.overview.mark_dirty()

    def set_far(self, far: bool) -> None:
        """Switch the far level of detail (the view decides, from its zoom)."""
        if far == self.far:
            return
        self.far = far
        flag = QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        for item in self.nodes.values():
            item.setFlag(flag, far)
        for item in self.edges.values():
            item.setFlag(flag, far)
        self.overview.mark_dirty()
        self.overview.setVisible(far)
        for listener in self.far_listeners:
            listener(far)

    def node_double_clicked(self, item: NodeItem) -> None:
        self.nodeDoubleClicked.emit(item.node_id)

    def note_edited(self, note_id: str, **fields) -> None:
        self.noteEdited.emit(note_id, fields)

    # --- problems ------------------------------------------------------------------------
    def set_problems(self, problems: Iterable[Problem]) -> None:
        """Badge every node named by a problem of this workflow (errors win over warnings)."""
        by_node: dict[str, list[Problem]] = {}
        for p in problems:
            if p.workflow_id == self.workflow_id:
                for node_id in p.node_ids:
                    by_node.setdefault(node_id, []).append(p)
        badges = {}
        shared: dict[tuple[int, ...], tuple[str, str]] = {}  # one text per set of problems: a problem may name 10,000 steps
        for node_id, found in by_node.items():
            key = tuple(map(id, found))
            if key not in shared:
                severity = "error" if any(p.severity == "error" for p in found) else "warning"
                shared[key] = (severity, badge_tooltip(severity, [p.message for p in found]))
            badges[node_id] = shared[key]
        for node_id in set(self._badges) | set(badges):
            if self._badges.get(node_id) != badges.get(node_id) and node_id in self.nodes:
                self.nodes[node_id].set_badge(badges.get(node_id))
        self._badges = badges
        self.overview.mark_dirty()

    # --- selection -------------------------------------------------------------------------
    def selected_node_ids(self) -> list[str]:
        return [i.node_id for i in self.selectedItems() if isinstance(i, NodeItem)]

    def selected_note_ids(self) -> list[str]:
        return [i.note_id for i in self.selectedItems() if isinstance(i, NoteItem)]

    def selected_edge_keys(self) -> list[EdgeKey]:
        return [i.key for i in self.selectedItems() if isinstance(i, EdgeItem)]

    def select_only(self, node_ids: Iterable[str] = (), note_ids: Iterable[str] = ()) -> None:
        wanted = [self.nodes[i] for i in node_ids if i in self.nodes] + [self.notes[i] for i in note_ids if i in self.notes]
        self.blockSignals(True)
        try:
            self.clearSelection()
            for item in wanted:
                item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def select_all(self) -> None:
        self.blockSignals(True)
        try:
            for item in self.items():
                if item.flags() & QGraphicsItem.GraphicsItemFlag.ItemIsSelectable and not isinstance(item, EdgeItem):
                    item.setSelected(True)
        finally:
            self.blockSignals(False)
        self.selectionChanged.emit()

    def content_rect(self) -> QRectF:
        """What 'fit all' shows: every card, note and lane."""
        rect = QRectF()
        for item in (*self.nodes.values(), *self.notes.values()):
            rect = rect.united(item.sceneBoundingRect())
        if self.lanes.bands:
            rect = rect.united(self.lanes.sceneBoundingRect())
        return rect

    def moved_positions(self) -> dict[str, tuple[float, float]]:
        """Where the items are, for nodes/notes whose item differs from the model."""
        out = {}
        wf = self.workflow
        for node in wf.nodes:
            item = self.nodes.get(node.id)
            if item is not None and (item.x(), item.y()) != (node.position.x, node.position.y):
                out[node.id] = (item.x(), item.y())
        for note in wf.notes:
            item = self.notes.get(note.id)
            if item is not None and (item.x(), item.y()) != (note.position.x, note.position.y):
                out[note.id] = (item.x(), item.y())
        return out

    def node_at(self, pos: QPointF) -> NodeItem | None:
        for item in self.items(pos):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if item is not None:
                return item
        return None
