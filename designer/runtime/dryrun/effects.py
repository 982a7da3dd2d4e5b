"""Effects where they happen: behaviour overrides carried by a step (``node.behaviour``).

A step may change how the contacts who pass it behave afterwards::

    "behaviour": {"open_rate": 0.40,                      # this message's channel response
                  "events": {"purchased": {"multiply": 1.2}},   # or {"add": 0.02}: +2 points
                  "ports": {"variant_b": {"events": {"purchased": {"add": 0.02}}}}}

Channel rates apply to the message the step sends; event effects apply to the
contacts who leave the step (by any port, or by the named port of a branch or
experiment), to occurrences of the event that are due after they passed. The
simulator calls in here only when some step carries an override
(:meth:`Effects.build` returns None otherwise), so plain runs pay nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designer.i18n import Message, render
from designer.nodes.fields import Name
from designer.simulation_model import Rate

if TYPE_CHECKING:
    from designer.blueprint import Blueprint, Workflow

    from .behaviour_model import ChannelTable
    from .simulator import Simulation
    from .state import WorkflowState

# User-visible text of this module, in one place (for message codes and translation).
MESSAGES = {
    "bad": "behaviour override: {detail}",
}  # the summary's words: override.* in designer/i18n/messages_cli.py

RATE_FIELDS = ("delivery_rate", "open_rate", "click_rate", "unsubscribe_rate")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class EventEffect(_Model):
    """Change of one event's probability for contacts who passed the step."""

    multiply: float | None = Field(None, ge=0, le=100, description="Probability multiplier (1.2 = 20% more likely)")
    add: float | None = Field(None, ge=-1, le=1, description="Added to the probability (0.02 = +2 points)")


class PortBehaviour(_Model):
    events: dict[Name, EventEffect] = Field(default_factory=dict)


class StepBehaviour(_Model):
    """A step's override; every field optional."""

    delivery_rate: Rate | None = None
    open_rate: Rate | None = None
    click_rate: Rate | None = None
    unsubscribe_rate: Rate | None = None
    events: dict[Name, EventEffect] = Field(default_factory=dict)
    ports: dict[str, PortBehaviour] = Field(default_factory=dict, description="Event effects by the port taken")

    def rates(self) -> dict[str, float]:
        return {k: v for k in RATE_FIELDS if (v := getattr(self, k)) is not None}


def parse(data: Any) -> StepBehaviour:
    """The override of a node (raises ValueError with a one-line reason)."""
    try:
        return StepBehaviour.model_validate(data)
    except ValidationError as err:
        e = err.errors()[0]
        where = ".".join(str(x) for x in e["loc"])
        raise ValueError(MESSAGES["bad"].format(detail=f"{where}: {e['msg']}" if where else e["msg"])) from None


def problems(node, port_ids: list[str], sends: bool) -> list[tuple[str, dict[str, Any]]]:
    """What is wrong with ``node.behaviour`` as (message code, parameters), empty when fine or absent;
    the validator names the step and renders them (designer/i18n/messages.py)."""
    if node.behaviour is None:
        return []
    try:
        b = StepBehaviour.model_validate(node.behaviour)
    except ValidationError as err:
        e = err.errors()[0]
        where = ".".join(str(x) for x in e["loc"])
        return [("problem.behaviour-bad", {"detail": f"{where}: {e['msg']}" if where else e["msg"]})]
    out = [("problem.behaviour-port", {"port": p, "ports": ", ".join(port_ids) or "-"}) for p in b.ports
           if p not in port_ids]
    if b.rates() and not sends:
        out.append(("problem.behaviour-rates", {"names": ", ".join(b.rates())}))
    return out


def summary_parts(b: StepBehaviour) -> list[Message]:
    """The summary's parts as messages: open_rate 0.4 / purchased x1.2 / via variant_b: purchased +2 points."""
    def events(evs: dict[str, EventEffect]) -> list[Message]:
        out = []
        for name, e in evs.items():
            if e.multiply is not None:
                out.append(Message("override.multiply", {"event": name, "value": f"{e.multiply:g}"}))
            if e.add is not None:
                out.append(Message("override.add", {"event": name, "value": f"{e.add * 100:+g}"}))
        return out

    parts = [Message("override.rate", {"name": k, "value": f"{v:g}"}) for k, v in b.rates().items()] + events(b.events)
    parts += [Message("override.port", {"port": p, "what": Message("join", {"items": events(pb.events)})})
              for p, pb in b.ports.items()]
    return parts


def summary(b: StepBehaviour | list[Message], lang: str | None = None) -> str:
    """One line: 'open_rate 0.4; purchased x1.2; via variant_b: purchased +2 points' (in ``lang``)."""
    parts = b if isinstance(b, list) else summary_parts(b)
    return render(Message("override.sep"), lang).join(render(p, lang) for p in parts)


def overrides_in_effect(blueprint: Blueprint, workflow: str | None = None) -> list[dict]:
    """Every valid override of the simulated workflows, for the dry-run report."""
    out = []
    for wf in blueprint.workflows:
        if workflow is not None and wf.id != workflow:
            continue
        for node in wf.nodes:
            if node.behaviour is None:
                continue
            try:
                b = parse(node.behaviour)
            except ValueError:
                continue
            parts = summary_parts(b)  # English text (stable for --json) and the parts' codes, for other readers
            out.append({"workflow": wf.id, "node": node.id, "title": node.display_title, "summary": summary(parts, "en"),
                        "summary_id": [p.to_json() for p in parts]})
    return out


def has_overrides(workflows: list[Workflow]) -> bool:
    return any(n.behaviour for wf in workflows for n in wf.nodes)


@dataclass
class _Applied:
    event: str
    multiply: float
    add: float
    done: np.ndarray  # rows this effect has already been applied to (once per contact)


class Effects:
    """The overrides of one simulation, applied over batches of rows."""

    def __init__(self, sim: Simulation, steps: dict[tuple[int, str], StepBehaviour]) -> None:
        self.sim, self.n = sim, sim.store.n
        self.steps = steps
        self._by_pass: dict[tuple[int, str, str | None], list[_Applied]] = {}
        for (wf, node_id), b in steps.items():
            for port, evs in [(None, b.events), *((p, pb.events) for p, pb in b.ports.items())]:
                for name, e in evs.items():
                    self._by_pass.setdefault((wf, node_id, port), []).append(
                        _Applied(name, 1.0 if e.multiply is None else e.multiply, e.add or 0.0,
                                 np.zeros(self.n, dtype=bool)))
        self.events = {a.event for lst in self._by_pass.values() for a in lst}
        self.multiply: dict[str, np.ndarray] = {e: np.ones(self.n, dtype=np.float32) for e in self.events}
        self.add: dict[str, np.ndarray] = {e: np.zeros(self.n, dtype=np.float32) for e in self.events}
        self._tables: dict[tuple[int, str, str], ChannelTable] = {}

    @classmethod
    def build(cls, sim: Simulation) -> Effects | None:
        steps = {}
        for state in sim.states:
            for node in state.cw.workflow.nodes:
                if node.behaviour:
                    try:
                        steps[(state.index, node.id)] = parse(node.behaviour)
                    except ValueError:
                        continue  # the validator reports it; the run ignores it
        return cls(sim, steps) if steps else None

    # --- the hooks ----------------------------------------------------------------
    def passed(self, wf: WorkflowState, node_id: str, rows: np.ndarray, ports: np.ndarray | str) -> None:
        """Contacts leaving ``node_id``: the step's event effects start for them."""
        if (wf.index, node_id) not in self.steps:
            return
        for port in (None, *self._ports(wf.index, node_id)):
            for a in self._by_pass.get((wf.index, node_id, port), ()):
                if port is None:
                    sel = rows
                elif isinstance(ports, str):
                    sel = rows if ports == port else rows[:0]
                else:
                    sel = rows[ports == port]
                fresh = sel[~a.done[sel]]
                if len(fresh):
                    a.done[fresh] = True
                    self.multiply[a.event][fresh] *= a.multiply
                    self.add[a.event][fresh] += a.add

    def _ports(self, wf: int, node_id: str) -> list[str]:
        b = self.steps.get((wf, node_id))
        return list(b.ports) if b is not None else []

    def adjust(self, code: np.ndarray, rows: np.ndarray, prob: np.ndarray) -> np.ndarray:
        """The probabilities of due occurrences after the effects of the steps each contact passed."""
        for name in self.events:
            c = self.sim.event_codes.get(name)
            if c is None:
                continue
            sel = code == c
            if sel.any():
                r = rows[sel]
                prob[sel] = prob[sel] * self.multiply[name][r] + self.add[name][r]
        return np.clip(prob, 0.0, 1.0)

    def ceiling(self, name: str) -> tuple[float, float]:
        """The largest multiplier and addition any contact can get for ``name`` (for pruning draws)."""
        if name not in self.events:
            return 1.0, 0.0
        mult, add = 1.0, 0.0
        for lst in self._by_pass.values():  # effects of several steps compound
            for a in lst:
                if a.event == name:
                    mult *= max(1.0, a.multiply)
                    add += max(0.0, a.add)
        return mult, add

    def channel(self, wf: WorkflowState, node_id: str, channel: str, table: ChannelTable) -> ChannelTable:
        """The channel rates of the message sent at ``node_id`` (the step's override wins)."""
        b = self.steps.get((wf.index, node_id))
        if b is None or not b.rates():
            return table
        key = (wf.index, node_id, channel)
        if key not in self._tables:
            r = b.rates()
            fields = {"delivery_rate": "delivery", "open_rate": "open", "click_rate": "click",
                      "unsubscribe_rate": "unsubscribe"}
            self._tables[key] = replace(table, **{fields[k]: np.full_like(getattr(table, fields[k]), v)
                                                  for k, v in r.items()})
        return self._tables[key]


def widen_best(best: np.ndarray, boost: np.ndarray, name: str, effects: Effects | None, rules) -> np.ndarray:
    """The highest chance an occurrence of ``name`` can still reach once rules and step effects
    apply (the simulator never queues an occurrence that cannot happen)."""
    if rules is not None:
        best = np.maximum(best, rules.ceiling(name) * boost)
    if effects is not None:
        mult, add = effects.ceiling(name)
        best = best * mult + add
    return best
