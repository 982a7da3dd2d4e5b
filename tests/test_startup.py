"""Start-up stays light: facts about which modules load, not timings.

The heavy libraries (and the runtime) cost a user tenths of a second each
before a window or a command answers; these tests fail when one creeps back
into start-up. Each check runs in a fresh interpreter. Figures are in
benchmarks/startup.py and docs/performance.md.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from designer.cli import COMMANDS, build_parser

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ["sqlalchemy", "sqlmodel", "numpy", "networkx", "httpx", "designer.runtime", "designer.diff", "designer.templates",
         "asyncio", "qasync"]


def loaded_after(code: str) -> list[str]:
    """The HEAVY modules loaded once ``code`` has run in a fresh interpreter in the repository root."""
    script = f"import sys\n{code}\nimport json\nprint(json.dumps(sorted(m for m in {HEAVY!r} if m in sys.modules)))"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def small_file(tmp_path_factory) -> str:
    from designer.examples import example_blueprint
    from designer.fileformat import save

    path = tmp_path_factory.mktemp("startup") / "small.json"
    save(example_blueprint(), path)
    return str(path)


def test_parsing_a_command_loads_only_its_own_module():
    assert loaded_after("import designer.cli\ndesigner.cli.build_parser('validate').parse_args(['validate', 'x.json'])") == []
    assert loaded_after("import main\nassert 'validate' in main._cli_commands()") == []


def test_the_plan_command_leaves_the_runtime_alone_without_a_dry_run_database():
    assert loaded_after("import designer.cli\ndesigner.cli.build_parser('plan').parse_args(['plan', 'x.json'])") == []


def test_journey_validate_runs_without_the_heavy_libraries(small_file):
    code = f"import designer.cli\nassert designer.cli.main(['validate', {small_file!r}]) == 0"
    assert loaded_after(code) == []


def test_the_window_paints_without_the_heavy_libraries(small_file):
    code = (
        "from designer.app import launch\n"
        "app = launch.make_app()\n"
        f"window = launch.open_window({small_file!r})\n"
        "window.show()\n"
        "app.processEvents()\n"
        "window.view.viewport().repaint()\n"
        "window.files.closing()\n"
    )
    assert loaded_after(code) == []


def test_every_command_is_in_the_table_with_the_module_that_registers_it():
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    assert set(sub.choices) == set(COMMANDS)
    for name, module in COMMANDS.items():
        one = next(a for a in build_parser(name)._actions if a.__class__.__name__ == "_SubParsersAction")
        assert name in one.choices, f"{module} does not register {name}"
