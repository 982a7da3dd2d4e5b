"""Updating the run counts on a 1,000-step canvas: target <= 16 ms (one frame).

A real main window on the canvas benchmark's 1,002-node workflow; counts as a
dry-run report gives them (figures.step_counts over a synthetic report) are
put on every card (badges) and wire (width), alternating two sets so every
badge really changes, then the frame is painted (a viewport repaint at
'fit all', and at 100% zoom). Prints the median and p95 of the update alone
and of update + paint.

    QT_QPA_PLATFORM=offscreen python benchmarks/run_counts.py
"""

from __future__ import annotations

import os
import statistics
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from canvas_common import percentile, wrapped_blueprint

TARGET_MS = 16.0


def report_for(wf, k: int) -> dict:
    nodes = [{"id": n.id, "entered": 1000 + 37 * i + k, "waiting": (i * 7 + k) % 50, "converted": (i + k) % 9,
              "exited": (i * 3) % 40} for i, n in enumerate(wf.nodes)]
    edges = [{"source": e.source, "port": e.source_port, "target": e.target, "flow": 500 + (i * 13 + k) % 500}
             for i, e in enumerate(wf.edges)]
    return {"id": wf.id, "nodes": nodes, "edges": edges}


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from designer.app.launch import make_app
    from designer.app.run import figures
    from designer.app.window.main_window import MainWindow

    app = make_app()
    blueprint = wrapped_blueprint(1000)
    window = MainWindow(blueprint)
    window.resize(1440, 900)
    window.show()
    for _ in range(5):
        app.processEvents()
    wf = blueprint.workflows[0]
    scene = window.scenes.get(wf.id)
    overlay = window.run.overlay(scene)
    sets = [report_for(wf, k) for k in (0, 1)]
    prepared = [(figures.step_counts(r), figures.edge_flows(r)) for r in sets]
    for zoom_name, setup in (("fit all", window.view.fit_all), ("100%", window.view.reset_zoom)):
        setup()
        app.processEvents()
        update, frame = [], []
        for i in range(40):
            counts, flows = prepared[i % 2]
            t0 = time.perf_counter()
            overlay.set_counts(counts, flows)
            t1 = time.perf_counter()
            window.view.viewport().repaint()
            t2 = time.perf_counter()
            update.append((t1 - t0) * 1000)
            frame.append((t2 - t0) * 1000)
        print(f"{len(wf.nodes):,} steps, {len(wf.edges):,} wires, {zoom_name}: update median "
              f"{statistics.median(update):.1f} ms, p95 {percentile(update, 0.95):.1f} ms; update + paint median "
              f"{statistics.median(frame):.1f} ms, p95 {percentile(frame, 0.95):.1f} ms (target update <= {TARGET_MS:.0f} ms)")
    window.files._dirty_outside_stack = False
    window.stack.setClean()
    window.close()
    QApplication.processEvents()


if __name__ == "__main__":
    main()
