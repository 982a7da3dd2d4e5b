"""Journey tests: scenario files run headless through the same engine in virtual time.

"Given a contact with these attributes and these events at these times,
expect these messages on these days and this final state." Each test runs one
contact through the simulator with scripted responses only (nothing is drawn
from the behaviour model), so the outcome is exact. The file format is
documented in docs/dry-run.md; JSON and TOML are both accepted.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from designer.fileformat import FileFormatError, load
from designer.i18n import Message, render
from designer.nodes import CHANNELS

from ..interpreter import JourneyInvalid
from .columns import from_records
from .simulator import DEFAULT_START, ScriptedEvent, Simulation

DAY = 86400.0
TEST_CONTACT = "test-contact"


class ScenarioError(Exception):
    """A scenario file that cannot be read or run (bad input, not a failing test)."""


@dataclass
class TestResult:
    file: str
    name: str
    passed: bool
    diff: list[str] = field(default_factory=list)
    actual: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "name": self.name, "passed": self.passed, "diff": self.diff, "actual": self.actual}


# --- reading ------------------------------------------------------------------

_DURATION = re.compile(r"^\s*(?:(\d+(?:\.\d+)?)\s*d)?\s*(?:(\d+(?:\.\d+)?)\s*h)?\s*(?:(\d+(?:\.\d+)?)\s*m)?\s*$")
_DAY_AT = re.compile(r"^\s*day\s+(\d+)(?:\s+(\d{1,2}):(\d{2}))?\s*$", re.IGNORECASE)


def duration(text: Any, where: str) -> float:
    """Seconds from '2h', '1d 3h', '30m' or a number of hours."""
    if isinstance(text, (int, float)) and not isinstance(text, bool):
        return float(text) * 3600
    m = _DURATION.match(str(text)) if isinstance(text, str) and text.strip() else None
    if not m or not any(m.groups()):
        raise ScenarioError(Message("scenario.duration", {"where": where, "text": str(text)}))
    d, h, mi = (float(g) if g else 0.0 for g in m.groups())
    return d * DAY + h * 3600 + mi * 60


def moment(text: Any, start: datetime, where: str) -> float:
    """Epoch seconds from 'day N' (start + N days), 'day N HH:MM' (that UTC time on
    the date of start + N days), an ISO-8601 time, or a duration from the start."""
    if isinstance(text, str):
        m = _DAY_AT.match(text)
        if m:
            base = start + timedelta(days=int(m.group(1)))
            if m.group(2) is None:
                return base.timestamp()
            at = base.astimezone(UTC).replace(hour=int(m.group(2)), minute=int(m.group(3)), second=0)
            return at.timestamp()
        if "T" in text or "-" in text:
            try:
                t = datetime.fromisoformat(text.replace("Z", "+00:00"))
            except ValueError:
                raise ScenarioError(Message("scenario.time", {"where": where, "text": text})) from None
            return (t if t.tzinfo else t.replace(tzinfo=UTC)).timestamp()
    return start.timestamp() + duration(text, where)


def read_scenarios(path: str | Path) -> dict[str, Any]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ScenarioError(Message("scenario.unreadable", {"path": str(path), "reason": err.strerror or str(err)})) from None
    try:
        data = tomllib.loads(text) if path.suffix.lower() == ".toml" else json.loads(text)
    except (ValueError, tomllib.TOMLDecodeError) as err:
        raise ScenarioError(Message("scenario.syntax", {"path": str(path), "error": str(err),
                                                        "format": "TOML" if path.suffix.lower() == ".toml" else "JSON"})) from None
    if not isinstance(data, dict) or not isinstance(data.get("blueprint"), str):
        raise ScenarioError(Message("scenario.needs-blueprint", {"path": str(path)}))
    tests = data.get("tests", data.get("test"))
    if not isinstance(tests, list) or not tests or not all(isinstance(t, dict) for t in tests):
        raise ScenarioError(Message("scenario.needs-tests", {"path": str(path)}))
    data["tests"] = tests
    return data


# --- running ------------------------------------------------------------------


def run_file(path: str | Path) -> list[TestResult]:
    path = Path(path)
    data = read_scenarios(path)
    try:
        blueprint = load(path.parent / data["blueprint"])
    except FileFormatError as err:
        raise ScenarioError(Message("scenario.blueprint", {"path": str(path), "error": err.describe()})) from None
    workflow = data.get("workflow")
    if workflow is not None and blueprint.workflow(workflow) is None:
        raise ScenarioError(Message("scenario.no-workflow", {"path": str(path), "workflow": str(workflow)}))
    start = DEFAULT_START
    if blueprint.simulation and blueprint.simulation.start:
        start = blueprint.simulation.start
    if "start" in data:
        start = datetime.fromtimestamp(moment(data["start"], start, f"{path}: start"), UTC)
    results = []
    for i, test in enumerate(data["tests"]):
        name = str(test.get("name") or f"test {i + 1}")
        where = f"{path}: test '{name}'"
        results.append(_run_test(str(path), name, where, blueprint, workflow, start, data, test))
    return results


def _run_test(file, name, where, blueprint, workflow, start, data, test) -> TestResult:
    contact = dict(test.get("contact") or {})
    contact.setdefault("id", TEST_CONTACT)
    contact.setdefault("consent", dict.fromkeys(CHANNELS, True))  # a scenario without consent consents to all
    events = []
    for j, e in enumerate(test.get("events") or []):
        at_where = f"{where}, event {j + 1}"
        if not isinstance(e, dict) or not isinstance(e.get("event"), str):
            raise ScenarioError(Message("scenario.event-name", {"where": at_where}))
        if "after" in e:
            wf_id, _, node = str(e["after"]).rpartition("/")
            wf_id = wf_id or workflow or (blueprint.workflows[0].id if blueprint.workflows else "")
            events.append(ScriptedEvent(contact["id"], e["event"], after=(wf_id, node),
                                        delay=duration(e.get("delay", 0), at_where), properties=e.get("properties") or {}))
        elif "at" in e:
            events.append(ScriptedEvent(contact["id"], e["event"], at=moment(e["at"], start, at_where),
                                        properties=e.get("properties") or {}))
        else:
            raise ScenarioError(Message("scenario.event-when", {"where": at_where}))
    days = int(test.get("days", data.get("days", 30)))
    try:
        sim = Simulation(blueprint, from_records([contact]), workflows=[workflow] if workflow else None, days=days,
                         seed=int(test.get("seed", data.get("seed", 1))), start=start, scripted=events,
                         trace=[contact["id"]])
        sim.run()
    except JourneyInvalid as err:
        raise ScenarioError(f"{where}: {err}") from None
    except ValueError as err:
        raise ScenarioError(f"{where}: {err}") from None
    actual = observe(sim, 0)
    diff = compare(test.get("expect") or {}, actual)
    return TestResult(file, name, not diff, diff, actual)


def observe(sim: Simulation, row: int) -> dict[str, Any]:
    """What happened to one contact: messages, path and final state."""
    steps = sim.tracer.path(row)
    many = len(sim.states) > 1
    prefix = (lambda s: f"{s['workflow']}/") if many else (lambda s: "")
    messages = [
        {"workflow": s["workflow"], "node": s["node"], "channel": s["channel"], "status": s["status"],
         "day": int((_epoch(s.get("delivered_at", s["at"])) - sim.t0) // DAY),
         "at": s.get("delivered_at", s["at"])}
        for s in steps if s["type"] == "message"
    ]
    path = []
    for s in steps:
        if s["type"] == "step":
            path.append(f"{prefix(s)}{s['node']}:{s['port']}")
        elif s["type"] == "end":
            path.append(f"{prefix(s)}{s['node']}")
    final: dict[str, Any] = {}
    for wf in sim.states:
        state = "waiting" if wf.at_node[row] >= 0 else ("active" if wf.active[row] else "done")
        node = wf.node_ids[wf.at_node[row]] if wf.at_node[row] >= 0 else next(
            (s["node"] for s in reversed(steps) if s["type"] == "end" and s["workflow"] == wf.cw.workflow.id), None)
        final[wf.cw.workflow.id] = {"node": node, "state": state, "converted": bool(not np.isnan(wf.goal_at[row]))}
    store = sim.store
    rows = np.array([row])
    out_final = final[sim.states[0].cw.workflow.id] if not many else {"workflows": final}
    out_final = dict(out_final)
    out_final.update(
        stage=store.value("stage", rows)[0], score=int(store.score[row]),
        tags=sorted(t for t, col in store.tags.items() if col[row]),
        attributes={k: store.value(k, rows)[0] for k in sorted(store.columns) if k not in _FIELDS},
    )
    return {"messages": messages, "path": path, "final": out_final}


_FIELDS = {"id", "first_name", "last_name", "email", "phone", "wechat_id"}


def _epoch(iso: str) -> float:
    return datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp()


# --- comparing ----------------------------------------------------------------


def _say(code: str, **params: Any) -> str:
    """A line of the result, in the reader's language (results are shown as soon as they are made)."""
    return render(Message(code, params))


def _message_line(m: dict, keys: list[str]) -> str:
    return "  ".join(f"{k}={m.get(k)}" for k in keys)


def compare(expect: dict[str, Any], actual: dict[str, Any]) -> list[str]:
    """Readable differences ('-' expected, '+' actual); empty when the test passes."""
    out: list[str] = []
    if "messages" in expect:
        wanted = list(expect["messages"] or [])
        keys = [k for k in ("day", "at", "channel", "node", "status", "workflow") if any(k in m for m in wanted)]
        keys = keys or ["day", "channel", "node"]
        got = actual["messages"]
        if not any("status" in m for m in wanted):
            got = [m for m in got if not m["status"].startswith("suppressed")]
        exp_lines = [_message_line(m, keys) for m in wanted]
        act_lines = [_message_line(m, keys) for m in got]
        if exp_lines != act_lines:
            out.append(_say("test.messages-differ"))
            out += [f"    {line}" for line in difflib.ndiff(exp_lines, act_lines) if line[:1] in "-+ "]
    if "path" in expect:
        wanted = [str(p) for p in expect["path"] or []]
        got = actual["path"]
        # Compare at the detail the test gives: "n4" matches "n4:yes", "n4:yes" must match exactly.
        shown = [g.split(":")[0] if i < len(wanted) and ":" not in wanted[i] else g for i, g in enumerate(got)]
        if shown != wanted:
            out.append(_say("test.path-differs"))
            out += [f"    {line}" for line in difflib.ndiff(wanted, shown) if line[:1] in "-+ "]
    for key, value in (expect.get("final") or {}).items():
        out += _final(key, value, actual["final"])
    return out


def _final(key: str, value: Any, final: dict[str, Any]) -> list[str]:
    if key == "tags_include":
        missing = [t for t in value if t not in final["tags"]]
        return [_say("test.tags-include", missing=str(missing), got=str(final["tags"]))] if missing else []
    if key == "tags_exclude":
        extra = [t for t in value if t in final["tags"]]
        return [_say("test.tags-exclude", extra=str(extra), got=str(final["tags"]))] if extra else []
    if key == "attributes":
        return [_say("test.attribute", name=k, expected=repr(v), got=repr(final["attributes"].get(k)))
                for k, v in value.items() if final["attributes"].get(k) != v]
    if key not in final:
        return [_say("test.unknown-field", key=key, known=", ".join(sorted(final)))]
    if final[key] != value:
        return [_say("test.final", key=key, expected=repr(value), got=repr(final[key]))]
    return []
