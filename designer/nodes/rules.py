"""Checks several kinds share: condition syntax and template syntax in settings."""

from __future__ import annotations

from collections.abc import Mapping

from designer.conditions import check as check_condition
from designer.destinations import secret_names
from designer.i18n import Message
from designer.templating import check_template, unwritable_reason

from .base import Finding, Settings


def condition_findings(settings: Settings, *fields: str) -> list[Finding]:
    out = []
    for name in fields:
        text = getattr(settings, name)
        if text and (err := check_condition(text)) is not None:
            out.append(Finding("invalid-settings", Message("finding.condition-error", {"field": name, "error": err.as_message()}), name))
    return out


def template_findings(settings: Settings, *fields: str, variables: Mapping[str, str] | None = None) -> list[Finding]:
    out = []
    for name in fields:
        text = getattr(settings, name)
        if text and (err := check_template(text)) is not None:
            out.append(Finding("invalid-settings", Message("finding.placeholder-error", {"field": name, "error": err.as_message()}),
                               name))
        elif text and (names := secret_names(text)):
            out.append(Finding("secret-outside-headers", Message("finding.secret-outside-headers",
                                                                 {"field": name, "name": names[0]}), name))
        elif text and variables and (reason := unwritable_reason(text, variables)) is not None:
            out.append(Finding("message-too-large", Message("finding.too-large", {"field": name, "reason": str(reason)}),
                               name))
    return out


def unique_ids(items, what: str, field: str) -> list[Finding]:
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            return [Finding("invalid-settings", Message(f"finding.duplicate-{what}", {"id": item.id}), field)]
        seen.add(item.id)
    return []
