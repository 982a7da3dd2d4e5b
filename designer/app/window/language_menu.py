"""View > Language: English or 简体中文, switched in place for every open window.

The choice is saved (QSettings) and used at the next start. Each language is
listed in its own name, so it can be found whatever the window speaks.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QAction, QActionGroup

from designer import i18n

from .. import language
from ..run.panel import speed_of, speed_text

if TYPE_CHECKING:
    from .main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def install_menu(w: MainWindow, view_menu) -> None:
    menu = view_menu.addMenu(tr("&Language"))
    group = QActionGroup(menu)
    w.language_actions = {}
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, menu, checkable=True)
        action.setChecked(code == i18n.language())
        action.triggered.connect(lambda _checked=False, c=code: switch_language(c))
        group.addAction(action)
        menu.addAction(action)
        w.language_actions[code] = action


def switch_language(lang: str) -> None:
    """Switches every open window to ``lang`` and saves the choice."""
    from .main_window import open_windows

    before = i18n.language()
    lang = language.install(lang)
    QSettings().setValue(language.SETTINGS_KEY, lang)
    if lang == before:
        return
    for w in open_windows():
        retranslate_window(w, before)


def retranslate_window(w: MainWindow, before: str) -> None:
    """The window's words in the current language; the document and the selection stay."""
    language.retranslate(w, before)
    for code, action in getattr(w, "language_actions", {}).items():
        action.setChecked(code == i18n.language())
    for scene in w.scenes.existing():  # cards: kind labels, summaries, port names, problem badges
        for item in scene.nodes.values():
            node = w.document.blueprint.workflow(scene.workflow_id).node(item.node_id)
            if node is not None:
                item.update_from(node)
        scene.update()
    palette = getattr(w.panels, "palette", None)
    if palette is not None and hasattr(palette, "_populate"):
        palette._populate()
        palette.apply_filter(palette.filter.text())
    w.validation.problemsChanged.emit(w.validation.problems)  # rendered when shown: every reader shows them again
    w.pages.set_document(w.document)  # the build queue and the overview rebuild their texts
    panel = getattr(getattr(w, "run", None), "panel", None)
    if panel is not None and hasattr(panel, "_speed_moved"):
        panel.speed_label.setText(speed_text(speed_of(panel.speed.value())))
    inspector = getattr(w.panels, "inspector", None)
    if inspector is not None and hasattr(inspector, "rebuild_pages"):
        inspector.rebuild_pages()
    w.panels.refresh_inspector()
    w._refresh_recent()
    w._refresh_stage_strip()
    w.tabs.rebuild()
    w._update_title()
