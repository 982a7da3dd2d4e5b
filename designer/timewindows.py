"""Time-of-day windows in a contact's own time zone (wait-until windows, quiet hours)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


@lru_cache(maxsize=512)
def zone(name: str | None, fallback: str = "UTC") -> ZoneInfo:
    """The zone for a name; an unknown or empty name falls back (a contact's
    bad time zone must not stop a journey)."""
    try:
        return ZoneInfo(name or fallback)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(fallback)


def _hm(text: str) -> time:
    h, m = text.split(":")
    return time(int(h), int(m))


def next_allowed(
    after: datetime,
    tz: ZoneInfo,
    start: str,
    end: str,
    weekdays: Collection[str] | None = None,
) -> datetime:
    """Earliest moment >= ``after`` whose local time in ``tz`` lies in
    [start, end) on an allowed weekday. A window whose end is not after its
    start wraps midnight (21:00-08:00). ``start == end`` means all day."""
    local = after.astimezone(tz)
    t0, t1 = _hm(start), _hm(end)
    best: datetime | None = None
    for offset in range(-1, 9):
        day = local.date() + timedelta(days=offset)
        if weekdays and WEEKDAYS[day.weekday()] not in weekdays:
            continue
        opens = datetime.combine(day, t0, tzinfo=tz)
        closes = datetime.combine(day + timedelta(days=1 if t1 <= t0 else 0), t1, tzinfo=tz)
        if opens <= local < closes:
            return after
        if opens > local and (best is None or opens < best):
            best = opens
    return best if best is not None else after


def in_window(moment: datetime, tz: ZoneInfo, start: str, end: str) -> bool:
    return next_allowed(moment, tz, start, end) == moment
