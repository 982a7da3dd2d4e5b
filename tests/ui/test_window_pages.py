"""The Build queue and the Blueprint overview in the real window: menus, double-click
to the canvas, following the open file, undo from the Edit menu, export, dry-run figures."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox

from designer.app.build_queue.model import WORKFLOW_ROLE, Column
from designer.fileformat import save
from designer.runtime.dryrun.forecast import run_forecast, weekly_entries
from designer.runtime.dryrun.forecast_store import save_forecast

from ..queue_fixtures import EXPECTED_ORDER, programme


def menu(window, title: str):
    return next(a.menu() for a in window.menuBar().actions() if a.text().replace("&", "") == title)


def shown(queue) -> list[str]:
    return [queue.proxy.index(row, 0).data(WORKFLOW_ROLE) for row in range(queue.proxy.rowCount())]


def cell(queue, wf_id: str, column: Column):
    return queue.proxy.index(shown(queue).index(wf_id), column)


@pytest.fixture
def programme_file(tmp_path):
    path = tmp_path / "programme.json"
    save(programme(), path)
    return path


def open_file(window, path, monkeypatch) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), "")))
    window.actions.open.trigger()


def test_view_menu_shows_the_queue_and_the_overview(make_window):
    window = make_window(programme())
    pages, view_menu = window.pages, menu(window, "View")
    a = window.actions
    assert {a.show_canvas, a.show_queue, a.show_overview} <= set(view_menu.actions())
    assert a.show_queue.shortcut().toString() == "Ctrl+Shift+B"
    assert a.show_overview.shortcut().toString() == "Ctrl+Shift+O"
    assert pages.current() == "canvas" and window.view.isVisible() and not pages.queue.isVisible()

    a.show_queue.trigger()
    assert pages.current() == "queue" and pages.queue.isVisible() and not window.view.isVisible()
    assert a.show_queue.isChecked() and not a.zoom_in.isEnabled()
    assert not window.panels.palette_dock.isVisible()  # the canvas's panels step aside
    assert shown(pages.queue) == EXPECTED_ORDER
    assert pages.queue.selected_workflow() == window.current_workflow_id()  # where you were

    a.show_overview.trigger()
    assert pages.current() == "overview" and pages.overview.isVisible() and not pages.queue.isVisible()
    assert set(pages.overview.placement()) == set(EXPECTED_ORDER)

    a.show_overview.trigger()  # its key again: back to the canvas, with the panels
    assert pages.current() == "canvas" and window.view.isVisible() and a.zoom_in.isEnabled()
    assert window.panels.palette_dock.isVisible() and window.panels.inspector_dock.isVisible()


def test_double_click_in_the_queue_opens_the_workflow_on_the_canvas(make_window):
    window = make_window(programme())
    window.actions.show_queue.trigger()
    table = window.pages.queue.table
    rect = table.visualRect(cell(window.pages.queue, "nurture", Column.NAME))
    QTest.mousePress(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a user's double click:
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # press, then double-click
    assert window.pages.current() == "canvas"
    assert window.tabs.current_id() == "nurture" and window.view.scene().workflow_id == "nurture"


def test_double_click_in_the_overview_opens_the_workflow_on_the_canvas(make_window):
    window = make_window(programme())
    window.actions.show_overview.trigger()
    overview = window.pages.overview
    point = overview.mapFromScene(overview.card_rect("vip").center())
    QTest.mouseDClick(overview.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert window.pages.current() == "canvas" and window.tabs.current_id() == "vip"


def test_the_pages_follow_open_new_and_revert(window, programme_file, monkeypatch, dialogs):
    queue, overview = window.pages.queue, window.pages.overview
    window.actions.show_queue.trigger()
    assert shown(queue) == ["welcome"]  # the built-in sample

    open_file(window, programme_file, monkeypatch)
    assert shown(queue) == EXPECTED_ORDER and set(overview.placement()) == set(EXPECTED_ORDER)
    assert queue.model.document is window.document
    assert queue.summary.text().startswith("11 in the queue")

    queue.proxy.setData(cell(queue, "tradeshow", Column.EFFORT), 1)
    assert window.document.workflow("tradeshow").queue.effort == 1 and window.actions.revert.isEnabled()
    dialogs.answers["question"] = QMessageBox.StandardButton.Yes
    window.actions.revert.trigger()
    assert window.document.workflow("tradeshow").queue.effort == 5
    assert cell(queue, "tradeshow", Column.EFFORT).data() == "5" and shown(queue) == EXPECTED_ORDER
    assert not window.actions.revert.isEnabled()

    window.actions.new.trigger()
    assert len(shown(queue)) == 1 and len(overview.placement()) == 1


def test_a_queue_edit_is_undone_from_the_edit_menu(make_window):
    window = make_window(programme())
    window.actions.show_queue.trigger()
    queue = window.pages.queue
    index = cell(queue, "tradeshow", Column.EFFORT)
    delegate = queue.table.itemDelegate()
    editor = delegate.createEditor(queue.table.viewport(), None, index)
    delegate.setEditorData(editor, index)
    editor.setValue(1)
    delegate.setModelData(editor, queue.proxy, index)
    assert window.document.workflow("tradeshow").queue.effort == 1 and window.isWindowModified()

    undo = next(a for a in menu(window, "Edit").actions() if a is window.actions.undo)
    assert undo.isEnabled() and undo.text() == "Undo Set effort of “Trade-show journey”"
    undo.trigger()
    assert window.document.workflow("tradeshow").queue.effort == 5 and shown(queue) == EXPECTED_ORDER
    assert not window.isWindowModified()
    window.actions.redo.trigger()
    assert cell(queue, "tradeshow", Column.RANK).data() == "7"


def test_export_the_overview_from_the_file_menu(make_window, tmp_path, monkeypatch):
    window = make_window(programme())
    answers = iter([tmp_path / "programme overview", tmp_path / "overview.svg"])  # no suffix: .png added
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(next(answers)), "")))
    export_menu = next(a.menu() for a in menu(window, "File").actions() if a.menu() and "Export" in a.text())
    assert {window.actions.export_overview_png, window.actions.export_overview_svg} <= set(export_menu.actions())
    window.actions.export_overview_png.trigger()  # from the canvas page: the overview need not be shown
    image = QImage(str(tmp_path / "programme overview.png"))
    assert not image.isNull() and image.width() > image.height() > 300
    window.actions.export_overview_svg.trigger()
    svg = (tmp_path / "overview.svg").read_text(encoding="utf-8")
    assert "Acme Coffee lifecycle programme" in svg and "Second purchase" in svg


def test_the_queue_uses_the_dry_run_beside_the_file(window, tmp_path, monkeypatch):
    bp = programme()
    path = tmp_path / "programme.json"
    save(bp, path)
    report = run_forecast(bp, 300, days=14)
    save_forecast(tmp_path / "programme.db", report, source_file=str(path))
    open_file(window, path, monkeypatch)
    queue = window.pages.queue
    weekly = weekly_entries(report)["subject"]
    subject = queue.model.ranked("subject").sample
    assert subject.weekly_source == "dry-run" and subject.weekly_entries == pytest.approx(weekly)
    assert "dry-run #1" in queue.dry_run.text() and "programme.db" in queue.dry_run.toolTip()

    queue.dry_run.clear()  # "Use the plans' estimates"
    assert queue.model.ranked("subject").sample.weekly_source == "estimate"

    save(bp, tmp_path / "other.json")  # no database beside it: the estimates
    queue.dry_run.load(tmp_path / "programme.db")
    open_file(window, tmp_path / "other.json", monkeypatch)
    assert queue.model.ranked("subject").sample.weekly_source == "estimate"
    assert "plan estimates" in queue.dry_run.text()


def test_the_queue_reads_a_dry_run_from_a_postgresql_database(window, tmp_path, monkeypatch, pg_url):
    bp = programme()
    path = tmp_path / "programme.json"
    save(bp, path)
    report = run_forecast(bp, 300, days=14)
    save_forecast(pg_url, report, source_file=str(path))
    open_file(window, path, monkeypatch)  # no database beside it: the estimates
    queue = window.pages.queue
    assert queue.model.ranked("subject").sample.weekly_source == "estimate"

    url = pg_url.replace("postgres@", "postgres:s3cret@", 1)  # the test server trusts any password
    typed = []

    def type_url():  # in the dialog "Use a PostgreSQL dry-run database…" opens
        dialog = QApplication.activeModalWidget()
        field = dialog.findChild(QLineEdit, "serverUrl")
        field.setText(url)
        field.editingFinished.emit()
        typed.append(field.text())
        dialog.accept()

    QTimer.singleShot(0, type_url)
    assert queue.dry_run.choose_server()
    assert typed and "s3cret" not in typed[0] and "***" in typed[0]  # the password is masked once typed
    subject = queue.model.ranked("subject").sample
    assert subject.weekly_source == "dry-run" and subject.weekly_entries == pytest.approx(weekly_entries(report)["subject"])
    assert "dry-run #1" in queue.dry_run.text()
    assert "s3cret" not in queue.dry_run.toolTip() and "***" in queue.dry_run.toolTip()

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", staticmethod(lambda parent, title, text: warnings.append(text)))
    assert not queue.dry_run.load("postgresql://postgres:s3cret@127.0.0.1:1/nothing")  # no server there
    assert len(warnings) == 1 and "s3cret" not in warnings[0]
    assert queue.model.ranked("subject").sample.weekly_source == "estimate"


def test_screenshot_can_open_on_a_page(make_window, tmp_path):
    from designer.app.launch import parse_args, screenshot

    assert parse_args(["--screenshot", "x.png", "--show", "queue", "f.json"]).show == "queue"
    window = make_window(programme())
    assert screenshot(window, str(tmp_path / "o.png"), "1200x800", "overview") == 0
    assert window.pages.current() == "overview" and QImage(str(tmp_path / "o.png")).width() == 1200
