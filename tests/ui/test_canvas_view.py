"""Navigation and drawing of the canvas view: zoom, fit, pan, level of detail, grid, minimap."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QGraphicsItem

from designer.canvas import theme
from designer.canvas.far_overview import FAR_ZOOM
from designer.canvas.grid import grid_step

from .conftest import card_centre, drag


def test_zoom_keys_and_fit(window):
    view = window.view
    view.reset_zoom()
    assert window.status.zoom.text() == "Zoom 100%"
    window.actions.zoom_in.trigger()
    assert abs(view.zoom() - 1.2) < 1e-6
    window.actions.zoom_out.trigger()
    window.actions.zoom_out.trigger()
    assert view.zoom() < 1.0
    assert window.status.zoom.text() == f"Zoom {round(view.zoom() * 100)}%"
    view.centerOn(5000, 5000)
    window.actions.fit.trigger()
    visible = view.visible_scene_rect()
    for node_id in view.scene().nodes:
        assert visible.contains(view.scene().nodes[node_id].sceneBoundingRect())


def test_shortcuts_are_listed_in_the_menus(window):
    shortcuts = {name: a.shortcut().toString() for name, a in window.actions.all.items()}
    assert shortcuts["zoom_in"] == "Ctrl+="
    assert shortcuts["zoom_out"] == "Ctrl+-"
    assert shortcuts["fit"] == "F"
    assert shortcuts["add_step"] == "Tab"
    assert window.actions.undo.shortcut().toString() == "Ctrl+Z"


def test_wheel_zooms_under_the_mouse(window):
    view = window.view
    view.reset_zoom()
    before = view.zoom()
    point = view.viewport().rect().center()
    scene_before = view.mapToScene(point)
    from PySide6.QtGui import QWheelEvent

    event = QWheelEvent(QPointF(point), QPointF(view.viewport().mapToGlobal(point)), QPoint(), QPoint(0, 120),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    view.wheelEvent(event)
    assert view.zoom() > before
    after = view.mapToScene(point)
    assert abs(after.x() - scene_before.x()) < 5 and abs(after.y() - scene_before.y()) < 5


def test_middle_button_and_space_drag_pan(window):
    view = window.view
    view.reset_zoom()
    before = view.visible_scene_rect().center()
    drag(view, before, before + QPointF(200, 0), button=Qt.MouseButton.MiddleButton)
    moved = view.visible_scene_rect().center()
    assert moved.x() < before.x() - 150  # the canvas followed the hand
    assert len(view.scene().selectedItems()) == 0
    view.setFocus()
    QTest.keyPress(view, Qt.Key.Key_Space)
    drag(view, moved, moved + QPointF(0, 100))
    QTest.keyRelease(view, Qt.Key.Key_Space)
    assert view.visible_scene_rect().center().y() < moved.y() - 60


def test_far_zoom_draws_through_one_overview_item_and_keeps_cards_selectable(window):
    view, scene = window.view, window.view.scene()
    view.set_zoom(FAR_ZOOM * 0.5)
    assert scene.far and scene.overview.isVisible()
    assert all(item.flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents for item in scene.nodes.values())
    view.centerOn(card_centre(window, "n4"))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(card_centre(window, "n4")))
    assert scene.selected_node_ids() == ["n4"]
    view.set_zoom(1.0)
    assert not scene.far and not scene.overview.isVisible()
    assert not scene.nodes["n1"].flags() & QGraphicsItem.GraphicsItemFlag.ItemHasNoContents


def _text_pixels(item, scale: float) -> int:
    """How many dark (text) pixels a card paints at ``scale``."""
    image = QImage(int(260 * scale) + 4, int(100 * scale) + 4, QImage.Format.Format_ARGB32)
    image.fill(0xFFFFFFFF)
    painter = QPainter(image)
    painter.scale(scale, scale)
    painter.translate(10, 10)
    item.paint(painter, None)
    painter.end()
    dark = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            dark += c.red() < 90 and c.green() < 90 and c.blue() < 90
    return dark


def test_level_of_detail_keeps_a_legible_title_then_drops_text(window):
    item = window.view.scene().nodes["n2"]
    assert _text_pixels(item, 1.0) > 40
    # Zoomed out: the title alone, in a font that stays legible on screen...
    assert _text_pixels(item, theme.LOD_TEXT * 0.9) > 10
    # ...and further out a coloured block with no text at all.
    assert _text_pixels(item, theme.LOD_DETAIL * 0.9) == 0


def test_grid_thins_out_when_zoomed_out():
    assert grid_step(1.0) == theme.GRID_STEP
    assert grid_step(0.2) > theme.GRID_STEP
    assert grid_step(0.2) * 0.2 >= 14


def test_minimap_click_moves_the_view(window):
    minimap = window.minimap
    window.view.fit_all()
    assert not minimap.isVisible()  # everything is in view: no need for it
    window.view.set_zoom(1.0)
    window.view.centerOn(card_centre(window, "n1"))
    assert minimap.isVisible()
    minimap.render_scene()
    assert not minimap._pixmap.isNull()
    right = minimap._target.right() - 4
    QTest.mouseClick(minimap, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(int(right), int(minimap._target.center().y())))
    assert window.view.visible_scene_rect().center().x() > card_centre(window, "n7").x()
    window.actions.minimap.trigger()
    assert not minimap.isVisible()


def test_stage_lanes_follow_the_workflow(window):
    scene = window.view.scene()
    assert [b.stage_id for b in scene.lanes.bands] == ["prospect"]
    window.editor.add_node("welcome", "stage", 1960, 0)
    stage_node = next(n for n in window.document.workflow("welcome").nodes if n.kind == "stage")
    window.editor.set_node_settings("welcome", stage_node.id, {"stage": "customer"})
    scene.refresh_lanes()
    assert [b.stage_id for b in scene.lanes.bands] == ["prospect", "customer"]
    assert scene.lanes.bands[1].left > scene.nodes["n8"].x()
    assert "Prospect" in window.stage_strip.toolTip() and "Customer" in window.stage_strip.toolTip()


def test_stage_strip_sets_the_workflow_stages(window):
    window.stage_strip.stageFieldChosen.emit("to_stage", "promoter")
    assert window.document.workflow("welcome").to_stage == "promoter"
    window.stack.undo()
    assert window.document.workflow("welcome").to_stage == "customer"


def test_snap_can_be_switched_off(window):
    window.actions.snap.trigger()
    assert not window.view.scene().snap
    start = card_centre(window, "n1")
    window.view.scene().select_only(["n1"])
    window.view.reset_zoom()
    window.view.centerOn(start)
    drag(window.view, start, start + QPointF(7, 3))
    x = window.document.node("welcome", "n1").position.x
    assert x % theme.GRID_STEP != 0


def test_hovering_a_card_or_wire_highlights_it(window):
    from PySide6.QtCore import QEvent
    from PySide6.QtWidgets import QGraphicsSceneHoverEvent

    scene = window.view.scene()
    for item in (scene.nodes["n2"], next(iter(scene.edges.values()))):
        scene.sendEvent(item, QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverEnter))
        assert item._hover
        scene.sendEvent(item, QGraphicsSceneHoverEvent(QEvent.Type.GraphicsSceneHoverLeave))
        assert not item._hover
