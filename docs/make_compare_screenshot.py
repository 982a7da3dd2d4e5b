"""Make docs/compare.png: File > Compare With on the sample welcome journey.

The "after" version waits 3 days instead of 2, sends a WeChat message before
the SMS reminder, and replaces the "no purchase" exit with a push.

    QT_QPA_PLATFORM=offscreen python docs/make_compare_screenshot.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from designer.blueprint import Edge, Node, Position
from designer.examples import example_blueprint


def after_version():
    bp = example_blueprint()
    wf = bp.workflows[0]
    wf.node("n3").settings = {**wf.node("n3").settings, "amount": 3}
    wf.node("n3").title = "Wait 3 days"
    wf.nodes = [n for n in wf.nodes if n.id != "n9"] + [
        Node(id="n10", kind="send.wechat", title="WeChat nudge", position=Position(x=1120, y=300)),
        Node(id="n11", kind="send.push", title="Last-chance push", position=Position(x=1680, y=120)),
    ]
    wf.node("n6").position = Position(x=1400, y=300)
    edges = [e for e in wf.edges if e.target not in ("n6", "n9") and e.source != "n6"]
    edges += [Edge(source="n4", source_port="no", target="n10"), Edge(source="n10", source_port="next", target="n6"),
              Edge(source="n6", source_port="next", target="n7"),
              Edge(source="n7", source_port="timed_out", target="n11")]
    wf.edges = edges
    return bp


def main(out: str) -> None:
    from designer.app.compare.window import CompareWindow
    from designer.app.launch import make_app

    app = make_app()
    view = CompareWindow(example_blueprint(), after_version(), ("welcome.json at 3f2a9c1e", "welcome.json"))
    view.resize(1500, 760)
    view.show()
    app.processEvents()
    view.fit()
    view.changes.setCurrentRow(next(i for i in range(view.changes.count())
                                    if "How long" in view.changes.item(i).text()))
    view.fit()
    app.processEvents()
    view.grab().save(out)
    print(f"wrote {out}")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "compare.png"))
