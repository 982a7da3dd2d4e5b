"""Stage: marks that the contact enters a lifecycle stage."""

from __future__ import annotations

from pydantic import Field

from .base import CheckContext, Family, Finding, NodeKind, Settings
from .behaviour import Batch, SetStage, Step


class StageSettings(Settings):
    stage: str = Field(
        "prospect",
        min_length=1,
        max_length=64,
        description="Lifecycle stage the contact enters here",
        json_schema_extra={"editor": "stage"},
    )


class StageKind(NodeKind):
    kind = "stage"
    family = Family.STAGE
    label = "Stage"
    description = "The contact enters a lifecycle stage (prospect, customer ...)."
    icon = "stage"
    settings_model = StageSettings

    def summary(self, s: StageSettings) -> str:
        return f"Enters stage: {s.stage}"

    def check(self, s: StageSettings, context: CheckContext) -> list[Finding]:
        if context.stages and s.stage not in context.stages:
            known = ", ".join(sorted(context.stages))
            return [Finding("invalid-settings", f"'{s.stage}' is not a stage of this blueprint ({known})", "stage")]
        return []

    def step(self, s: StageSettings, batch: Batch) -> Step:
        return Step(effect=SetStage(s.stage), port="next")
