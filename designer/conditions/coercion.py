"""Per-value semantics: nulls, number/boolean coercions, comparisons, truthiness.

These run per element through np.frompyfunc (a C loop); the evaluator itself
works column-at-a-time, with pure-numpy paths for numeric columns.
"""
from __future__ import annotations

import operator
import re
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

_DAY = 86400.0
_NUMERIC_STR = re.compile(r"\s*[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\s*\Z")
_INT_STR = re.compile(r"\s*[+-]?[0-9]{1,30}\s*\Z")
_PLAIN = (int, float)  # checked with type(): the common case skips the general path (5x faster)


def _is_null(v: Any) -> bool:
    return v is None or (isinstance(v, (float, np.floating)) and v != v)


def _number(v: Any) -> int | float | None:
    """v as a number if it is one (bools are 0/1) or is a string spelling one."""
    if isinstance(v, (bool, np.bool_)):
        return int(v)
    if isinstance(v, (int, float, np.integer, np.floating)):
        return v
    if isinstance(v, str) and len(v) <= 400 and _NUMERIC_STR.match(v):
        return int(v) if _INT_STR.match(v) else float(v)
    return None


def _word_bool(s: str) -> bool | None:
    s = s.strip().lower()
    return True if s == "true" else False if s == "false" else None


def _members(c: Any) -> Any:
    if isinstance(c, (list, tuple, set, frozenset)):
        return c
    return c.tolist() if isinstance(c, np.ndarray) else None


def _eq(a: Any, b: Any, depth: int = 0) -> bool:
    ta, tb = type(a), type(b)
    if ta is tb is str or (ta in _PLAIN and tb in _PLAIN):
        return a == b  # NaN never equals anything
    if _is_null(a) or _is_null(b) or depth > 32:
        return False
    if isinstance(a, str) and isinstance(b, str):
        return a == b
    if isinstance(a, str) and isinstance(b, (bool, np.bool_)):
        return _word_bool(a) == bool(b)
    if isinstance(b, str) and isinstance(a, (bool, np.bool_)):
        return _word_bool(b) == bool(a)
    na, nb = _number(a), _number(b)
    if na is not None or nb is not None:
        return na is not None and nb is not None and na == nb
    la, lb = _members(a), _members(b)
    if isinstance(la, (list, tuple)) and isinstance(lb, (list, tuple)):
        return len(la) == len(lb) and all(_eq(x, y, depth + 1) for x, y in zip(la, lb))
    try:
        result = a == b
    except Exception:  # exotic values (arrays inside dicts...) are simply unequal
        return False
    return isinstance(result, (bool, np.bool_)) and bool(result)


def _ne(a: Any, b: Any) -> bool:
    if type(a) in _PLAIN and type(b) in _PLAIN:
        return a == a and b == b and a != b
    return not _is_null(a) and not _is_null(b) and not _eq(a, b)


def _ordering(cmp: Any) -> Any:
    def compare(a: Any, b: Any) -> bool:
        ta, tb = type(a), type(b)
        if ta is tb is str or (ta in _PLAIN and tb in _PLAIN):
            return cmp(a, b)  # NaN compares false
        if _is_null(a) or _is_null(b):
            return False
        if isinstance(a, str) and isinstance(b, str):
            return cmp(a, b)
        na, nb = _number(a), _number(b)
        if na is not None and nb is not None:
            return bool(cmp(na, nb))
        if isinstance(a, date) and type(a) is type(b):
            try:
                return cmp(a, b)
            except TypeError:  # naive vs aware datetimes
                return False
        return False
    return compare


def _in(a: Any, c: Any) -> bool:
    if _is_null(a) or _is_null(c):
        return False
    if isinstance(c, (str, Mapping)):
        return isinstance(a, str) and a in c
    items = _members(c)
    return items is not None and any(_eq(a, x) for x in items)


def _not_in(a: Any, c: Any) -> bool:
    if isinstance(c, (str, Mapping)):
        return isinstance(a, str) and a not in c
    if _is_null(a) or _members(c) is None:
        return False
    return not _in(a, c)


_SCALAR_OPS = {
    "==": _eq, "!=": _ne, "<": _ordering(operator.lt), "<=": _ordering(operator.le),
    ">": _ordering(operator.gt), ">=": _ordering(operator.ge),
    "in": _in, "not in": _not_in, "contains": lambda c, a: _in(a, c),
}


def _truthy(v: Any) -> bool:
    if type(v) in _PLAIN:
        return v == v and v != 0
    if _is_null(v):
        return False
    if isinstance(v, str):
        return v != "" and _word_bool(v) is not False and _number(v) != 0
    num = _number(v)
    if num is not None:
        return num != 0
    try:
        return len(v) > 0
    except TypeError:
        return True


def _dig(v: Any, keys: Sequence[str]) -> Any:
    for key in keys:  # dictionary lookups only -- never getattr
        if not isinstance(v, Mapping):
            return None
        v = v.get(key)
    return v


def _epoch(v: Any) -> float | None:
    try:
        if _is_null(v) or isinstance(v, (bool, np.bool_)):
            return None
        if isinstance(v, (int, float, np.integer, np.floating)):
            return float(v)
        if isinstance(v, str):
            v = datetime.fromisoformat(v.strip())
        if isinstance(v, datetime):
            return (v if v.tzinfo else v.replace(tzinfo=UTC)).timestamp()
        if isinstance(v, date):
            return datetime(v.year, v.month, v.day, tzinfo=UTC).timestamp()
    except (ValueError, OverflowError, OSError, TypeError):
        pass
    return None


def _len(v: Any) -> int | None:
    sized = isinstance(v, (str, list, tuple, set, frozenset, Mapping)) or isinstance(v, np.ndarray) and v.ndim
    return len(v) if sized else None


def _lower(v: Any) -> Any:
    return v.lower() if isinstance(v, str) else v
