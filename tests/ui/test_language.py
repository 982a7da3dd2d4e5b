"""View > Language: the window switches to Simplified Chinese in place and back,
the open document, its undo history and the selection untouched."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from designer import i18n
from designer.app import language
from designer.app.window.language_menu import switch_language
from tests.builders import blueprint, node, workflow


@pytest.fixture(autouse=True)
def english_after():
    yield
    language.install("en")


def _menu_titles(window) -> list[str]:
    return [a.text() for a in window.menuBar().actions()]


def _palette_labels(window) -> list[str]:
    tree = window.panels.palette.tree
    root = tree.invisibleRootItem()
    return [root.child(i).child(j).text(0) for i in range(root.childCount()) for j in range(root.child(i).childCount())]


def test_switch_to_chinese_and_back(make_window):
    bp = blueprint(workflow([node("t", "trigger.event"), node("w", "wait.delay", amount=3, unit="days")],
                            [("t", "next", "w")]))
    window = make_window(bp)
    window.validation.run_now()
    window._problems_changed(window.validation.problems)
    assert "&File" in _menu_titles(window) and "Wait" in _palette_labels(window)
    problems = window.panels.problems
    english = [p.message for p in problems.problems()]
    assert any("leads nowhere" in m for m in english)
    undo_before = window.stack.count()

    window.language_actions["zh_CN"].trigger()

    assert i18n.language() == "zh_CN" and QSettings().value("language") == "zh_CN"
    assert "文件(&F)" in _menu_titles(window) and "视图(&V)" in _menu_titles(window)
    assert {"等待", "事件触发", "条件分支"} <= set(_palette_labels(window))
    assert window.panels.palette_dock.windowTitle() == "步骤"
    shown = problems.tree.topLevelItem(0).text(0)
    assert "没有连接" in shown, shown  # a problem's text, rendered again in Chinese
    card = window.scenes.get(window.current_workflow_id()).nodes["w"]
    assert card.look.summary == "等待 3 天"
    assert window.language_actions["zh_CN"].isChecked()
    assert window.stack.count() == undo_before  # nothing was edited

    switch_language("en")
    assert "&File" in _menu_titles(window) and "Wait" in _palette_labels(window)
    assert "leads nowhere" in problems.tree.topLevelItem(0).text(0)
    assert card.look.summary == "Wait 3 days"


def test_the_window_starts_in_the_saved_or_system_language(monkeypatch):
    QSettings().setValue("language", "zh_CN")
    assert language.startup_language(None) == "zh_CN"
    assert language.startup_language("en") == "en"  # --lang wins
    QSettings().remove("language")
    monkeypatch.setattr(language.QLocale, "system", staticmethod(lambda: language.QLocale("zh_CN")))
    assert language.startup_language(None) == "zh_CN"
