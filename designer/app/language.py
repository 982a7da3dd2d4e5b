"""The window's language: Qt translators for the window's own words, the core
catalogue (designer.i18n) for the core's (kind labels, summaries, problems).

The window follows, in order: ``--lang``, the choice saved by View > Language
(QSettings), the system locale. Switching re-translates the open window in
place (the document, its undo history and selection stay as they are):
static texts (menus, actions, labels, buttons, headers, tool tips) are
looked up in the catalogue by their current text, and the parts built from
the document (cards, palette, inspector, problems) are rebuilt.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QAction, QFont, QFontDatabase, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDockWidget,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from designer import i18n

I18N_DIR = Path(__file__).resolve().parents[2] / "resources" / "i18n"
SETTINGS_KEY = "language"
_installed: list[QTranslator] = []


def saved_language() -> str | None:
    value = QSettings().value(SETTINGS_KEY)
    return i18n.normalise(str(value)) if value else None


def startup_language(requested: str | None) -> str:
    """``--lang``, else the saved choice, else the system locale."""
    if requested:
        return i18n.normalise(requested)
    return saved_language() or i18n.normalise(QLocale.system().name())


def install(lang: str) -> str:
    """Loads the translators for ``lang`` (replacing any installed) and sets the core's language."""
    app = QCoreApplication.instance()
    lang = i18n.set_language(lang)
    for old in _installed:
        app.removeTranslator(old)
    _installed.clear()
    if lang != "en":
        for folder, name in ((I18N_DIR, f"designer_{lang}"),
                             (QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath), f"qtbase_{lang}")):
            translator = QTranslator(app)
            if translator.load(name, str(folder)):
                app.installTranslator(translator)
                _installed.append(translator)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China) if lang == "zh_CN"
                       else QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    _use_font_for(lang)
    return lang


# Sans-serif fonts for Simplified Chinese, best first (Linux, Windows, macOS).
CJK_FAMILIES = ("Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC")
_latin_families: list[str] | None = None


def _use_font_for(lang: str) -> None:
    """In Chinese, a CJK font first: widgets take their height from the first font, and Chinese
    glyphs drawn from a fallback font are taller than a Latin font's lines (clipped in spin boxes)."""
    global _latin_families
    app = QCoreApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    font = QFont(app.font())
    if _latin_families is None:
        _latin_families = [f for f in font.families() if f not in CJK_FAMILIES] or [font.family()]
    families = list(_latin_families)
    if lang == "zh_CN":
        installed = set(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))
        families = [f for f in CJK_FAMILIES if f in installed][:1] + families
    if font.families() != families:
        font.setFamilies(families)
        app.setFont(font)
        if isinstance(app, QApplication) and app.topLevelWidgets() and app.styleSheet():
            app.setStyleSheet(app.styleSheet())  # open windows: size hints (spin boxes) follow the new font


@cache
def _catalogue() -> tuple[dict[str, list[str]], dict[str, dict[str, str]]]:
    """From the shipped .ts files: each English source's contexts, and per language
    translated text -> source (to re-translate texts in place)."""
    contexts: dict[str, list[str]] = {}
    sources: dict[str, dict[str, str]] = {}
    for path in sorted(I18N_DIR.glob("designer_*.ts")):
        lang = path.stem.removeprefix("designer_")
        back = sources.setdefault(lang, {})
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                source, translation = message.findtext("source"), message.findtext("translation")
                if source:
                    contexts.setdefault(source, []).append(name)
                    if translation:
                        back.setdefault(translation, source)
    return contexts, sources


def _retext(text: str, before: str) -> str:
    """``text`` (shown in language ``before``) in the current language; unchanged if not a known word."""
    if not text:
        return text
    contexts, sources = _catalogue()
    source = text if before == "en" else sources.get(before, {}).get(text)
    if source is None or source not in contexts:
        return text
    for context in contexts[source]:
        if (new := QCoreApplication.translate(context, source)) != source:
            return new
    return source


def retranslate(root: QWidget, before: str) -> None:
    """Re-translates the static texts of ``root`` and everything in it."""
    widgets = [root, *root.findChildren(QWidget)]
    for action in {a for w in widgets for a in QWidget.actions(w)} | set(root.findChildren(QAction)):
        for get, put in ((action.text, action.setText), (action.toolTip, action.setToolTip),
                         (action.statusTip, action.setStatusTip), (action.iconText, action.setIconText)):
            _swap(get, put, before)
    for w in widgets:
        _swap(w.toolTip, w.setToolTip, before)
        _swap(w.windowTitle, w.setWindowTitle, before)
        if isinstance(w, QMenu):
            _swap(w.title, w.setTitle, before)
        elif isinstance(w, (QLabel, QAbstractButton)):
            _swap(w.text, w.setText, before)
        elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
            _swap(w.placeholderText, w.setPlaceholderText, before)
        elif isinstance(w, QAbstractSpinBox) and isinstance(w, (QSpinBox, QDoubleSpinBox)):
            _swap(w.specialValueText, w.setSpecialValueText, before)
        elif isinstance(w, QGroupBox):
            _swap(w.title, w.setTitle, before)
        elif isinstance(w, QTabBar) and not _holds_names(w):
            for i in range(w.count()):
                _swap(lambda i=i, w=w: w.tabText(i), lambda t, i=i, w=w: w.setTabText(i, t), before)
        elif isinstance(w, QComboBox):
            for i in range(w.count()):
                _swap(lambda i=i, w=w: w.itemText(i), lambda t, i=i, w=w: w.setItemText(i, t), before)
        elif isinstance(w, QTreeWidget) and w.headerItem() is not None:
            item = w.headerItem()
            for c in range(item.columnCount()):
                _swap(lambda c=c, h=item: h.text(c), lambda t, c=c, h=item: h.setText(c, t), before)
        elif isinstance(w, QTableWidget):
            for c in range(w.columnCount()):
                if (item := w.horizontalHeaderItem(c)) is not None:
                    _swap(item.text, item.setText, before)
        if isinstance(w, QDockWidget):
            _swap(w.windowTitle, w.setWindowTitle, before)


def _holds_names(widget: QWidget) -> bool:
    """The workflow tabs show the user's names: never looked up as words."""
    parent = widget.parentWidget()
    return parent is not None and parent.objectName() == "WorkflowTabs"


def _swap(get, put, before: str) -> None:
    text = get()
    new = _retext(text, before)
    if new != text:
        put(new)
