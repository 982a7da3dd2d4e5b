"""How simulated contacts get into journeys: each trigger's entry rule in virtual time.

* event triggers: when the (simulated or scripted) event happens, filter permitting;
* segment triggers: checked once a simulated day; contacts enter when they start matching
  (contacts matching at the start enter at the start);
* schedules: at each occurrence within the period, everyone matching the audience;
* date attributes: on each contact's date (+ offset, yearly), at the time in their zone;
* manual lists: every contact, at the start (the dry-run's contacts are the list).

The workflow's re-entry rule is applied as contacts arrive (:meth:`WorkflowState.enrol`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

import numpy as np

from designer.conditions import parse as parse_condition
from designer.nodes.behaviour import InSegment, ManualList, OnDateAttribute, OnEvent, OnSchedule
from designer.timewindows import zone

from ..interpreter import CompiledWorkflow
from ..rules.dates import firings
from .buckets import Buckets
from .columns import RowsFrame

if TYPE_CHECKING:
    from .simulator import Simulation
    from .state import WorkflowState


def referenced_events(cw: CompiledWorkflow) -> list[str]:
    """Events a workflow waits for, branches on, counts as its goal or leaves on, read from
    the settings' declared editors (``event`` fields and conditions), so no kind
    is named here."""
    names: list[str] = []
    goal = cw.workflow.goal
    if goal and goal.event:
        names.append(goal.event)
    if cw.goal_condition is not None:
        names += sorted(cw.goal_condition.events())
    if cw.exit_event:
        names.append(cw.exit_event)
    if cw.exit_condition is not None:
        names += sorted(cw.exit_condition.events())
    for node in cw.nodes.values():
        for field_name, info in type(node.settings).model_fields.items():
            value = getattr(node.settings, field_name)
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            if field_name == "event" and isinstance(value, str):
                names.append(value)
            elif extra.get("editor") == "condition" and isinstance(value, str) and value:
                names += sorted(parse_condition(value).events())
    return list(dict.fromkeys(names))


def waited_events(cw: CompiledWorkflow) -> list[str]:
    """Events some step of the workflow waits for (``event`` settings)."""
    return [v for node in cw.nodes.values() if isinstance(v := getattr(node.settings, "event", None), str)]


class WorkflowEntries:
    def __init__(self, sim: Simulation, wf: WorkflowState) -> None:
        self.sim, self.wf = sim, wf
        self.arrivals = Buckets(sim.t0, sim.tick)  # rows, trigger node index
        self.on_event: dict[str, list[tuple[str, str]]] = {}
        self.segments: list[tuple[str, object, np.ndarray]] = []
        self.schedule: dict[int, list[tuple[str, str]]] = {}
        everyone = np.arange(sim.store.n)
        for node_id, rule in wf.cw.entries:
            if isinstance(rule, OnEvent):
                self.on_event.setdefault(rule.event, []).append((node_id, rule.filter))
            elif isinstance(rule, InSegment):
                self.segments.append((node_id, parse_condition(rule.condition), np.zeros(sim.store.n, dtype=bool)))
            elif isinstance(rule, ManualList):
                self.push(node_id, everyone, 0)
            elif isinstance(rule, OnSchedule):
                self._occurrences(node_id, rule)
            elif isinstance(rule, OnDateAttribute):
                self._dates(node_id, rule)

    def push(self, node_id: str, rows: np.ndarray, tick: int | np.ndarray) -> None:
        self.arrivals.push(tick, rows, self.wf.node_index[node_id], n=len(rows))

    def _occurrences(self, node_id: str, rule: OnSchedule) -> None:
        node = self.wf.cw.nodes[node_id]
        start = datetime.fromtimestamp(self.sim.t0, tz=zone("UTC"))  # strictly after the start: no back-fill
        end = self.sim.t0 + self.sim.days * 86400.0
        at = node.kind.next_occurrence(node.settings, start)  # type: ignore[attr-defined]
        while at is not None and at.timestamp() <= end:
            tick = int(self.arrivals.tick_of(at.timestamp()))
            self.schedule.setdefault(tick, []).append((node_id, rule.audience))
            at = node.kind.next_occurrence(node.settings, at)  # type: ignore[attr-defined]

    def _dates(self, node_id: str, rule: OnDateAttribute) -> None:
        sim = self.sim
        values = sim.store.value(rule.attribute, np.arange(sim.store.n)).tolist()
        zones = sim.store.timezone.values(np.arange(sim.store.n)).tolist()
        end = sim.t0 + sim.days * 86400.0
        rows, times = [], []
        for row, (value, tz) in enumerate(zip(values, zones)):
            for t in firings(rule, value, tz, sim.t0, end):
                rows.append(row)
                times.append(t)
        if rows:
            self.push(node_id, np.array(rows), self.arrivals.tick_of(np.array(times)))


class Entries:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        self.states = [WorkflowEntries(sim, wf) for wf in sim.states]
        # Segments, goal and exit conditions are re-checked every tick on small runs, daily on large ones.
        self.every = 1 if sim.store.n <= 20_000 else int(round(86400.0 / sim.tick))
        periodic = any(e.segments for e in self.states) or any(
            s.cw.goal_condition or s.cw.exit_condition for s in sim.states)
        self._next_segment = 0 if periodic else None
        self.checked = False  # this tick's periodic check ran: sweep the goal and exit conditions

    def next_check(self) -> int | None:
        ticks = [t for e in self.states for t in e.schedule]
        if self._next_segment is not None:
            ticks.append(self._next_segment)
        return min(ticks) if ticks else None

    def due(self, tick: int, now: float) -> None:
        """Schedules and segments put contacts forward; ``checked`` says whether conditions are due a sweep."""
        store, log = self.sim.store, self.sim.log
        self.checked = False
        if not any(tick in e.schedule for e in self.states) and (self._next_segment is None or tick < self._next_segment):
            return
        everyone = np.arange(store.n)
        for e in self.states:
            for node_id, audience in e.schedule.pop(tick, []):
                rows = everyone
                if audience:
                    rows = rows[parse_condition(audience).evaluate(RowsFrame(store, log, rows), now)]
                e.push(node_id, rows, tick)
        if self._next_segment is not None and tick >= self._next_segment:
            self._next_segment = tick + self.every
            if self._next_segment > self.sim.end_tick:
                self._next_segment = None
            self.checked = True
            for e in self.states:
                for node_id, condition, was in e.segments:
                    now_matching = condition.evaluate(RowsFrame(store, log, everyone), now)
                    e.push(node_id, everyone[now_matching & ~was], tick)
                    was[:] = now_matching

    def on_event(self, wf: WorkflowState, name: str, rows, src, ticks: np.ndarray) -> None:
        """Event triggers: these rows' events (at ``ticks``) put them forward to enter, filter permitting."""
        e = self.states[wf.index]
        for node_id, filter_text in e.on_event.get(name, ()):
            chosen, at = rows, ticks
            if filter_text:
                log = self.sim.log
                props = np.array([log.props[s] for s in src.tolist()] + [None], dtype=object)[:-1]
                frame = RowsFrame(self.sim.store, log, rows, props)
                hit = parse_condition(filter_text).evaluate(frame, self.sim.clock[rows])
                chosen, at = rows[hit], ticks[hit]
            e.push(node_id, chosen, at)

    def enrolled(self, wf: WorkflowState, due: np.ndarray) -> list[tuple[str, np.ndarray]]:
        """Contacts entering ``wf`` from these arrivals (columns: row, trigger node index; each
        contact at its own moment), by trigger node, after the re-entry rule."""
        rows, nodes = due[:, 0].astype(np.int64), due[:, 1].astype(np.int64)
        unique, first = np.unique(rows, return_index=True)
        nodes = nodes[first]  # a contact arriving by two triggers at once enters by the first
        allowed = wf.enrol(unique)
        if len(allowed) != len(unique):
            nodes = nodes[np.isin(unique, allowed, assume_unique=True)]
        for name in wf.entry_events:
            self.sim.draw_event(wf.model, name, allowed, wf.segment[allowed], self.sim.clock[allowed])
        if len(nodes) and (nodes[0] == nodes).all():
            return [(wf.node_ids[int(nodes[0])], allowed)]
        return [(wf.node_ids[idx], allowed[nodes == idx]) for idx in np.unique(nodes).tolist()]
