"""Vectorised evaluation of a parsed condition over a whole ContactFrame.

A value is either a _Const (same for every row) or a 1-D array of len(frame).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .coercion import _DAY, _SCALAR_OPS, _dig, _epoch, _is_null, _len, _lower, _truthy
from .frames import ContactFrame
from .syntax_tree import And, Call, Compare, IsNull, ListExpr, Literal, Name, Not, Or

_NUMPY_OPS = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
              ">": np.greater, ">=": np.greater_equal}


@dataclass(frozen=True, slots=True)
class _Const:
    value: Any


class _Ctx:
    __slots__ = ("columns", "frame", "n", "now")

    def __init__(self, frame: ContactFrame, now: float | np.ndarray, n: int):  # now: one time, or one per row
        self.frame, self.now, self.n, self.columns = frame, now, n, {}

    def column(self, key: str) -> np.ndarray:
        if key not in self.columns:  # each attribute is fetched once per evaluate()
            col = self.frame.value(key)
            if not isinstance(col, np.ndarray) or col.ndim != 1:
                col = np.fromiter(col, dtype=object, count=self.n)
            if len(col) != self.n:
                raise ValueError(f"frame.value({key!r}) returned {len(col)} rows, expected {self.n}")
            self.columns[key] = col
        return self.columns[key]


def _objects(v: Any, n: int) -> np.ndarray:
    if isinstance(v, _Const):
        out = np.empty(n, dtype=object)
        out.fill(v.value)  # fill() keeps a list/tuple as one element
        return out
    return v if v.dtype == object else v.astype(object)


def _is_numeric(v: Any) -> bool:
    if isinstance(v, _Const):
        return isinstance(v.value, (int, float))
    return v.dtype.kind in "biuf"


def _floats(v: Any) -> Any:
    return float(v.value) if isinstance(v, _Const) else v.astype(float, copy=False)


def _map(fn: Any, v: np.ndarray, n: int) -> np.ndarray:
    return np.frompyfunc(fn, 1, 1)(_objects(v, n))


def _truth(v: Any, n: int) -> np.ndarray:
    if isinstance(v, _Const):
        return np.full(n, _truthy(v.value), dtype=bool)
    kind = v.dtype.kind
    if kind == "b":
        return v.copy()  # callers mutate the result in place
    if kind in "iu":
        return v != 0
    if kind == "f":
        return (v != 0) & ~np.isnan(v)
    return _map(_truthy, v, n).astype(bool)


def _null_mask(v: Any, n: int) -> np.ndarray:
    if isinstance(v, _Const):
        return np.full(n, _is_null(v.value), dtype=bool)
    if v.dtype.kind == "f":
        return np.isnan(v)
    if v.dtype.kind in "biu":
        return np.zeros(n, dtype=bool)
    return _map(_is_null, v, n).astype(bool)


def _compare(op: str, left: Any, right: Any, n: int) -> np.ndarray:
    fn = _SCALAR_OPS[op]
    if isinstance(left, _Const) and isinstance(right, _Const):
        return np.full(n, bool(fn(left.value, right.value)), dtype=bool)
    if op in _NUMPY_OPS and _is_numeric(left) and _is_numeric(right):
        a, b = _floats(left), _floats(right)
        result = _NUMPY_OPS[op](a, b) & ~np.isnan(a) & ~np.isnan(b)  # NaN is null
        return np.asarray(result, dtype=bool)
    if isinstance(right, _Const):
        rv = right.value
        if op in ("in", "not in") and isinstance(rv, tuple) and all(type(x) is str for x in rv):
            # The everyday `stage in ['a', 'b']`: a set lookup for plain-string rows.
            strings, negate = frozenset(rv), op == "not in"
            out = _map(lambda a: (a in strings) != negate if type(a) is str else fn(a, rv), left, n)
        else:
            out = _map(lambda a: fn(a, rv), left, n)
    elif isinstance(left, _Const):
        lv = left.value
        out = _map(lambda b: fn(lv, b), right, n)
    else:
        out = np.frompyfunc(fn, 2, 1)(_objects(left, n), _objects(right, n))
    return out.astype(bool)


def _eval(node: Any, ctx: _Ctx) -> Any:
    n = ctx.n
    if isinstance(node, Literal):
        return _Const(node.value)
    if isinstance(node, Name):
        col = ctx.column(node.path[0])
        if len(node.path) == 1:
            return col
        keys = node.path[1:]
        return _map(lambda v: _dig(v, keys), col, n)
    if isinstance(node, Compare):
        return _compare(node.op, _eval(node.left, ctx), _eval(node.right, ctx), n)
    if isinstance(node, IsNull):
        mask = _null_mask(_eval(node.operand, ctx), n)
        return ~mask if node.negate else mask
    if isinstance(node, Not):
        return ~_truth(_eval(node.operand, ctx), n)
    if isinstance(node, (And, Or)):
        is_and = isinstance(node, And)
        acc = _truth(_eval(node.items[0], ctx), n)
        for item in node.items[1:]:
            if (is_and and not acc.any()) or (not is_and and acc.all()):
                break  # short-circuit: the remaining operands cannot change any row
            if is_and:
                acc &= _truth(_eval(item, ctx), n)
            else:
                acc |= _truth(_eval(item, ctx), n)
        return acc
    if isinstance(node, ListExpr):
        values = [_eval(item, ctx) for item in node.items]
        if all(isinstance(v, _Const) for v in values):
            return _Const(tuple(v.value for v in values))
        return np.fromiter(zip(*(_objects(v, n) for v in values)), dtype=object, count=n)
    if isinstance(node, Call):
        return _call(node, ctx)
    raise TypeError(f"unknown node {node!r}")


def _call(node: Call, ctx: _Ctx) -> Any:
    func, args, n = node.func, node.args, ctx.n
    if func == "has_tag":
        return np.asarray(ctx.frame.has_tag(args[0].value), dtype=bool)
    if func == "events":
        days = float(args[1].value) if len(args) > 1 else None
        return np.asarray(ctx.frame.event_count(args[0].value, days, ctx.now))
    if func == "days_since":
        def epoch(v: Any) -> float:
            ts = _epoch(v)
            return math.nan if ts is None else ts
        return (ctx.now - _map(epoch, _eval(args[0], ctx), n).astype(float)) / _DAY
    fn = _lower if func == "lower" else _len
    value = _eval(args[0], ctx)
    return _Const(fn(value.value)) if isinstance(value, _Const) else _map(fn, value, n)
