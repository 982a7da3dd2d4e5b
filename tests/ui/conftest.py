"""UI tests drive the real window under offscreen Qt (set here before Qt loads).

Every test gets its own settings (recent files), recovery folder and
recorded message boxes, so no dialog can block a test run.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QPoint, QPointF, QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox


class Dialogs:
    """Stands in for QMessageBox's static functions: records each call, answers as told."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str, str]] = []
        self.answers = {
            "question": QMessageBox.StandardButton.No,
            "warning": QMessageBox.StandardButton.Discard,
        }

    def kinds(self) -> list[str]:
        return [kind for kind, _, _ in self.calls]

    def _record(self, kind: str):
        def fake(parent, title, text, *args, **kwargs):
            self.calls.append((kind, title, text))
            return self.answers.get(kind, QMessageBox.StandardButton.Ok)

        return fake


@pytest.fixture(autouse=True)
def dialogs(monkeypatch, tmp_path) -> Dialogs:
    fake = Dialogs()
    for kind in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake._record(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(lambda *a, **k: fake.calls.append(("about", "", ""))))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("JOURNEY_RECOVERY_DIR", str(tmp_path / "recovery"))
    return fake


@pytest.fixture
def make_window(qtbot):
    """Open a real main window (on ``blueprint``, default: the built-in sample), shown and exposed."""
    import shiboken6

    from designer.app.launch import make_app
    from designer.app.window.main_window import MainWindow

    make_app()
    opened = []

    def make(blueprint=None, **kwargs) -> MainWindow:
        window = MainWindow(blueprint, **kwargs)
        opened.append(window)
        window.show()
        qtbot.waitExposed(window)
        window.view.fit_all()
        return window

    yield make
    for window in opened:  # a test may have closed (and so deleted) its window already
        if shiboken6.isValid(window):
            window.files._dirty_outside_stack = False
            window.stack.setClean()
            window.close()


@pytest.fixture
def window(make_window):
    return make_window()


# --- driving the canvas with the mouse --------------------------------------------------


def view_point(view, scene_point: QPointF) -> QPoint:
    return view.mapFromScene(scene_point)


def drag(view, start: QPointF, end: QPointF, steps: int = 6, button=Qt.MouseButton.LeftButton,
         modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    """Press at ``start``, move in steps, release at ``end`` (scene coordinates)."""
    viewport = view.viewport()
    a, b = view_point(view, start), view_point(view, end)
    QTest.mousePress(viewport, button, modifiers, a)
    for i in range(1, steps + 1):
        p = a + (b - a) * (i / steps)
        QTest.mouseMove(viewport, p)
    QTest.mouseRelease(viewport, button, modifiers, b)


def port_point(window, node_id: str, port: str) -> QPointF:
    scene = window.view.scene()
    return scene.nodes[node_id].ports[port].scenePos()


def card_centre(window, node_id: str) -> QPointF:
    item = window.view.scene().nodes[node_id]
    return item.mapToScene(item.card_rect().center())
