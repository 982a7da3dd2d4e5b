"""Durable runtime throughput on PostgreSQL with 1, 2 and 4 workers, beside SQLite
and beside a raw COPY / executemany ceiling on the same server, in the same run.

    python benchmarks/postgres_throughput.py [--contacts N] [--batch B] [--workers 1,2,4] [--json]

The journey and the measure (contact-steps per second, 9 steps per contact) are
benchmarks/runtime_throughput.py's. The server is a throw-away cluster
(designer/runtime/durable/pg_cluster.py) with fsync on and
``synchronous_commit = off`` (a crash may lose the last few commits, never
corrupt: like SQLite's WAL with synchronous=NORMAL). Each worker is a process
with its own engine; they claim due enrolments with FOR UPDATE SKIP LOCKED.
Workers start and compile first; the clock starts when all are ready.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.runtime.clock import ManualClock
from designer.runtime.contacts import add_to_list, normalise, upsert
from designer.runtime.engine import Engine
from designer.runtime.store import Store, StoreBusy

from benchmarks.runtime_throughput import T0, ceiling_run, engine_run, journey
from designer.runtime.durable.pg_cluster import TempCluster


def load(url: str, contacts: int) -> None:
    store = Store(url)
    ids = [f"b{i:07d}" for i in range(contacts)]
    with store.write() as conn:
        upsert(conn, [normalise({"id": i, "first_name": "Ann", "email": f"{i}@example.com", "tags": ["x"],
                                 "consent": {"email": True}}) for i in ids], T0)
        add_to_list(conn, "bench", ids, T0)
    store.close()


def _count(store: Store, sql: str) -> int:
    with store.read() as conn:
        return conn.exec_driver_sql(sql).scalar()


def worker(url: str, contacts: int, batch: int, ready, go, out) -> None:
    store = Store(url, busy_timeout=30)
    clock = ManualClock(T0)
    eng = Engine(store, journey(), clock, batch=batch, deliver=False, check_every=1e9)
    ready.put(1)
    go.wait()
    steps = 0
    for moment in (T0, T0 + 86400 + 1):  # run everyone to the wait, then wake them and exit
        clock.set(moment)
        while True:
            try:
                done = eng.tick()
            except StoreBusy:
                continue
            steps += done["steps"]
            if done["claimed"] or done["enrolled"]:
                continue
            due = _count(store, f"SELECT count(*) FROM enrolment WHERE state = 'active' AND wake_at <= {moment}")
            entered = _count(store, "SELECT count(*) FROM enrolment")
            if not due and entered == contacts:
                break
            time.sleep(0.002)  # another worker holds the rest
    out.put((steps, eng.totals["conflicts"]))
    store.close()


def workers_run(cluster: TempCluster, name: str, contacts: int, batch: int, n: int) -> dict:
    url = cluster.create_database(name)
    load(url, contacts)
    ctx = multiprocessing.get_context("fork")
    ready, out, go = ctx.Queue(), ctx.Queue(), ctx.Event()
    procs = [ctx.Process(target=worker, args=(url, contacts, batch, ready, go, out)) for _ in range(n)]
    for p in procs:
        p.start()
    for _ in procs:
        ready.get(timeout=120)
    start = time.perf_counter()
    go.set()
    results = [out.get(timeout=1800) for _ in procs]
    elapsed = time.perf_counter() - start
    for p in procs:
        p.join()
    store = Store(url)
    done = _count(store, "SELECT count(*) FROM enrolment WHERE state = 'exited'")
    doubled = _count(store, "SELECT count(*) FROM (SELECT enrolment_id, node_id FROM step WHERE what = 'passed' "
                            "GROUP BY enrolment_id, node_id HAVING count(*) > 1) d")
    store.close()
    assert done == contacts and not doubled, (done, doubled)
    steps = sum(r[0] for r in results)
    return {"workers": n, "steps": steps, "seconds": elapsed, "per_second": steps / elapsed,
            "conflicts_retried": sum(r[1] for r in results)}


def pg_ceiling(cluster: TempCluster, contacts: int, batch: int) -> dict:
    """The same rows as runtime_throughput's SQLite ceiling: history by COPY, updates by executemany."""
    import psycopg

    url = cluster.create_database("ceiling")
    Store(url).close()  # same schema and indexes
    ids = [f"b{i:07d}" for i in range(contacts)]
    with psycopg.connect(url) as con:
        with con.cursor() as cur:
            with cur.copy("COPY contact (id, first_name, email, score, tags, attributes, consent, updated_at) "
                          "FROM STDIN") as copy:
                for i in ids:
                    copy.write_row((i, "Ann", f"{i}@x", 0, '["x"]', "{}", '{"email":true}', 0.0))
            with cur.copy("COPY enrolment (workflow_id, version, contact_id, seq, node_id, state, wake_at, entered_at) "
                          "FROM STDIN") as copy:
                for i in ids:
                    copy.write_row(("bench", "v", i, 1, "t", "active", 0.0, 0.0))
        con.commit()
        first = con.execute("SELECT min(id) FROM enrolment").fetchone()[0]
        start = time.perf_counter()
        rows = 0
        for phase, path in ((1, ["t", "g", "s", "c", "e", "st", "w"]), (2, ["w", "x"])):
            for lo in range(0, contacts, batch):
                chunk = list(range(lo, min(lo + batch, contacts)))
                with con.cursor() as cur:
                    with cur.copy("COPY step (enrolment_id, contact_id, workflow_id, node_id, port, at, what, detail) "
                                  "FROM STDIN") as copy:
                        for k in chunk:
                            for n in path:
                                copy.write_row((first + k, ids[k], "bench", n, "next", T0, "passed", ""))
                    cur.executemany("UPDATE enrolment SET node_id = %s, wake_at = %s, resume_port = 'next', state = %s "
                                    "WHERE id = %s", [("w" if phase == 1 else "x", T0 + 86400,
                                                       "active" if phase == 1 else "exited", first + k) for k in chunk])
                    if phase == 1:
                        cur.executemany("UPDATE contact SET tags = '[\"x\",\"bench\"]', score = 5, stage = 'customer', "
                                        "updated_at = %s WHERE id = %s", [(T0, ids[k]) for k in chunk])
                        with cur.copy("COPY outbox (key, enrolment_id, workflow_id, node_id, contact_id, channel, "
                                      "counts_to_cap, state, payload, attempts, next_attempt, created_at) FROM STDIN") as copy:
                            for k in chunk:
                                copy.write_row((f"k{k}", first + k, "bench", "e", ids[k], "email", True, "pending", "{}",
                                                0, 0.0, T0))
                con.commit()
                rows += len(chunk) * len(path)
        elapsed = time.perf_counter() - start
    return {"steps": rows, "seconds": elapsed, "per_second": rows / elapsed}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=20_000)
    parser.add_argument("--batch", type=int, default=500)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    counts = [int(w) for w in args.workers.split(",")]
    settings = {"fsync": "on", "full_page_writes": "on", "synchronous_commit": "off"}
    with TempCluster(settings) as cluster:
        runs = [workers_run(cluster, f"w{n}", args.contacts, args.batch, n) for n in counts]
        ceiling = pg_ceiling(cluster, args.contacts, args.batch)
    with tempfile.TemporaryDirectory() as tmp:
        sqlite = engine_run(Path(tmp), args.contacts, args.batch)
        sqlite_ceiling = ceiling_run(Path(tmp), args.contacts, args.batch)
    result = {"contacts": args.contacts, "batch": args.batch, "postgresql": runs, "postgresql_ceiling": ceiling,
              "sqlite": sqlite, "sqlite_ceiling": sqlite_ceiling}
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{args.contacts:,} contacts x 9 steps, batches of {args.batch}")
    for r in runs:
        print(f"postgresql, {r['workers']} worker(s): {r['per_second']:>9,.0f} steps/s  ({r['seconds']:.2f} s, "
              f"{r['per_second'] / ceiling['per_second']:.2f} of the ceiling, {r['conflicts_retried']} deadlocks retried)")
    print(f"postgresql ceiling (COPY + executemany, one connection): {ceiling['per_second']:>9,.0f} rows/s")
    print(f"sqlite, 1 process:       {sqlite['per_second']:>9,.0f} steps/s  ({sqlite['seconds']:.2f} s)")
    print(f"sqlite ceiling (executemany): {sqlite_ceiling['per_second']:>9,.0f} rows/s  "
          f"(ratio {sqlite['per_second'] / sqlite_ceiling['per_second']:.2f})")


if __name__ == "__main__":
    main()
