"""A small, safe expression language for branch conditions and filters.

Text is tokenized and parsed by hand into an immutable AST, then evaluated
over a whole batch of contacts with numpy. User text is never eval()'d, and
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
import math
import operator
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Any, Protocol

import numpy as np

__all__ = [
    "FUNCTIONS", "MAX_DEPTH", "MAX_LENGTH", "MAX_LIST_ITEMS", "Condition", "ConditionSyntaxError",
    "ContactFrame", "RecordFrame", "check", "evaluate_one", "parse",
]  # the AST classes are importable by name but kept out of * (Literal would shadow typing.Literal)
MAX_LENGTH = 4000
MAX_DEPTH = 64
MAX_LIST_ITEMS = 1000
FUNCTIONS: dict[str, tuple[int, int]] = {
    "has_tag": (1, 1), "events": (1, 2), "days_since": (1, 1), "lower": (1, 1), "len": (1, 1),
}
KEYWORDS = frozenset({"and", "or", "not", "in", "contains", "true", "false", "null"})
_DAY = 86400.0


class ConditionSyntaxError(ValueError):
    """Bad condition text; ``position`` is a 0-based character offset."""

    def __init__(self, message: str, position: int):
        super().__init__(message, position)  # keep both in args so it pickles
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} at position {self.position}"


class ContactFrame(Protocol):
    def __len__(self) -> int: ...
    def value(self, name: str) -> np.ndarray: ...
    def has_tag(self, tag: str) -> np.ndarray: ...
    def event_count(self, event: str, within_days: float | None, now: float) -> np.ndarray: ...


# ---------------------------------------------------------------- tokenizer

@dataclass(frozen=True, slots=True)
class _Tok:
    kind: str  # num | str | name | kw | op | end
    value: Any
    pos: int


_NUMBER = re.compile(r"[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "t": "\t"}


def _ident_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or text[i] == "_"):
        i += 1
    return i


def _is_ident_start(ch: str) -> bool:
    return ch.isalpha() or ch == "_"


def _scan_string(text: str, start: int) -> tuple[str, int]:
    quote, out, i = text[start], [], start + 1
    while i < len(text):
        ch = text[i]
        if ch == quote:
            return "".join(out), i + 1
        if ch == "\\":
            if i + 1 >= len(text):
                break
            if text[i + 1] not in _ESCAPES:
                raise ConditionSyntaxError(f"unknown escape {text[i:i + 2]!r}", i)
            out.append(_ESCAPES[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise ConditionSyntaxError("unterminated string", start)


def _tokenize(text: str) -> Iterator[_Tok]:
    # A generator, so the parser reports the first error in reading order.
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch.isspace():
            i += 1
        elif ch in "\"'":
            value, j = _scan_string(text, i)
            yield _Tok("str", value, i)
            i = j
        elif "0" <= ch <= "9":
            m = _NUMBER.match(text, i)
            j = m.end()
            if j < n and (text[j].isalnum() or text[j] in "_."):
                raise ConditionSyntaxError("malformed number", i)
            s = m.group()
            # Integers stay exact unless too big for a float (those become inf, never overflow).
            value = int(s) if m.group(1) is None and m.group(2) is None and len(s) <= 300 else float(s)
            yield _Tok("num", value, i)
            i = j
        elif _is_ident_start(ch):
            j = _ident_end(text, i)
            word = text[i:j]
            if word.lower() in KEYWORDS:
                yield _Tok("kw", word.lower(), i)
            else:
                parts = [word]
                while j + 1 < n and text[j] == "." and _is_ident_start(text[j + 1]):
                    k = _ident_end(text, j + 1)
                    parts.append(text[j + 1:k])
                    j = k
                yield _Tok("name", tuple(parts), i)
            i = j
        elif text[i:i + 2] in ("==", "!=", "<=", ">="):
            yield _Tok("op", text[i:i + 2], i)
            i += 2
        elif ch in "<>()[],-":
            yield _Tok("op", ch, i)
            i += 1
        else:
            hint = "; did you mean '=='?" if ch == "=" else ""
            raise ConditionSyntaxError(f"unexpected character {ch!r}{hint}", i)
    while True:  # the parser may peek past the end
        yield _Tok("end", None, n)


# ---------------------------------------------------------------- AST

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


_COMPARE_OPS = frozenset({"==", "!=", "<", "<=", ">", ">="})


class _Parser:
    def __init__(self, text: str):
        self.tokens = _tokenize(text)
        self.ahead: list[_Tok] = []
        self.depth = 0

    def peek(self, k: int = 0) -> _Tok:
        while len(self.ahead) <= k:
            self.ahead.append(next(self.tokens))
        return self.ahead[k]

    def next(self) -> _Tok:
        tok = self.peek()
        if tok.kind != "end":
            self.ahead.pop(0)
        return tok

    def at(self, kind: str, value: Any = None) -> bool:
        tok = self.peek()
        return tok.kind == kind and (value is None or tok.value == value)

    def enter(self, pos: int) -> None:
        # Bounding nesting here is what keeps RecursionError out of parse and evaluate.
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise ConditionSyntaxError(f"expression nested too deeply (max {MAX_DEPTH} levels)", pos)

    def expect_close(self, closer: str) -> None:
        if not self.at("op", closer):
            raise ConditionSyntaxError(f"expected '{closer}'", self.peek().pos)
        self.next()
        self.depth -= 1

    def parse(self):
        if self.at("end"):
            raise ConditionSyntaxError("condition is empty", 0)
        node = self.or_expr()
        tok = self.peek()
        if tok.kind != "end":
            if tok.kind == "op" and tok.value in _COMPARE_OPS or tok.kind == "kw" and tok.value in ("in", "contains"):
                raise ConditionSyntaxError("comparisons cannot be chained", tok.pos)
            what = {"op": f"'{tok.value}'", "kw": f"'{tok.value}'", "str": "string", "num": "number"}
            raise ConditionSyntaxError(f"unexpected {what.get(tok.kind, 'name')}", tok.pos)
        return node

    def or_expr(self):
        items = [self.and_expr()]
        while self.at("kw", "or"):
            self.next()
            items.append(self.and_expr())
        return items[0] if len(items) == 1 else Or(tuple(items))

    def and_expr(self):
        items = [self.not_expr()]
        while self.at("kw", "and"):
            self.next()
            items.append(self.not_expr())
        return items[0] if len(items) == 1 else And(tuple(items))

    def not_expr(self):
        if self.at("kw", "not"):
            self.enter(self.next().pos)
            node = Not(self.not_expr())
            self.depth -= 1
            return node
        return self.comparison()

    def comparison(self):
        left = self.operand()
        tok = self.peek()
        if tok.kind == "op" and tok.value in _COMPARE_OPS or tok.kind == "kw" and tok.value in ("in", "contains"):
            op = self.next().value
        elif tok.kind == "kw" and tok.value == "not" and self.peek(1).kind == "kw" and self.peek(1).value == "in":
            self.next(), self.next()
            op = "not in"
        else:
            return left
        right = self.operand()
        if op in ("==", "!="):  # comparing with the literal null is a missing-value test
            if right == Literal(None) and left == Literal(None):
                return Literal(op == "==")
            for a, b in ((left, right), (right, left)):
                if b == Literal(None):
                    return IsNull(a, negate=op == "!=")
        return Compare(op, left, right)

    def operand(self):
        tok = self.next()
        if tok.kind in ("num", "str"):
            return Literal(tok.value)
        if tok.kind == "kw" and tok.value in ("true", "false", "null"):
            return Literal({"true": True, "false": False, "null": None}[tok.value])
        if tok.kind == "op" and tok.value == "-":
            num = self.next()
            if num.kind != "num":
                raise ConditionSyntaxError("expected a number after '-'", num.pos)
            return Literal(-num.value)
        if tok.kind == "op" and tok.value == "(":
            self.enter(tok.pos)
            node = self.or_expr()
            self.expect_close(")")
            return node
        if tok.kind == "op" and tok.value == "[":
            return self.list_literal(tok)
        if tok.kind == "name":
            if self.at("op", "("):
                return self.call(tok)
            return Name(tok.value)
        raise ConditionSyntaxError("expected a value", tok.pos)

    def list_literal(self, tok: _Tok):
        self.enter(tok.pos)
        items = []
        if not self.at("op", "]"):
            while True:
                if len(items) == MAX_LIST_ITEMS:
                    raise ConditionSyntaxError(f"list has more than {MAX_LIST_ITEMS} items", self.peek().pos)
                items.append(self.operand())
                if not self.at("op", ","):
                    break
                self.next()
        self.expect_close("]")
        return ListExpr(tuple(items))

    def call(self, tok: _Tok):
        name = ".".join(tok.value)
        func = name.lower()
        if len(tok.value) > 1 or func not in FUNCTIONS:
            raise ConditionSyntaxError(f"unknown function '{name}'", tok.pos)
        self.enter(self.next().pos)
        args: list[tuple[int, Any]] = []
        if not self.at("op", ")"):
            args.append((self.peek().pos, self.or_expr()))
            while self.at("op", ","):
                self.next()
                args.append((self.peek().pos, self.or_expr()))
        self.expect_close(")")
        lo, hi = FUNCTIONS[func]
        if not lo <= len(args) <= hi:
            want = str(lo) if lo == hi else f"{lo} to {hi}"
            raise ConditionSyntaxError(f"{func}() takes {want} argument(s), got {len(args)}", tok.pos)
        # has_tag/events/days_since take literal names so names()/tags()/events() are static.
        if func in ("has_tag", "events") and not _is_literal(args[0][1], str):
            raise ConditionSyntaxError(f"{func}() expects a quoted name", args[0][0])
        if func == "events" and len(args) == 2:
            days = args[1][1]
            if not _is_literal(days, (int, float)) or days.value < 0:
                raise ConditionSyntaxError("events() window must be a number of days >= 0", args[1][0])
        if func == "days_since":
            pos, arg = args[0]
            if _is_literal(arg, str):
                arg = Name(tuple(arg.value.split(".")))
            elif not isinstance(arg, Name):
                raise ConditionSyntaxError("days_since() expects an attribute name", pos)
            args[0] = (pos, arg)
        return Call(func, tuple(a for _, a in args))


def _is_literal(node: Any, types: type | tuple) -> bool:
    return isinstance(node, Literal) and isinstance(node.value, types) and not isinstance(node.value, bool)


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


def _parse_root(text: Any):
    if not isinstance(text, str):
        raise ConditionSyntaxError("condition must be a string", 0)
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(f"condition is too long (max {MAX_LENGTH} characters)", MAX_LENGTH)
    try:
        return _Parser(text).parse()
    except RecursionError:  # belt and braces: the depth limit should make this unreachable
        raise ConditionSyntaxError("expression nested too deeply", 0) from None


# ---------------------------------------------------------------- public API

@dataclass(frozen=True)
class Condition:
    """A parsed condition. ``Condition(text)`` parses (raising ConditionSyntaxError)."""

    text: str
    root: Any = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.root is None:
            object.__setattr__(self, "root", _parse_root(self.text))

    def evaluate(self, frame: ContactFrame, now: float) -> np.ndarray:
        n = len(frame)
        with np.errstate(all="ignore"):  # NaN (= null) comparisons set FP flags; they are expected
            return _truth(_eval(self.root, _Ctx(frame, float(now), n)), n)

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
        raise ConditionSyntaxError("condition must be a string", 0)
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
    return bool(cond.evaluate(RecordFrame([record]), now)[0])


# ---------------------------------------------------------------- scalar semantics
# These run per element through np.frompyfunc (a C loop); the evaluator itself
# works column-at-a-time, with pure-numpy paths for numeric columns.

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
_NUMPY_OPS = {"==": np.equal, "!=": np.not_equal, "<": np.less, "<=": np.less_equal,
              ">": np.greater, ">=": np.greater_equal}


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
            return (v if v.tzinfo else v.replace(tzinfo=timezone.utc)).timestamp()
        if isinstance(v, date):
            return datetime(v.year, v.month, v.day, tzinfo=timezone.utc).timestamp()
    except (ValueError, OverflowError, OSError, TypeError):
        pass
    return None


def _len(v: Any) -> int | None:
    sized = isinstance(v, (str, list, tuple, set, frozenset, Mapping)) or isinstance(v, np.ndarray) and v.ndim
    return len(v) if sized else None


def _lower(v: Any) -> Any:
    return v.lower() if isinstance(v, str) else v


# ---------------------------------------------------------------- vectorised evaluation
# A value is either a _Const (same for every row) or a 1-D array of len(frame).

@dataclass(frozen=True, slots=True)
class _Const:
    value: Any


class _Ctx:
    __slots__ = ("frame", "now", "n", "columns")

    def __init__(self, frame: ContactFrame, now: float, n: int):
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
        now = ctx.now

        def days(v: Any) -> float:
            ts = _epoch(v)
            return math.nan if ts is None else (now - ts) / _DAY
        return _map(days, _eval(args[0], ctx), n).astype(float)
    fn = _lower if func == "lower" else _len
    value = _eval(args[0], ctx)
    return _Const(fn(value.value)) if isinstance(value, _Const) else _map(fn, value, n)


# ---------------------------------------------------------------- RecordFrame

class RecordFrame:
    """A ContactFrame over plain dicts (tests, CLI single-contact evaluation).

    Each record may hold fields at top level plus "tags" (list, or a
    comma-separated string), "events" (list of (name, epoch_seconds) pairs or
    {"name", "ts"} dicts) and "attributes" (dict). value() looks at the top
    level first, then in "attributes"; a dotted name is resolved through dicts.
    """

    def __init__(self, records: Sequence[Mapping]):
        self.records = list(records)

    def __len__(self) -> int:
        return len(self.records)

    def _column(self, values: Any, dtype: Any) -> np.ndarray:
        return np.fromiter(values, dtype=dtype, count=len(self.records))

    @staticmethod
    def _get(record: Mapping, key: str) -> Any:
        if key in record:
            return record[key]
        attributes = record.get("attributes")
        return attributes.get(key) if isinstance(attributes, Mapping) else None

    def value(self, name: str) -> np.ndarray:
        first, *rest = name.split(".")
        return self._column((_dig(self._get(r, first), rest) for r in self.records), object)

    def has_tag(self, tag: str) -> np.ndarray:
        def tags(r: Mapping) -> Any:
            t = r.get("tags") or ()
            return [s.strip() for s in t.split(",")] if isinstance(t, str) else t
        return self._column((tag in tags(r) for r in self.records), bool)

    def event_count(self, event: str, within_days: float | None, now: float) -> np.ndarray:
        since = -math.inf if within_days is None else now - within_days * _DAY

        def count(r: Mapping) -> int:
            total = 0
            for e in r.get("events") or ():
                name, ts = (e.get("name"), e.get("ts")) if isinstance(e, Mapping) else tuple(e)[:2]
                t = _epoch(ts)
                total += name == event and t is not None and since <= t <= now
            return total
        return self._column((count(r) for r in self.records), np.int64)
