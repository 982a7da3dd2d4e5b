"""Fit the behaviour model from a runtime database (see :mod:`.history`).

Channel rates per channel (delivery of attempted messages, opens of delivered
ones, clicks of opened ones = click-to-open, unsubscribes of delivered ones) with
exponential delays fitted by their mean; each event's probability among the
contacts who entered a journey, within ``window_days`` of their first entry, and
its delay from entry; per step, the open rate of each message step and the event
probability by the port a branch or experiment sent contacts down (a step effect,
as a multiplier over everyone's probability). Every rate carries its count and a
Wilson interval; none is reported from fewer than 30 contacts (or messages).
"""

from __future__ import annotations

from typing import Any

from designer.i18n import Message, render
from designer.nodes import CHANNELS

from . import history as h
from .rates import MIN_CONTACTS, delay, rate

DAY, HOUR = 86400.0, 3600.0
RESPONSES = ("opened", "clicked", "unsubscribed")

# The notes' words: calibration.* in designer/i18n/messages_cli.py ('notes' in English, 'notes_id' the codes).


def _is_response(name: str) -> bool:
    channel, _, response = name.rpartition("_")
    return channel in CHANNELS and response in RESPONSES + ("delivered",)


def calibrate(path, since: float | None = None, until: float | None = None, window_days: float = 30.0,
              segments: list | None = None) -> dict[str, Any]:
    """The fitted model and its evidence (raises ValueError for a database that cannot be read);
    ``segments`` (the blueprint's behaviour-model segments) are fitted each on their own."""
    notes: list[Message] = []
    with h.open_history(path) as conn:
        msgs = h.messages(conn, since, until)
        names = h.event_names(conn)
        channels = _channels(msgs, set(names), notes)
        passes = h.first_passes(conn, since, until)
        end = h.observed_until(conn) or 0.0
        window = window_days * DAY
        complete = [p for p in passes if p[3] + window <= end]
        if len(complete) < MIN_CONTACTS and passes:
            notes.append(Message("calibration.censored", {"min": MIN_CONTACTS, "days": f"{window_days:g}"}))
            complete = passes
        entry: dict[str, float] = {}
        for p in complete:
            entry[p[2]] = min(entry.get(p[2], p[3]), p[3])
        events: dict[str, Any] = {}
        times_of: dict[str, dict[str, list[float]]] = {}
        for name in names:
            if _is_response(name):
                continue
            times = h.event_times(conn, name)
            at_entry = sum(1 for c, t0 in entry.items() if any(t0 - DAY <= t <= t0 for t in times.get(c, ())))
            if entry and at_entry * 2 >= len(entry):
                notes.append(Message("calibration.trigger", {"event": name}))
                continue
            times_of[name] = times
            events[name] = _event(entry, times, window)
        steps = _steps(conn, msgs, complete, entry, times_of, window)
        by_segment = []
        if segments:
            from .segments import fit as fit_segments

            by_segment = fit_segments(conn, segments, entry, msgs, times_of, window)
    if not msgs and not passes:
        notes.append(Message("calibration.nothing"))
    if events:
        notes.append(Message("calibration.multipliers"))
    return {
        "database": h.where(path), "since": since, "until": until, "observed_until": end or None,
        "window_days": window_days, "contacts": len(entry), "messages": len(msgs),
        "channels": channels, "events": events, "steps": steps, "segments": by_segment,
        "notes": [render(n, "en") for n in notes], "notes_id": [n.to_json() for n in notes],
        "simulation": to_simulation(channels, events, by_segment),
    }


def _channels(msgs: list[tuple], names: set[str], notes: list[Message]) -> dict[str, Any]:
    out = {}
    for ch in sorted({m[3] for m in msgs}):
        ms = [m for m in msgs if m[3] == ch]
        delivered = [m for m in ms if m[4] in h.DELIVERED]
        fit: dict[str, Any] = {"delivery": rate(len(delivered), len(ms), "messages")}
        if f"{ch}_opened" in names:
            opened = [m for m in delivered if m[6] is not None]
            clicked = [m for m in opened if m[7] is not None and m[7] >= m[6]]
            fit["open"] = rate(len(opened), len(delivered), "delivered messages")
            fit["click"] = rate(len(clicked), len(opened), "opened messages")
            fit["open_delay"] = delay([(m[6] - m[5]) / HOUR for m in opened])
            fit["click_delay"] = delay([(m[7] - m[6]) / HOUR for m in clicked])
        elif any(m[4] in h.DELIVERED for m in ms) and ch not in ("webhook", "sales_task"):
            notes.append(Message("calibration.no-opens", {"channel": ch}))
        fit["unsubscribe"] = rate(sum(1 for m in delivered if m[8] is not None), len(delivered), "delivered messages")
        out[ch] = fit
    return out


def _event(entry: dict[str, float], times: dict[str, list[float]], window: float) -> dict[str, Any]:
    hours = []
    for c, t0 in entry.items():
        after = next((t for t in times.get(c, ()) if t0 < t <= t0 + window), None)
        if after is not None:
            hours.append((after - t0) / HOUR)
    return {"probability": rate(len(hours), len(entry)), "delay": delay(hours), "anchor": "entry"}


def _steps(conn, msgs, passes, entry, times_of, window) -> list[dict[str, Any]]:
    """Per-step effects where the data supports them: each message step's open rate, and
    each event's probability by the port a branch sent contacts down."""
    out: list[dict[str, Any]] = []
    by_node: dict[tuple[str, str, str], list[tuple]] = {}
    for m in msgs:
        if m[4] in h.DELIVERED:
            by_node.setdefault((m[0], m[1], m[3]), []).append(m)
    for (wf, node, ch), ms in sorted(by_node.items()):
        if any(m[6] is not None for m in msgs if m[3] == ch):
            r = rate(sum(1 for m in ms if m[6] is not None), len(ms), "delivered messages")
            if r["rate"] is not None:
                out.append({"workflow": wf, "node": node, "what": "open_rate", "channel": ch, **r})
    ids = {p[0] for p in passes}
    left: dict[tuple[str, str], dict[str, dict[str, float]]] = {}
    for wf, node, port, contact, at in h.port_passes(conn, ids):
        left.setdefault((wf, node), {}).setdefault(port, {}).setdefault(contact, at)
    kinds = h.node_kinds(conn)
    for (wf, node), ports in sorted(left.items()):
        if len(ports) < 2 or not kinds.get((wf, node), "").startswith("branch."):
            continue  # a branch or experiment: where contacts were sent, not what they did
        for name, times in times_of.items():
            hits = {port: sum(1 for c, at in who.items() if any(at <= t <= entry.get(c, at) + window
                                                                for t in times.get(c, ())))
                    for port, who in ports.items()}
            # The reference: the holdout of an experiment, else everyone who passed the step.
            ref = ("holdout", hits.get("holdout", 0), len(ports.get("holdout", ()))) if "holdout" in ports else (
                "all", sum(hits.values()), sum(len(w) for w in ports.values()))
            base = ref[1] / ref[2] if ref[2] >= MIN_CONTACTS and ref[1] else None
            for port, who in sorted(ports.items()):
                r = rate(hits[port], len(who))
                if r["rate"] is None or base is None or port == ref[0]:
                    continue
                out.append({"workflow": wf, "node": node, "port": port, "what": "event", "event": name, **r,
                            "against": ref[0], "multiply": round(r["rate"] / base, 4),
                            "differs": not (r["low"] <= base <= r["high"])})
    return out


def to_simulation(channels: dict[str, Any], events: dict[str, Any], segments: list | None = None) -> dict[str, Any]:
    """The fitted figures as a ``simulation`` section (rates not reported are left out)."""
    names = {"delivery": "delivery_rate", "open": "open_rate", "click": "click_rate", "unsubscribe": "unsubscribe_rate"}
    model: dict[str, Any] = {"channels": {}, "events": {}}
    for ch, fit in channels.items():
        rates = {names[k]: fit[k]["rate"] for k in names if k in fit and fit[k]["rate"] is not None}
        for k in ("open_delay", "click_delay"):
            if fit.get(k):
                rates[k] = {"distribution": "exponential", "hours": fit[k]["hours"]}
        if rates:
            model["channels"][ch] = rates
    for name, fit in events.items():
        if fit["probability"]["rate"] is None:
            continue
        e: dict[str, Any] = {"probability": fit["probability"]["rate"], "anchor": "entry", "if_opened": 1.0,
                             "if_clicked": 1.0}
        if fit["delay"]:
            e["delay"] = {"distribution": "exponential", "hours": fit["delay"]["hours"]}
        model["events"][name] = e
    if segments:
        from .segments import to_segments

        model["segments"] = to_segments(segments)
    return {k: v for k, v in model.items() if v}
