"""Semantic diff speed: two versions of a 10,000-step workflow, target <= 500 ms.

    python benchmarks/diff_10k.py [--nodes N] [--repeat R]

Version B is version A edited the way a team edits a journey, at scale: one
step in 50 gets a changed setting, one in 200 is removed (with its wires) and
as many are added, one in 20 is retitled, every step is moved on the canvas
(moves are left out of the diff, as in ``journey diff``), and the journey's
goal and frequency cap change. Timed: both blueprints to file data, the diff,
and the description a reader sees (what ``journey diff`` does after reading
the files); reading the two files is shown separately.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # this checkout's designer, not an installed one

from validate_10k import big_workflow

from designer.blueprint import Blueprint, Edge, Node, Position
from designer.diff import describe, diff_data, render_text
from designer.fileformat import load, save, to_data


def edited(bp: Blueprint) -> Blueprint:
    wf = bp.workflows[0].model_copy(deep=True)
    removed = {n.id for i, n in enumerate(wf.nodes) if i % 200 == 100 and n.kind == "send.sms"}
    nodes = []
    for i, node in enumerate(wf.nodes):
        if node.id in removed:
            continue
        update = {"position": Position(x=node.position.x + 40, y=node.position.y + 20)}
        if node.kind == "wait.delay" and i % 50 < 10:
            update["settings"] = {**node.settings, "amount": 3}
        if i % 20 == 0:
            update["title"] = f"Step {i}"
        nodes.append(node.model_copy(update=update))
    edges = [e for e in wf.edges if e.source not in removed and e.target not in removed]
    for k, node_id in enumerate(sorted(removed)):
        new_id = f"new{k}"
        nodes.append(Node(id=new_id, kind="send.push", title=f"New push {k}", settings={}))
        edges.append(Edge(source=new_id, source_port="next", target="n1"))
    settings = wf.settings.model_copy(update={"frequency_cap": None})
    wf = wf.model_copy(update={"nodes": nodes, "edges": edges, "settings": settings, "goal": None})
    return bp.model_copy(update={"workflows": [wf]})


def run_diff(a: Blueprint, b: Blueprint) -> int:
    da, db = to_data(a), to_data(b)
    entries = describe(diff_data(da, db), da, db)
    render_text(entries, da, db)
    return len(entries)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    a = Blueprint(name="Benchmark", workflows=[big_workflow(args.nodes)])
    b = edited(a)
    count = run_diff(a, b)  # warm-up (imports, caches)
    times = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        run_diff(a, b)
        times.append((time.perf_counter() - start) * 1000)
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / "a.json", Path(tmp) / "b.json"]
        save(a, paths[0])
        save(b, paths[1])
        start = time.perf_counter()
        for path in paths:
            load(path)
        read_ms = (time.perf_counter() - start) * 1000
    print(f"A: {len(a.workflows[0].nodes):,} steps, B: {len(b.workflows[0].nodes):,} steps; {count:,} changes")
    print(f"diff (data, diff, description, text): median {statistics.median(times):.1f} ms, "
          f"best {min(times):.1f} ms over {args.repeat} runs (target <= 500 ms)")
    print(f"reading both files (not part of the target): {read_ms:.0f} ms")


if __name__ == "__main__":
    main()
