"""Headless runs never wait for a person; a failed save keeps the document open."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from designer.fileformat import dumps

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name, text, what", [
    ("missing.json", None, "no such file"),
    ("corrupt.json", '{"format": ', "not valid JSON"),
    ("newer.json", '{"format": "journey-designer", "version": 99}', "newer Journey Designer"),
])
def test_screenshot_of_a_bad_file_exits_2_without_a_dialog(tmp_path, name, text, what):
    source = tmp_path / name
    if text is not None:
        source.write_text(text)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", JOURNEY_RECOVERY_DIR=str(tmp_path / "rec"))
    result = subprocess.run([sys.executable, "main.py", "--screenshot", str(tmp_path / "out.png"), str(source)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=40, check=False)
    assert result.returncode == 2, result.stderr
    assert what in result.stderr and str(source) in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "out.png").exists()


def _without_display(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    return dict(env, JOURNEY_RECOVERY_DIR=str(tmp_path / "rec"))


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays are a Linux matter")
def test_a_screenshot_needs_no_display_and_a_window_says_it_has_none(tmp_path):
    out = tmp_path / "out.png"
    shot = subprocess.run([sys.executable, "main.py", "--screenshot", str(out)], cwd=ROOT, env=_without_display(tmp_path),
                          capture_output=True, text=True, timeout=60, check=False)
    assert shot.returncode == 0, shot.stderr
    assert out.stat().st_size > 10_000
    assert "propagateSizeHints" not in shot.stderr and "libpyside" not in shot.stderr
    window = subprocess.run([sys.executable, "main.py"], cwd=ROOT, env=_without_display(tmp_path),
                            capture_output=True, text=True, timeout=60, check=False)
    assert window.returncode == 2
    assert window.stderr.strip().splitlines() == [window.stderr.strip()]
    assert "no display" in window.stderr and "xvfb-run" in window.stderr


def test_a_failed_save_keeps_the_document_and_says_why(make_window, dialogs, tmp_path, monkeypatch):
    window = make_window()
    path = tmp_path / "journey.json"
    assert window.files._write(path)
    saved = path.read_text()
    window.files._dirty_outside_stack = True  # unsaved edits
    before = dumps(window.document.blueprint)

    def refuse(*args, **kwargs):  # a read-only folder (chmod does not stop root, so refuse here)
        raise PermissionError(13, "Permission denied", str(tmp_path))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    assert not window.files.save()
    kind, _title, text = dialogs.calls[-1]
    assert kind == "critical" and "Permission denied" in text and str(path) in text
    assert window.files.is_modified()
    assert window.document.path == path.resolve()
    assert dumps(window.document.blueprint) == before
    assert path.read_text() == saved
