"""What a durable run recorded, read straight from its database (read-only, never locked
for writing): delivered messages with the responses that followed, first passes, events.
The database is an SQLite file or a PostgreSQL URL; the SQL here is plain enough for
both (``?`` parameters, which :class:`_ServerReader` hands to psycopg as ``%s``).

Responses are events named ``<channel>_opened`` / ``_clicked`` / ``_unsubscribed``
(as the dry-run names them); one counts for a message when it comes after the
message was created and within :data:`RESPONSE_WINDOW` of it. Times are the run's
clock (epoch seconds), like every time in the runtime database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from designer.i18n import Message

RESPONSE_WINDOW = 7 * 86400.0
DELIVERED = ("sent", "sandboxed")
ATTEMPTED = ("sent", "sandboxed", "failed")
NEEDED = ("outbox", "event", "enrolment", "step", "contact")

# Errors as message codes: history.* in designer/i18n/messages_cli.py (read in the reader's language).


class _ServerReader:
    """The calls this module makes of an sqlite3 connection, on a read-only psycopg connection."""

    least = "LEAST"  # the smaller of two values (SQLite: MIN with two arguments)

    def __init__(self, conn) -> None:
        self.conn = conn

    def execute(self, sql: str, args=()):
        return self.conn.execute(sql.replace("?", "%s"), list(args))


def where(path: str | Path) -> str:
    """The database as reports show it (a URL's password hidden)."""
    from designer.runtime.durable.dialect import is_server, shown

    return shown(str(path)) if is_server(path) else str(path)


def _least(conn) -> str:
    return getattr(conn, "least", "MIN")


@contextmanager
def _open_server(url: str) -> Iterator[_ServerReader]:
    import psycopg

    from designer.runtime.durable.dialect import engine_url, shown

    where = shown(url)
    try:
        conn = psycopg.connect(engine_url(url).replace("postgresql+psycopg://", "postgresql://", 1),
                               autocommit=True, connect_timeout=10)
    except psycopg.Error as err:
        raise ValueError(Message("history.unreadable", {"path": where, "error": str(err).strip().splitlines()[0]})) from None
    try:
        conn.read_only = True
        have = {r[0] for r in conn.execute("SELECT table_name FROM information_schema.tables "
                                           "WHERE table_schema = current_schema()")}
        for table in NEEDED:
            if table not in have:
                raise ValueError(Message("history.not-runtime", {"path": where, "table": table}))
        yield _ServerReader(conn)
    except psycopg.Error as err:
        raise ValueError(Message("history.unreadable", {"path": where, "error": str(err).strip().splitlines()[0]})) from None
    finally:
        conn.close()


@contextmanager
def open_history(path: str | Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection (SQLite file or PostgreSQL URL); ValueError (one line) when it is not
    a runtime database."""
    from designer.runtime.durable.dialect import is_server

    if is_server(path):
        with _open_server(str(path)) as conn:
            yield conn
        return
    p = Path(path)
    if not p.is_file():
        raise ValueError(Message("history.missing", {"path": str(path)}))
    try:
        conn = sqlite3.connect(f"{p.resolve().as_uri()}?mode=ro", uri=True)
        have = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as err:
        raise ValueError(Message("history.unreadable", {"path": str(path), "error": str(err)})) from None
    try:
        for table in NEEDED:
            if table not in have:
                raise ValueError(Message("history.not-runtime", {"path": str(path), "table": table}))
        yield conn
    finally:
        conn.close()


def _period(column: str, since: float | None, until: float | None) -> tuple[str, list[float]]:
    where, args = [], []
    if since is not None:
        where.append(f"{column} >= ?")
        args.append(since)
    if until is not None:
        where.append(f"{column} < ?")
        args.append(until)
    return (" AND ".join(where) or "1 = 1"), args


def messages(conn, since: float | None, until: float | None) -> list[tuple]:
    """(workflow, node, contact, channel, state, created_at, opened_at, clicked_at, unsubscribed_at)
    for every attempted message created in the period."""
    period, args = _period("o.created_at", since, until)
    # A response belongs to the latest message of its channel before it: it must come before the
    # contact's next message on that channel (and within the window).
    upto = (f"{_least(conn)}(o.created_at + ?, COALESCE((SELECT MIN(n.created_at) FROM outbox n WHERE n.contact_id = o.contact_id "
            "AND n.channel = o.channel AND n.created_at > o.created_at), 1e300))")
    first = ("(SELECT MIN(e.time) FROM event e WHERE e.contact_id = o.contact_id AND e.name = o.channel || '_{r}' "
             f"AND e.time >= o.created_at AND e.time < {upto})")
    sql = (f"SELECT o.workflow_id, o.node_id, o.contact_id, o.channel, o.state, o.created_at, "
           f"{first.format(r='opened')}, {first.format(r='clicked')}, {first.format(r='unsubscribed')} "
           f"FROM outbox o WHERE o.state IN ({','.join('?' * len(ATTEMPTED))}) AND {period} ORDER BY o.id")
    return conn.execute(sql, [RESPONSE_WINDOW] * 3 + list(ATTEMPTED) + args).fetchall()


def first_passes(conn, since: float | None, until: float | None, workflow: str | None = None) -> list[tuple]:
    """(enrolment id, workflow, contact, entered_at, state, finished_at) of each contact's first
    pass of each workflow that began in the period."""
    period, args = _period("entered_at", since, until)
    extra = ""
    if workflow is not None:
        extra, args = " AND workflow_id = ?", args + [workflow]
    sql = ("SELECT id, workflow_id, contact_id, entered_at, state, finished_at FROM enrolment e "
           f"WHERE {period}{extra} AND seq = (SELECT MIN(seq) FROM enrolment f WHERE f.workflow_id = e.workflow_id "
           "AND f.contact_id = e.contact_id) ORDER BY entered_at, id")
    return conn.execute(sql, args).fetchall()


def node_kinds(conn) -> dict[tuple[str, str], str]:
    """(workflow, node) -> kind, from every workflow version that ran."""
    import json

    out = {}
    for wf, definition in conn.execute("SELECT workflow_id, definition FROM workflow_version"):
        try:
            for n in json.loads(definition).get("nodes", []):
                out[(wf, n["id"])] = n["kind"]
        except (ValueError, KeyError, TypeError, AttributeError):
            continue
    return out


def event_names(conn) -> list[str]:
    return [r[0] for r in conn.execute("SELECT DISTINCT name FROM event ORDER BY name")]


def event_times(conn, name: str) -> dict[str, list[float]]:
    """Every time ``name`` happened, per contact, in order."""
    out: dict[str, list[float]] = {}
    for cid, t in conn.execute("SELECT contact_id, time FROM event WHERE name = ? ORDER BY time", (name,)):
        out.setdefault(cid, []).append(t)
    return out


def port_passes(conn, enrolment_ids: set[int]) -> list[tuple]:
    """(workflow, node, port, contact, at) of every step left by a port, for these passes."""
    rows = conn.execute("SELECT enrolment_id, workflow_id, node_id, port, contact_id, at FROM step "
                        "WHERE what = 'passed' AND port IS NOT NULL ORDER BY id").fetchall()  # the first pass first
    return [r[1:] for r in rows if r[0] in enrolment_ids]


def visits(conn, enrolment_ids: set[int]) -> dict[tuple[str, str], int]:
    """Passes that reached each (workflow, node)."""
    out: dict[tuple[str, str], set[int]] = {}
    for eid, wf, node in conn.execute("SELECT DISTINCT enrolment_id, workflow_id, node_id FROM step "
                                      "WHERE what NOT IN ('woke', 'migrated')"):
        if eid in enrolment_ids:
            out.setdefault((wf, node), set()).add(eid)
    return {k: len(v) for k, v in out.items()}


def observed_until(conn) -> float | None:
    """The last moment the database saw anything happen (its run's clock)."""
    row = conn.execute("SELECT MAX(t) FROM (SELECT MAX(at) AS t FROM step UNION ALL SELECT MAX(created_at) FROM outbox "
                       "UNION ALL SELECT MAX(time) FROM event) AS seen").fetchone()
    seen = row[0] if row else None
    try:  # the run's clock: how far the engine ran, even if nothing happened at the end
        clock = conn.execute("SELECT value FROM journey_meta WHERE key = 'clock'").fetchone()
    except sqlite3.DatabaseError:  # an older file without the table (every PostgreSQL database has it)
        clock = None
    if clock is not None:
        seen = max(float(clock[0]), seen or 0.0)
    return seen


def contacts(conn, ids: list[str]) -> list[dict]:
    """Contact records (as the dry-run's store reads them) for these ids, in that order."""
    import json

    wanted = set(ids)
    cols = "id, first_name, last_name, email, phone, wechat_id, timezone, stage, score, tags, attributes, consent"
    found = {}
    for r in conn.execute(f"SELECT {cols} FROM contact"):
        if r[0] in wanted:
            found[r[0]] = {"id": r[0], "first_name": r[1], "last_name": r[2], "email": r[3], "phone": r[4],
                           "wechat_id": r[5], "timezone": r[6], "stage": r[7], "score": r[8],
                           "tags": json.loads(r[9] or "[]"), "attributes": json.loads(r[10] or "{}"),
                           "consent": json.loads(r[11] or "{}")}
    return [found[i] for i in ids if i in found]
