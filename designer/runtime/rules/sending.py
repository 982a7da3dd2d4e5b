"""Send-time rules, over a batch of sends, for both engines.

In this order: consent and an address (the channel kind's
:meth:`~designer.nodes.channels.ChannelKind.unreachable`; else suppressed),
quiet hours (:func:`quiet_until`: held, the contact waits at the step and runs
it again when the window opens), then the frequency caps of the workflow and of
the programme (:func:`over_caps`: else suppressed), where a contact with sends
on several channels at one moment keeps those the workflow's channel priority
ranks first. The durable engine reads message counts from its outbox, the
dry-run from its rings of recent send times; the decisions are these.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from designer.blueprint import FrequencyCap, QuietHours
from designer.timewindows import next_allowed, zone

DAY = 86400.0


def cap_text(cap: FrequencyCap) -> str:
    days = cap.period_days
    period = {1: "day", 7: "week", 30: "30 days", 365: "year"}.get(days, f"{days:g} days")
    return f"{cap.max_messages}/{period}"


# --- quiet hours -----------------------------------------------------------------


def quiet_zone(quiet: QuietHours, contact_zone: str | None) -> str:
    """The zone quiet hours are judged in: the contact's when the workflow says so and the
    contact has one, else the workflow's quiet-hours zone (never UTC by default)."""
    return (contact_zone if quiet.use_contact_timezone else None) or quiet.timezone


def quiet_until(quiet: QuietHours | None, zones: Sequence[str | None], now: float) -> np.ndarray:
    """When each of these contacts (``zones``: their time zones, None where unknown) may be
    sent a message: ``now`` outside quiet hours, else when they end. One look-up per zone."""
    out = np.full(len(zones), now)
    if quiet is None or quiet.start == quiet.end or not len(zones):
        return out
    opens: dict[str, float] = {}
    for k, z in enumerate(zones):
        name = quiet_zone(quiet, z)
        if name not in opens:
            opens[name] = allowed_at(now, name, quiet.start, quiet.end, quiet.timezone)
        out[k] = opens[name]
    return out


def _minutes(hhmm: str) -> int:
    h, m = hhmm.split(":")
    return int(h) * 60 + int(m)


def allowed_at(now: float, zone_name: str, start: str, end: str, fallback: str = "UTC") -> float:
    """When a message held by quiet hours [start, end) in ``zone_name`` may go: ``now`` if
    allowed. timewindows.next_allowed's answer, by arithmetic on the zone's UTC offset;
    across a change of the clocks, asks next_allowed."""
    tz = zone(zone_name, fallback)
    moment = datetime.fromtimestamp(now, UTC)
    opens, closes = _minutes(end), _minutes(start)  # the allowed window: quiet end .. quiet start
    if opens == closes:
        return now
    offset = tz.utcoffset(moment)
    for around in (now - DAY, now + DAY):
        if tz.utcoffset(datetime.fromtimestamp(around, UTC)) != offset:
            return next_allowed(moment, tz, end, start).timestamp()
    local = (now + offset.total_seconds()) % DAY
    a, b = opens * 60.0, closes * 60.0
    inside = a <= local < b if a < b else (local >= a or local < b)
    return now if inside else now + ((a - local) % DAY)


# --- frequency caps ----------------------------------------------------------------


def channel_rank(priority: Sequence[str], channel: str) -> int:
    """Where ``channel`` stands in the workflow's channel priority (unlisted channels last)."""
    return priority.index(channel) if channel in priority else len(priority)


def send_order(contacts: Sequence, rank: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order to judge sends in (by contact, then channel priority ``rank``, see
    :func:`channel_rank`, then as given) and each send's position among its contact's sends at
    this moment (0 for the first)."""
    n = len(contacts)
    if not n:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    keys = contacts if isinstance(contacts, np.ndarray) else np.asarray(contacts, dtype=object)
    _, who = np.unique(keys, return_inverse=True)
    order = np.lexsort((np.arange(n), np.asarray(rank), who))
    sorted_who = who[order]
    first = np.r_[True, sorted_who[1:] != sorted_who[:-1]]
    starts = np.maximum.accumulate(np.where(first, np.arange(n), 0))
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n) - starts
    return order, position


def over_caps(used: Sequence[np.ndarray], caps: Sequence[FrequencyCap], position: np.ndarray) -> np.ndarray:
    """Which cap (index into ``caps``, the workflow's before the programme's) each send breaks, -1
    for none. ``used[c]``: messages its contact already had within cap c's period; ``position``:
    how many of the contact's sends at this moment are judged before it (see :func:`send_order`).
    A suppressed send does not count, so a contact keeps its first ``room`` sends."""
    out = np.full(len(position), -1, dtype=np.int64)
    room = None  # how many more each contact may have under every cap
    for cap, u in zip(caps, used):
        left = cap.max_messages - u
        room = left if room is None else np.minimum(room, left)
    if room is None:
        return out
    sent_before = np.minimum(position, np.maximum(room, 0))
    for c in range(len(caps) - 1, -1, -1):  # the first cap broken names the reason
        out[used[c] + sent_before >= caps[c].max_messages] = c
    return out
