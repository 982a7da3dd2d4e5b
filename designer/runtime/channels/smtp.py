"""Email over SMTP (smtplib): plain, STARTTLS or SSL, with optional login.

SMTP has no idempotency: a message whose DATA was accepted just before the
process died cannot be asked about. The outbox key becomes the Message-ID,
the row is 'sending' before the connection and 'sent' after the server's 250.
A row left 'sending' by a dead process is resent only if the configured
``confirm_log`` (a file of delivered Message-IDs, e.g. the local relay's log)
proves it never arrived; without one it is marked 'in_doubt' and not resent:
at-most-once, never a duplicate. See docs/runtime.md.
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, parseaddr
from pathlib import Path

from . import Message, Outcome, Recovery
from .config import ChannelConfig, ConfigError, Secrets

DOMAIN = "journey-designer.local"


def message_id(key: str) -> str:
    return f"<{key}@{DOMAIN}>"


class SmtpConnector:
    name = "smtp"

    def __init__(self, config: ChannelConfig, secrets: Secrets) -> None:
        self.config = config
        self.secrets = secrets
        self._tls: ssl.SSLContext | None = None

    def _context(self) -> ssl.SSLContext:
        if self._tls is None:  # loading the CA store costs ~20 ms: once per connector, not per message
            self._tls = ssl.create_default_context(cafile=self.config.ca_file or None)
        return self._tls

    def build(self, message: Message) -> EmailMessage:
        p = message.payload
        content = p.get("content", {})
        email = EmailMessage()
        name, address = parseaddr(self.config.sender)
        email["From"] = formataddr((content.get("sender_name") or name, address))
        email["To"] = p["to"]
        email["Subject"] = content.get("subject", "")
        email["Message-ID"] = message_id(message.key)
        email["X-Idempotency-Key"] = message.key
        email.set_content(content.get("body", ""))
        return email

    def _connect(self) -> smtplib.SMTP:
        c = self.config
        if c.security == "ssl":
            server: smtplib.SMTP = smtplib.SMTP_SSL(c.host, c.port, timeout=c.timeout_seconds, context=self._context())
        else:
            server = smtplib.SMTP(c.host, c.port, timeout=c.timeout_seconds)
            if c.security == "starttls":
                server.starttls(context=self._context())
        if c.username:
            server.login(c.username, self.secrets.resolve(c.password))
        return server

    def send(self, message: Message) -> Outcome:
        try:
            email = self.build(message)
            server = self._connect()
        except ConfigError as err:
            return Outcome("failed", str(err))
        except smtplib.SMTPAuthenticationError as err:
            return Outcome("failed", f"login refused: {err.smtp_code} {_text(err.smtp_error)}")
        except (OSError, smtplib.SMTPException) as err:
            return Outcome("retry", f"cannot connect to {self.config.host}:{self.config.port}: {err}")
        try:
            server.send_message(email)
        except smtplib.SMTPRecipientsRefused as err:
            code, text = next(iter(err.recipients.values()))
            return Outcome("failed" if code >= 500 else "retry", f"recipient refused: {code} {_text(text)}")
        except smtplib.SMTPResponseException as err:
            return Outcome("failed" if err.smtp_code >= 500 else "retry", f"{err.smtp_code} {_text(err.smtp_error)}")
        except (TimeoutError, OSError, smtplib.SMTPException) as err:
            return Outcome("retry", f"connection lost: {err}")
        finally:
            try:
                server.quit()
            except (OSError, smtplib.SMTPException):
                pass
        return Outcome("sent", response="250 accepted")

    def recover(self, message: Message) -> Recovery:
        if not self.config.confirm_log:
            return "in_doubt"
        try:
            log = Path(self.config.confirm_log).read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "in_doubt"  # cannot prove it did not arrive: do not risk a duplicate
        return "sent" if message_id(message.key) in log else "resend"

    def close(self) -> None:
        pass


def _text(value: bytes | str) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
