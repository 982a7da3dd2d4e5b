"""Checks several kinds share: condition syntax and template syntax in settings."""

from __future__ import annotations

from collections.abc import Mapping

from designer.conditions import check as check_condition
from designer.destinations import secret_names
from designer.templating import check_template, unwritable_reason

from .base import Finding, Settings


def condition_findings(settings: Settings, *fields: str) -> list[Finding]:
    out = []
    for name in fields:
        text = getattr(settings, name)
        if text and (err := check_condition(text)) is not None:
            out.append(Finding("invalid-settings", f"the condition in '{name}' has an error: {err}", name))
    return out


def template_findings(settings: Settings, *fields: str, variables: Mapping[str, str] | None = None) -> list[Finding]:
    out = []
    for name in fields:
        text = getattr(settings, name)
        if text and (err := check_template(text)) is not None:
            out.append(Finding("invalid-settings", f"the text in '{name}' has a placeholder error: {err}", name))
        elif text and (names := secret_names(text)):
            out.append(Finding("secret-outside-headers", f"'{name}' uses secret {names[0]}: secrets go only in a "
                               "webhook's headers (here it would be sent as empty text)", name))
        elif text and variables and (reason := unwritable_reason(text, variables)) is not None:
            out.append(Finding("message-too-large", f"'{name}': {reason} (every send would be suppressed)", name))
    return out


def unique_ids(items, what: str, field: str) -> list[Finding]:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            return [Finding("invalid-settings", f"two {what} share the id '{item.id}'", field)]
        seen.add(item.id)
    return []
