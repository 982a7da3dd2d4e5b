"""Small deterministic worlds for dry-run tests."""

from __future__ import annotations

from datetime import UTC, datetime

from designer.runtime.dryrun.contacts import from_records

from designer.runtime.dryrun.forecast import forecast
from designer.runtime.dryrun.simulator import Simulation

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)  # a Monday, 09:00 UTC: outside quiet hours
ALL_CONSENT = {c: True for c in ("email", "sms", "push", "in_app", "wechat", "webhook", "sales_task")}


def people(n: int, **extra) -> list[dict]:
    """``n`` reachable, consenting contacts in UTC; attribute ``group`` alternates a/b."""
    return [
        {
            "id": f"p{i:04d}", "first_name": f"P{i}", "email": f"p{i}@example.com", "phone": f"+44 7{i:09d}",
            "wechat_id": f"wx{i}", "timezone": "UTC", "stage": "prospect", "score": 0, "tags": [],
            "attributes": {"group": "ab"[i % 2]}, "consent": dict(ALL_CONSENT), **extra,
        }
        for i in range(n)
    ]


def simulate(blueprint, contacts: list[dict], **kwargs) -> tuple[Simulation, dict]:
    kwargs.setdefault("start", START)
    sim = Simulation(blueprint, from_records(contacts), **kwargs).run()
    return sim, forecast(sim)


def node(report: dict, node_id: str, workflow: int = 0) -> dict:
    return next(n for n in report["workflows"][workflow]["nodes"] if n["id"] == node_id)


def message(report: dict, node_id: str, workflow: int = 0) -> dict:
    return next(m for m in report["workflows"][workflow]["messages"] if m["node"] == node_id)
