"""Three-way merge of blueprint versions: workflows, steps, wires and fields.

Each value is merged against the common base: a side that left it as in the
base takes the other side's edit; both sides making the same edit is no
conflict; different edits to the same field, or a change to something the
other side deleted, are conflicts. Keyed lists (workflows, steps, wires, notes,
stages) merge item by item, so edits to different steps never meet.

The merged data is then checked as a whole: it must load as a blueprint, no
wire may lead to a step the other side deleted, and the validator must find no
error that neither side had. Each of those is a conflict too, never a silent
result. Where a conflict is reported, the merged data holds our side.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from designer.i18n import Message, render

from .changes import KEYED, Path, edge_key, is_layout, keyed

MISSING: Any = type("Missing", (), {"__repr__": lambda self: "MISSING"})()

# Conflict reasons (stable codes; docs/diff-and-merge.md explains each).
BOTH_CHANGED = "both-changed"
DELETED_AND_CHANGED = "deleted-and-changed"
WIRE_TO_DELETED_STEP = "wire-to-deleted-step"
NOT_A_BLUEPRINT = "not-a-blueprint"
NEW_PROBLEM = "new-problem"


@dataclass(frozen=True)
class Conflict:
    """Where the two sides disagree; ``base``/``ours``/``theirs`` are the three values
    (``None`` with ``present`` False when a side does not have it)."""

    reason: str
    path: Path
    base: Any = None
    ours: Any = None
    theirs: Any = None
    detail: Message | str = ""  # more about it, in the reader's language when shown
    present: tuple[bool, bool, bool] = (True, True, True)

    @property
    def message(self) -> str:
        return render(self.detail)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"reason": self.reason, "path": list(self.path), "message": self.message,
                               "reason_text": render(Message(f"conflict.{self.reason}"))}
        if isinstance(self.detail, Message):
            out["message_id"] = self.detail.to_json()
        for name, value, here in zip(("base", "ours", "theirs"), (self.base, self.ours, self.theirs), self.present,
                                     strict=True):
            out[name] = value if here else None
            out[f"in_{name}"] = here
        return out


@dataclass
class MergeResult:
    data: Any
    conflicts: list[Conflict] = field(default_factory=list)

    @property
    def clean(self) -> bool:
        return not self.conflicts


def merge_data(base: Any, ours: Any, theirs: Any) -> MergeResult:
    """Merge three versions of canonical blueprint data (structure only; see :func:`merge_blueprints`)."""
    conflicts: list[Conflict] = []
    merged = _merge(base, ours, theirs, (), (), conflicts)
    _drop_dead_wires(base, ours, theirs, merged, conflicts)
    return MergeResult(merged, conflicts)


def _merge(b: Any, o: Any, t: Any, path: Path, pattern: Path, conflicts: list[Conflict]) -> Any:
    if o == t:
        return o
    if o == b:
        return t
    if t == b:
        return o
    if is_layout(pattern) and MISSING not in (o, t):
        return o  # both moved the same step: where it sits is not worth a conflict; ours wins, whole
    # Both sides changed it: look inside (something both added differently is one conflict).
    key = KEYED.get(pattern)
    if key is not None and isinstance(b, list) and isinstance(o, list) and isinstance(t, list):
        return _merge_keyed(b, o, t, key, path, pattern, conflicts)
    if isinstance(b, dict) and isinstance(o, dict) and isinstance(t, dict):
        out = {}
        for k in list(o) + [k for k in t if k not in o]:
            value = _merge(b.get(k, MISSING), o.get(k, MISSING), t.get(k, MISSING), path + (k,),
                           pattern + (k,), conflicts)
            if value is not MISSING:
                out[k] = value
        return out
    reason = DELETED_AND_CHANGED if MISSING in (o, t) and b is not MISSING else BOTH_CHANGED
    conflicts.append(Conflict(reason, path, _v(b), _v(o), _v(t),
                              present=(b is not MISSING, o is not MISSING, t is not MISSING)))
    return o


def _v(value: Any) -> Any:
    return None if value is MISSING else value


def _merge_keyed(b: list, o: list, t: list, key: Callable[[dict], str], path: Path, pattern: Path,
                 conflicts: list[Conflict]) -> list:
    kb, ko, kt = keyed(b, key), keyed(o, key), keyed(t, key)
    inner = pattern + ("*",)
    merged: dict[str, Any] = {}
    for k in list(ko) + [k for k in kt if k not in ko] + [k for k in kb if k not in ko and k not in kt]:
        value = _merge(kb.get(k, MISSING), ko.get(k, MISSING), kt.get(k, MISSING), path + (k,), inner, conflicts)
        if value is not MISSING:
            merged[k] = value
    # Our order; each item only theirs has goes after its predecessor in their list.
    order = [k for k in ko if k in merged]
    placed = set(order)
    previous = None
    for k in kt:
        if k in merged and k not in placed:
            order.insert(order.index(previous) + 1 if previous in placed else 0, k)
            placed.add(k)
        if k in placed:
            previous = k
    return [merged[k] for k in order]


def _drop_dead_wires(base: Any, ours: Any, theirs: Any, merged: Any, conflicts: list[Conflict]) -> None:
    """A wire one side added to a step the other side deleted: a conflict, and out of the result."""
    if not isinstance(merged, dict):
        return
    sides = [{w.get("id"): w for w in side.get("workflows", []) if isinstance(w, dict)} if isinstance(side, dict)
             else {} for side in (base, ours, theirs)]
    for wf in merged.get("workflows", []):
        if not isinstance(wf, dict):
            continue
        ids = {n.get("id") for n in wf.get("nodes", []) if isinstance(n, dict)}
        kept = []
        for edge in wf.get("edges", []):
            missing = [end for end in (edge.get("source"), edge.get("target")) if end not in ids]
            if not missing:
                kept.append(edge)
                continue
            k = edge_key(edge)
            where = [_has_edge(side.get(wf.get("id")), k) for side in sides]
            conflicts.append(Conflict(
                WIRE_TO_DELETED_STEP, ("workflows", str(wf.get("id")), "edges", k),
                edge if where[0] else None, edge if where[1] else None, edge if where[2] else None,
                detail=Message("conflict.wire-detail", {"wire": k, "step": missing[0]}),
                present=tuple(where),
            ))
        wf["edges"] = kept


def _has_edge(wf: dict | None, k: str) -> bool:
    return bool(wf) and any(edge_key(e) == k for e in wf.get("edges", []) if isinstance(e, dict))


# --- whole blueprints ------------------------------------------------------------------------


def merge_blueprints(base, ours, theirs) -> tuple[Any, list[Conflict]]:
    """Merge three :class:`~designer.blueprint.Blueprint` versions.

    Returns the merged blueprint (our side where there are conflicts) and the
    conflicts, including a merged file that does not load or gains a validation
    error neither side had.
    """
    from designer.fileformat import FileFormatError, from_data, to_data
    from designer.validation import validate

    result = merge_data(to_data(base), to_data(ours), to_data(theirs))
    try:
        merged = from_data(result.data, "merged")
    except FileFormatError as err:
        detail = Message("conflict.invalid-at" if err.where else "conflict.invalid",
                         {"reason": err.detail, "where": err.place})
        result.conflicts.append(Conflict(NOT_A_BLUEPRINT, (), detail=detail, present=(False, False, False)))
        return ours, result.conflicts
    if result.clean:
        before = {_problem_key(p) for side in (ours, theirs) for p in validate(side) if p.severity == "error"}
        for problem in validate(merged):
            if problem.severity == "error" and _problem_key(problem) not in before:
                path = ("workflows", problem.workflow_id) if problem.workflow_id else ()
                if problem.node_ids:
                    path += ("nodes", problem.node_ids[0])
                detail = Message("conflict.problem", {"code": problem.code, "problem": problem.detail})
                result.conflicts.append(Conflict(NEW_PROBLEM, path, detail=detail, present=(False, False, False)))
    return merged, result.conflicts


def _problem_key(problem) -> tuple:
    return problem.code, problem.workflow_id, tuple(problem.node_ids)
