"""What differs between the two dialects of the one SQL store: SQLite (the default,
one file, one writer) and PostgreSQL (a server, several workers).

Everything else in :mod:`designer.runtime.durable` is dialect-free SQLAlchemy Core;
each function here takes the connection and does the right thing for its dialect.

* **Writers.** SQLite: every write transaction is ``BEGIN IMMEDIATE`` (see
  :mod:`.store`), so the whole database has one writer and the locks below are
  no-ops. PostgreSQL: transactions run side by side (READ COMMITTED), so work
  that must have one owner says so: due enrolments and pending outbox rows are
  *claimed* with ``FOR UPDATE SKIP LOCKED`` (a worker takes the rows nobody else
  holds); rows read in order to change them are *locked* (``FOR UPDATE``); and
  the per-workflow phases that move a cursor (new events, triggers, condition
  sweeps, registering a version) are *serialised* by a transaction-level
  advisory lock named after the workflow.
* **Feeds read by cursor** (events, list entries). On PostgreSQL an id is taken
  from the sequence when a row is inserted but becomes visible only at commit,
  so ids can commit out of order and "id > the last one read" would skip a row
  committed late. Writers hold a *shared* advisory lock on the feed until they
  commit; the reader briefly takes it *exclusively* (waiting for the writers in
  flight), notes the highest id, and releases it. Every id up to that ceiling is
  committed or rolled back by then (later writers draw larger ids), so reading
  ``cursor < id <= ceiling`` never skips one. The reader holds it for one
  statement only, so ``journey event`` is never held up by a long tick.
* **Waking idle workers.** SQLite: a runner looks for new work every 0.2 s.
  PostgreSQL: writers of new work (events, list entries, contacts, a batch that
  made sends or new waits) ``NOTIFY`` the channel :data:`WORK` (delivered at
  commit, once per transaction); an idle worker waits on ``LISTEN`` (:class:`WorkListener`)
  with the poll as a fallback timeout, so new work is picked up at once without
  querying the database while idle.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from collections.abc import Mapping, Sequence
from operator import itemgetter
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import Table, insert, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

SERVER_SCHEMES = ("postgresql://", "postgres://", "postgresql+psycopg://")
FEEDS = "journey feed"  # the advisory lock of the tables read by cursor (event, list_entry)
WORK = "journey_work"  # the NOTIFY channel of new work for idle workers


def is_server(target: Any) -> bool:
    """Is this ``--db`` value a PostgreSQL URL (rather than an SQLite file)?"""
    return isinstance(target, str) and target.lower().startswith(SERVER_SCHEMES)


def engine_url(target: str) -> str:
    """The SQLAlchemy URL for a PostgreSQL ``--db`` value (driver: psycopg 3)."""
    scheme, rest = target.split("://", 1)
    return "postgresql+psycopg://" + rest if scheme.lower() in ("postgresql", "postgres") else target


def shown(target: str) -> str:
    """A URL fit for messages: the password, if any, is hidden."""
    parts = urlsplit(target)
    if parts.password is None:
        return target
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def is_postgres(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


# --- statements ------------------------------------------------------------------


def insert_or_ignore(conn: Connection, table: Any, index_elements: Sequence[str] | None = None):
    """INSERT that skips rows clashing with a unique key (``ON CONFLICT DO NOTHING``)."""
    make = pg_insert if is_postgres(conn) else sqlite_insert
    return make(table).on_conflict_do_nothing(index_elements=index_elements)


def upsert_adding(conn: Connection, table: Any, keys: Sequence[str], counters: Sequence[str]):
    """INSERT, or add the new values to the counters of the row already there."""
    make = pg_insert if is_postgres(conn) else sqlite_insert
    stmt = make(table)
    return stmt.on_conflict_do_update(index_elements=list(keys), set_={
        k: getattr(table, k) + getattr(stmt.excluded, k) for k in counters})


def mark(conn: Connection) -> str:
    """The driver's placeholder for a bound value in SQL text (sqlite3: ``?``, psycopg: ``%s``)."""
    return "?" if conn.dialect.paramstyle == "qmark" else "%s"


def read_along(conn: Connection, table: str, index: str) -> str:
    """``table`` for a FROM clause, read along ``index`` on SQLite: without statistics (no ANALYZE)
    its planner may take another index and sort every row that one finds. PostgreSQL keeps
    statistics and plans for itself. Names are ours."""
    return table if is_postgres(conn) else f"{table} INDEXED BY {index}"


def claim_text(conn: Connection) -> str:
    """What ends the SQL text of a claim (see :func:`claim`)."""
    return " FOR UPDATE SKIP LOCKED" if is_postgres(conn) else ""


def claim(conn: Connection, query: Select) -> Select:
    """Rows this worker takes for itself: other workers skip them (SQLite: the one writer has them all)."""
    return query.with_for_update(skip_locked=True) if is_postgres(conn) else query


def lock(conn: Connection, query: Select) -> Select:
    """Rows read to be changed in this transaction: a concurrent worker waits for the commit."""
    return query.with_for_update() if is_postgres(conn) else query


def _key(name: str) -> int:
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)


def serialise(conn: Connection, name: str) -> None:
    """One transaction at a time for ``name`` (until commit); SQLite's writer lock already does it."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _key(name)})


# --- feeds read by cursor (see the module's docstring) -------------------------------


def writing_feed(conn: Connection) -> None:
    """Called before inserting events or list entries: readers wait for this transaction,
    and idle workers are woken when it commits."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": _key(FEEDS)})
        notify_work(conn)


# --- waking idle workers (see the module's docstring) ------------------------------------


def notify_work(conn: Connection) -> None:
    """Idle workers wake when this transaction commits (PostgreSQL; SQLite runners poll)."""
    if is_postgres(conn):
        conn.execute(text("SELECT pg_notify(:channel, '')"), {"channel": WORK})


class WorkListener:
    """An idle worker's ear: its own connection, listening on :data:`WORK` from the start
    (a notification sent while the worker was busy waits for it on the connection)."""

    SLICE = 0.5  # seconds: how soon a stop() from another thread is noticed while waiting

    def __init__(self, url: str, connect_timeout: float = 5.0) -> None:
        import psycopg

        self._psycopg = psycopg
        self.conn = psycopg.connect(url, autocommit=True, connect_timeout=max(1, int(connect_timeout)))
        self.conn.execute(f"LISTEN {WORK}")

    def wait(self, seconds: float, stop: threading.Event) -> bool:
        """Wait up to ``seconds`` for new work; True when notified (every notification queued so far is taken)."""
        deadline = time.monotonic() + seconds
        while not stop.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if any(True for _ in self.conn.notifies(timeout=min(left, self.SLICE), stop_after=1)):
                for _ in self.conn.notifies(timeout=0):  # several writers, one wake-up
                    pass
                return True
        return False

    def close(self) -> None:
        try:
            self.conn.close()
        except self._psycopg.Error:  # already broken: nothing to release
            pass


def feed_ceiling(conn: Connection, table: str) -> int | None:
    """The highest id of ``table`` below which every row is committed (None: no bound needed)."""
    if not is_postgres(conn):
        return None
    key = _key(FEEDS)
    conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})  # waits for writers in flight
    try:
        return conn.execute(text(f"SELECT coalesce(max(id), 0) FROM {table}")).scalar_one()
    finally:
        conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})


# --- bulk loading ----------------------------------------------------------------------

_COMPILED: dict[tuple, tuple[str, tuple[str, ...] | None]] = {}


def executemany(conn: Connection, name: str, make, rows: Sequence[Mapping]) -> None:
    """``make()``'s statement for many rows, straight through the driver's executemany.

    The hot writes of a tick (history, enrolments, contacts, outbox) would spend
    about a quarter of their time in SQLAlchemy building parameters row by row;
    here the statement is compiled once per dialect and set of columns, and the
    rows go to the DBAPI cursor of this transaction's connection as they are
    (plain str, float, int, bool and None values: no type processing needed)."""
    if not rows:
        return
    keys = tuple(rows[0])
    key = (conn.dialect.name, name, keys)
    if key not in _COMPILED:
        compiled = make().compile(dialect=conn.dialect, column_keys=list(keys))
        order = tuple(compiled.positiontup) if compiled.positional else None
        _COMPILED[key] = (str(compiled), order)
    sql, order = _COMPILED[key]
    if order is None:
        params = list(rows)
    elif len(order) == 1:
        params = [(r[order[0]],) for r in rows]
    else:
        params = list(map(itemgetter(*order), rows))  # tuples, built in C
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(sql, params)
    finally:
        cursor.close()



def insert_rows(conn: Connection, table: str, columns: Sequence[str], rows: Sequence[Sequence]) -> None:
    """A plain INSERT of many rows given as sequences in ``columns`` order, straight through the
    driver (the history rows of every batch: no dict, no parameter mapping per row). Names are ours."""
    if not rows:
        return
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark(conn)] * len(columns))})"
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.executemany(sql, rows)
    finally:
        cursor.close()


def fetch_dicts(conn: Connection, query: Select | str, args: Sequence[Any] = ()) -> list[dict]:
    """A query's rows as plain dicts, through the driver's cursor (no per-row result objects:
    the claim of every batch). Only for columns that need no type processing (str, int, float).
    ``query``: a Select, or SQL text written for this dialect (see :func:`mark`) with its ``args``."""
    if not isinstance(query, str):
        compiled = query.compile(dialect=conn.dialect)
        params = compiled.construct_params()
        query, args = str(compiled), [params[k] for k in compiled.positiontup] if compiled.positional else params
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(query, args)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row)) for row in cursor.fetchall()]
    finally:
        cursor.close()


def select_in(conn: Connection, table: str, columns: Sequence[str], key: str, values: Sequence[Any],
              lock: bool = False, where: Mapping[str, Any] | None = None) -> list[tuple]:
    """``SELECT columns FROM table WHERE key IN (values)`` as plain tuples, straight through the
    driver (a hot read of every batch); ``where``: columns that must also equal these values;
    ``lock``: in key order, and locked for this transaction on PostgreSQL (see :func:`lock`).
    Names are ours, never a user's."""
    if not values:
        return []
    equal = "".join(f"{name} = {mark(conn)} AND " for name in where or {})
    sql = (f"SELECT {', '.join(columns)} FROM {table} "
           f"WHERE {equal}{key} IN ({', '.join([mark(conn)] * len(values))})")
    if lock:
        sql += f" ORDER BY {key}" + (" FOR UPDATE" if is_postgres(conn) else "")
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, [*(where or {}).values(), *values])
        return cursor.fetchall()
    finally:
        cursor.close()


def bulk_insert(conn: Connection, table: Table, rows: Sequence[Mapping]) -> None:
    """Insert many rows: ``COPY`` on PostgreSQL, executemany on SQLite."""
    if not rows:
        return
    if not is_postgres(conn):
        conn.execute(insert(table), list(rows))
        return
    columns = list(rows[0])
    if not all(re.fullmatch(r"[a-z_]+", c) for c in columns):
        raise ValueError(f"unexpected column names {columns}")
    cursor = conn.connection.dbapi_connection.cursor()
    with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[c] for c in columns])


# --- errors ------------------------------------------------------------------------------

CONFLICT_STATES = {"40001", "40P01"}  # serialization failure, deadlock detected: retry the transaction
BUSY_STATES = {"55P03", "57014"}  # lock_timeout, statement timeout


def sqlstate(err: BaseException) -> str | None:
    return getattr(getattr(err, "orig", err), "sqlstate", None)
