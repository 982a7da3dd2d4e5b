"""The local connector config: where each channel delivers, and the secrets it needs.

It lives outside the blueprint (a blueprint is shared; this file is not), in
TOML at ``--config PATH``, ``$JOURNEY_CONFIG`` or
``~/.config/journey-designer/connectors.toml``. Secrets come from environment
variables ``JOURNEY_SECRET_<NAME>`` first, then the file's ``[secrets]``
table; text fields refer to them as ``{{secret.NAME}}``. A secret named in a
blueprint (a webhook step's header) goes only to the hosts or URL prefixes
listed for it under ``[secret_hosts]``; one written in this file (an SMTP
password, a channel's headers) goes where this file sends it. Without a
config, every channel goes to the sandbox outbox.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designer.destinations import origin, secret_allowed
from designer.i18n import Message
from designer.templating import Placeholder, TemplateSyntaxError, parse_template, render

DEFAULT_PATH = Path("~/.config/journey-designer/connectors.toml")
SECRET_ENV_PREFIX = "JOURNEY_SECRET_"


class ConfigError(Exception):
    """The connector config cannot be used: one line saying what and where."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ChannelConfig(_Model):
    connector: Literal["sandbox", "webhook", "smtp"] = "sandbox"
    # webhook connector (for the webhook step kind, its own URL is used when url is empty)
    url: str = ""
    method: Literal["POST", "PUT", "PATCH"] = "POST"
    headers: dict[str, str] = Field(default_factory=dict)
    # smtp connector
    host: str = "localhost"
    port: int = Field(25, ge=1, le=65535)
    security: Literal["none", "starttls", "ssl"] = "none"
    username: str = ""
    password: str = ""  # normally "{{secret.SMTP_PASSWORD}}"
    sender: str = "journeys@localhost"
    confirm_log: str = ""  # a file of delivered Message-IDs, checked before resending (see docs/runtime.md)
    ca_file: str = ""  # trust this CA (PEM) for STARTTLS/SSL, e.g. a company relay's own certificate
    # webhook steps: may a placeholder choose the host (http://{{host}}/x)? Refused unless allowed here.
    allow_templated_hosts: bool = False
    # both
    timeout_seconds: float = Field(10.0, gt=0, le=300)
    retries: int = Field(3, ge=0, le=20)


class DeliveryConfig(_Model):
    backoff_seconds: float = Field(2.0, ge=0, le=3600, description="First retry after; doubles each time")
    max_backoff_seconds: float = Field(900.0, ge=0, le=86400)
    in_doubt_grace_seconds: float = Field(2.0, ge=0, le=600, description="Wait before judging a send left by a dead process")
    lease_seconds: float = Field(600.0, gt=0, le=86400, description="A claim older than this is taken as abandoned")
    batch: int = Field(100, ge=1, le=10000)


class Config(_Model):
    secrets: dict[str, str] = Field(default_factory=dict)
    # per secret: the hosts ("crm.example.com", "*.example.com") or URL prefixes it may be sent to
    secret_hosts: dict[str, list[str]] = Field(default_factory=dict)
    delivery: DeliveryConfig = Field(default_factory=DeliveryConfig)
    channels: dict[str, ChannelConfig] = Field(default_factory=dict)

    def channel(self, name: str) -> ChannelConfig:
        return self.channels.get(name) or ChannelConfig()


class Secrets:
    def __init__(self, from_file: Mapping[str, str], env: Mapping[str, str],
                 hosts: Mapping[str, list[str]] | None = None) -> None:
        self._file = dict(from_file)
        self._env = env
        self.hosts = {k: list(v) for k, v in (hosts or {}).items()}  # where each secret may go

    def get(self, name: str) -> str | None:
        return self._env.get(SECRET_ENV_PREFIX + name, self._file.get(name))

    def resolve(self, text: str, values: Mapping[str, object] | None = None, toward: str | None = None) -> str:
        """Render ``text`` with ``{{secret.NAME}}`` (and ``values``); a missing secret is an error, not ''.
        ``toward``: the URL a shared file chose; each secret must be allowed there (``[secret_hosts]``)."""
        try:
            names = [p.name for p in parse_template(text).parts if isinstance(p, Placeholder)]
        except TemplateSyntaxError as err:
            raise ConfigError(f"bad placeholder in {text!r}: {err}") from None
        secrets = {}
        for name in names:
            if name.startswith("secret."):
                key = name.split(".", 1)[1]
                value = self.get(key)
                if value is None:
                    raise ConfigError(
                        f"secret {key} is not set (set ${SECRET_ENV_PREFIX}{key} or add it to [secrets] in the connector config)"
                    )
                if toward is not None and not secret_allowed(self.hosts.get(key, ()), toward):
                    raise ConfigError(not_allowed(key, toward))
                secrets[key] = value
        return render(text, {**(values or {}), "secret": secrets})


def not_allowed(secret: str, url: str) -> str:
    host = origin(url)[1] or url[:80]
    return (f"secret {secret} is not allowed to go to {host} (its owner lists where it may go: "
            f"[secret_hosts] {secret} = [\"{host}\"] in the connector config)")


def load_config(path: str | os.PathLike[str] | None = None, env: Mapping[str, str] | None = None) -> tuple[Config, Secrets]:
    env = os.environ if env is None else env
    chosen = path or env.get("JOURNEY_CONFIG")
    file = Path(chosen).expanduser() if chosen else DEFAULT_PATH.expanduser()
    if not file.exists():
        if chosen:
            raise ConfigError(Message("config.missing", {"file": str(file)}))
        return Config(), Secrets({}, env)
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8"))
        config = Config.model_validate(data)
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(Message("config.unreadable", {"file": str(file), "error": str(err)})) from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(Message("config.not-toml", {"file": str(file), "error": str(err)})) from None
    except ValidationError as err:
        first = err.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(Message("config.invalid", {"file": str(file), "where": where, "error": first["msg"]})) from None
    return config, Secrets(config.secrets, env, config.secret_hosts)
