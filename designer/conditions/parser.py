"""The recursive-descent parser, with the limits that keep it bounded."""
from __future__ import annotations

from typing import Any

from .errors import ConditionSyntaxError
from .lexer import _Tok, _tokenize
from .syntax_tree import And, Call, Compare, IsNull, ListExpr, Literal, Name, Not, Or

MAX_LENGTH = 4000
MAX_DEPTH = 64
MAX_LIST_ITEMS = 1000
FUNCTIONS: dict[str, tuple[int, int]] = {
    "has_tag": (1, 1), "events": (1, 2), "days_since": (1, 1), "lower": (1, 1), "len": (1, 1),
}

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
            raise ConditionSyntaxError(f"expression nested too deeply (max {MAX_DEPTH} levels)", pos).coded(
                "syntax.too-deep", max=MAX_DEPTH)

    def expect_close(self, closer: str) -> None:
        if not self.at("op", closer):
            raise ConditionSyntaxError(f"expected '{closer}'", self.peek().pos).coded("syntax.expected", closer=closer)
        self.next()
        self.depth -= 1

    def parse(self):
        if self.at("end"):
            raise ConditionSyntaxError("condition is empty", 0).coded("syntax.empty")
        node = self.or_expr()
        tok = self.peek()
        if tok.kind != "end":
            if tok.kind == "op" and tok.value in _COMPARE_OPS or tok.kind == "kw" and tok.value in ("in", "contains"):
                raise ConditionSyntaxError("comparisons cannot be chained", tok.pos).coded("syntax.chained")
            what = {"op": f"'{tok.value}'", "kw": f"'{tok.value}'", "str": "string", "num": "number"}
            raise ConditionSyntaxError(f"unexpected {what.get(tok.kind, 'name')}", tok.pos).coded(
                f"syntax.unexpected-{tok.kind}" if tok.kind in ("str", "num") else "syntax.unexpected-token"
                if tok.kind in ("op", "kw") else "syntax.unexpected-name", token=tok.value)
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
                raise ConditionSyntaxError("expected a number after '-'", num.pos).coded("syntax.minus-number")
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
        raise ConditionSyntaxError("expected a value", tok.pos).coded("syntax.expected-value")

    def list_literal(self, tok: _Tok):
        self.enter(tok.pos)
        items = []
        if not self.at("op", "]"):
            while True:
                if len(items) == MAX_LIST_ITEMS:
                    raise ConditionSyntaxError(f"list has more than {MAX_LIST_ITEMS} items", self.peek().pos).coded(
                        "syntax.list-too-long", max=MAX_LIST_ITEMS)
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
            raise ConditionSyntaxError(f"unknown function '{name}'", tok.pos).coded("syntax.unknown-function", name=name)
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
            raise ConditionSyntaxError(f"{func}() takes {want} argument(s), got {len(args)}", tok.pos).coded(
                "syntax.arguments", func=func, want=want, got=len(args))
        # has_tag/events/days_since take literal names so names()/tags()/events() are static.
        if func in ("has_tag", "events") and not _is_literal(args[0][1], str):
            raise ConditionSyntaxError(f"{func}() expects a quoted name", args[0][0]).coded("syntax.quoted-name", func=func)
        if func == "events" and len(args) == 2:
            days = args[1][1]
            if not _is_literal(days, (int, float)) or days.value < 0:
                raise ConditionSyntaxError("events() window must be a number of days >= 0", args[1][0]).coded(
                    "syntax.events-window")
        if func == "days_since":
            pos, arg = args[0]
            if _is_literal(arg, str):
                arg = Name(tuple(arg.value.split(".")))
            elif not isinstance(arg, Name):
                raise ConditionSyntaxError("days_since() expects an attribute name", pos).coded("syntax.days-since-name")
            args[0] = (pos, arg)
        return Call(func, tuple(a for _, a in args))


def _is_literal(node: Any, types: type | tuple) -> bool:
    return isinstance(node, Literal) and isinstance(node.value, types) and not isinstance(node.value, bool)


def _parse_root(text: Any):
    if not isinstance(text, str):
        raise ConditionSyntaxError("condition must be a string", 0).coded("syntax.not-string")
    if len(text) > MAX_LENGTH:
        raise ConditionSyntaxError(f"condition is too long (max {MAX_LENGTH} characters)", MAX_LENGTH).coded(
            "syntax.too-long", max=MAX_LENGTH)
    try:
        return _Parser(text).parse()
    except RecursionError:  # belt and braces: the depth limit should make this unreachable
        raise ConditionSyntaxError("expression nested too deeply", 0).coded("syntax.too-deep-plain") from None
