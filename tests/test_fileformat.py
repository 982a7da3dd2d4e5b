"""Loading and saving: canonical JSON, errors that say where, versions, atomic saves."""

from __future__ import annotations

import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.blueprint import FORMAT_VERSION, Blueprint, Edge, FrequencyCap, Node, Position, StickyNote, Workflow
from designer.fileformat import FileFormatError, dumps, load, loads, save, schema
from designer.nodes import REGISTRY, get_kind


def test_interop_contract(example, tmp_path):
    path = tmp_path / "x.json"
    save(example, path)
    data = json.loads(path.read_text())
    assert list(data)[:2] == ["format", "version"] and data["version"] == FORMAT_VERSION
    wf = data["workflows"][0]
    assert {"id", "name", "nodes", "edges"} <= set(wf)
    assert list(wf["nodes"][0]) == ["id", "kind", "title", "position", "settings"]
    assert list(wf["edges"][0]) == ["source", "source_port", "target"]
    assert path.read_text().startswith('{\n  "format"')  # 2-space indent
    assert path.read_text().endswith("}\n")


def test_round_trip_is_identical(example, tmp_path):
    path = tmp_path / "x.json"
    save(example, path)
    again = load(path)
    assert again == example
    assert dumps(again) == path.read_text()


def test_settings_are_stored_canonically():
    node = Node(id="n1", kind="wait.delay", settings={"unit": "hours", "amount": 3})
    assert node.settings == {"amount": 3.0, "unit": "hours"}
    bad = Node(id="n1", kind="wait.delay", settings={"amount": "soon"})
    assert bad.settings == {"amount": "soon"}  # kept for the validator to report


@pytest.mark.parametrize(
    "text, where, what",
    [
        ('{"format": ', "line 1, column 12", "not valid JSON"),
        ("[1, 2]", "$", "JSON object"),
        ('{"format": "other", "version": 1}', "$.format", "not a Journey Designer blueprint"),
        ('{"format": "journey-designer", "version": 99}', "$.version", "newer Journey Designer"),
        ('{"format": "journey-designer", "version": "2"}', "$.version", "whole number"),
        ('{"format": "journey-designer", "version": 2}', "$.name", "Field required"),
    ],
)
def test_errors_say_what_and_where(text, where, what):
    with pytest.raises(FileFormatError) as err:
        loads(text, "f.json")
    assert err.value.where.startswith(where)
    assert what in err.value.message
    assert str(err.value).startswith("f.json: ")


def test_bad_field_names_its_json_path_and_node(example):
    data = json.loads(dumps(example))
    data["workflows"][0]["nodes"][2]["position"]["x"] = "left"
    with pytest.raises(FileFormatError) as err:
        loads(json.dumps(data))
    assert err.value.where == "$.workflows[0].nodes[2].position.x (in 'n3')"


def test_unknown_key_is_an_error_not_dropped(example):
    data = json.loads(dumps(example))
    data["workflows"][0]["nodez"] = []
    with pytest.raises(FileFormatError, match="Extra inputs"):
        loads(json.dumps(data))


def test_file_errors(tmp_path):
    with pytest.raises(FileFormatError, match="no such file"):
        load(tmp_path / "missing.json")
    with pytest.raises(FileFormatError, match="folder"):
        load(tmp_path)
    (tmp_path / "bin.json").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(FileFormatError, match="not UTF-8"):
        load(tmp_path / "bin.json")
    (tmp_path / "deep.json").write_text("[" * 100_000)
    with pytest.raises(FileFormatError):
        load(tmp_path / "deep.json")


def test_version_1_is_migrated():
    old = {
        "format": "journey-designer",
        "version": 1,
        "name": "Old",
        "workflows": [{"id": "w", "name": "W",
                       "nodes": [{"id": "a", "kind": "trigger.event", "position": [10, 20]},
                                 {"id": "b", "kind": "exit", "position": [200, 20]}],
                       "edges": [{"source": "a", "port": "next", "target": "b"}]}],
    }
    bp = loads(json.dumps(old))
    assert bp.version == FORMAT_VERSION
    assert bp.workflows[0].nodes[0].position == Position(x=10, y=20)
    assert bp.workflows[0].edges[0].source_port == "next"


def test_save_is_atomic(example, tmp_path, monkeypatch):
    path = tmp_path / "x.json"
    save(example, path)
    before = path.read_text()
    changed = example.model_copy(update={"name": "Changed"})

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        save(changed, path)
    assert path.read_text() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.json"]  # no temp file left behind


def test_schema_covers_node_settings():
    s = schema()
    assert s["title"] == "Journey Designer blueprint"
    assert {"Blueprint", "Workflow"} & set(s["$defs"]) or "workflows" in s["properties"]
    text = json.dumps(s)
    assert "DelaySettings" in text and "WebhookSettings" in text


# --- property: any valid model survives save -> load unchanged ----------------

text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
ident = st.from_regex(r"[a-z][a-z0-9_]{0,8}", fullmatch=True)
coord = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)


@st.composite
def nodes(draw, node_id):
    kind = draw(st.sampled_from(sorted(REGISTRY)))
    settings = get_kind(kind).defaults()
    for key, value in settings.items():
        if isinstance(value, str) and key in ("label", "reason", "list_name", "assignee"):
            settings[key] = draw(st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20))
    return Node(id=node_id, kind=kind, title=draw(text), position=Position(x=draw(coord), y=draw(coord)),
                settings=settings)


@st.composite
def blueprints(draw):
    workflows = []
    for w in range(draw(st.integers(0, 3))):
        ids = [f"n{i}" for i in range(draw(st.integers(0, 6)))]
        ns = [draw(nodes(i)) for i in ids]
        edges = [Edge(source=draw(st.sampled_from(ids)), source_port=draw(ident), target=draw(st.sampled_from(ids)))
                 for _ in range(draw(st.integers(0, 4)))] if ids else []
        notes = [StickyNote(id="note1", text=draw(text))] if draw(st.booleans()) else []
        workflows.append(Workflow(id=f"w{w}", name=draw(text.filter(str.strip)) or "w", nodes=ns, edges=edges,
                                  notes=notes))
    return Blueprint(
        name=draw(st.text(min_size=1, max_size=30)),
        description=draw(text),
        variables=draw(st.dictionaries(ident, text, max_size=3)),
        programme_cap=draw(st.none() | st.builds(FrequencyCap, max_messages=st.integers(1, 9),
                                                 period_days=st.floats(0.5, 30))),
        workflows=workflows,
    )


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(blueprints())
def test_any_valid_blueprint_survives_save_and_load(bp):
    text_out = dumps(bp)
    again = loads(text_out)
    assert again == bp
    assert dumps(again) == text_out
