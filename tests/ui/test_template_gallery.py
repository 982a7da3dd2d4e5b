"""The template gallery, Save as Template and Export Runbook, driven through the real window."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QLineEdit, QSpinBox

from designer.app.templates import commands
from designer.app.templates.gallery import TemplateGallery
from designer.app.templates.save_dialog import SaveTemplateDialog
from designer.fileformat import save


@pytest.fixture(autouse=True)
def user_dir(monkeypatch, tmp_path):
    folder = tmp_path / "my-templates"
    monkeypatch.setattr(commands, "user_template_dir", lambda: folder)
    return folder


def open_gallery(window, qtbot) -> TemplateGallery:
    window.actions.new_from_template.trigger()
    gallery = window.findChild(TemplateGallery)
    qtbot.waitExposed(gallery)
    return gallery


def click_card(gallery: TemplateGallery, template_id: str) -> None:
    cards = gallery.cards
    item = next(cards.item(i) for i in range(cards.count())
                if cards.item(i).data(Qt.ItemDataRole.UserRole) == template_id)
    cards.scrollToItem(item)
    QTest.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton, pos=cards.visualItemRect(item).center())


def test_new_from_template_with_an_edited_parameter(window, qtbot):
    before = [w.id for w in window.document.blueprint.workflows]
    gallery = open_gallery(window, qtbot)
    assert gallery.cards.count() == 16
    gallery.stage.setCurrentIndex(gallery.stage.findData("customer"))  # filter: journeys from or to customers
    assert 0 < gallery.cards.count() < 16
    click_card(gallery, "win-back")
    assert "win" in gallery.title.text().lower()

    coupon = gallery.findChild(QSpinBox, "param_coupon_value")
    coupon.selectAll()
    QTest.keyClicks(coupon, "35")
    channel = gallery.findChild(QComboBox, "param_reminder_channel")
    channel.setCurrentText("wechat")
    qtbot.mouseClick(gallery.create_button, Qt.MouseButton.LeftButton)

    workflows = window.document.blueprint.workflows
    assert [w.id for w in workflows] == before + ["win_back"]
    wf = workflows[-1]
    assert "35" in wf.node("coupon").settings["subject"] and wf.node("remind").kind == "send.wechat"
    assert wf.queue.category == "new" and window.tabs.current_id() == "win_back"
    window.stack.undo()  # one undoable step
    assert [w.id for w in window.document.blueprint.workflows] == before


def test_bad_parameter_is_named_and_create_is_disabled(window, qtbot):
    gallery = open_gallery(window, qtbot)
    click_card(gallery, "welcome")
    event = gallery.findChild(QLineEdit, "param_signup_event")
    event.setText("signed up!")
    assert not gallery.create_button.isEnabled()
    assert "signup_event" in gallery.error.text() and "event name" in gallery.error.text()
    event.setText("registered")
    assert gallery.create_button.isEnabled() and gallery.error.text() == ""


def test_language_filter_shows_chinese_and_creates_in_chinese(window, qtbot):
    gallery = open_gallery(window, qtbot)
    gallery.lang.setCurrentIndex(gallery.lang.findData("zh"))
    gallery.channel.setCurrentIndex(gallery.channel.findData("sales_task"))
    click_card(gallery, "trade-show")
    assert "展会三阶段旅程" in gallery.title.text()
    gallery.into_new.setChecked(True)
    qtbot.mouseClick(gallery.create_button, Qt.MouseButton.LeftButton)
    from designer.app.window.main_window import _windows

    other = next(w for w in _windows if w is not window and w.document.blueprint.workflows[0].id == "trade_show")
    assert other.document.blueprint.workflows[0].name == "展会三阶段旅程"
    other.files._dirty_outside_stack = False
    other.stack.setClean()
    other.close()


def test_save_as_template_then_the_gallery_shows_it(window, qtbot, user_dir):
    window.actions.save_as_template.trigger()
    dialog = window.findChild(SaveTemplateDialog)
    dialog.name.setText("Our welcome")
    dialog.choose("n3", "amount", "wait_days")
    dialog.choose("n1", "event", "signup_event")
    dialog.save()
    assert dialog.path == user_dir / "our-welcome.json" and dialog.path.is_file()
    gallery = open_gallery(window, qtbot)
    click_card(gallery, "our-welcome")
    assert gallery.findChild(QDoubleSpinBox, "param_wait_days").value() == 2
    gallery.findChild(QDoubleSpinBox, "param_wait_days").setValue(4)
    qtbot.mouseClick(gallery.create_button, Qt.MouseButton.LeftButton)
    wf = window.document.blueprint.workflows[-1]
    assert wf.id == "our_welcome" and wf.node("n3").settings["amount"] == 4


def test_export_runbook_writes_a_pdf(window, tmp_path):
    path = tmp_path / "programme.json"
    save(window.document.blueprint, path)
    out = commands.export_runbook(window, str(tmp_path / "welcome.pdf"), "en")
    assert out and (tmp_path / "welcome.pdf").read_bytes().startswith(b"%PDF")
    md = commands.export_runbook(window, str(tmp_path / "welcome.md"), "zh")
    assert "旅程执行手册" in (tmp_path / "welcome.md").read_text(encoding="utf-8") and md
