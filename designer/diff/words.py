"""Names and values in the words the inspector uses, read from the models.

A field's label comes from its model (``title``, or a short ``description``,
else its name: :func:`designer.nodes.fields.field_words`, the inspector's own
rule); a step's settings are labelled from its kind's settings model. Nothing
here lists field names by hand.
"""

from __future__ import annotations

import types
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from designer.blueprint import Blueprint, Node, StageDef, StickyNote, Workflow
from designer.i18n import N_, Message, translate
from designer.nodes import get_kind
from designer.nodes.fields import duration_text, field_words, humanise

SEPARATOR = " › "
OFF, YES, NO = N_("off"), N_("yes"), N_("no")
# Containers shown by their parts ("Frequency cap › ...", not "Settings › Frequency cap › ...").
UNLABELLED = frozenset({"settings"})


def _models_in(tp: Any) -> type[BaseModel] | None:
    """The pydantic model inside ``X``, ``X | None``, ``list[X]``, ``dict[str, X]``, Annotated..."""
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if get_origin(tp) in (Union, types.UnionType, list, dict, tuple):
        for arg in get_args(tp):
            if (found := _models_in(arg)) is not None:
                return found
    return None


def _walk(model: type[BaseModel] | None, fields: tuple[str, ...], kind: str | None):
    """(name, FieldInfo or None) along ``fields``; a step's settings follow its kind's model."""
    for name in fields:
        info = model.model_fields.get(name) if model is not None else None
        yield name, info
        if info is None:
            model = None
        elif model is Node and name == "settings":
            found = get_kind(kind or "")
            model = found.settings_model if found else None
        else:
            model = _models_in(info.annotation)


def field_label(model: type[BaseModel] | None, fields: tuple[str, ...], kind: str | None = None,
                words: bool = False) -> str | Message:
    """'Goal › Conversion event' for ("goal", "event") of a Workflow; with ``words``, as a
    message that reads in the reader's language."""
    labels = []
    for name, info in _walk(model, fields, kind):
        if info is None:
            labels.append(humanise(str(name)))
        elif name not in UNLABELLED:
            labels.append(field_words(name, info.description or "", info.title or "")[0])
    if words:
        return Message("join", {"items": [Message.word(w) for w in labels], "sep": SEPARATOR})
    return SEPARATOR.join(labels)


def field_info(model: type[BaseModel] | None, fields: tuple[str, ...], kind: str | None = None) -> FieldInfo | None:
    """The FieldInfo at the end of ``fields`` (None where it leaves the models)."""
    info = None
    for _name, info in _walk(model, fields, kind):
        pass
    return info


def show(value: Any, limit: int = 80) -> str:
    """A value as a reader wants to see it: quoted text, 'off' for a switched-off section
    (the words in the current language)."""
    if value is None:
        return translate(OFF)
    if isinstance(value, bool):
        return translate(YES if value else NO)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, str):
        text = value.replace("\n", " ⏎ ")
        return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'
    if isinstance(value, list):
        text = ", ".join(show(v, limit) if not isinstance(v, str) else v for v in value)
        return "[" + (text if len(text) <= limit else text[: limit - 1] + "…") + "]"
    if isinstance(value, dict):
        text = ", ".join(f"{_lower(humanise(str(k)))} {show(v, 30)}" for k, v in value.items())
        return "{" + (text if len(text) <= limit else text[: limit - 1] + "…") + "}"
    return str(value)


def show_field(value: Any, info: FieldInfo | None, settings: dict | None = None, limit: int = 80) -> str:
    """A field's value as the inspector shows it: an amount with its unit ('3 days'),
    a choice by its name ('Always', not '"always"')."""
    extra = info.json_schema_extra if info is not None and isinstance(info.json_schema_extra, dict) else {}
    unit = (settings or {}).get(str(extra.get("unit_field", "")))
    if isinstance(unit, str) and isinstance(value, (int, float)) and not isinstance(value, bool):
        return duration_text(value, unit)
    if isinstance(value, str) and info is not None and _is_choice(info.annotation):
        return translate(humanise(value))
    return show(value, limit)


def _lower(word: str) -> str:
    translated = translate(word)
    return word.lower() if translated == word else translated


def _is_choice(tp: Any) -> bool:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if get_origin(tp) is Literal:
        return True
    return get_origin(tp) in (Union, types.UnionType) and any(_is_choice(a) for a in get_args(tp))


def kind_label(kind: str | None) -> str:
    found = get_kind(kind or "")
    return found.label if found else str(kind)


def step_message(node: dict | None, node_id: str) -> Message | str:
    """``step_name`` in the reader's language."""
    if not isinstance(node, dict):
        return node_id
    title, kind = node.get("title") or "", Message.word(kind_label(node.get("kind")))
    return Message("diff.step-name" if title else "diff.step-name-untitled", {"id": node_id, "title": title,
                                                                              "kind": kind})


def step_name(node: dict | None, node_id: str) -> str:
    """'n3 "Wait 2 days" (Wait)'."""
    if not isinstance(node, dict):
        return node_id
    label = kind_label(node.get("kind"))
    title = node.get("title") or ""
    return f'{node_id} "{title}" ({label})' if title else f"{node_id} ({label})"


def port_label(node: dict | None, port: str) -> str:
    """A port's label from its kind ('Yes', 'Timed out'), or the id where unknown."""
    kind = get_kind(node.get("kind", "")) if isinstance(node, dict) else None
    if kind is None:
        return port
    settings = kind.try_parse(node.get("settings") or {})
    return next((p.label for p in kind.ports(settings) if p.id == port), port)


MODELS: dict[str, type[BaseModel]] = {
    "blueprint": Blueprint, "workflow": Workflow, "step": Node, "note": StickyNote, "stage": StageDef,
}
