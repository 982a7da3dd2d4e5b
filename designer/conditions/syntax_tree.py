"""The immutable AST a parsed condition is made of, and a walk over it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Literal:
    value: Any  # None, bool, int, float or str


@dataclass(frozen=True)
class Name:
    path: tuple[str, ...]  # ("props", "amount") for props.amount


@dataclass(frozen=True)
class ListExpr:
    items: tuple


@dataclass(frozen=True)
class Call:
    func: str
    args: tuple


@dataclass(frozen=True)
class Compare:
    op: str
    left: Any
    right: Any


@dataclass(frozen=True)
class IsNull:
    operand: Any
    negate: bool


@dataclass(frozen=True)
class Not:
    operand: Any


@dataclass(frozen=True)
class And:
    items: tuple


@dataclass(frozen=True)
class Or:
    items: tuple


def _children(node: Any) -> tuple:
    if isinstance(node, (ListExpr, And, Or)):
        return node.items
    if isinstance(node, Call):
        return node.args
    if isinstance(node, Compare):
        return (node.left, node.right)
    if isinstance(node, (IsNull, Not)):
        return (node.operand,)
    return ()


def _walk(root: Any):
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        stack.extend(_children(node))
