"""Durable runtime throughput: contact-steps per second on one SQLite file.

    python benchmarks/runtime_throughput.py [--contacts N] [--batch B] [--json]

A contact-step is one contact passing one node, made durable: its history
row, its enrolment row and any contact update or outbox row, committed in the
claiming transaction (claim -> advance -> write). N contacts go through
list trigger -> tag -> score -> if/else -> email -> stage -> wait 1 day, then
(one journey day later) wait -> exit: 9 steps each. Delivery is off (this
measures the engine; the outbox rows are written).

The ceiling is plain sqlite3 ``executemany`` of the same rows (history,
enrolment updates, contact updates, outbox) in transactions of the same size
on a file with the same schema and indexes, measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

# Run as `python benchmarks/NAME.py` from a checkout: import this checkout's designer and tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.runtime.clock import ManualClock
from designer.runtime.contacts import add_to_list, normalise, upsert
from designer.runtime.engine import Engine
from designer.runtime.store import Store

from designer.blueprint import JourneySettings
from tests.builders import blueprint, node, workflow

T0 = 1_741_000_000.0


def journey():
    nodes = [node("t", "trigger.manual", list_name="bench"), node("g", "data.tag", action="add", tag="bench"),
             node("s", "data.score", delta=5), node("c", "branch.condition", condition="score >= 0"),
             node("e", "send.email", subject="Hi {{first_name}}", body="Hello from {{brand}}"),
             node("st", "stage", stage="customer"), node("w", "wait.delay", amount=1, unit="days"),
             node("x", "exit", reason="done"), node("n", "exit", reason="no")]
    wires = [("t", "next", "g"), ("g", "next", "s"), ("s", "next", "c"), ("c", "yes", "e"), ("c", "no", "n"),
             ("e", "next", "st"), ("st", "next", "w"), ("w", "next", "x")]
    settings = JourneySettings(quiet_hours=None, frequency_cap=None)
    return blueprint(workflow(nodes, wires, id="bench", goal=None, settings=settings), variables={"brand": "Acme"})


def engine_run(folder: Path, contacts: int, batch: int) -> dict:
    store = Store(folder / "engine.db")
    ids = [f"b{i:07d}" for i in range(contacts)]
    with store.write() as conn:
        upsert(conn, [normalise({"id": i, "first_name": "Ann", "email": f"{i}@example.com", "tags": ["x"],
                                 "consent": {"email": True}}) for i in ids], T0)
        add_to_list(conn, "bench", ids, T0)
    clock = ManualClock(T0)
    eng = Engine(store, journey(), clock, batch=batch, deliver=False, check_every=1e9)
    start = time.perf_counter()
    first = eng.tick()  # enrol everyone and run them to the wait
    clock.advance(86400 + 1)
    second = eng.tick()  # wake and exit
    elapsed = time.perf_counter() - start
    steps = first["steps"] + second["steps"]
    with store.read() as conn:
        history = conn.exec_driver_sql("SELECT count(*) FROM step").scalar()
        done = conn.exec_driver_sql("SELECT count(*) FROM enrolment WHERE state = 'exited'").scalar()
    store.close()
    assert done == contacts, done
    return {"steps": steps, "history_rows": history, "seconds": elapsed, "per_second": steps / elapsed}


def ceiling_run(folder: Path, contacts: int, batch: int) -> dict:
    """The same rows, written with plain sqlite3 executemany (the floor of what SQLite costs)."""
    Store(folder / "raw.db").close()  # same schema, indexes, WAL
    con = sqlite3.connect(folder / "raw.db", isolation_level=None)
    con.execute("PRAGMA synchronous = NORMAL")
    ids = [f"b{i:07d}" for i in range(contacts)]
    con.execute("BEGIN")
    con.executemany("INSERT INTO contact (id, first_name, email, score, tags, attributes, consent, updated_at) "
                    "VALUES (?, 'Ann', ?, 0, '[\"x\"]', '{}', '{\"email\":true}', 0)", [(i, f"{i}@x") for i in ids])
    con.executemany("INSERT INTO enrolment (workflow_id, version, contact_id, seq, node_id, state, wake_at, "
                    "entered_at) VALUES ('bench', 'v', ?, 1, 't', 'active', 0, 0)", [(i,) for i in ids])
    con.execute("COMMIT")
    path1 = ["t", "g", "s", "c", "e", "st", "w"]
    start = time.perf_counter()
    rows = 0
    for phase, path in ((1, path1), (2, ["w", "x"])):
        for lo in range(0, contacts, batch):
            chunk = list(range(lo + 1, min(lo + batch, contacts) + 1))
            con.execute("BEGIN IMMEDIATE")
            steps = [(e, ids[e - 1], "bench", n, "next", T0, "passed", "") for e in chunk for n in path]
            con.executemany("INSERT INTO step (enrolment_id, contact_id, workflow_id, node_id, port, at, what, detail) "
                            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", steps)
            con.executemany("UPDATE enrolment SET node_id = ?, wake_at = ?, resume_port = 'next', state = ? "
                            "WHERE id = ?", [("w" if phase == 1 else "x", T0 + 86400, "active" if phase == 1
                                              else "exited", e) for e in chunk])
            if phase == 1:
                con.executemany("UPDATE contact SET tags = '[\"x\",\"bench\"]', score = 5, stage = 'customer', "
                                "updated_at = ? WHERE id = ?", [(T0, ids[e - 1]) for e in chunk])
                con.executemany("INSERT INTO outbox (key, enrolment_id, workflow_id, node_id, contact_id, channel, "
                                "counts_to_cap, state, payload, attempts, next_attempt, created_at) VALUES "
                                "(?, ?, 'bench', 'e', ?, 'email', 1, 'pending', '{}', 0, 0, ?)",
                                [(f"k{e}", e, ids[e - 1], T0) for e in chunk])
            con.execute("COMMIT")
            rows += len(steps)
    elapsed = time.perf_counter() - start
    con.close()
    return {"steps": rows, "seconds": elapsed, "per_second": rows / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        engine = engine_run(Path(tmp), args.contacts, args.batch)
        raw = ceiling_run(Path(tmp), args.contacts, args.batch)
    result = {"contacts": args.contacts, "batch": args.batch, "engine": engine, "ceiling": raw,
              "ratio": engine["per_second"] / raw["per_second"]}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.contacts:,} contacts, batches of {args.batch}")
    print(f"engine : {engine['steps']:,} contact-steps in {engine['seconds']:.2f} s = "
          f"{engine['per_second']:,.0f} steps/s (durable, {engine['history_rows']:,} history rows)")
    print(f"ceiling: {raw['steps']:,} rows in {raw['seconds']:.2f} s = {raw['per_second']:,.0f} rows/s "
          "(plain sqlite3 executemany)")
    print(f"ratio  : {result['ratio']:.2f} of the raw ceiling")


if __name__ == "__main__":
    main()
