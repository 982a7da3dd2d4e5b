"""Merge a fitted behaviour model into a blueprint's ``simulation`` section.

Fitted fields replace the blueprint's values for the same channel or event; every
other setting (run period, segments, properties, conditional rules) stays. The
result is validated before the file is replaced in one atomic write, so a
failure leaves the file as it was.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from designer.blueprint import Blueprint
from designer.fileformat import atomic_write_text, dumps
from designer.simulation_model import SimulationModel


def merged(blueprint: Blueprint, fitted: dict[str, Any]) -> Blueprint:
    """``blueprint`` with ``fitted`` (a ``simulation`` dict) merged in; raises ValueError if invalid."""
    base = blueprint.simulation.model_dump(mode="json", exclude_none=True) if blueprint.simulation else {}
    for section in ("channels", "events"):
        into = base.setdefault(section, {})
        for name, fields in fitted.get(section, {}).items():
            into[name] = {**into.get(name, {}), **fields}
    for seg in fitted.get("segments", []):  # a fitted segment updates the one of the same name
        mine = next((s for s in base.setdefault("segments", []) if s.get("name") == seg["name"]), None)
        if mine is None:
            base["segments"].append(seg)
            continue
        for section in ("channels", "events"):
            into = mine.setdefault(section, {})
            for name, fields in seg.get(section, {}).items():
                into[name] = {**into.get(name, {}), **fields}
    model = SimulationModel.model_validate(base)
    return blueprint.model_copy(update={"simulation": model})


def merge_into(path: str | Path, blueprint: Blueprint, fitted: dict[str, Any]) -> Blueprint:
    out = merged(blueprint, fitted)
    atomic_write_text(path, dumps(out))
    return out
