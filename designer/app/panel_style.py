"""The side panels' light look: colours and the small shared pieces (section headers, captions).

Kept apart from the canvas theme so the panels can be restyled without touching
graphics items; the colours agree with it (same ink, error and warning).
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QLabel, QWidget

INK = "#1f2430"
MUTED = "#6b7285"
FAINT = "#9aa1b2"
BORDER = "#dde1ea"
BORDER_STRONG = "#c5cbd8"
SURFACE = "#ffffff"
SUNKEN = "#f6f7fb"
HOVER = "#f1f3f8"
ACCENT = "#2d6cdf"
ACCENT_SOFT = "#e8effc"
ERROR = "#d64545"
ERROR_SOFT = "#fdeeee"
WARNING = "#c98a0b"  # text-safe amber (the canvas badge colour #e0a11b is too light for text)
WARNING_SOFT = "#fdf5e4"
VALID = "#2f9e6b"

SEVERITY_COLOUR = {"error": ERROR, "warning": "#e0a11b"}


def tint(colour: str, amount: float) -> str:
    """``colour`` mixed towards white by ``amount`` (0 = the colour, 1 = white), as #rrggbb."""
    c = QColor(colour)
    r, g, b = (int(v + (255 - v) * amount) for v in (c.red(), c.green(), c.blue()))
    return QColor(r, g, b).name()


def scaled_font(widget: QWidget, delta: float = 0.0, weight: int | None = None) -> QFont:
    font = QFont(widget.font())
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() + delta)
    if weight is not None:
        font.setWeight(QFont.Weight(weight))
    return font


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A small upper-case section header (SETTINGS, GOAL ...)."""
    label = QLabel(text.upper(), parent)
    label.setObjectName("sectionLabel")
    font = scaled_font(label, -1.0, 600)
    font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
    label.setFont(font)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(MUTED))
    label.setPalette(palette)
    label.setContentsMargins(0, 10, 0, 0)
    return label


def caption(text: str, parent: QWidget | None = None) -> QLabel:
    """Muted help text under a field."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setFont(scaled_font(label, -0.8))
    label.setStyleSheet(f"color: {MUTED};")
    return label


def _icon_url(name: str) -> str:
    from designer.canvas.icons import ICON_DIR

    return (ICON_DIR / f"{name}.svg").as_posix()


_UP, _DOWN = _icon_url("ui_arrow_up"), _icon_url("ui_arrow_down")

LINE_EDIT_QSS = f"""
QLineEdit, QPlainTextEdit, QAbstractSpinBox, QComboBox {{
    background: {SURFACE}; border: 1px solid {BORDER}; border-radius: 6px; padding: 4px 6px;
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK}; color: {INK}; min-height: 18px;
}}
QPlainTextEdit {{ padding: 2px 2px; }}
QLineEdit:focus, QPlainTextEdit:focus, QAbstractSpinBox:focus, QComboBox:focus {{ border: 1px solid {ACCENT}; }}
QLineEdit:disabled, QPlainTextEdit:disabled, QAbstractSpinBox:disabled, QComboBox:disabled {{
    color: {FAINT}; background: {SUNKEN};
}}
QAbstractSpinBox {{ padding: 4px 20px 4px 8px; }}
QAbstractSpinBox::up-button, QAbstractSpinBox::down-button {{
    subcontrol-origin: padding; width: 18px; border: none; background: transparent; margin-right: 1px;
}}
QAbstractSpinBox::up-button {{ subcontrol-position: top right; margin-top: 2px; }}
QAbstractSpinBox::down-button {{ subcontrol-position: bottom right; margin-bottom: 2px; }}
QAbstractSpinBox::up-button:hover, QAbstractSpinBox::down-button:hover {{ background: {HOVER}; border-radius: 4px; }}
QAbstractSpinBox::up-arrow {{ image: url({_UP}); width: 9px; height: 9px; }}
QAbstractSpinBox::down-arrow {{ image: url({_DOWN}); width: 9px; height: 9px; }}
QAbstractSpinBox::up-arrow:disabled, QAbstractSpinBox::down-arrow:disabled {{ image: none; }}
QComboBox {{ padding-right: 24px; }}
QComboBox::drop-down, QDateTimeEdit::drop-down {{
    subcontrol-origin: padding; subcontrol-position: center right; width: 22px; border: none;
}}
QComboBox::down-arrow, QDateTimeEdit::down-arrow {{ image: url({_DOWN}); width: 10px; height: 10px; }}
QComboBox QAbstractItemView {{
    background: {SURFACE}; border: 1px solid {BORDER}; outline: none; padding: 2px;
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
}}
QCheckBox {{ color: {INK}; spacing: 6px; }}
*[problem="error"] {{ border: 1px solid {ERROR}; background: {ERROR_SOFT}; }}
*[problem="warning"] {{ border: 1px solid #e0a11b; background: {WARNING_SOFT}; }}
"""

CHIP_QSS = f"""
QToolButton#chip {{
    border: 1px solid {BORDER}; border-radius: 6px; padding: 3px 2px; background: {SURFACE}; color: {INK};
}}
QToolButton#chip:hover {{ background: {HOVER}; }}
QToolButton#chip:checked {{ background: {ACCENT_SOFT}; border: 1px solid {ACCENT}; color: {ACCENT}; }}
"""

TABLE_QSS = f"""
QTableWidget#fieldTable, QListWidget#channelList {{
    border: 1px solid {BORDER}; border-radius: 6px; background: {SURFACE};
    alternate-background-color: {SUNKEN}; gridline-color: {BORDER};
    selection-background-color: {ACCENT_SOFT}; selection-color: {INK};
}}
QTableWidget#fieldTable QHeaderView::section {{
    background: {SUNKEN}; color: {MUTED}; border: none; border-bottom: 1px solid {BORDER};
    padding: 3px 6px; font-weight: 600;
}}
QTableWidget#fieldTable::item {{ padding: 0 4px; }}
QListWidget#channelList::item {{ padding: 3px 2px; }}
"""

SCROLLBAR_QSS = f"""
QScrollBar:vertical {{ background: transparent; width: 10px; margin: 2px; }}
QScrollBar::handle:vertical {{ background: {BORDER_STRONG}; border-radius: 3px; min-height: 30px; }}
QScrollBar::handle:vertical:hover {{ background: {FAINT}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0; }}
QScrollBar::add-page:vertical, QScrollBar::sub-page:vertical {{ background: transparent; }}
"""
