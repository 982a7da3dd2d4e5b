"""Canvas frame time on a 1,000-node workflow: pan, zoom and dragging a node.

    QT_QPA_PLATFORM=offscreen python benchmarks/canvas_frame.py [--nodes N] [--frames F]

A 1600x1000 canvas view (larger than the window's canvas: the worst case)
shows the benchmark workflow (canvas_common.py). Each frame is forced with a
synchronous ``viewport().repaint()`` after the change, so a figure is the
whole cost of that frame: event handling, the scene's work and painting.
Target: <= 16 ms per frame. The scene's item index method is measured too
(NoIndex, what the canvas uses, against Qt's default BspTreeIndex).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from canvas_common import percentile, wrapped_blueprint


def frame_ms(view, change) -> float:
    start = time.perf_counter()
    change()
    view.viewport().repaint()
    return (time.perf_counter() - start) * 1000


def build(app, blueprint, index_method):
    from PySide6.QtGui import QUndoStack

    from designer.canvas.editor import CanvasEditor
    from designer.canvas.scene import WorkflowScene
    from designer.canvas.view import CanvasView
    from designer.document import Document

    document = Document(blueprint.model_copy(deep=True))
    scene = WorkflowScene(document, document.blueprint.workflows[0].id, index_method=index_method)
    view = CanvasView(CanvasEditor(document, QUndoStack()))
    view.resize(1600, 1000)
    view.show()
    view.set_workflow_scene(scene)
    app.processEvents()
    return view, scene


def pan_and_zoom(view, scene, zoom: float, frames: int) -> tuple[list[float], list[float]]:
    if zoom <= 0:
        view.fit_all()
    else:
        view.set_zoom(zoom)
        view.centerOn(scene.content_rect().center())
    view.viewport().repaint()
    z = view.zoom()
    pans = [frame_ms(view, lambda i=i: view.scroll_by(9 if i % 20 < 10 else -9, 4 if i % 20 < 10 else -4))
            for i in range(frames)]
    zooms = [frame_ms(view, lambda i=i: view.set_zoom(z * (1.1 if i % 2 == 0 else 1.0)))
             for i in range(frames)]
    return pans, zooms


def drag(view, scene, node_ids: list[str], frames: int, zoom: float = 1.0) -> list[float]:
    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest

    first = scene.nodes[node_ids[0]]
    if zoom > 0:
        view.set_zoom(zoom)
        view.centerOn(first.sceneBoundingRect().center())
    else:
        view.fit_all()
    scene.select_only(node_ids)
    viewport = view.viewport()
    start = view.mapFromScene(first.mapToScene(first.card_rect().center()) + QPointF(-40, 0))
    view.viewport().repaint()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    times = []
    for i in range(frames):
        step = (i % 30) - 15
        pos = start + type(start)(step * 6, abs(step) * 3)
        times.append(frame_ms(view, lambda p=pos: QTest.mouseMove(viewport, p)))
    QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    return times


def line(label: str, values: list[float]) -> str:
    return (f"| {label} | {statistics.median(values):.1f} | {percentile(values, 0.95):.1f} | {max(values):.1f} |")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=1000)
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--order", default="BspTreeIndex,NoIndex", help="index methods to measure, in this order")
    args = parser.parse_args()

    from PySide6.QtWidgets import QGraphicsScene

    from designer.app.launch import make_app
    from designer.canvas.far_overview import FAR_ZOOM
    from designer.validation import validate

    app = make_app()
    blueprint = wrapped_blueprint(args.nodes)
    wf = blueprint.workflows[0]
    print(f"workflow: {len(wf.nodes):,} nodes, {len(wf.edges):,} edges; view 1600x1000 (offscreen); "
          f"far level of detail below {FAR_ZOOM:.0%}")
    print("\n| frame (ms) | median | p95 | max |\n| --- | --- | --- | --- |")
    methods = {"NoIndex": QGraphicsScene.ItemIndexMethod.NoIndex,
               "BspTreeIndex": QGraphicsScene.ItemIndexMethod.BspTreeIndex}
    # a warm-up pass first, so neither method pays for the first font, glyph and icon caches
    warm_view, warm_scene = build(app, blueprint, methods["NoIndex"])
    pan_and_zoom(warm_view, warm_scene, 0.5, 10)
    warm_view.close()
    for name in args.order.split(","):
        method = methods[name]
        view, scene = build(app, blueprint, method)
        zooms = (1.0, 0.5, FAR_ZOOM + 0.02, 0) if name == args.order.split(",")[0] else (0.5, 0)
        for zoom in zooms:
            label = "fit all" if zoom <= 0 else f"{zoom:.0%}"
            pans, zoom_frames = pan_and_zoom(view, scene, zoom, args.frames)
            if zoom <= 0:
                label += f" ({view.zoom():.0%}, every card visible)"
            print(line(f"{name}: pan at {label}", pans))
            print(line(f"{name}: zoom step at {label}", zoom_frames))
        ids = [n.id for n in wf.nodes]
        one = drag(view, scene, ids[500:501], args.frames)
        many = drag(view, scene, ids[500:525], args.frames)
        far = drag(view, scene, ids[500:501], args.frames, zoom=0)
        print(line(f"{name}: drag 1 node at 100%", one))
        print(line(f"{name}: drag 25 nodes at 100%", many))
        print(line(f"{name}: drag 1 node at fit all", far))
        view.close()
    times = []
    for _ in range(5):
        start = time.perf_counter()
        validate(blueprint)
        times.append((time.perf_counter() - start) * 1000)
    print(f"\nvalidate() on this workflow: median {statistics.median(times):.1f} ms, run once 300 ms after the last "
          "edit (never per mouse move or paint)")


if __name__ == "__main__":
    main()
