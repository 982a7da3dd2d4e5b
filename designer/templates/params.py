"""Template parameters: named, typed values put into a template's workflow, safely.

A template's workflow JSON marks where values go with three small forms, and
nothing else is interpreted (no code runs, no expressions):

* ``{"$param": "wait_days"}``: the parameter's typed value (int, float, text ...);
* ``{"$text": "welcome_subject"}``: a string from the chosen language's copy;
* ``{"$switch": "reminder_channel", "cases": {"sms": ..., "push": ...}}``:
  the case for the parameter's value (e.g. a node kind and its settings);

and inside any string, ``{{param.NAME}}`` is replaced by the value as text.
Every other ``{{...}}`` (``{{first_name}}``, ``{{brand}}``) is left for the
runtime's own placeholders.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from designer.i18n import Message, render
from designer.nodes.fields import NAME_PATTERN

PARAM_IN_TEXT = re.compile(r"\{\{\s*param\.([A-Za-z_][A-Za-z0-9_]*)\s*\}\}")
ParamType = Literal["int", "float", "text", "choice", "event", "bool"]


class ParameterError(ValueError):
    """A bad parameter name or value; the message names it and what is allowed.
    ``code`` (unknown-parameter, bad-value, bad-assignment), ``name`` and
    ``allowed`` stay stable for callers that word it themselves."""

    def __init__(self, name: str, message: str | Message, code: str = "bad-value", allowed: str = "") -> None:
        self.name, self.code, self.allowed = name, code, allowed
        super().__init__(message)


class Parameter(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$", max_length=64)
    type: ParamType
    default: Any
    min: float | None = None
    max: float | None = None
    choices: list[str] | None = Field(None, description="Allowed values (type 'choice')")
    max_length: int = Field(200, ge=1, le=2000, description="Longest text (type 'text')")

    @model_validator(mode="after")
    def _default_allowed(self) -> Parameter:
        if self.type == "choice" and not self.choices:
            raise ValueError(f"parameter '{self.name}': a choice needs its choices")
        self.default = self.coerce(self.default)
        return self

    def allowed(self, lang: str | None = None) -> str:
        """What the parameter accepts, in words (for errors and help), in ``lang`` (default: the current one)."""
        return render(self.allowed_message(), lang)

    def allowed_message(self) -> Message:
        if self.type == "choice":
            return Message("param.one-of", {"choices": ", ".join(self.choices or [])})
        if self.type in ("bool", "event"):
            return Message(f"param.{self.type}")
        if self.type == "text":
            return Message("param.text", {"count": self.max_length})
        kind = "int" if self.type == "int" else "number"
        which = "-from" * (self.min is not None) + "-to" * (self.max is not None)
        return Message(f"param.{kind}{which}", {"low": _num(self.min or 0), "high": _num(self.max or 0)})

    def coerce(self, raw: Any) -> Any:
        """The typed value for ``raw`` (a string from the command line, or a JSON value)."""
        bad = ParameterError(self.name, Message("param.bad-value", {"value": repr(raw), "name": self.name,
                                                                    "allowed": self.allowed_message()}),
                             "bad-value", self.allowed("en"))
        if self.type in ("int", "float"):
            if isinstance(raw, bool):
                raise bad
            try:
                value = float(str(raw).strip()) if isinstance(raw, str) else float(raw)
            except (TypeError, ValueError):
                raise bad from None
            if self.type == "int":
                if value != int(value):
                    raise bad
                value = int(value)
            if (self.min is not None and value < self.min) or (self.max is not None and value > self.max):
                raise bad
            return value
        if self.type == "bool":
            text = str(raw).strip().lower()
            if text in ("true", "yes", "1", "on"):
                return True
            if text in ("false", "no", "0", "off"):
                return False
            raise bad
        if not isinstance(raw, (str, int, float)) or isinstance(raw, bool):
            raise bad
        text = str(raw).strip()
        if self.type == "choice" and text not in (self.choices or []):
            raise bad
        if self.type == "event" and not (len(text) <= 64 and re.fullmatch(NAME_PATTERN, text)):
            raise bad
        if self.type == "text" and not (0 < len(text) <= self.max_length):
            raise bad
        return text


def _num(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def resolve_values(params: list[Parameter], given: dict[str, Any] | None) -> dict[str, Any]:
    """Defaults overlaid with ``given``; unknown names and bad values raise ParameterError."""
    by_name = {p.name: p for p in params}
    values = {p.name: p.default for p in params}
    for name, raw in (given or {}).items():
        if name not in by_name:
            known = ", ".join(by_name) or "none"
            raise ParameterError(name, Message("param.unknown", {"name": name, "known": known}), "unknown-parameter",
                                 known)
        values[name] = by_name[name].coerce(raw)
    return values


def parse_assignments(items: list[str]) -> dict[str, str]:
    """``["wait_days=3", ...]`` from the command line -> ``{"wait_days": "3"}``."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise ParameterError(item, Message("param.bad-assignment", {"item": item}), "bad-assignment", "name=value")
        out[name.strip()] = value
    return out


def substitute(data: Any, values: dict[str, Any], texts: dict[str, str]) -> Any:
    """``data`` with every ``$param``/``$text``/``$switch`` form and ``{{param.x}}`` replaced."""
    if isinstance(data, dict):
        if "$param" in data:
            return values[_known(data["$param"], values)]
        if "$text" in data:
            key = data["$text"]
            if key not in texts:
                raise KeyError(f"no text '{key}' in this language's copy")
            return substitute(texts[key], values, texts)
        if "$switch" in data:
            value = values[_known(data["$switch"], values)]
            cases = data.get("cases", {})
            if str(value) not in cases:
                raise KeyError(f"no case for {data['$switch']} = {value!r}")
            return substitute(cases[str(value)], values, texts)
        return {k: substitute(v, values, texts) for k, v in data.items()}
    if isinstance(data, list):
        return [substitute(v, values, texts) for v in data]
    if isinstance(data, str):
        return PARAM_IN_TEXT.sub(lambda m: _text(values[_known(m.group(1), values)]), data)
    return data


def _known(name: str, values: dict[str, Any]) -> str:
    if name not in values:
        raise KeyError(f"the template uses parameter '{name}' but does not declare it")
    return name


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return _num(value) if isinstance(value, float) else str(value)


def used_parameters(data: Any) -> set[str]:
    """Names of the parameters ``data`` refers to (for checking a template file)."""
    out: set[str] = set()
    if isinstance(data, dict):
        for key in ("$param", "$switch"):
            if key in data:
                out.add(data[key])
        for v in data.values():
            out |= used_parameters(v)
    elif isinstance(data, list):
        for v in data:
            out |= used_parameters(v)
    elif isinstance(data, str):
        out |= set(PARAM_IN_TEXT.findall(data))
    return out
