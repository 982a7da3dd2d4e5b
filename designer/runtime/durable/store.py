"""Opening the runtime database: WAL, busy timeout, schema version and upgrades.

One store, two dialects (differences in :mod:`.dialect`): an SQLite file (the
default) or a PostgreSQL database given as ``postgresql://user@host:port/db``.

SQLite allows one writer at a time. Every write transaction here starts with
``BEGIN IMMEDIATE``, so a transaction that reads and then writes (claim the
due enrolments, advance them, write the results) takes the write lock at its
start and cannot be overtaken half-way: two engines on one file serialise
instead of deadlocking. WAL with ``synchronous=NORMAL`` survives a killed
process (only a power cut may lose the last commits); readers never block.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, func, inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import SQLModel

from designer.i18n import Message

from . import dialect
from . import tables as t
from .tables import SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"


class StoreError(Exception):
    """The database cannot be used (locked, corrupt, too new, not ours): one clear line."""


class StoreBusy(StoreError):
    """Another process held the write lock for longer than the busy timeout: try again later."""


class StoreConflict(StoreBusy):
    """PostgreSQL undid this transaction (deadlock or serialization failure with another
    worker): nothing of it was written; run it again."""


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


def loads(text: str | None, default: Any = None) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def owner_id() -> str:
    """Who claimed an outbox row: host and process, so a restart knows the claimer died."""
    return f"{socket.gethostname()}:{os.getpid()}"


class Store:
    """One SQLite file, or one PostgreSQL database (``postgresql://...``).
    ``write()`` and ``read()`` give a connection inside a transaction."""

    def __init__(self, path: str | os.PathLike[str], busy_timeout: float = 5.0, create: bool = True) -> None:
        self.busy_timeout = busy_timeout
        self.server = dialect.is_server(path)
        if self.server:
            self.path: Any = dialect.shown(str(path))  # for messages
            self.engine = create_engine(
                dialect.engine_url(str(path)), pool_size=2, max_overflow=4,
                connect_args={"connect_timeout": max(1, int(busy_timeout)),
                              # a lock held longer than this: StoreBusy, like SQLite's busy timeout
                              "options": f"-c lock_timeout={int(busy_timeout * 1000)}"})
        else:
            self.path = Path(path)
            _check_file(self.path, create)
            self.engine = create_engine(
                f"sqlite:///{self.path.resolve()}",
                connect_args={"check_same_thread": False, "timeout": busy_timeout},
            )
            event.listen(self.engine, "connect", self._on_connect)
            event.listen(self.engine, "begin", _on_begin)
        try:
            self._prepare(create)
        except StoreError:
            self.engine.dispose()
            raise

    # --- connections ---------------------------------------------------------
    def _on_connect(self, dbapi: sqlite3.Connection, _record: Any) -> None:
        dbapi.isolation_level = None  # we issue BEGIN ourselves (see _on_begin)
        dbapi.execute(f"PRAGMA busy_timeout = {int(self.busy_timeout * 1000)}")
        if dbapi.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            dbapi.execute("PRAGMA journal_mode = WAL")  # persists in the file: set once
        dbapi.execute("PRAGMA synchronous = NORMAL")

    @contextmanager
    def write(self) -> Iterator[Connection]:
        """A write transaction (BEGIN IMMEDIATE): committed on success, rolled back on error."""
        with self._translate(), self.engine.connect() as conn, conn.begin():
            yield conn

    @contextmanager
    def read(self) -> Iterator[Connection]:
        with self._translate(), self.engine.connect() as raw:
            conn = raw if self.server else raw.execution_options(sqlite_begin="BEGIN")
            with conn.begin():
                yield conn

    def close(self) -> None:
        self.engine.dispose()

    def listener(self) -> dialect.WorkListener | None:
        """Where an idle worker waits for new work (PostgreSQL's LISTEN); None on SQLite
        (a runner polls) or when the server cannot be reached (it polls too)."""
        if not self.server:
            return None
        url = self.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
        try:
            return dialect.WorkListener(url, self.busy_timeout)
        except Exception:  # noqa: BLE001 - the runner falls back to polling; its next query says what is wrong
            return None

    @contextmanager
    def _translate(self) -> Iterator[None]:
        try:
            yield
        except DatabaseError as err:
            if self.server:
                state = dialect.sqlstate(err)
                kind = StoreConflict if state in dialect.CONFLICT_STATES else (
                    StoreBusy if state in dialect.BUSY_STATES else StoreError)
                raise kind(describe_server(err, self.path, state)) from None
            text = str(getattr(err, "orig", err))
            busy = isinstance(err, OperationalError) and ("locked" in text or "busy" in text)
            raise (StoreBusy if busy else StoreError)(describe(err, self.path, self.busy_timeout)) from None

    # --- schema --------------------------------------------------------------
    def _prepare(self, create: bool = True) -> None:
        with self.read() as conn:
            version = _schema_version(conn)
        if version == SCHEMA_VERSION:
            return
        if version is None and not create and self.server:  # as a missing SQLite file: nothing to read yet
            raise StoreError(Message("store.no-tables", {"db": str(self.path)}))
        if version is not None and version > SCHEMA_VERSION:
            raise StoreError(Message("store.newer", {"db": str(self.path), "version": version,
                                                     "reads": SCHEMA_VERSION}))
        with self.write() as conn:  # re-check under the write lock: another process may have upgraded it
            dialect.serialise(conn, "journey schema")
            version = _schema_version(conn)
            if version is None:
                SQLModel.metadata.create_all(conn, tables=_tables())
            else:
                for step in range(version, SCHEMA_VERSION):
                    UPGRADES[step](conn)
                SQLModel.metadata.create_all(conn, tables=_tables())  # tables and indexes new since
            conn.execute(text(
                "INSERT INTO journey_meta(key, value) VALUES ('schema_version', :v) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value"), {"v": str(SCHEMA_VERSION)})

    def schema_version(self) -> int | None:
        with self.read() as conn:
            return _schema_version(conn)

    # --- contacts, as the shared rules read them (runtime.store_protocol.ContactReader) ---
    def contact_count(self) -> int:
        with self.read() as conn:
            return conn.execute(select(func.count()).select_from(t.Contact)).scalar_one()

    def field_values(self, name: str, contact_ids: Sequence[str]) -> list[Any]:
        from .frames import get_field, load_contacts

        with self.read() as conn:
            records = load_contacts(conn, contact_ids)
        return [get_field(records[c], name) if c in records else None for c in contact_ids]

    # --- the run's clock -----------------------------------------------------
    def clock_now(self) -> float | None:
        """The latest time an engine ran up to (demo clocks run ahead of the wall clock)."""
        with self.read() as conn:
            row = conn.execute(select(t.Meta.value).where(t.Meta.key == "clock")).first()
        return float(row[0]) if row else None


def note_clock(conn: Connection, now: float) -> None:
    conn.execute(text(
        "INSERT INTO journey_meta(key, value) VALUES ('clock', :v) ON CONFLICT(key) DO UPDATE SET "
        "value = CASE WHEN CAST(journey_meta.value AS DOUBLE PRECISION) < CAST(excluded.value AS DOUBLE PRECISION) "
        "THEN excluded.value ELSE journey_meta.value END"), {"v": repr(float(now))})


def _on_begin(conn: Connection) -> None:
    conn.exec_driver_sql(conn.get_execution_options().get("sqlite_begin", "BEGIN IMMEDIATE"))


def _tables() -> list:
    return [m.__table__ for m in t.SQLModel.__subclasses__() if hasattr(m, "__table__") and m.__module__ == t.__name__]


def _schema_version(conn: Connection) -> int | None:
    names = set(inspect(conn).get_table_names())
    if not names:
        return None
    if "journey_meta" not in names:
        if dialect.is_postgres(conn):
            raise StoreError(Message("store.postgres-not-journey"))
        raise StoreError(Message("store.sqlite-not-journey"))
    row = conn.exec_driver_sql("SELECT value FROM journey_meta WHERE key = 'schema_version'").first()
    if row is None:
        return 1
    text = str(row[0]).strip()
    if not text.isdigit() or len(text) > 6:
        raise StoreError(Message("store.bad-schema-version", {"version": repr(str(row[0])[:40])}))
    return int(text)


def _check_file(path: Path, create: bool) -> None:
    if path.is_dir():
        raise StoreError(Message("store.folder", {"db": str(path)}))
    if not path.exists():
        if not create:
            raise StoreError(Message("store.no-such-file", {"db": str(path)}))
        if not path.parent.exists():
            raise StoreError(Message("cli.no-folder", {"folder": str(path.parent)}))
        return
    with open(path, "rb") as fh:  # refuse before SQLite touches the file
        head = fh.read(len(SQLITE_HEADER))
    if head and head != SQLITE_HEADER:
        raise StoreError(Message("store.not-sqlite", {"db": str(path)}))


def describe_server(err: Exception, where: str, state: str | None) -> str:
    text = str(getattr(err, "orig", err)).strip().splitlines()[0] if str(getattr(err, "orig", err)).strip() else ""
    if state in dialect.CONFLICT_STATES:
        return f"{where}: another worker changed the same rows at the same moment ({text}); nothing was written - try again"
    if state in dialect.BUSY_STATES:
        return f"{where} is locked by another worker ({text}); nothing was changed - try again when it is free"
    if state is None:
        return f"cannot use the PostgreSQL database {where}: {text}"
    return f"database error in {where}: {text}"


def describe(err: Exception, path: Path, busy_timeout: float) -> str:
    text = str(getattr(err, "orig", err))
    if "locked" in text or "busy" in text:
        return (f"{path} is locked by another process (waited {busy_timeout:g} s); "
                "nothing was changed - try again when it is free")
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return f"{path} is corrupt ({text}); nothing was changed"
    if "readonly" in text or "read-only" in text:
        return f"{path} is read-only ({text})"
    return f"database error in {path}: {text}"


# --- upgrades: UPGRADES[n] turns schema n into n + 1 ------------------------


def _v1_to_v2(conn: Connection) -> None:
    # Version 2 added list triggers, per-node counters and the outbox claimer.
    # create_all adds the new tables; the counters are rebuilt from the history.
    columns = {c["name"] for c in inspect(conn).get_columns("outbox")}
    if "owner" not in columns:
        conn.exec_driver_sql("ALTER TABLE outbox ADD COLUMN owner VARCHAR")
    SQLModel.metadata.create_all(conn, tables=[t.NodeCount.__table__])
    conn.exec_driver_sql(
        "INSERT OR REPLACE INTO node_count(workflow_id, node_id, entered, passed, converted, exited) "
        "SELECT workflow_id, node_id, COUNT(DISTINCT enrolment_id), "
        "SUM(what = 'passed'), SUM(what = 'converted'), SUM(what = 'exited') "
        "FROM step WHERE what IN ('passed', 'waiting', 'deferred', 'converted', 'exited') "
        "GROUP BY workflow_id, node_id"
    )


UPGRADES = {1: _v1_to_v2}
