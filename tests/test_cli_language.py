"""The command line in Chinese (--lang zh, or LANG=zh_CN): usage errors, argparse's own words,
help, journey diff / merge, templates, dry-run path notes and the outbox; English unchanged
without --lang; --json keeps its codes and adds the rendered text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import from_data, to_data
from designer.i18n import language
from tests.builders import example_version as version

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample" / "demo_blueprint.json"


@pytest.fixture(autouse=True)
def no_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)


def run(capsys, *argv):
    status = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert language() == "en"  # main() leaves the process's language as it found it
    return status, out, err




@pytest.mark.parametrize("argv, english, chinese", [
    (["validate", "{missing}"], "no such file", "文件不存在"),
    (["validate"], "the following arguments are required: file (see 'journey validate --help')",
     "缺少必需的参数：file（见“journey validate --help”）"),
    (["dry-run", "{sample}", "--runs", "0"], "argument --runs: must be at least 1", "参数 --runs：至少为 1"),
    (["frobnicate"], "argument COMMAND: invalid choice: 'frobnicate'", "参数 COMMAND：无效的选项：'frobnicate'"),
    (["status", "--db", "{missing_db}"], "does not exist (create it with 'journey contacts sample",
     "不存在（可用“journey contacts sample"),
    (["new", "{sample}"], "already exists (use --force to overwrite)", "已存在（用 --force 覆盖）"),
    (["templates", "show", "nope"], "no template 'nope' (templates: ", "没有模板“nope”（现有模板："),
    (["diff", "{sample}", "{sample}", "--workflow", "zz"], "no workflow 'zz' in either file", "两个文件中都没有旅程“zz”"),
])
def test_bad_input_is_one_line_in_the_readers_language(tmp_path, capsys, argv, english, chinese):
    names = {"missing": tmp_path / "gone.json", "sample": SAMPLE, "missing_db": tmp_path / "gone.db"}
    argv = [a.format(**{k: str(v) for k, v in names.items()}) for a in argv]
    status, out, err = run(capsys, *argv)
    assert status == 2 and out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("journey: error: ") and english in err, err
    status, out, err = run(capsys, *argv, "--lang", "zh")
    assert status == 2 and len(err.strip().splitlines()) == 1
    assert err.startswith("journey：错误：") and chinese in err, err
    assert "error" not in err  # nothing of the English left around the reason


def test_a_broken_json_file_is_located_in_chinese(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{\n", encoding="utf-8")
    assert "line 2, column 1: the file is not valid JSON" in run(capsys, "validate", bad)[2]
    assert "第 2 行第 1 列：文件不是有效的 JSON" in run(capsys, "validate", bad, "--lang", "zh")[2]


def test_help_reads_in_chinese(capsys):
    with pytest.raises(SystemExit):
        main(["--lang", "zh", "dry-run", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("用法：journey dry-run") and "显示此帮助信息并退出" in out and "机器可读的报告" in out
    with pytest.raises(SystemExit):
        main(["dry-run", "--help"])
    assert "machine-readable report" in capsys.readouterr().out


def test_diff_and_merge_speak_chinese_and_json_keeps_codes(tmp_path, capsys):
    a, b = version(tmp_path / "a.json"), version(tmp_path / "b.json", n3={"amount": 3})
    c = version(tmp_path / "c.json", n3={"amount": 5})
    status, english, _ = run(capsys, "diff", a, b)
    assert status == 1 and "~ step n3 " in english and "(Wait): How long: 2 days -> 3 days" in english
    status, chinese, _ = run(capsys, "diff", a, b, "--lang", "zh")
    assert status == 1 and "1 处改动" in chinese and "~ 步骤 n3" in chinese and "（等待）：等待时长：2 天 -> 3 天" in chinese
    assert "no differences" not in chinese and "step" not in chinese
    assert run(capsys, "diff", a, a, "--lang", "zh")[1].strip().endswith("没有差异")
    (change,) = json.loads(run(capsys, "diff", a, b, "--json", "--lang", "zh")[1])["changes"]
    assert change["op"] == "changed" and change["field"] == "settings.amount" and change["label"] == "How long"
    assert change["message_id"]["code"] == "diff.step-field" and change["text"].startswith("~ 步骤 n3")

    status, out, _ = run(capsys, "merge", a, b, c, "-o", tmp_path / "m.json", "--lang", "zh")
    assert status == 1 and "1 处冲突" in out and "冲突（both-changed）旅程 welcome：步骤 n3" in out
    assert "双方都做了修改" in out and "我方：" in out and "对方：" in out and "CONFLICT" not in out
    assert "冲突（both-changed）" in (tmp_path / "m.json.conflicts.txt").read_text(encoding="utf-8")
    assert "CONFLICT (both-changed) workflow welcome: step n3" in run(capsys, "merge", a, b, c, "-o", tmp_path / "m2.json")[1]
    report = json.loads(run(capsys, "merge", a, b, c, "-o", tmp_path / "m3.json", "--json", "--lang", "zh")[1])
    assert report["conflicts"][0]["reason"] == "both-changed" and report["conflicts"][0]["reason_text"] == "双方都做了修改"


def test_templates_follow_the_language(capsys, monkeypatch):
    status, out, _ = run(capsys, "templates", "list", "--lang", "zh")
    assert status == 0 and "新用户欢迎与引导旅程" in out and "Welcome" not in out
    status, out, _ = run(capsys, "templates", "list")
    assert status == 0 and "新用户欢迎与引导旅程" not in out and "welcome" in out
    status, out, _ = run(capsys, "templates", "show", "birthday", "--lang", "zh")
    assert "生命周期阶段：" in out and "关键指标（KPI）：" in out and "试运行的预期转化率：4% 至 40%" in out
    assert "Parameters" not in out and "whole number" not in out and "3 到 60 之间的整数" in out
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")  # the system's language, no --lang: the templates' words too
    assert "新用户欢迎与引导旅程" in run(capsys, "templates", "list")[1]
    assert "没有符合条件的模板" in run(capsys, "templates", "list", "--channel", "fax")[1]


def test_dry_run_path_notes_and_outbox_states_in_chinese(tmp_path, capsys):
    status, out, _ = run(capsys, "dry-run", SAMPLE, "--trace", "c00001", "--lang", "zh")
    assert status == 0 and "email 已送达" in out and "退出：No order within 3 days" in out
    assert "delivered" not in out.split("c00001 的路径：")[1] and "exit:" not in out
    db = tmp_path / "run.db"
    assert run(capsys, "contacts", "sample", "--count", "30", "--db", db)[0] == 0
    assert run(capsys, "run", SAMPLE, "--db", db, "--quiet")[0] == 0
    english = run(capsys, "outbox", "--db", db)[1]
    assert english.startswith("key") and ("sandboxed" in english or "suppressed" in english)
    chinese = run(capsys, "outbox", "--db", db, "--lang", "zh")[1]
    assert chinese.startswith("键") and "状态" in chinese and ("已进沙盒" in chinese or "被拦截" in chinese)
    assert "sandboxed" not in chinese
    rows = json.loads(run(capsys, "outbox", "--db", db, "--json", "--lang", "zh")[1])
    assert {r["state"] for r in rows} <= {"pending", "sent", "sandboxed", "failed", "in_doubt", "suppressed"}
    assert "发件箱：" in run(capsys, "status", "--db", db, "--lang", "zh")[1]


def test_the_windows_contact_timeline_reads_the_same_notes_in_chinese():
    """The run panel's timeline (designer/app/run/figures.py) and --trace share one reading of the notes."""
    from designer.i18n import set_language
    from designer.runtime.dryrun.forecast import run_forecast
    from designer.runtime.dryrun.path_words import timeline, where_now

    report = run_forecast(from_data(to_data(example_blueprint())), "sample", days=14, trace=["c00001"])
    path, titles = report["paths"]["c00001"], {}
    english = timeline(path, titles)
    assert english[0].startswith("day ") and any(" passed" in line or " -> " in line for line in english)
    set_language("zh")
    try:
        chinese, now = timeline(path, titles), where_now(path, titles)
    finally:
        set_language("en")
    assert len(chinese) == len(english) and all(line.startswith("第 ") and "天  " in line for line in chinese)
    assert not any(w in " ".join(chinese) for w in (" passed", "delivered", "exit:", "day "))
    assert now.startswith("在“") or now in ("不在旅程中", "已走完旅程"), now
