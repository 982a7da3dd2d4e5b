"""Auto-layout: a workflow laid out left to right in layers (networkx), no Qt.

Each step goes one layer right of the furthest step leading into it (longest
path), so a journey reads in order; within a layer, steps are ordered to cut
crossings (barycentre sweeps, branches kept in their ports' order) and placed
level with the steps that lead to them where there is room. Loops are broken
for the layering only. Separate pieces of a workflow are stacked top to bottom.
The result is a position per node id; the canvas applies it as one undoable move.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

import networkx as nx

from designer.blueprint import Workflow
from designer.connections import output_ports

LAYER_GAP = 280.0  # left edge to left edge
ROW_GAP = 40.0
COMPONENT_GAP = 100.0
GRID = 20.0


def default_height(ports: int) -> float:
    """The canvas card height for a node with ``ports`` outputs (kept in step with the canvas look)."""
    return 60.0 + (ports * 22.0 + 6.0 if ports > 1 else 0.0)


def _graph(workflow: Workflow) -> nx.DiGraph:
    graph = nx.DiGraph()
    ids = [n.id for n in workflow.nodes]
    graph.add_nodes_from(ids)
    order = {n.id: {p.id: i for i, p in enumerate(output_ports(n))} for n in workflow.nodes}
    for e in workflow.edges:
        if e.source in order and e.target in order and e.source != e.target:
            rank = order[e.source].get(e.source_port, len(order[e.source]))
            if not graph.has_edge(e.source, e.target) or graph[e.source][e.target]["rank"] > rank:
                graph.add_edge(e.source, e.target, rank=rank)
    return graph


def _acyclic(graph: nx.DiGraph, order: Mapping[str, int]) -> nx.DiGraph:
    """The graph without the wires that close a loop (found by depth-first search in document order)."""
    dag = graph.copy()
    state: dict[str, int] = {}
    for root in sorted(graph, key=lambda n: (graph.in_degree(n) > 0, order[n])):
        if root in state:
            continue
        state[root] = 1
        stack = [(root, iter(sorted(graph.successors(root), key=lambda s: graph[root][s]["rank"])))]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                state[node] = 2
                stack.pop()
            elif state.get(child) == 1:
                dag.remove_edge(node, child)
            elif child not in state:
                state[child] = 1
                stack.append((child, iter(sorted(graph.successors(child), key=lambda s: graph[child][s]["rank"]))))
    return dag


def _layers(dag: nx.DiGraph, order: Mapping[str, int]) -> list[list[str]]:
    layer: dict[str, int] = {}
    for node in nx.lexicographical_topological_sort(dag, key=lambda n: order[n]):
        layer[node] = max((layer[p] + 1 for p in dag.predecessors(node)), default=0)
    out: list[list[str]] = [[] for _ in range(max(layer.values(), default=-1) + 1)]
    for node in sorted(layer, key=lambda n: order[n]):
        out[layer[node]].append(node)
    return out


def _sort_key(dag: nx.DiGraph, node: str, pos: Mapping[str, float], neighbours: Callable, rank_weight: bool) -> float:
    found = list(neighbours(node))
    if not found:
        return pos.get(node, 0.0)
    if rank_weight:  # a branch's children keep the order of its ports
        return sum(pos[n] + dag[n][node]["rank"] * 0.01 for n in found) / len(found)
    return sum(pos[n] for n in found) / len(found)


def _order_layers(dag: nx.DiGraph, layers: list[list[str]], sweeps: int = 4) -> None:
    def rows() -> dict[str, int]:  # every node's row in its layer: wires may skip layers
        return {n: j for layer in layers for j, n in enumerate(layer)}

    for _ in range(sweeps):
        for i in range(1, len(layers)):
            pos = rows()
            layers[i].sort(key=lambda n: (_sort_key(dag, n, pos, dag.predecessors, True)))
        for i in range(len(layers) - 2, -1, -1):
            pos = rows()
            layers[i].sort(key=lambda n: _sort_key(dag, n, pos, dag.successors, False))


def _place(dag: nx.DiGraph, layers: list[list[str]], height: Mapping[str, float]) -> dict[str, tuple[float, float]]:
    centre: dict[str, float] = {}
    for i, layer in enumerate(layers):
        wanted = []
        for node in layer:
            parents = [centre[p] for p in dag.predecessors(node) if p in centre]
            wanted.append(sum(parents) / len(parents) if parents else None)
        # stack in order without overlaps, then shift the column to sit on its parents
        ys, y = [], 0.0
        for node in layer:
            ys.append(y + height[node] / 2)
            y += height[node] + ROW_GAP
        pinned = [(w - c) for w, c in zip(wanted, ys) if w is not None]
        shift = sum(pinned) / len(pinned) if pinned else -(y - ROW_GAP) / 2
        ys = [c + shift for c in ys]
        # let single nodes slide towards their parents where the column leaves room
        for j, node in enumerate(layer):
            target = wanted[j]
            if target is None:
                continue
            low = ys[j - 1] + (height[layer[j - 1]] + height[node]) / 2 + ROW_GAP if j else float("-inf")
            high = ys[j + 1] - (height[layer[j + 1]] + height[node]) / 2 - ROW_GAP if j + 1 < len(layer) else float("inf")
            ys[j] = min(max(target, low), high)
        for node, c in zip(layer, ys):
            centre[node] = c
    return {n: (i * LAYER_GAP, centre[n] - height[n] / 2) for i, layer in enumerate(layers) for n in layer}


def _snap(v: float) -> float:
    return round(v / GRID) * GRID


def auto_layout(
    workflow: Workflow, heights: Mapping[str, float] | None = None, only: Iterable[str] | None = None
) -> dict[str, tuple[float, float]]:
    """New positions (top-left corners) for the workflow's nodes, or for ``only`` these.

    The laid-out block keeps the top-left corner of the nodes it moves, so the
    drawing does not jump away from where the user was looking.
    """
    graph = _graph(workflow)
    if only is not None:
        graph = graph.subgraph(set(only)).copy()
    if graph.number_of_nodes() == 0:
        return {}
    order = {n.id: i for i, n in enumerate(workflow.nodes)}
    nodes = {n.id: n for n in workflow.nodes}
    h = {n: (heights or {}).get(n) or default_height(len(output_ports(nodes[n]))) for n in graph}
    out: dict[str, tuple[float, float]] = {}
    top = 0.0
    pieces = sorted(nx.weakly_connected_components(graph), key=lambda c: min(order[n] for n in c))
    for piece in pieces:
        sub = graph.subgraph(piece)
        dag = _acyclic(sub, order)
        layers = _layers(dag, order)
        _order_layers(dag, layers)
        placed = _place(dag, layers, h)
        min_y = min(y for _, y in placed.values())
        max_y = max(y + h[n] for n, (_, y) in placed.items())
        for n, (x, y) in placed.items():
            out[n] = (x, y - min_y + top)
        top += max_y - min_y + COMPONENT_GAP
    x0 = min(nodes[n].position.x for n in out)
    y0 = min(nodes[n].position.y for n in out)
    return {n: (_snap(x + x0), _snap(y + y0)) for n, (x, y) in out.items()}
