"""Make docs/screenshot-zh.png: the designer in Simplified Chinese on the Chinese
"first-purchase nurture" SOP template, with two problems (a wait for an event
without a timeout, an output left unconnected) and that wait in the inspector.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshot_zh.py [OUT.png]

(``python main.py --lang zh --screenshot OUT.png FILE`` takes a plain screenshot of any file.)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtCore import QSettings, Qt

from designer.blueprint import Blueprint
from designer.i18n import set_language
from designer.templates.library import instantiate, load_library


def journey() -> Blueprint:
    set_language("zh")  # the new blueprint's stage names
    entry = load_library().get("nurture-first-purchase")
    workflow = instantiate(entry.template, "zh", {})
    workflow.edges = [e for e in workflow.edges if e.source != "sms"]  # an output left unconnected
    workflow.node("buy").settings["timeout_amount"] = None  # waits forever
    return Blueprint(name=workflow.name, variables={"brand": "你的品牌"}, workflows=[workflow])


def main(out: str) -> int:
    QSettings.setPath(QSettings.Format.NativeFormat, QSettings.Scope.UserScope, str(ROOT / "build" / "settings"))
    from designer.app.language import install
    from designer.app.launch import make_app
    from designer.app.window.main_window import MainWindow

    app = make_app()
    install("zh_CN")
    window = MainWindow(journey())
    window.resize(1440, 900)
    window.show()
    for _ in range(3):
        app.processEvents()
    window.validation.run_now()
    window.resizeDocks([window.panels.problems_dock], [230], Qt.Orientation.Vertical)
    app.processEvents()
    window.view.set_zoom(0.78)
    window.view.centre_on_items(["wait2", "clicked", "coupon", "sms", "buy"])
    window.view.scene().select_only(["buy"])
    app.processEvents()
    window.minimap.render_scene()
    app.processEvents()
    ok = window.grab().save(out)
    window.files._dirty_outside_stack = False
    window.stack.setClean()
    window.close()
    print(out)
    return 0 if ok else 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else str(ROOT / "docs" / "screenshot-zh.png")))
