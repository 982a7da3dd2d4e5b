"""Conditional behaviour: an event's ``when`` rules, evaluated over the batch of contacts due.

An occurrence is drawn as usual (at its anchor plus its delay); when it falls
due, each rule's condition (the safe expression language of
:mod:`designer.conditions`, e.g. ``events("show_registered") > 0``) is
evaluated once over all the contacts due for that event, and the first rule a
contact meets sets its probability (no rule met: the event's own probability).
A rule with a ``delay`` decides then and moves the occurrence that much later.
Occurrences that are certain (scripted, or already decided by a rule) are left
alone. The simulator calls in here only when some event has rules
(:meth:`Rules.build` returns None otherwise).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from designer.conditions import parse as parse_condition

from .behaviour_model import draw_delay
from .columns import RowsFrame

if TYPE_CHECKING:
    from designer.simulation_model import Delay, SimulationModel

    from .simulator import Simulation


@dataclass
class Rule:
    condition: object  # a parsed condition
    text: str
    probability: float
    delay: Delay | None


def rules_of(models: list[SimulationModel | None]) -> dict[str, list[Rule]]:
    """Each event's rules: the first model (workflow before blueprint) that sets ``when`` wins."""
    out: dict[str, list[Rule]] = {}
    for model in models:
        if model is None:
            continue
        for name, event in model.events.items():
            if event.when is not None and name not in out:
                out[name] = [Rule(parse_condition(r.condition), r.condition, r.probability, r.delay) for r in event.when]
    return out


def rules_in_effect(blueprint, workflow: str | None = None) -> list[dict]:
    """Each event's rules as the run uses them, for the dry-run report."""
    models = [w.simulation for w in blueprint.workflows if workflow is None or w.id == workflow]
    found = rules_of([*models, blueprint.simulation])
    return [{"event": name, "condition": r.text, "probability": r.probability,
             "delay_hours": r.delay.hours if r.delay is not None else None}
            for name, rules in found.items() for r in rules]


class Rules:
    def __init__(self, sim: Simulation, by_event: dict[str, list[Rule]]) -> None:
        self.sim, self.by_event = sim, by_event

    @classmethod
    def build(cls, sim: Simulation) -> Rules | None:
        models = [s.cw.workflow.simulation for s in sim.states] + [sim.blueprint.simulation]
        found = rules_of(models)
        return cls(sim, found) if found else None

    def ceiling(self, name: str) -> float:
        """The highest probability a rule can give ``name`` (0 without rules)."""
        return max((r.probability for r in self.by_event.get(name, ())), default=0.0)

    def apply(self, rows, ts, code, src, u, p):
        """Set the probability of the due occurrences by their rules; those a rule delays are
        decided now and queued later (taken out of this batch). Returns the arrays to commit."""
        sim = self.sim
        keep = None
        for name, rules in self.by_event.items():
            c = sim.event_codes.get(name)
            if c is None:
                continue
            idx = np.flatnonzero((code == c) & (u >= 0))
            if not len(idx):
                continue
            r = rows[idx]
            frame = RowsFrame(sim.store, sim.log, r)
            prob = p[idx].copy()
            later = np.zeros(len(idx))
            open_ = np.ones(len(idx), dtype=bool)
            for rule in rules:
                hit = open_ & rule.condition.evaluate(frame, sim.clock[r])  # each contact at its own moment
                if not hit.any():
                    continue
                prob[hit] = rule.probability
                if rule.delay is not None:
                    later[hit] = draw_delay(sim.rng, [rule.delay], np.zeros(int(hit.sum()), dtype=np.int16))
                open_ &= ~hit
            p[idx] = prob
            moved = later > 0
            if moved.any():
                go = moved & (u[idx] < prob)
                when = ts[idx][go] + later[go]
                ok = when <= sim.t_end
                sim.queue_events(name, r[go][ok], when[ok], 0)
                keep = np.ones(len(rows), dtype=bool) if keep is None else keep
                keep[idx[moved]] = False
        if keep is None:
            return rows, ts, code, src, u, p, None
        return rows[keep], ts[keep], code[keep], src[keep], u[keep], p[keep], keep
