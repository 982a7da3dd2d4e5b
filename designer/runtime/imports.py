"""Importing contacts and events: CSV files with column mapping, and HTTP JSON APIs.

Column mapping: a column named like a contact field (``email``), ``tags``,
``consent.<channel>`` or ``attr.<name>`` goes there; any other column becomes
an attribute of the same name. ``mapping`` renames (``{"E-mail": "email",
"Mobile": "phone", "Internal": "-"}``; ``-`` ignores a column). Bad rows are
reported with their line number and reason; good rows are imported.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from itertools import islice
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import httpx

from designer.destinations import origin
from designer.i18n import Message

from .channels.config import ConfigError, Secrets
from .csv_rows import ImportFailed, csv_rows
from .durable.contacts import (
    BadRecord,
    ImportReport,
    add_events,
    add_to_list,
    normalise,
    parse_time,
    resolve_contact,
    upsert,
)
from .durable.frames import CORE
from .durable.listening import note_history
from .durable.store import Store

EVENT_FIELDS = {"contact_id": "contact", "contact": "contact", "email": "contact", "name": "name", "event": "name",
                "time": "time", "timestamp": "time", "properties": "properties"}
ITEM_KEYS = ("data", "items", "contacts", "results", "records")
CHUNK = 5_000  # rows per write transaction: a few tens of milliseconds of holding the lock


def contact_from(flat: Mapping[str, Any], mapping: Mapping[str, str]) -> dict:
    """A raw contact (for normalise) from one flat row, after column mapping."""
    raw: dict[str, Any] = {"attributes": {}, "consent": {}}
    for column, value in flat.items():
        target = mapping.get(column) or _known(column)
        if target == "-":
            continue
        if target in CORE or target == "tags":
            raw[target] = value
        elif target.startswith(("consent.", "consent_")):
            raw["consent"][target[8:]] = value
        elif target in ("attributes", "consent") and isinstance(value, Mapping):
            raw[target].update(value)
        else:
            for prefix in ("attr.", "attributes."):
                target = target.removeprefix(prefix)
            raw["attributes"][target] = value
    if not raw["consent"]:
        del raw["consent"]
    return raw


def _known(column: str) -> str:
    """'First Name' -> first_name, 'Consent SMS' -> consent.sms: known fields match loosely; others stay as named."""
    key = "_".join(column.strip().lower().replace("-", " ").split())
    if key in CORE or key == "tags":
        return key
    if key.startswith(("consent_", "consent.")):
        return "consent." + key[8:]
    return column


def read_contacts_csv(path: str | Path, mapping: Mapping[str, str] | None = None) -> Iterator[tuple[int, dict | BadRecord]]:
    """The one contacts CSV reader (``journey contacts import`` and the dry-run's ``--contacts``):
    (line, normalised record) per row, or (line, BadRecord) for a row that cannot be read;
    raises ImportFailed when the file as a whole cannot."""
    for line, flat in csv_rows(path):
        try:
            if isinstance(flat, str):
                raise BadRecord(flat)
            yield line, normalise(contact_from(flat, mapping or {}))
        except BadRecord as err:
            yield line, err


def import_contacts_csv(store: Store, path: str | Path, mapping: Mapping[str, str] | None = None,
                        list_name: str | None = None, now: float = 0.0) -> ImportReport:
    """Read and commit CHUNK rows at a time: memory stays bounded and a running engine
    gets the write lock between chunks. An interrupted import keeps the chunks it
    committed; importing the file again updates them (contacts are matched by id/email)."""
    report, good = ImportReport(), []
    for line, record in read_contacts_csv(path, mapping):
        if isinstance(record, BadRecord):
            report.bad.append((line, str(record)))
        else:
            good.append(record)
        if len(good) >= CHUNK:
            _save(store, good, report, list_name, now)
            good = []
    _save(store, good, report, list_name, now)
    return report


def _save(store: Store, good: list[dict], report: ImportReport, list_name: str | None, now: float) -> None:
    for start in range(0, len(good), CHUNK):  # one short transaction per chunk
        chunk = good[start:start + CHUNK]
        with store.write() as conn:
            inserted, updated = upsert(conn, chunk, now)
            report.inserted, report.updated = report.inserted + inserted, report.updated + updated
            if list_name:
                ids = [resolve_contact(conn, r.get("id") or r["email"]) for r in chunk]
                add_to_list(conn, list_name, [i for i in ids if i], now)


def import_events_csv(store: Store, path: str | Path, mapping: Mapping[str, str] | None = None) -> ImportReport:
    report, rows = ImportReport(), iter(csv_rows(path))
    while chunk := list(islice(rows, CHUNK)):  # one short transaction per chunk, as for contacts
        _save_events(store, chunk, mapping, report)
    return report


def _save_events(store: Store, rows: list, mapping: Mapping[str, str] | None, report: ImportReport) -> None:
    with store.write() as conn:
        good = []
        for line, flat in rows:
            try:
                if isinstance(flat, str):
                    raise BadRecord(flat)
                event: dict[str, Any] = {"properties": {}}
                for column, value in flat.items():
                    target = (mapping or {}).get(column, column)
                    key = EVENT_FIELDS.get(target)
                    if key == "properties":
                        event["properties"].update(_properties(value))
                    elif key:
                        event[key] = value.strip()
                    elif target.startswith("prop.") and value != "":
                        event["properties"][target[5:]] = value
                if not event.get("name"):
                    raise BadRecord(Message("record.event-no-name"))
                contact = resolve_contact(conn, event.get("contact") or "")
                if contact is None:
                    raise BadRecord(Message("record.no-contact", {"contact": repr(event.get("contact"))}))
                good.append({"contact_id": contact, "name": event["name"], "time": parse_time(event.get("time")),
                             "properties": event["properties"]})
            except BadRecord as err:
                report.bad.append((line, str(err)))
        report.events += add_events(conn, good)
        note_history(conn, (e["time"] for e in good))  # imported events are history: they start no journey


def _properties(cell: str) -> dict:
    """An events file's ``properties`` cell: empty, or a JSON object."""
    if not cell.strip():
        return {}
    try:
        value = json.loads(cell)
    except (ValueError, RecursionError):
        raise BadRecord(Message("record.properties-json")) from None
    if not isinstance(value, dict):
        raise BadRecord(Message("record.properties-object", {"cell": repr(cell[:40])}))
    return value


def import_contacts_http(store: Store, url: str, headers: Mapping[str, str] | None = None,
                         secrets: Secrets | None = None, mapping: Mapping[str, str] | None = None,
                         list_name: str | None = None, now: float = 0.0, max_pages: int = 1000,
                         timeout: float = 30.0, client: httpx.Client | None = None) -> ImportReport:
    """Follow a paginated JSON API: a list, or an object holding the list under
    data/items/contacts/results/records and the next page's URL under ``next``
    (or a ``Link: rel=next`` header). Header values may use ``{{secret.NAME}}``; they are
    sent only to the first page's origin: a ``next`` link elsewhere is fetched without them."""
    secrets = secrets or Secrets({}, {})
    try:
        resolved = {k: secrets.resolve(v) for k, v in (headers or {}).items()}
    except ConfigError as err:
        raise ImportFailed(str(err)) from None
    report, good, n = ImportReport(), [], 0
    own = client is None
    client = client or httpx.Client(timeout=timeout)
    try:
        next_url: str | None = url
        for page in range(1, max_pages + 1):
            if not next_url:
                break
            same_origin = origin(next_url) == origin(url)
            items, following = _page(client, next_url, resolved if same_origin else {}, page)
            for item in items:
                n += 1
                try:
                    if not isinstance(item, Mapping):
                        raise BadRecord(Message("record.not-object"))
                    good.append(normalise(contact_from(item, mapping or {})))
                except BadRecord as err:
                    report.bad.append((n, str(Message("import.page-record", {"page": page, "reason": err.args[0]}))))
            next_url = urljoin(next_url, following) if following else None
    finally:
        if own:
            client.close()
    _save(store, good, report, list_name, now)
    return report


def _page(client: httpx.Client, url: str, headers: Mapping[str, str], page: int) -> tuple[list, str | None]:
    try:
        response = client.get(url, headers=dict(headers))
    except httpx.HTTPError as err:
        raise ImportFailed(Message("import.cannot-fetch", {"page": page, "url": url, "error": str(err)})) from None
    if response.status_code != 200:
        raise ImportFailed(Message("import.http-status", {"page": page, "url": url, "status": response.status_code,
                                                          "text": response.text[:120]}))
    try:
        body = response.json()
    except ValueError:
        raise ImportFailed(Message("import.not-json", {"page": page, "url": url})) from None
    following = response.links.get("next", {}).get("url")
    if isinstance(body, list):
        return body, following
    if isinstance(body, Mapping):
        for key in ITEM_KEYS:
            if isinstance(body.get(key), list):
                nxt = body.get("next") or body.get("next_url") or following
                return body[key], nxt if isinstance(nxt, str) else None
    raise ImportFailed(Message("import.no-list", {"page": page, "url": url, "keys": ", ".join(ITEM_KEYS)}))
