"""The template gallery: File > New from Template.

Cards (a picture drawn from the template, name, stages, goal, channels) that
filter by stage, channel and language; the chosen template's preview, KPIs and
a form for its parameters; then Create puts the workflow into this blueprint
(one undoable step) or a new one. The built-in library and the user's own
templates (Save as Template) are shown together.
"""

from __future__ import annotations

from pathlib import Path

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from designer.blueprint import Workflow
from designer.nodes import CHANNELS
from designer.templates.library import STAGE_NAMES, Entry, TemplateError, describe, instantiate, language, load_library
from designer.templates.params import ParameterError

from ..style import MUTED
from .params_form import ParameterForm
from .thumbnails import template_picture

CARD = QSize(300, 236)
THUMB = QSize(280, 120)
PREVIEW = QSize(460, 210)
LANGS = (("en", "English"), ("zh", "简体中文"))


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class TemplateCard(QWidget):
    def __init__(self, entry: Entry, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)  # the list selects
        t = entry.template
        said = describe(t, lang)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 8)
        layout.setSpacing(3)
        self.entry, self.lang = entry, lang
        self.picture = QLabel(self)
        self.picture.setFixedSize(THUMB)
        self.picture.setStyleSheet("background:#f4f5f9;border-radius:4px")
        layout.addWidget(self.picture)
        mine = f" <span style='color:{MUTED}'>({tr('mine')})</span>" if entry.user else ""
        name = QLabel(f"<b>{said['name']}</b>{mine}", self)
        name.setWordWrap(True)
        layout.addWidget(name)
        stages = " → ".join(STAGE_NAMES[lang].get(s, s) for s in t.stages()) or tr("any stage")
        meta = QLabel(f"<span style='color:{MUTED}'>{stages} · {' · '.join(t.channels())}</span>", self)
        meta.setWordWrap(True)
        layout.addWidget(meta)
        goal = QLabel(said["goal"], self)
        goal.setWordWrap(True)
        layout.addWidget(goal)
        layout.addStretch(1)


    def draw_picture(self) -> None:
        self.picture.setPixmap(template_picture(self.entry.template, self.lang, THUMB))


class TemplateGallery(QDialog):
    """Choose a template and its parameters; after accept, :attr:`workflow` holds the result."""

    def __init__(self, parent: QWidget | None = None, user_dir: Path | None = None,
                 taken_ids: tuple[str, ...] = (), lang: str | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("templateGallery")
        self.setWindowTitle(tr("New from Template"))
        self.taken_ids = set(taken_ids)
        self.library = load_library(user_dir)
        self.channels = {e.template.id: e.template.channels() for e in self.library.entries}
        self.workflow: Workflow | None = None
        self._build(language(lang or QLocale.system().name()))
        self.refresh()
        self.resize(1500, 860)

    # --- building ---------------------------------------------------------------------------------
    def _build(self, lang: str) -> None:
        filters = QHBoxLayout()
        self.stage = QComboBox(self, objectName="stageFilter")
        self.stage.addItem(tr("All stages"), "")
        for s, label in STAGE_NAMES["en"].items():
            self.stage.addItem(label, s)
        self.channel = QComboBox(self, objectName="channelFilter")
        self.channel.addItem(tr("All channels"), "")
        for c in CHANNELS:
            self.channel.addItem(c, c)
        self.lang = QComboBox(self, objectName="languageFilter")
        for code, label in LANGS:
            self.lang.addItem(label, code)
        self.lang.setCurrentIndex(1 if lang == "zh" else 0)
        for label, combo in ((tr("Stage"), self.stage), (tr("Channel"), self.channel), (tr("Language"), self.lang)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(combo)
            combo.currentIndexChanged.connect(self.refresh)
        filters.addStretch(1)
        self.count = QLabel(self)
        filters.addWidget(self.count)

        self.cards = QListWidget(self, objectName="templateCards")
        self.cards.setViewMode(QListWidget.ViewMode.IconMode)
        self.cards.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.cards.setMovement(QListWidget.Movement.Static)
        self.cards.setGridSize(CARD + QSize(8, 8))
        self.cards.setSpacing(4)
        self.cards.setStyleSheet("QListWidget::item{border:1px solid #dfe3ea;border-radius:8px;background:white}"
                                 "QListWidget::item:selected{border:2px solid #3d6fd9;background:#eef3fd}")
        self.cards.currentItemChanged.connect(lambda *_: self._show_chosen())
        self.cards.itemDoubleClicked.connect(lambda *_: self.create())

        side = QWidget(self)
        right = QVBoxLayout(side)
        self.preview = QLabel(side, objectName="templatePreview")
        self.preview.setFixedSize(PREVIEW)
        self.title = QLabel(side)
        self.title.setWordWrap(True)
        self.about = QLabel(side)
        self.about.setWordWrap(True)
        self.form = ParameterForm(side)
        self.form.changed.connect(self._check)
        scroll = QScrollArea(side)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.into_current = QRadioButton(tr("Add to this blueprint"), side, objectName="intoCurrent")
        self.into_new = QRadioButton(tr("Open in a new blueprint"), side, objectName="intoNew")
        self.into_current.setChecked(True)
        self.error = QLabel(side, objectName="parameterError")
        self.error.setStyleSheet("color:#b3261e")
        self.error.setWordWrap(True)
        for w in (self.preview, self.title, self.about):
            right.addWidget(w)
        right.addWidget(QLabel(f"<b>{tr('Parameters')}</b>", side))
        right.addWidget(scroll, 1)
        right.addWidget(self.into_current)
        right.addWidget(self.into_new)
        right.addWidget(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, side)
        self.create_button = self.buttons.addButton(tr("Create"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button.setObjectName("createFromTemplate")
        self.buttons.accepted.connect(self.create)
        self.buttons.rejected.connect(self.reject)
        right.addWidget(self.buttons)

        split = QSplitter(self)
        split.addWidget(self.cards)
        split.addWidget(side)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        split.setSizes([3 * (CARD.width() + 12) + 24, PREVIEW.width() + 40])
        layout = QVBoxLayout(self)
        layout.addLayout(filters)
        layout.addWidget(split, 1)

    # --- following the filters and the choice -------------------------------------------------------
    def language(self) -> str:
        return self.lang.currentData()

    def refresh(self) -> None:
        chosen = self.chosen()
        lang = self.language()
        entries = self.library.find(self.stage.currentData() or None, None, lang)
        if self.channel.currentData():
            entries = [e for e in entries if self.channel.currentData() in self.channels[e.template.id]]
        self.cards.clear()
        self._undrawn = []
        for entry in entries:
            item = QListWidgetItem(self.cards)
            item.setSizeHint(CARD)
            item.setData(Qt.ItemDataRole.UserRole, entry.template.id)
            card = TemplateCard(entry, lang, self.cards)
            self.cards.setItemWidget(item, card)
            self._undrawn.append(card)
        QTimer.singleShot(0, self._draw_next)  # one picture per turn of the event loop: the dialog stays live
        self.count.setText(tr("%d templates") % len(entries))
        ids = [self.cards.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.cards.count())]
        if ids:
            self.select(chosen.template.id if chosen and chosen.template.id in ids else ids[0])
        self._show_chosen()

    def _draw_next(self) -> None:
        while self._undrawn:
            card = self._undrawn.pop(0)
            if shiboken6.isValid(card):  # a filter change may have replaced it
                card.draw_picture()
                QTimer.singleShot(0, self._draw_next)
                return

    def draw_all(self) -> None:
        """Draw the pictures still waiting, now (screenshots, tests)."""
        while self._undrawn:
            self._draw_next()

    def select(self, template_id: str) -> None:
        for i in range(self.cards.count()):
            if self.cards.item(i).data(Qt.ItemDataRole.UserRole) == template_id:
                self.cards.setCurrentRow(i)

    def chosen(self) -> Entry | None:
        item = self.cards.currentItem() if hasattr(self, "cards") else None
        return self.library.get(item.data(Qt.ItemDataRole.UserRole)) if item is not None else None

    def _show_chosen(self) -> None:
        entry, lang = self.chosen(), self.language()
        self.create_button.setEnabled(entry is not None)
        self.form.set_template(entry.template if entry else None, lang)
        if entry is None:
            self.preview.clear()
            self.title.setText(tr("No template matches these filters."))
            self.about.clear()
            return
        said = describe(entry.template, lang)
        self.preview.setPixmap(template_picture(entry.template, lang, PREVIEW))
        self.title.setText(f"<h3>{said['name']}</h3>")
        kpis = "".join(f"<li>{k}</li>" for k in said["kpis"])
        self.about.setText(f"<p>{said['description']}</p><p><b>{tr('Goal')}:</b> {said['goal']}</p>"
                           f"<p><b>{tr('KPIs')}:</b></p><ul>{kpis}</ul>")
        self._check()

    def _check(self) -> Workflow | None:
        entry = self.chosen()
        if entry is None:
            return None
        try:
            workflow = instantiate(entry.template, self.language(), self.form.values(), self._free_id(entry))
        except (ParameterError, TemplateError) as err:
            self.error.setText(str(err))
            self.create_button.setEnabled(False)
            return None
        self.error.clear()
        self.create_button.setEnabled(True)
        return workflow

    def _free_id(self, entry: Entry) -> str:
        base = entry.template.id.replace("-", "_")
        n, candidate = 2, base
        while candidate in self.taken_ids:
            candidate, n = f"{base}_{n}", n + 1
        return candidate

    def create(self) -> None:
        workflow = self._check()
        if workflow is not None:
            self.workflow = workflow
            self.accept()
