"""Run and demo mode: the durable engine on a database, in a worker thread, with live counts.

Demo mode runs on ``NAME.demo.db`` beside the blueprint, filled with the
sample contacts, on a demo clock (the speed slider: up to about a simulated
day per second). Pause and a new speed stop the engine (every transaction
commits or rolls back) and start a new one from where the database's clock
stopped: all state is in the database. Firing an event writes it for the
selected contact at the database's clock; the next tick moves the contact.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject

from . import figures, jobs
from .background import EngineThread
from .db_field import label

if TYPE_CHECKING:
    from .controller import RunFeature


ARRIVALS = 4  # demo contacts doing a trigger event per tick (about four ticks a second)


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


class DemoRunner(QObject):
    def __init__(self, feature: RunFeature) -> None:
        super().__init__(feature)
        self.f = feature
        self.demo = False
        self.speed = feature.panel.clock_speed()
        self.thread: EngineThread | None = None
        self.db: Path | str | None = None  # an SQLite file, or a postgresql:// URL
        self.store = None  # the UI's own connection: short reads and the fired events
        self.status: dict | None = None
        self._again = False  # start again when the thread ends (resume, new speed)
        self._paused = False
        self._ticks = 0
        self._triggers: list[str] = []

    @property
    def running(self) -> bool:
        return self.thread is not None and self.thread.isRunning()

    def set_demo(self, on: bool) -> None:
        self.demo = on
        self.f.explorer.demo_box.setVisible(on)
        self.f.panel.run.setText(tr("▶ Start demo") if on else tr("Run on database"))

    def demo_db(self) -> Path:
        return self.f.results_db().with_suffix(".demo.db")

    def start_run(self) -> None:
        if self.running or self.f.runner.busy:
            return
        db = self.demo_db() if self.demo else (self.f.panel.database() or None)
        if db is None:
            self.f.panel.why.setText(tr("Choose Contacts: Database and a file or a postgresql:// URL to run on "
                                        "(or tick demo mode)."))
            self.f.panel.why.show()
            return
        try:
            if self.store is None or self.db != db:
                self._close_store()
                self.store = jobs.open_store(db)
            self.db = db
            added = jobs.fill_with_sample(self.store) if self.demo else 0
            contacts = jobs.db_contacts(self.store)
        except Exception as err:  # noqa: BLE001 - StoreError: a locked, foreign or newer database
            self.f.panel.why.setText(str(err))
            self.f.panel.why.show()
            return
        self.f.report = None
        for overlay in self.f.overlays.values():
            overlay.clear()
        self.f.contacts = {}
        self.f.explorer.set_contacts(jobs.table_of(contacts), {})
        self._paused = False
        self._launch()
        if added:
            self.f.panel.progress_label.setText(tr("%d sample contacts added to %s") % (added, label(db)))

    def _launch(self) -> None:
        self._triggers = jobs.event_names(self.f.w.document.blueprint, triggers_only=True)
        self.thread = EngineThread(str(self.db), self.f.w.document.blueprint, self.speed, self)
        self.thread.ticked.connect(self._ticked)
        self.thread.ended.connect(self._ended)
        self.thread.start()
        self.f.panel.set_busy(True, tr("Running on %s") % label(self.db), timed=False)

    def _ticked(self, status: dict) -> None:
        self.status = status
        self._ticks += 1
        if self.demo and self.store is not None:  # new sign-ups keep arriving, so the counts move
            jobs.arrive(self.store, self._triggers, ARRIVALS, self._ticks)
        for scene in self.f.w.scenes.existing():
            wf = figures.find_workflow(status, scene.workflow_id)
            if wf is not None:
                ends = {n for (w, n) in self.f._ends if w == scene.workflow_id}
                self.f.overlay(scene).set_counts(figures.step_counts(wf, ends), None, self.f.percent)
        sent = sum(v for k, v in status["outbox"].items() if k != "test")
        self.f.panel.progress_label.setText(tr("Clock %s · %d messages in the outbox")
                                            % ((status["clock"] or "").replace("T", " ")[:16], sent))
        if self._ticks % 8 == 0 and self.store is not None:  # about every two seconds
            self.f.explorer.model.set_where(jobs.whereabouts(self.store, self.f._titles()))
        current = self.f.explorer.current_id()
        if current:
            self.show_contact(current)

    def _ended(self, why: str) -> None:
        if self._again:
            self._again = False
            self._launch()
            return
        self.f.panel.set_busy(self._paused, tr("Paused") if self._paused else "", timed=False)
        if self._paused:
            self.f.panel.pause.setChecked(True)
        if why:
            self.f.panel.why.setText(tr("The run stopped: %s") % why)
            self.f.panel.why.show()

    # --- control -----------------------------------------------------------------
    def pause(self, on: bool) -> None:
        if on and self.running:
            self._paused = True
            self.thread.stop()
        elif not on and self._paused and self.db is not None:
            self._paused = False
            self._launch()

    def stop(self, wait: bool = False) -> None:
        self._again, self._paused = False, False
        if self.thread is not None:
            self.thread.stop()
            if wait:
                self.thread.wait(10_000)
        if not self.running:
            self.f.panel.set_busy(False)
        if wait:
            self._close_store()

    def set_speed(self, speed: float) -> None:
        self.speed = speed
        if self.running:  # a demo clock runs at one speed: start a new one from where this one is
            self._again = True
            self.thread.stop()

    def _close_store(self) -> None:
        if self.store is not None:
            self.store.close()
            self.store = None

    # --- the selected contact ---------------------------------------------------------
    def fire(self, name: str) -> None:
        cid = self.f.explorer.current_id()
        if not cid or not name or self.store is None:
            self.f.explorer.sent.setText(tr("Start the demo and select a contact first."))
            return
        jobs.fire_event(self.store, cid, name)
        self.f.explorer.sent.setText(tr("%s fired for %s: watch it move on the next tick.") % (name, cid))

    def show_contact(self, contact_id: str) -> None:
        if self.store is None or not contact_id:
            return
        data = jobs.trace(self.store, contact_id)
        if data is None:
            return
        from designer.runtime.durable.report import what_word  # a step's record in the reader's words
        lines, nodes, now = [], set(), tr("not in any journey")
        scene = self.f.w.current_scene()
        for p in data["passes"]:
            now = f"{p['workflow']}: {p['now']}"
            for s in p["steps"]:
                port = f" -> {s['port']}" if s["port"] else ""
                lines.append(f"{(s['at'] or '')[5:16].replace('T', ' ')}  {s['title']} {what_word(s['what'])}{port}"
                             + (f": {s['detail']}" if s["detail"] else ""))
                if scene is not None and p["workflow"] == scene.workflow_id:
                    nodes.add(s["node"])
            if scene is not None and p["workflow"] == scene.workflow_id and p["state"] == "active":
                nodes.add(p["node"])
        self.f.explorer.show_path(now, lines)
        if scene is not None:
            self.f.overlay(scene).highlight(nodes, ())
