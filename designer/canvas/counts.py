"""Run counts on the canvas: a small badge above each card (contacts that entered,
then waiting and ✓ converted when there are any) and wires as thick as their flow.

A badge is its own item, a child of the card (so it follows moves) that
ignores the view's scale (the same size on screen whatever the zoom) and
blits a pixmap it draws once per change; the card's cached pixmap is never
redrawn for a count. At the far level (designer/canvas/far_overview.py) the
badges hide and the overview item draws each step's count across the top of
its card, in scene units, so labels never overlap. Setting counts only
changes text and calls ``update()``: 1,000 steps update within a frame
(benchmarks/run_counts.py).
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QWidget

from . import theme

MARKS = {"pile-up": theme.WARNING, "drop-out": theme.ERROR}
FONT = (8.6, 600)
FAR_FONT = (10.5, 700)
MAX_WIRE = 12.0


def _n(v: float) -> str:
    return f"{int(v):,}" if v == int(v) or v >= 100 else f"{v:,.1f}"


def _pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.0f}%" if whole else "–"


class CountBadge(QGraphicsItem):
    def __init__(self, card: QGraphicsItem) -> None:
        super().__init__(card)
        self.shown = ""  # the label drawn (the far one at the far level: only what is seen is formatted)
        self.mark = ""
        self.counts = None  # figures.StepCounts: labels and the tooltip are written from it
        self.percent = False
        self.entries = 0.0
        self.card = card
        self.on_path = False
        self.far = False
        self._rect = QRectF()
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self._pixmap: QPixmap | None = None  # drawn once per change, blitted by paint()
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(True)  # for the tooltip (mean and interval)
        self.setZValue(4)
        self.setPos(6, 0)

    def set(self, counts, percent: bool, entries: float) -> None:
        self.counts, self.percent, self.entries = counts, percent, entries
        label = _n(counts.entered) if self.far else self.text
        if label != self.shown or counts.mark != self.mark:
            self.shown, self.mark = label, counts.mark
            self._relayout()

    @property
    def text(self) -> str:
        """The near label: entered, then waiting and converted when any."""
        c = self.counts
        if c is None:
            return ""
        if self.percent:
            return " · ".join([_pct(c.entered, self.entries)] + [f"{sym} {_pct(v, c.entered)}" for sym, v in
                                                                 (("wait", c.waiting), ("✓", c.converted)) if v])
        return " · ".join([_n(c.entered)] + [f"{sym} {_n(v)}" for sym, v in
                                            (("wait", c.waiting), ("✓", c.converted)) if v])

    def hoverEnterEvent(self, event) -> None:
        if self.counts is not None:
            self.setToolTip(_tip(self.counts))
        super().hoverEnterEvent(event)

    def set_far(self, far: bool) -> None:
        """At the far level the scene's overview item draws the counts (one paint call for all)."""
        if far != self.far:
            self.far = far
            self.setVisible(not far)
            if self.counts is not None:
                self.shown = _n(self.counts.entered) if far else self.text
            self._relayout()

    def set_on_path(self, on: bool) -> None:
        if on != self.on_path:
            self.on_path = on
            self._pixmap = None
            self.update()

    def _relayout(self) -> None:
        w = _width(self.shown, self.far)
        h = 20.0 if self.far else 18.0
        if w != self._rect.width() or h != self._rect.height():
            self.prepareGeometryChange()
            self._rect = QRectF(0, -h - 3, w, h)  # above the card's top-left corner
        self._pixmap = None
        self.update()

    def boundingRect(self) -> QRectF:
        return self._rect.adjusted(-2, -2, 2, 2)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not isinstance(painter.device(), QWidget):
            return  # the minimap or an image export (scene.render into an image): counts belong on screen
        if self._pixmap is None:
            self._pixmap = self._draw(painter.device().devicePixelRatioF())
        painter.drawPixmap(self.boundingRect().topLeft(), self._pixmap)

    def _draw(self, ratio: float) -> QPixmap:
        box = self.boundingRect()
        pixmap = QPixmap((box.size() * ratio).toSize())
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.translate(-box.topLeft())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fill = MARKS.get(self.mark, "#2b3245")
        painter.setPen(theme.pen(theme.PATH, 2.5) if self.on_path else Qt.PenStyle.NoPen)
        painter.setBrush(theme.brush(fill, 235))
        painter.drawRoundedRect(self._rect, 8, 8)
        painter.setPen(theme.colour("#ffffff"))
        painter.setFont(theme.font(*(FAR_FONT if self.far else FONT)))
        painter.drawText(self._rect, Qt.AlignmentFlag.AlignCenter, self.shown)
        painter.end()
        return pixmap


class CountsOverlay:
    """The counts of one scene: badges by node id, wire widths, the followed path."""

    def __init__(self, scene) -> None:
        self.scene = scene
        self.badges: dict[str, CountBadge] = {}
        self.counts: Mapping = {}  # what is shown: node id -> figures.StepCounts
        scene.far_listeners.append(self._far_changed)

    def set_counts(self, counts: Mapping, flows: Mapping[tuple[str, str, str], float] | None = None,
                   percent: bool = False) -> None:
        """``counts``: node id -> figures.StepCounts; ``flows``: wire key -> contacts."""
        self.counts = counts
        entries = max((c.entered for c in counts.values()), default=0)
        for node_id in list(self.badges):
            if node_id not in counts or node_id not in self.scene.nodes:
                self._drop(node_id)
        for node_id, c in counts.items():
            card = self.scene.nodes.get(node_id)
            if card is None:
                continue
            badge = self.badges.get(node_id)
            if badge is None or badge.card is not card:
                badge = self.badges[node_id] = CountBadge(card)
                badge.far = self.scene.far
                badge.setVisible(not badge.far)
            badge.set(c, percent, entries)
        self.scene.overview.set_labels({n: (_n(c.entered), MARKS.get(c.mark, "#2b3245")) for n, c in counts.items()
                                        if n in self.badges})
        self.set_flows(flows or {}, entries)

    def set_flows(self, flows: Mapping[tuple[str, str, str], float], entries: float) -> None:
        for key, edge in self.scene.edges.items():
            flow = flows.get(key, 0.0)
            edge.set_flow(MAX_WIRE * (flow / entries) ** 0.5 if entries and flow else 0.0)

    def highlight(self, node_ids=(), edge_keys=()) -> None:
        nodes, edges = set(node_ids), set(edge_keys)
        for node_id, badge in self.badges.items():
            badge.set_on_path(node_id in nodes)
        for key, edge in self.scene.edges.items():
            edge.set_traced(key in edges)

    def highlighted(self) -> tuple[set[str], set]:
        return ({n for n, b in self.badges.items() if b.on_path},
                {k for k, e in self.scene.edges.items() if e.traced})

    def clear(self) -> None:
        self.counts = {}
        self.scene.overview.set_labels({})
        for node_id in list(self.badges):
            self._drop(node_id)
        for edge in self.scene.edges.values():
            edge.set_flow(0.0)
            edge.set_traced(False)

    def _drop(self, node_id: str) -> None:
        badge = self.badges.pop(node_id)
        if badge.scene() is not None:
            badge.scene().removeItem(badge)

    def _far_changed(self, far: bool) -> None:
        for badge in self.badges.values():
            badge.set_far(far)


_WIDTHS: dict[tuple[str, bool], float] = {}


def _width(text: str, far: bool) -> float:
    """The badge width for a text, in steps of 6 px (so a count that grows rarely changes the geometry)."""
    key = (text, far)
    if key not in _WIDTHS:
        if len(_WIDTHS) > 20_000:
            _WIDTHS.clear()
        w = theme.metrics(*(FAR_FONT if far else FONT)).horizontalAdvance(text) + 14
        _WIDTHS[key] = float(-(-w // 6) * 6)
    return _WIDTHS[key]


def _tip(c) -> str:
    rows = []
    for key in ("entered", "waiting", "converted", "exited"):
        value = getattr(c, key)
        spread = c.spread.get(key)
        extra = f" (90%: {_n(spread[0])}–{_n(spread[1])})" if spread else ""
        rows.append(f"{key}: {_n(value)}{' mean' if spread else ''}{extra}")
    if c.mark:
        rows.append(f"<b>{c.mark}</b>: " + ("many contacts are still waiting here" if c.mark == "pile-up"
                                            else "many contacts leave the journey here"))
    return "<br>".join(rows)
