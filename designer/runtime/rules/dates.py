"""The date-attribute trigger's rule (birthdays, renewal dates), once for both engines.

A contact enters on the date in its attribute (+ ``offset_days``), at ``time_of_day`` in
its own time zone; yearly rules repeat it every year, and 29 February falls on the 28th
in other years. The durable engine asks which contacts fire between its last check and
now; the dry-run asks for every firing within the simulated period.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from designer.nodes.behaviour import OnDateAttribute
from designer.timewindows import zone


def as_date(value: object) -> date | None:
    """The date an attribute holds: a date, a datetime, or text starting with an ISO date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def in_year(day: date, year: int) -> date:
    try:
        return day.replace(year=year)
    except ValueError:  # 29 February in a common year: the 28th
        return date(year, 2, 28)


def firings(rule: OnDateAttribute, value: object, timezone: str | None, after: float, until: float) -> list[float]:
    """Every moment in ``(after, until]`` at which ``rule`` enrols a contact whose attribute is
    ``value`` and whose time zone is ``timezone`` (epoch seconds, in order)."""
    day = as_date(value)
    if day is None:
        return []
    hour, minute = map(int, rule.time_of_day.split(":"))
    tz = zone(timezone)
    # The years whose date (+ offset, in any zone) can fall in the period.
    days = ([in_year(day, y) for y in range(datetime.fromtimestamp(after, UTC).year - 1,
                                            datetime.fromtimestamp(until, UTC).year + 2)]
            if rule.yearly else [day])
    out = []
    for d in days:
        when = datetime.combine(d + timedelta(days=rule.offset_days), time(hour, minute), tzinfo=tz).timestamp()
        if after < when <= until:
            out.append(when)
    return out
