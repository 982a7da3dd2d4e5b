"""Shared fixtures."""

from __future__ import annotations

import itertools
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


# --- the SQL store's two dialects -------------------------------------------------

DIALECTS = ["sqlite", "postgresql"]
_databases = itertools.count(1)


@pytest.fixture(scope="session")
def pg_cluster():
    """One throw-away PostgreSQL server for the session (skipped only when no server binary exists)."""
    from designer.runtime.durable import pg_cluster as pgc

    why = pgc.available()
    if why:
        pytest.skip(why)
    cluster = pgc.TempCluster()
    cluster.start()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """A fresh, empty database on the session's server, for this test only."""
    name = f"t{os.getpid()}_{next(_databases)}"
    yield pg_cluster.create_database(name)
    pg_cluster.drop_database(name)


@pytest.fixture(params=DIALECTS)
def db_target(request, tmp_path) -> str:
    """What ``--db`` is given: an SQLite file, or a PostgreSQL URL (each test runs on both)."""
    if request.param == "sqlite":
        return str(tmp_path / "run.db")
    return request.getfixturevalue("pg_url")


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
