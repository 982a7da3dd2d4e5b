"""A real durable run driven by a known behaviour model, for calibration and backtest tests.

The welcome journey runs on a SQLite file (or a PostgreSQL database) under a manual clock, tick by tick; the
"world" answers like the known model: each delivered message is opened with the
channel's open rate after an exponential delay, clicked with the click rate, and
each contact buys with a fixed probability after an exponential delay from
sign-up. Responses are recorded as events only when their time has come, as they
would arrive in a live system.
"""

from __future__ import annotations

import heapq

import numpy as np
from designer.runtime.clock import ManualClock
from designer.runtime.contacts import add_events
from designer.runtime.engine import Engine
from designer.runtime.store import Store
from sqlalchemy import text

from designer.examples import example_blueprint
from tests.runtime.conftest import T0, add_people, person

DAY, HOUR = 86400.0, 3600.0
MODEL = {"email": {"open": 0.35, "click": 0.30, "open_hours": 5.0},
         "sms": {"open": 0.80, "click": 0.10, "open_hours": 1.0},
         "purchased": {"probability": 0.25, "hours": 60.0}}


def real_run(path, contacts: int = 600, days: int = 24, signup_days: float = 6.0, seed: int = 5,
             model: dict = MODEL) -> Store:
    rng = np.random.default_rng(seed)
    store = Store(path)
    add_people(store, *(person(f"c{i:04d}") for i in range(contacts)))
    clock = ManualClock(T0)
    engine = Engine(store, example_blueprint(), clock, check_every=0.0)
    pending: list[tuple[float, str, str]] = []
    for i in range(contacts):
        cid, at = f"c{i:04d}", T0 + rng.uniform(0, signup_days * DAY)
        heapq.heappush(pending, (at, cid, "signed_up"))
        if rng.random() < model["purchased"]["probability"]:
            heapq.heappush(pending, (at + rng.exponential(model["purchased"]["hours"] * HOUR), cid, "purchased"))
    seen = 0
    t = T0
    while t <= T0 + days * DAY:
        due = []
        while pending and pending[0][0] <= t:
            at, cid, name = heapq.heappop(pending)
            due.append({"contact_id": cid, "name": name, "time": at, "properties": {}})
        if due:
            with store.write() as conn:
                add_events(conn, due)
        clock.set(t)
        engine.tick()
        with store.read() as conn:
            new = conn.execute(text("SELECT id, contact_id, channel, created_at FROM outbox WHERE id > :seen AND "
                                    "state IN ('sent', 'sandboxed') ORDER BY id"), {"seen": seen}).fetchall()
        for oid, cid, channel, created in new:
            seen = max(seen, oid)
            rates = model.get(channel)
            if rates and rng.random() < rates["open"]:
                opened = created + rng.exponential(rates["open_hours"] * HOUR)
                heapq.heappush(pending, (opened, cid, f"{channel}_opened"))
                if rng.random() < rates["click"]:
                    heapq.heappush(pending, (opened + rng.exponential(0.25 * HOUR), cid, f"{channel}_clicked"))
        t += HOUR
    engine.close()
    return store
