"""Starting the app: main.py routes commands to the CLI and everything else to the window."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

import main as entry
from designer.app.launch import open_window
from designer.examples import example_blueprint
from designer.fileformat import dumps

ROOT = Path(__file__).resolve().parents[2]


def test_known_commands_go_to_the_cli():
    commands = entry._cli_commands()
    assert {"validate", "new", "export"} <= commands
    assert "--screenshot" not in commands


def test_no_file_opens_the_sample_unsaved(qapp, dialogs):
    from designer.app.launch import make_app

    make_app()
    window = open_window(None)
    try:
        assert window.document.path is None
        assert not window.isWindowModified()
        assert "Sample blueprint" in window.windowTitle()
        assert dumps(window.document.blueprint) == dumps(example_blueprint())
    finally:
        window.close()


def test_screenshot_of_a_file(tmp_path):
    source = tmp_path / "x.json"
    source.write_text(dumps(example_blueprint()), encoding="utf-8")
    out = tmp_path / "shot.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JOURNEY_RECOVERY_DIR=str(tmp_path / "rec"))
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(out), "--size", "1200x800", str(source)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
