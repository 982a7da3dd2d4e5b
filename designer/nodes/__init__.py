"""The node catalogue: every kind of journey step, declared once.

Importing this package registers every kind. Other layers look kinds up here
(``get_kind``, ``all_kinds``, ``by_family``) and never test kind ids by name.
"""

from __future__ import annotations

from . import branches, channels, data, ends, stage, triggers, waits  # noqa: F401  (registers kinds)
from .base import (
    ALIASES,
    FAMILY_LOOK,
    REGISTRY,
    CheckContext,
    Family,
    Finding,
    NodeKind,
    Port,
    Settings,
    canonical_kind_id,
    get_kind,
)

CHANNELS: tuple[str, ...] = tuple(k.channel for k in REGISTRY.values() if k.channel)
_CHANNEL_KINDS: dict[str, channels.ChannelKind] = {
    k.channel: k for k in REGISTRY.values() if isinstance(k, channels.ChannelKind) and k.channel}


def channel_kind(channel: str) -> channels.ChannelKind:
    """The kind that declares ``channel``: its address field, consent rule and message text."""
    return _CHANNEL_KINDS[channel]


def channel_word(channel: str) -> str:
    """A channel as people read it, in the current language (its kind's label: 'Email', '邮件');
    a channel no kind declares reads as its id."""
    from designer.i18n import translate

    kind = _CHANNEL_KINDS.get(channel)
    return translate(kind.label) if kind else channel


def all_kinds() -> list[NodeKind]:
    """Every kind in palette order (family, then declaration order)."""
    order = list(Family)
    return sorted(REGISTRY.values(), key=lambda k: order.index(k.family))


def by_family() -> dict[Family, list[NodeKind]]:
    groups: dict[Family, list[NodeKind]] = {f: [] for f in Family}
    for kind in all_kinds():
        groups[kind.family].append(kind)
    return groups


__all__ = [
    "ALIASES",
    "CHANNELS",
    "FAMILY_LOOK",
    "REGISTRY",
    "CheckContext",
    "Family",
    "Finding",
    "NodeKind",
    "Port",
    "Settings",
    "all_kinds",
    "by_family",
    "canonical_kind_id",
    "channel_kind",
    "get_kind",
]
