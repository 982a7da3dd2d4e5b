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
                            [("t", "next", "w")], name="Overview"))  # a name that is also a word of the window
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
    assert window.tabs.bar.tabText(0) == "Overview"  # the user's names are not translated

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


def test_chinese_words_fit_where_they_are_shown(make_window):
    """The longest Chinese kind names, family titles and port names fit the palette and the
    cards unshortened; the inspector wraps the longest field labels instead of clipping them."""
    from PySide6.QtGui import QFontMetricsF

    from designer.canvas import theme
    from designer.canvas.node_item import PAD
    from designer.nodes import FAMILY_LOOK, all_kinds

    window = make_window()
    switch_language("zh_CN")
    tree = window.panels.palette.tree
    room = tree.viewport().width() - 30 - 18 - 12 - 6  # the delegate's tile, gaps and margins
    metrics = QFontMetricsF(tree.font())
    labels = [i18n.translate(k.label) for k in all_kinds()] + [i18n.translate(f.title) for f in FAMILY_LOOK.values()]
    widest = max(labels, key=metrics.horizontalAdvance)
    assert metrics.horizontalAdvance(widest) * 1.15 < room, widest  # DemiBold: a little wider

    card = window.scenes.get(window.current_workflow_id()).nodes
    item = next(iter(card.values()))
    text_w = theme.NODE_WIDTH - item.text_left - PAD - 18  # with a problem badge
    title = theme.metrics(*theme.TITLE_FONT)
    widest = max((i18n.translate(k.label) for k in all_kinds()), key=title.horizontalAdvance)
    assert title.horizontalAdvance(widest) <= text_w, widest
    port = theme.metrics(*theme.PORT_FONT)
    for kind in all_kinds():
        for p in kind.ports(kind.parse({})):
            assert port.horizontalAdvance(p.label) <= theme.NODE_WIDTH / 2, p.label
    for label in window.panels.inspector.findChildren(language.QLabel):
        if label.isVisible() and label.text() and not label.wordWrap():
            assert label.sizeHint().width() <= window.panels.inspector.width(), label.text()


def test_chinese_puts_a_cjk_font_first_and_english_restores_it(make_window):
    from PySide6.QtGui import QFontDatabase, QFontMetrics
    from PySide6.QtWidgets import QApplication, QSpinBox

    installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
    if not installed & set(language.CJK_FAMILIES):
        pytest.skip("no CJK font installed (install.sh installs fonts-noto-cjk)")
    window = make_window()
    before = QApplication.font().families()
    switch_language("zh_CN")
    assert QApplication.font().families()[0] in language.CJK_FAMILIES
    for box in (QSpinBox(specialValueText="蓝图自带"), window.run.panel.days):  # a new one, and one already open
        assert box.sizeHint().height() >= QFontMetrics(QApplication.font()).height() + 4, box  # room for the glyphs
    assert window.run.panel.days.specialValueText() == "蓝图自带"
    switch_language("en")
    assert QApplication.font().families() == before


def test_dashboard_in_chinese_shows_whole_or_cut_step_names_and_chinese_headers(qtbot, tmp_path):
    """Funnel labels are cut by display width (a CJK character takes two columns) with the whole
    name as the bar's tooltip, instead of Qt cutting every label to '...'; the metrics table and
    the CSV headers read in Chinese; the figures stay the same codes."""
    from PySide6.QtCharts import QBarCategoryAxis

    from designer.app.run.dashboard import LABEL_COLUMNS, Dashboard
    from designer.examples import example_blueprint
    from designer.i18n import text_width
    from designer.runtime.dryrun.forecast import run_forecast

    language.install("zh_CN")
    bp = example_blueprint()
    long_name = "新用户首单专享优惠券提醒邮件（第二封）"
    bp.workflows[0].node("n2").title = long_name
    bp.workflows[0].node("n7").title = "Wait for first purchase"  # a step named in English in a Chinese window
    dash = Dashboard()
    qtbot.addWidget(dash)
    dash.show_report(run_forecast(bp, "sample", days=10))
    chart = dash.boxes["funnel"].view.chart()
    (axis,) = [a for a in chart.axes() if isinstance(a, QBarCategoryAxis)]
    labels = axis.categories()
    assert not axis.truncateLabels() and "达成转化目标" in labels
    cut = [label for label in labels if label.endswith("…")]
    assert "新用户首单专享优惠券…" in cut and "Wait for first purcha…" in cut  # the same room in both scripts
    assert long_name not in labels and all(text_width(label) <= LABEL_COLUMNS for label in labels)
    assert dash.table.horizontalHeaderItem(3).text() == "数值" and dash.table.item(0, 0).text() == "全局"
    assert dash.table.item(0, 2).text() == "进入旅程" and dash.metrics_rows()[0][2] == "enrolled"
    series = dash.boxes["channels"].view.chart().series()
    assert {s.name() for s in series} >= {"邮件", "短信"}  # channels by their names, not their ids
    dash.boxes["funnel"].save_csv(tmp_path / "funnel.csv")
    assert (tmp_path / "funnel.csv").read_text(encoding="utf-8").splitlines()[0] == "步骤,联系人"
