"""Setting field types shared by node kinds, with hints for the inspector.

``json_schema_extra={"editor": ...}`` tells the inspector which editor to build
(condition with syntax feedback, message template with placeholder hints, time
of day, ...); limits live in the types so every layer enforces the same ones.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from typing import Annotated, Literal

from pydantic import AfterValidator, Field

from designer.i18n import N_, Message

Unit = Literal["minutes", "hours", "days", "weeks"]
UNIT_SECONDS: dict[str, int] = {"minutes": 60, "hours": 3600, "days": 86400, "weeks": 604800}

Weekday = Literal["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")

# Names: letters (any script, so Chinese event names work), digits, _ . -
NAME_PATTERN = r"^[^\W\d][\w.\-]*$"
Name = Annotated[str, Field(min_length=1, max_length=64, pattern=NAME_PATTERN)]
Tag = Annotated[str, Field(min_length=1, max_length=64)]
PortId = Annotated[str, Field(min_length=1, max_length=32, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]
TimeOfDay = Annotated[
    str,
    Field(pattern=r"^([01]\d|2[0-3]):[0-5]\d$", json_schema_extra={"editor": "time"}),
]


def condition_field(default: str, description: str = "", required: bool = False):
    return Field(
        default,
        min_length=1 if required else 0,
        max_length=4000,
        description=description,
        json_schema_extra={"editor": "condition"},
    )


def template_field(default: str, description: str = "", multiline: bool = False, max_length: int = 20000):
    return Field(
        default,
        max_length=max_length,
        description=description,
        json_schema_extra={"editor": "template_multiline" if multiline else "template"},
    )


@lru_cache(maxsize=1)
def known_time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_zone(name: str) -> str:
    if name not in known_time_zones():
        raise ValueError(f"unknown time zone {name!r} (use an IANA name such as 'Asia/Shanghai')")
    return name


TimeZoneName = Annotated[str, AfterValidator(_check_zone), Field(json_schema_extra={"editor": "timezone"})]


def duration(amount: float, unit: str) -> Message:
    """'3 days', '1 hour', '1.5 weeks' (in the reader's language)."""
    shown = int(amount) if float(amount).is_integer() else amount
    return Message(f"duration.{unit}", {"count": shown})


def duration_text(amount: float, unit: str) -> str:
    return str(duration(amount, unit))


WEEKDAY_WORDS = {"mon": N_("Mon"), "tue": N_("Tue"), "wed": N_("Wed"), "thu": N_("Thu"), "fri": N_("Fri"),
                 "sat": N_("Sat"), "sun": N_("Sun")}


def weekday_list(days: list[str]) -> Message:
    """'Mon/Wed' (in the reader's language)."""
    return Message("join", {"items": [Message.word(WEEKDAY_WORDS.get(d, d)) for d in days], "sep": "/"})


def humanise(name: str) -> str:
    """'timeout_seconds' -> 'Timeout seconds'; 'POST' stays 'POST'."""
    if name.isupper():
        return name
    text = name.replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def field_words(name: str, description: str = "", title: str = "") -> tuple[str, str]:
    """(label, caption) of a setting, as the inspector shows it: a title, or a short
    description ('Subject line'), is the label; a longer description is help text."""
    if title:
        return title, description
    if description and len(description.split()) <= 3 and "(" not in description and not description.endswith("."):
        return description, ""
    return humanise(name), description
