"""Make docs/build-queue.png and docs/overview.png: the designer's Build queue and
Blueprint overview on a programme of thirteen workflows (tests/queue_fixtures.py),
with a real dry-run saved beside the file, so the experiments' weeks come from it.

    QT_QPA_PLATFORM=offscreen python docs/make_queue_screenshots.py [OUT_DIR]

(``python main.py --screenshot OUT.png --show queue|overview FILE`` takes a plain one of any file.)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from designer.fileformat import save
from designer.runtime.dryrun.forecast import run_forecast
from designer.runtime.dryrun.forecast_store import save_forecast
from designer.runtime.dryrun.weekly_entries import sibling_db
from tests.queue_fixtures import programme


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs"
    from designer.app.launch import make_app
    from designer.app.window.main_window import MainWindow

    app = make_app()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["JOURNEY_RECOVERY_DIR"] = str(Path(tmp) / "recovery")
        path = Path(tmp) / "Acme lifecycle.json"
        blueprint = programme()
        save(blueprint, path)
        save_forecast(sibling_db(path), run_forecast(blueprint, "sample"), source_file=str(path))
        window = MainWindow()
        window.files.open_path(path, ask=False)
        window.resize(1440, 900)
        window.show()
        shots = []
        for page, name in (("queue", "build-queue.png"), ("overview", "overview.png")):
            window.pages.show(page)
            if page == "queue":
                window.pages.queue.select_workflow("subject")  # an experiment: its plan and weeks below
            for _ in range(3):
                app.processEvents()
            shots.append(window.grab().save(str(out / name)))
            print(out / name)
        window.files.closing()
    return 0 if all(shots) else 2


if __name__ == "__main__":
    sys.exit(main())
