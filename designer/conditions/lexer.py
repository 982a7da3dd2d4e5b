"""The tokenizer: condition text to a stream of tokens, scanned by hand."""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .errors import ConditionSyntaxError

KEYWORDS = frozenset({"and", "or", "not", "in", "contains", "true", "false", "null"})


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
                raise ConditionSyntaxError(f"unknown escape {text[i:i + 2]!r}", i).coded(
                    "syntax.unknown-escape", escape=text[i:i + 2])
            out.append(_ESCAPES[text[i + 1]])
            i += 2
            continue
        out.append(ch)
        i += 1
    raise ConditionSyntaxError("unterminated string", start).coded("syntax.unterminated-string")


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
                raise ConditionSyntaxError("malformed number", i).coded("syntax.malformed-number")
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
            raise ConditionSyntaxError(f"unexpected character {ch!r}{hint}", i).coded(
                "syntax.unexpected-equals" if hint else "syntax.unexpected-character", char=ch)
    while True:  # the parser may peek past the end
        yield _Tok("end", None, n)
