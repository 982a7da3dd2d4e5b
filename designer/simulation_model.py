"""The dry-run behaviour model: how simulated contacts respond, stored in the blueprint.

It is part of the design (a consultant tunes it with the client), so it lives
in the file beside the workflows: on the blueprint, and optionally on a
workflow to override the blueprint's values for that journey. Every field has
a default, so files without it stay valid and a model may name only what it
changes. The defaults are documented in docs/dry-run.md; keep the two in step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from designer.conditions import check as check_condition
from designer.i18n import N_
from designer.nodes import CHANNELS
from designer.nodes.fields import Name

Rate = Annotated[float, Field(ge=0, le=1)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


def _known_channels(value: dict) -> dict:
    unknown = [c for c in value if c not in CHANNELS]
    if unknown:
        raise ValueError(f"unknown channel {unknown[0]!r} (one of: {', '.join(CHANNELS)})")
    return value


def _condition(text: str) -> str:
    if (err := check_condition(text)) is not None:
        raise ValueError(f"the condition has an error: {err}")
    return text


class Delay(_Model):
    """A delay distribution, in hours: ``fixed`` (always ``hours``), ``uniform``
    (between ``min_hours`` and ``max_hours``) or ``exponential`` (``min_hours``
    plus an exponential of mean ``hours``; capped at ``max_hours`` if set)."""

    distribution: Literal["fixed", "uniform", "exponential"] = "exponential"
    hours: float = Field(24, ge=0, le=24 * 3650, description=N_("The delay (fixed) or its mean (exponential)"))
    min_hours: float = Field(0, ge=0, le=24 * 3650)
    max_hours: float | None = Field(None, ge=0, le=24 * 3650, description=N_("Upper bound (required for uniform)"))


class ChannelRates(_Model):
    """Response rates for one channel; None keeps the value from the level above
    (workflow -> blueprint -> built-in default)."""

    delivery_rate: Rate | None = Field(None, description=N_("Share of sent messages delivered"))
    open_rate: Rate | None = Field(None, description=N_("Share of delivered messages opened"))
    click_rate: Rate | None = Field(None, description=N_("Share of opened messages clicked (click-to-open)"))
    unsubscribe_rate: Rate | None = Field(None, description=N_("Share of delivered messages that unsubscribe the contact"))
    open_delay: Delay | None = Field(None, description=N_("From delivery to open"))
    click_delay: Delay | None = Field(None, description=N_("From open to click"))


class WhenRule(_Model):
    """Behaviour that depends on what happened before: when ``condition`` holds for a contact
    (checked when the event is due), the event has this probability, and optionally happens
    ``delay`` later (e.g. ``checked_in`` only ``if events("show_registered") > 0``)."""

    condition: Annotated[str, AfterValidator(_condition)] = Field(min_length=1, max_length=4000)
    probability: Rate = Field(description="Chance of the event for contacts meeting the condition")
    delay: Delay | None = Field(None, description="Extra delay for contacts meeting the condition")


class EventModel(_Model):
    """How likely an event (purchase, registration, check-in ...) is, and when."""

    probability: Rate | None = Field(None, description=N_("Chance the event happens (once per contact)"))
    delay: Delay | None = Field(None, description=N_("When, after the anchor"))
    anchor: Literal["entry", "start"] | None = Field(
        None, description=N_("Delay counted from the contact's first entry into a journey, or from the start")
    )
    if_opened: float | None = Field(None, ge=0, le=100, description=N_("Probability multiplier for contacts who opened"))
    if_clicked: float | None = Field(None, ge=0, le=100, description=N_("Multiplier for contacts who clicked"))
    properties: dict[str, str | int | float | bool] | None = Field(
        None, description=N_("Properties the simulated event carries (for filters such as props.amount > 100)")
    )
    when: list[WhenRule] | None = Field(
        None, max_length=20, description="Conditional behaviour: the first rule whose condition holds sets the probability"
    )


class SegmentOverride(_Model):
    """Different rates for contacts matching a condition (first matching segment wins)."""

    name: str = Field(min_length=1, max_length=120)
    condition: Annotated[str, AfterValidator(_condition)] = Field(min_length=1, max_length=4000)
    channels: Annotated[dict[str, ChannelRates], AfterValidator(_known_channels)] = Field(default_factory=dict)
    events: dict[Name, EventModel] = Field(default_factory=dict)


class SimulationModel(_Model):
    """The behaviour model of a dry-run; see docs/dry-run.md for the defaults."""

    # Run settings: read from the blueprint's model only (a workflow's are ignored).
    start: datetime | None = Field(None, description=N_("Simulated start (default 2025-03-03 09:00 UTC)"))
    days: int | None = Field(None, ge=1, le=730, description=N_("Simulated period in days (default 30)"))
    arrival_days: float | None = Field(
        None, ge=0, le=730, description=N_("Trigger events not modelled below arrive spread over this many days (default 7)")
    )
    channels: Annotated[dict[str, ChannelRates], AfterValidator(_known_channels)] = Field(default_factory=dict)
    events: dict[Name, EventModel] = Field(default_factory=dict)
    segments: list[SegmentOverride] = Field(default_factory=list, max_length=50)


# --- built-in defaults (documented in docs/dry-run.md) ---------------------

_FAST = Delay(distribution="exponential", hours=4)
_INSTANT = Delay(distribution="exponential", hours=0.25)


def _rates(delivery: float, open_: float, click: float, unsub: float, open_delay: Delay = _FAST) -> ChannelRates:
    return ChannelRates(
        delivery_rate=delivery, open_rate=open_, click_rate=click, unsubscribe_rate=unsub,
        open_delay=open_delay, click_delay=_INSTANT,
    )


CHANNEL_DEFAULTS: dict[str, ChannelRates] = {
    "email": _rates(0.98, 0.25, 0.12, 0.003),
    "sms": _rates(0.97, 0.90, 0.08, 0.005, Delay(distribution="exponential", hours=0.5)),
    "push": _rates(0.85, 0.08, 0.30, 0.002, Delay(distribution="exponential", hours=1)),
    "in_app": _rates(0.60, 0.70, 0.15, 0.0, Delay(distribution="exponential", hours=12)),
    "wechat": _rates(0.95, 0.35, 0.15, 0.004, Delay(distribution="exponential", hours=2)),
    "webhook": _rates(0.99, 0.0, 0.0, 0.0),
    "sales_task": _rates(1.0, 0.0, 0.0, 0.0),
}

EVENT_DEFAULT = EventModel(
    probability=0.10, delay=Delay(distribution="exponential", hours=72), anchor="entry",
    if_opened=1.5, if_clicked=2.5, properties={},
)


def trigger_event_default(arrival_days: float) -> EventModel:
    """Events that enrol contacts: everyone, spread evenly over the arrival period."""
    hours = arrival_days * 24
    return EventModel(
        probability=1.0, delay=Delay(distribution="uniform", min_hours=0, max_hours=hours, hours=hours / 2),
        anchor="start", if_opened=1.0, if_clicked=1.0, properties={},
    )
