"""The run feature in the window: the Run dock and the Results dock (dashboard,
contacts, compare), and the glue between them, the canvas and the background work.

Results of a dry-run are kept in the blueprint's database (``NAME.db`` beside
``NAME.json``; a scratch file for an unsaved blueprint) and shown again when
the file is reopened.
"""

from __future__ import annotations

import html
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, Qt, QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDockWidget, QMenu, QScrollArea, QTabWidget, QWidget

from designer.canvas.counts import CountsOverlay

from . import figures, jobs
from .db_field import label

if TYPE_CHECKING:
    from designer.app.window.main_window import MainWindow


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class RunFeature(QObject):
    """Built in two steps: the docks (empty) and the Run menu with the window; the panels,
    charts and runners just after the window's first paint, or as soon as anything asks
    for them (``__getattr__``). The runtime loads on first use (jobs.py)."""

    _BUILT_LATER = frozenset({"panel", "dashboard", "explorer", "compare", "results", "runner", "demo"})

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.w = window
        self.report: dict | None = None  # the dry-run shown (None: nothing, or the demo's live status)
        self.run_id: int | None = None
        self.contacts: dict[str, dict] = {}
        self.overlays: dict[str, CountsOverlay] = {}
        self.percent = False
        self._ends: set[tuple[str, str]] = set()
        self._scratch: Path | None = None  # the unsaved blueprint's database, made when first needed
        self._built = False
        self._holder = QWidget()  # the Run dock's content until the panel is built
        self._tabs = ResultsTabs()  # sized like the problems list from the start; pages added when built
        self._tabs.setObjectName("resultsTabs")
        self.run_dock = self._dock("run", tr("Run"), self._holder, Qt.DockWidgetArea.RightDockWidgetArea)
        self.results_dock = self._dock("results", tr("Results"), self._tabs, Qt.DockWidgetArea.BottomDockWidgetArea)
        window.tabifyDockWidget(window.panels.problems_dock, self.results_dock)
        window.tabifyDockWidget(window.panels.inspector_dock, self.run_dock)
        window.panels.inspector_dock.raise_()
        window.panels.problems_dock.raise_()
        window.resizeDocks([window.panels.palette_dock, window.panels.inspector_dock], [236, 320],
                           Qt.Orientation.Horizontal)  # as the window laid them out before these docks came
        QTimer.singleShot(0, self, self._settle_docks)  # once shown: the bottom strip as high as before
        for dock in (self.run_dock, self.results_dock):
            window.panels_menu.addAction(dock.toggleViewAction())
            dock.visibilityChanged.connect(lambda shown: shown and self.build())
        self._menu()
        w = window
        w.validation.problemsChanged.connect(self._problems_changed)
        w.scenes.sceneCreated.connect(self._scene_created)
        w.tabs.currentChanged.connect(self._workflow_shown)
        w.files.opened.connect(self.reload)
        window.installEventFilter(self)
        window.view.viewport().installEventFilter(self)  # its first paint builds the rest, a turn later

    def __getattr__(self, name: str):
        if name in RunFeature._BUILT_LATER and not self.__dict__.get("_built"):
            self.build()
            return getattr(self, name)
        raise AttributeError(name)

    def build(self) -> None:
        """The Run panel, the Results pages and the runners (once)."""
        if self._built:
            return
        self._built = True
        from .background import DryRunner  # the pages' modules (Qt Charts among them) load with them
        from .dashboard import Dashboard
        from .demo import DemoRunner
        from .explorer import Explorer
        from .panel import RunPanel
        from .past_runs import ComparePanel

        window = self.w
        self.panel = RunPanel()
        self.dashboard, self.explorer, self.compare = Dashboard(), Explorer(), ComparePanel()
        self.results = self._tabs
        self.results.addTab(self.dashboard, tr("Dashboard"))
        self.results.addTab(self.explorer, tr("Contacts"))
        self.results.addTab(self.compare, tr("Compare runs"))
        scroll = QScrollArea()  # the panel scrolls rather than set the window's minimum height
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.panel)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setMinimumWidth(self.panel.sizeHint().width())
        self.run_dock.setWidget(scroll)
        self._holder.deleteLater()
        for page in (self.dashboard, self.explorer, self.compare):
            page.setMinimumHeight(80)  # the bottom docks keep the height the problems list had
        self.runner = DryRunner(self)
        self.demo = DemoRunner(self)
        self._connect()
        self._problems_changed(window.validation.problems)
        self.reload()
        self._workflow_shown(window.current_workflow_id())
        QTimer.singleShot(0, self, self._settle_docks)  # once laid out: the new pages keep the bottom strip low

    def _settle_docks(self) -> None:
        self.w.resizeDocks([self.w.panels.problems_dock], [120], Qt.Orientation.Vertical)

    def _dock(self, name: str, title: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self.w)
        dock.setObjectName(f"{name}Dock")
        dock.setWidget(widget)
        self.w.addDockWidget(area, dock)
        return dock

    def _menu(self) -> None:
        """A Run menu before Help: Dry-run (F5), Stop (Shift+F5), the two panels."""
        bar = self.w.menuBar()
        menu = QMenu(tr("&Run"), self.w)
        dry = menu.addAction(tr("&Dry-run"), self.dry_run)
        dry.setShortcut(QKeySequence("F5"))
        stop = menu.addAction(tr("&Stop"), self.stop)
        stop.setShortcut(QKeySequence("Shift+F5"))
        menu.addSeparator()
        menu.addAction(tr("Show the &Run Panel"), lambda: (self.run_dock.show(), self.run_dock.raise_()))
        menu.addAction(tr("Show the R&esults"), lambda: (self.results_dock.show(), self.results_dock.raise_()))
        self.w.addAction(dry)
        self.w.addAction(stop)
        help_menu = next((a for a in bar.actions() if a.text().replace("&", "") == "Help"), None)
        bar.insertMenu(help_menu, menu) if help_menu is not None else bar.addMenu(menu)
        self.menu = menu

    def _connect(self) -> None:
        p, w = self.panel, self.w
        p.dryRunRequested.connect(self.dry_run)
        p.runRequested.connect(self.demo.start_run)
        p.pauseToggled.connect(self._pause)
        p.stopRequested.connect(self.stop)
        p.demoToggled.connect(self.demo.set_demo)
        p.speedChanged.connect(self.demo.set_speed)
        p.percentToggled.connect(self._set_percent)
        self.runner.progressed.connect(p.set_progress)
        self.runner.finished.connect(self._dry_run_done)
        self.runner.failed.connect(self._dry_run_failed)
        self.explorer.contactSelected.connect(self._contact_selected)
        self.explorer.previewRequested.connect(self._preview)
        self.explorer.sendTestRequested.connect(self._send_test)
        self.explorer.fireRequested.connect(self.demo.fire)
        self.compare.wanted.connect(self._compare)

    # --- where results live --------------------------------------------------------
    def results_db(self) -> Path:
        kept = jobs.results_db(self.w.document.path)
        if kept is None and self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="journey-run-")) / "untitled.db"
        return kept or self._scratch

    def reload(self) -> None:
        """A file was opened: show the last dry-run kept with it (if any)."""
        if not self._built:
            self.build()  # which reloads
            return
        self._ends = jobs.end_nodes(self.w.document.blueprint)
        self.report, self.run_id = None, None
        for overlay in self.overlays.values():
            overlay.clear()
        self.overlays = {}
        try:
            runs = jobs.past_runs(self.results_db()) if self.w.document.path else []
        except Exception:  # noqa: BLE001 - a foreign or damaged .db beside the file: just no history
            runs = []
        self.compare.set_runs(runs)
        if runs:
            report = jobs.load_result(self.results_db(), runs[0]["id"])
            if report and report.get("blueprint") == self.w.document.blueprint.name:
                self.show_report(report, runs[0]["id"], None)
                self.panel.show_done(tr("Showing the last dry-run (#%d) kept with this file") % runs[0]["id"])

    # --- dry-run ---------------------------------------------------------------------
    def dry_run(self) -> None:
        if self.runner.busy or self.demo.running:
            return
        blueprint = self.w.document.blueprint
        errors = [p for p in self.w.validation.run_now() if p.severity == "error"]
        bad = {p.workflow_id for p in errors}
        good = [wf for wf in blueprint.workflows if wf.id not in bad]
        if not good:
            self.panel.why.setText(_problem_text(errors) + "\n" + tr("Nothing can be dry-run until one is fixed."))
            self.panel.why.show()
            return
        if bad:  # continue where it can: the workflows without errors
            blueprint = blueprint.model_copy(update={"workflows": good})
            self.panel.why.setText(_problem_text(errors) + "\n" + tr("Dry-running the %d workflow(s) without errors.")
                                   % len(good))
            self.panel.why.show()
        spec = self.panel.contacts_spec()
        if self.panel.source_key() == "database":
            spec = "sample"
            self.panel.why.setText(tr("A dry-run uses the sample, synthetic or CSV contacts; the database is for "
                                      "Run. Using the sample contacts."))
            self.panel.why.show()
        self.panel.set_busy(True, tr("Starting the dry-run…"))
        self.runner.start(blueprint, spec, self.panel.days_value(), self.panel.seed.value(),
                          self.panel.runs.value(), str(self.results_db()), str(self.w.document.path or ""))

    def start_dry_run(self, contacts: str = "sample") -> None:
        """``main.py --show run --contacts N``: 'sample' or a number of synthetic contacts."""
        if str(contacts).replace("_", "").isdigit():
            self.panel.choose("synthetic", int(str(contacts).replace("_", "")))
        else:
            self.panel.choose("sample")
        self.run_dock.raise_()
        self.results_dock.raise_()
        self.dry_run()

    def show_dry_run(self, contacts: str = "sample", timeout: float = 600.0) -> bool:
        """Headless (--screenshot --show run): dry-run, wait, and bring the results forward."""
        self.start_dry_run(contacts)
        done = self.runner.wait(timeout)
        self.run_dock.raise_()
        self.results_dock.raise_()
        self.w.resizeDocks([self.results_dock], [int(self.w.height() * 0.45)], Qt.Orientation.Vertical)
        return done and self.report is not None

    def _dry_run_done(self, result: dict) -> None:
        self.panel.set_busy(False)
        if result.get("cancelled"):
            self.panel.show_done(tr("Cancelled: nothing was saved"))
            return
        if "error" in result or "problems" in result:
            self.panel.show_done(tr("Could not dry-run"))
            self.panel.why.setText(result.get("error") or "\n".join(p["message"] for p in result["problems"][:6]))
            self.panel.why.show()
            return
        self.contacts = {}
        self.show_report(result["report"], result.get("run_id"), result["contacts"])
        QTimer.singleShot(0, self._refresh_history)  # its own turn of the event loop
        p = result["report"]["programme"]
        self.panel.show_done(tr("Done: %s enrolled, %s converted") % (f"{figures.mean(p['enrolled']):,.0f}",
                                                                    f"{figures.mean(p['converted']):,.0f}"))

    def _refresh_history(self) -> None:
        self.compare.set_runs(jobs.past_runs(self.results_db()))

    def _dry_run_failed(self, why: str) -> None:
        self.panel.set_busy(False)
        self.panel.show_done(tr("The dry-run stopped: %s") % why)

    def show_report(self, report: dict, run_id: int | None, contacts: dict[str, list] | None) -> None:
        self.report, self.run_id = report, run_id
        for scene in self.w.scenes.existing():
            self._show_counts(scene)
        self.dashboard.show_report(report, self.w.current_workflow_id(), self.w.document.blueprint)
        if contacts is None:  # reopened: the traced contacts, by id
            contacts = jobs.table_of([{"id": cid} for cid in report.get("paths") or {}])
            self.contacts = {}
        QTimer.singleShot(0, lambda: self._fill_explorer(report, contacts))  # after the canvas and charts

    def _fill_explorer(self, report: dict, contacts: dict[str, list]) -> None:
        if report is not self.report:
            return
        titles = self._titles()
        paths = report.get("paths") or {}
        where = {cid: figures.where_now(paths[cid], titles) for cid in contacts["id"] if cid in paths}
        self.explorer.set_contacts(contacts, where)
        self._workflow_shown(self.w.current_workflow_id())

    def _show_counts(self, scene) -> None:
        wf = figures.find_workflow(self.report, scene.workflow_id) if self.report else None
        overlay = self.overlay(scene)
        if wf is None:
            overlay.clear()
            return
        ends = {n for (w, n) in self._ends if w == scene.workflow_id}
        overlay.set_counts(figures.step_counts(wf, ends), figures.edge_flows(wf), self.percent)

    def overlay(self, scene) -> CountsOverlay:
        if self.overlays.get(scene.workflow_id) is None or self.overlays[scene.workflow_id].scene is not scene:
            self.overlays[scene.workflow_id] = CountsOverlay(scene)
        return self.overlays[scene.workflow_id]

    def _scene_created(self, scene) -> None:
        if self.report is not None:
            self._show_counts(scene)

    def _set_percent(self, on: bool) -> None:
        self.percent = on
        if self.report is not None:
            for scene in self.w.scenes.existing():
                self._show_counts(scene)

    def _workflow_shown(self, workflow_id: str) -> None:
        if not self._built:
            return
        wf = self.w.document.blueprint.workflow(workflow_id) if workflow_id else None
        steps = []
        if wf is not None:
            steps = [(n.id, n.display_title) for n in wf.nodes if _sends(n.kind)]
        self.explorer.set_steps(steps)
        self.explorer.set_events(jobs.event_names(self.w.document.blueprint) or ["purchased"])
        if self.report is not None and figures.find_workflow(self.report, workflow_id):
            self.dashboard.show_report(self.report, workflow_id, self.w.document.blueprint)
        self._contact_selected(self.explorer.current_id())

    # --- one contact -----------------------------------------------------------------------
    def _titles(self) -> dict[str, str]:
        return {n.id: n.display_title for wf in self.w.document.blueprint.workflows for n in wf.nodes}

    def contact_path(self, contact_id: str) -> list[dict]:
        if self.report is None or not contact_id:
            return []
        path = (self.report.get("paths") or {}).get(contact_id)
        if path is None and self.run_id is not None:
            path = jobs.load_path(self.results_db(), self.run_id, contact_id)
        return path or []

    def _contact_selected(self, contact_id: str) -> None:
        if self.demo.running or self.demo.db is not None and self.report is None:
            self.demo.show_contact(contact_id)
            return
        scene = self.w.current_scene()
        path = self.contact_path(contact_id)
        titles = self._titles()
        if scene is not None:
            wf = self.w.document.workflow(scene.workflow_id)
            keys = {(e.source, e.source_port, e.target) for e in wf.edges}
            nodes, edges = figures.path_of(path, scene.workflow_id, keys)
            self.overlay(scene).highlight(nodes, edges)
        if contact_id:
            self.explorer.show_path(figures.where_now(path, titles), figures.timeline(path, titles))

    def _preview(self, node_id: str) -> None:
        contact = self.current_contact()
        if contact is None:
            self.explorer.show_preview(tr("<i>Select a contact to see the message as they would get it.</i>"))
            return
        shown = jobs.preview(self.w.document.blueprint, self.w.current_workflow_id(), node_id, contact)
        self.explorer.show_preview(preview_html(shown, contact))

    def current_contact(self) -> dict | None:
        cid = self.explorer.current_id()
        if not cid:
            return None
        if cid not in self.contacts:  # read once, then kept (and changeable) here
            self.contacts[cid] = self.explorer.current_record()
        return self.contacts[cid]

    def _send_test(self, node_id: str, address: str) -> None:
        contact = self.current_contact()
        if contact is None or not node_id:
            self.explorer.sent.setText(tr("Select a contact and a message step first."))
            return
        if not address:
            self.explorer.sent.setText(tr("Type the test address to send to."))
            return
        db = self.demo.db or self.demo.demo_db()  # a runtime database: the sandbox outbox lives there
        try:
            key = jobs.send_test(db, self.w.document.blueprint, self.w.current_workflow_id(), node_id, contact, address)
        except (ValueError, OSError, jobs.StoreError) as err:
            self.explorer.sent.setText(tr("Not sent: %s") % err)
            return
        self.explorer.sent.setText(tr("Test message %s is in the sandbox outbox of %s (marked test, not counted).")
                                   % (key[:13], label(db)))

    # --- control ------------------------------------------------------------------------------
    def _pause(self, on: bool) -> None:
        if self.runner.busy:
            self.runner.pause(on)
            self.panel.progress_label.setText(tr("Paused") if on else tr("Resumed"))
        else:
            self.demo.pause(on)

    def stop(self) -> None:
        if self.runner.busy:
            self.runner.cancel()
        self.demo.stop()

    def _compare(self, a: int, b: int) -> None:
        ra, rb = jobs.load_result(self.results_db(), a), jobs.load_result(self.results_db(), b)
        if ra and rb:
            self.compare.show_pair(ra, rb)

    def _problems_changed(self, problems) -> None:
        if not self._built:
            return
        errors = [p for p in problems if p.severity == "error"]
        self.panel.set_can_run(not errors, (_problem_text(errors) + "\n" + tr("Run is off until they are fixed."))
                               if errors else "")

    def eventFilter(self, obj, event) -> bool:
        if obj is self.w and event.type() == QEvent.Type.Close:
            self.shutdown()
        elif event.type() == QEvent.Type.Paint and obj is self.w.view.viewport():
            obj.removeEventFilter(self)
            QTimer.singleShot(0, self, self.build)
        return False

    def shutdown(self) -> None:
        if not self._built:
            return  # nothing started
        self.runner.shutdown()
        self.demo.stop(wait=True)


class ResultsTabs(QTabWidget):
    """Asks for a short strip at first, like the problems list it shares the bottom with
    (its pages' own size hints would take half the window)."""

    def sizeHint(self) -> QSize:
        return QSize(640, 120)


def _problem_text(errors) -> str:
    shown = [f"• {p.message}" for p in errors[:4]]
    more = len(errors) - len(shown)
    return tr("%d error(s):") % len(errors) + "\n" + "\n".join(shown) + (tr("\n… and %d more") % more if more else "")


def _sends(kind_id: str) -> bool:
    from designer.nodes import get_kind

    kind = get_kind(kind_id)
    return bool(kind is not None and getattr(kind, "channel", None))


def preview_html(shown: dict | None, contact: dict) -> str:
    if shown is None:
        return tr("<i>This step sends nothing.</i>")
    who = " ".join(x for x in (contact.get("first_name"), contact.get("last_name")) if x) or contact.get("id")
    rows = [f"<b>{html.escape(shown['channel'])}</b> to {html.escape(str(shown['to'] or '—'))} "
            f"({html.escape(str(who))})"]
    if shown["suppressed"]:
        rows.append(f"<p style='color:#b3261e'><b>{tr('Would be suppressed')}:</b> "
                    f"{html.escape(shown['suppressed'])}</p>")
    if shown["deferred"]:
        rows.append(f"<p style='color:#8a6100'>{html.escape(shown['deferred'])}</p>")
    for name, value in shown["content"].items():
        if isinstance(value, str) and value:
            text = html.escape(value).replace("\n", "<br>")
            rows.append(f"<p><span style='color:#6b7285'>{html.escape(name.replace('_', ' '))}</span><br>{text}</p>")
    return "".join(rows)
