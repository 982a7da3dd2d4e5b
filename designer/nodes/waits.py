"""Waits: hold contacts for a time, until a moment, or until an event (with a timeout)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import Field

from designer.i18n import N_, Message
from designer.timewindows import next_allowed, zone

from .base import CheckContext, Family, Finding, NodeKind, Port, Settings
from .behaviour import Batch, Step, Wait
from .fields import UNIT_SECONDS, Name, TimeOfDay, Unit, Weekday, condition_field, duration, weekday_list
from .rules import condition_findings


class DelaySettings(Settings):
    amount: float = Field(2, gt=0, le=3650, description=N_("How long"), json_schema_extra={"unit_field": "unit"})
    unit: Unit = Field("days", description=N_("Unit of the amount"))


class DelayKind(NodeKind):
    kind = "wait.delay"
    family = Family.WAIT
    label = N_("Wait")
    description = N_("Hold contacts for a fixed time.")
    icon = "delay"
    settings_model = DelaySettings

    def summary_message(self, s: DelaySettings) -> Message:
        return Message("summary.wait", {"duration": duration(s.amount, s.unit)})

    def min_duration(self, s: DelaySettings, port: str) -> float:
        return s.amount * UNIT_SECONDS[s.unit]

    def step(self, s: DelaySettings, batch: Batch) -> Step:
        return Step(wait=Wait(until=batch.now + self.min_duration(s, "next"), timer_port="next"))


class UntilSettings(Settings):
    mode: Literal["date", "weekday", "time_window"] = Field(
        "time_window", description=N_("Until a date, a weekday, or a time-of-day window")
    )
    date: datetime | None = Field(
        None, description=N_("Date and time (date mode; without a zone: UTC)"), json_schema_extra={"when": {"mode": ["date"]}}
    )
    weekdays: list[Weekday] = Field(
        default_factory=lambda: ["tue"], description=N_("Days (weekday mode)"), json_schema_extra={"when": {"mode": ["weekday"]}}
    )
    start: TimeOfDay = Field(
        "09:00", description=N_("Window opens (contact's local time)"), json_schema_extra={"when": {"mode": ["weekday", "time_window"]}}
    )
    end: TimeOfDay = Field(
        "17:00", description=N_("Window closes (contact's local time)"), json_schema_extra={"when": {"mode": ["weekday", "time_window"]}}
    )


class UntilKind(NodeKind):
    kind = "wait.until"
    family = Family.WAIT
    label = N_("Wait until")
    description = N_("Hold contacts until a date, a weekday, or a time-of-day window in their own time zone.")
    icon = "until"
    settings_model = UntilSettings

    def summary_message(self, s: UntilSettings) -> Message:
        if s.mode == "date":
            return Message("summary.until-date", {"at": f"{s.date:%Y-%m-%d %H:%M}"}) if s.date else Message(
                "summary.until-unset")
        if s.mode == "weekday":
            return Message("summary.until-days", {"days": weekday_list(s.weekdays), "start": s.start, "end": s.end})
        return Message("summary.until-window", {"start": s.start, "end": s.end})

    def check(self, s: UntilSettings, context: CheckContext) -> list[Finding]:
        if s.mode == "date" and s.date is None:
            return [Finding("invalid-settings", Message("finding.until-needs-date"), "date")]
        if s.mode == "weekday" and not s.weekdays:
            return [Finding("invalid-settings", Message("finding.until-needs-day"), "weekdays")]
        return []

    def step(self, s: UntilSettings, batch: Batch) -> Step:
        import numpy as np  # the runtime's; not loaded to open or check a file

        if s.mode == "date":
            target = s.date if s.date is None or s.date.tzinfo else s.date.replace(tzinfo=UTC)
            until = np.maximum(batch.now, target.timestamp()) if target else batch.now
            return Step(wait=Wait(until=until if isinstance(until, np.ndarray) else float(until), timer_port="next"))
        days = s.weekdays if s.mode == "weekday" else None
        # Work once per distinct time zone (and moment, when rows have their own), not once per contact.
        zones = batch.frame.value("timezone") if len(batch) else np.empty(0, dtype=object)
        moments = np.broadcast_to(np.asarray(batch.now, dtype=float), (len(batch),))
        until = np.empty(len(batch), dtype=float)
        for t in np.unique(moments).tolist():
            at_t = moments == t
            now = datetime.fromtimestamp(t, UTC)
            for name in set(zones[at_t].tolist()):
                until[at_t & (zones == name)] = next_allowed(now, zone(name), s.start, s.end, days).timestamp()
        return Step(wait=Wait(until=until, timer_port="next"))


class EventWaitSettings(Settings):
    event: Name = Field("purchased", description=N_("Event to wait for"))
    filter: str = condition_field("", N_("Only when this holds (e.g. props.amount > 100)"))
    timeout_amount: float | None = Field(
        3, gt=0, le=3650, description=N_("Give up after"), json_schema_extra={"unit_field": "timeout_unit"}
    )
    timeout_unit: Unit = Field("days", description=N_("Unit of the timeout"))


class EventWaitKind(NodeKind):
    kind = "wait.event"
    family = Family.WAIT
    label = N_("Wait for event")
    description = N_("Hold contacts until an event happens, or a timeout passes.")
    icon = "wait_event"
    settings_model = EventWaitSettings

    def summary_message(self, s: EventWaitSettings) -> Message:
        if s.timeout_amount is None:
            return Message("summary.wait-event-forever", {"event": s.event})
        return Message("summary.wait-event", {"event": s.event, "duration": duration(s.timeout_amount, s.timeout_unit)})

    def ports(self, settings) -> list[Port]:
        return [Port("happened", Message.word(N_("Happened"))), Port("timed_out", Message.word(N_("Timed out")))]

    def check(self, s: EventWaitSettings, context: CheckContext) -> list[Finding]:
        out = condition_findings(s, "filter")
        if s.timeout_amount is None:
            out.append(
                Finding(
                    "wait-no-timeout",
                    Message("finding.wait-forever", {"event": s.event}),
                    "timeout_amount",
                )
            )
        return out

    def _timeout(self, s: EventWaitSettings) -> float:
        return (s.timeout_amount or 0) * UNIT_SECONDS[s.timeout_unit]

    def min_duration(self, s: EventWaitSettings, port: str) -> float:
        return self._timeout(s) if port == "timed_out" else 0.0

    def step(self, s: EventWaitSettings, batch: Batch) -> Step:
        until = batch.now + self._timeout(s) if s.timeout_amount else float("inf")
        return Step(
            wait=Wait(until=until, timer_port="timed_out", event=s.event, event_filter=s.filter, event_port="happened")
        )
