"""Secrets go only where their owner allows; webhook destinations from a shared
file are checked; paginated imports keep credentials on their origin."""

from __future__ import annotations

import pytest

from designer.runtime.channels import Message
from designer.runtime.channels.config import ChannelConfig, Config, Secrets
from designer.runtime.channels.webhook import WebhookConnector
from designer.runtime.imports import import_contacts_http
from designer.runtime.interpreter import JourneyInvalid
from designer.validation import validate
from tests.builders import blueprint, node, workflow

from .conftest import T0, add_people, engine, person, rows
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


# --- the validator ---------------------------------------------------------------------


def _hook_flow(**settings):
    nodes = [node("t", "trigger.manual", list_name="vip"), node("s", "send.webhook", **settings),
             node("x", "exit", reason="done")]
    return blueprint(workflow(nodes, [("t", "next", "s"), ("s", "next", "x")], goal=None))


def _codes(bp, **kwargs):
    return [(p.severity, p.code) for p in validate(bp, **kwargs) if p.code not in ("no-goal",)]


@pytest.mark.parametrize("url", ["http://169.254.169.254/latest/meta-data/", "http://127.0.0.1:8080/x",
                                 "http://localhost/x", "http://10.1.2.3/x", "http://192.168.0.10/x",
                                 "http://[::1]/x", "http://{{host}}/x", "https://{{sub}}.example.com/x",
                                 ])
def test_validator_warns_about_risky_webhook_destinations(url):
    assert ("warning", "webhook-destination") in _codes(_hook_flow(url=url))


@pytest.mark.parametrize("url", ["https://api.example.com/hooks/{{id}}", "https://hooks.example.com/x?c={{city}}"])
def test_public_fixed_hosts_are_fine(url):
    assert "webhook-destination" not in {code for _, code in _codes(_hook_flow(url=url))}


@pytest.mark.parametrize("field, value", [("url", "https://api.example.com/x?k={{secret.SMTP_PASSWORD}}"),
                                          ("body", '{"token": "{{secret.SMS_TOKEN}}"}')])
def test_a_secret_outside_headers_is_an_error_not_an_empty_text(field, value):
    settings = {"url": "https://api.example.com/x", field: value}
    assert ("error", "secret-outside-headers") in _codes(_hook_flow(**settings))


def test_validator_checks_secrets_against_their_allowed_hosts():
    bp = _hook_flow(url="https://receiver.example.org/x", headers={"Authorization": "Bearer {{secret.SMTP_PASSWORD}}"})
    assert ("error", "secret-not-allowed") in _codes(bp, secret_hosts={"SMTP_PASSWORD": ["smtp.example.com"]})
    assert ("error", "secret-not-allowed") in _codes(bp, secret_hosts={})
    assert "secret-not-allowed" not in {c for _, c in _codes(bp, secret_hosts={"SMTP_PASSWORD": ["*.example.org"]})}


# --- at send time ------------------------------------------------------------------------


def _message(url, headers, templated=False):
    content = {"url": url, "method": "POST", "headers": headers, "body": "{}", "templated_host": templated}
    return Message(key="k1", channel="webhook", contact_id="c1", payload={"content": content}, attempt=1)


def test_send_refuses_a_secret_toward_a_host_not_allowed(hook):
    secrets = Secrets({"SMTP_PASSWORD": "pa55"}, {}, {"SMTP_PASSWORD": ["smtp.example.com"]})
    connector = WebhookConnector("webhook", ChannelConfig(connector="webhook"), secrets)
    try:
        outcome = connector.send(_message(hook.url("/x"), {"X-Leak": "{{secret.SMTP_PASSWORD}}"}))
        assert outcome.result == "failed" and "not allowed" in outcome.error and "127.0.0.1" in outcome.error
        assert hook.requests == []
        secrets.hosts["SMTP_PASSWORD"].append("127.0.0.1")
        assert connector.send(_message(hook.url("/x"), {"X-Key": "{{secret.SMTP_PASSWORD}}"})).result == "sent"
        assert hook.requests[0]["headers"]["X-Key"] == "pa55"
    finally:
        connector.close()


def test_send_refuses_a_templated_host_unless_the_config_allows_it(hook):
    connector = WebhookConnector("webhook", ChannelConfig(connector="webhook"), Secrets({}, {}))
    allowing = WebhookConnector("webhook", ChannelConfig(connector="webhook", allow_templated_hosts=True),
                                Secrets({}, {}))
    try:
        outcome = connector.send(_message(hook.url("/x"), {}, templated=True))
        assert outcome.result == "failed" and "allow_templated_hosts" in outcome.error
        assert hook.requests == []
        assert allowing.send(_message(hook.url("/x"), {}, templated=True)).result == "sent"
    finally:
        connector.close()
        allowing.close()


def test_a_run_refuses_a_blueprint_sending_a_secret_elsewhere(store, clock, hook):
    bp = _hook_flow(url=hook.url("/x"), headers={"Authorization": "Bearer {{secret.SMS_TOKEN}}"})
    add_people(store, person("a"))
    config = Config.model_validate({"channels": {"webhook": {"connector": "webhook"}},
                                    "secret_hosts": {"SMS_TOKEN": ["sms.example.com"]}})
    secrets = Secrets({"SMS_TOKEN": "s3cret"}, {}, config.secret_hosts)
    with pytest.raises(JourneyInvalid) as err:
        engine(store, bp, clock, config=config, secrets=secrets)
    assert any(p.code == "secret-not-allowed" for p in err.value.problems)


def test_an_allowed_secret_is_sent_and_never_stored(store, clock, hook):
    from designer.runtime.contacts import add_to_list

    bp = _hook_flow(url=hook.url("/x"), headers={"Authorization": "Bearer {{secret.HOOK_TOKEN}}"})
    add_people(store, person("a"))
    with store.write() as conn:
        add_to_list(conn, "vip", ["a"], T0)
    config = Config.model_validate({"channels": {"webhook": {"connector": "webhook"}}})
    secrets = Secrets({}, {"JOURNEY_SECRET_HOOK_TOKEN": "t0ps3cret"}, {"HOOK_TOKEN": [hook.url("/")]})
    eng = engine(store, bp, clock, config=config, secrets=secrets)
    clock.set(T0 + 60)
    eng.tick()
    eng.close()
    assert [r["headers"]["Authorization"] for r in hook.requests] == ["Bearer t0ps3cret"]
    dump = "\n".join(str(r) for r in rows(store, "SELECT * FROM outbox"))
    assert "t0ps3cret" not in dump  # secrets are resolved at send time, never stored


def test_validate_command_checks_secrets_with_a_config(tmp_path, capsys):
    from designer.cli import main
    from designer.fileformat import save

    bp = _hook_flow(url="https://receiver.example.org/x", headers={"Authorization": "Bearer {{secret.SMS_TOKEN}}"})
    save(bp, tmp_path / "b.json")
    (tmp_path / "c.toml").write_text('[secret_hosts]\nSMS_TOKEN = ["sms.example.com"]\n')
    assert main(["validate", str(tmp_path / "b.json"), "--json"]) == 0
    capsys.readouterr()
    assert main(["validate", str(tmp_path / "b.json"), "--config", str(tmp_path / "c.toml"), "--json"]) == 1
    assert "secret-not-allowed" in capsys.readouterr().out
