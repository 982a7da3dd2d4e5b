"""Translations: every catalogue entry (core .po, window .ts) has a finished Chinese
translation with the same placeholders; the core's words all reach the catalogue;
messages render per language and survive JSON; the CLI speaks Chinese with --lang zh."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import typing
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from designer import blueprint as blueprint_module
from designer.i18n import LOCALE_DIR, Message, render, set_language, translate
from designer.i18n.messages import MESSAGES
from designer.i18n.words import WORDS
from designer.nodes import FAMILY_LOOK, all_kinds
from designer.nodes.fields import field_words, humanise

ROOT = Path(__file__).resolve().parents[1]
PO = LOCALE_DIR / "zh_CN" / "LC_MESSAGES" / "designer.po"
TS = ROOT / "resources" / "i18n" / "designer_zh_CN.ts"

BRACES = re.compile(r"(?<!\{)\{(\w*)(?::[^{}]*)?\}(?!\})")  # {name} or {name:>12}; not {{literal}}
QT_ARGS = re.compile(r"%(?:\d+|[-+ #0]*\d*(?:\.\d+)?[sdfi%])|\{\w*\}")  # %1, %s, %d, %.1f, %%, {0}, {n}


@pytest.fixture(autouse=True)
def english_after():
    yield
    set_language("en")


def _placeholders(pattern, text: str) -> list[str]:
    return sorted(pattern.findall(text))


def test_every_core_entry_is_translated_with_the_same_placeholders():
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    entries = [m for m in catalog if m.id]
    assert len(entries) > 300
    for m in entries:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and "fuzzy" not in m.flags, f"untranslated: {ids[0]!r}"
        for s in strings:
            assert _placeholders(BRACES, s) == _placeholders(BRACES, ids[-1]), (ids[0], s)
    problems = [(m.id, [str(e) for e in errors]) for m, errors in catalog.check()]
    assert not problems, problems  # what pybabel compile would refuse (a '% h' taken for a %-format ...)


def test_the_compiled_catalogue_is_current():
    """The .mo shipped next to the .po is what the .po compiles to (scripts/translations.sh compile)."""
    import io

    from babel.messages.mofile import write_mo

    with PO.open("rb") as fh:
        catalog = read_po(fh)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    assert compiled.getvalue() == PO.with_suffix(".mo").read_bytes(), "run scripts/translations.sh compile"


def test_every_message_and_core_word_reaches_the_catalogue():
    with PO.open("rb") as fh:
        ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in read_po(fh) if m.id}
    for english in MESSAGES.values():
        assert (english[0] if isinstance(english, tuple) else english) in ids
    words = {k.label for k in all_kinds()} | {k.description for k in all_kinds()} | set(WORDS)
    words |= {look.title for look in FAMILY_LOOK.values()}

    def walk(model, seen):
        if model in seen:
            return
        seen.add(model)
        for name, info in model.model_fields.items():
            label, caption = field_words(name, info.description or "", info.title or "")
            words.update(w for w in (label, caption) if w)
            stack = [info.annotation]
            while stack:
                t = stack.pop()
                if typing.get_origin(t) is typing.Literal:
                    words.update(humanise(str(o)) for o in typing.get_args(t) if not str(o).isupper())
                stack.extend(typing.get_args(t))
                if isinstance(t, type) and hasattr(t, "model_fields"):
                    walk(t, seen)

    seen: set = set()
    for kind in all_kinds():
        walk(kind.settings_model, seen)
    walk(blueprint_module.Blueprint, seen)
    missing = sorted(w for w in words if w not in ids)
    assert not missing, f"words the window shows that no catalogue holds: {missing}"


def test_every_window_entry_is_translated_with_the_same_placeholders():
    root = ET.parse(TS).getroot()
    messages = list(root.iter("message"))
    assert len(messages) > 500
    for message in messages:
        source, translation = message.findtext("source"), message.find("translation")
        assert translation is not None and translation.text, f"untranslated: {source!r}"
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert _placeholders(QT_ARGS, translation.text) == _placeholders(QT_ARGS, source), (source, translation.text)
        assert source.count("&") - 2 * source.count("&&") <= translation.text.count("&"), source  # keeps its key


def test_the_compiled_window_catalogue_is_current(tmp_path):
    """The .qm shipped next to the .ts is what pyside6-lrelease makes of it."""
    import shutil

    lrelease = shutil.which("pyside6-lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not on PATH")
    out = tmp_path / "check.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out)], check=True, timeout=120)
    assert out.read_bytes() == TS.with_suffix(".qm").read_bytes(), "run scripts/translations.sh compile"


def test_messages_render_per_language_and_round_trip_through_json():
    from designer.nodes.fields import duration

    message = Message("summary.wait-event", {"event": "purchased", "duration": duration(3, "days")})
    assert render(message, "en") == "Wait for purchased, up to 3 days"
    assert render(message, "zh_CN") == "等待 purchased，最多 3 天"
    stored = json.loads(json.dumps(message.to_json()))
    assert render(Message.from_json(stored), "zh_CN") == "等待 purchased，最多 3 天"
    assert render(duration(1, "hours"), "en") == "1 hour" and render(duration(1.5, "weeks"), "en") == "1.5 weeks"
    assert Message.from_json("waiting until Tue 08:00 (quiet hours)") == "waiting until Tue 08:00 (quiet hours)"
    assert render(Message("no-such-code", {"a": 1}), "zh_CN").startswith("no-such-code")
    set_language("zh")
    assert translate("Wait") == "等待" and str(Message.word("Yes")) == "是"


def _cli(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    environ = {k: v for k, v in os.environ.items() if k not in ("LC_ALL", "LC_MESSAGES", "LANG")}
    environ.update(env or {})
    return subprocess.run([sys.executable, "-m", "designer.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, env=environ, timeout=120, check=False)


@pytest.fixture
def broken_file(tmp_path) -> Path:
    from tests.builders import blueprint, node, workflow

    bp = blueprint(workflow([node("t", "trigger.event"), node("w", "wait.delay", amount=2),
                             node("lost", "wait.event", timeout_amount=None)], [("t", "next", "w")]))
    path = tmp_path / "broken.json"
    path.write_text(bp.model_dump_json(), encoding="utf-8")
    return path


def test_validate_prints_chinese_problems_with_lang_zh(broken_file):
    result = _cli("validate", "--lang", "zh", str(broken_file))
    assert result.returncode == 1, result.stderr
    out = result.stdout
    assert "个错误" in out and "个警告" in out
    assert "“等待事件”无法从任何触发器到达" in out  # unreachable, with the kind's Chinese name
    assert "永远等待：请设置超时" in out  # wait-no-timeout
    assert "的输出“已超时”没有连接" in out  # dangling-output, with the port's Chinese name
    assert "unreachable" in out  # codes stay as they are


def test_the_cli_follows_lang_and_json_keeps_codes(broken_file):
    result = _cli("validate", str(broken_file), "--json", env={"LANG": "zh_CN.UTF-8"})
    data = json.loads(result.stdout)
    problem = next(p for p in data["problems"] if p["code"] == "unreachable")
    assert problem["message_id"]["code"] == "problem.unreachable"
    assert "无法从任何触发器到达" in problem["message"]
    english = _cli("validate", str(broken_file), env={"LANG": "zh_CN.UTF-8", "LC_ALL": "C"})  # LC_ALL=C: English
    assert "cannot be reached from any trigger" in english.stdout
    assert _cli("--lang", "fr", "validate", str(broken_file)).returncode == 2


def test_dry_run_and_trace_speak_chinese(tmp_path):
    sample = ROOT / "resources" / "sample"
    result = _cli("dry-run", str(sample / "demo_blueprint.json"), "--trace", "c00001", "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert "的试运行" in result.stdout and "送达" in result.stdout and "c00001 的路径：" in result.stdout
    db = str(tmp_path / "run.db")
    assert _cli("contacts", "sample", "--count", "50", "--db", db).returncode == 0
    ran = _cli("run", str(sample / "demo_blueprint.json"), "--db", db, "--quiet")
    assert ran.returncode == 0, ran.stderr
    english, chinese = _cli("trace", "c00001", "--db", db), _cli("trace", "c00001", "--db", db, "--lang", "zh")
    assert "times in UTC" in english.stdout, english.stderr
    assert "时间为 UTC" in chinese.stdout and "第 1 次进入" in chinese.stdout, chinese.stdout


def test_plan_speaks_chinese(tmp_path):
    from designer.fileformat import save
    from tests.queue_fixtures import programme

    path = tmp_path / "programme.json"
    save(programme(), path)
    result = _cli("plan", str(path), "--lang", "zh")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("搭建队列：") and "排名依据" in result.stdout and "得分" in result.stdout
    assert "score = (value now" in _cli("plan", str(path)).stdout


def test_syntax_errors_of_conditions_and_templates_read_in_chinese():
    from designer.conditions import check
    from designer.i18n import render
    from designer.templating import check_template

    err = check('events("x" > 3')
    assert render(err.as_message(), "en") == str(err) == "expected ')' at position 14"
    assert render(err.as_message(), "zh_CN") == "缺少“)”（第 14 个字符处）"
    assert render(check_template("Hi {{ name").as_message(), "zh_CN") == "“{{”没有闭合（第 3 个字符处）"
    assert render(check("a = 1").as_message(), "zh_CN").startswith("意外的字符“=”")


def test_every_message_reads_in_chinese_not_copied_english():
    """Each code of the catalogue (validator, CLI errors and output, diff and merge) has Chinese
    words of its own: a translation left as the English text counts as untranslated."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    by_id = {(m.id if isinstance(m.id, str) else m.id[0]): m for m in catalog if m.id and not m.context}
    copied = []
    for code, english in MESSAGES.items():
        source = english if isinstance(english, str) else english[0]
        entry = by_id.get(source)
        assert entry is not None, f"{code} is not in the catalogue: run scripts/translations.sh"
        text = entry.string if isinstance(entry.string, str) else entry.string[0]
        words = re.sub(r"\{[^{}]*\}|'[^']*'|--[\w-]+", "", source)  # placeholders, quoted names, options
        if text == source and re.search(r"[A-Za-z]{3}", words):
            copied.append(code)
    assert not copied, f"left in English: {copied}"


def test_one_english_word_two_chinese_ones_by_context():
    from designer.i18n import C_

    assert translate(C_("build queue", "Value"), "zh_CN") == "价值"  # what a workflow is worth now
    assert translate("Value", "zh_CN") == "值"  # a setting's value
    assert translate(C_("build queue", "Value"), "en") == "Value"


def test_argparse_words_are_still_argparses():
    """The texts translated for argparse are the ones this Python's argparse uses (a reworded
    message in a newer Python would otherwise stay English without anyone noticing)."""
    import argparse
    import inspect

    from designer.cli.argparse_words import ARGPARSE, ARGPARSE_PLURALS

    source = inspect.getsource(argparse)
    missing = [t for t in ARGPARSE if repr(t) not in source and f'"{t}"' not in source]
    missing += [s for s, _ in ARGPARSE_PLURALS if repr(s) not in source]
    assert not missing, missing


def test_command_line_errors_are_message_codes():
    """No command raises a usage error with English text of its own: reasons are message codes
    (say(...)) or another component's message, so that --lang zh reads them in Chinese."""
    import ast

    literal = []
    for path in sorted((ROOT / "designer" / "cli").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("UsageError", "fail", "warn")
                    and node.args and isinstance(node.args[0], (ast.Constant, ast.JoinedStr))):
                literal.append(f"{path.name}:{node.lineno}")
    assert not literal, f"English text in a usage error: {literal}"


def test_the_built_in_sample_reads_in_the_readers_language_and_runs_the_same():
    from designer.examples import example_blueprint
    from designer.validation import validate

    english = example_blueprint()
    set_language("zh")
    chinese = example_blueprint()
    wf_en, wf_zh = english.workflows[0], chinese.workflows[0]
    assert (chinese.name, wf_zh.name) == ("艾可咖啡 · 客户生命周期计划", "欢迎旅程")
    assert [n.title for n in wf_zh.nodes][:3] == ["新用户注册", "欢迎邮件", "等待 2 天"]
    assert "欢迎加入{{brand}}" in wf_zh.nodes[1].settings["subject"]
    for a, b in zip(wf_en.nodes, wf_zh.nodes, strict=True):  # only words change: ids, events, conditions, timing stay
        assert (a.id, a.kind, a.position) == (b.id, b.kind, b.position)
        assert {k: v for k, v in a.settings.items() if k not in ("subject", "body", "text", "label", "reason")} == \
               {k: v for k, v in b.settings.items() if k not in ("subject", "body", "text", "label", "reason")}
    assert wf_en.edges == wf_zh.edges
    assert [p for p in validate(chinese) if p.severity == "error"] == []
    assert len(validate(chinese)) == len(validate(english))
