"""A small, safe expression language for branch conditions and filters.

Text is tokenized and parsed by hand into an immutable AST, then evaluated
over a whole batch of contacts with numpy. User text is never run as Python code, and
dotted names are dictionary lookups only (``x.__class__`` is just the missing
key "__class__"), because journeys are shared between strangers.

Semantics (also what the editor help should say):

* A missing value is ``null``; float NaN (pandas-style empty cell) is null too.
  ``x == null`` / ``x != null`` test for missing. Every other comparison with a
  null operand is false -- including ``!=`` and ``not in`` -- so "anything but
  1, or missing" is spelled ``not (x == 1)``.
* Numbers compare numerically; booleans count as 0/1. A string that spells a
  number (a CSV cell such as "42" or " 4.5 ") compares as that number when the
  other side is a number. Two strings always compare as strings
  (case-sensitive, lexicographic; use ``lower()``). The strings "true"/"false"
  (any case) equal the booleans.
* Incompatible types ("a" < 3) are false, never an error; ``"a" != 3`` is true.
* ``in`` takes a list (literal or value), a string (substring) or a dict (key);
  ``contains`` is the same test with the operands swapped.
* A bare operand is a condition when it is truthy: not null, false, zero or
  empty -- with the same coercions, so CSV cells "0" and "false" are falsy.
* ``events(name)`` counts events up to ``now``; ``events(name, d)`` those in
  the last ``d`` days. ``days_since(attr)`` accepts dates, datetimes (naive =
  UTC), ISO-8601 strings and epoch-second numbers; anything else is null.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from .errors import ConditionSyntaxError
from .lexer import KEYWORDS  # noqa: F401  (importable by name, as before the split)
from .parser import FUNCTIONS, MAX_DEPTH, MAX_LENGTH, MAX_LIST_ITEMS, _parse_root
from .syntax_tree import And, Call, Compare, IsNull, ListExpr, Literal, Name, Not, Or, _walk  # noqa: F401

if TYPE_CHECKING:
    import numpy as np

    from .frames import ContactFrame, RecordFrame


def __getattr__(name: str) -> Any:
    # Evaluation needs numpy; parsing and checking do not, so the frames load on first use.
    if name in ("ContactFrame", "RecordFrame"):
        from . import frames

        return getattr(frames, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "MAX_LIST_ITEMS", "Condition", "ConditionSyntaxError",
    "ContactFrame", "RecordFrame", "check", "evaluate_one", "parse",
]  # the AST classes are importable by name but kept out of * (Literal would shadow typing.Literal)


@dataclass(frozen=True)
class Condition:
    """A parsed condition. ``Condition(text)`` parses (raising ConditionSyntaxError)."""

    text: str
    root: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.root is None:
            object.__setattr__(self, "root", _parse_root(self.text))

    def evaluate(self, frame: ContactFrame, now: float | np.ndarray) -> np.ndarray:
        """True or False per row of ``frame`` at ``now`` (one time, or one per row)."""
        import numpy as np

        from .evaluate import _Ctx, _eval, _truth

        n = len(frame)
        now = np.asarray(now, dtype=float) if isinstance(now, np.ndarray) else float(now)
        with np.errstate(all="ignore"):  # NaN (= null) comparisons set FP flags; they are expected
            return _truth(_eval(self.root, _Ctx(frame, now, n)), n)

    def names(self) -> frozenset[str]:
        return frozenset(nd.path[0] for nd in _walk(self.root) if isinstance(nd, Name))

    def events(self) -> frozenset[str]:
        return self._call_names("events")

    def tags(self) -> frozenset[str]:
        return self._call_names("has_tag")

    def _call_names(self, func: str) -> frozenset[str]:
        return frozenset(nd.args[0].value for nd in _walk(self.root) if isinstance(nd, Call) and nd.func == func)


def parse(text: str) -> Condition:
    if not isinstance(text, str):  # unhashable input would break the cache with TypeError
        raise ConditionSyntaxError("condition must be a string", 0).coded("syntax.not-string")
    return _parse_cached(text)


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> Condition:
    return Condition(text)


def check(text: str) -> ConditionSyntaxError | None:
    try:
        parse(text)
    except ConditionSyntaxError as exc:
        return exc
    return None


def evaluate_one(condition: Condition | str, record: Mapping, now: float) -> bool:
    cond = parse(condition) if isinstance(condition, str) else condition
    from .frames import RecordFrame

    return bool(cond.evaluate(RecordFrame([record]), now)[0])
