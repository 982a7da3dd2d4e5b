"""Hostile blueprint files: every bad file is a located FileFormatError, never a
traceback; saving keeps the file's mode, follows symlinks and fails cleanly."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from designer.fileformat import FileFormatError, dumps, loads, save

ROOT = Path(__file__).resolve().parents[1]


def v1(workflow: dict) -> dict:
    return {"format": "journey-designer", "version": 1, "name": "Old", "workflows": [workflow]}


@pytest.mark.parametrize("workflow, where", [
    ({"id": "w", "name": "W", "nodes": 5}, "$.workflows[0].nodes"),
    ({"id": "w", "name": "W", "nodes": [5]}, "$.workflows[0].nodes[0]"),
    ({"id": "w", "name": "W", "nodes": [], "edges": "x"}, "$.workflows[0].edges"),
    ({"id": "w", "name": "W", "nodes": [{"id": "a", "position": [[], {}]}]}, "$.workflows[0].nodes[0]"),
])
def test_version_1_migration_checks_shapes(workflow, where):
    with pytest.raises(FileFormatError) as err:
        loads(json.dumps(v1(workflow)), "old.json")
    assert err.value.where.startswith(where)


@pytest.mark.parametrize("text", [
    '{"format": "journey-designer", "version": 1' + "0" * 5000 + "}",
    '{"format": "journey-designer", "version": 1, "name": "x", "workflows": [], "n": 1' + "0" * 5000 + "}",
    '{"format": "journey-designer", "version": 1e400}',
])
def test_huge_numbers_are_a_located_message(text):
    with pytest.raises(FileFormatError) as err:
        loads(text, "big.json")
    assert len(str(err.value)) < 300


def test_validate_cli_on_hostile_files(tmp_path):
    cases = [json.dumps(v1({"id": "w", "name": "W", "nodes": 5})),
             '{"format": "journey-designer", "version": ' + "9" * 5000 + "}"]
    for i, text in enumerate(cases):
        path = tmp_path / f"bad{i}.json"
        path.write_text(text)
        result = subprocess.run([sys.executable, "-m", "designer.cli", "validate", str(path)], cwd=ROOT,
                                capture_output=True, text=True, timeout=60, check=False)
        assert result.returncode == 2, result.stderr
        assert "Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
        assert str(path) in result.stderr


@pytest.mark.parametrize("text, where", [
    ('{"format": "journey-designer", "format": "x", "version": 2}', "$"),
    (('{"format": "journey-designer", "version": 2, "name": "a", "workflows": '
      '[{"id": "w", "name": "W", "nodes": [{"id": "a", "kind": "exit", "id": "b"}]}]}'), "$.workflows[0].nodes[0]"),
])
def test_duplicate_keys_are_refused_with_their_path(text, where):
    with pytest.raises(FileFormatError) as err:
        loads(text, "dup.json")
    assert err.value.where == where
    assert "twice" in err.value.message


def test_save_keeps_the_file_mode(example, tmp_path):
    path = tmp_path / "x.json"
    path.write_text("{}")
    path.chmod(0o640)
    save(example, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o640


def test_new_file_gets_the_usual_mode(example, tmp_path):
    old = os.umask(0o022)
    try:
        save(example, tmp_path / "new.json")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_save_writes_through_a_symlink(example, tmp_path):
    real = tmp_path / "store" / "real.json"
    real.parent.mkdir()
    real.write_text("{}")
    link = tmp_path / "link.json"
    link.symlink_to(real)
    save(example, link)
    assert link.is_symlink()
    assert real.read_text() == dumps(example)


def test_format_into_a_read_only_folder_is_a_message(example, tmp_path, monkeypatch, capsys):
    from designer.cli import main

    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "x.json"
    path.write_text(dumps(example).replace("\n", "\n  ", 3))  # not canonical, so format rewrites it
    folder.chmod(0o555)
    if os.geteuid() == 0:  # root writes anywhere: the folder refuses as a read-only one would
        import tempfile

        def refuse(*args, **kwargs):
            raise PermissionError(13, "Permission denied", str(folder))

        monkeypatch.setattr(tempfile, "mkstemp", refuse)
    try:
        status = main(["format", str(path)])
    finally:
        folder.chmod(0o755)
    err = capsys.readouterr().err
    assert status == 2
    assert "Permission denied" in err and str(folder) in err and len(err.strip().splitlines()) == 1
