"""The declaration every node kind makes, and the registry that holds them.

A node kind is declared once, as a subclass of :class:`NodeKind`: its stable id
(and the old ids it replaces), settings model, output ports, palette group and
look, validation rules and runtime behaviour. The palette, inspector, validator,
file format, runtime and simulator all read it from :data:`REGISTRY`. Nothing
here imports Qt: the look is plain data the canvas reads.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any, ClassVar

from pydantic import BaseModel, ConfigDict, ValidationError

from designer.i18n import N_, Message, render

if TYPE_CHECKING:
    from .behaviour import Batch, Step


class Family(str, Enum):
    """Palette groups, in palette order."""

    STAGE = "stage"
    TRIGGER = "trigger"
    WAIT = "wait"
    BRANCH = "branch"
    ACTION = "action"
    DATA = "data"
    END = "end"


@dataclass(frozen=True)
class FamilyLook:
    title: str
    colour: str  # card accent, #rrggbb


FAMILY_LOOK: dict[Family, FamilyLook] = {
    Family.STAGE: FamilyLook(N_("Stages"), "#7c5cd6"),
    Family.TRIGGER: FamilyLook(N_("Triggers"), "#2f9e6b"),
    Family.WAIT: FamilyLook(N_("Waits"), "#d99a1e"),
    Family.BRANCH: FamilyLook(N_("Branches"), "#3b7dd8"),
    Family.ACTION: FamilyLook(N_("Channel actions"), "#e0604c"),
    Family.DATA: FamilyLook(N_("Data updates"), "#5a8f9e"),
    Family.END: FamilyLook(N_("Goal and exit"), "#4a4f5c"),
}


@dataclass(frozen=True)
class Port:
    """An output port: ``id`` is stored in edges, ``label`` is shown to the user."""

    id: str
    caption: str | Message  # a fixed word (Message.word) or the user's own branch name

    @property
    def label(self) -> str:
        """The caption in the reader's language."""
        return str(self.caption)


NEXT = Port("next", Message.word(N_("Next")))


@dataclass(frozen=True)
class Finding:
    """A kind-specific rule broken by a node's settings (reported by the validator)."""

    code: str
    message: Message | str
    field: str | None = None
    severity: str = "error"


@dataclass(frozen=True)
class CheckContext:
    """What a kind's rules may know of the document around the node."""

    stages: frozenset[str] = frozenset()
    variables: Mapping[str, str] = field(default_factory=dict)  # the blueprint's, for message size checks
    secret_hosts: Mapping[str, list[str]] | None = None  # from the local connector config, when known


class Settings(BaseModel):
    """Base of every kind's settings model: unknown keys are refused, not dropped."""

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)


class NodeKind:
    """One kind of journey step. Subclasses declare class attributes and override hooks.

    Subclasses that set ``kind`` are registered (as a singleton) when defined; a
    duplicate kind id or alias is refused at import time.
    """

    kind: ClassVar[str]
    replaces: ClassVar[tuple[str, ...]] = ()  # old kind ids this one migrates
    family: ClassVar[Family]
    label: ClassVar[str]
    description: ClassVar[str] = ""
    icon: ClassVar[str]  # file stem under resources/icons/
    settings_model: ClassVar[type[Settings]]
    has_input: ClassVar[bool] = True
    is_trigger: ClassVar[bool] = False
    channel: ClassVar[str | None] = None  # for channel actions
    is_message: ClassVar[bool] = False  # counts toward frequency caps
    is_goal: ClassVar[bool] = False  # reaching it is the workflow's conversion

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "kind" in cls.__dict__:
            _register(cls())

    # --- look -------------------------------------------------------------
    @property
    def colour(self) -> str:
        return FAMILY_LOOK[self.family].colour

    def summary_message(self, settings: Settings) -> Message | str:
        """One line describing the settings, shown on the node card, as a message."""
        return Message.word(self.label)

    def summary(self, settings: Settings) -> str:
        """The card's line in the reader's language."""
        return render(self.summary_message(settings))

    # --- settings ---------------------------------------------------------
    def parse(self, raw: dict[str, Any]) -> Settings:
        """Validate raw settings; raises pydantic.ValidationError."""
        return self.settings_model.model_validate(raw)

    def try_parse(self, raw: dict[str, Any]) -> Settings | None:
        try:
            return self.parse(raw)
        except ValidationError:
            return None

    def defaults(self) -> dict[str, Any]:
        return self.settings_model().model_dump(mode="json")

    # --- ports and rules --------------------------------------------------
    def ports(self, settings: Settings | None) -> list[Port]:
        """Output ports. ``settings`` is None when the node's settings are invalid."""
        return [NEXT]

    def check(self, settings: Settings, context: CheckContext) -> list[Finding]:
        """Rules beyond the settings model's own limits (cross-field, syntax)."""
        return []

    def min_duration(self, settings: Settings, port: str) -> float:
        """Least time (seconds) a contact spends here before leaving by ``port``."""
        return 0.0

    def compared_groups(self, settings: Settings) -> list[float] | None:
        """For experiment kinds: the traffic share of each compared group
        (for sample sizes); None for every other kind."""
        return None

    # --- behaviour --------------------------------------------------------
    def step(self, settings: Settings, batch: Batch) -> Step:
        """What the contacts arriving here do; shared by the runtime and the dry-run."""
        raise NotImplementedError(f"{self.kind} has no runtime behaviour")


REGISTRY: dict[str, NodeKind] = {}
ALIASES: dict[str, str] = {}


def _register(kind: NodeKind) -> None:
    taken = [k for k in (kind.kind, *kind.replaces) if k in REGISTRY or k in ALIASES]
    if taken:
        raise ValueError(f"node kind id {taken[0]!r} is declared twice")
    for attr in ("family", "label", "icon", "settings_model"):
        if not hasattr(kind, attr):
            raise TypeError(f"node kind {kind.kind!r} does not declare {attr}")
    REGISTRY[kind.kind] = kind
    for old in kind.replaces:
        ALIASES[old] = kind.kind


def get_kind(kind_id: str) -> NodeKind | None:
    """The kind for an id, following old ids to the kind that replaced them."""
    return REGISTRY.get(ALIASES.get(kind_id, kind_id))


def canonical_kind_id(kind_id: str) -> str:
    return ALIASES.get(kind_id, kind_id)
