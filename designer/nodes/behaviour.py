"""The vocabulary node kinds use to say what contacts do, over a batch at a time.

Each kind's :meth:`~designer.nodes.base.NodeKind.step` receives a :class:`Batch`
(every contact that arrived at one node at one moment: the due enrolments the
durable engine claimed, or every simulated contact there in one tick) and
returns a :class:`Step`. The runtime and the dry-run differ only in the clock,
the store and delivery; both apply Steps the same way, so they take the same
paths. Per-row choices are numpy arrays so 100,000 contacts cost array work,
not a Python loop per contact.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Union

if TYPE_CHECKING:
    import numpy as np

    from designer.conditions import ContactFrame


@dataclass
class Batch:
    """Contacts at one node, at one moment or each at its own (``now`` per row)."""

    frame: ContactFrame  # one row per contact: fields, attributes, tags, events
    now: float | np.ndarray  # epoch seconds (simulated or wall clock): one for all, or one per row
    rng: np.random.Generator  # the run's seeded generator: splits are reproducible

    def __len__(self) -> int:
        return len(self.frame)


# --- effects: what happens to every contact of the batch -------------------


@dataclass(frozen=True)
class SetStage:
    stage: str


@dataclass(frozen=True)
class Send:
    """Ask the runtime to deliver a message; it renders ``content`` per contact,
    applies consent, frequency cap and quiet hours, and records the outcome."""

    channel: str
    content: Mapping[str, object]  # template texts and options, by field name
    is_message: bool  # counts toward frequency caps


@dataclass(frozen=True)
class Update:
    add_tags: tuple[str, ...] = ()
    remove_tags: tuple[str, ...] = ()
    score_delta: int = 0
    set_attributes: Mapping[str, str] = field(default_factory=dict)  # name -> template


Effect = Union[SetStage, Send, Update]


@dataclass(frozen=True)
class Wait:
    """Hold the contacts until ``until`` (leave by ``timer_port``), or until
    ``event`` happens first (leave by ``event_port``)."""

    until: float | np.ndarray  # absolute epoch seconds, for all rows or per row
    timer_port: str
    event: str | None = None
    event_filter: str = ""  # condition over the event's properties
    event_port: str | None = None


@dataclass(frozen=True)
class Finish:
    converted: bool
    reason: str


@dataclass
class Step:
    """The outcome for a batch: an optional effect, then exactly one of
    leave now by ``port``, ``wait``, or ``finish``."""

    effect: Effect | None = None
    port: str | np.ndarray | None = None  # one port for all rows, or one per row
    wait: Wait | None = None
    finish: Finish | None = None

    def ports_for(self, n: int) -> np.ndarray:
        """The leaving port per row (object array)."""
        import numpy as np  # the runtime's; not loaded to open or check a file

        if isinstance(self.port, np.ndarray):
            return self.port
        return np.full(n, self.port, dtype=object)


# --- how triggers enrol contacts ------------------------------------------


@dataclass(frozen=True)
class OnEvent:
    event: str
    filter: str = ""  # condition over the event's properties (``props.x``) and the contact


@dataclass(frozen=True)
class InSegment:
    condition: str  # contacts enter when they start matching


@dataclass(frozen=True)
class OnSchedule:
    """Everyone matching ``audience`` is enrolled at each occurrence; the trigger
    kind's ``next_occurrence`` computes them."""

    audience: str = ""


@dataclass(frozen=True)
class OnDateAttribute:
    """Each contact is enrolled on the date held in ``attribute`` (+ offset),
    every year when ``yearly`` (birthdays, anniversaries)."""

    attribute: str
    offset_days: int
    yearly: bool
    time_of_day: str  # "HH:MM" in the contact's time zone


@dataclass(frozen=True)
class ManualList:
    list_name: str


EntryRule = Union[OnEvent, InSegment, OnSchedule, OnDateAttribute, ManualList]
