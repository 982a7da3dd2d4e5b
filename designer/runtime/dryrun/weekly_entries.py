"""Entries per week from a saved dry-run, for sizing the build queue's experiments.

``journey dry-run FILE --db X.db`` saves forecasts; ``journey plan FILE --db X.db``
and the designer's Build queue read them back here. Which run: the latest run
tagged with this blueprint's name (every saved run carries the name of the
blueprint it simulated); when no run is, the latest run of any blueprint
(``matched`` is then False, so callers can say so). The figure per workflow is
:func:`designer.runtime.dryrun.forecast.weekly_entries`: contacts reaching the
workflow's experiment node (else entering the workflow) per simulated week.

The designer looks for a database beside the blueprint: ``<name>.db`` next to
``<name>.json`` (:func:`sibling_db`).

No Qt here; sqlmodel and numpy load only when a database is read.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from designer.fileformat import sibling_db  # noqa: F401  (the rule lives with the file format)
from designer.i18n import Message


@dataclass(frozen=True)
class DryRunEntries:
    db: Path | str  # a file, or a PostgreSQL URL (shown with its password hidden)
    run_id: int
    created_at: str  # UTC, ISO 8601
    blueprint: str  # the name of the blueprint the run simulated
    matched: bool  # tagged with the blueprint asked for (else: the latest run of another one)
    weekly: dict[str, float] = field(default_factory=dict)  # workflow id -> entries per week

    def describe(self) -> Message:
        """E.g. ``dry-run #3 of 'Acme' (2026-11-23 13:44 UTC) in programme.db``."""
        when = self.created_at.replace("T", " ").removesuffix("Z")[:16]
        return Message("entries.run", {"run": self.run_id, "blueprint": self.blueprint, "when": when,
                                       "db": self.db.name if isinstance(self.db, Path) else self.db})


def latest_entries(db_path: str | Path, blueprint_name: str | None = None) -> DryRunEntries | None:
    """The weekly entries of the run to use (see the module doc); None when the
    database holds no dry-run. ``db_path`` is an SQLite file or a PostgreSQL URL.
    Raises FileNotFoundError for a missing file and ValueError for a database that
    cannot be read (not a dry-run database, no such server)."""
    from sqlalchemy.exc import DatabaseError

    from designer.runtime.durable.dialect import is_server

    from .forecast import weekly_entries
    from .forecast_store import list_runs, load_forecast, where

    if is_server(db_path):
        db: Path | str = where(db_path)
    else:
        db = Path(db_path)
        if not db.is_file():
            raise FileNotFoundError(Message("cli.no-database", {"db": str(db)}))
    try:
        runs = list_runs(db_path)  # newest first
        if not runs:
            return None
        mine = [r for r in runs if blueprint_name is not None and r["blueprint"] == blueprint_name]
        run = (mine or runs)[0]
        report = load_forecast(db_path, run["id"])
    except DatabaseError as err:
        raise ValueError(Message("cli.not-dry-run-db", {"db": str(db), "error": str(err.orig or err).splitlines()[0]})) from None
    return DryRunEntries(db, int(run["id"]), run["created_at"], run["blueprint"], bool(mine),
                         weekly_entries(report) if report else {})
