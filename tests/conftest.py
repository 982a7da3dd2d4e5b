"""Shared fixtures."""

from __future__ import annotations

import os
import sys

import pytest

# Qt tests drive real widgets without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from designer.blueprint import Blueprint
from designer.examples import example_blueprint


@pytest.fixture
def example() -> Blueprint:
    return example_blueprint()


@pytest.fixture(scope="session", autouse=True)
def _clear_clipboard_at_exit():
    """Qt's offscreen platform crashes at exit (SIGSEGV in its clipboard's
    destructor) when the clipboard still holds mime data set from Python:
    PySide6 6.11, offscreen only (xcb is fine). Empty it before Python exits."""
    yield
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        app = QApplication.instance()
        if app is not None:
            app.clipboard().clear()
