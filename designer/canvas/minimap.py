"""The minimap: the whole workflow in a corner of the canvas, with the part the
view shows outlined. Click or drag in it to move the view there.

The picture of the scene is rendered into a pixmap after changes settle
(debounced), so a drag on the canvas never re-renders the minimap per frame;
only the outline follows the view live.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QWidget

from . import theme

RENDER_DELAY_MS = 300


class Minimap(QWidget):
    def __init__(self, view, parent: QWidget | None = None) -> None:
        super().__init__(parent or view)
        self.view = view
        self._pixmap = QPixmap()
        self._source = QRectF()  # scene rect shown
        self._target = QRectF()  # where it is drawn in the widget
        self._scene = None
        self._content: QRectF | None = None  # the scene's content rect, until the scene changes
        self.setFixedSize(QSize(200, 126))
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setToolTip(self.tr("Overview: click or drag to move the view"))
        self._timer = QTimer(self, singleShot=True, interval=RENDER_DELAY_MS, timeout=self.render_scene)
        self.wanted = True  # the user's choice (View > Minimap); shown only when the view does not show everything
        view.viewChanged.connect(self._view_changed)

    def set_wanted(self, wanted: bool) -> None:
        self.wanted = wanted
        self._view_changed()

    def _view_changed(self) -> None:
        scene = self.view.scene()
        if scene is not self._scene or self._content is None:  # measured once per scene change, not per pan
            self._content = scene.content_rect() if scene is not None else QRectF()
        needed = (self.wanted and scene is not None
                  and not self.view.visible_scene_rect().contains(self._content))
        if needed != self.isVisible():
            self.setVisible(needed)
        self._follow_scene()
        self.update()

    def _follow_scene(self) -> None:
        scene = self.view.scene()
        if scene is self._scene:
            return
        if self._scene is not None:
            try:
                self._scene.changed.disconnect(self._schedule)
            except (RuntimeError, TypeError):
                pass
        self._scene = scene
        if scene is not None:
            scene.changed.connect(self._schedule)
        self._schedule()  # not at once: rendering a large scene costs more than the first paint of the window

    def _schedule(self, *_args) -> None:
        self._content = None  # the scene changed: measure its content again
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._timer.start()

    def render_scene(self) -> None:
        scene = self.view.scene()
        inner = QRectF(self.rect()).adjusted(6, 6, -6, -6)
        if scene is None or not self.isVisible():
            self._pixmap = QPixmap()
            self.update()
            return
        source = scene.content_rect()
        if source.isEmpty():
            self._pixmap, self._source = QPixmap(), QRectF()
            self.update()
            return
        source = source.adjusted(-40, -40, 40, 40)
        scale = min(inner.width() / source.width(), inner.height() / source.height())
        size = QSize(max(1, int(source.width() * scale)), max(1, int(source.height() * scale)))
        target = QRectF(0, 0, size.width(), size.height())
        target.moveCenter(inner.center())
        ratio = self.devicePixelRatioF()
        image = QImage(size * ratio, QImage.Format.Format_ARGB32_Premultiplied)
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        scene.render(painter, QRectF(0, 0, size.width(), size.height()), source, Qt.AspectRatioMode.KeepAspectRatio)
        painter.end()
        self._pixmap, self._source, self._target = QPixmap.fromImage(image), source, target
        self.update()

    def _to_scene(self, pos: QPointF) -> QPointF:
        sx = self._source.width() / max(self._target.width(), 1.0)
        return QPointF(self._source.left() + (pos.x() - self._target.left()) * sx,
                       self._source.top() + (pos.y() - self._target.top()) * sx)

    def _from_scene(self, rect: QRectF) -> QRectF:
        s = self._target.width() / max(self._source.width(), 1.0)
        return QRectF(self._target.left() + (rect.left() - self._source.left()) * s,
                      self._target.top() + (rect.top() - self._source.top()) * s,
                      rect.width() * s, rect.height() * s)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(theme.pen(theme.CARD_BORDER_HOVER, 1.0))
        painter.setBrush(theme.brush(theme.CARD_FILL, 225))
        painter.drawRoundedRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5), 8, 8)
        if self._pixmap.isNull():
            return
        painter.drawPixmap(self._target.topLeft(), self._pixmap)
        visible = self._from_scene(self.view.visible_scene_rect()).intersected(QRectF(self.rect()).adjusted(2, 2, -2, -2))
        painter.setPen(theme.pen(theme.SELECTION, 1.5))
        painter.setBrush(theme.brush(theme.SELECTION, 24))
        painter.drawRoundedRect(visible, 3, 3)

    def mousePressEvent(self, event) -> None:
        self._centre(event)

    def mouseMoveEvent(self, event) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._centre(event)

    def _centre(self, event) -> None:
        if not self._source.isEmpty():
            self.view.centerOn(self._to_scene(event.position()))
            self.view.viewChanged.emit()
