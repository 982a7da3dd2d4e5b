"""Goal and Exit: where a contact's journey ends, converted or not."""

from __future__ import annotations

from pydantic import Field

from designer.i18n import N_, Message

from .base import Family, NodeKind, Port, Settings
from .behaviour import Batch, Finish, Step


class GoalSettings(Settings):
    label: str = Field("Converted", min_length=1, max_length=120, description=N_("What reaching this goal means"))


class ExitSettings(Settings):
    reason: str = Field("Journey complete", min_length=1, max_length=120, description=N_("Why contacts leave here"))


class GoalKind(NodeKind):
    kind = "goal"
    family = Family.END
    label = N_("Goal")
    description = N_("The contact reached the goal: counted as converted, and leaves.")
    icon = "goal"
    settings_model = GoalSettings
    is_goal = True

    def summary_message(self, s: GoalSettings) -> Message:
        return Message("summary.goal", {"label": s.label})

    def ports(self, settings) -> list[Port]:
        return []

    def step(self, s: GoalSettings, batch: Batch) -> Step:
        return Step(finish=Finish(converted=True, reason=s.label))


class ExitKind(NodeKind):
    kind = "exit"
    family = Family.END
    label = N_("Exit")
    description = N_("The contact leaves the journey without converting.")
    icon = "exit"
    settings_model = ExitSettings

    def summary_message(self, s: ExitSettings) -> Message:
        return Message("summary.exit", {"reason": s.reason})

    def ports(self, settings) -> list[Port]:
        return []

    def step(self, s: ExitSettings, batch: Batch) -> Step:
        return Step(finish=Finish(converted=False, reason=s.reason))
