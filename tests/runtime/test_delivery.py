"""Real delivery: webhooks to a local HTTP server, email to a local SMTP server, retries, crash recovery."""

from __future__ import annotations

import json
import socket
import ssl
import time

from designer.runtime.delivery import Deliverer
from sqlalchemy import text

from designer.blueprint import JourneySettings
from designer.runtime.channels.config import Config, Secrets
from tests.builders import blueprint, node, workflow

from .conftest import T0, add_people, engine, passes, person, rows
from .servers import MailServer, self_signed


def _flow(send, **fields):
    nodes = [node("t", "trigger.manual", list_name="vip"), send, node("x", "exit", reason="done")]
    return blueprint(workflow(nodes, [("t", "next", "s"), ("s", "next", "x")], goal=None, **fields))


def _enlist(store, *ids):
    from designer.runtime.contacts import add_to_list

    with store.write() as conn:
        add_to_list(conn, "vip", ids, T0)


def _config(**channels) -> Config:
    return Config.model_validate({"delivery": {"backoff_seconds": 0.01, "in_doubt_grace_seconds": 0},
                                  "channels": channels})


def _drain(eng, seconds: float = 5.0) -> None:
    """Deliver until nothing is pending (retries have tiny backoffs here)."""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        eng.tick()
        if not rows(eng.store, "SELECT 1 FROM outbox WHERE state IN ('pending', 'sending')"):
            return
        time.sleep(0.01)
    raise AssertionError("outbox did not drain")


def test_webhook_outcomes_retries_and_the_run_goes_on(store, clock, hook):
    send = node("s", "send.webhook", url="http://{{endpoint}}", timeout_seconds=0.2, retries=3,
                headers={"X-Contact": "{{id}}"},  # no secret: its host is chosen by contact data
                body='{"contact": "{{id}}", "name": "{{first_name}}"}')
    hook.script = {"/flaky": ["hang", 500, 200], "/bad": [400]}
    people = {c: f"127.0.0.1:{hook.port}/{c}" for c in ("flaky", "bad", "ok")}
    people["down"] = "127.0.0.1:9/nothing-listens"
    add_people(store, *(person(c, first_name='Zoë "Z"', attributes={"endpoint": url}) for c, url in people.items()))
    eng = engine(store, _flow(send), clock, config=_config(webhook={"connector": "webhook", "allow_templated_hosts": True}),
                 secrets=Secrets({}, {}))
    _enlist(store, *people)
    _drain(eng)
    box = {r["contact_id"]: r for r in rows(store, "SELECT * FROM outbox")}
    assert (box["ok"]["state"], box["ok"]["attempts"]) == ("sent", 1)
    assert (box["flaky"]["state"], box["flaky"]["attempts"]) == ("sent", 3)
    assert box["flaky"]["last_error"].startswith("attempt 2: HTTP 500")  # the history of the retries is kept
    assert (box["bad"]["state"], box["bad"]["attempts"]) == ("failed", 1)  # no retry on 4xx
    assert box["bad"]["last_error"].startswith("HTTP 400")
    assert box["down"]["state"] == "failed" and box["down"]["attempts"] == 4
    assert box["down"]["last_error"].startswith("gave up after 4 attempts: cannot connect")
    assert {p["state"] for p in passes(store).values()} == {"exited"}  # everyone went on
    ok = next(r for r in hook.requests if r["path"] == "/ok")
    assert ok["headers"]["Idempotency-Key"] == box["ok"]["key"]
    assert ok["headers"]["X-Contact"] == "ok"
    assert json.loads(ok["body"]) == {"contact": "ok", "name": 'Zoë "Z"'}


def test_backoff_grows_between_retries(store, clock, hook):
    hook.script = {"/slow": [503, 503, 200]}
    add_people(store, person("a"))
    send = node("s", "send.webhook", url=hook.url("/slow"), retries=3, timeout_seconds=1)
    config = _config(webhook={"connector": "webhook"})
    config.delivery.backoff_seconds = 0.05
    eng = engine(store, _flow(send), clock, config=config)
    _enlist(store, "a")
    _drain(eng)
    row = rows(store, "SELECT * FROM outbox")[0]
    assert (row["state"], row["attempts"]) == ("sent", 3)
    gaps = [b - a for a, b in zip(hook.times, hook.times[1:])]
    assert gaps[0] >= 0.05 and gaps[1] >= 0.1  # 0.05 s, then 0.1 s: doubling


def test_missing_secret_fails_clearly(store, clock, hook):
    send = node("s", "send.webhook", url=hook.url("/x"), headers={"X-Api-Key": "{{secret.NOPE}}"})
    add_people(store, person("a"))
    eng = engine(store, _flow(send), clock, config=_config(webhook={"connector": "webhook"}),
                 secrets=Secrets({}, {}, {"NOPE": ["127.0.0.1"]}))  # allowed there, but not set
    _enlist(store, "a")
    _drain(eng)
    row = rows(store, "SELECT * FROM outbox")[0]
    assert row["state"] == "failed" and "secret NOPE is not set" in row["last_error"]
    assert hook.requests == []


def test_webhook_is_sandboxed_until_configured(store, clock, hook):
    add_people(store, person("a"))
    eng = engine(store, _flow(node("s", "send.webhook", url=hook.url("/x"))), clock)
    _enlist(store, "a")
    eng.tick()
    assert rows(store, "SELECT state FROM outbox") == [{"state": "sandboxed"}]
    assert hook.requests == []


def test_sms_through_a_webhook_connector(store, clock, hook):
    add_people(store, person("a", first_name="Li"))
    config = _config(sms={"connector": "webhook", "url": hook.url("/sms"), "headers": {"X-Key": "{{secret.K}}"}})
    eng = engine(store, _flow(node("s", "send.sms", text="Hi {{first_name}}")), clock, config=config,
                 secrets=Secrets({"K": "from-file"}, {}))
    _enlist(store, "a")
    _drain(eng)
    body = json.loads(hook.requests[0]["body"])
    assert body["to"] == "+44 7700 900123" and body["message"]["text"] == "Hi Li" and body["channel"] == "sms"
    assert hook.requests[0]["headers"]["X-Key"] == "from-file"


def _email_flow():
    return _flow(node("s", "send.email", subject="Hello {{first_name}}", body="Welcome to {{brand}}.",
                      sender_name="{{brand}}"), settings=JourneySettings(quiet_hours=None))


def test_email_over_smtp(store, clock, mail):
    add_people(store, person("a", first_name="Mei"))
    config = _config(email={"connector": "smtp", "host": "127.0.0.1", "port": mail.port, "sender": "j@example.com"})
    bp = _email_flow()
    bp.variables["brand"] = "Acme"
    eng = engine(store, bp, clock, config=config)
    _enlist(store, "a")
    _drain(eng)
    row = rows(store, "SELECT * FROM outbox")[0]
    assert row["state"] == "sent"
    msg = mail.received[0]
    assert msg["Message-ID"] == f"<{row['key']}@journey-designer.local>"
    assert (msg["Subject"], msg["To"], msg["From"]) == ("Hello Mei", "a@example.com", "Acme <j@example.com>")
    assert "Welcome to Acme." in msg.get_payload()


def test_email_with_starttls_and_login(store, clock, tmp_path):
    cert, key = self_signed(tmp_path)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    def check(server, session, envelope, mechanism, auth_data):
        from aiosmtpd.smtp import AuthResult

        return AuthResult(success=auth_data.login == b"journeys" and auth_data.password == b"pa55", handled=False)

    server = MailServer(tmp_path / "tls.log", tls_context=context, require_starttls=True, authenticator=check)
    try:
        add_people(store, person("a"), person("b"))
        base = {"connector": "smtp", "host": "127.0.0.1", "port": server.port, "security": "starttls",
                "ca_file": str(cert), "username": "journeys", "password": "{{secret.SMTP_PASSWORD}}"}
        eng = engine(store, _email_flow(), clock, config=_config(email=base),
                     secrets=Secrets({}, {"JOURNEY_SECRET_SMTP_PASSWORD": "pa55"}))
        _enlist(store, "a")
        _drain(eng)
        assert rows(store, "SELECT state FROM outbox") == [{"state": "sent"}]
        assert len(server.received) == 1
        eng.close()
        eng = engine(store, _email_flow(), clock, config=_config(email=base),
                     secrets=Secrets({}, {"JOURNEY_SECRET_SMTP_PASSWORD": "wrong"}))
        _enlist(store, "b")
        _drain(eng)
        bad = rows(store, "SELECT * FROM outbox WHERE contact_id = 'b'")[0]
        assert bad["state"] == "failed" and bad["last_error"].startswith("login refused")
    finally:
        server.close()


def _orphan(store) -> None:
    """Leave the outbox row as a process killed mid-send would: 'sending', claimed by a pid that is gone."""
    with store.write() as conn:
        conn.execute(text("UPDATE outbox SET state = 'sending', owner = :o, sending_since = 1.0, attempts = 1"),
                     {"o": f"{socket.gethostname()}:4194999"})


def test_smtp_send_left_in_doubt_is_judged_by_the_delivery_log(store, clock, mail):
    add_people(store, person("a"))
    config = _config(email={"connector": "smtp", "host": "127.0.0.1", "port": mail.port})
    eng = engine(store, _email_flow(), clock, config=config, deliver=False)
    _enlist(store, "a")
    eng.tick()
    _orphan(store)
    # Without a delivery log SMTP cannot tell: in doubt, not resent (at most once).
    assert Deliverer(store, clock, config).recover() == {"in_doubt": 1}
    assert mail.received == []
    _orphan(store)
    config.channels["email"].confirm_log = str(mail.log)
    assert Deliverer(store, clock, config).recover() == {"pending": 1}  # not in the log: it never arrived
    Deliverer(store, clock, config).deliver()
    assert len(mail.received) == 1
    _orphan(store)  # pretend we died after the server accepted it
    assert Deliverer(store, clock, config).recover() == {"sent": 1}  # in the log: never sent twice
    assert len(mail.received) == 1


def test_webhook_send_left_sending_is_resent_with_the_same_key(store, clock, hook):
    add_people(store, person("a"))
    send = node("s", "send.webhook", url=hook.url("/x"))
    config = _config(webhook={"connector": "webhook"})
    eng = engine(store, _flow(send), clock, config=config)
    _enlist(store, "a")
    _drain(eng)
    _orphan(store)
    deliverer = Deliverer(store, clock, config)
    assert deliverer.recover() == {"pending": 1}
    deliverer.deliver()
    keys = [r["headers"]["Idempotency-Key"] for r in hook.requests]
    assert len(keys) == 2 and len(set(keys)) == 1  # sent again, same key
    assert sum(hook.applied.values()) == 1  # the receiver applied it once
