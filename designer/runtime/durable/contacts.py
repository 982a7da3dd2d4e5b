"""Contacts and events in the database: checking, upserting, listing, the sample set.

A contact is matched by id, else by email (case-insensitive), so importing
the same people again updates them instead of duplicating them. Only the
fields a source provides are changed; attributes and consent are merged.
"""

from __future__ import annotations

import hashlib
import math
import re
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.engine import Connection

from designer.csv_cells import write_dicts, write_rows
from designer.i18n import Message
from designer.nodes import CHANNELS
from designer.nodes.fields import known_time_zones

from ..sample import SAMPLE_END, sample_contacts, sample_events
from . import dialect
from .frames import CORE, load_contacts, row_from_record
from .listening import note_history, note_live
from .store import Store, dumps, note_clock
from .tables import Contact, Event, ListEntry

SAMPLE_DIR = Path(__file__).resolve().parents[3] / "resources" / "sample"
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
MAX_SCORE = 10**12  # far beyond any real score; keeps SQLite's 64-bit integers safe
# Event times: from year 1 to year 9999 (what a datetime can show); beyond is a typo or an attack.
EARLIEST_TIME, LATEST_TIME = -62135596800.0, 253402300799.0
TRUE, FALSE = {"1", "true", "yes", "y", "t", "on"}, {"0", "false", "no", "n", "f", "off", ""}


class BadRecord(ValueError):
    """One contact or event that cannot be imported, and why."""


@dataclass
class ImportReport:
    inserted: int = 0
    updated: int = 0
    events: int = 0
    bad: list[tuple[int, str]] = field(default_factory=list)  # (line or record number, reason)

    def to_dict(self) -> dict:
        return {"inserted": self.inserted, "updated": self.updated, "events": self.events,
                "bad": [{"line": n, "reason": r} for n, r in self.bad]}


_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def display_name(contact: Mapping[str, Any]) -> str:
    """How people write the name: "Mia Johnson", but family name first and no
    space for Chinese, Japanese and Korean names ("周敏")."""
    first, last = contact.get("first_name") or "", contact.get("last_name") or ""
    if _CJK.search(first + last):
        return f"{last}{first}"
    return " ".join(p for p in (first, last) if p)


def _text(v: Any) -> str | None:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return None
    s = str(v).strip()
    return s or None


def as_bool(v: Any, what: str) -> bool:
    if isinstance(v, bool):
        return v
    s = (_text(v) or "").lower()
    if s in TRUE:
        return True
    if s in FALSE:
        return False
    raise BadRecord(Message("record.yes-no", {"what": what, "value": repr(v)}))


def normalise(raw: Mapping[str, Any]) -> dict:
    """A partial contact record from loose input (CSV cells, JSON); raises BadRecord."""
    out: dict[str, Any] = {}
    for name in CORE:
        if name in raw and name != "score":
            out[name] = _text(raw[name])
    if out.get("email"):
        out["email"] = out["email"].lower()
        if not EMAIL.match(out["email"]):
            raise BadRecord(Message("record.email", {"email": repr(raw["email"])}))
    if not out.get("id") and not out.get("email"):
        raise BadRecord(Message("record.no-id"))
    if out.get("timezone") and out["timezone"] not in known_time_zones():
        raise BadRecord(Message("record.time-zone", {"zone": repr(out["timezone"])}))
    if "score" in raw and _text(raw["score"]) is not None:
        try:
            out["score"] = int(float(str(raw["score"]).strip()))
        except (ValueError, OverflowError):  # nan, inf
            raise BadRecord(Message("record.score-number", {"score": repr(str(raw["score"])[:40])})) from None
        if abs(out["score"]) > MAX_SCORE:
            raise BadRecord(Message("record.score-range", {"score": f"{out['score']:.3g}", "max": f"{MAX_SCORE:,}"}))
    if "tags" in raw:
        tags = raw["tags"]
        if isinstance(tags, str):
            tags = [t.strip() for t in re.split(r"[;,|]", tags)]
        if not isinstance(tags, (list, tuple)):
            raise BadRecord(Message("record.tags"))
        out["tags"] = sorted({str(t).strip() for t in tags if str(t).strip()})
    consent = raw.get("consent")
    if consent is not None:
        if not isinstance(consent, Mapping):
            raise BadRecord(Message("record.consent"))
        unknown = [c for c in consent if c not in CHANNELS]
        if unknown:
            raise BadRecord(Message("record.consent-channel", {"channel": repr(unknown[0])}))
        out["consent"] = {c: as_bool(v, f"consent for {c}") for c, v in consent.items() if _text(v) is not None
                          or isinstance(v, bool)}
    attributes = raw.get("attributes")
    if attributes is not None:
        if not isinstance(attributes, Mapping):
            raise BadRecord(Message("record.attributes"))
        out["attributes"] = {str(k): v for k, v in attributes.items() if v is not None and v != ""}
    return out


def new_id(rec: Mapping) -> str:
    return rec.get("id") or "c-" + hashlib.sha1(rec["email"].encode()).hexdigest()[:12]


def upsert(conn: Connection, records: Iterable[dict], now: float) -> tuple[int, int]:
    """Insert or update normalised records; returns (inserted, updated)."""
    records = list(records)
    if records:  # segments may match now: idle workers look
        dialect.notify_work(conn)
    ids = [r["id"] for r in records if r.get("id")]
    emails = [r["email"] for r in records if r.get("email")]
    existing = load_contacts(conn, ids)
    by_email: dict[str, str] = {}
    for start in range(0, len(emails), 900):
        q = select(Contact.id, Contact.email).where(Contact.email.in_(emails[start:start + 900]))
        by_email.update({e: i for i, e in conn.execute(q)})
    missing = [i for e, i in by_email.items() if i not in existing]
    existing.update(load_contacts(conn, missing))
    new: dict[str, dict] = {}
    changed: dict[str, dict] = {}
    for rec in records:
        cid = rec.get("id") if rec.get("id") in existing or rec.get("id") in new else None
        cid = cid or by_email.get(rec.get("email") or "") or new_id(rec)
        base = new.get(cid) or changed.get(cid) or existing.get(cid)
        merged = _merge(base, {**rec, "id": cid})
        (changed if cid in existing else new)[cid] = merged
        if rec.get("email"):
            by_email[rec["email"]] = cid
    if new:
        dialect.bulk_insert(conn, Contact.__table__, [row_from_record(r, now) for r in new.values()])
    for rec in changed.values():
        row = row_from_record(rec, now)
        conn.execute(Contact.__table__.update().where(Contact.id == row.pop("id")).values(**row))
    return len(new), len(changed)


def _merge(base: dict | None, rec: dict) -> dict:
    out = dict(base) if base else {"score": 0, "tags": [], "attributes": {}, "consent": {}}
    for k, v in rec.items():
        if k in ("attributes", "consent"):
            out[k] = {**(out.get(k) or {}), **v}
        else:
            out[k] = v
    return out


def parse_time(value: Any, what: str = "time") -> float:
    """Seconds since 1970 from a number or an ISO-8601 text; a time outside years 1-9999 is refused."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _in_range(float(value), what, value)
    text = _text(value)
    if text is None:
        raise BadRecord(Message("record.missing", {"what": what}))
    try:
        seconds = float(text)
    except ValueError:
        seconds = None
    if seconds is not None:
        return _in_range(seconds, what, text)
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise BadRecord(Message("record.not-iso", {"what": what, "text": repr(text[:40])})) from None
    return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).timestamp()


def _in_range(seconds: float, what: str, given: Any) -> float:
    if not EARLIEST_TIME <= seconds <= LATEST_TIME:  # also false for nan
        raise BadRecord(Message("record.time-range", {"what": what, "text": repr(str(given)[:40])}))
    return seconds


def add_events(conn: Connection, events: Iterable[Mapping]) -> int:
    """Insert events (contact_id, name, time, properties): already checked."""
    rows = [{"contact_id": e["contact_id"], "name": e["name"], "time": float(e["time"]),
             "properties": dumps(dict(e.get("properties") or {}))} for e in events]
    if rows:
        dialect.writing_feed(conn)
        dialect.bulk_insert(conn, Event.__table__, rows)
    return len(rows)


def record_live(conn: Connection, events: list[Mapping]) -> int:
    """Events happening now (``journey event``, an app calling in): unlike imported
    history, they start journeys, also ones that first run after they were recorded."""
    if events:
        note_live(conn, min(float(e["time"]) for e in events))
    return add_events(conn, events)


def resolve_contact(conn: Connection, ref: str) -> str | None:
    """A contact id from an id or an email."""
    row = conn.execute(select(Contact.id).where(Contact.id == ref)).first()
    if row is None and "@" in ref:
        row = conn.execute(select(Contact.id).where(Contact.email == ref.strip().lower())).first()
    return row[0] if row else None


def add_to_list(conn: Connection, list_name: str, contact_ids: Iterable[str], now: float) -> int:
    rows = [{"list_name": list_name, "contact_id": c, "added_at": now} for c in contact_ids]
    if rows:
        dialect.writing_feed(conn)
        conn.execute(insert(ListEntry), rows)
    return len(rows)


def count_contacts(conn: Connection) -> int:
    return conn.execute(select(func.count()).select_from(Contact)).scalar_one()


def load_sample(store: Store, n: int = 1000, seed: int = 7, end: float | None = None,
                events: bool = True) -> ImportReport:
    """Load the deterministic sample; event history is shifted to end at ``end`` (default: now)."""
    contacts = sample_contacts(n, seed)
    shift = (end if end is not None else datetime.now(UTC).timestamp()) - SAMPLE_END.timestamp()
    report = ImportReport()
    with store.write() as conn:
        now = shift + SAMPLE_END.timestamp()
        report.inserted, report.updated = upsert(conn, (normalise(c) for c in contacts), now)
        if events:
            history = sample_events(contacts, seed)
            history = [{**e, "time": parse_time(e["time"]) + shift} for e in history]
            report.events = add_events(conn, history)
            note_history(conn, (e["time"] for e in history))
        note_clock(conn, now)
    return report


# --- the bundled files ----------------------------------------------------------

SAMPLE_COLUMNS = [*CORE, "tags", *(f"consent.{c}" for c in CHANNELS)]


def flatten(contact: Mapping) -> dict[str, Any]:
    """One CSV row: tags joined by ';', consent and attributes as dotted columns."""
    row = {k: contact.get(k) if contact.get(k) is not None else "" for k in CORE}
    row["tags"] = ";".join(contact.get("tags") or [])
    row.update({f"consent.{c}": "yes" if contact["consent"].get(c) else "no" for c in CHANNELS})
    row.update({f"attr.{k}": v for k, v in (contact.get("attributes") or {}).items()})
    return row


def write_sample_files(folder: Path = SAMPLE_DIR) -> tuple[Path, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    contacts = sample_contacts()
    rows = [flatten(c) for c in contacts]
    columns = SAMPLE_COLUMNS + sorted({k for r in rows for k in r if k.startswith("attr.")})
    people, history = folder / "contacts.csv", folder / "events.csv"
    with open(people, "w", encoding="utf-8", newline="") as fh:
        write_dicts(fh, columns, rows, neutralise=False)  # generated data to import, no text typed by a user
    with open(history, "w", encoding="utf-8", newline="") as fh:
        write_rows(fh, ["contact_id", "name", "time", "properties"],
                   ([e["contact_id"], e["name"], e["time"], dumps(e["properties"])] for e in sample_events(contacts)),
                   neutralise=False)
    return people, history


if __name__ == "__main__" and "--write-sample" in sys.argv:
    for path in write_sample_files():
        print(f"wrote {path}")
