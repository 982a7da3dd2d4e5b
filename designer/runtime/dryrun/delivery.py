"""Simulated delivery: what the dry-run does where the real engine would send.

The same rules as a real send (consent, an address for the channel, the
workflow's and the programme's frequency caps, quiet hours), then a simulated
outcome drawn from the behaviour model: delivered or not, and the opens,
clicks and unsubscribes that follow, which are queued as events at their
times. Counters for the forecast (messages per channel per day, suppressions,
contact pressure) are kept here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from designer.blueprint import FrequencyCap, QuietHours
from designer.limits import MAX_OUTPUT_LENGTH
from designer.nodes.behaviour import Send
from designer.templating import size_plan

from ..interpreter import Hold
from ..rules.sending import channel_rank, over_caps, quiet_until, send_order
from .behaviour_model import draw_delay, response_event

if TYPE_CHECKING:
    from .simulator import Simulation
    from .state import WorkflowState

DAY, WEEK = 86400.0, 7 * 86400.0
REASONS = ("no_consent", "no_address", "message_too_large", "frequency_cap")


def _lengths(values: np.ndarray) -> np.ndarray:
    """Each value's length as rendered text (numbers and flags are short: not counted one by one)."""
    if values.dtype != object:
        return np.full(len(values), 32, dtype=np.int64)
    return np.fromiter((0 if v is None else len(str(v)) for v in values), dtype=np.int64, count=len(values))


def _longest_text(values: np.ndarray) -> int:
    """The longest of these values as rendered text (0 for none): as ``_lengths(values).max()``."""
    if values.dtype == object:
        texts = values.tolist()
        if set(map(type, texts)) <= {str}:  # all text (the usual case): lengths in C, no str() per value
            return max(map(len, texts), default=0)
    return int(_lengths(values).max(initial=0))


def _groups(values: np.ndarray) -> list[tuple[float | int, np.ndarray | None]]:
    """(value, mask) per distinct value; the mask is None when all are alike (the usual case:
    no per-row selection then)."""
    if not len(values):
        return []
    if values[0] == values[-1] and (values == values[0]).all():
        return [(values[0].item(), None)]
    return [(v, values == v) for v in np.unique(values).tolist()]


def _distinct(rows: np.ndarray) -> bool:
    """No contact twice among these sends."""
    ordered = np.sort(rows)
    return not (ordered[1:] == ordered[:-1]).any()


class CapRing:
    """The last ``k`` message times of every contact (relative seconds): enough to
    count messages within a cap's period without keeping every send."""

    def __init__(self, n: int, cap: FrequencyCap) -> None:
        self.cap = cap
        self.times = np.full((n, cap.max_messages), -np.inf, dtype=np.float32)
        self.hit = np.zeros(n, dtype=bool)

    def used(self, rows: np.ndarray, now_rel: float | np.ndarray) -> np.ndarray:
        """Messages each row had within the cap's period before its ``now_rel`` (as many as the ring holds)."""
        times = self.times[rows]
        since = np.asarray(now_rel - self.cap.period_days * DAY, dtype=np.float32)
        if times.shape[1] > 8:
            return (times > (since[:, None] if since.ndim else since)).sum(axis=1)
        used = (times[:, 0] > since).astype(np.int64)
        for k in range(1, times.shape[1]):  # a few columns: column by column beats a reduce along rows
            used += times[:, k] > since
        return used

    def record(self, rows: np.ndarray, at_rel: np.ndarray) -> None:
        slot = self.times[rows].argmin(axis=1)  # replace the oldest
        self.times[rows, slot] = at_rel


@dataclass
class ChannelCounts:
    sent: np.ndarray  # delivered messages per simulated day
    attempted: int = 0
    delivered: int = 0
    failed: int = 0
    deferred_quiet_hours: int = 0
    suppressed: dict[str, int] = field(default_factory=lambda: dict.fromkeys(REASONS, 0))


class Delivery:
    def __init__(self, sim: Simulation) -> None:
        self.sim = sim
        n, self.days = sim.store.n, sim.days
        self.channels: dict[str, ChannelCounts] = {}
        self.programme = CapRing(n, sim.blueprint.programme_cap) if sim.blueprint.programme_cap else None
        self.weeks = max(1, int(np.ceil(self.days / 7)))
        self.per_week = np.zeros((self.weeks, n), dtype=np.uint16)  # messages per week per contact (a row a week)
        self.per_day = np.zeros(self.days, dtype=np.int64)
        self._reach: dict[str, np.ndarray] = {}
        self._quiet_tables: dict[tuple, np.ndarray] = {}
        self._size_plans: dict[tuple[str, str], list[tuple[int, tuple[str, ...]]]] = {}
        self._longest_value: dict[str, int] = {}  # per contact field: its longest value as text
        self._capped: list[tuple] = []  # sends waiting for the caps (see flush)

    def counts(self, channel: str) -> ChannelCounts:
        if channel not in self.channels:
            self.channels[channel] = ChannelCounts(np.zeros(self.days, dtype=np.int64))
        return self.channels[channel]

    def reachable(self, channel: str) -> np.ndarray:
        if channel not in self._reach:
            self._reach[channel] = self.sim.store.reachable(channel)
        return self._reach[channel]

    def send(self, wf: WorkflowState, node_id: str, rows: np.ndarray, send: Send,
             now: float | np.ndarray) -> Hold | None:
        """The send-time rules of :mod:`..rules.sending` at each row's ``now``, in their order: consent and address
        (else suppressed), quiet hours (held: the contact waits at the step and
        runs it again when the window opens), frequency caps (else suppressed)."""
        sim, ch = self.sim, send.channel
        now = np.broadcast_to(np.asarray(now, dtype=float), rows.shape)  # one time for all is fine too
        counts, stats = self.counts(ch), wf.message(node_id, ch)
        keep = np.ones(len(rows), dtype=bool)
        held = None
        if send.is_message:  # hand-offs to systems and the team need neither consent nor an address
            consent, reach = sim.store.consent[ch][rows], self.reachable(ch)[rows]
            if not (consent.all() and reach.all()):
                self._suppress(wf, node_id, rows, keep, ~consent, "no_consent", counts, stats)
                self._suppress(wf, node_id, rows, keep, ~reach, "no_address", counts, stats)
            held = self._quiet_hours(wf.cw.workflow.settings.quiet_hours, rows, keep, now)
            if held is not None:
                keep &= ~held.mask
                counts.deferred_quiet_hours += len(held.until)
                stats["deferred_quiet_hours"] += len(held.until)
                sim.trace_deferred(wf, node_id, rows[held.mask], held.until)
        too_large = self._too_large(wf, node_id, send, rows)  # after quiet hours, before caps: the real order
        if too_large is not None:
            self._suppress(wf, node_id, rows, keep, too_large, "message_too_large", counts, stats)
        # Held rows are attempted when they run the step again; suppressed ones count now.
        attempted = len(rows) - (len(held.until) if held is not None else 0)
        counts.attempted += attempted
        stats["attempted"] += attempted
        if held is not None or not keep.all():
            rows, now = rows[keep], now[keep]
        if not len(rows):
            return held
        if send.is_message and (wf.cap is not None or self.programme is not None):
            # Caps are judged once the step's batch has run (flush), over all its sends at this
            # moment, so a contact sent several channels at once keeps those of higher priority.
            self._capped.append((wf, node_id, ch, send, rows, now, counts, stats))
        else:
            self._deliver(wf, node_id, ch, send, rows, now, counts, stats)
        return held

    def flush(self, wf: WorkflowState) -> None:
        """Frequency caps over the sends of one advance of ``wf`` (see :func:`over_caps`), then delivery."""
        pending, self._capped = self._capped, []
        if not pending:
            return
        rings = [r for r in (wf.cap, self.programme) if r is not None]
        rows = np.concatenate([p[4] for p in pending]) if len(pending) > 1 else pending[0][4]
        now = np.concatenate([p[5] for p in pending]) if len(pending) > 1 else pending[0][5]
        if len(pending) == 1 or _distinct(rows):  # each contact once: every send is its contact's first
            position = np.zeros(len(rows), dtype=np.int64)
        else:
            priority = wf.cw.workflow.settings.channel_priority
            rank = np.concatenate([np.full(len(p[4]), channel_rank(priority, p[2])) for p in pending])
            _, position = send_order(rows, rank)
        now_rel = now - self.sim.t0
        broken = over_caps([r.used(rows, now_rel) for r in rings], [r.cap for r in rings], position)
        for c, ring in enumerate(rings):
            ring.hit[rows[broken == c]] = True
        start = 0
        for wf_, node_id, ch, send, group, at, counts, stats in pending:
            over = broken[start:start + len(group)] >= 0
            start += len(group)
            keep = np.ones(len(group), dtype=bool)
            self._suppress(wf_, node_id, group, keep, over, "frequency_cap", counts, stats)
            if keep.any():
                self._deliver(wf_, node_id, ch, send, group[keep], at[keep], counts, stats)

    def _deliver(self, wf, node_id, ch, send, rows, now, counts, stats) -> None:
        sim = self.sim
        if send.is_message:
            for ring in (wf.cap, self.programme):
                if ring is not None:
                    ring.record(rows, (now - sim.t0).astype(np.float32))
        table = wf.model.channel(ch)
        if sim.effects is not None:  # the step's own rates (see .effects)
            table = sim.effects.channel(wf, node_id, ch, table)
        seg = wf.segment[rows]
        delivered = sim.rng.random(len(rows)) < table.delivery[seg]
        if sim.tracer.mask is not None:
            sim.trace_send(wf, node_id, rows, now, delivered)
        if not delivered.all():
            failed = int(len(rows) - delivered.sum())
            counts.failed += failed
            stats["failed"] += failed
            rows, seg, now = rows[delivered], seg[delivered], now[delivered]
        counts.delivered += len(rows)
        stats["delivered"] += len(rows)
        got = wf.received[node_id]
        got[rows] = np.fmin(got[rows], now)
        days = ((now - sim.t0) // DAY).astype(np.int64)
        for day, sel in _groups(days):
            self._count_day(day, rows if sel is None else rows[sel], send, counts)
        self._responses(wf, node_id, ch, table, rows, now, seg)

    def _count_day(self, day: int, rows: np.ndarray, send: Send, counts: ChannelCounts) -> None:
        """Messages delivered on a simulated day (none counted after the period)."""
        if day < self.days:
            counts.sent[day] += len(rows)
            if send.is_message:
                self.per_day[day] += len(rows)
                self.per_week[min(day // 7, self.weeks - 1)][rows] += 1

    def _too_large(self, wf, node_id: str, send: Send, rows: np.ndarray) -> np.ndarray | None:
        """Rows whose message the real send could not write (a field renders over the size limit).
        Measured, not rendered: the contact values' lengths are counted only when the longest
        values could reach the limit, which real contacts never do."""
        key = (wf.cw.workflow.id, node_id)
        if key not in self._size_plans:  # only the fields whose longest values could reach the limit
            variables = self.sim.blueprint.variables
            plans = [size_plan(v, variables) for v in send.content.values() if isinstance(v, str)]
            self._size_plans[key] = [(fixed, names) for fixed, names in plans
                                     if fixed + sum(self._longest(n) for n in names) > MAX_OUTPUT_LENGTH]
        over = None
        for fixed, names in self._size_plans[key]:
            length = np.full(len(rows), fixed, dtype=np.int64)
            for name in names:
                length += _lengths(self.sim.store.value(name, rows))
            over = (length > MAX_OUTPUT_LENGTH) | (False if over is None else over)
        return over

    def _longest(self, name: str) -> int:
        if name not in self._longest_value:
            store = self.sim.store
            self._longest_value[name] = _longest_text(store.value(name, np.arange(store.n)))
        return self._longest_value[name]

    def _suppress(self, wf, node_id, rows, keep, mask, reason, counts, stats) -> None:
        hit = keep & mask
        k = int(np.count_nonzero(hit))
        if k:
            counts.suppressed[reason] += k
            stats[reason] += k
            keep &= ~mask
            self.sim.trace_suppressed(wf, node_id, rows[hit], reason)

    def _quiet_hours(self, qh: QuietHours | None, rows: np.ndarray, keep: np.ndarray,
                     now: np.ndarray) -> Hold | None:
        if qh is None or qh.start == qh.end or not keep.any():
            return None
        codes = self.sim.store.timezone.codes[rows]
        at = np.empty(len(rows))
        for t, sel in _groups(now):  # a table per moment (rows of a span have several)
            if sel is None:
                at = self._quiet_table_at(qh, t)[codes]
            else:
                at[sel] = self._quiet_table_at(qh, t)[codes[sel]]
        mask = keep & (at > now + 1e-6)
        return Hold(mask, at[mask], "quiet hours") if mask.any() else None

    def _quiet_table_at(self, qh: QuietHours, now: float) -> np.ndarray:
        """When a message may go at ``now``, per time zone of the store: one look-up per zone and moment."""
        names = self.sim.store.timezone.names
        key = (now, qh.start, qh.end, qh.timezone, qh.use_contact_timezone, len(names))
        if key not in self._quiet_tables:
            if len(self._quiet_tables) > 64:
                self._quiet_tables.clear()
            self._quiet_tables[key] = quiet_until(qh, names, now)
        return self._quiet_tables[key]

    def _responses(self, wf, node_id, ch, table, rows, at, seg) -> None:
        """Queue the opens, clicks and unsubscribes that follow these deliveries."""
        sim = self.sim
        if not len(rows) or not (table.open.any() or table.unsubscribe.any()):
            return
        rng = sim.rng
        src = sim.response_src_id(wf, node_id, ch)
        u = rng.random((3, len(rows)))  # one draw for open, click and unsubscribe
        opened = u[0] < table.open[seg]
        open_at = draw_delay(rng, table.open_delay, seg) + at
        clicked = opened & (u[1] < table.click[seg])
        unsub = u[2] < table.unsubscribe[seg]
        for name, mask in (("opened", opened), ("clicked", clicked), ("unsubscribed", unsub)):
            if mask.any():
                ts = open_at[mask]
                if name == "clicked":
                    ts = ts + draw_delay(rng, table.click_delay, seg[mask])
                sim.respond(response_event(ch, name), rows[mask], ts, src)

    def pressure(self, enrolled: np.ndarray) -> dict:
        """Messages per contact per week across every simulated workflow."""
        hist = np.zeros(1, dtype=np.int64)
        peak = np.zeros(len(enrolled), dtype=self.per_week.dtype)
        for week in self.per_week if len(enrolled) else ():  # a week at a time: small temporaries, no big copy
            sent = week[enrolled]
            counts = np.bincount(sent)
            if len(counts) > len(hist):
                hist = np.pad(hist, (0, len(counts) - len(hist)))
            hist[:len(counts)] += counts
            np.maximum(peak, sent, out=peak)
        worst = np.argsort(-self.per_day, kind="stable")[:5]
        out = {
            "contacts": len(enrolled),
            "messages_per_contact_week": {str(k): int(v) for k, v in enumerate(hist.tolist()) if v},
            "peak_week_per_contact": {str(k): int(v) for k, v in enumerate(np.bincount(peak).tolist()) if v},
            "max_in_a_week": int(peak.max()) if len(peak) else 0,
            "worst_days": [{"day": int(d), "messages": int(self.per_day[d])} for d in worst.tolist() if self.per_day[d]],
        }
        if self.programme is not None:
            out["hit_programme_cap"] = int(self.programme.hit.sum())
        return out
