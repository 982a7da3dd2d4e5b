"""The window's template commands: New from Template, Save Workflow as Template, Export Runbook."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLocale, QPoint, QStandardPaths, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from designer.blueprint import Blueprint
from designer.templates.library import language

if TYPE_CHECKING:
    from ..window.main_window import MainWindow
    from .gallery import TemplateGallery
    from .save_dialog import SaveTemplateDialog


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def user_template_dir() -> Path:
    """The user's own templates: <AppDataLocation>/templates."""
    return Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)) / "templates"


def open_gallery(window: MainWindow) -> TemplateGallery:
    """Show the gallery; on Create, the workflow lands in this blueprint (undoable) or a new window."""
    from .gallery import TemplateGallery  # with the command, not the window: it loads the runbook and the runtime

    ids = tuple(w.id for w in window.document.blueprint.workflows)
    gallery = TemplateGallery(window, user_template_dir(), ids)
    gallery.accepted.connect(lambda: _place(window, gallery))
    gallery.open()
    return gallery


def _place(window: MainWindow, gallery: TemplateGallery):
    workflow = gallery.workflow
    if workflow is None:
        return None
    if gallery.into_new.isChecked():
        from ..window.main_window import MainWindow

        brand = "你的品牌" if gallery.language() == "zh" else "Your brand"
        other = MainWindow(Blueprint(name=workflow.name, variables={"brand": brand}, workflows=[workflow]),
                           recovery_dir=window.files.recovery_directory)
        other.move(window.pos() + QPoint(40, 40))
        other.show()
        return other
    window.editor.add_workflow(workflow, text=tr("New workflow from template"))
    window.tabs.rebuild(select=workflow.id)
    window.status.show_message(tr("Added “%s” from the template library") % workflow.name)
    return window


def save_as_template(window: MainWindow) -> SaveTemplateDialog | None:
    workflow = window.current_workflow()
    if workflow is None:
        return None
    from .save_dialog import SaveTemplateDialog

    dialog = SaveTemplateDialog(workflow, user_template_dir(), window)
    dialog.accepted.connect(lambda: window.status.show_message(tr("Saved the template to %s") % dialog.path))
    dialog.open()
    return dialog


def export_runbook(window: MainWindow, path: str | None = None, lang: str | None = None) -> str | None:
    """Write the current workflow's runbook; asks where unless ``path`` is given."""
    workflow = window.current_workflow()
    if workflow is None:
        return None
    lang = language(lang or _content_language(workflow) or QLocale.system().name())
    if path is None:
        base = window.document.path.parent if window.document.path else Path.home()
        path, _ = QFileDialog.getSaveFileName(
            window, tr("Export Runbook"), str(base / f"{workflow.name} runbook.pdf"),
            tr("PDF document (*.pdf);;Web page (*.html);;Markdown (*.md)"))
        if not path:
            return None
        if Path(path).suffix.lower() not in (".pdf", ".html", ".md"):
            path += ".pdf"
    from .runbook_export import write_runbook

    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the picture and the PDF take a moment
    try:
        write_runbook(path, window.document.blueprint, workflow, lang, _latest_forecast(window))
    except (OSError, ValueError) as err:
        QMessageBox.critical(window, tr("Export failed"), tr("Could not write “%s”.") % path + f"\n\n{err}")
        return None
    finally:
        QApplication.restoreOverrideCursor()
    window.status.show_message(tr("Runbook written to %s") % path)
    return path


def _content_language(workflow) -> str | None:
    """A journey written in Chinese gets a Chinese runbook, whatever the system's language."""
    text = workflow.name + workflow.description
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else None


def _latest_forecast(window: MainWindow) -> dict | None:
    """The latest saved dry-run of this blueprint: FILE.db beside the file, as ``journey dry-run --db`` writes."""
    if window.document.path is None:
        return None
    db = window.document.path.with_suffix(".db")
    if not db.is_file():
        return None
    from designer.runtime.dryrun.forecast_store import load_forecast

    try:
        report = load_forecast(db)
    except Exception:  # noqa: BLE001 - not a dry-run database: the runbook says there is no forecast
        return None
    return report if report and report.get("blueprint") == window.document.blueprint.name else None
