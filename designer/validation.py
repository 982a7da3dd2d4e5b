"""The validator: graph and settings checks over a blueprint.

``validate(blueprint)`` returns every :class:`Problem` found, in document
order. Codes are stable (tools and tests match on them); messages are written
for a marketer. Errors stop a journey from running; warnings do not.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from pydantic import ValidationError

from designer.blueprint import Blueprint, FrequencyCap, Node, Workflow
from designer.conditions import check as check_condition
from designer.connections import check_connection, step_title
from designer.fileformat import json_path
from designer.gc_pause import gc_paused
from designer.i18n import Message, render
from designer.nodes import CheckContext, NodeKind, Port, Settings, get_kind
from designer.nodes.fields import duration, field_words

Severity = Literal["error", "warning"]

CODES: dict[str, str] = {
    "no-entry": "the workflow has no trigger",
    "cycle": "steps lead round in a loop",
    "unreachable": "no trigger leads to the step",
    "dangling-output": "an output leads nowhere",
    "dead-edge": "a wire to or from a missing step or output",
    "port-in-use": "two wires leave the same output",
    "trigger-has-input": "a wire leads into a trigger",
    "invalid-settings": "a setting has a bad value",
    "split-weights": "split weights do not add up to 100%",
    "wait-no-timeout": "a wait for an event has no timeout",
    "no-goal": "the workflow has no goal",
    "over-messaging": "a path can send more messages than the frequency cap allows",
    "unknown-kind": "a step of a kind this program does not know",
    "duplicate-id": "two steps share an id",
    "secret-in-file": "a secret is written into the file",
    "channel-not-enabled": "a step uses a channel the blueprint does not enable",
    "message-too-large": "a message is too large to send (designer/limits.py)",
    "webhook-destination": "a webhook goes to this machine, a private network or a host chosen by contact data",
    "secret-outside-headers": "a secret is used outside a webhook's headers",
    "secret-not-allowed": "a secret would go to a host its owner did not allow",
}


@dataclass(frozen=True)
class Problem:
    """One problem. ``detail`` is the text as a :class:`Message` (or plain text);
    ``message`` renders it in the reader's language when asked."""

    severity: Severity
    code: str
    workflow_id: str | None
    node_ids: tuple[str, ...]
    detail: Message | str
    field: str | None = None

    @property
    def message(self) -> str:
        return render(self.detail)

    def to_dict(self) -> dict:
        """For ``--json``: the stable codes, the message as code and parameters, and its text."""
        out = {"severity": self.severity, "code": self.code, "workflow_id": self.workflow_id,
               "node_ids": list(self.node_ids), "message": self.message, "field": self.field}
        if isinstance(self.detail, Message):
            out["message_id"] = self.detail.to_json()
        return out


def has_errors(problems: list[Problem]) -> bool:
    return any(p.severity == "error" for p in problems)


def validate(blueprint: Blueprint, secret_hosts: Mapping[str, list[str]] | None = None) -> list[Problem]:
    """Every problem of every workflow. ``secret_hosts`` (from the local connector config,
    when known) also checks where the secrets a webhook names would go."""
    context = CheckContext(stages=blueprint.stage_ids(), variables=blueprint.variables, secret_hosts=secret_hosts)
    problems: list[Problem] = []
    with gc_paused():
        for wf in blueprint.workflows:
            problems += _WorkflowCheck(blueprint, wf, context).run()
    return problems


@dataclass
class _Parsed:
    node: Node
    kind: NodeKind | None
    settings: Settings | None
    ports: list[Port] = field(default_factory=list)


@dataclass
class _WorkflowCheck:
    blueprint: Blueprint
    wf: Workflow
    context: CheckContext
    problems: list[Problem] = field(default_factory=list)

    def add(self, severity: Severity, code: str, nodes: tuple[str, ...], message: Message, fld: str | None = None):
        self.problems.append(Problem(severity, code, self.wf.id, nodes, message, fld))

    def run(self) -> list[Problem]:
        self.parsed = self._parse_nodes()
        graph = self._graph()
        self._check_workflow_fields()
        triggers = [n for n, p in self.parsed.items() if p.kind is not None and p.kind.is_trigger]
        if not triggers:
            self.add("error", "no-entry", (), Message("problem.no-entry", {"workflow": self.wf.name}))
        else:
            self._check_reachable(graph, triggers)
        acyclic = self._check_cycles(graph)
        self._check_dangling()
        self._check_goal()
        self._check_effects()
        if acyclic:
            self._check_over_messaging()
        return self.problems

    # --- nodes and their settings -----------------------------------------
    def _parse_nodes(self) -> dict[str, _Parsed]:
        parsed: dict[str, _Parsed] = {}
        enabled = set(self.blueprint.channels)
        for node in self.wf.nodes:
            if node.id in parsed:
                self.add("error", "duplicate-id", (node.id,), Message("problem.duplicate-id", {"id": node.id}))
                continue
            kind = get_kind(node.kind)
            if kind is None:
                self.add("error", "unknown-kind", (node.id,),
                         Message("problem.unknown-kind", {"id": node.id, "kind": node.kind}))
                parsed[node.id] = _Parsed(node, None, None)
                continue
            settings = self._parse_settings(node, kind)
            parsed[node.id] = _Parsed(node, kind, settings, kind.ports(settings))
            if settings is not None:
                for f in kind.check(settings, self.context):
                    self.add(f.severity, f.code, (node.id,), Message("problem.step", {"step": step_title(node), "detail": f.message}),
                             f.field)
            if kind.channel and kind.channel not in enabled:
                self.add(
                    "warning", "channel-not-enabled", (node.id,),
                    Message("problem.channel-not-enabled", {"step": step_title(node), "channel": kind.channel}),
                )
        return parsed

    def _check_effects(self) -> None:
        """Behaviour overrides (issue 18): checked only on steps that carry one."""
        carrying = [p for p in self.parsed.values() if p.node.behaviour is not None]
        if not carrying:
            return
        from designer.runtime.dryrun.effects import problems as effect_problems

        for p in carrying:
            sends = p.kind is not None and p.kind.channel is not None
            for code, params in effect_problems(p.node, [port.id for port in p.ports], sends):
                self.add("error", "invalid-behaviour", (p.node.id,),
                         Message(code, {"step": step_title(p.node), **params}), "behaviour")

    def _parse_settings(self, node: Node, kind: NodeKind) -> Settings | None:
        try:
            return kind.parse(node.settings)
        except ValidationError as err:
            for e in err.errors():
                name = _field_name(e["loc"])
                self.add(
                    "error", "invalid-settings", (node.id,),
                    Message("problem.setting", {"step": step_title(node), "field": _field_word(kind, name),
                                                "detail": _setting_error(e)}), name or None,
                )
            return None

    def _check_workflow_fields(self) -> None:
        stages = self.context.stages
        for name in ("from_stage", "to_stage"):
            value = getattr(self.wf, name)
            if value is not None and value not in stages:
                self.add("error", "invalid-settings", (),
                         Message("problem.stage-field", {"workflow": self.wf.name, "field": name, "value": value}), name)
        goal = self.wf.goal
        if goal and goal.condition and (err := check_condition(goal.condition)):
            self.add("error", "invalid-settings", (),
                     Message("problem.goal-condition", {"workflow": self.wf.name, "error": str(err)}), "goal.condition")
        leave = self.wf.exit_criteria
        if leave and leave.condition and (err := check_condition(leave.condition)):
            self.add("error", "invalid-settings", (),
                     Message("problem.exit-condition", {"workflow": self.wf.name, "error": str(err)}),
                     "exit_criteria.condition")

    # --- the graph ----------------------------------------------------------
    # Plain successor lists: cheaper to build than a networkx graph and enough for
    # the common (acyclic) case; networkx is imported only to name a loop.
    def _graph(self) -> dict[str, list[str]]:
        graph: dict[str, list[str]] = {n: [] for n in self.parsed}
        nodes = {k: p.node for k, p in self.parsed.items()}
        wired: set[tuple[str, str]] = set()
        parsed = self.parsed

        def ports_of(n: Node) -> list[Port]:
            return parsed[n.id].ports

        for edge in self.wf.edges:
            refusal = check_connection(nodes, wired, edge.source, edge.source_port, edge.target, ports_of)
            wired.add((edge.source, edge.source_port))
            if refusal is not None and refusal.code != "cycle":
                ids = tuple(i for i in (edge.source, edge.target) if i in nodes)
                self.add("error", refusal.code, ids,
                         Message("problem.wire", {"source": edge.source, "target": edge.target, "reason": refusal.message}))
                if refusal.code != "port-in-use":
                    continue
            graph[edge.source].append(edge.target)
        self.wired = wired
        return graph

    def _check_reachable(self, graph: dict[str, list[str]], triggers: list[str]) -> None:
        reached = set(triggers)
        queue = deque(triggers)
        while queue:
            for target in graph[queue.popleft()]:
                if target not in reached:
                    reached.add(target)
                    queue.append(target)
        for node_id, p in self.parsed.items():
            if node_id not in reached:
                self.add(
                    "error", "unreachable", (node_id,),
                    Message("problem.unreachable", {"step": step_title(p.node)}),
                )

    def _check_cycles(self, graph: dict[str, list[str]]) -> bool:
        self.topo = _topological_order(graph)
        if self.topo is not None:  # the common case, and much cheaper than SCCs
            return True
        import networkx as nx  # only a graph with a loop pays for naming it

        nxgraph = nx.DiGraph()
        nxgraph.add_nodes_from(graph)
        nxgraph.add_edges_from((s, t) for s, targets in graph.items() for t in targets)
        order = {n: i for i, n in enumerate(self.parsed)}
        for component in nx.strongly_connected_components(nxgraph):
            if len(component) == 1 and not any(nxgraph.has_edge(n, n) for n in component):
                continue
            loop = [u for u, _ in nx.find_cycle(nxgraph.subgraph(component))]
            start = min(range(len(loop)), key=lambda i: order[loop[i]])  # stable: start at the earliest step
            loop = loop[start:] + loop[:start]
            names = Message("join", {"items": [step_title(self.parsed[n].node) for n in loop + loop[:1]], "sep": " -> "})
            self.add("error", "cycle", tuple(loop), Message("problem.cycle", {"names": names}))
        return False

    def _check_dangling(self) -> None:
        for node_id, p in self.parsed.items():
            if p.kind is None:
                continue
            for port in p.ports:
                if (node_id, port.id) not in self.wired:
                    self.add(
                        "warning", "dangling-output", (node_id,),
                        Message("problem.dangling-output", {"port": port.caption, "step": step_title(p.node)}),
                        port.id,
                    )

    def _check_goal(self) -> None:
        goal = self.wf.goal
        has_goal = bool(goal and (goal.event or goal.condition))
        if not has_goal and not any(p.kind is not None and p.kind.is_goal for p in self.parsed.values()):
            self.add("warning", "no-goal", (), Message("problem.no-goal", {"workflow": self.wf.name}))

    # --- over-messaging -----------------------------------------------------
    def _check_over_messaging(self) -> None:
        caps: list[tuple[str, FrequencyCap]] = []
        if self.wf.settings.frequency_cap:
            caps.append(("workflow", self.wf.settings.frequency_cap))
        if self.blueprint.programme_cap and self.blueprint.programme_cap != self.wf.settings.frequency_cap:
            caps.append(("programme", self.blueprint.programme_cap))
        if not caps:
            return
        messages = sum(1 for p in self.parsed.values() if p.kind is not None and p.kind.is_message)
        if messages <= min(cap.max_messages for _, cap in caps):
            return
        edges = {(e.source, e.source_port): e.target for e in self.wf.edges if e.target in self.parsed}
        for label, cap in caps:
            worst = _densest_path(self.parsed, edges, self.topo, cap.period_days * 86400)
            if len(worst) > cap.max_messages:
                self.add(
                    "warning", "over-messaging", tuple(worst),
                    Message(f"problem.over-messaging-{label}", {
                        "count": len(worst), "period": duration(cap.period_days, "days"),
                        "steps": _title_list([step_title(self.parsed[n].node) for n in worst]), "cap": cap.max_messages}),
                )


def _topological_order(graph: dict[str, list[str]]) -> list[str] | None:
    """The steps in an order where every wire points forward (Kahn); None if there is a loop."""
    indegree = dict.fromkeys(graph, 0)
    for targets in graph.values():
        for t in targets:
            indegree[t] += 1
    order = [n for n, d in indegree.items() if d == 0]
    for node in order:  # the list grows while it is walked
        for t in graph[node]:
            indegree[t] -= 1
            if indegree[t] == 0:
                order.append(t)
    return order if len(order) == len(graph) else None


def _densest_path(parsed, edges, topo: list[str], period: float) -> list[str]:
    """The most messages one path can send within ``period`` seconds, as their node ids.

    One pass in topological order. Each step keeps the Pareto set of windows
    reaching it: (least elapsed time since the window's first message, most
    messages), a window opening at every message. Windows older than the period
    are dropped, so a step holds at most one window per message count that fits
    in a period: a chain of n messages costs O(n x messages per period), not n^3.
    The messages of a window are a linked list ``(node_id, previous)`` shared by
    every window that extends it, never copied. Waits count at their shortest
    (an awaited event can happen at once), so this is the worst case.
    """
    best: tuple[float, int, tuple | None] = (0.0, 0, None)
    windows: dict[str, list[tuple[float, int, tuple | None]]] = {}
    for node in topo:
        p = parsed[node]
        here = windows.pop(node, [])
        if p.kind is not None and p.kind.is_message:
            here = [(t, n + 1, (node, sent)) for t, n, sent in here]
            _add_window(here, (0.0, 1, (node, None)))
        for window in here:
            if window[1] > best[1]:
                best = window
        if not here or p.kind is None:
            continue
        for port in p.ports:
            target = edges.get((node, port.id))
            if target is None:
                continue
            wait = p.kind.min_duration(p.settings, port.id) if p.settings is not None else 0.0
            out = windows.setdefault(target, [])
            for t, n, sent in here:
                if t + wait < period:
                    if out:
                        _add_window(out, (t + wait, n, sent))
                    else:
                        out.append((t + wait, n, sent))
    ids: list[str] = []
    link = best[2]
    while link is not None:
        ids.append(link[0])
        link = link[1]
    return ids[::-1]


def _add_window(windows: list, new: tuple) -> None:
    t, n = new[0], new[1]
    for et, en, _ in windows:
        if et <= t and en >= n:
            return  # dominated: no later, no fewer messages
    windows[:] = [w for w in windows if not (t <= w[0] and n >= w[1])]
    windows.append(new)


def _title_list(titles: list, shown: int = 5) -> Message:
    """Steps named in a message: the first few, then how many more (short on any input)."""
    names = Message("join", {"items": titles[:shown], "sep": ", ", "quote": "'"})
    if len(titles) > shown:
        return Message("problem.title-list-more", {"names": names, "count": len(titles) - shown})
    return names


def _setting_error(error: dict) -> Message | str:
    """A settings model's complaint, translatable where its type is known (else pydantic's English)."""
    code = f"setting.{error.get('type')}"
    from designer.i18n.messages import MESSAGES

    if code in MESSAGES:
        ctx = {k: (str(v) if not isinstance(v, (int, float)) else v) for k, v in (error.get("ctx") or {}).items()}
        message = Message(code, ctx)
        try:
            render(message, "en")
            return message
        except Exception:  # noqa: BLE001 - a context this table does not expect: keep pydantic's text
            return error["msg"]
    return error["msg"]


def _field_word(kind: NodeKind, name: str) -> Message | str:
    """A setting as the reader knows it: its name in English (as the file has it), its label elsewhere."""
    info = kind.settings_model.model_fields.get(name)
    if info is None:
        return name or "settings"
    return Message("field", {"name": name, "label": field_words(name, info.description or "", info.title or "")[0]})


def _field_name(loc: tuple) -> str:
    """A settings field's path as the inspector names it: ``branches[0].weight``."""
    return json_path(loc).removeprefix("$").removeprefix(".")


__all__ = ["CODES", "Problem", "has_errors", "validate"]
