"""Contacts in: the deterministic sample, CSV import with mapping and bad rows, HTTP API import."""

from __future__ import annotations

import csv

from designer.runtime.contacts import SAMPLE_DIR, flatten, load_sample

from designer.runtime.channels.config import Secrets
from designer.runtime.imports import import_contacts_csv, import_contacts_http, import_events_csv
from designer.runtime.sample import sample_contacts, sample_events

from .conftest import T0, rows


def test_sample_is_deterministic_varied_and_matches_the_bundled_files():
    people = sample_contacts()
    assert people == sample_contacts() and len(people) == 1000
    assert len({p["id"] for p in people}) == 1000
    zones = {p["timezone"] for p in people}
    assert {"Asia/Shanghai", "Europe/London", "America/New_York"} <= zones
    assert any(not p["first_name"].isascii() for p in people)  # Chinese names
    assert 0 < sum(p["phone"] is None for p in people) < 500
    assert {type(v) for p in people for v in p["consent"].values()} == {bool}
    events = sample_events(people)
    assert {"signed_up", "email_opened", "purchased", "visited_site", "checked_in"} <= {e["name"] for e in events}
    assert events == sample_events(sample_contacts())
    with open(SAMPLE_DIR / "contacts.csv", encoding="utf-8", newline="") as fh:
        bundled = list(csv.DictReader(fh))
    assert bundled[0] == {k: str(v) for k, v in flatten(people[0]).items()}
    assert len(bundled) == 1000
    with open(SAMPLE_DIR / "events.csv", encoding="utf-8", newline="") as fh:
        assert sum(1 for _ in fh) == len(events) + 1


def test_load_sample_shifts_history_to_end_now(store):
    report = load_sample(store, 50, end=T0)
    assert report.inserted == 50 and report.events > 0
    latest = rows(store, "SELECT max(time) AS t FROM event")[0]["t"]
    assert T0 - 86400 * 28 <= latest <= T0
    again = load_sample(store, 50, end=T0)
    assert (again.inserted, again.updated) == (0, 50)  # upserted, not duplicated


def test_csv_import_maps_columns_reports_bad_rows_and_upserts(store, tmp_path):
    path = tmp_path / "people.csv"
    path.write_text(
        "Customer ID,E-mail,Given name,Mobile,Tags,consent.email,City,Score,Internal\n"
        "x1,Ann@Example.com,Ann,+44 1,vip;newsletter,yes,London,42,secret\n"
        "x2,not-an-email,Bob,,,,Paris,,\n"
        ",,,,,,,,\n"
        "x3,cy@example.com,\"Cy, Jr\",,,maybe,Rome,1,\n"
        ",dee@example.com,Dee,,,no,Oslo,abc,\n"
        ",eve@example.com,Eve,,,no,Oslo,7,\n",
        encoding="utf-8")
    mapping = {"Customer ID": "id", "E-mail": "email", "Given name": "first_name", "Mobile": "phone", "Internal": "-",
               "Score": "score"}
    report = import_contacts_csv(store, path, mapping, now=T0)
    assert report.bad == [(3, "email 'not-an-email' is not an email address"),
                          (5, "consent for email must be yes/no, not 'maybe'"),
                          (6, "score must be a number, not 'abc'")]
    assert (report.inserted, report.updated) == (2, 0)
    ann = rows(store, "SELECT * FROM contact WHERE id = 'x1'")[0]
    assert ann["email"] == "ann@example.com" and ann["tags"] == '["newsletter","vip"]' and ann["score"] == 42
    assert '"City":"London"' in ann["attributes"] and "secret" not in ann["attributes"]
    again = tmp_path / "again.csv"
    again.write_text("email,first_name,attr.plan\nANN@example.com,Annie,pro\neve@example.com,Eve,free\n",
                     encoding="utf-8")
    report = import_contacts_csv(store, again, now=T0)
    assert (report.inserted, report.updated, report.bad) == (0, 2, [])
    ann = rows(store, "SELECT * FROM contact WHERE id = 'x1'")[0]
    assert ann["first_name"] == "Annie" and '"plan":"pro"' in ann["attributes"] and '"City":"London"' in ann["attributes"]
    assert rows(store, "SELECT count(*) AS n FROM contact")[0]["n"] == 2


def test_event_csv_import(store, tmp_path):
    people = tmp_path / "p.csv"
    people.write_text("id,email\na,a@example.com\n", encoding="utf-8")
    import_contacts_csv(store, people, now=T0)
    path = tmp_path / "events.csv"
    path.write_text("contact,event,time,prop.amount,properties\n"
                    "a@example.com,purchased,2025-03-01T10:00:00Z,30,{\"sku\": \"beans\"}\n"
                    "nobody,purchased,2025-03-01T10:00:00Z,,\n"
                    "a,,2025-03-01T10:00:00Z,,\n"
                    "a,visited_site,yesterday,,\n", encoding="utf-8")
    report = import_events_csv(store, path)
    assert report.events == 1
    assert [line for line, _ in report.bad] == [3, 4, 5]
    event = rows(store, "SELECT * FROM event")[0]
    assert event["contact_id"] == "a" and event["properties"] == '{"amount":"30","sku":"beans"}'


def test_http_import_follows_pages_with_auth(store, hook):
    hook.pages = {
        "/api/contacts": (200, {"data": [{"id": "h1", "email": "h1@example.com", "consent": {"email": True}},
                                         {"id": "h2", "email": "broken"}],
                                "next": "/api/contacts?page=2"}, {}),
        "/api/contacts?page=2": (200, {"data": [{"id": "h3", "email": "h3@example.com", "tags": ["api"]}],
                                       "next": None}, {}),
    }
    report = import_contacts_http(store, hook.url("/api/contacts"), {"Authorization": "Bearer {{secret.CRM}}"},
                                  Secrets({}, {"JOURNEY_SECRET_CRM": "tok"}), now=T0)
    assert (report.inserted, report.bad) == (2, [(2, "page 1: email 'broken' is not an email address")])
    assert [r["headers"]["Authorization"] for r in hook.requests] == ["Bearer tok", "Bearer tok"]
    assert {r["id"] for r in rows(store, "SELECT id FROM contact")} == {"h1", "h3"}


def test_display_name_writes_cjk_names_family_name_first():
    from designer.runtime.contacts import display_name

    assert display_name({"first_name": "敏", "last_name": "周"}) == "周敏"
    assert display_name({"first_name": "Mia", "last_name": "Johnson"}) == "Mia Johnson"
    assert display_name({"first_name": "Mia", "last_name": None}) == "Mia"
