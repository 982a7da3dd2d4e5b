"""Fixtures for runtime tests: a real SQLite file or PostgreSQL database (each test runs on both), a manual clock, contacts, local servers."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from designer.runtime.clock import ManualClock
from designer.runtime.contacts import add_events, normalise, upsert
from designer.runtime.engine import Engine
from designer.runtime.store import Store

from designer.nodes import CHANNELS

from .servers import HookServer, MailServer

T0 = datetime(2025, 3, 3, 10, 0, tzinfo=UTC).timestamp()  # Monday 10:00 UTC
DAY = 86400.0


def person(cid: str, **fields) -> dict:
    base = {"id": cid, "first_name": "Ann", "last_name": "Lee", "email": f"{cid}@example.com",
            "phone": "+44 7700 900123", "wechat_id": f"wx_{cid}", "timezone": "Europe/London", "stage": "prospect",
            "score": 10, "tags": [], "attributes": {"city": "London"}, "consent": {c: True for c in CHANNELS}}
    base.update(fields)
    return base


def add_people(store: Store, *people: dict, now: float = T0) -> None:
    with store.write() as conn:
        upsert(conn, [normalise(p) for p in people], now)


def add_event(store: Store, cid: str, name: str, at: float, **props) -> None:
    with store.write() as conn:
        add_events(conn, [{"contact_id": cid, "name": name, "time": at, "properties": props}])


def engine(store: Store, blueprint, clock, **options) -> Engine:
    options.setdefault("check_every", 0.0)
    return Engine(store, blueprint, clock, **options)


@pytest.fixture
def store(db_target):
    """The store every runtime test runs on: an SQLite file, then a PostgreSQL database."""
    s = Store(db_target)
    yield s
    s.close()


@pytest.fixture
def clock():
    return ManualClock(T0)


@pytest.fixture
def hook():
    server = HookServer(hang_seconds=0.6)
    yield server
    server.close()


@pytest.fixture
def mail(tmp_path):
    server = MailServer(tmp_path / "mail.log")
    yield server
    server.close()


def rows(store: Store, sql: str, *params) -> list[dict]:
    if store.server:  # psycopg's placeholders
        sql = sql.replace("?", "%s")
    with store.read() as conn:
        result = conn.exec_driver_sql(sql, params)
        return [dict(r._mapping) for r in result]


def passes(store: Store, workflow_id: str | None = None) -> dict[str, dict]:
    """The latest enrolment of each contact (in one workflow), by contact id."""
    where = "WHERE workflow_id = ?" if workflow_id else ""
    out = {}
    for r in rows(store, f"SELECT * FROM enrolment {where} ORDER BY id", *([workflow_id] if workflow_id else [])):
        out[r["contact_id"]] = r
    return out
