"""Save any workflow as a template: chosen step settings become its parameters.

:func:`candidate_settings` lists the settings that can become a parameter
(numbers, yes/no, fixed choices, event names and short texts), each with the
type and limits its kind declares; :func:`template_from_workflow` writes the
template's data with those values replaced by ``{"$param": ...}``. The result
reads back with :func:`designer.templates.library.read_template`. No Qt here.
"""

from __future__ import annotations

import re
import typing
from dataclasses import dataclass
from typing import Any

from annotated_types import Ge, Gt, Le, Lt

from designer.blueprint import Workflow
from designer.nodes import get_kind
from designer.nodes.fields import field_words

from .library import TEMPLATE_FORMAT, Template, language


@dataclass(frozen=True)
class Candidate:
    node_id: str
    field: str
    label: str  # "Wait 2 days: How long"
    type: str
    value: Any
    min: float | None = None
    max: float | None = None
    choices: tuple[str, ...] | None = None

    @property
    def default_name(self) -> str:
        return re.sub(r"[^a-z0-9_]+", "_", f"{self.node_id}_{self.field}".lower()).strip("_")[:64] or "value"


def _limits(info) -> tuple[float | None, float | None]:
    lo = hi = None
    for m in info.metadata:
        if isinstance(m, (Ge, Gt)):
            lo = float(m.ge if isinstance(m, Ge) else m.gt)
        elif isinstance(m, (Le, Lt)):
            hi = float(m.le if isinstance(m, Le) else m.lt)
    return lo, hi


def candidate_settings(workflow: Workflow) -> list[Candidate]:
    out = []
    for node in workflow.nodes:
        kind = get_kind(node.kind)
        if kind is None:
            continue
        for field, info in kind.settings_model.model_fields.items():
            value = node.settings.get(field)
            if value is None or isinstance(value, (list, dict)):
                continue
            label = f"{node.display_title}: {field_words(field, info.description or '', info.title or '')[0]}"
            annotation = info.annotation
            args = typing.get_args(annotation)
            if typing.get_origin(annotation) is typing.Literal:
                out.append(Candidate(node.id, field, label, "choice", str(value), choices=tuple(map(str, args))))
            elif isinstance(value, bool):
                out.append(Candidate(node.id, field, label, "bool", value))
            elif isinstance(value, (int, float)):
                lo, hi = _limits(info)
                typ = "int" if isinstance(value, int) and annotation is int else "float"
                out.append(Candidate(node.id, field, label, typ, value, lo, hi))
            elif isinstance(value, str) and field == "event":
                out.append(Candidate(node.id, field, label, "event", value))
            elif isinstance(value, str) and value and len(value) <= 200 and "\n" not in value:
                out.append(Candidate(node.id, field, label, "text", value))
    return out


def template_from_workflow(workflow: Workflow, chosen: dict[tuple[str, str], tuple[str, str]], template_id: str,
                           lang: str = "en", name: str = "", description: str = "") -> dict[str, Any]:
    """Template data for ``workflow``; ``chosen`` maps (node id, field) to (parameter name, label)."""
    candidates = {(c.node_id, c.field): c for c in candidate_settings(workflow)}
    data = workflow.model_dump(mode="json", exclude={"id", "name", "description", "from_stage", "to_stage",
                                                     "queue", "simulation"})
    params, labels = [], {}
    nodes = {n["id"]: n for n in data["nodes"]}
    for key, (param, label) in chosen.items():
        c = candidates.get(key)
        if c is None:
            raise ValueError(f"step '{key[0]}' has no setting '{key[1]}' that can be a parameter")
        nodes[c.node_id]["settings"][c.field] = {"$param": param}
        spec: dict[str, Any] = {"name": param, "type": c.type, "default": c.value}
        if c.type in ("int", "float"):
            spec.update(min=c.min, max=c.max)
        if c.type == "choice":
            spec["choices"] = list(c.choices or ())
        params.append(spec)
        labels[param] = label
    goal = workflow.goal.event if workflow.goal and workflow.goal.event else ""
    out = {
        "format": TEMPLATE_FORMAT, "version": 1, "id": template_id,
        "from_stage": workflow.from_stage, "to_stage": workflow.to_stage, "conversion_range": [0.0, 1.0],
        "expected_warnings": [], "parameters": params,
        "simulation": workflow.simulation.model_dump(mode="json", exclude_none=True) if workflow.simulation else None,
        "text": {language(lang): {"name": name or workflow.name, "description": description or workflow.description,
                                  "goal": goal, "kpis": [], "parameters": labels, "notes": "", "copy": {}}},
        "workflow": data,
    }
    Template.model_validate(out)  # the parameters' defaults and limits agree
    return out
