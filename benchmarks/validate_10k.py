"""Validator speed: target <= 100 ms per validate() on each of two 10,000-step workflows.

    python benchmarks/validate_10k.py [--nodes N] [--repeat R]

Builds a realistic journey (a trigger fanning into segments of email, wait,
branch, SMS/push, data update and wait-for-event steps, each segment ending at
a goal or exit), with a frequency cap so the over-messaging analysis runs, and
a chain of N email steps under a frequency cap (the over-messaging search's
worst case: every message within one period of every other), and prints the
median and best of R runs of each.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import sys
import time
from pathlib import Path

# Run as `python benchmarks/NAME.py` from a checkout: import this checkout's designer and tests.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from designer.blueprint import Blueprint, Edge, FrequencyCap, JourneySettings, Node, Position, Workflow
from designer.validation import validate


def big_workflow(target_nodes: int) -> Workflow:
    nodes: list[Node] = []
    edges: list[Edge] = []

    def add(kind: str, **settings) -> str:
        node_id = f"n{len(nodes) + 1}"
        nodes.append(Node(id=node_id, kind=kind, position=Position(x=len(nodes) * 10.0, y=0), settings=settings))
        return node_id

    def wire(source: str, port: str, target: str) -> None:
        edges.append(Edge(source=source, source_port=port, target=target))

    trigger = add("trigger.event", event="signed_up")
    previous, port = trigger, "next"
    while len(nodes) < target_nodes:
        # A segment of 10 steps: email -> wait -> if/else -> (sms | push) -> tag -> wait-for-event -> goal / exit
        email = add("send.email", subject="Hello {{first_name}}")
        wire(previous, port, email)
        wait = add("wait.delay", amount=2, unit="days")
        wire(email, "next", wait)
        branch = add("branch.condition", condition='events("email_opened", 3) > 0 and score >= 10')
        wire(wait, "next", branch)
        sms = add("send.sms", text="Hi {{first_name}}")
        push = add("send.push")
        wire(branch, "yes", sms)
        wire(branch, "no", push)
        tag = add("data.tag", tag="nurtured")
        wire(sms, "next", tag)
        wire(push, "next", tag)
        purchase = add("wait.event", event="purchased", timeout_amount=7)
        wire(tag, "next", purchase)
        goal = add("goal", label="Purchased")
        wire(purchase, "happened", goal)
        split = add("branch.random")  # timed-out contacts: half exit, half go on to the next segment
        wire(purchase, "timed_out", split)
        leave = add("exit")
        wire(split, "b", leave)
        previous, port = split, "a"
    wire(previous, port, add("exit"))  # the last segment's continuing path
    return Workflow(
        id="big",
        name="Big journey",
        settings=JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7)),
        nodes=nodes,
        edges=edges,
    )


def email_chain(target_nodes: int) -> Workflow:
    """A trigger, then ``target_nodes - 1`` emails in a row, under a cap of 3 a week."""
    nodes = [Node(id="t", kind="trigger.event", position=Position(x=0, y=0), settings={"event": "signed_up"})]
    nodes += [Node(id=f"e{i}", kind="send.email", position=Position(x=i * 10.0, y=0), settings={})
              for i in range(1, target_nodes)]
    edges = [Edge(source=a.id, source_port="next", target=b.id) for a, b in itertools.pairwise(nodes)]
    return Workflow(id="chain", name="Email chain",
                    settings=JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7)),
                    nodes=nodes, edges=edges)


def measure(wf: Workflow, repeat: int, target_ms: float) -> None:
    bp = Blueprint(name="Benchmark", workflows=[wf])
    problems = validate(bp)  # warm-up (imports, caches)
    errors = [p for p in problems if p.severity == "error"]
    times, cpus = [], []
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        validate(bp)
        times.append((time.perf_counter() - start) * 1000)
        cpus.append((time.process_time() - cpu) * 1000)
    longest = max((len(p.message) for p in problems), default=0)
    print(f"{wf.name}: {len(wf.nodes):,} nodes, {len(wf.edges):,} edges; problems: {len(problems)} "
          f"({len(errors)} errors, longest message {longest} characters)")
    print(f"  validate(): median {statistics.median(times):.1f} ms, best {min(times):.1f} ms over {repeat} runs, "
          f"CPU median {statistics.median(cpus):.1f} ms (target <= {target_ms:.0f} ms; load {os.getloadavg()[0]:.1f})")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--nodes", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    measure(big_workflow(args.nodes), args.repeat, 100)
    measure(email_chain(args.nodes), args.repeat, 100)


if __name__ == "__main__":
    main()
