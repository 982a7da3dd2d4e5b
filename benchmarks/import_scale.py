"""A large contact import: wall time and peak memory of `journey contacts import`.

    python benchmarks/import_scale.py [--rows N] [--baseline PATH] [--json]

Writes an N-row contacts CSV (default 1,000,000: id, email, names, phone, time
zone, stage, score, tags, two consent columns, three attributes) to a
temporary folder and imports it into a new database with the command line, in
a child process whose peak resident memory (ru_maxrss) is read with wait4.
``--baseline PATH`` runs the same import with the code of another checkout
(e.g. ``git archive main | tar -x -C /tmp/base``) in the same run, so the two
figures share the machine's load. Target: peak memory under 500 MB at 1,000,000
rows (it is bounded by the import's chunk of 5,000 rows, not by the file).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MB = 500


def write_csv(path: Path, rows: int) -> None:
    zones = ("Europe/London", "Asia/Shanghai", "America/New_York")
    with open(path, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["id", "email", "first_name", "last_name", "phone", "timezone", "stage", "score", "tags",
                      "consent.email", "consent.sms", "city", "plan", "signup_date"])
        for i in range(rows):
            out.writerow([f"c{i:07d}", f"person{i}@example.com", "Ann", "Lee", f"+44 7700 {i % 1_000_000:06d}",
                          zones[i % 3], "prospect", i % 100, "vip; newsletter" if i % 7 == 0 else "",
                          "yes", "no" if i % 3 else "yes", "London", "basic", "2025-01-01"])


def run_import(code: Path, source: Path, db: Path) -> dict:
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "designer.cli", "contacts", "import", str(source),
                             "--db", str(db), "--json"], cwd=code, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out = proc.stdout.read()
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"import failed ({code}): {err.decode()[-500:]}")
    report = json.loads(out)
    return {"code": str(code), "seconds": round(seconds, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024, 1),
            "inserted": report["inserted"], "bad": len(report["bad"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--baseline", help="another checkout to measure side by side (the 'before')")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "contacts.csv"
        write_csv(source, args.rows)
        results = [run_import(ROOT, source, Path(tmp) / "now.db")]
        if args.baseline:
            results.append(run_import(Path(args.baseline).resolve(), source, Path(tmp) / "baseline.db"))
    if args.json:
        print(json.dumps({"rows": args.rows, "load": load, "results": results}, indent=2))
        return
    print(f"import of {args.rows:,} contact rows (load average {load:.1f} at the start)")
    for r in results:
        verdict = "ok" if r["peak_rss_mb"] < TARGET_MB else "over"
        print(f"  {r['code']}: {r['seconds']:.1f} s, peak RSS {r['peak_rss_mb']:.0f} MB "
              f"(target < {TARGET_MB} MB: {verdict}), {r['inserted']:,} inserted")


if __name__ == "__main__":
    main()
