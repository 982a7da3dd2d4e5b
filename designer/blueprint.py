"""The document model: a blueprint of workflows made of nodes and edges.

Plain pydantic v2 models, no Qt. Field order here is the key order in the
JSON file, so a diff of two versions stays readable. Node settings are kept as
the raw mapping from the file so a bad value can be loaded, shown and fixed
(the validator reports it as ``invalid-settings``); valid settings are stored
in their kind's canonical form, every field present, in declaration order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError, model_validator

from designer.i18n import N_, translate
from designer.nodes import CHANNELS, canonical_kind_id, get_kind
from designer.nodes.fields import Name, TimeOfDay, TimeZoneName, condition_field
from designer.simulation_model import SimulationModel

FORMAT = "journey-designer"
FORMAT_VERSION = 2  # bump with a migration in designer/fileformat.py

Id = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_\-]+$")]


def _channel(name: str) -> str:
    if name not in CHANNELS:
        raise ValueError(f"unknown channel {name!r} (one of: {', '.join(CHANNELS)})")
    return name


Channel = Annotated[str, AfterValidator(_channel)]


class Model(BaseModel):
    """File models refuse unknown keys, so a typo is reported, not dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


def _finite(v: float) -> float:
    if not math.isfinite(v):
        raise ValueError("must be a finite number")
    return v


Coordinate = Annotated[float, AfterValidator(_finite), Field(ge=-1e7, le=1e7)]


class Position(Model):
    x: Coordinate = 0.0
    y: Coordinate = 0.0


class Node(Model):
    id: Id
    kind: str = Field(min_length=1, max_length=64)
    title: str = Field("", max_length=120, description=N_("The user's name for this step; empty shows the kind's label"))
    position: Position = Field(default_factory=Position)
    settings: dict[str, Any] = Field(default_factory=dict)
    behaviour: dict[str, Any] | None = Field(
        None, description="Dry-run behaviour override at this step (see designer.runtime.dryrun.effects); "
        "kept as written, checked by the validator",
        exclude_if=lambda v: v is None,  # files without overrides stay as they were
    )

    @model_validator(mode="after")
    def _canonical(self) -> Node:
        # Old kind ids migrate to their replacement; valid settings are stored
        # complete and in field order. Invalid ones stay as written, for the validator.
        object.__setattr__(self, "kind", canonical_kind_id(self.kind))
        kind = get_kind(self.kind)
        if kind is not None:
            try:
                canonical = kind.parse(self.settings).model_dump(mode="json")
            except ValidationError:
                return self
            object.__setattr__(self, "settings", canonical)
        return self

    @property
    def display_title(self) -> str:
        if self.title:
            return self.title
        kind = get_kind(self.kind)
        return translate(kind.label) if kind else self.kind


class Edge(Model):
    source: Id
    source_port: str = Field(min_length=1, max_length=64)
    target: Id


class StickyNote(Model):
    id: Id
    text: str = Field("", max_length=5000)
    position: Position = Field(default_factory=Position)
    width: float = Field(200, ge=40, le=4000)
    height: float = Field(120, ge=30, le=4000)
    colour: str = Field("#fff4b8", pattern=r"^#[0-9a-fA-F]{6}$")


class Goal(Model):
    """The conversion that counts: an event, or a condition, within a window after entry."""

    event: Name | None = Field("purchased", description=N_("Conversion event"))
    condition: str = condition_field("", N_("Or: a condition on the contact (e.g. has_tag(\"customer\"))"))
    window_days: int = Field(30, ge=1, le=730, description=N_("Counts only within this many days of entry"))


class ExitCriteria(Model):
    """When a contact leaves the journey early, at any point: an event after entry, or a condition."""

    event: Name | None = Field("email_unsubscribed", description=N_("Leave when this event happens after entry"))
    condition: str = condition_field("", N_("Or: leave when a condition holds (e.g. has_tag(\"do_not_contact\"))"))


class ReEntry(Model):
    mode: Literal["once", "after", "always"] = Field("once", description=N_("Can a contact go through again?"))
    days: int = Field(30, ge=1, le=3650, description=N_("Days before re-entry (mode 'after')"))


class FrequencyCap(Model):
    max_messages: int = Field(3, ge=1, le=1000, description=N_("At most this many messages"))
    period_days: float = Field(7, gt=0, le=365, description=N_("Per this many days, across channels"))


class QuietHours(Model):
    start: TimeOfDay = Field("21:00", description=N_("No messages from"))
    end: TimeOfDay = Field("08:00", description=N_("Until"))
    use_contact_timezone: bool = Field(True, description=N_("In each contact's own time zone"))
    timezone: TimeZoneName = Field("UTC", description=N_("Otherwise (and for contacts without one) in this zone"))


class JourneySettings(Model):
    re_entry: ReEntry = Field(default_factory=ReEntry, title=N_("Re-entry"))
    frequency_cap: FrequencyCap | None = Field(default_factory=FrequencyCap)
    quiet_hours: QuietHours | None = Field(default_factory=QuietHours)
    channel_priority: list[Channel] = Field(
        default_factory=lambda: ["wechat", "push", "in_app", "email", "sms"],
        description=N_("Preferred channel first, where a contact is reachable on several"),
    )


class ExperimentPlan(Model):
    """What an experiment workflow tests, and the traffic it expects (see designer.planning)."""

    hypothesis: str = Field("", max_length=2000)
    metric: str = Field("conversion rate", max_length=120)
    baseline_rate: float = Field(0.10, gt=0, lt=1)
    minimum_detectable_effect: float = Field(0.02, gt=0, lt=1, description=N_("Absolute lift to detect"))
    alpha: float = Field(0.05, gt=0, lt=0.5)
    power: float = Field(0.8, gt=0.5, lt=1)
    weekly_entries: float | None = Field(
        None, gt=0, le=1e9, description=N_("Expected contacts reaching the experiment per week (a dry-run's figure wins)")
    )


class QueueEntry(Model):
    """The workflow's place in the build queue (ranking lives in designer.planning)."""

    category: Literal["new", "improve", "experiment"] = "new"
    status: Literal["idea", "planned", "building", "live", "retired"] = "idea"
    value_now: int = Field(3, ge=1, le=5)
    long_term_impact: int = Field(3, ge=1, le=5)
    effort: int = Field(3, ge=1, le=5)
    confidence: int = Field(3, ge=1, le=5)
    owner: str = Field("", max_length=120)
    target_date: date | None = None
    notes: str = Field("", max_length=5000)
    pinned_rank: int | None = Field(None, ge=1)
    experiment: ExperimentPlan | None = None


class Workflow(Model):
    id: Id
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    from_stage: str | None = None
    to_stage: str | None = None
    goal: Goal | None = Field(default_factory=Goal)
    exit_criteria: ExitCriteria | None = Field(None, description=N_("Contacts who meet these leave the journey early"))
    settings: JourneySettings = Field(default_factory=JourneySettings)
    queue: QueueEntry = Field(default_factory=QueueEntry, title=N_("Build queue"))
    simulation: SimulationModel | None = Field(
        None, title=N_("Behaviour model"), description=N_("Dry-run behaviour overrides for this journey")
    )
    nodes: list[Node] = Field(default_factory=list)
    edges: list[Edge] = Field(default_factory=list)
    notes: list[StickyNote] = Field(default_factory=list)

    def node_map(self) -> dict[str, Node]:
        return {n.id: n for n in self.nodes}

    def node(self, node_id: str) -> Node | None:
        return next((n for n in self.nodes if n.id == node_id), None)


class StageDef(Model):
    id: Id
    name: str = Field(min_length=1, max_length=60)


DEFAULT_STAGES = [
    ("stranger", N_("Stranger")),
    ("prospect", N_("Prospect")),
    ("customer", N_("Customer")),
    ("repeat_customer", N_("Repeat customer")),
    ("promoter", N_("Promoter")),
]


class Blueprint(Model):
    format: Literal["journey-designer"] = FORMAT
    version: int = Field(FORMAT_VERSION, description=N_("File format version"))
    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=10000)
    stages: list[StageDef] = Field(
        default_factory=lambda: [StageDef(id=i, name=translate(n)) for i, n in DEFAULT_STAGES], min_length=1
    )
    channels: list[Channel] = Field(default_factory=lambda: list(CHANNELS))
    variables: dict[str, str] = Field(
        default_factory=dict, description=N_("Named values for message placeholders, e.g. brand")
    )
    programme_cap: FrequencyCap | None = Field(
        None, description=N_("Frequency cap across every workflow of the blueprint")
    )
    simulation: SimulationModel | None = Field(
        None, title=N_("Behaviour model"), description=N_("Dry-run behaviour model (docs/dry-run.md)")
    )
    workflows: list[Workflow] = Field(default_factory=list)

    def workflow(self, workflow_id: str) -> Workflow | None:
        return next((w for w in self.workflows if w.id == workflow_id), None)

    def stage_ids(self) -> frozenset[str]:
        return frozenset(s.id for s in self.stages)


def next_id(existing: Iterable[str], prefix: str) -> str:
    """The smallest ``prefix<N>`` not taken: short, readable, stable ids."""
    pattern = re.compile(re.escape(prefix) + r"(\d+)$")
    taken = {int(m.group(1)) for e in existing if (m := pattern.match(e))}
    n = 1
    while n in taken:
        n += 1
    return f"{prefix}{n}"
