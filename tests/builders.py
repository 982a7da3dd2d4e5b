"""Builders for small test workflows, node by node."""

from __future__ import annotations

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
