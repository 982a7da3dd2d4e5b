"""Make the Run screenshots in docs/: a dry-run's counts and dashboard, one contact
followed with its SMS previewed, the Compare tab, and demo mode after an event.

    QT_QPA_PLATFORM=offscreen python docs/make_run_screenshots.py [OUT_DIR]

(``python main.py --screenshot OUT.png --show run --contacts N FILE`` takes a plain one of any file.)
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from designer.examples import example_blueprint
from designer.fileformat import save


def settle(app, seconds: float = 0.3) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.02)


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    from designer.app.launch import make_app
    from designer.app.window.main_window import MainWindow

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOURNEY_RECOVERY_DIR"] = str(Path(tmp) / "recovery")
        path = Path(tmp) / "Welcome journey.json"
        save(example_blueprint(), path)
        window = MainWindow()
        window.files.open_path(str(path), ask=False)
        window.resize(1600, 1000)
        window.show()
        settle(app)
        run = window.run
        run.show_dry_run("sample")
        settle(app)
        window.view.fit_all()
        settle(app)
        window.grab().save(str(out / "run-dry-run.png"))

        run.results.setCurrentWidget(run.explorer)
        run.explorer.select("c00007")
        explorer = run.explorer
        explorer.step.setCurrentIndex(explorer.step.findData("n6"))
        explorer.address.setText("me@example.com")
        settle(app)
        window.grab().save(str(out / "run-contact.png"))

        run.panel.seed.setValue(2)
        run.show_dry_run("sample")
        run.results.setCurrentWidget(run.compare)
        settle(app)
        run.results_dock.grab().save(str(out / "run-compare.png"))

        run.results.setCurrentWidget(run.explorer)
        run.panel.demo.setChecked(True)
        run.panel.speed.setValue(100)
        run.panel.run.click()
        settle(app, 6)  # sign-ups arrive, the two-day wait passes
        explorer.select("c00012")
        explorer.event.setCurrentText("signed_up")
        explorer.fire.click()
        settle(app, 4)
        explorer.event.setCurrentText("purchased")
        explorer.fire.click()
        window.view.fit_all()
        settle(app, 2)
        window.grab().save(str(out / "run-demo.png"))
        run.demo.stop(wait=True)
        run.shutdown()
        window.files._dirty_outside_stack = False
        window.stack.setClean()
        window.close()
    for name in ("run-dry-run", "run-contact", "run-compare", "run-demo"):
        print(out / f"{name}.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
