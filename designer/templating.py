"""Safe message personalisation: ``{{ name }}`` placeholders and a few filters.

Syntax: ``{{ first_name }}``, ``{{ props.city }}`` (dotted = keys of nested
dicts) and filters ``{{ first_name | default("friend") | title }}`` from
FILTERS only. Nothing else is interpreted: a lone ``{`` or ``}``, ``}}``
outside a placeholder and Jinja's ``{% %}`` / ``{# #}`` are plain text. There
is no way to write a literal ``{{`` (``{{{`` is a syntax error).

Rendering: a missing value (None, or float NaN) renders as "". ``default(x)``
replaces any value that would render blank (missing, "", whitespace, empty
list); 0 and false are values. Its argument is a quoted string or a number.
Text filters leave a missing value missing, so ``upper | default("x")`` still
defaults. Booleans render as true/false, integral floats without ".0" (CSV
42.0 -> "42"), lists as "a, b", dicts as JSON, numpy scalars as Python ones.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from designer.limits import MAX_OUTPUT_LENGTH, MAX_TEMPLATE_LENGTH
from designer.textsyntax import TextSyntaxError

__all__ = [
    "FILTERS", "MAX_OUTPUT_LENGTH", "MAX_TEMPLATE_LENGTH", "Placeholder", "Template", "TemplateRenderError",
    "TemplateSyntaxError", "check_template", "parse_template", "render", "render_json", "size_plan",
    "unwritable_reason",
]
FILTERS: tuple[str, ...] = ("default", "upper", "lower", "title", "trim")
_TEXT_FILTERS: dict[str, Callable[[str], str]] = {
    "upper": str.upper, "lower": str.lower, "title": str.title, "trim": str.strip,
}
_ESCAPES = {'"': '"', "'": "'", "\\": "\\", "n": "\n", "t": "\t"}
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


class TemplateSyntaxError(TextSyntaxError):
    """Bad template text; ``position`` is a 0-based character offset."""


class TemplateRenderError(ValueError):
    """The rendered text would exceed MAX_OUTPUT_LENGTH."""


@dataclass(frozen=True)
class Placeholder:
    name: str  # full dotted name, as passed to lookup()
    filters: tuple[tuple[str, str | None], ...]  # (filter, argument)
    position: int


# ---------------------------------------------------------------- parsing

def _ident_end(text: str, i: int) -> int:
    while i < len(text) and (text[i].isalnum() or text[i] == "_"):
        i += 1
    return i


def _is_ident_start(text: str, i: int) -> bool:
    return i < len(text) and (text[i].isalpha() or text[i] == "_")


class _Scanner:
    """Reads one ``{{ ... }}`` starting at ``start``."""

    def __init__(self, text: str, start: int):
        self.text, self.start, self.i = text, start, start + 2

    def fail(self, message: str, pos: int | None = None) -> TemplateSyntaxError:
        if self.i >= len(self.text):  # ran off the end: blame the opening braces
            return TemplateSyntaxError("unclosed '{{'", self.start).coded("syntax.unclosed")
        return TemplateSyntaxError(message, self.i if pos is None else pos)

    def skip_space(self) -> None:
        while self.i < len(self.text) and self.text[self.i].isspace():
            self.i += 1

    def name(self, what: str) -> str:
        if not _is_ident_start(self.text, self.i):
            raise self.fail(f"expected {what}")
        start = self.i
        self.i = _ident_end(self.text, self.i)
        return self.text[start:self.i]

    def argument(self) -> str:
        text, quote = self.text, self.text[self.i:self.i + 1]
        if quote not in ('"', "'"):
            m = _NUMBER.match(text, self.i)
            if not m:
                raise self.fail("expected a quoted string or a number")
            self.i = m.end()
            return m.group()
        out, i = [], self.i + 1
        while i < len(text) and text[i] != quote:
            if text[i] != "\\":
                out.append(text[i])
                i += 1
                continue
            esc = text[i + 1:i + 2]
            if esc not in _ESCAPES:
                if not esc:
                    break
                raise TemplateSyntaxError(f"unknown escape {text[i:i + 2]!r}", i).coded("syntax.unknown-escape",
                                                                                     escape=text[i:i + 2])
            out.append(_ESCAPES[esc])
            i += 2
        if i >= len(text):  # the string swallowed the closing braces
            raise TemplateSyntaxError("unclosed '{{'", self.start).coded("syntax.unclosed")
        self.i = i + 1
        return "".join(out)

    def placeholder(self) -> Placeholder:
        self.skip_space()
        parts = [self.name("a name")]
        while self.text.startswith(".", self.i):
            self.i += 1
            parts.append(self.name("a name after '.'"))
        filters: list[tuple[str, str | None]] = []
        while True:
            self.skip_space()
            if self.text.startswith("}}", self.i):
                self.i += 2
                return Placeholder(".".join(parts), tuple(filters), self.start)
            if not self.text.startswith("|", self.i):
                raise self.fail("expected '}}' or '|'")
            self.i += 1
            self.skip_space()
            pos = self.i
            name = self.name("a filter name")
            if name not in FILTERS:
                raise TemplateSyntaxError(f"unknown filter '{name}'", pos).coded("syntax.unknown-filter", name=name)
            self.skip_space()
            arg = None
            if self.text.startswith("(", self.i):
                if name != "default":
                    raise TemplateSyntaxError(f"filter '{name}' takes no argument", pos).coded(
                        "syntax.filter-no-argument", name=name)
                self.i += 1
                self.skip_space()
                arg = self.argument()
                self.skip_space()
                if not self.text.startswith(")", self.i):
                    raise self.fail("expected ')'")
                self.i += 1
            elif name == "default":
                raise TemplateSyntaxError("filter 'default' needs an argument, e.g. default(\"friend\")", pos).coded(
                    "syntax.default-argument")
            filters.append((name, arg))


def _parse_parts(text: Any) -> tuple[str | Placeholder, ...]:
    if not isinstance(text, str):
        raise TemplateSyntaxError("template must be a string", 0).coded("syntax.template-not-string")
    if len(text) > MAX_TEMPLATE_LENGTH:
        raise TemplateSyntaxError(f"template is too long (max {MAX_TEMPLATE_LENGTH} characters)",
                                  MAX_TEMPLATE_LENGTH).coded("syntax.template-too-long", max=MAX_TEMPLATE_LENGTH)
    parts: list[str | Placeholder] = []
    i = 0
    while (start := text.find("{{", i)) >= 0:
        if start > i:
            parts.append(text[i:start])
        if text.find("}}", start + 2) < 0:
            raise TemplateSyntaxError("unclosed '{{'", start).coded("syntax.unclosed")
        scanner = _Scanner(text, start)
        parts.append(scanner.placeholder())
        i = scanner.i
    if i < len(text):
        parts.append(text[i:])
    return tuple(parts)


# ---------------------------------------------------------------- rendering

def _missing(v: Any) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v))


def _scalar_text(v: Any) -> str:
    if type(v).__module__ == "numpy" and hasattr(v, "item"):  # np.bool_ etc. without importing numpy
        v = v.item()
    if _missing(v):
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    try:
        return str(v)
    except ValueError:  # ints beyond Python's digit limit
        return ""


def _text(v: Any) -> str:
    if isinstance(v, (list, tuple, set, frozenset)):
        return ", ".join(_scalar_text(x) for x in v)
    if isinstance(v, Mapping):
        try:
            return json.dumps(v, default=str, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):  # odd or absurdly deep data renders blank
            return ""
    return _scalar_text(v)


def _apply(value: Any, filters: tuple[tuple[str, str | None], ...]) -> Any:
    for name, arg in filters:
        if name == "default":
            if not _text(value).strip():
                value = arg
        elif not _missing(value):
            value = _TEXT_FILTERS[name](_text(value))
    return value


@dataclass(frozen=True)
class Template:
    """A parsed template. ``Template(text)`` parses (raising TemplateSyntaxError)."""

    text: str
    parts: tuple = field(default=None, repr=False, compare=False)  # str | Placeholder

    def __post_init__(self) -> None:
        if self.parts is None:
            object.__setattr__(self, "parts", _parse_parts(self.text))

    def render(self, lookup: Callable[[str], object]) -> str:
        return self._render(lookup, None)

    def _render(self, lookup: Callable[[str], object], escape: Callable[[str], str] | None) -> str:
        out: list[str] = []
        size = 0
        for part in self.parts:
            if isinstance(part, Placeholder):
                part = _text(_apply(lookup(part.name), part.filters))
                if escape is not None:
                    part = escape(part)
            size += len(part)
            if size > MAX_OUTPUT_LENGTH:
                raise TemplateRenderError(f"rendered text exceeds {MAX_OUTPUT_LENGTH} characters")
            out.append(part)
        return "".join(out)

    def names(self) -> frozenset[str]:
        """Top-level names referenced (``props`` for ``props.city``), like Condition.names()."""
        return frozenset(p.name.split(".")[0] for p in self.parts if isinstance(p, Placeholder))


def parse_template(text: str) -> Template:
    if not isinstance(text, str):  # unhashable input would break the cache with TypeError
        raise TemplateSyntaxError("template must be a string", 0).coded("syntax.template-not-string")
    return _parse_cached(text)


@functools.lru_cache(maxsize=1024)  # templates can be 100 kB each, so a smaller cache
def _parse_cached(text: str) -> Template:
    return Template(text)


def check_template(text: str) -> TemplateSyntaxError | None:
    try:
        parse_template(text)
    except TemplateSyntaxError as exc:
        return exc
    return None


def _resolver(values: Mapping[str, object]) -> Callable[[str], object]:
    def lookup(name: str) -> object:
        v: Any = values
        for key in name.split("."):  # dictionary lookups only -- never getattr
            if not isinstance(v, Mapping):
                return None
            v = v.get(key)
        return v
    return lookup


def render(text: str, values: Mapping[str, object]) -> str:
    return parse_template(text).render(_resolver(values))


def _json_escape(s: str) -> str:
    return json.dumps(s)[1:-1]


def size_plan(text: str, variables: Mapping[str, object]) -> tuple[int, tuple[str, ...]]:
    """How long ``text`` renders: (length with only the blueprint's variables filled in,
    the contact fields it adds, once per use). The real send suppresses a render over
    MAX_OUTPUT_LENGTH; the validator and the dry-run measure with this."""
    try:
        template = parse_template(text)
    except TemplateSyntaxError:
        return 0, ()  # reported as a placeholder error
    names = tuple(p.name for p in template.parts
                  if isinstance(p, Placeholder) and p.name.split(".")[0] not in variables)
    try:
        return len(template.render(_resolver(variables))), names
    except TemplateRenderError:
        return MAX_OUTPUT_LENGTH + 1, names


def unwritable_reason(text: str, variables: Mapping[str, object]) -> str | None:
    """Why ``text`` can be written for no contact at all (the variables alone are too long)."""
    if size_plan(text, variables)[0] > MAX_OUTPUT_LENGTH:
        return f"message could not be written: rendered text exceeds {MAX_OUTPUT_LENGTH} characters"
    return None


def render_json(text: str, values: Mapping[str, object]) -> str:
    """Render a webhook JSON body: every substituted value is JSON-string-escaped.

    Put placeholders inside quotes (``"name": "{{ first_name }}"``); a value can
    then neither close the string nor add keys, whatever it contains.
    """
    return parse_template(text)._render(_resolver(values), _json_escape)


@functools.lru_cache(maxsize=1024)
def names_of(text: str) -> tuple[str, ...]:
    """The top-level names ``text`` uses, sorted: what its rendering depends on (with the text)."""
    return tuple(sorted(parse_template(text).names()))


def render_remembered(render_text: Callable[[str, Mapping[str, object]], str], text: str,
                      values: Mapping[str, object], memo: dict) -> str:
    """``render_text(text, values)`` (:func:`render` or :func:`render_json`), remembered in ``memo``
    for the same text and the same values (and types) of the names it uses: a batch of contacts
    mostly shares them (``{{brand}}``). Values that cannot be a key (a dict) are rendered each time."""
    try:
        key = (render_text, text, tuple((type(v), v) for v in map(values.get, names_of(text))))
        done = memo.get(key)
    except TypeError:
        return render_text(text, values)
    if done is None:
        done = memo[key] = render_text(text, values)
    return done
