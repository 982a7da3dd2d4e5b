"""The dry-run simulator: the shared interpreter driven by a virtual clock.

Same engine, same node behaviour as a real run (:func:`~designer.runtime.interpreter.advance`);
only the clock (virtual ticks), the store (numpy columns, see
:mod:`.state`) and delivery (simulated responses, :mod:`.delivery`)
differ. The shared tick (:func:`~designer.runtime.tick.run_tick`) commits the
events due, wakes the waits that are due, enrols the contacts triggers put
forward, and calls ``advance`` once per workflow with every contact that
moves, so a step over 100,000 contacts is a few array operations. It runs over
a span of ticks at a time (two simulated days), each contact at its own tick
in its own order (:mod:`.span`); ``clock`` holds each contact's moment.

Public entry points: :class:`Simulation` (``run(progress, cancel)``) and
:func:`ScriptedEvent` lists for tests and parity runs; reports are built by
:mod:`.forecast`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

import numpy as np

from designer.blueprint import Blueprint
from designer.conditions import parse as parse_condition
from designer.i18n import Message, render
from designer.nodes import CHANNELS
from designer.nodes.behaviour import Finish, OnEvent

from ..interpreter import advance, compile_workflow
from ..rules.passes import counts_for, ended_by_conditions, settle
from ..tick import run_tick
from .behaviour_model import BehaviourModel, draw_delay, is_response_event, response_event
from .behaviour_rules import Rules
from .buckets import Buckets
from .columns import ContactStore, EventLog, RowsFrame, load_history
from .delivery import Delivery
from .effects import Effects, widen_best
from .span import Pool, Rounds
from .state import RERUN, WorkflowState
from .trace import TraceHooks, Tracer
from .triggers import Entries, referenced_events, waited_events

DEFAULT_START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # where the sample history ends
DAY = 86400.0


class Cancelled(Exception):
    """The run was stopped by its cancel callback."""


@dataclass
class ScriptedEvent:
    """An event a test or parity run makes happen: at an absolute time, or
    ``delay`` seconds after the contact passes ``after`` = (workflow id, node id)."""

    contact: str
    event: str
    at: float | None = None
    after: tuple[str, str] | None = None
    delay: float = 0.0
    properties: dict = field(default_factory=dict)


class Simulation(TraceHooks):
    def __init__(
        self,
        blueprint: Blueprint,
        store: ContactStore,
        *,
        workflows: Sequence[str] | None = None,
        days: int | None = None,
        seed: int = 0,
        start: datetime | None = None,
        tick_hours: float = 1.0,
        span_ticks: int = 48,  # ticks taken in one pass (see .span): the same per contact, far fewer calls
        scripted: list[ScriptedEvent] | None = None,
        history: list[dict] | None = None,
        trace: Sequence[str] | None = None,
    ) -> None:
        model = blueprint.simulation
        self.blueprint, self.store, self.seed = blueprint, store, seed
        self.rng = np.random.default_rng(seed)
        start = start or (model.start if model and model.start else None) or DEFAULT_START
        self.t0 = (start if start.tzinfo else start.replace(tzinfo=UTC)).timestamp()
        self.days = int(days or (model.days if model and model.days else 30))
        self.tick = tick_hours * 3600.0
        self.end_tick = int(round(self.days * DAY / self.tick))
        self.t_end = self.t0 + self.days * DAY
        self.log = EventLog(store.n)
        if history:
            load_history(store, self.log, history)
        self.scripted = scripted is not None
        chosen = [w for w in blueprint.workflows if workflows is None or w.id in workflows]
        compiled = [compile_workflow(blueprint, w) for w in chosen]
        triggers = frozenset(r.event for cw in compiled for _, r in cw.entries if isinstance(r, OnEvent))
        self.base_model = BehaviourModel(model, None, triggers, self.scripted)
        self.event_names: list[str] = []
        self.event_codes: dict[str, int] = {}
        per_day = max(1, int(round(DAY / self.tick)))
        self.events = Buckets(self.t0, self.tick, per_day)  # rows, ts, code, src, u, p, if_opened, if_clicked
        self.opened_at = np.full(store.n, np.inf)
        self.clicked_at = np.full(store.n, np.inf)
        self.scheduled: dict[str, np.ndarray] = {}  # event -> rows whose occurrence is already drawn
        self.response_src: dict[int, tuple[WorkflowState, str, str]] = {}
        self._src_ids: dict[tuple[int, str], int] = {}
        self.tracer = Tracer(store.n, self.t0, self._trace_rows(trace))
        self.delivery = Delivery(self)
        self.states = [
            WorkflowState(self, i, cw, BehaviourModel(model, cw.workflow.simulation, triggers, self.scripted))
            for i, cw in enumerate(compiled)
        ]
        self.entries = Entries(self)
        # Step overrides and conditional behaviour (issue 18): None, and off the hot path, when absent.
        self.effects = None if self.scripted else Effects.build(self)
        self.rules = None if self.scripted else Rules.build(self)
        # Events with no effect at their own time; unsubscribes change consent when they happen.
        active = set(triggers) | {s.goal_event for s in self.states} | {s.cw.exit_event for s in self.states} | {
            e for s in self.states for e in waited_events(s.cw)}
        self.inert = frozenset(e for e in (response_event(c, r) for c in CHANNELS for r in ("opened", "clicked"))
                               if e not in active)
        self.clock = np.full(store.n, self.t0)  # each contact's current moment (see .span)
        self.span = max(1, int(span_ticks))
        self.event_pool = Pool(self.events)
        self.wake_pools = [Pool(s.wakes) for s in self.states]
        self.arrival_pools = [Pool(e.arrivals) for e in self.entries.states]
        self.rounds = Rounds(store.n, [self.event_pool, *self.wake_pools, *self.arrival_pools])
        self._last, self._checks = 0, False
        self.spans_run = self.rounds_run = 0
        self._after: dict[tuple[str, str], list[tuple[int, ScriptedEvent]]] = {}
        self._setup_events(triggers, scripted or [])

    # --- set-up -------------------------------------------------------------
    def _trace_rows(self, trace: Sequence[str] | None) -> np.ndarray | None:
        if trace is None:
            return np.arange(self.store.n) if self.store.n <= 10_000 else None
        rows = [self.store.row_of(c) for c in trace]
        missing = [c for c, r in zip(trace, rows) if r is None]
        if missing:
            raise ValueError(f"no contact with id {missing[0]!r}")
        return np.array(rows, dtype=np.int64)

    def event_code(self, name: str) -> int:
        if name not in self.event_codes:
            self.event_codes[name] = len(self.event_names)
            self.event_names.append(name)
        return self.event_codes[name]

    def _setup_events(self, triggers: frozenset[str], scripted: list[ScriptedEvent]) -> None:
        if self.scripted:
            for e in scripted:
                row = self.store.row_of(e.contact)
                if row is None:
                    raise ValueError(f"scripted event for unknown contact {e.contact!r}")
                if e.after is not None:
                    self._after.setdefault(e.after, []).append((row, e))
                else:
                    self.queue_events(e.event, np.array([row]), np.array([e.at]), self.log.props_id(e.properties))
            return
        names = dict.fromkeys([*self.base_model.declared_events, *sorted(triggers)])
        for state in self.states:
            names.update(dict.fromkeys(referenced_events(state.cw)))
        self.start_events = [e for e in names if not is_response_event(e, CHANNELS)
                             and self.base_model.event(e).anchor == "start"]
        everyone = np.arange(self.store.n)
        segment = self.base_model.segment_of(RowsFrame(self.store, self.log, everyone), self.t0)
        for name in self.start_events:
            self.draw_event(self.base_model, name, everyone, segment, self.t0)
        for state in self.states:
            wanted = [*state.model.declared_events, *referenced_events(state.cw)]
            state.entry_events = [e for e in dict.fromkeys(wanted) if e not in self.start_events
                                  and not is_response_event(e, CHANNELS) and state.model.event(e).anchor == "entry"]

    def draw_event(self, model: BehaviourModel, name: str, rows, segment, anchor: float | np.ndarray) -> None:
        """Draw when (and with what chance) each row's occurrence of ``name`` happens."""
        seen = self.scheduled.setdefault(name, np.zeros(self.store.n, dtype=bool))
        fresh = ~seen[rows]
        rows, segment = rows[fresh], segment[fresh]
        if not len(rows):
            return
        seen[rows] = True
        table = model.event(name)
        anchor = np.broadcast_to(np.asarray(anchor, dtype=float), fresh.shape)[fresh]
        ts = anchor + draw_delay(self.rng, table.delay, segment)
        u = self.rng.random(len(rows))
        p = table.probability[segment]
        # Beyond the period, or too unlikely even for a clicker: it can never happen, so never queue it.
        boost = np.maximum(1.0, np.maximum(table.if_opened[segment], table.if_clicked[segment]))
        best = p * boost
        if self.rules is not None or self.effects is not None:
            best = widen_best(best, boost, name, self.effects, self.rules)
        keep = (ts <= self.t_end) & (u < best)
        self._push_events(name, rows[keep], ts[keep], self.log.props_id(table.props), u[keep], p[keep],
                          table.if_opened[segment][keep], table.if_clicked[segment][keep])

    def respond(self, name: str, rows: np.ndarray, ts: np.ndarray, src: int) -> None:
        """A simulated response (open, click, unsubscribe) at ``ts`` to one message (distinct rows)."""
        if name not in self.inert:
            self.queue_events(name, rows, ts, src)
            return
        # The fast path of _record, for the bulk of responses: nothing waits for them.
        self.log.add(name, rows, ts, src)
        if self.tracer.mask is not None:
            self.tracer.event(rows, ts, name)
        response = name.rpartition("_")[2]
        seen = self.opened_at if response == "opened" else self.clicked_at
        seen[rows] = np.minimum(seen[rows], ts)
        wf, node_id, _ = self.response_src[src]
        wf.messages[node_id][response] += int(np.count_nonzero(ts <= self.t_end))

    def queue_events(self, name: str | list[str], rows: np.ndarray, ts: np.ndarray, src: int = 0,
                     names: np.ndarray | None = None) -> None:
        """Events that will happen for sure (responses, scripted events); several
        names at once when ``name`` is a list and ``names`` indexes it per row."""
        self._push_events(name, rows, ts, src, np.full(len(rows), -1.0), 1.0, 1.0, 1.0, names)

    def _push_events(self, name, rows, ts, src, u, p, m_open, m_click, names=None) -> None:
        if not len(rows):
            return
        if names is None:
            name, names = [name], np.zeros(len(rows), dtype=np.int64)
        inert = np.array([n in self.inert for n in name])
        if inert.any():
            # Nothing happens at these events' time (no wait, trigger or goal): into the log
            # now, future-dated; every reader filters by time. Saves queueing most opens.
            now_in = inert[names] & (u < 0)
            for i in np.flatnonzero(inert).tolist():
                sel = now_in & (names == i)
                if sel.any():
                    self._record(name[i], rows[sel], ts[sel], np.full(int(sel.sum()), src))
            keep = ~now_in
            rows, ts, names, u, p, m_open, m_click = (a[keep] if isinstance(a, np.ndarray) else a
                                                      for a in (rows, ts, names, u, p, m_open, m_click))
            if not len(rows):
                return
        code = np.array([self.event_code(n) for n in name])[names] if len(name) > 1 else self.event_code(name[0])
        self.events.push(self.events.tick_of(ts), rows, ts, code, src, u, p, m_open, m_click)

    # --- the loop -------------------------------------------------------------
    def run(self, progress: Callable[[float, str], None] | None = None,
            cancel: Callable[[], bool] | None = None) -> Simulation:
        """Simulate the whole period; ``progress(fraction, message)`` is called now
        and then, and ``cancel()`` returning True stops the run with :class:`Cancelled`."""
        last = -1.0
        while True:
            queues = [self.events, *(s.wakes for s in self.states), *(s.arrivals for s in self.entries.states)]
            ticks = [t for t in (q.next_tick() for q in queues) if t is not None]
            check = self.entries.next_check()
            if check is not None:
                ticks.append(check)
            if not ticks or min(ticks) > self.end_tick:
                break
            tick = min(ticks)
            # A span of ticks, each contact in its own order (see .span); an everyone-wide check is a
            # span of its own tick, and no span reaches over one.
            end = min(tick + self.span - 1, self.end_tick)
            if check is not None:
                end = tick if check == tick else min(end, check - 1)
            self._span(tick, end)
            self.spans_run += 1
            fraction = end / max(1, self.end_tick)
            if cancel is not None and cancel():
                raise Cancelled(f"stopped at day {end * self.tick / DAY:.1f}")
            if progress is not None and fraction - last >= 0.01:
                progress(fraction, render(Message("progress.day", {"day": int(end * self.tick // DAY),
                                                                   "days": self.days})))
                last = fraction
        if progress is not None:
            progress(1.0, render(Message("progress.done")))
        return self

    def _span(self, first: int, last: int) -> None:
        """Ticks ``first`` to ``last``: rounds of the shared tick until nothing is due in them."""
        self._last, self._checks = last, first == last and self.entries.next_check() == first
        while self.rounds.start(last) or self._checks:  # a check tick runs even with nothing else due
            self.rounds_run += 1
            run_tick(self, self.events.time_of(first))
            self._checks = False  # the checks run once, in the tick's first round

    def _take(self, pool: Pool) -> np.ndarray | None:
        """The pool's items at their contact's tick this round; those contacts' clocks set to it."""
        due = self.rounds.due(pool, self._last)
        if due is not None:
            self.clock[due[:, 1].astype(np.int64)] = self.t0 + due[:, 0] * self.tick
        return due

    # --- the phases of a tick (see ..tick), on the array store -------------------
    def take_events(self, now: float) -> Counter:
        due = self._take(self.event_pool)
        if due is not None:
            self._commit_events(due)  # goals, exits, waits; triggers put contacts forward
        return Counter()

    def advance_due(self, now: float) -> Counter:
        for wf, pool in zip(self.states, self.wake_pools):
            positions: dict[str, list[np.ndarray]] = {}
            woken = self._take(pool)
            if woken is not None:
                rows, gen = woken[:, 1].astype(np.int64), woken[:, 2].astype(np.int64)
                port = woken[:, 3].astype(np.int64)
                valid = wf.gen[rows] == gen
                rows, port = rows[valid], port[valid]
                # Like the real engine, a contact that already meets the goal condition converts where it is
                # (and one meeting the exit criteria condition leaves there).
                ended = self._ended_by_conditions(wf, rows)
                rows, port = rows[~ended], port[~ended]
                self._leave_waits(wf, rows, port, positions)
            self._advance(wf, positions)
        return Counter()

    def enrol(self, now: float) -> Counter:
        if self._checks:
            self.entries.due(self._last, now)  # schedules, segments (and when to sweep conditions)
        return Counter()

    def sweep_conditions(self, now: float) -> Counter:
        if self._checks and self.entries.checked:
            self.sweep_goals(now)
        return Counter()

    def start_passes(self, now: float) -> Counter:
        for wf, pool in zip(self.states, self.arrival_pools):
            positions: dict[str, list[np.ndarray]] = {}
            due = self._take(pool)
            for node_id, rows in self.entries.enrolled(wf, due[:, 1:]) if due is not None else ():
                # Like the real engine, a contact meeting the goal (or the exit criteria) on entry leaves at the trigger.
                rows = rows[~self._ended_by_conditions(wf, rows, node_id)]
                if len(rows):
                    positions.setdefault(node_id, []).append(rows)
            self._advance(wf, positions)
        return Counter()

    def _advance(self, wf: WorkflowState, positions: dict[str, list[np.ndarray]]) -> None:
        """Run these contacts through ``wf`` until each waits or finishes (waits already over move on),
        each at its own moment."""
        clock = self.clock
        while positions:
            merged = {k: np.concatenate(v) if len(v) > 1 else v[0] for k, v in positions.items()}
            positions = {}
            result = advance(wf.cw, merged, clock, self.rng, wf)
            self.delivery.flush(wf)  # the caps, over this advance's sends (as the durable sink's flush)
            # The journey's own updates may have met the goal, or the exit criteria: they end where they stopped.
            late, gone = settle(wf.cw, result, lambda rows: RowsFrame(self.store, self.log, rows),
                                lambda rows: wf.in_goal_window(rows, clock[rows]), clock)
            due_now = []
            for w in result.waiting:
                due = wf.wait(w.node_id, w.rows, w.wait)
                self.tracer.note(w.rows, clock, wf.cw.workflow.id, w.node_id, "wait", "waiting")
                if len(due):
                    due_now.append((w, due))
            for h in result.held:
                wf.hold(h.node_id, h.rows, h.until)
            for f in result.finished:
                rows = f.rows
                if len(late) and not f.finish.converted:
                    met = np.isin(rows, late)
                    wf.finish(f.node_id, rows[met], Finish(True, self._goal_reason(wf)))
                    rows = rows[~met]
                wf.finish(f.node_id, rows, f.finish)
            if len(late):
                self._finish(wf, late[wf.active[late]], Finish(True, self._goal_reason(wf)), None)
            if len(gone):
                self._finish(wf, gone, Finish(False, wf.cw.exit_reason(by_event=False)), None)
            for w, due in due_now:  # waits already over move on (checked at the wait first, as above)
                due = due[wf.active[due]]
                if len(due):
                    code = np.full(len(due), wf.code_of_port(w.wait.timer_port), dtype=np.int16)
                    self._leave_waits(wf, due, code, positions)

    def _ended_by_conditions(self, wf: WorkflowState, rows: np.ndarray, node_id: str | None = None) -> np.ndarray:
        """Finish the rows that meet the goal condition (converted), then those of the rest that meet
        the exit criteria condition (exited), at ``node_id`` or wherever each one is; returns the mask
        of the rows finished."""
        if not len(rows) or (wf.cw.goal_condition is None and wf.cw.exit_condition is None):
            return np.zeros(len(rows), dtype=bool)
        now = self.clock[rows]
        met, gone = ended_by_conditions(wf.cw, RowsFrame(self.store, self.log, rows), wf.in_goal_window(rows, now), now)
        self._finish(wf, rows[met], Finish(True, self._goal_reason(wf)), node_id)
        if gone.any():
            self._finish(wf, rows[gone], Finish(False, wf.cw.exit_reason(by_event=False)), node_id)
        return met | gone

    @staticmethod
    def _finish(wf: WorkflowState, rows: np.ndarray, finish: Finish, node_id: str | None) -> None:
        if not len(rows):
            return
        if node_id is None:
            wf.finish_where(rows, finish)
        else:
            wf.finish(node_id, rows, finish)

    @staticmethod
    def _goal_reason(wf: WorkflowState) -> str:
        goal = wf.cw.workflow.goal
        return f"goal reached: {goal.condition if goal and goal.condition else ''}"

    def _leave_waits(self, wf: WorkflowState, rows, port_codes, positions) -> None:
        """Rows whose wait ended move on by the given ports; held rows run their step again."""
        if not len(rows):
            return
        nodes = wf.at_node[rows].astype(np.int64)
        again = port_codes == RERUN
        if again.any():
            for idx in np.unique(nodes[again]).tolist():
                positions.setdefault(wf.node_ids[idx], []).append(rows[again & (nodes == idx)])
            rows, nodes, port_codes = rows[~again], nodes[~again], port_codes[~again]
        wf.at_node[rows] = -1
        wf.wait_event[rows] = -1
        wf.gen[rows] += 1
        key = nodes * 1000 + port_codes
        for k in np.unique(key).tolist():
            sel = rows[key == k]
            node_id, port = wf.node_ids[k // 1000], wf.ports[k % 1000]
            wf.leave(node_id, sel, port)
            target = wf.cw.route(node_id, port)
            if target is None:
                wf.finish(node_id, sel, Finish(False, f"end of path after '{wf.cw.nodes[node_id].title}'"))
            else:
                positions.setdefault(target, []).append(sel)

    def sweep_goals(self, now: float) -> None:
        """Convert active contacts who now meet a goal condition, then take out those who meet an
        exit criteria condition (the real engine sweeps too, in that order)."""
        for wf in self.states:
            if wf.cw.goal_condition is not None or wf.cw.exit_condition is not None:
                inside = np.flatnonzero(wf.active)
                self.clock[inside] = now
                self._ended_by_conditions(wf, inside)

    # --- events ---------------------------------------------------------------
    def _commit_events(self, due: np.ndarray) -> None:
        """The events due (columns: tick, row, time, code, src, u, p, if opened, if clicked), each
        contact at its own tick (its clock is set to it)."""
        rows, code, src = due[:, 1].astype(np.int64), due[:, 3].astype(np.int64), due[:, 4].astype(np.int64)
        ts, u, p, m_open, m_click = due[:, 2], due[:, 5], due[:, 6], due[:, 7], due[:, 8]
        if self.rules is not None:
            rows, ts, code, src, u, p, keep = self.rules.apply(rows, ts, code, src, u, p)
            if keep is not None:
                m_open, m_click = m_open[keep], m_click[keep]
        boost = np.where(self.clicked_at[rows] <= ts, m_click, np.where(self.opened_at[rows] <= ts, m_open, 1.0))
        prob = p * boost
        if self.effects is not None:
            prob = self.effects.adjust(code, rows, prob)
        fired = u < np.minimum(prob, 1.0)
        rows, ts, code, src = rows[fired], ts[fired], code[fired], src[fired]
        happened = [(self.event_names[c], code == c) for c in np.flatnonzero(np.bincount(code)).tolist()]
        for name, sel in happened:
            self._record(name, rows[sel], ts[sel], src[sel])
        # The real engine's order: goals (for all of this moment's events), then exits, then waits, then triggers.
        for wf in self.states:
            for name, sel in happened:
                if wf.goal_event == name:  # the goal event ends the pass, converted, wherever the contact is
                    self._goal_event(wf, name, rows[sel], ts[sel])
            for name, sel in happened:
                if wf.cw.exit_event == name:  # so does the exit event, exited (a converted contact has gone)
                    self._exit_event(wf, rows[sel], ts[sel])
        for name, sel in happened:
            self._happened(name, rows[sel], ts[sel], src[sel])

    def _record(self, name: str, rows, ts, src) -> None:
        """An event into the log, with what it means for message metrics and consent."""
        self.log.add(name, rows, ts, src)
        self.tracer.event(rows, ts, name)
        channel, _, response = name.rpartition("_")
        if channel in CHANNELS and response in ("opened", "clicked", "unsubscribed"):
            if response == "opened":
                np.minimum.at(self.opened_at, rows, ts)
            elif response == "clicked":
                np.minimum.at(self.clicked_at, rows, ts)
            else:
                self.store.consent[channel][rows] = False
            counts = np.bincount(src[ts <= self.t_end])  # responses after the period are not counted
            for s in np.flatnonzero(counts).tolist():
                if s in self.response_src:
                    wf, node_id, _ = self.response_src[s]
                    wf.messages[node_id][response] += int(counts[s])

    def _goal_event(self, wf: WorkflowState, name: str, rows, ts) -> None:
        ok = wf.in_goal_window(rows, ts)
        r, first = np.unique(rows[ok], return_index=True) if ok.any() else (rows[:0], rows[:0])
        if len(r):
            wf.finish_where(r, Finish(True, f"goal reached: {name}"), ts[ok][first])

    def _exit_event(self, wf: WorkflowState, rows, ts) -> None:
        ok = wf.active[rows] & counts_for(wf.entry_at[rows], np.inf, ts)  # an exit event counts from entry on
        r = np.unique(rows[ok])
        if len(r):
            wf.finish_where(r, Finish(False, wf.cw.exit_reason(by_event=True)))

    def _happened(self, name: str, rows, ts, src) -> None:
        """Waits and triggers for one event name (recorded, goals and exits done by the caller)."""
        code = self.event_codes[name]
        ticks = self.events.tick_of(self.clock[rows])  # each contact's tick: what it wakes or enters is due then
        for wf in self.states:  # after goals and exits: waits, then triggers
            waiting = wf.wait_event[rows] == code
            if waiting.any():
                self._wake_on_event(wf, rows[waiting], ts[waiting], src[waiting])
            self.entries.on_event(wf, name, rows, src, ticks)

    def _wake_on_event(self, wf: WorkflowState, rows, ts, src) -> None:
        fits = counts_for(wf.wait_since[rows], wf.wait_until[rows], ts)  # after the wait began, before it timed out
        rows, ts, src = rows[fits], ts[fits], src[fits]
        nodes = wf.at_node[rows]
        for idx in np.unique(nodes).tolist():
            sel = nodes == idx
            r, wait = rows[sel], wf.waits[idx]
            if wait.event_filter:
                props = np.array([self.log.props[s] for s in src[sel].tolist()] + [None], dtype=object)[:-1]
                frame = RowsFrame(self.store, self.log, r, props)
                r = r[parse_condition(wait.event_filter).evaluate(frame, self.clock[r])]
            r = np.unique(r)  # the first matching event wakes it (a contact waits at one step)
            if len(r):
                wf.wait_event[r] = -1
                wf.gen[r] += 1  # the timer is superseded
                wf.wakes.push(self.events.tick_of(self.clock[r]), r, wf.gen[r], wf.code_of_port(wait.event_port))

    # --- hooks for delivery and tracing -----------------------------------------
    def response_src_id(self, wf: WorkflowState, node_id: str, channel: str) -> int:
        key = (wf.index, node_id)
        if key not in self._src_ids:
            src = self.log.props_id({"workflow": wf.cw.workflow.id, "node": node_id, "channel": channel})
            self.response_src[src] = (wf, node_id, channel)
            self._src_ids[key] = src
        return self._src_ids[key]
