"""Forecasts saved to a database, so the app's Run panel and the command line read the same thing.

The database is an SQLite file or a PostgreSQL URL (``postgresql://...``, the
durable runtime's :mod:`~designer.runtime.durable.dialect` tells them apart).

Only tables prefixed ``forecast_`` are created here (never ``create_all``), so
a forecast can live in its own file or beside the durable runtime's tables in
the same database. The report is stored whole as JSON (its shape is
:func:`designer.runtime.dryrun.forecast.forecast`'s); per-node counts and traced
paths also get rows of their own, for the canvas overlay and for looking up
one contact without loading the whole report.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Text, inspect
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool
from sqlmodel import Field, Session, SQLModel, create_engine, select

from designer.i18n import Message
from designer.runtime.durable import dialect


class ForecastRun(SQLModel, table=True):
    __tablename__ = "forecast_run"

    id: int | None = Field(default=None, primary_key=True)
    created_at: str
    blueprint: str
    source_file: str = ""
    workflow: str | None = None
    contacts_source: str = ""
    contacts: int = 0
    days: int = 0
    seed: int = 0
    runs: int = 1
    report: str = Field(sa_column=Column(Text, nullable=False))


class ForecastNode(SQLModel, table=True):
    __tablename__ = "forecast_node"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="forecast_run.id", index=True)
    workflow_id: str
    node_id: str
    entered: float = 0
    waiting: float = 0
    converted: float = 0
    exited: float = 0
    passed: str = "{}"  # JSON: port -> count


class ForecastPath(SQLModel, table=True):
    __tablename__ = "forecast_path"

    id: int | None = Field(default=None, primary_key=True)
    run_id: int = Field(foreign_key="forecast_run.id", index=True)
    contact_id: str = Field(index=True)
    steps: str = Field(sa_column=Column(Text, nullable=False))


TABLES = [ForecastRun.__table__, ForecastNode.__table__, ForecastPath.__table__]


def where(db: str | Path) -> str:
    """The database as messages show it (a URL's password hidden)."""
    return dialect.shown(str(db)) if dialect.is_server(db) else str(db)


@contextmanager
def _session(db: str | Path, create: bool) -> Iterator[Session | None]:
    """A session on the database (None when reading one that holds no forecasts yet);
    ValueError with one line when the database cannot be used."""
    if dialect.is_server(db):
        engine = create_engine(dialect.engine_url(str(db)), poolclass=NullPool, connect_args={"connect_timeout": 10})
    else:
        engine = create_engine(f"sqlite:///{Path(db)}")
    try:
        if create:
            SQLModel.metadata.create_all(engine, tables=TABLES)  # only ours
        elif not inspect(engine).has_table(ForecastRun.__tablename__):
            yield None
            return
        with Session(engine) as session:
            yield session
    except DatabaseError as err:
        text = str(err.orig or err).strip().splitlines()
        line = text[0] if text else type(err).__name__
        raise ValueError(Message("store.forecast-unusable", {"db": where(db), "error": line}) if dialect.is_server(db)
                         else Message("cli.not-dry-run-db", {"db": str(db), "error": line})) from None
    finally:
        engine.dispose()


def _mean(value: Any) -> float:
    """A count from a single run, or the mean of an aggregated one."""
    return float(value["mean"]) if isinstance(value, dict) else float(value or 0)


def save_forecast(db_path: str | Path, report: dict[str, Any], *, source_file: str = "", workflow: str | None = None,
                  contacts_source: str = "") -> int:
    """Store a report (single run or aggregate) in one transaction; returns its run id."""
    seeds = report.get("seeds") or [report.get("seed", 0)]
    run = ForecastRun(
        created_at=datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"), blueprint=report.get("blueprint", ""),
        source_file=source_file, workflow=workflow, contacts_source=contacts_source,
        contacts=int(_mean(report.get("contacts"))), days=int(_mean(report.get("days"))), seed=int(seeds[0]),
        runs=int(report.get("runs", 1)), report=json.dumps(report, ensure_ascii=False, separators=(",", ":")),
    )
    with _session(db_path, create=True) as session:
        session.add(run)
        session.flush()
        for wf in report.get("workflows", []):
            for node in wf["nodes"]:
                session.add(ForecastNode(
                    run_id=run.id, workflow_id=_text(wf["id"]), node_id=_text(node["id"]),
                    entered=_mean(node["entered"]), waiting=_mean(node["waiting"]),
                    converted=_mean(node["converted"]), exited=_mean(node["exited"]),
                    passed=json.dumps({p: _mean(v) for p, v in node["passed"].items()}),
                ))
        for contact_id, steps in (report.get("paths") or {}).items():
            session.add(ForecastPath(run_id=run.id, contact_id=contact_id, steps=json.dumps(steps, ensure_ascii=False)))
        session.commit()
        return int(run.id)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else str(value)


def list_runs(db_path: str | Path) -> list[dict[str, Any]]:
    with _session(db_path, create=False) as session:
        if session is None:
            return []
        rows = session.exec(select(ForecastRun).order_by(ForecastRun.id.desc())).all()
        return [r.model_dump(exclude={"report"}) for r in rows]


def load_forecast(db_path: str | Path, run_id: int | None = None) -> dict[str, Any] | None:
    """A saved report (the latest when ``run_id`` is None)."""
    with _session(db_path, create=False) as session:
        if session is None:
            return None
        query = select(ForecastRun)
        query = query.where(ForecastRun.id == run_id) if run_id is not None else query.order_by(ForecastRun.id.desc())
        row = session.exec(query).first()
        return json.loads(row.report) if row else None


def load_path(db_path: str | Path, run_id: int, contact_id: str) -> list[dict[str, Any]] | None:
    with _session(db_path, create=False) as session:
        if session is None:
            return None
        row = session.exec(
            select(ForecastPath).where(ForecastPath.run_id == run_id, ForecastPath.contact_id == contact_id)
        ).first()
        return json.loads(row.steps) if row else None
