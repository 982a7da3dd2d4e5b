"""Per-contact paths of a dry-run, for the contacts being traced.

Tracing every contact of a million-contact run would cost more than the run,
so only chosen rows are traced (all of them for small runs): a cheap mask
lookup per step decides. Runs are deterministic, so any contact's path can be
had by running again with the same seed and that contact traced.
"""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

DAY = 86400.0


class Tracer:
    def __init__(self, n: int, t0: float, rows: np.ndarray | None) -> None:
        self.t0 = t0
        self.mask = None
        if rows is not None and len(rows):
            self.mask = np.zeros(n, dtype=bool)
            self.mask[rows] = True
        self.steps: dict[int, list[dict]] = {}

    def pick(self, rows: np.ndarray) -> list[int]:
        if self.mask is None or not len(rows):
            return []
        hit = self.mask[rows]
        return rows[hit].tolist() if hit.any() else []

    def _add(self, row: int, t: float, **fields) -> None:
        fields["t"] = t  # absolute for now; made relative (and readable) in path()
        self.steps.setdefault(row, []).append(fields)

    # ``clock`` below: each contact's current moment, a column indexed by row.
    def visit(self, rows, clock, workflow: str, node: str, ports) -> None:
        picked = self.pick(rows)
        if not picked:
            return
        if isinstance(ports, np.ndarray):
            by_row = dict(zip(rows.tolist(), ports.tolist()))
        for row in picked:
            port = ports if isinstance(ports, str) or ports is None else by_row[row]
            self._add(row, float(clock[row]), type="step", workflow=workflow, node=node, port=port)

    def note(self, rows, clock, workflow: str, node: str, kind: str, text: str) -> None:
        for row in self.pick(rows):
            self._add(row, float(clock[row]), type=kind, workflow=workflow, node=node, detail=text)

    def send(self, rows, clock, at, delivered, workflow: str, node: str, channel: str) -> None:
        picked = set(self.pick(rows))
        if not picked:
            return
        for row, t, ok in zip(rows.tolist(), at.tolist(), delivered.tolist()):
            if row in picked:
                now = float(clock[row])
                self._add(row, now, type="message", workflow=workflow, node=node, channel=channel,
                          status="delivered" if ok else "failed", delivered_at=_iso(t), deferred=bool(t > now))

    def suppressed(self, rows, clock, workflow: str, node: str, channel: str, reason: str) -> None:
        for row in self.pick(rows):
            self._add(row, float(clock[row]), type="message", workflow=workflow, node=node, channel=channel,
                      status=f"suppressed: {reason}")

    def event(self, rows, ts, name: str) -> None:
        picked = set(self.pick(rows))
        if not picked:
            return
        for row, t in zip(rows.tolist(), ts.tolist()):
            if row in picked:
                self._add(row, t, type="event", event=name)

    def path(self, row: int) -> list[dict]:
        # Events that change nothing at their time are logged when drawn: order by time (stable).
        out = []
        for step in sorted(self.steps.get(row, []), key=lambda s: s["t"]):
            t = step["t"]
            out.append({"t": round(t - self.t0, 3), "at": _iso(t), **{k: v for k, v in step.items() if k != "t"}})
        return out


def _iso(t: float) -> str:
    return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class TraceHooks:
    """What the simulation's sink and delivery call as contacts move: tracing,
    and scripted events that follow a step (journey tests). Mixed into Simulation."""

    def arrived(self, wf, rows, node_id: str) -> None:
        if self._after:
            self._scripted_after(wf, rows, node_id)

    def trace_leave(self, wf, rows, node_id: str, ports) -> None:
        if self.tracer.mask is not None:
            self.tracer.visit(rows, self.clock, wf.cw.workflow.id, node_id, ports)

    def trace_send(self, wf, node_id, rows, at, delivered) -> None:
        ch = wf.messages[node_id]["channel"]
        self.tracer.send(rows, self.clock, at, delivered, wf.cw.workflow.id, node_id, ch)

    def trace_suppressed(self, wf, node_id, rows, reason) -> None:
        ch = wf.messages[node_id]["channel"]
        self.tracer.suppressed(rows, self.clock, wf.cw.workflow.id, node_id, ch, reason)

    def trace_deferred(self, wf, node_id, rows, until) -> None:
        if self.tracer.mask is None:
            return
        for row, t in zip(rows.tolist(), until.tolist()):
            self.tracer.note(np.array([row]), self.clock, wf.cw.workflow.id, node_id, "deferred",
                             f"quiet hours, until {datetime.fromtimestamp(t, UTC):%Y-%m-%dT%H:%M:%SZ}")

    def trace_note(self, wf, rows, node_id, text) -> None:
        kind = "stage" if text.startswith("stage") else "end"
        self.tracer.note(rows, self.clock, wf.cw.workflow.id, node_id, kind, text)

    def _scripted_after(self, wf, rows, node_id: str) -> None:
        for row, e in self._after.get((wf.cw.workflow.id, node_id), []):
            if np.any(rows == row):
                self.queue_events(e.event, np.array([row]), np.array([self.clock[row] + e.delay]),
                                  self.log.props_id(e.properties))
