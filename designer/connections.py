"""Which wires make sense: the rules the canvas asks before it draws a wire,
and the same rules the validator reports on a loaded file."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from designer.blueprint import Node
from designer.nodes import Port, get_kind


@dataclass(frozen=True)
class Refusal:
    """Why a wire is refused: ``code`` is the validator's problem code."""

    code: str
    reason: str


def output_ports(node: Node) -> list[Port]:
    """The node's output ports, read from its kind (none for an unknown kind)."""
    kind = get_kind(node.kind)
    if kind is None:
        return []
    return kind.ports(kind.try_parse(node.settings))


def port_label(node: Node, port_id: str) -> str:
    return next((p.label for p in output_ports(node) if p.id == port_id), port_id)


def check_connection(
    nodes: Mapping[str, Node],
    wired: Collection[tuple[str, str]],
    source: str,
    port: str,
    target: str,
    ports_of: Callable[[Node], list[Port]] = output_ports,
) -> Refusal | None:
    """None if ``source.port -> target`` may be added; otherwise the first rule it breaks.

    ``nodes`` maps ids to nodes; ``wired`` holds the (source, port) pairs that
    already have a wire; ``ports_of`` may serve ports from a cache.
    """
    src, dst = nodes.get(source), nodes.get(target)
    if src is None:
        return Refusal("dead-edge", f"there is no step '{source}'")
    if dst is None:
        return Refusal("dead-edge", f"there is no step '{target}'")
    if all(p.id != port for p in ports_of(src)):
        return Refusal("dead-edge", f"'{src.display_title}' has no output '{port}'")
    kind = get_kind(dst.kind)
    if kind is not None and not kind.has_input:
        return Refusal("trigger-has-input", f"'{dst.display_title}' is a trigger: journeys start there, nothing leads into it")
    if source == target:
        return Refusal("cycle", "a step cannot lead to itself")
    if (source, port) in wired:
        label = port_label(src, port)
        return Refusal("port-in-use", f"output '{label}' of '{src.display_title}' is already connected; remove that wire first")
    return None
