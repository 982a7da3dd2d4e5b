"""Data updates: tags, score and attributes changed as contacts pass."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from designer.i18n import N_, Message

from .base import CheckContext, Family, Finding, NodeKind, Settings
from .behaviour import Batch, Step, Update
from .fields import Name, Tag, template_field
from .rules import template_findings


class TagSettings(Settings):
    action: Literal["add", "remove"] = Field("add", description=N_("Add or remove the tag"))
    tag: Tag = Field("engaged", description=N_("Tag name"))


class ScoreSettings(Settings):
    delta: int = Field(10, ge=-1000, le=1000, description=N_("Points added (negative to subtract)"))


class AttributeSettings(Settings):
    attribute: Name = Field("segment", description=N_("Attribute to set"))
    value: str = template_field("nurtured", N_("New value; placeholders allowed"), max_length=1000)


class TagKind(NodeKind):
    kind = "data.tag"
    family = Family.DATA
    label = N_("Tag")
    description = N_("Add or remove a tag on the contact.")
    icon = "tag"
    settings_model = TagSettings

    def summary_message(self, s: TagSettings) -> Message:
        return Message("summary.tag-add" if s.action == "add" else "summary.tag-remove", {"tag": s.tag})

    def step(self, s: TagSettings, batch: Batch) -> Step:
        tags = (s.tag,)
        update = Update(add_tags=tags) if s.action == "add" else Update(remove_tags=tags)
        return Step(effect=update, port="next")


class ScoreKind(NodeKind):
    kind = "data.score"
    family = Family.DATA
    label = N_("Change score")
    description = N_("Add points to (or take them from) the contact's score.")
    icon = "score"
    settings_model = ScoreSettings

    def summary_message(self, s: ScoreSettings) -> Message:
        return Message("summary.score", {"delta": f"{s.delta:+d}"})

    def step(self, s: ScoreSettings, batch: Batch) -> Step:
        return Step(effect=Update(score_delta=s.delta), port="next")


class AttributeKind(NodeKind):
    kind = "data.attribute"
    family = Family.DATA
    label = N_("Set attribute")
    description = N_("Set an attribute on the contact.")
    icon = "attribute"
    settings_model = AttributeSettings

    def summary_message(self, s: AttributeSettings) -> Message:
        return Message("summary.set-attribute", {"attribute": s.attribute, "value": s.value})

    def check(self, s: AttributeSettings, context: CheckContext) -> list[Finding]:
        return template_findings(s, "value")

    def step(self, s: AttributeSettings, batch: Batch) -> Step:
        return Step(effect=Update(set_attributes={s.attribute: s.value}), port="next")
