"""The runtime database schema (SQLModel tables on SQLite or PostgreSQL).

Everything the engine knows lives here: a runner killed at any moment
restarts from these rows. Times are epoch seconds (REAL, UTC) on the run's
clock; JSON-valued columns (tags, attributes, consent, properties, payload)
are TEXT written with ``json.dumps`` so bulk inserts stay plain executemany.
Bump :data:`SCHEMA_VERSION` with an upgrade step in :mod:`designer.runtime.durable.store`.
"""

from __future__ import annotations

from sqlalchemy import Index, UniqueConstraint, text
from sqlmodel import Field, SQLModel

SCHEMA_VERSION = 2


class Meta(SQLModel, table=True):
    __tablename__ = "journey_meta"
    key: str = Field(primary_key=True)
    value: str


class Contact(SQLModel, table=True):
    __tablename__ = "contact"
    id: str = Field(primary_key=True)
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = Field(default=None, index=True)
    phone: str | None = None
    wechat_id: str | None = None
    timezone: str | None = None
    stage: str | None = None
    score: int = 0
    tags: str = "[]"
    attributes: str = "{}"
    consent: str = "{}"
    updated_at: float = 0.0


class Event(SQLModel, table=True):
    __tablename__ = "event"
    __table_args__ = (Index("ix_event_contact_name_time", "contact_id", "name", "time"),)
    id: int | None = Field(default=None, primary_key=True)
    contact_id: str
    name: str
    time: float
    properties: str = "{}"


class ListEntry(SQLModel, table=True):
    """Contacts added to a named list (the manual / list trigger enrols them)."""

    __tablename__ = "list_entry"
    id: int | None = Field(default=None, primary_key=True)
    list_name: str = Field(index=True)
    contact_id: str
    added_at: float


class WorkflowVersion(SQLModel, table=True):
    """Every version of a workflow that ran here, so old enrolments can be explained."""

    __tablename__ = "workflow_version"
    workflow_id: str = Field(primary_key=True)
    version: str = Field(primary_key=True)
    name: str
    first_run: float
    definition: str  # the workflow JSON


class WorkflowState(SQLModel, table=True):
    __tablename__ = "workflow_state"
    workflow_id: str = Field(primary_key=True)
    version: str
    started_at: float  # events before this never enrol anyone
    event_cursor: int = 0  # last event id looked at for entries
    wake_cursor: int = 0  # last event id looked at for goals and waits


class TriggerState(SQLModel, table=True):
    __tablename__ = "trigger_state"
    workflow_id: str = Field(primary_key=True)
    node_id: str = Field(primary_key=True)
    cursor: int = 0  # list entries seen
    next_fire: float | None = None  # schedule
    last_check: float | None = None  # segment / date attribute


class SegmentMember(SQLModel, table=True):
    """Who matched a segment trigger at its last check: entry is on starting to match."""

    __tablename__ = "segment_member"
    workflow_id: str = Field(primary_key=True)
    node_id: str = Field(primary_key=True)
    contact_id: str = Field(primary_key=True)


class Enrolment(SQLModel, table=True):
    """One pass of one contact through one workflow."""

    __tablename__ = "enrolment"
    __table_args__ = (
        # The n-th pass is unique, and at most one pass is active: two engines
        # racing to enrol the same contact cannot both succeed.
        UniqueConstraint("workflow_id", "contact_id", "seq", name="uq_enrolment_seq"),
        Index("uq_enrolment_active", "workflow_id", "contact_id", unique=True,
              sqlite_where=text("state = 'active'"), postgresql_where=text("state = 'active'")),
        Index("ix_enrolment_wake", "wake_at"),
        Index("ix_enrolment_where", "workflow_id", "state", "node_id"),
        Index("ix_enrolment_contact", "contact_id"),
        Index("ix_enrolment_awaits", "workflow_id", "wait_event", "contact_id",
              sqlite_where=text("wait_event IS NOT NULL"), postgresql_where=text("wait_event IS NOT NULL")),  # only contacts waiting for an event
    )
    id: int | None = Field(default=None, primary_key=True)
    workflow_id: str
    version: str
    contact_id: str
    seq: int
    node_id: str
    state: str = "active"  # active | converted | exited
    wake_at: float | None = None  # due when <= now; None once finished
    resume_port: str | None = None  # leave node_id by this port on waking; None: run node_id
    wait_event: str | None = None
    wait_filter: str | None = None
    event_port: str | None = None
    waiting_since: float | None = None
    wait_reason: str | None = None
    entered_at: float
    goal_until: float | None = None  # the goal counts until then
    finished_at: float | None = None
    reason: str | None = None


class Step(SQLModel, table=True):
    """The history: what happened to an enrolment, where, when and why."""

    __tablename__ = "step"
    id: int | None = Field(default=None, primary_key=True)
    enrolment_id: int = Field(index=True)
    contact_id: str = Field(index=True)
    workflow_id: str
    node_id: str
    port: str | None = None
    at: float
    what: str  # enrolled passed waiting deferred woke sent suppressed converted exited migrated
    detail: str = ""


class NodeCount(SQLModel, table=True):
    """Per-node counters, kept in the step's transaction so status is cheap."""

    __tablename__ = "node_count"
    workflow_id: str = Field(primary_key=True)
    node_id: str = Field(primary_key=True)
    entered: int = 0
    passed: int = 0
    converted: int = 0
    exited: int = 0


class Outbox(SQLModel, table=True):
    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt"),
        Index("ix_outbox_contact", "contact_id", "created_at"),
    )
    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(unique=True)  # idempotency key
    enrolment_id: int
    workflow_id: str
    node_id: str
    contact_id: str
    channel: str
    counts_to_cap: bool = True
    state: str = "pending"  # pending sending sent sandboxed failed suppressed in_doubt
    payload: str = "{}"
    connector: str | None = None
    attempts: int = 0
    next_attempt: float = 0.0  # wall clock: retries follow the connector's real time
    sending_since: float | None = None  # wall clock
    owner: str | None = None  # host:pid of the deliverer that claimed it
    created_at: float
    sent_at: float | None = None
    last_error: str | None = None
    response: str | None = None
