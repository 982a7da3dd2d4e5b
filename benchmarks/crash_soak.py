"""Crash soak: SIGKILL the runner hundreds of times while it sends real webhooks and
emails to local servers; then check nothing was lost or delivered twice.

    python benchmarks/crash_soak.py [--kills K] [--per-round N] [--seed S] [--max-delay SECONDS] [--workers W]

``--workers W`` (> 1) runs W workers side by side on a throw-away PostgreSQL
cluster and kills one of them at a time. The test suite runs the same harness
with 50 kills on SQLite and 30 kills with 2 and 4 PostgreSQL workers
(tests/runtime/test_crash.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path

# Run as `python benchmarks/NAME.py` from a checkout: import this checkout's designer and tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.runtime.store import Store

from designer.runtime.durable.pg_cluster import TempCluster
from tests.runtime.crashkit import check, soak
from tests.runtime.servers import HookServer, MailServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--per-round", type=int, default=10)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--max-delay", type=float, default=0.1)
    parser.add_argument("--workers", type=int, default=1, help="> 1: that many workers on PostgreSQL")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, ExitStack() as stack:
        folder = Path(tmp)
        db = None
        if args.workers > 1:
            db = stack.enter_context(TempCluster()).create_database("crash")
        hook, mail = HookServer(), MailServer(folder / "mail.log")
        try:
            start = time.perf_counter()
            result = soak(folder, hook.url("/crash"), mail.port, mail.log, args.kills, args.per_round, args.seed,
                          args.max_delay, db=db, workers=args.workers)
            store = Store(db or folder / "crash.db")
            counts = check(store, result.contacts, hook, mail)
            with store.read() as conn:
                retried = Counter(dict(conn.exec_driver_sql(
                    "SELECT channel, count(*) FROM outbox WHERE attempts > 1 GROUP BY channel").all()))
            store.close()
        finally:
            hook.close()
            mail.close()
    print(f"{result.kills} SIGKILLs over {result.runs} runner starts ({args.workers} at a time), {len(result.contacts)} contacts, "
          f"{time.perf_counter() - start:.1f} s")
    print(f"messages: {counts['emails']} emails and {len(result.contacts)} webhooks, every one delivered exactly once")
    print(f"sends interrupted by a kill and judged on restart: {dict(retried)}; webhook requests "
          f"{counts['webhook_requests']} of which {counts['webhook_resends']} resends de-duplicated by Idempotency-Key")


if __name__ == "__main__":
    main()
