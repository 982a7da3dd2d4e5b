"""The date-attribute rule both engines use (runtime/rules/dates.py)."""

from __future__ import annotations

from datetime import UTC, datetime

from designer.nodes.behaviour import OnDateAttribute
from designer.runtime.rules.dates import as_date, firings


def _at(*args, tz=UTC) -> float:
    return datetime(*args, tzinfo=tz).timestamp()


def _rule(**fields) -> OnDateAttribute:
    base = {"attribute": "birthday", "offset_days": 0, "time_of_day": "09:00", "yearly": True}
    return OnDateAttribute(**{**base, **fields})


def test_a_yearly_date_fires_at_the_time_in_the_contacts_zone_every_year():
    rule = _rule()
    got = firings(rule, "1990-03-10", "Asia/Shanghai", _at(2025, 1, 1), _at(2027, 1, 1))
    assert got == [_at(2025, 3, 10, 1), _at(2026, 3, 10, 1)]  # 09:00 in Shanghai is 01:00 UTC
    assert firings(_rule(yearly=False), "1990-03-10", None, _at(2025, 1, 1), _at(2027, 1, 1)) == []


def test_29_february_falls_on_the_28th_and_an_offset_may_cross_the_new_year():
    assert firings(_rule(), "2000-02-29", "UTC", _at(2025, 1, 1), _at(2025, 12, 31)) == [_at(2025, 2, 28, 9)]
    # 15 December + 30 days: the firing of the previous year's date falls in this period
    got = firings(_rule(offset_days=30), "1980-12-15", "UTC", _at(2025, 1, 2), _at(2025, 2, 1))
    assert got == [_at(2025, 1, 14, 9)]


def test_what_an_attribute_may_hold():
    assert as_date(" 1990-05-01 ") == as_date("1990-05-01T08:00:00") == datetime(1990, 5, 1).date()
    assert as_date("") is None and as_date("soon") is None and as_date(19900501) is None
