"""The canvas view: zoom, fit, pan, grid, keyboard, and the gesture dispatcher.

Every mouse gesture is an object (``gestures/``) that the view starts on a
press and feeds until release; the view itself only decides which one. The
view renders with item caching (node cards), level of detail (from the view
transform), a cached background and the viewport update mode measured in
``benchmarks/canvas_frame.py``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QCursor, QPainter
from PySide6.QtWidgets import QFrame, QGraphicsView

from . import theme
from .editor import Editor
from .far_overview import FAR_ZOOM
from .gestures.base import Gesture
from .gestures.move_items import MoveGesture
from .gestures.new_wire import NewWireGesture
from .gestures.palette_drop import PaletteDropGesture
from .gestures.pan import PanGesture
from .gestures.quick_add import QuickAddGesture
from .gestures.rubber_band import RubberBandGesture
from .grid import draw_grid
from .node_item import NodeItem
from .note_item import NoteItem
from .port_item import PortItem

MIN_ZOOM, MAX_ZOOM = 0.05, 3.0


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)

ZOOM_STEP = 1.2


class CanvasView(QGraphicsView):
    zoomChanged = Signal(float)
    viewChanged = Signal()  # scrolled, zoomed or resized (the minimap follows)
    message = Signal(str)
    contextMenuAt = Signal(QPoint, QPointF)  # global position, scene position

    def __init__(self, editor: Editor, parent=None,
                 update_mode=QGraphicsView.ViewportUpdateMode.MinimalViewportUpdate) -> None:
        super().__init__(parent)
        self.editor = editor
        self._gesture: Gesture | None = None
        self._space = False
        self._states: dict[int, tuple] = {}  # per scene: (zoom, centre)
        self._navigation = 0  # bumped by every zoom, pan or reveal
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing
                            | QPainter.RenderHint.SmoothPixmapTransform)
        self.setViewportUpdateMode(update_mode)
        self.setCacheMode(QGraphicsView.CacheModeFlag.CacheBackground)
        self.setOptimizationFlags(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setDragMode(QGraphicsView.DragMode.NoDrag)
        self.setAcceptDrops(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.horizontalScrollBar().valueChanged.connect(self.viewChanged)
        self.verticalScrollBar().valueChanged.connect(self.viewChanged)

    # --- scenes ----------------------------------------------------------------------
    def set_workflow_scene(self, scene) -> None:
        """Show another workflow's scene, keeping each scene's zoom and centre."""
        old = self.scene()
        if old is scene:
            return
        self.cancel_gesture()
        if old is not None:
            self._states[id(old)] = (self.zoom(), self.mapToScene(self.viewport().rect().center()))
        self.setScene(scene)
        if scene is None:
            return
        scene.set_far(self.zoom() < FAR_ZOOM)
        state = self._states.get(id(scene))
        if state is None:
            self.fit_all()
            # fit again once the layout has settled, unless the user (or a reveal) moved the view first
            serial = self._navigation
            QTimer.singleShot(0, self, lambda: self._navigation == serial and self.fit_all())
        else:
            self.set_zoom(state[0])
            self.centerOn(state[1])
        self.viewChanged.emit()

    # --- zoom and pan ----------------------------------------------------------------
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, zoom: float, anchor: QGraphicsView.ViewportAnchor | None = None) -> None:
        self._navigation += 1
        zoom = min(MAX_ZOOM, max(MIN_ZOOM, zoom))
        if abs(zoom - self.zoom()) < 1e-9:
            return
        previous = self.transformationAnchor()
        if anchor is not None:
            self.setTransformationAnchor(anchor)
        factor = zoom / self.zoom()
        self.scale(factor, factor)
        self.setTransformationAnchor(previous)
        self.scene().set_far(self.zoom() < FAR_ZOOM)
        self.zoomChanged.emit(self.zoom())
        self.viewChanged.emit()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom() * ZOOM_STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom() / ZOOM_STEP, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0, QGraphicsView.ViewportAnchor.AnchorViewCenter)

    def fit_all(self) -> None:
        scene = self.scene()
        if scene is None:
            return
        rect = scene.content_rect()
        if rect.isEmpty():
            rect = QRectF(-200, -150, 400, 300)
        self.fit_rect(rect)

    def fit_rect(self, rect: QRectF, max_zoom: float = 1.0) -> None:
        margin = 24.0
        view = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        if view.width() <= 0 or view.height() <= 0:
            return
        zoom = min(view.width() / max(rect.width(), 1.0), view.height() / max(rect.height(), 1.0), max_zoom)
        self.set_zoom(zoom)
        self.centerOn(rect.center())
        self.viewChanged.emit()

    def centre_on_items(self, node_ids: list[str]) -> None:
        self._navigation += 1
        scene = self.scene()
        items = [scene.nodes[i] for i in node_ids if i in scene.nodes]
        if not items:
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        visible = self.mapToScene(self.viewport().rect()).boundingRect()
        if rect.width() > visible.width() or rect.height() > visible.height():
            self.fit_rect(rect, max_zoom=self.zoom())
        else:
            self.centerOn(rect.center())
        self.viewChanged.emit()

    def scroll_by(self, dx: int, dy: int) -> None:
        self._navigation += 1
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().value() + dx)
        self.verticalScrollBar().setValue(self.verticalScrollBar().value() + dy)

    def visible_scene_rect(self) -> QRectF:
        return self.mapToScene(self.viewport().rect()).boundingRect()

    def wheelEvent(self, event) -> None:
        delta = event.angleDelta()
        if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
            self.scroll_by(-(delta.y() or delta.x()) // 2, 0)
            return
        if delta.y() == 0:
            self.scroll_by(-delta.x() // 2, 0)
            return
        self.set_zoom(self.zoom() * ZOOM_STEP ** (delta.y() / 120.0))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.viewChanged.emit()

    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        draw_grid(painter, rect, self.zoom())

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        scene = self.scene()
        if scene is None or scene.nodes or scene.notes:
            return
        painter.save()  # an empty workflow says how to start, in view coordinates
        painter.resetTransform()
        box = QRectF(self.viewport().rect())
        painter.setPen(theme.colour(theme.SUMMARY_COLOUR))
        painter.setFont(theme.font(13, 600))
        painter.drawText(box.adjusted(0, -30, 0, -30), Qt.AlignmentFlag.AlignCenter, tr("Start your journey"))
        painter.setFont(theme.font(10))
        painter.drawText(box.adjusted(0, 20, 0, 20), Qt.AlignmentFlag.AlignCenter,
                         tr("Drag a trigger from the Steps panel, or press Tab (or double-click) to search"))
        painter.restore()

    # --- gestures ------------------------------------------------------------------------
    def _begin(self, gesture: Gesture, event) -> None:
        self.cancel_gesture()
        self._gesture = gesture
        gesture.start(event)

    def gesture_ended(self, gesture: Gesture) -> None:
        if self._gesture is gesture:
            self._gesture = None

    def cancel_gesture(self) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is not None:
            gesture.cancel()

    def mousePressEvent(self, event) -> None:
        if self.scene() is None:
            return
        button = event.button()
        if button == Qt.MouseButton.MiddleButton or (button == Qt.MouseButton.LeftButton and self._space):
            self._begin(PanGesture(self), event)
            return
        if button != Qt.MouseButton.LeftButton:
            super().mousePressEvent(event)
            return
        item = self.itemAt(event.position().toPoint())
        if isinstance(item, PortItem):
            self._begin(NewWireGesture(self, item), event)
        elif item is None:
            self._begin(RubberBandGesture(self), event)
        elif isinstance(item, (NodeItem, NoteItem)):
            self._begin(MoveGesture(self), event)
        else:
            super().mousePressEvent(event)  # wires: select; the text of a note being edited

    def mouseMoveEvent(self, event) -> None:
        if self._gesture is not None and event.buttons() != Qt.MouseButton.NoButton:
            self._gesture.move(event)
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        gesture, self._gesture = self._gesture, None
        if gesture is not None and not isinstance(gesture, QuickAddGesture):
            gesture.finish(event)
            return
        super().mouseReleaseEvent(event)

    def mouseDoubleClickEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.itemAt(event.position().toPoint()) is None:
            self.quick_add(event.globalPosition().toPoint(), self.mapToScene(event.position().toPoint()))
            return
        super().mouseDoubleClickEvent(event)

    def quick_add(self, global_pos: QPoint | None = None, scene_pos: QPointF | None = None,
                  wire_from: tuple[str, str] | None = None):
        """Open the quick-add search; the new step lands at ``scene_pos`` (default: the cursor)."""
        if self.scene() is None:
            return None
        if global_pos is None:
            global_pos = QCursor.pos()
            local = self.viewport().mapFromGlobal(global_pos)
            if not self.viewport().rect().contains(local):
                local = self.viewport().rect().center()
                global_pos = self.viewport().mapToGlobal(local)
            scene_pos = self.mapToScene(local)
        gesture = QuickAddGesture(self, scene_pos, wire_from)
        self.cancel_gesture()
        self._gesture = gesture
        return gesture.start(global_pos)

    # --- drag and drop from the palette -------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if self.scene() is None:
            event.ignore()
            return
        gesture = PaletteDropGesture(self)
        if gesture.start(event):
            self.cancel_gesture()
            self._gesture = gesture
        else:
            event.ignore()

    def dragMoveEvent(self, event) -> None:
        if isinstance(self._gesture, PaletteDropGesture):
            self._gesture.move(event)
        else:
            event.ignore()

    def dragLeaveEvent(self, event) -> None:
        if isinstance(self._gesture, PaletteDropGesture):
            self.cancel_gesture()

    def dropEvent(self, event) -> None:
        gesture, self._gesture = self._gesture, None
        if isinstance(gesture, PaletteDropGesture):
            gesture.finish(event)
        else:
            event.ignore()

    # --- keyboard ----------------------------------------------------------------------
    def focusNextPrevChild(self, next: bool) -> bool:
        return False  # Tab belongs to quick add on the canvas

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Space and not event.isAutoRepeat() and not self._editing_text():
            self._space = True
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
            return
        if key == Qt.Key.Key_Escape and self._gesture is not None:
            self.cancel_gesture()
            return
        if key == Qt.Key.Key_Tab and not self._editing_text():
            self.quick_add()
            return
        arrows = {Qt.Key.Key_Left: (-1, 0), Qt.Key.Key_Right: (1, 0), Qt.Key.Key_Up: (0, -1), Qt.Key.Key_Down: (0, 1)}
        if key in arrows and not self._editing_text() and self.scene() is not None and self._nudge(*arrows[key], event):
            return
        super().keyPressEvent(event)

    def keyReleaseEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Space and not event.isAutoRepeat() and self._space:
            self._space = False
            self.restore_cursor()
            return
        super().keyReleaseEvent(event)

    def _editing_text(self) -> bool:
        scene = self.scene()
        return scene is not None and scene.focusItem() is not None and not isinstance(scene.focusItem(), NodeItem)

    def _nudge(self, dx: int, dy: int, event) -> bool:
        scene = self.scene()
        step = theme.GRID_STEP * (5 if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else 1)
        old, new = {}, {}
        for item in scene.selectedItems():
            key = getattr(item, "node_id", None) or getattr(item, "note_id", None)
            if key is None or not isinstance(item, (NodeItem, NoteItem)):
                continue
            old[key] = (item.x(), item.y())
            new[key] = (item.x() + dx * step, item.y() + dy * step)
        if not new:
            return False
        self.editor.move(scene.workflow_id, old, new, nudge=True)
        return True

    def focusOutEvent(self, event) -> None:
        self._space = False
        super().focusOutEvent(event)

    def contextMenuEvent(self, event) -> None:
        if self.scene() is None:
            return
        item = self.itemAt(event.pos())
        while item is not None and item.parentItem() is not None:
            item = item.parentItem()
        if item is not None and not item.isSelected():
            self.scene().clearSelection()
            item.setSelected(True)
        self.contextMenuAt.emit(event.globalPos(), self.mapToScene(event.pos()))

    # --- feedback --------------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.emit(text)

    def restore_cursor(self) -> None:
        if self._space:
            self.viewport().setCursor(Qt.CursorShape.OpenHandCursor)
        else:
            self.viewport().unsetCursor()
