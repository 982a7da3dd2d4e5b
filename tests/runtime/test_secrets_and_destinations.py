"""Secrets go only where their owner allows; webhook destinations from a shared
file are checked; paginated imports keep credentials on their origin."""

from __future__ import annotations

from designer.runtime.channels.config import Secrets
from designer.runtime.imports import import_contacts_http

from .conftest import T0, rows
from .servers import HookServer


def test_http_import_drops_credentials_when_next_leaves_the_origin(store, hook):
    other = HookServer()
    try:
        hook.pages = {"/api/contacts": (200, {"data": [{"id": "h1", "email": "h1@example.com"}],
                                              "next": other.url("/steal")}, {})}
        other.pages = {"/steal": (200, {"data": [{"id": "h2", "email": "h2@example.com"}], "next": None}, {})}
        import_contacts_http(store, hook.url("/api/contacts"), {"Authorization": "Bearer {{secret.CRM}}",
                                                               "X-Api-Key": "{{secret.CRM}}"},
                             Secrets({}, {"JOURNEY_SECRET_CRM": "tok"}), now=T0)
        assert hook.requests[0]["headers"]["Authorization"] == "Bearer tok"
        assert len(other.requests) == 1
        sent = {k.lower(): v for k, v in other.requests[0]["headers"].items()}
        assert "authorization" not in sent and "x-api-key" not in sent
        assert "tok" not in str(other.requests[0])
        assert {r["id"] for r in rows(store, "SELECT id FROM contact")} == {"h1", "h2"}
    finally:
        other.close()
