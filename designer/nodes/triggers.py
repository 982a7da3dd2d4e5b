"""Triggers: the entry points that enrol contacts in a journey.

A trigger has no input. Its ``entry`` says how contacts get in; the runtime
honours the workflow's re-entry rule when it enrols them.
"""

from __future__ import annotations

import calendar
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from pydantic import Field

from designer.i18n import N_, Message

from .base import CheckContext, Family, Finding, NodeKind, Settings
from .behaviour import (
    Batch,
    EntryRule,
    InSegment,
    ManualList,
    OnDateAttribute,
    OnEvent,
    OnSchedule,
    Step,
)
from .fields import WEEKDAYS, Name, TimeOfDay, TimeZoneName, Weekday, condition_field, weekday_list
from .rules import condition_findings


class TriggerKind(NodeKind):
    """Common ground of triggers: no input, one output, contacts pass straight on."""

    family = Family.TRIGGER
    has_input = False
    is_trigger = True

    def entry(self, settings: Settings) -> EntryRule:
        raise NotImplementedError

    def step(self, settings: Settings, batch: Batch) -> Step:
        return Step(port="next")


class EventSettings(Settings):
    event: Name = Field("signed_up", description=N_("Event that enrols the contact"))
    filter: str = condition_field("", N_("Only when this holds (e.g. props.amount > 100)"))


class EventTrigger(TriggerKind):
    kind = "trigger.event"
    label = N_("Event occurred")
    description = N_("Enrol a contact when an event happens (sign-up, purchase, check-in ...).")
    icon = "event"
    settings_model = EventSettings

    def summary_message(self, s: EventSettings) -> Message:
        if s.filter:
            return Message("summary.when-event-where", {"event": s.event, "filter": s.filter})
        return Message("summary.when-event", {"event": s.event})

    def check(self, s: EventSettings, context: CheckContext) -> list[Finding]:
        return condition_findings(s, "filter")

    def entry(self, s: EventSettings) -> EntryRule:
        return OnEvent(s.event, s.filter)


class SegmentSettings(Settings):
    condition: str = condition_field("score >= 50", N_("Contacts enter when they start matching"), required=True)


class SegmentTrigger(TriggerKind):
    kind = "trigger.segment"
    label = N_("Entered segment")
    description = N_("Enrol contacts when they come to match a condition on attributes, tags or score.")
    icon = "segment"
    settings_model = SegmentSettings

    def summary_message(self, s: SegmentSettings) -> Message:
        return Message("summary.segment", {"condition": s.condition})

    def check(self, s: SegmentSettings, context: CheckContext) -> list[Finding]:
        return condition_findings(s, "condition")

    def entry(self, s: SegmentSettings) -> EntryRule:
        return InSegment(s.condition)


ScheduleMode = Literal["once", "daily", "weekly", "monthly", "date_attribute"]


class ScheduleSettings(Settings):
    mode: ScheduleMode = Field("weekly", description=N_("One-off, recurring, or relative to a date attribute"))
    at: datetime | None = Field(
        None, description=N_("When (one-off); without a zone it is read in 'timezone'"), json_schema_extra={"when": {"mode": ["once"]}}
    )
    time: TimeOfDay = Field(
        "09:00", description=N_("Time of day (recurring and date attribute)"), json_schema_extra={"when": {"mode": ["daily", "weekly", "monthly", "date_attribute"]}}
    )
    weekdays: list[Weekday] = Field(
        default_factory=lambda: ["mon"], description=N_("Days (weekly)"), json_schema_extra={"when": {"mode": ["weekly"]}}
    )
    day_of_month: int = Field(
        1, ge=1, le=31, description=N_("Day (monthly; past a short month's end, its last day)"), json_schema_extra={"when": {"mode": ["monthly"]}}
    )
    attribute: Name = Field("birthday", description=N_("Date attribute (date attribute mode)"), json_schema_extra={"when": {"mode": ["date_attribute"]}})
    offset_days: int = Field(
        0, ge=-365, le=365, description=N_("Days before (-) or after (+) the date"), json_schema_extra={"when": {"mode": ["date_attribute"]}}
    )
    yearly: bool = Field(
        True, description=N_("Every year on the date (birthdays, anniversaries)"), json_schema_extra={"when": {"mode": ["date_attribute"]}}
    )
    timezone: TimeZoneName = Field("UTC", description=N_("Time zone of the schedule"))
    audience: str = condition_field("", N_("Only contacts matching this (empty: everyone)"))


class ScheduleTrigger(TriggerKind):
    kind = "trigger.schedule"
    label = N_("Date or schedule")
    description = N_("Enrol contacts at a date, on a recurring schedule, or around a date attribute such as a birthday.")
    icon = "schedule"
    settings_model = ScheduleSettings

    def summary_message(self, s: ScheduleSettings) -> Message:
        if s.mode == "once":
            return Message("summary.once-at", {"at": f"{s.at:%Y-%m-%d %H:%M}"}) if s.at else Message("summary.once-unset")
        if s.mode == "daily":
            return Message("summary.daily", {"time": s.time})
        if s.mode == "weekly":
            if not s.weekdays:
                return Message("summary.weekly-no-day", {"time": s.time})
            return Message("summary.weekly", {"days": weekday_list(s.weekdays), "time": s.time})
        if s.mode == "monthly":
            return Message("summary.monthly", {"day": s.day_of_month, "time": s.time})
        yearly = "-yearly" if s.yearly else ""
        if s.offset_days == 0:
            return Message("summary.on-date" + yearly, {"attribute": s.attribute})
        side = "before" if s.offset_days < 0 else "after"
        return Message(f"summary.days-{side}{yearly}", {"count": abs(s.offset_days), "attribute": s.attribute})

    def check(self, s: ScheduleSettings, context: CheckContext) -> list[Finding]:
        out = condition_findings(s, "audience")
        if s.mode == "once" and s.at is None:
            out.append(Finding("invalid-settings", Message("finding.once-needs-date"), "at"))
        if s.mode == "weekly" and not s.weekdays:
            out.append(Finding("invalid-settings", Message("finding.weekly-needs-day"), "weekdays"))
        return out

    def entry(self, s: ScheduleSettings) -> EntryRule:
        if s.mode == "date_attribute":
            return OnDateAttribute(s.attribute, s.offset_days, s.yearly, s.time)
        return OnSchedule(s.audience)

    def next_occurrence(self, s: ScheduleSettings, after: datetime) -> datetime | None:
        """The first firing strictly after ``after`` (an aware datetime), or None."""
        zone = ZoneInfo(s.timezone)
        local = after.astimezone(zone)
        if s.mode == "once":
            if s.at is None:
                return None
            at = s.at if s.at.tzinfo else s.at.replace(tzinfo=zone)
            return at if at > after else None
        if s.mode == "date_attribute":
            return None  # per contact: see OnDateAttribute
        hour, minute = map(int, s.time.split(":"))
        day = local.date()
        for _ in range(400):  # covers every weekly/monthly pattern within a year
            candidate = datetime(day.year, day.month, day.day, hour, minute, tzinfo=zone)
            if candidate > after and self._fires_on(s, candidate):
                return candidate
            day += timedelta(days=1)
        return None

    @staticmethod
    def _fires_on(s: ScheduleSettings, when: datetime) -> bool:
        if s.mode == "daily":
            return True
        if s.mode == "weekly":
            return WEEKDAYS[when.weekday()] in s.weekdays
        last = calendar.monthrange(when.year, when.month)[1]
        return when.day == min(s.day_of_month, last)


class ManualSettings(Settings):
    list_name: str = Field("launch list", min_length=1, max_length=120, description=N_("List the contacts are added to"))


class ManualTrigger(TriggerKind):
    kind = "trigger.manual"
    label = N_("Manual / list")
    description = N_("Enrol contacts by hand or from an uploaded list.")
    icon = "list"
    settings_model = ManualSettings

    def summary_message(self, s: ManualSettings) -> Message:
        return Message("summary.list", {"list": s.list_name})

    def entry(self, s: ManualSettings) -> EntryRule:
        return ManualList(s.list_name)
