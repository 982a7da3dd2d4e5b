"""The journey interpreter both engines share: the durable SQLite runtime and
the dry-run simulator differ only in the clock, the store and delivery.

:func:`compile_workflow` checks a workflow and indexes it once.
:func:`advance` moves a batch of contacts through it from wherever they stand
until each one waits or finishes, asking every node kind for its
:class:`~designer.nodes.behaviour.Step` over the whole group at that node, and
handing effects (sends, tag/score/attribute updates, stage changes) to a
:class:`Sink` that the engine provides. Rows are positions in the caller's
arrays, so the same call serves 20 claimed enrolments or 100,000 simulated
contacts.
"""

from __future__ import annotations

import dataclasses
import hashlib
import heapq
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

import networkx as nx
import numpy as np

from designer.blueprint import Blueprint, Workflow
from designer.conditions import Condition, ContactFrame
from designer.conditions import parse as parse_condition
from designer.nodes import NodeKind, Settings, get_kind
from designer.nodes.behaviour import Batch, Effect, EntryRule, Finish, Step, Wait
from designer.validation import Problem, has_errors, validate


class JourneyInvalid(Exception):
    """The workflow has validation errors and cannot run."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = [p for p in problems if p.severity == "error"]
        first = self.problems[0].message if self.problems else ""
        super().__init__(f"the journey has {len(self.problems)} error(s), e.g. {first}")


@dataclass(frozen=True)
class CompiledNode:
    id: str
    title: str
    kind: NodeKind
    settings: Settings


@dataclass
class CompiledWorkflow:
    blueprint: Blueprint
    workflow: Workflow
    version: str  # content hash: a changed journey is a new version
    nodes: dict[str, CompiledNode]
    routes: dict[tuple[str, str], str]  # (node, port) -> next node
    order: dict[str, int]  # topological position, so joining paths merge into one batch
    entries: list[tuple[str, EntryRule]]  # trigger node id, how it enrols
    goal_condition: Condition | None = None
    exit_condition: Condition | None = None  # the exit criteria's condition

    @property
    def exit_event(self) -> str | None:
        """The event that takes a contact out of the journey (exit criteria), if any."""
        leave = self.workflow.exit_criteria
        return leave.event if leave else None

    def exit_reason(self, by_event: bool) -> str:
        """The recorded reason of a contact leaving by the exit criteria (its event, or its condition)."""
        leave = self.workflow.exit_criteria
        assert leave is not None
        return f"exit criteria: {leave.event if by_event else leave.condition}"

    def route(self, node_id: str, port: str) -> str | None:
        """The node after ``node_id`` by ``port``; None where the path ends."""
        return self.routes.get((node_id, port))


def workflow_version(workflow: Workflow) -> str:
    data = json.dumps(to_data_workflow(workflow), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(data.encode()).hexdigest()[:16]


def to_data_workflow(workflow: Workflow) -> dict:
    data = workflow.model_dump(mode="json")
    # Layout, notes, the build-queue entry and dry-run assumptions do not change
    # behaviour: not a new version.
    for key in ("notes", "queue", "description", "simulation"):
        data.pop(key, None)
    if data.get("exit_criteria") is None:  # absent or off: the version a workflow had before the field existed
        data.pop("exit_criteria", None)
    for node in data["nodes"]:
        node.pop("position", None)
        node.pop("title", None)
    return data


def compile_workflow(blueprint: Blueprint, workflow: Workflow,
                     secret_hosts: Mapping[str, list[str]] | None = None) -> CompiledWorkflow:
    """Index a workflow for running; raises :class:`JourneyInvalid` on validation errors
    (with ``secret_hosts`` from the connector config, also on secrets sent where not allowed)."""
    problems = validate(blueprint.model_copy(update={"workflows": [workflow]}), secret_hosts)
    if has_errors(problems):
        raise JourneyInvalid(problems)
    nodes: dict[str, CompiledNode] = {}
    entries: list[tuple[str, EntryRule]] = []
    for node in workflow.nodes:
        kind = get_kind(node.kind)
        assert kind is not None  # validated
        settings = kind.parse(node.settings)
        nodes[node.id] = CompiledNode(node.id, node.display_title, kind, settings)
        if kind.is_trigger:
            entries.append((node.id, kind.entry(settings)))  # type: ignore[attr-defined]
    routes = {(e.source, e.source_port): e.target for e in workflow.edges}
    graph = nx.DiGraph((s, t) for (s, _), t in routes.items())
    graph.add_nodes_from(nodes)
    order = {n: i for i, n in enumerate(nx.topological_sort(graph))}
    goal, leave = workflow.goal, workflow.exit_criteria
    condition = parse_condition(goal.condition) if goal and goal.condition else None
    exit_condition = parse_condition(leave.condition) if leave and leave.condition else None
    return CompiledWorkflow(blueprint, workflow, workflow_version(workflow), nodes, routes, order, entries, condition,
                            exit_condition)


@dataclass(frozen=True)
class Hold:
    """What :meth:`Sink.apply` returns for rows whose effect must wait (a message
    in quiet hours is deferred, not dropped): they stay at the node and run it
    again at ``until``."""

    mask: np.ndarray  # bool, over the rows given to apply
    until: np.ndarray  # epoch seconds, one per held row
    reason: str


class Sink(Protocol):
    """What an engine supplies to :func:`advance`."""

    def frame(self, rows: np.ndarray) -> ContactFrame:
        """Contact data for these rows, reflecting effects already applied."""

    def apply(self, node: CompiledNode, rows: np.ndarray, effect: Effect, now: float | np.ndarray) -> Hold | None:
        """Carry out an effect (deliver or queue a message, update contacts, set stage) at ``now``
        (one time, or one per row). Return a :class:`Hold` for rows that must come back to this
        node later, else None."""

    def visit(self, node: CompiledNode, rows: np.ndarray, ports: np.ndarray | str | None) -> None:
        """Record that these rows passed ``node`` (leaving by ``ports``: one per row, or one port
        for all as a string; None if they stay or finish)."""


@dataclass
class Waiting:
    node_id: str
    rows: np.ndarray
    wait: Wait


@dataclass
class Finished:
    node_id: str
    rows: np.ndarray
    finish: Finish


@dataclass
class Held:
    """Rows held at a node by the sink; they re-run the node at ``until``."""

    node_id: str
    rows: np.ndarray
    until: np.ndarray
    reason: str


@dataclass
class Advanced:
    """Where every row of an :func:`advance` call ended up."""

    waiting: list[Waiting] = field(default_factory=list)
    finished: list[Finished] = field(default_factory=list)
    held: list[Held] = field(default_factory=list)


def advance(
    cw: CompiledWorkflow,
    positions: Mapping[str, np.ndarray],
    now: float | np.ndarray,
    rng: np.random.Generator,
    sink: Sink,
) -> Advanced:
    """Run rows from their nodes (``positions``: node id -> row indices) until
    each waits or finishes. Nodes are taken in topological order, so rows that
    reach a node by different paths are stepped there as one batch.

    ``now`` is one time for every row, or each row's own time as a column indexed
    by row (the dry-run steps contacts due at different moments in one call):
    node kinds and the sink then see one time per row of their batch."""
    pending: dict[str, list[np.ndarray]] = {}
    heap: list[tuple[int, str]] = []

    def arrive(node_id: str, rows: np.ndarray) -> None:
        if node_id not in pending:
            pending[node_id] = []
            heapq.heappush(heap, (cw.order[node_id], node_id))
        pending[node_id].append(rows)

    for node_id, rows in positions.items():
        if len(rows):
            arrive(node_id, np.asarray(rows, dtype=np.int64))
    out = Advanced()
    while heap:
        _, node_id = heapq.heappop(heap)
        parts = pending.pop(node_id)
        rows = parts[0] if len(parts) == 1 else np.concatenate(parts)
        node = cw.nodes[node_id]
        at = now[rows] if isinstance(now, np.ndarray) else now
        step = node.kind.step(node.settings, Batch(sink.frame(rows), at, rng))
        if step.effect is not None:
            hold = sink.apply(node, rows, step.effect, at)
            if hold is not None and hold.mask.any():
                held = rows[hold.mask]
                sink.visit(node, held, None)
                out.held.append(Held(node_id, held, np.asarray(hold.until, dtype=float), hold.reason))
                rows, step = rows[~hold.mask], _subset(step, ~hold.mask)
                if not len(rows):
                    continue
        if step.wait is not None:
            sink.visit(node, rows, None)
            out.waiting.append(Waiting(node_id, rows, step.wait))
            continue
        if step.finish is not None:
            sink.visit(node, rows, None)
            out.finished.append(Finished(node_id, rows, step.finish))
            continue
        if isinstance(step.port, str):  # one port for all (most steps): no per-row array of names
            sink.visit(node, rows, step.port)
            leaving = [(step.port, rows)]
        else:
            ports = step.ports_for(len(rows))
            sink.visit(node, rows, ports)
            leaving = [(port, rows[ports == port]) for port in _unique(ports)]
        for port, chosen in leaving:
            target = cw.route(node_id, port)
            if target is None:  # an unwired output ends the journey (the validator warns)
                reason = f"end of path after '{node.title}'"
                out.finished.append(Finished(node_id, chosen, Finish(converted=False, reason=reason)))
            else:
                arrive(target, chosen)
    return out


def _subset(step: Step, keep: np.ndarray) -> Step:
    """The step for the rows that were not held (per-row ports and wake-ups follow)."""
    port = step.port[keep] if isinstance(step.port, np.ndarray) else step.port
    wait = step.wait
    if wait is not None and isinstance(wait.until, np.ndarray):
        wait = dataclasses.replace(wait, until=wait.until[keep])
    return dataclasses.replace(step, port=port, wait=wait)


def _unique(ports: np.ndarray) -> list[str]:
    return list(dict.fromkeys(ports.tolist()))
