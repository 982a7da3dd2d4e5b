"""The palette: every kind grouped by family, filtering, drag payload and activation."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from designer.app.panels.palette import MIME_KIND, PaletteWidget
from designer.nodes import Family, all_kinds


@pytest.fixture
def palette(qtbot):
    widget = PaletteWidget()
    qtbot.addWidget(widget)
    widget.resize(260, 700)
    widget.show()
    return widget


def test_every_kind_is_listed_under_its_family(palette):
    assert palette.visible_kinds() == [k.kind for k in all_kinds()]
    for kind in all_kinds():
        item = palette.item_for(kind.kind)
        assert item.parent().data(0, Qt.ItemDataRole.UserRole + 2) == kind.family.value
        assert item.toolTip(0) == kind.description


def test_filter_matches_label_id_and_description_case_insensitively(palette):
    palette.set_filter("EMAIL")
    assert "send.email" in palette.visible_kinds()
    assert "wait.delay" not in palette.visible_kinds()
    assert Family.WAIT not in palette.visible_families()  # groups without a match are hidden

    palette.set_filter("branch.random")  # kind id
    assert palette.visible_kinds() == ["branch.random"]
    assert palette.visible_families() == [Family.BRANCH]

    palette.set_filter("birthday")  # description only
    assert palette.visible_kinds() == ["trigger.schedule"]

    palette.set_filter("")
    assert len(palette.visible_kinds()) == len(all_kinds())
    assert palette.visible_families() == [f for f in Family if any(k.family == f for k in all_kinds())]


def test_no_match_shows_an_empty_state(palette):
    palette.set_filter("zzz-no-such-step")
    assert palette.visible_kinds() == []
    assert palette.empty.isVisible() and not palette.tree.isVisible()
    assert "zzz-no-such-step" in palette.empty.text()


def test_drag_payload_is_the_kind_id(palette):
    mime = palette.mime_data("send.sms")
    assert mime.hasFormat(MIME_KIND)
    assert bytes(mime.data(MIME_KIND)).decode("utf-8") == "send.sms"
    # the list builds the same payload when Qt starts a drag from an item
    tree_mime = palette.tree.mimeData([palette.item_for("wait.event")])
    assert bytes(tree_mime.data(MIME_KIND)).decode("utf-8") == "wait.event"
    assert palette.tree.mimeTypes() == [MIME_KIND]
    header = palette.item_for("wait.event").parent()
    assert not palette.tree.mimeData([header]).hasFormat(MIME_KIND)  # family headers are not dragged
    assert palette.item_for("goal").flags() & Qt.ItemFlag.ItemIsDragEnabled


def test_double_click_and_enter_activate_a_kind(palette, qtbot):
    item = palette.item_for("wait.delay")
    palette.tree.scrollToItem(item)
    rect = palette.tree.visualItemRect(item)
    viewport = palette.tree.viewport()
    with qtbot.waitSignal(palette.kindActivated) as blocker:
        # QTest's double-click sends only the second click: send the first one as a user would
        qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=rect.center())
    assert blocker.args == ["wait.delay"]

    palette.tree.setCurrentItem(palette.item_for("goal"))
    palette.tree.setFocus()
    with qtbot.waitSignal(palette.kindActivated) as blocker:
        qtbot.keyClick(palette.tree, Qt.Key.Key_Return)
    assert blocker.args == ["goal"]


def test_enter_in_the_filter_takes_the_first_match(palette, qtbot):
    qtbot.keyClicks(palette.filter, "webhook")
    with qtbot.waitSignal(palette.kindActivated) as blocker:
        qtbot.keyClick(palette.filter, Qt.Key.Key_Return)
    assert blocker.args == ["send.webhook"]


def test_every_kind_has_an_icon_and_a_missing_one_falls_back(qapp):
    from designer.canvas.icons import has_icon, kind_icon, kind_pixmap

    for kind in all_kinds():
        assert has_icon(kind.icon), f"resources/icons/{kind.icon}.svg is missing"
    red = kind_pixmap("email", 24, "#ff0000").toImage()
    inked = [red.pixelColor(x, y) for x in range(red.width()) for y in range(red.height())
             if red.pixelColor(x, y).alpha() > 200]
    assert inked and all(c.red() > 200 and c.green() < 60 for c in inked)  # recoloured, not black
    assert kind_pixmap("email", 24, "#ff0000") is kind_pixmap("email", 24, "#ff0000")  # cached
    for broken in ("no_such_icon", "", "../../etc/passwd"):
        assert not kind_pixmap(broken, 16, "#333333").isNull()  # a neutral circle, never a crash
        assert not kind_icon(broken).isNull()
