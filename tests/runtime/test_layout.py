"""The runtime's layout moved (durable/ beside dryrun/); the import paths the app, the CLI and
older code use still give the same modules and the public API is where it was."""

from __future__ import annotations

import importlib

import pytest

from designer.runtime import MOVED


@pytest.mark.parametrize("old", sorted(MOVED))
def test_old_import_paths_are_the_moved_modules(old):
    assert importlib.import_module(old) is importlib.import_module(MOVED[old])


def test_public_api_the_app_and_cli_use():
    from designer.runtime.clock import DemoClock
    from designer.runtime.engine import Engine
    from designer.runtime.report import outbox, status, trace

    from designer.runtime.dryrun import forecast, forecast_store

    assert callable(forecast.run_forecast) and callable(forecast_store.load_forecast)
    assert callable(forecast_store.list_runs) and callable(forecast_store.load_path)
    assert hasattr(Engine, "run") and hasattr(Engine, "stop") and DemoClock(10).speed == 10
    assert all(callable(f) for f in (status, outbox, trace))


def test_no_two_runtime_modules_share_a_name():
    """Two files of the same name meaning different things (durable/ and dryrun/) confuse readers."""
    from pathlib import Path

    from designer import runtime

    names: dict[str, list[str]] = {}
    for path in Path(runtime.__file__).parent.rglob("*.py"):
        if path.name != "__init__.py":
            names.setdefault(path.name, []).append(str(path.parent.name))
    assert {n: d for n, d in names.items() if len(d) > 1} == {}
