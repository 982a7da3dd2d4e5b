"""Builders for small test workflows, node by node."""

from __future__ import annotations

from pathlib import Path

from designer.blueprint import Blueprint, Edge, Node, Position, Workflow


def node(node_id: str, kind: str, **settings) -> Node:
    return Node(id=node_id, kind=kind, position=Position(x=0, y=0), settings=settings)


def workflow(nodes: list[Node], wires: list[tuple[str, str, str]], **fields) -> Workflow:
    fields.setdefault("id", "wf")
    fields.setdefault("name", "Test journey")
    return Workflow(nodes=nodes, edges=[Edge(source=s, source_port=p, target=t) for s, p, t in wires], **fields)


def blueprint(*workflows: Workflow, **fields) -> Blueprint:
    fields.setdefault("name", "Test blueprint")
    return Blueprint(workflows=list(workflows), **fields)


def example_version(path: Path, **steps) -> Path:
    """The example blueprint with some steps' settings changed, saved at ``path`` (a version to diff)."""
    from designer.examples import example_blueprint
    from designer.fileformat import dumps, from_data, to_data

    data = to_data(example_blueprint())
    for n in data["workflows"][0]["nodes"]:
        n["settings"].update(steps.get(n["id"], {}))
    path.write_text(dumps(from_data(data)), encoding="utf-8")
    return path
