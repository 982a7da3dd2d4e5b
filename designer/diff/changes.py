"""The changes between two versions of a blueprint, and applying them.

Both versions are compared as their canonical JSON data (``fileformat.to_data``),
so every field the file holds is covered without a list to keep in step with
the model. Lists of things that have an identity (workflows, steps, wires,
sticky notes, stages) are matched by that identity, not by position: moving a
step in the list is not "step 3 changed". Every other value is compared field
by field down to its leaves; a list of plain values (channel priority) is one
value.

A :class:`Change` is addressed by a path of keys: dictionary keys, and the
identity of an item in a keyed list, e.g.
``("workflows", "welcome", "nodes", "n3", "settings", "amount")``.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

Path = tuple[str, ...]


def edge_key(edge: dict) -> str:
    """A wire's identity: 'n1:next->n2' (ids and port ids cannot hold ':' or '->')."""
    return f"{edge.get('source')}:{edge.get('source_port')}->{edge.get('target')}"


def _id(item: dict) -> str:
    return str(item.get("id"))


# Keyed lists, by their place in the file ("*" stands for any item's key).
KEYED: dict[Path, Callable[[dict], str]] = {
    ("stages",): _id,
    ("workflows",): _id,
    ("workflows", "*", "nodes"): _id,
    ("workflows", "*", "notes"): _id,
    ("workflows", "*", "edges"): edge_key,
}

# Where things sit on the canvas: left out of a diff unless asked for.
LAYOUT: frozenset[Path] = frozenset(
    {
        ("workflows", "*", "nodes", "*", "position"),
        ("workflows", "*", "notes", "*", "position"),
        ("workflows", "*", "notes", "*", "width"),
        ("workflows", "*", "notes", "*", "height"),
    }
)


@lru_cache(maxsize=1024)  # few distinct patterns; asked once per compared value
def is_layout(pattern: Path) -> bool:
    return any(pattern[: len(p)] == p for p in LAYOUT)


def pattern_of(path: Path) -> Path:
    """The path with each keyed item's key replaced by '*'."""
    out: list[str] = []
    for part in path:
        out.append("*" if tuple(out) in KEYED else part)
    return tuple(out)


def keyed(items: list, key: Callable[[dict], str]) -> dict[str, Any]:
    """key -> item, in list order. A repeated key (a broken file) gets '#2', '#3'..."""
    out: dict[str, Any] = {}
    for item in items:
        k = key(item) if isinstance(item, dict) else repr(item)
        if k in out:
            n = 2
            while f"{k}#{n}" in out:
                n += 1
            k = f"{k}#{n}"
        out[k] = item
    return out


@dataclass(frozen=True, slots=True)
class Change:
    """One difference. ``op``: added, removed, changed, or reordered (a keyed
    list's common items in a new order; ``old``/``new`` are the key orders).
    ``index`` is an added item's place in the new list."""

    op: str
    path: Path
    old: Any = None
    new: Any = None
    index: int | None = None
    layout: bool = False

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "path": list(self.path), "old": self.old, "new": self.new}
        if self.index is not None:
            out["index"] = self.index
        if self.layout:
            out["layout"] = True
        return out


# --- diff -------------------------------------------------------------------------------


def diff_data(a: Any, b: Any, include_layout: bool = False) -> list[Change]:
    """The changes that turn ``a`` into ``b`` (both canonical blueprint data)."""
    out: list[Change] = []
    _Differ(out, include_layout).diff(a, b, (), ())
    return out


class _Differ:
    def __init__(self, out: list[Change], include_layout: bool) -> None:
        self.out, self.include_layout = out, include_layout

    def add(self, change: Change) -> None:
        if self.include_layout or not change.layout:
            self.out.append(change)

    def diff(self, a: Any, b: Any, path: Path, pattern: Path) -> None:
        if a == b:  # one C-level comparison skips every unchanged step
            return
        layout = is_layout(pattern)
        if layout and not self.include_layout:
            return
        key = KEYED.get(pattern)
        if pattern in LAYOUT:  # a move is one change, not one per coordinate
            self.add(Change("changed", path, old=a, new=b, layout=True))
        elif key is not None and isinstance(a, list) and isinstance(b, list):
            self.keyed(a, b, key, path, pattern)
        elif isinstance(a, dict) and isinstance(b, dict):
            for k, va in a.items():
                if k in b:
                    if va != b[k]:  # checked here too: most fields of a changed step are equal
                        self.diff(va, b[k], path + (k,), pattern + (k,))
                else:
                    self.add(Change("removed", path + (k,), old=va, layout=is_layout(pattern + (k,))))
            for k, vb in b.items():
                if k not in a:
                    self.add(Change("added", path + (k,), new=vb, layout=is_layout(pattern + (k,))))
        else:
            self.add(Change("changed", path, old=a, new=b, layout=layout))

    def keyed(self, a: list, b: list, key, path: Path, pattern: Path) -> None:
        ka, kb = keyed(a, key), keyed(b, key)
        common = {k for k in ka if k in kb and same_thing(ka[k], kb[k])}
        inner = pattern + ("*",)
        layout = is_layout(inner)
        for k, item in ka.items():
            if k not in common:
                self.add(Change("removed", path + (k,), old=item, layout=layout))
        for k, item in ka.items():
            if k in common:
                self.diff(item, kb[k], path + (k,), inner)
        for i, (k, item) in enumerate(kb.items()):
            if k not in common:
                self.add(Change("added", path + (k,), new=item, index=i, layout=layout))
        if self.include_layout:
            order_a = [k for k in ka if k in common]
            order_b = [k for k in kb if k in common]
            if order_a != order_b:
                self.add(Change("reordered", path, old=order_a, new=order_b, layout=True))


def same_thing(a: Any, b: Any) -> bool:
    """Two items with one key are one thing, unless a step's kind changed: an id the
    editor reused for a new step of another kind is a removed step and an added one."""
    return not (isinstance(a, dict) and isinstance(b, dict) and "kind" in a and a.get("kind") != b.get("kind"))


# --- apply ------------------------------------------------------------------------------


class ApplyError(ValueError):
    """A change that does not fit the data it is applied to."""


def apply_data(data: Any, changes: Iterable[Change]) -> Any:
    """A copy of ``data`` with ``changes`` applied, in order (as ``diff_data`` lists them)."""
    data = copy.deepcopy(data)
    for change in changes:
        data = _apply_one(data, change)
    return data


def _apply_one(root: Any, change: Change) -> Any:
    if change.op == "reordered":
        parent, pattern = _walk(root, change.path)
        _reorder(parent, KEYED[pattern], change.new)
        return root
    if not change.path:
        return copy.deepcopy(change.new)
    parent, pattern = _walk(root, change.path[:-1])
    last = change.path[-1]
    key = KEYED.get(pattern)
    if key is not None and isinstance(parent, list):
        index = list(keyed(parent, key)).index(last) if last in keyed(parent, key) else None
        if change.op == "added":
            at = len(parent) if change.index is None else min(change.index, len(parent))
            parent.insert(at, copy.deepcopy(change.new))
        elif index is None:
            raise ApplyError(f"no {'/'.join(change.path)} to change")
        elif change.op == "removed":
            del parent[index]
        else:
            parent[index] = copy.deepcopy(change.new)
    elif isinstance(parent, dict):
        if change.op == "removed":
            parent.pop(last, None)
        else:
            parent[last] = copy.deepcopy(change.new)
    else:
        raise ApplyError(f"cannot apply a change at {'/'.join(change.path)}")
    return root


def _walk(root: Any, path: Path) -> tuple[Any, Path]:
    node, pattern = root, ()
    for part in path:
        key = KEYED.get(pattern)
        if key is not None and isinstance(node, list):
            items = keyed(node, key)
            if part not in items:
                raise ApplyError(f"no {'/'.join(path)}")
            node, pattern = items[part], pattern + ("*",)
        elif isinstance(node, dict) and part in node:
            node, pattern = node[part], pattern + (part,)
        else:
            raise ApplyError(f"no {'/'.join(path)}")
    return node, pattern


def _reorder(items: list, key, order: list[str]) -> None:
    """Put the items named in ``order`` in that order, in the slots they hold now."""
    current = list(keyed(items, key).items())
    wanted = set(order)
    slots = [i for i, (k, _item) in enumerate(current) if k in wanted]
    by_key = dict(current)
    for slot, k in zip(slots, order, strict=False):
        items[slot] = by_key[k]
