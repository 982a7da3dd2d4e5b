"""HTTP delivery with httpx: the webhook step, and any channel routed to an HTTP API.

Every request carries ``Idempotency-Key`` (the outbox key). A row left
'sending' by a killed process is sent again with the same key: delivery is
at-least-once, and a receiver that honours the key applies it once.
Timeouts, connection errors, 408, 409, 425, 429 and 5xx are retried; other 4xx
are not. 409 is how a receiver honouring the key (Stripe's convention) answers
a second request with the same key while the first is still being processed:
the message is not failed; a later retry gets the first request's answer.
"""

from __future__ import annotations

import json

import httpx

from . import Message, Outcome, Recovery
from .config import ChannelConfig, ConfigError, Secrets

RETRY_STATUS = {408, 409, 425, 429}


class WebhookConnector:
    name = "webhook"

    def __init__(self, channel: str, config: ChannelConfig, secrets: Secrets) -> None:
        self.channel = channel
        self.config = config
        self.secrets = secrets
        self.client = httpx.Client(follow_redirects=False)

    def request(self, message: Message) -> tuple[str, str, dict[str, str], bytes, float]:
        p = message.payload
        values = {"id": message.contact_id, "idempotency_key": message.key}
        c = p.get("content", {})
        toward = None  # the owner's own connector config: its secrets go where it says
        if self.channel == "webhook" and not self.config.url:  # the step's own request: a shared file chose it
            method, url, raw_headers, body = c.get("method", "POST"), c["url"], dict(c.get("headers") or {}), c.get("body", "")
            timeout = float(c.get("timeout_seconds") or self.config.timeout_seconds)
            if c.get("templated_host") and not self.config.allow_templated_hosts:
                raise ConfigError(f"the address's host comes from a placeholder ({url[:80]}); refused unless "
                                  "allow_templated_hosts = true in the webhook connector config")
            toward = url
        else:  # a channel handed to an HTTP API: a JSON envelope
            method, url, raw_headers = self.config.method, self.config.url, dict(self.config.headers)
            envelope = {"channel": message.channel, "contact_id": message.contact_id, "to": p.get("to"),
                        "idempotency_key": message.key, "message": c}
            body = json.dumps(envelope, ensure_ascii=False)
            timeout = self.config.timeout_seconds
        headers = {name: self.secrets.resolve(value, values, toward) for name, value in raw_headers.items()}
        headers.setdefault("Content-Type", "application/json")
        headers["Idempotency-Key"] = message.key
        return method, url, headers, body.encode("utf-8") if method != "GET" else b"", timeout

    def send(self, message: Message) -> Outcome:
        try:
            method, url, headers, body, timeout = self.request(message)
        except ConfigError as err:
            return Outcome("failed", str(err))
        try:
            response = self.client.request(method, url, headers=headers, content=body or None, timeout=timeout)
        except httpx.TimeoutException:
            return Outcome("retry", f"timed out after {timeout:g} s")
        except httpx.TransportError as err:
            return Outcome("retry", f"cannot connect: {err or type(err).__name__}")
        except httpx.HTTPError as err:  # bad URL and the like: retrying will not help
            return Outcome("failed", f"bad request: {err}")
        code = response.status_code
        summary = f"HTTP {code}"
        if 200 <= code < 300:
            return Outcome("sent", response=summary)
        detail = f"{summary}: {response.text[:200]}".strip()
        if code >= 500 or code in RETRY_STATUS:
            return Outcome("retry", detail, summary)
        return Outcome("failed", detail, summary)

    def recover(self, message: Message) -> Recovery:
        return "resend"  # same Idempotency-Key: the receiver de-duplicates

    def close(self) -> None:
        self.client.close()
