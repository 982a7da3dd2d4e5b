"""journey diff / merge / outline / git-setup: exit codes, output, and git in a real repository."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import dumps, from_data, load, to_data
from tests.builders import example_version as version

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return status, out, err




def test_diff_exit_codes_and_text(tmp_path, capsys):
    a, b = version(tmp_path / "a.json"), version(tmp_path / "b.json", n3={"amount": 3})
    assert run(capsys, "diff", a, a)[:2] == (0, f"{a} and {a}: no differences\n")
    status, out, err = run(capsys, "diff", a, b)
    assert status == 1 and err == ""
    assert 'step n3 "Wait 2 days" (Wait): How long: 2 days -> 3 days' in out
    status, _, err = run(capsys, "diff", a, tmp_path / "missing.json")
    assert status == 2 and err.count("\n") == 1 and "no such file" in err
    status, _, err = run(capsys, "diff", a, b, "--workflow", "nope")
    assert status == 2 and "no workflow 'nope'" in err


def test_diff_json_is_stable_and_filters_by_workflow(tmp_path, capsys):
    a, b = version(tmp_path / "a.json"), version(tmp_path / "b.json", n6={"text": "Hi"})
    status, out, _ = run(capsys, "diff", a, b, "--json", "--workflow", "welcome")
    report = json.loads(out)
    assert status == 1 and report["equal"] is False
    (change,) = report["changes"]
    assert change["scope"] == "step" and change["target"] == "n6" and change["field"] == "settings.text"
    assert change["path"] == ["workflows", "welcome", "nodes", "n6", "settings", "text"] and change["new"] == "Hi"
    assert run(capsys, "diff", a, b, "--json")[1] == out  # same run, same bytes


def test_moves_show_only_with_include_layout(tmp_path, capsys):
    a = version(tmp_path / "a.json")
    data = to_data(example_blueprint())
    data["workflows"][0]["nodes"][0]["position"]["x"] = 999
    b = tmp_path / "b.json"
    b.write_text(dumps(from_data(data)))
    assert run(capsys, "diff", a, b)[0] == 0
    status, out, _ = run(capsys, "diff", a, b, "--include-layout")
    assert status == 1 and "(0, 0) -> (999, 0)" in out


def test_merge_clean_conflict_and_bad_input(tmp_path, capsys):
    base = version(tmp_path / "base.json")
    ours = version(tmp_path / "ours.json", n3={"amount": 3})
    theirs = version(tmp_path / "theirs.json", n6={"text": "WeChat first"})
    out = tmp_path / "out.json"
    status, text, _ = run(capsys, "merge", base, ours, theirs, "-o", out)
    assert status == 0 and "merged cleanly" in text
    merged = {n.id: n for n in load(out).workflows[0].nodes}
    assert merged["n3"].settings["amount"] == 3 and merged["n6"].settings["text"] == "WeChat first"

    clash = version(tmp_path / "clash.json", n3={"amount": 5})
    status, text, _ = run(capsys, "merge", base, ours, clash, "-o", out, "--json")
    report = json.loads(text)
    assert status == 1 and report["clean"] is False
    assert report["conflicts"][0]["ours"] == 3 and report["conflicts"][0]["theirs"] == 5
    written = Path(report["report"]).read_text()
    assert "How long" in written and "ours:   3 days" in written and "theirs: 5 days" in written
    assert load(out).workflows[0].node("n3").settings["amount"] == 3  # a valid file, our side kept

    status, text, err = run(capsys, "merge", base, ours, clash, "-o", out, "--report", tmp_path / "no" / "r.txt")
    assert status == 1 and "cannot write the report" in err and "CONFLICT (both-changed)" in text

    before = out.read_bytes()
    (tmp_path / "broken.json").write_text("{")
    status, _, err = run(capsys, "merge", base, ours, tmp_path / "broken.json", "-o", out)
    assert status == 2 and "not valid JSON" in err and out.read_bytes() == before  # nothing written


def test_outline_falls_back_to_the_raw_text_only_for_textconv(tmp_path, capsys):
    other = tmp_path / "package.json"
    other.write_text('{"name": "x"}\n')
    assert run(capsys, "outline", other)[0] == 2
    assert run(capsys, "outline", other, "--textconv")[:2] == (0, '{"name": "x"}\n')
    status, out, _ = run(capsys, "outline", version(tmp_path / "a.json"))
    assert status == 0 and "  step n3 \"Wait 2 days\" (Wait)\n    How long: 2 days\n" in out


# --- git, for real -----------------------------------------------------------------------------


@pytest.fixture
def repo(tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1",
           "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.com",
           "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.com",
           # the drivers run `python -P -m designer.cli`: this checkout's designer
           "PYTHONPATH": str(ROOT)}
    path = tmp_path / "repo"
    path.mkdir()

    def git(*args, check=True):
        done = subprocess.run(["git", *args], cwd=path, env=env, capture_output=True, text=True)
        assert not check or done.returncode == 0, done.stderr + done.stdout
        return done

    git("init", "-q", "-b", "main")
    setup = subprocess.run([sys.executable, "-m", "designer.cli", "git-setup"], cwd=path, env=env,
                           capture_output=True, text=True)
    assert setup.returncode == 0, setup.stderr
    version(path / "welcome.json")
    git("add", ".")
    git("commit", "-qm", "base")
    git.env = env
    return path, git


def _branch(git, path, name, **steps):
    git("checkout", "-q", "-b", name, "main")
    version(path / "welcome.json", **steps)
    git("commit", "-qam", name)


def test_git_setup_registers_the_drivers(repo):
    path, git = repo
    assert "*.json diff=journey merge=journey" in (path / ".gitattributes").read_text()
    assert "-m designer.cli merge %O %A %B" in git("config", "merge.journey.driver").stdout
    assert git("check-attr", "diff", "merge", "--", "welcome.json").stdout.count("journey") == 2


def test_git_diff_and_log_show_the_semantic_change(repo):
    path, git = repo
    version(path / "welcome.json", n3={"amount": 3})
    out = git("diff").stdout
    assert "-    How long: 2 days\n+    How long: 3 days" in out
    assert '@@   step n2 "Welcome email" (Email)\n' in out  # the hunk is headed by the step it starts in
    git("commit", "-qam", "three days")
    assert "+    How long: 3 days" in git("log", "-p", "-1").stdout


def test_git_merge_of_different_steps_and_fields_succeeds_through_the_driver(repo):
    path, git = repo
    _branch(git, path, "wait", n3={"amount": 3})
    _branch(git, path, "unit", n3={"unit": "hours"}, n6={"text": "WeChat first"})
    # The wait's amount and unit are neighbouring lines: git's own line merge conflicts on them
    versions = [git("show", f"{rev}:welcome.json").stdout for rev in ("wait", "main", "unit")]
    for name, text in zip(("ours", "base", "theirs"), versions):
        (path.parent / name).write_text(text)
    assert git("merge-file", "-p", *(str(path.parent / n) for n in ("ours", "base", "theirs")),
               check=False).returncode != 0
    git("checkout", "-q", "wait")
    git("merge", "-q", "--no-edit", "unit")
    merged = load(path / "welcome.json").workflows[0]
    assert merged.node("n3").settings == {"amount": 3, "unit": "hours"}
    assert merged.node("n6").settings["text"] == "WeChat first"
    assert git("status", "--porcelain").stdout == ""


def test_git_merge_of_the_same_field_is_a_reported_conflict(repo):
    path, git = repo
    _branch(git, path, "three", n3={"amount": 3})
    _branch(git, path, "five", n3={"amount": 5})
    git("checkout", "-q", "three")
    done = git("merge", "--no-edit", "five", check=False)
    assert done.returncode != 0
    assert "CONFLICT (both-changed) workflow welcome: step n3" in done.stdout
    report = (path / "welcome.json.conflicts.txt").read_text()
    assert "base:   2 days" in report and "ours:   3 days" in report and "theirs: 5 days" in report
    assert git("diff", "--name-only", "--diff-filter=U").stdout.strip() == "welcome.json"
    assert load(path / "welcome.json").workflows[0].node("n3").settings["amount"] == 3  # still a blueprint


def test_other_json_files_fall_back_to_gits_own_merge(repo):
    path, git = repo
    other = path / "package.json"
    other.write_text('{\n  "name": "x",\n  "a": 1,\n  "b": 1,\n  "c": 1,\n  "d": 1,\n  "e": 1\n}\n')
    git("add", ".")
    git("commit", "-qm", "package")
    for branch, old, new in (("one", '"a": 1', '"a": 2'), ("two", '"e": 1', '"e": 2')):
        git("checkout", "-q", "-b", branch, "main")
        other.write_text(other.read_text().replace(old, new))
        git("commit", "-qam", branch)
    git("checkout", "-q", "one")
    git("merge", "-q", "--no-edit", "two")
    assert '"a": 2' in other.read_text() and '"e": 2' in other.read_text()
    git("diff", "HEAD~2", "--", "package.json")  # textconv shows a non-blueprint as it is


def test_a_fresh_clone_needs_only_git_setup(repo, tmp_path):
    path, git = repo
    clone = tmp_path / "clone"
    git("clone", "-q", str(path), str(clone))
    run_here = {"cwd": clone, "env": git.env, "capture_output": True, "text": True}
    version(clone / "welcome.json", n3={"amount": 3})
    plain = subprocess.run(["git", "diff"], **run_here).stdout  # the attributes came along, the drivers did not
    assert '"amount": 3.0' in plain and "How long" not in plain
    setup = subprocess.run([sys.executable, "-m", "designer.cli", "git-setup", "--json"], **run_here)
    assert json.loads(setup.stdout)["attributes_added"] is False  # already committed
    assert "+    How long: 3 days" in subprocess.run(["git", "diff"], **run_here).stdout
