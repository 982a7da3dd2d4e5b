"""Reading and writing blueprint files: canonical JSON, versions, migrations.

* Canonical form: model field order, 2-space indent, UTF-8, newline at the end,
  so two versions of a file diff line by line.
* A file of a newer version than this program knows is refused with a clear
  error; an older one is migrated step by step on load.
* Saving is atomic: write a temporary file beside the target, flush it to
  disk, then rename over the target. A crash leaves the old file or the new
  one, never half of one.
* Every failure is a :class:`FileFormatError` that says what is wrong and
  where (line and column for broken JSON, the JSON path for a bad field).
"""

from __future__ import annotations

import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from designer.blueprint import FORMAT, FORMAT_VERSION, Blueprint, Workflow
from designer.i18n import Message, render

MAX_FILE_BYTES = 64 * 1024 * 1024


class FileFormatError(Exception):
    """A blueprint file that cannot be read. ``where`` is a JSON path or a line/column."""

    def __init__(self, message: str | Message, where: str | Message = "", source: str = "") -> None:
        self.detail, self.place, self.source = message, where, source  # Messages: read in the reader's language
        super().__init__(self.describe())

    @property
    def message(self) -> str:
        return render(self.detail)

    @property
    def where(self) -> str:
        return render(self.place)

    def describe(self) -> str:
        text = render(self.detail)
        for part in (self.place, self.source):  # "FILE: line 2, column 1: REASON"
            text = render(Message("file.at", {"where": part, "reason": text})) if part else text
        return text


# --- migrations: version N -> N+1, each a function over the raw JSON data ---


def _list_at(data: dict[str, Any], key: str, where: str, source: str) -> list:
    value = data.get(key, [])
    if value is None:
        return []
    if not isinstance(value, list):
        raise FileFormatError(f"'{key}' must be a list", f"{where}.{key}", source)
    return value


def _v1_to_v2(data: dict[str, Any], source: str = "") -> dict[str, Any]:
    """Version 1 (the pre-release draft) stored positions as [x, y] and named
    an edge's port 'port'. Shapes are checked here: the model sees only version 2."""
    for w, wf in enumerate(_list_at(data, "workflows", "$", source)):
        here = f"$.workflows[{w}]"
        if not isinstance(wf, dict):
            raise FileFormatError("a workflow must be a JSON object", here, source)
        for n, node in enumerate(_list_at(wf, "nodes", here, source)):
            if not isinstance(node, dict):
                raise FileFormatError("a node must be a JSON object", f"{here}.nodes[{n}]", source)
            pos = node.get("position")
            if isinstance(pos, list):
                if len(pos) != 2 or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos):
                    raise FileFormatError("a version-1 position must be [x, y] numbers",
                                          f"{here}.nodes[{n}].position", source)
                node["position"] = {"x": pos[0], "y": pos[1]}
        for e, edge in enumerate(_list_at(wf, "edges", here, source)):
            if not isinstance(edge, dict):
                raise FileFormatError("an edge must be a JSON object", f"{here}.edges[{e}]", source)
            if "port" in edge and "source_port" not in edge:
                edge["source_port"] = edge.pop("port")
    data["version"] = 2
    return data


MIGRATIONS: dict[int, Callable[[dict[str, Any], str], dict[str, Any]]] = {1: _v1_to_v2}


def migrate(data: dict[str, Any], source: str = "") -> dict[str, Any]:
    version = data.get("version")
    if data.get("format") != FORMAT:
        raise FileFormatError(Message("file.not-blueprint", {"format": FORMAT}), "$.format", source)
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise FileFormatError(Message("file.bad-version"), "$.version", source)
    if version > FORMAT_VERSION:
        raise FileFormatError(
            f"this file was saved by a newer Journey Designer (format version {_short(version)}); "
            f"this one reads up to version {FORMAT_VERSION}. Please update the program.",
            "$.version",
            source,
        )
    while data["version"] < FORMAT_VERSION:
        data = MIGRATIONS[data["version"]](data, source)
    return data


def _short(value: int) -> str:
    return str(value) if value.bit_length() < 64 else "a number too large to show"


# --- reading --------------------------------------------------------------


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        self.key = key


def _refuse_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """json object hook: a key given twice is refused (JSON would keep the last silently)."""
    out: dict[str, Any] = {}
    for key, value in pairs:
        if key in out:
            raise _DuplicateKey(key)
        out[key] = value
    return out


def _path_of(root: Any, target: dict) -> str:
    """The JSON path of the partly-built object ``target`` inside ``root``; "$" when not found."""
    stack: list[tuple[Any, tuple]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if node is target:
            return json_path(loc)
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        stack.extend((value, (*loc, key)) for key, value in items)
    return "$"


def parse_json(text: str, source: str = "") -> Any:
    """Strict JSON for files people share: located errors, no duplicate keys, no giant numbers."""
    try:
        return json.loads(text, object_pairs_hook=_refuse_duplicates, parse_constant=_refuse_constant)
    except json.JSONDecodeError as err:
        raise FileFormatError(Message("file.not-json", {"error": err.msg}),
                              Message("file.line-column", {"line": err.lineno, "column": err.colno}), source) from None
    except RecursionError:
        raise FileFormatError(Message("file.too-deep"), "", source) from None
    except _DuplicateKey as dup:
        # The object is not yet in its parent when the hook sees it: read again to locate it.
        where = _first_duplicate_path(text)
        raise FileFormatError(Message("file.duplicate-key", {"key": dup.key}), where, source) from None
    except ValueError as err:  # e.g. an integer of more than 4,300 digits
        raise FileFormatError(f"the file holds a value that cannot be read: {str(err)[:80]}", "", source) from None


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _first_duplicate_path(text: str) -> str:
    marked: list[dict] = []

    def hook(pairs):
        keys = [k for k, _ in pairs]
        obj = dict(pairs)
        if len(set(keys)) != len(keys):
            marked.append(obj)
        return obj

    try:
        root = json.loads(text, object_pairs_hook=hook)
    except ValueError:
        return "$"
    return _path_of(root, marked[0]) if marked else "$"


def json_path(loc: tuple[int | str, ...]) -> str:
    out = "$"
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f".{part}"
    return out


def _describe_validation(err: ValidationError, data: Any) -> tuple[str, str]:
    first = err.errors()[0]
    loc = tuple(first["loc"])
    where = json_path(loc)
    # Name the node or workflow by id too: a marketer finds "node 'n4'" faster than "[3]".
    node = data
    labels = []
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(part, int) and isinstance(node, dict) and isinstance(node.get("id"), str):
            labels.append(node["id"])
    where += f" (in '{labels[-1]}')" if labels else ""
    more = len(err.errors()) - 1
    message = first["msg"] + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")
    return message, where


def from_data(data: Any, source: str = "") -> Blueprint:
    if not isinstance(data, dict):
        raise FileFormatError(Message("file.not-object"), "$", source)
    data = migrate(data, source)
    try:
        return Blueprint.model_validate(data)
    except ValidationError as err:
        message, where = _describe_validation(err, data)
        raise FileFormatError(message, where, source) from None
    except RecursionError:  # settings nested hundreds deep: parseable JSON, but not a blueprint
        raise FileFormatError(Message("file.too-deep"), "", source) from None


def loads(text: str, source: str = "") -> Blueprint:
    return from_data(parse_json(text, source), source)


def load(path: str | os.PathLike[str]) -> Blueprint:
    path = Path(path)
    source = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FileFormatError(Message("file.too-large", {"size": size // 1_048_576}), "", source)
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FileFormatError(Message("file.no-such-file"), "", source) from None
    except IsADirectoryError:
        raise FileFormatError(Message("file.folder"), "", source) from None
    except OSError as err:
        raise FileFormatError(Message("file.cannot-read", {"reason": err.strerror or str(err)}), "", source) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise FileFormatError(Message("file.not-utf8", {"byte": err.start}), "", source) from None
    return loads(text, source)


# --- writing --------------------------------------------------------------


def to_data(blueprint: Blueprint) -> dict[str, Any]:
    return blueprint.model_dump(mode="json")


def dumps(blueprint: Blueprint) -> str:
    return json.dumps(to_data(blueprint), indent=2, ensure_ascii=False) + "\n"


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` so that a crash leaves the old file or the new one.

    A symlink is written through (its target is replaced, the link stays); an
    existing file keeps its permission bits, a new one gets the usual umask mode.
    Errors are OSError naming the path (callers turn them into a message)."""
    path = Path(os.path.realpath(path))
    try:
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    try:  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
    except OSError:
        pass


def _umask() -> int:
    mask = os.umask(0)  # the only way to read it; set straight back
    os.umask(mask)
    return mask


def save(blueprint: Blueprint, path: str | os.PathLike[str]) -> None:
    atomic_write_text(path, dumps(blueprint))


def sibling_db(blueprint_path: str | os.PathLike[str]) -> Path:
    """``programme.json`` -> ``programme.db`` in the same folder: where a blueprint's
    dry-run results are kept (here, not in the runtime, so the window can look without loading it)."""
    return Path(blueprint_path).with_suffix(".db")


def single_workflow(blueprint: Blueprint, workflow: Workflow) -> Blueprint:
    """A blueprint holding only ``workflow`` (for exporting one journey)."""
    return blueprint.model_copy(update={"workflows": [workflow]})


def schema() -> dict[str, Any]:
    """JSON Schema of the file format, with each node kind's settings tied to its
    ``kind`` (if/then), generated from the pydantic models."""
    from designer.nodes import all_kinds

    out = Blueprint.model_json_schema()
    out["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    out["title"] = "Journey Designer blueprint"
    defs = out.setdefault("$defs", {})
    rules = []
    for kind in all_kinds():
        sub = kind.settings_model.model_json_schema(ref_template="#/$defs/{model}")
        defs.update(sub.pop("$defs", {}))
        name = kind.settings_model.__name__
        defs[name] = sub
        rules.append(
            {
                "if": {"properties": {"kind": {"const": kind.kind}}, "required": ["kind"]},
                "then": {"properties": {"settings": {"$ref": f"#/$defs/{name}"}}},
            }
        )
    defs["Node"]["allOf"] = rules
    return out
