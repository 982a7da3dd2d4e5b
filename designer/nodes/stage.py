"""Stage: marks that the contact enters a lifecycle stage."""

from __future__ import annotations

from pydantic import Field

from designer.i18n import N_, Message

from .base import CheckContext, Family, Finding, NodeKind, Settings
from .behaviour import Batch, SetStage, Step


class StageSettings(Settings):
    stage: str = Field(
        "prospect",
        min_length=1,
        max_length=64,
        description=N_("Lifecycle stage the contact enters here"),
        json_schema_extra={"editor": "stage"},
    )


class StageKind(NodeKind):
    kind = "stage"
    family = Family.STAGE
    label = N_("Stage")
    description = N_("The contact enters a lifecycle stage (prospect, customer ...).")
    icon = "stage"
    settings_model = StageSettings

    def summary_message(self, s: StageSettings) -> Message:
        return Message("summary.stage", {"stage": s.stage})

    def check(self, s: StageSettings, context: CheckContext) -> list[Finding]:
        if context.stages and s.stage not in context.stages:
            known = ", ".join(sorted(context.stages))
            return [Finding("invalid-settings", Message("finding.not-a-stage", {"stage": s.stage, "known": known}), "stage")]
        return []

    def step(self, s: StageSettings, batch: Batch) -> Step:
        return Step(effect=SetStage(s.stage), port="next")
