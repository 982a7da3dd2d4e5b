"""Branches: split contacts by a condition, an attribute's value, chance, or an experiment."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field

from designer.conditions import parse as parse_condition
from designer.i18n import N_, Message

from .base import CheckContext, Family, Finding, NodeKind, Port, Settings
from .behaviour import Batch, Step
from .fields import Name, PortId, condition_field
from .rules import condition_findings, unique_ids

if TYPE_CHECKING:
    import numpy as np


class _Item(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ConditionSettings(Settings):
    condition: str = condition_field("events(\"email_opened\", 7) > 0", N_("Contacts matching go to Yes"), required=True)


class ConditionKind(NodeKind):
    kind = "branch.condition"
    family = Family.BRANCH
    label = N_("If / else")
    description = N_("Send contacts one way if a condition holds, the other way if not.")
    icon = "condition"
    settings_model = ConditionSettings

    def summary_message(self, s: ConditionSettings) -> Message:
        return Message("summary.if", {"condition": s.condition})

    def ports(self, settings) -> list[Port]:
        return [Port("yes", Message.word(N_("Yes"))), Port("no", Message.word(N_("No")))]

    def check(self, s: ConditionSettings, context: CheckContext) -> list[Finding]:
        return condition_findings(s, "condition")

    def step(self, s: ConditionSettings, batch: Batch) -> Step:
        import numpy as np  # the runtime's; not loaded to open or check a file

        matched = parse_condition(s.condition).evaluate(batch.frame, batch.now)
        return Step(port=np.where(matched, "yes", "no").astype(object))


class Case(_Item):
    id: PortId
    label: str = Field(min_length=1, max_length=60)
    values: list[str] = Field(min_length=1, max_length=200, description=N_("Attribute values that go this way"))


class AttributeSplitSettings(Settings):
    attribute: Name = Field("city", description=N_("Attribute whose value decides the path"))
    cases: list[Case] = Field(
        default_factory=lambda: [
            Case(id="north", label="North", values=["Beijing", "Tianjin"]),
            Case(id="east", label="East", values=["Shanghai", "Hangzhou"]),
        ],
        min_length=1,
        max_length=50,
        description=N_("One path per case; contacts matching no case take 'Other'"),
    )


class AttributeSplitKind(NodeKind):
    kind = "branch.attribute"
    family = Family.BRANCH
    label = N_("Split by attribute")
    description = N_("Send contacts down one path per value of an attribute, with a path for all others.")
    icon = "multi_split"
    settings_model = AttributeSplitSettings

    def summary_message(self, s: AttributeSplitSettings) -> Message:
        return Message("summary.split-by", {"attribute": s.attribute, "count": len(s.cases)})

    def ports(self, settings: AttributeSplitSettings | None) -> list[Port]:
        cases = settings.cases if settings else []
        return [Port(c.id, c.label) for c in cases] + [Port("other", Message.word(N_("Other")))]

    def check(self, s: AttributeSplitSettings, context: CheckContext) -> list[Finding]:
        out = unique_ids(s.cases, "cases", "cases")
        if any(c.id == "other" for c in s.cases):
            out.append(Finding("invalid-settings", Message("finding.other-reserved"), "cases"))
        return out

    def step(self, s: AttributeSplitSettings, batch: Batch) -> Step:
        import numpy as np

        values = np.array([None if v is None else str(v) for v in batch.frame.value(s.attribute)], dtype=object)
        ports = np.full(len(batch), "other", dtype=object)
        for case in reversed(s.cases):  # earlier cases win where values overlap
            ports[np.isin(values, case.values)] = case.id
        return Step(port=ports)


class WeightedBranch(_Item):
    id: PortId
    label: str = Field(min_length=1, max_length=60)
    weight: int = Field(ge=0, le=100, description=N_("Share of contacts, in percent"))


def _weights_finding(items: list[WeightedBranch], what: str, field: str) -> list[Finding]:
    total = sum(b.weight for b in items)
    if total != 100:
        return [Finding("split-weights", Message(f"finding.weights-{what}", {"total": total}), field)]
    return []


def _draw(rng: np.random.Generator, items: list[WeightedBranch], n: int) -> np.ndarray:
    import numpy as np

    weights = np.array([b.weight for b in items], dtype=float)
    total = weights.sum()
    p = weights / total if total > 0 else np.full(len(items), 1 / len(items))
    ids = np.array([b.id for b in items], dtype=object)
    return ids[rng.choice(len(items), size=n, p=p)]


class RandomSplitSettings(Settings):
    branches: list[WeightedBranch] = Field(
        default_factory=lambda: [
            WeightedBranch(id="a", label="A", weight=50),
            WeightedBranch(id="b", label="B", weight=50),
        ],
        min_length=2,
        max_length=20,
        description=N_("Paths and their shares (add up to 100%)"),
    )


class RandomSplitKind(NodeKind):
    kind = "branch.random"
    family = Family.BRANCH
    label = N_("Random split")
    description = N_("Send contacts down weighted random paths (weights add up to 100%).")
    icon = "random_split"
    settings_model = RandomSplitSettings

    def summary_message(self, s: RandomSplitSettings) -> Message:
        return Message("summary.random", {"weights": " / ".join(f"{b.weight}%" for b in s.branches)})

    def ports(self, settings: RandomSplitSettings | None) -> list[Port]:
        return [Port(b.id, f"{b.label} ({b.weight}%)") for b in (settings.branches if settings else [])]

    def check(self, s: RandomSplitSettings, context: CheckContext) -> list[Finding]:
        return unique_ids(s.branches, "branches", "branches") + _weights_finding(s.branches, "branch", "branches")

    def step(self, s: RandomSplitSettings, batch: Batch) -> Step:
        return Step(port=_draw(batch.rng, s.branches, len(batch)))


class ExperimentSettings(Settings):
    name: str = Field("Subject line test", min_length=1, max_length=120, description=N_("Experiment name"))
    variants: list[WeightedBranch] = Field(
        default_factory=lambda: [
            WeightedBranch(id="control", label="Control", weight=50),
            WeightedBranch(id="variant_b", label="Variant B", weight=50),
        ],
        min_length=1,
        max_length=10,
        description=N_("Variants; weights share what the holdout leaves"),
    )
    holdout_percent: int = Field(10, ge=0, le=50, description=N_("Control group that receives nothing, in percent"))


class ExperimentKind(NodeKind):
    kind = "branch.experiment"
    family = Family.BRANCH
    label = N_("Experiment")
    description = N_("A/B test: split contacts into variants, with an optional holdout group.")
    icon = "experiment"
    settings_model = ExperimentSettings

    def summary_message(self, s: ExperimentSettings) -> Message:
        if s.holdout_percent:
            return Message("summary.experiment-holdout",
                           {"name": s.name, "count": len(s.variants), "holdout": s.holdout_percent})
        return Message("summary.experiment", {"name": s.name, "count": len(s.variants)})

    def ports(self, settings: ExperimentSettings | None) -> list[Port]:
        if settings is None:
            return []
        ports = [Port(v.id, f"{v.label} ({v.weight}%)") for v in settings.variants]
        if settings.holdout_percent:
            ports.append(Port("holdout", Message("port.holdout", {"percent": settings.holdout_percent})))
        return ports

    def check(self, s: ExperimentSettings, context: CheckContext) -> list[Finding]:
        out = unique_ids(s.variants, "variants", "variants") + _weights_finding(s.variants, "variant", "variants")
        if any(v.id == "holdout" for v in s.variants):
            out.append(Finding("invalid-settings", Message("finding.holdout-reserved"), "variants"))
        return out

    def compared_groups(self, s: ExperimentSettings) -> list[float] | None:
        """Variants share what the holdout leaves, by weight; a single variant
        is compared against the holdout (journey vs. nothing)."""
        total = sum(v.weight for v in s.variants)
        if total <= 0:
            return None
        holdout = s.holdout_percent / 100
        shares = [(1 - holdout) * v.weight / total for v in s.variants]
        if len(shares) == 1 and holdout > 0:
            shares.append(holdout)
        return shares

    def step(self, s: ExperimentSettings, batch: Batch) -> Step:
        n = len(batch)
        ports = _draw(batch.rng, s.variants, n)
        if s.holdout_percent:
            ports[batch.rng.random(n) < s.holdout_percent / 100] = "holdout"
        return Step(port=ports)
