"""A small builder for the SOP template files in resources/templates/.

The shipped artefacts are the JSON files; this only saves writing node ids,
wires and positions by hand. Run ``python scripts/templates/build.py`` to
rewrite them after changing a definition.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

CHANNEL_KINDS = {"email": "send.email", "sms": "send.sms", "push": "send.push", "wechat": "send.wechat",
                 "in_app": "send.in_app"}


def tx(key: str) -> dict:
    return {"$text": key}


def par(name: str) -> dict:
    return {"$param": name}


def switch(name: str, cases: dict[str, Any]) -> dict:
    return {"$switch": name, "cases": cases}


def p_int(name: str, default: int, lo: int, hi: int) -> dict:
    return {"name": name, "type": "int", "default": default, "min": lo, "max": hi}


def p_float(name: str, default: float, lo: float, hi: float) -> dict:
    return {"name": name, "type": "float", "default": default, "min": lo, "max": hi}


def p_choice(name: str, default: str, choices: list[str]) -> dict:
    return {"name": name, "type": "choice", "default": default, "choices": choices}


def p_event(name: str, default: str) -> dict:
    return {"name": name, "type": "event", "default": default}


def p_text(name: str, default: str, max_length: int = 60) -> dict:
    return {"name": name, "type": "text", "default": default, "max_length": max_length}


def channel_settings(channel: str, key: str) -> dict:
    """Settings of a message on ``channel`` from the copy ``key.title`` and ``key.text``."""
    title, text = tx(f"{key}.title"), tx(f"{key}.text")
    return {
        "email": {"subject": title, "body": text},
        "sms": {"text": text},
        "push": {"title": title, "body": text},
        "wechat": {"title": title, "body": text},
        "in_app": {"title": title, "body": text},
    }[channel]


class T:
    """One template being built: nodes, wires, words."""

    def __init__(self, id: str, from_stage: str | None, to_stage: str | None, conversion: tuple[float, float],
                 parameters: list[dict], simulation: dict | None = None, expected_warnings: tuple = (), **workflow):
        self.id, self.from_stage, self.to_stage = id, from_stage, to_stage
        self.conversion, self.parameters, self.simulation = conversion, parameters, simulation
        self.expected_warnings = list(expected_warnings)
        self.workflow = {"goal": None, **workflow}
        self.nodes: list[dict] = []
        self.edges: list[dict] = []
        self.text: dict[str, dict] = {}

    def add(self, id: str, kind: Any, **settings) -> str:
        self.nodes.append({"id": id, "kind": kind, "title": tx(f"title.{id}"), "settings": settings})
        return id

    def message(self, id: str, channel: str | dict, copy_key: str | None = None) -> str:
        """A message step; ``channel`` may be a parameter name given as ``{"$param": name}`` with choices."""
        key = copy_key or id
        if isinstance(channel, str):
            return self.add(id, CHANNEL_KINDS[channel], **channel_settings(channel, key))
        name = channel["$param"]
        choices = next(p["choices"] for p in self.parameters if p["name"] == name)
        node = {"id": id, "kind": switch(name, {c: CHANNEL_KINDS[c] for c in choices}),
                "title": tx(f"title.{id}"), "settings": switch(name, {c: channel_settings(c, key) for c in choices})}
        self.nodes.append(node)
        return id

    def seq(self, *ids: str) -> None:
        for a, b in pairwise(ids):
            self.wire(a, "next", b)

    def wire(self, source: str, port: str, target: str) -> None:
        self.edges.append({"source": source, "source_port": port, "target": target})

    def words(self, lang: str, *, name: str, description: str, goal: str, kpis: list[str],
              parameters: dict[str, str], titles: dict[str, str], copy: dict[str, str], notes: str = "") -> None:
        missing = {n["id"] for n in self.nodes} - set(titles)
        if missing:
            raise ValueError(f"{self.id} ({lang}): no title for {sorted(missing)}")
        self.text[lang] = {
            "name": name, "description": description, "goal": goal, "kpis": kpis, "parameters": parameters,
            "notes": notes, "copy": {**{f"title.{k}": v for k, v in titles.items()}, **copy},
        }

    def data(self) -> dict:
        from designer.layout import auto_layout
        from designer.templates.library import Template, instantiate

        workflow = {**self.workflow, "nodes": self.nodes, "edges": self.edges}
        out = {
            "format": "journey-designer-template", "version": 1, "id": self.id,
            "from_stage": self.from_stage, "to_stage": self.to_stage,
            "conversion_range": list(self.conversion), "expected_warnings": self.expected_warnings,
            "parameters": self.parameters, "simulation": self.simulation, "text": self.text, "workflow": workflow,
        }
        positions = auto_layout(instantiate(Template.model_validate(out), "en"))
        for node in self.nodes:
            x, y = positions[node["id"]]
            node["position"] = {"x": x, "y": y}
        return out
