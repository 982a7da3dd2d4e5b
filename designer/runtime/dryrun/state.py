"""One workflow's simulated state, and the array-backed Sink the shared
interpreter writes its effects and visits to.

Where the durable engine keeps an enrolment row per contact in SQLite, the
simulator keeps one array per field over all contacts: where each contact
waits, since when, for which event, and a generation number that makes a
superseded wake-up (the event came before the timer) a no-op when it falls due.
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from designer.conditions import ContactFrame
from designer.nodes.behaviour import Effect, Finish, Send, SetStage, Update, Wait
from designer.templating import parse_template, render

from ..interpreter import CompiledNode, CompiledWorkflow, Hold
from ..rules.passes import counts_for, may_enter
from .behaviour_model import BehaviourModel
from .buckets import Buckets
from .columns import RowsFrame
from .delivery import REASONS, CapRing

if TYPE_CHECKING:
    from .simulator import Simulation

RERUN = -1  # the port code of a wake-up that runs the step again instead of leaving it


class WorkflowState:
    def __init__(self, sim: Simulation, index: int, cw: CompiledWorkflow, model: BehaviourModel) -> None:
        n = sim.store.n
        self.sim, self.index, self.cw, self.model = sim, index, cw, model
        self.node_ids = list(cw.nodes)
        self.node_index = {nid: i for i, nid in enumerate(self.node_ids)}
        self.segment = model.segment_of(RowsFrame(sim.store, sim.log, np.arange(n)), sim.t0)
        self.active = np.zeros(n, dtype=bool)
        self.entries = np.zeros(n, dtype=np.int32)
        self.entry_at = np.full(n, np.nan)
        self.goal_at = np.full(n, np.nan)
        self.gen = np.zeros(n, dtype=np.int32)  # bumped whenever a contact's wake-up changes
        self.at_node = np.full(n, -1, dtype=np.int16)
        self.wait_event = np.full(n, -1, dtype=np.int16)  # code of the event a contact waits for
        self.wait_since = np.full(n, np.nan)  # an event counts for a wait if wait_since <= its time <= wait_until
        self.wait_until = np.full(n, np.inf)
        self.rerun = np.zeros(n, dtype=bool)  # held at a send (quiet hours): entered once, however often it runs
        self.waits: dict[int, Wait] = {}  # node index -> its Wait (event, filter, ports)
        self.wakes = Buckets(sim.t0, sim.tick)  # columns: rows, gen, port code
        self.ports: list[str] = []
        self.port_code: dict[str, int] = {}
        self.entered: Counter[str] = Counter()
        self.passed: dict[str, Counter[str]] = {nid: Counter() for nid in self.node_ids}
        self.converted: Counter[str] = Counter()
        self.exited: Counter[str] = Counter()
        self.reasons: Counter[str] = Counter()
        self.stage_moves: Counter[tuple[str, str]] = Counter()
        self.messages: dict[str, dict] = {}
        self.received: dict[str, np.ndarray] = {}
        # Which way each contact went at each branching step: conversion by branch, lift vs holdout.
        self.choices: dict[str, tuple[list[str], np.ndarray]] = {}
        for nid, node in cw.nodes.items():
            ports = [p.id for p in node.kind.ports(node.settings)]
            if len(ports) > 1:
                self.choices[nid] = (ports, np.full(n, -1, dtype=np.int8))
        cap = cw.workflow.settings.frequency_cap
        self.cap = CapRing(n, cap) if cap else None
        goal = cw.workflow.goal
        self.goal_event = goal.event if goal else None
        self.goal_window = (goal.window_days if goal else 30) * 86400.0
        self.entry_events: list[str] = []  # drawn when a contact first enters (see Simulation)

    def code_of_port(self, port: str) -> int:
        if port not in self.port_code:
            self.port_code[port] = len(self.ports)
            self.ports.append(port)
        return self.port_code[port]

    def message(self, node_id: str, channel: str) -> dict:
        if node_id not in self.messages:
            stats = {"channel": channel, "attempted": 0, "delivered": 0, "failed": 0, "deferred_quiet_hours": 0}
            stats.update(dict.fromkeys(REASONS, 0))
            stats.update(opened=0, clicked=0, unsubscribed=0)
            self.messages[node_id] = stats
            self.received[node_id] = np.full(self.sim.store.n, np.nan)  # first delivery time
        return self.messages[node_id]

    # --- the Sink the interpreter calls --------------------------------------
    def frame(self, rows: np.ndarray) -> ContactFrame:
        return RowsFrame(self.sim.store, self.sim.log, rows)

    def apply(self, node: CompiledNode, rows: np.ndarray, effect: Effect, now: float) -> Hold | None:
        store = self.sim.store
        if isinstance(effect, Send):
            return self.sim.delivery.send(self, node.id, rows, effect, now)
        if isinstance(effect, SetStage):
            before = store.stage.codes[rows]
            target = store.stage.code(effect.stage)
            codes, counts = np.unique(before[before != target], return_counts=True)
            for code, k in zip(codes.tolist(), counts.tolist()):
                self.stage_moves[(str(store.stage.names[code]), effect.stage)] += k
            store.stage.codes[rows] = target
            self.sim.trace_note(self, rows, node.id, f"stage -> {effect.stage}")
        elif isinstance(effect, Update):
            for tag in effect.add_tags:
                store.set_tag(tag, rows, True)
            for tag in effect.remove_tags:
                store.set_tag(tag, rows, False)
            if effect.score_delta:
                store.score[rows] += effect.score_delta
            for name, text in effect.set_attributes.items():
                store.set_values(name, rows, self._render(text, rows))
        return None

    def _render(self, text: str, rows: np.ndarray) -> np.ndarray | str:
        names = sorted(parse_template(text).names())
        if not names:
            return render(text, {})
        variables = self.cw.blueprint.variables
        columns = {k: self.sim.store.value(k, rows).tolist() for k in names if k not in variables}
        out = np.empty(len(rows), dtype=object)
        for i in range(len(rows)):
            values = dict(variables)
            values.update({k: col[i] for k, col in columns.items()})
            out[i] = render(text, values)
        return out

    def visit(self, node: CompiledNode, rows: np.ndarray, ports: np.ndarray | str | None) -> None:
        again = self.rerun[rows]
        if again.any():
            self.rerun[rows] = False
            fresh = rows[~again]
        else:
            fresh = rows
        self.entered[node.id] += len(fresh)
        if self.sim.scripted:
            self.sim.arrived(self, fresh, node.id)
        if ports is not None:
            self.leave(node.id, rows, ports)

    def leave(self, node_id: str, rows: np.ndarray, ports: np.ndarray | str) -> None:
        """Count contacts leaving a step by port (also when a wait ends)."""
        if not isinstance(ports, str) and len(ports) and ports[0] == ports[-1] and (ports == ports[0]).all():
            ports = ports[0]  # one port for all (most steps): one comparison in C, not a Counter over strings
        if isinstance(ports, str):
            self.passed[node_id][ports] += len(rows)
            ports_of_rows: np.ndarray | str = ports
        elif node_id in self.choices:  # a branching step: one comparison per port, shared with the choices
            ports_of_rows = ports
            order, chosen = self.choices[node_id]
            left = np.ones(len(rows), dtype=bool)
            for i, port in enumerate(order):
                took = ports == port
                if took.any():
                    chosen[rows[took]] = i
                    self.passed[node_id][port] += int(np.count_nonzero(took))
                    left &= ~took
            if left.any():  # a port the kind did not declare (never expected): counted as before
                self.passed[node_id].update(ports[left].tolist())
        else:
            self.passed[node_id].update(ports.tolist())  # Counter over the strings: cheaper than np.unique
            ports_of_rows = ports
        if isinstance(ports_of_rows, str) and node_id in self.choices:
            order, chosen = self.choices[node_id]
            chosen[rows] = order.index(ports_of_rows)
        self.sim.trace_leave(self, rows, node_id, ports_of_rows)
        if self.sim.effects is not None:  # the step's event effects start here (see .effects)
            self.sim.effects.passed(self, node_id, rows, ports_of_rows)

    # --- bookkeeping the simulator drives --------------------------------------
    def enrol(self, rows: np.ndarray) -> np.ndarray:
        """Rows (distinct) allowed in by the re-entry rule at their own moment; marks them active."""
        rows = rows[may_enter(self.cw.workflow.settings.re_entry, self.active[rows], self.entries[rows],
                              self.entry_at[rows], self.sim.clock[rows])]
        self.active[rows] = True
        self.entries[rows] += 1
        self.entry_at[rows] = self.sim.clock[rows]
        self.goal_at[rows] = np.nan  # a new entry is a new chance to convert
        return rows

    def finish(self, node_id: str, rows: np.ndarray, finish: Finish, at: float | np.ndarray | None = None) -> None:
        """End these rows' pass at ``node_id``; ``at`` is when a goal was reached (default: each row's now)."""
        self.active[rows] = False
        self.at_node[rows] = -1
        self.wait_event[rows] = -1
        self.rerun[rows] = False
        self.gen[rows] += 1
        (self.converted if finish.converted else self.exited)[node_id] += len(rows)
        self.reasons[finish.reason] += len(rows)
        if finish.converted:
            self.goal_at[rows] = self.sim.clock[rows] if at is None else at
        self.sim.trace_note(self, rows, node_id, ("converted: " if finish.converted else "exit: ") + finish.reason)

    def finish_where(self, rows: np.ndarray, finish: Finish, at: np.ndarray | None = None) -> None:
        """End the pass of active rows wherever each one is (goal reached while waiting)."""
        nodes = self.at_node[rows]
        for idx in np.unique(nodes).tolist():
            sel = nodes == idx
            self.finish(self.node_ids[idx], rows[sel], finish, None if at is None else at[sel])

    def in_goal_window(self, rows: np.ndarray, at: float | np.ndarray) -> np.ndarray:
        """Active rows whose pass still counts a goal reached at ``at``."""
        entry = self.entry_at[rows]
        return self.active[rows] & counts_for(entry, entry + self.goal_window, at)

    def wait(self, node_id: str, rows: np.ndarray, wait: Wait) -> np.ndarray:
        """Park rows at a wait; returns the rows already due (until <= their now)."""
        now = self.sim.clock[rows]
        idx = self.node_index[node_id]
        self.waits[idx] = wait
        self.at_node[rows] = idx
        self.gen[rows] += 1
        event_code = self.sim.event_code(wait.event) if wait.event else -1
        self.wait_event[rows] = event_code
        self.wait_since[rows] = now
        port = self.code_of_port(wait.timer_port)
        if not isinstance(wait.until, np.ndarray):  # one time for all (delays, timeouts): the common case
            until = float(wait.until)
            self.wait_until[rows] = until
            due = until <= now
            if due.all():
                return rows
            if until != np.inf:
                timed = rows[~due] if due.any() else rows
                self.wakes.push(int(self.wakes.tick_of(until)), timed, self.gen[timed], port)
            return rows[due]
        until = wait.until
        self.wait_until[rows] = until
        due = until <= now
        timed = ~due & np.isfinite(until)
        ports = np.full(int(timed.sum()), port, dtype=np.int16)
        self.wakes.push(self.wakes.tick_of(until[timed]), rows[timed], self.gen[rows[timed]], ports)
        return rows[due]

    def hold(self, node_id: str, rows: np.ndarray, until: np.ndarray) -> None:
        """Keep rows at a send step until ``until``, then run it again (quiet hours)."""
        self.at_node[rows] = self.node_index[node_id]
        self.wait_event[rows] = -1
        self.rerun[rows] = True
        self.gen[rows] += 1
        self.wakes.push(self.wakes.tick_of(until), rows, self.gen[rows], RERUN)

    def waiting_counts(self) -> dict[str, int]:
        codes, counts = np.unique(self.at_node[self.at_node >= 0], return_counts=True)
        return {self.node_ids[c]: int(k) for c, k in zip(codes.tolist(), counts.tolist())}
