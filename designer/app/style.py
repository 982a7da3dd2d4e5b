"""The window's light theme: Fusion with a light palette and a little QSS for
the chrome (menus, tool bar, tabs, docks, status bar). Panels keep their own
look (panel_style.py); the colours agree with the canvas theme."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from designer.canvas import theme

INK = theme.TITLE_COLOUR
MUTED = theme.SUMMARY_COLOUR
BORDER = theme.CARD_BORDER
ACCENT = theme.SELECTION
CHROME = "#fbfbfd"

QSS = f"""
QMainWindow {{ background: {CHROME}; }}
QMainWindow::separator {{ background: {BORDER}; width: 1px; height: 1px; }}
QMenuBar {{ background: {CHROME}; border-bottom: 1px solid {BORDER}; padding: 2px 4px; }}
QMenuBar::item {{ padding: 4px 10px; border-radius: 5px; }}
QMenuBar::item:selected {{ background: #eceff6; }}
QMenu {{ background: white; border: 1px solid {BORDER}; padding: 4px; }}
QMenu::item {{ padding: 5px 28px 5px 22px; border-radius: 5px; }}
QMenu::item:selected {{ background: {ACCENT}; color: white; }}
QMenu::item:disabled {{ color: #a8aebb; }}
QMenu::separator {{ height: 1px; background: {BORDER}; margin: 4px 8px; }}
QToolBar {{ background: {CHROME}; border: none; border-bottom: 1px solid {BORDER}; spacing: 2px; padding: 3px 6px; }}
QToolBar QToolButton {{ padding: 4px 9px; border-radius: 6px; color: {INK}; }}
QToolBar QToolButton:hover {{ background: #eceff6; }}
QToolBar QToolButton:pressed, QToolBar QToolButton:checked {{ background: #e1e7f5; }}
QToolBar QToolButton:disabled {{ color: #b3b8c4; }}
QToolBar::separator {{ background: {BORDER}; width: 1px; margin: 5px 6px; }}
QDockWidget {{ color: {MUTED}; font-weight: 600; }}
QDockWidget::title {{ background: {CHROME}; padding: 7px 10px; border-bottom: 1px solid {BORDER}; }}
QStatusBar {{ background: {CHROME}; border-top: 1px solid {BORDER}; color: {MUTED}; }}
QStatusBar::item {{ border: none; }}
QStatusBar QToolButton {{ border: none; padding: 2px 8px; border-radius: 5px; color: {MUTED}; }}
QStatusBar QToolButton:hover {{ background: #eceff6; color: {INK}; }}
#WorkflowTabs {{ background: {CHROME}; border-bottom: 1px solid {BORDER}; }}
#WorkflowTabs QTabBar::tab {{ background: transparent; color: {MUTED}; padding: 7px 14px; margin: 4px 2px 0 0;
    border: 1px solid transparent; border-top-left-radius: 7px; border-top-right-radius: 7px; }}
#WorkflowTabs QTabBar::tab:selected {{ background: white; color: {INK}; border-color: {BORDER};
    border-bottom-color: white; font-weight: 600; }}
#WorkflowTabs QTabBar::tab:hover:!selected {{ color: {INK}; background: #f0f2f7; }}
#WorkflowTabs QToolButton {{ border: none; border-radius: 6px; padding: 3px 8px; color: {MUTED}; font-size: 13pt; }}
#WorkflowTabs QToolButton:hover {{ background: #eceff6; color: {INK}; }}
QToolTip {{ background: white; color: {INK}; border: 1px solid {BORDER}; padding: 5px; }}
"""


def apply_light_theme(app: QApplication) -> None:
    app.setStyle("Fusion")
    palette = QPalette()
    for role, value in (
        (QPalette.ColorRole.Window, CHROME), (QPalette.ColorRole.WindowText, INK),
        (QPalette.ColorRole.Base, "#ffffff"), (QPalette.ColorRole.AlternateBase, "#f6f7fb"),
        (QPalette.ColorRole.Text, INK), (QPalette.ColorRole.Button, "#ffffff"),
        (QPalette.ColorRole.ButtonText, INK), (QPalette.ColorRole.Highlight, ACCENT),
        (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#ffffff"),
        (QPalette.ColorRole.ToolTipText, INK), (QPalette.ColorRole.PlaceholderText, "#9aa1b2"),
        (QPalette.ColorRole.Mid, BORDER), (QPalette.ColorRole.Midlight, "#eef0f5"),
    ):
        palette.setColor(role, QColor(value))
    app.setPalette(palette)
    font = QFont(app.font())
    if font.pointSizeF() > 0 and font.pointSizeF() < 9.5:
        font.setPointSizeF(9.5)
        app.setFont(font)
    app.setStyleSheet(QSS)
