"""Which wires make sense: the rules the canvas asks before it draws a wire,
and the same rules the validator reports on a loaded file."""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from designer.blueprint import Node
from designer.i18n import Message
from designer.nodes import Port, get_kind


@dataclass(frozen=True)
class Refusal:
    """Why a wire is refused: ``code`` is the validator's problem code."""

    code: str
    message: Message

    @property
    def reason(self) -> str:
        """The reason in the reader's language."""
        return str(self.message)


def output_ports(node: Node) -> list[Port]:
    """The node's output ports, read from its kind (none for an unknown kind)."""
    kind = get_kind(node.kind)
    if kind is None:
        return []
    return kind.ports(kind.try_parse(node.settings))


def step_title(node: Node) -> str | Message:
    """The step's name: its title, else its kind's label in the reader's language."""
    if node.title:
        return node.title
    kind = get_kind(node.kind)
    return Message.word(kind.label) if kind else node.kind


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
        return Refusal("dead-edge", Message("refusal.no-step", {"id": source}))
    if dst is None:
        return Refusal("dead-edge", Message("refusal.no-step", {"id": target}))
    if all(p.id != port for p in ports_of(src)):
        return Refusal("dead-edge", Message("refusal.no-output", {"step": step_title(src), "port": port}))
    kind = get_kind(dst.kind)
    if kind is not None and not kind.has_input:
        return Refusal("trigger-has-input", Message("refusal.into-trigger", {"step": step_title(dst)}))
    if source == target:
        return Refusal("cycle", Message("refusal.self-loop"))
    if (source, port) in wired:
        caption = next((p.caption for p in ports_of(src) if p.id == port), port)
        return Refusal("port-in-use", Message("refusal.port-in-use", {"port": caption, "step": step_title(src)}))
    return None
