"""Make docs/screenshot.png: the designer on the sample blueprint, with a Stage
step (two stage lanes), a sticky note, an unfinished wire (a warning badge and
a problem), a second workflow tab and the welcome email in the inspector.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshot.py [OUT.png]

(``python main.py --screenshot OUT.png FILE`` takes a plain screenshot of any file.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QPointF

from designer.blueprint import Edge, Goal, Node, Position, StickyNote, Workflow
from designer.examples import example_blueprint
from designer.fileformat import save


def demo_blueprint():
    bp = example_blueprint()
    welcome = bp.workflows[0]
    # a Stage step: the contact becomes a customer on the first purchase (a second lane)
    welcome.node("n8").position = Position(x=2240, y=-100)
    welcome.nodes.append(Node(id="n10", kind="stage", title="Became a customer", position=Position(x=1960, y=-100),
                              settings={"stage": "customer"}))
    welcome.edges = [e for e in welcome.edges if (e.source, e.source_port) != ("n7", "happened")]
    welcome.edges += [Edge(source="n7", source_port="happened", target="n10"),
                      Edge(source="n10", source_port="next", target="n8")]
    # one unfinished wire, so live validation has something to show (a badge and a problem)
    welcome.edges = [e for e in welcome.edges if (e.source, e.source_port) != ("n6", "next")]
    welcome.notes.append(StickyNote(id="note1", text="Subject-line test planned for next month: see the build queue.",
                                    position=Position(x=280, y=-200), width=240, height=92))

    def node(i, kind, x, y, title, **settings):
        return Node(id=i, kind=kind, title=title, position=Position(x=x, y=y), settings=settings)

    winback = Workflow(
        id="winback", name="Win back lapsed members", from_stage="repeat_customer", to_stage="repeat_customer",
        goal=Goal(event="purchased", window_days=30),
        nodes=[
            node("n1", "trigger.segment", 0, 0, "Lapsed 90 days"),
            node("n2", "send.email", 280, 0, "We miss you", subject="{{first_name}}, 15% off to welcome you back"),
            node("n3", "wait.event", 560, 0, "Wait for a purchase", event="purchased", timeout_amount=7,
                 timeout_unit="days"),
            node("n4", "goal", 840, -100, "Came back", label="Came back"),
            node("n5", "exit", 840, 100, "Still lapsed", reason="No purchase after the offer"),
        ],
        edges=[Edge(source=s, source_port=p, target=t) for s, p, t in
               [("n1", "next", "n2"), ("n2", "next", "n3"), ("n3", "happened", "n4"), ("n3", "timed_out", "n5")]],
    )
    bp.workflows.append(winback)
    return bp


def main() -> int:
    out = sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshot.png")
    from designer.app.launch import make_app
    from designer.app.window.main_window import MainWindow

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOURNEY_RECOVERY_DIR"] = str(Path(tmp) / "recovery")
        path = Path(tmp) / "Acme lifecycle.json"
        save(demo_blueprint(), path)
        window = MainWindow()
        window.files.open_path(path, ask=False)
        window.resize(1600, 1000)
        window.show()
        for _ in range(3):
            app.processEvents()
        # legible cards rather than everything: the minimap shows the whole journey
        window.view.set_zoom(0.72)
        scene = window.view.scene()
        scene.select_only(["n2"])
        app.processEvents()
        window.view.centerOn(QPointF(650, 10))
        app.processEvents()
        app.processEvents()
        ok = window.grab().save(out)
        window.files.closing()
    print(out if ok else f"cannot write {out}")
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main())
