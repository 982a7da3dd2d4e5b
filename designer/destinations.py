"""Where a request may go: the rules for webhook destinations and for secrets.

One home for the checks the validator, the webhook connector and the HTTP
import share (no Qt, no network):

* ``origin(url)``: scheme, host and port; credentials stay on one origin.
* ``destination_risk(url_template)``: why a webhook address from a shared file
  deserves a second look: its host is chosen by a placeholder (a contact's
  attribute could pick it), or it is loopback, link-local (cloud metadata at
  169.254.169.254) or a private network address.
* ``secret_allowed(rules, url)``: whether a secret may go to ``url``, given its
  owner's allowed hosts (``crm.example.com``, ``*.example.com``) or URL
  prefixes (``https://hooks.example.com/journeys/``).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_FIXED_HOST = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#{}]+([/?#]|$)")
_SECRET = re.compile(r"\{\{\s*secret\.([A-Za-z0-9_]+)")


def origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    port = parts.port or {"http": 80, "https": 443}.get(parts.scheme.lower())
    return parts.scheme.lower(), (parts.hostname or "").lower(), port


def templated_host(url_template: str) -> bool:
    """True when a placeholder can change the scheme, host or port of the address."""
    if "{{" not in url_template:
        return False
    return not _FIXED_HOST.match(url_template[: url_template.index("{{")])


def destination_risk(url_template: str) -> str | None:
    """A short reason when the address is templated, loopback, link-local or private; else None."""
    if templated_host(url_template):
        return "its host is filled in from a placeholder, so contact data can choose where the request goes"
    host = (urlsplit(url_template).hostname or "").lower().rstrip(".")
    if host == "localhost" or host.endswith(".localhost"):
        return "it goes to this machine (localhost)"
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return None
    if ip.is_loopback:
        return f"it goes to this machine ({host})"
    if ip.is_link_local:
        return f"it goes to a link-local address ({host}; cloud metadata services live there)"
    if ip.is_private or ip.is_unspecified or ip.is_reserved:
        return f"it goes to a private network address ({host})"
    return None


def secret_names(text: str) -> list[str]:
    """The NAMEs of ``{{secret.NAME}}`` placeholders in ``text``."""
    return _SECRET.findall(text or "")


def secret_allowed(rules: Iterable[str], url: str) -> bool:
    """Whether ``url`` matches one of the owner's rules: a URL prefix (with scheme), a
    host, or ``*.domain`` for its subdomains. No rules: allowed nowhere."""
    scheme, host, _port = origin(url)
    if scheme not in ("http", "https") or not host:
        return False
    for rule in rules:
        rule = rule.strip()
        if "://" in rule:
            if url.startswith(rule) and (rule.endswith("/") or url[len(rule):len(rule) + 1] in ("", "/", "?", "#")):
                return True
        elif rule.startswith("*."):
            if host.endswith(rule[1:].lower()):
                return True
        elif host == rule.lower():
            return True
    return False
