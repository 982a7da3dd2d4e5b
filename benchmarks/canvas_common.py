"""Shared by the canvas benchmarks: a 1,000-node workflow laid out to fill a
screen-shaped area (so 'fit all' shows every card at once: the worst case).

The journey is the validator benchmark's (segments of email, wait, if/else,
SMS/push, tag, wait-for-event, goal/exit, random split); it is laid out left
to right with ``designer.layout`` and its long chain wrapped into rows.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from validate_10k import big_workflow

from designer.blueprint import Blueprint, Position
from designer.layout import LAYER_GAP, auto_layout

LAYERS_PER_ROW = 40
ROW_GAP = 160.0


def wrapped_blueprint(nodes: int = 1000) -> Blueprint:
    wf = big_workflow(nodes)
    placed = auto_layout(wf)
    rows: dict[int, list[str]] = {}
    for node_id, (x, _) in placed.items():
        rows.setdefault(round(x / LAYER_GAP) // LAYERS_PER_ROW, []).append(node_id)
    by_id = {n.id: n for n in wf.nodes}
    top = 0.0
    for row in sorted(rows):
        ids = rows[row]
        y0 = min(placed[i][1] for i in ids)
        y1 = max(placed[i][1] for i in ids) + 120
        for i in ids:
            x, y = placed[i]
            layer = round(x / LAYER_GAP) % LAYERS_PER_ROW
            by_id[i].position = Position(x=layer * LAYER_GAP, y=top + y - y0)
        top += y1 - y0 + ROW_GAP
    return Blueprint(name="Canvas benchmark", workflows=[wf])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]
