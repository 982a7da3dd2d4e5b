"""The SOP template library: journey templates a consultant opens, adapts and dry-runs.

A template is one JSON file (``resources/templates/*.json`` ships with the
package; a user's own go in their template folder): the workflow with its
parameters marked (see :mod:`.params`), the dry-run behaviour model a
marketer finds plausible, the conversion range its forecast should land in,
and its words in each language (name, description, goal, KPIs, parameter
labels and message copy). :func:`instantiate` turns one into a plain
:class:`~designer.blueprint.Workflow`. No Qt here.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from designer.blueprint import DEFAULT_STAGES, QueueEntry, Workflow
from designer.fileformat import MAX_FILE_BYTES, FileFormatError, parse_json
from designer.i18n import Message, translate
from designer.nodes import get_kind
from designer.simulation_model import SimulationModel

from .params import Parameter, ParameterError, resolve_values, substitute, used_parameters

TEMPLATE_FORMAT = "journey-designer-template"
LANGUAGES = ("en", "zh")
# the default lifecycle stages as marketers name them, per language (names: designer.blueprint, words: designer.i18n)
STAGE_NAMES = {lang: {i: translate(name, code) for i, name in DEFAULT_STAGES}
               for lang, code in (("en", "en"), ("zh", "zh_CN"))}


def language(code: str | None) -> str:
    """``zh``, ``zh_CN``, ``zh-Hans`` ... -> ``zh``; anything else -> ``en``."""
    return "zh" if (code or "").lower().replace("_", "-").startswith("zh") else "en"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TemplateText(_Model):
    """A template's words in one language."""

    name: str = Field(min_length=1, max_length=200)
    description: str = Field("", max_length=5000)
    goal: str = Field("", max_length=500)
    kpis: list[str] = Field(default_factory=list)
    parameters: dict[str, str] = Field(default_factory=dict, description="Label of each parameter")
    notes: str = Field("", max_length=2000, description="Why a warning the validator gives is expected")
    copy_: dict[str, str] = Field(default_factory=dict, alias="copy", description="Step titles and message copy")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class Template(_Model):
    format: Literal["journey-designer-template"] = TEMPLATE_FORMAT
    version: int = 1
    id: str = Field(pattern=r"^[a-z][a-z0-9_\-]*$", max_length=64)
    from_stage: str | None = None
    to_stage: str | None = None
    conversion_range: tuple[float, float] = Field((0.0, 1.0), description="Plausible dry-run conversion rate")
    expected_warnings: list[str] = Field(default_factory=list, description="Validator warning codes it documents")
    parameters: list[Parameter] = Field(default_factory=list)
    simulation: SimulationModel | None = None
    text: dict[str, TemplateText]
    workflow: dict[str, Any]

    def words(self, lang: str | None = None) -> TemplateText:
        lang = language(lang)
        return self.text.get(lang) or self.text.get("en") or next(iter(self.text.values()))

    def parameter(self, name: str) -> Parameter | None:
        return next((p for p in self.parameters if p.name == name), None)

    def channels(self) -> list[str]:
        """Channels the journey uses with its default parameters, in order of first use."""
        out: list[str] = []
        for node in instantiate(self, "en").nodes:
            kind = get_kind(node.kind)
            if kind is not None and kind.channel and kind.channel not in out:
                out.append(kind.channel)
        return out

    def stages(self) -> list[str]:
        return [s for s in (self.from_stage, self.to_stage) if s]


@dataclass
class Entry:
    """A template found in a folder: built in, or the user's own."""

    template: Template
    path: Path
    user: bool = False


@dataclass
class Library:
    entries: list[Entry] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # files that could not be read, one line each

    def names(self) -> list[str]:
        return [e.template.id for e in self.entries]

    def get(self, name: str) -> Entry | None:
        return next((e for e in self.entries if e.template.id == name), None)

    def find(self, stage: str | None = None, channel: str | None = None, lang: str | None = None) -> list[Entry]:
        out = []
        for e in self.entries:
            t = e.template
            if stage and stage not in t.stages():
                continue
            if channel and channel not in t.channels():
                continue
            if lang and language(lang) not in t.text:
                continue
            out.append(e)
        return out


def builtin_dir() -> Path:
    """Where the shipped templates are: beside the package in a source or editable
    install, or under ``<prefix>/share/journey-designer/templates`` from a wheel."""
    here = Path(__file__).resolve().parents[2] / "resources" / "templates"
    if here.is_dir():
        return here
    return Path(sys.prefix) / "share" / "journey-designer" / "templates"


class TemplateError(ValueError):
    pass


def read_template(path: Path) -> Template:
    """A template file, read as strictly as a blueprint (size limit, strict JSON); raises TemplateError."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise ValueError(Message("template.too-large"))
        data = parse_json(path.read_bytes().decode("utf-8-sig"), str(path))
        template = Template.model_validate(data)
    except FileFormatError as err:
        raise TemplateError(Message("template.unreadable-at" if err.where else "template.unreadable",
                                    {"file": path.name, "reason": err.detail, "where": err.place})) from None
    except (OSError, ValueError, ValidationError, RecursionError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise TemplateError(Message("template.unreadable", {"file": path.name, "reason": first})) from None
    undeclared = used_parameters(template.workflow) - {p.name for p in template.parameters}
    for words in template.text.values():
        undeclared |= used_parameters(words.copy_) - {p.name for p in template.parameters}
    if undeclared:
        raise TemplateError(Message("template.undeclared", {"file": path.name, "names": ", ".join(sorted(undeclared))}))
    return template


def load_library(user_dir: Path | str | None = None, builtin: Path | None = None) -> Library:
    """Every template, built in first (by file name), then the user's; a user's
    template with a built-in's id replaces it."""
    library = Library()
    folders = [(builtin or builtin_dir(), False)]
    if user_dir is not None:
        folders.append((Path(user_dir), True))
    for folder, user in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.json")):
            try:
                template = read_template(path)
            except TemplateError as err:
                library.problems.append(str(err))
                continue
            library.entries = [e for e in library.entries if e.template.id != template.id]
            library.entries.append(Entry(template, path, user))
    return library


def describe(template: Template, lang: str | None = None, params: dict[str, Any] | None = None) -> dict[str, Any]:
    """Name, description, goal and KPIs in ``lang`` with the parameters' values filled in."""
    words = template.words(lang)
    values = resolve_values(template.parameters, params)
    return {k: substitute(getattr(words, k), values, words.copy_) for k in ("name", "description", "goal", "kpis")}


def instantiate(template: Template, lang: str | None = None, params: dict[str, Any] | None = None,
                workflow_id: str | None = None) -> Workflow:
    """The template's workflow in ``lang`` with ``params`` (others at their defaults).
    Raises ParameterError for a bad name or value."""
    words = template.words(lang)
    values = resolve_values(template.parameters, params)
    try:
        data = substitute(template.workflow, values, words.copy_)
    except KeyError as err:
        raise TemplateError(Message("template.error", {"id": template.id, "error": str(err.args[0])})) from None
    said = describe(template, lang, values)
    kpis = "\n".join(f"- {k}" for k in said["kpis"])
    heading = ("目标", "关注指标") if language(lang) == "zh" and "zh" in template.text else ("Goal", "KPIs to watch")
    data.update(
        id=workflow_id or template.id.replace("-", "_"),
        name=said["name"],
        description=said["description"],
        from_stage=template.from_stage,
        to_stage=template.to_stage,
        queue=QueueEntry(category="new", notes=f"{heading[0]}: {said['goal']}\n{heading[1]}:\n{kpis}").model_dump(mode="json"),
    )
    if template.simulation is not None:
        data["simulation"] = template.simulation.model_dump(mode="json", exclude_none=True)
    try:
        return Workflow.model_validate(data)
    except ValidationError as err:
        raise TemplateError(Message("template.invalid-workflow", {"id": template.id, "error": str(err)})) from None


__all__ = [
    "LANGUAGES", "STAGE_NAMES", "Entry", "Library", "ParameterError", "Template", "TemplateError", "TemplateText",
    "builtin_dir", "describe", "instantiate", "language", "load_library", "read_template",
]
