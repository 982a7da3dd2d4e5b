"""The behaviour model resolved for a run: built-in defaults <- blueprint <- workflow
<- segment, as per-segment tables the simulator indexes by row.

Rates are looked up once per segment, then gathered per row
(``table[segment_of[rows]]``), so a send to 100,000 contacts draws its
responses with a handful of array operations.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from designer.conditions import parse as parse_condition
from designer.simulation_model import (
    CHANNEL_DEFAULTS,
    EVENT_DEFAULT,
    ChannelRates,
    Delay,
    SimulationModel,
    trigger_event_default,
)

HOUR = 3600.0
RESPONSES = ("opened", "clicked", "unsubscribed")


def response_event(channel: str, response: str) -> str:
    """The event a simulated (or real) response records: ``email_opened`` ..."""
    return f"{channel}_{response}"


def is_response_event(name: str, channels: tuple[str, ...]) -> bool:
    return any(name == response_event(c, r) for c in channels for r in RESPONSES + ("delivered",))


def _merge(base, *overrides):
    """Fields set (not None) in later models win."""
    data = base.model_dump(exclude_none=True)
    for o in overrides:
        if o is not None:
            data.update(o.model_dump(exclude_none=True))
    return type(base).model_validate(data)


@dataclass
class ChannelTable:
    """One channel's rates, one entry per segment (the last: contacts in no segment)."""

    delivery: np.ndarray
    open: np.ndarray
    click: np.ndarray
    unsubscribe: np.ndarray
    open_delay: list[Delay]
    click_delay: list[Delay]


@dataclass
class EventTable:
    name: str
    probability: np.ndarray
    if_opened: np.ndarray
    if_clicked: np.ndarray
    delay: list[Delay]
    anchor: str  # taken from the unsegmented model: where the delay counts from
    props: dict


class BehaviourModel:
    """The model for one workflow's scope (blueprint model + that workflow's overrides).

    ``scripted`` turns simulated behaviour off: every message is delivered and
    nothing responds, so only the events a test or parity run scripts happen."""

    def __init__(
        self,
        blueprint_model: SimulationModel | None,
        workflow_model: SimulationModel | None = None,
        trigger_events: frozenset[str] = frozenset(),
        scripted: bool = False,
    ) -> None:
        bp = blueprint_model or SimulationModel()
        wf = workflow_model or SimulationModel()
        self.scripted = scripted
        self.arrival_days = bp.arrival_days if bp.arrival_days is not None else 7.0
        self.trigger_events = trigger_events
        self.segments = [*wf.segments, *bp.segments]
        self.conditions = [parse_condition(s.condition) for s in self.segments]
        self._levels = (bp, wf)
        self._channels: dict[str, ChannelTable] = {}
        self._events: dict[str, EventTable] = {}

    @property
    def declared_events(self) -> list[str]:
        names: dict[str, None] = {}
        for level in self._levels:
            names.update(dict.fromkeys(level.events))
        return list(names)

    def segment_of(self, frame, now: float) -> np.ndarray:
        """Index of each row's first matching segment (len(segments) for none)."""
        out = np.full(len(frame), len(self.segments), dtype=np.int16)
        for i in reversed(range(len(self.conditions))):  # earlier segments win
            out[self.conditions[i].evaluate(frame, now)] = i
        return out

    def channel(self, channel: str) -> ChannelTable:
        if channel not in self._channels:
            bp, wf = self._levels
            base = _merge(CHANNEL_DEFAULTS.get(channel, ChannelRates()), bp.channels.get(channel), wf.channels.get(channel))
            per = [_merge(base, s.channels.get(channel)) for s in self.segments] + [base]
            if self.scripted:
                per = [ChannelRates(delivery_rate=1, open_rate=0, click_rate=0, unsubscribe_rate=0,
                                    open_delay=Delay(), click_delay=Delay()) for _ in per]
            self._channels[channel] = ChannelTable(
                np.array([r.delivery_rate for r in per]), np.array([r.open_rate for r in per]),
                np.array([r.click_rate for r in per]), np.array([r.unsubscribe_rate for r in per]),
                [r.open_delay for r in per], [r.click_delay for r in per],
            )
        return self._channels[channel]

    def event(self, name: str) -> EventTable:
        if name not in self._events:
            bp, wf = self._levels
            default = trigger_event_default(self.arrival_days) if name in self.trigger_events else EVENT_DEFAULT
            base = _merge(default, bp.events.get(name), wf.events.get(name))
            per = [_merge(base, s.events.get(name)) for s in self.segments] + [base]
            self._events[name] = EventTable(
                name, np.array([m.probability for m in per]), np.array([m.if_opened for m in per]),
                np.array([m.if_clicked for m in per]), [m.delay for m in per], base.anchor or "entry",
                dict(base.properties or {}),
            )
        return self._events[name]


def draw_delay(rng: np.random.Generator, delays: list[Delay], segment: np.ndarray) -> np.ndarray:
    """Seconds, one per row, each from its segment's distribution."""
    if len(delays) == 1:
        return _draw(rng, delays[0], len(segment)) * HOUR
    out = np.empty(len(segment))
    for i, d in enumerate(delays):
        mask = segment == i
        k = int(np.count_nonzero(mask))
        if k:
            out[mask] = _draw(rng, d, k)
    return out * HOUR


def _draw(rng: np.random.Generator, d: Delay, k: int) -> np.ndarray:
    if d.distribution == "fixed":
        return np.full(k, d.hours)
    if d.distribution == "uniform":
        hi = d.max_hours if d.max_hours is not None else d.min_hours + 2 * d.hours
        return rng.uniform(d.min_hours, max(hi, d.min_hours), k)
    out = d.min_hours + rng.exponential(d.hours, k) if d.hours > 0 else np.full(k, d.min_hours)
    return np.minimum(out, d.max_hours) if d.max_hours is not None else out

