"""Semantic diff, apply and three-way merge (designer.diff): properties and cases."""

from __future__ import annotations

import copy

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from designer.diff import apply_data, describe, diff_data, merge_blueprints, merge_data, render_text
from designer.examples import example_blueprint, welcome_workflow
from designer.fileformat import from_data, to_data
from designer.validation import validate

BASE = to_data(example_blueprint())
STEP_IDS = [n["id"] for n in BASE["workflows"][0]["nodes"]]
SETTING_EDITS = {  # one editable setting per kind in the example, with values inside its limits
    "wait.delay": ("amount", st.integers(1, 30)),
    "send.email": ("subject", st.text("abc !", min_size=1, max_size=12)),
    "send.sms": ("text", st.text("xyz", min_size=1, max_size=12)),
    "wait.event": ("timeout_amount", st.integers(1, 30)),
    "goal": ("label", st.text("goal", min_size=1, max_size=8)),
    "exit": ("reason", st.text("ex", min_size=1, max_size=8)),
}


def _nodes(data, wf=0):
    return {n["id"]: n for n in data["workflows"][wf]["nodes"]}


# --- edits, as hypothesis draws them ------------------------------------------------------------


@st.composite
def edited(draw, base):
    """``base`` changed the way people edit journeys: settings, titles, moves, steps and
    wires added and removed, journey settings, variables, stages, workflows."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(0, 8))):
        workflows = data["workflows"]
        op = draw(st.sampled_from(["setting", "title", "move", "remove", "add", "journey", "variable", "stage",
                                   "rename", "add_workflow", "remove_workflow", "reorder", "queue"]))
        if op == "add_workflow" or not workflows:
            wf = to_data(example_blueprint().model_copy(update={"workflows": [welcome_workflow("w" + str(len(workflows)))]}))
            if all(w["id"] != wf["workflows"][0]["id"] for w in workflows):
                workflows.insert(draw(st.integers(0, len(workflows))), wf["workflows"][0])
            continue
        wf = draw(st.sampled_from(workflows))
        nodes = wf["nodes"]
        if op == "remove_workflow":
            workflows.remove(wf)
        elif op == "rename":
            wf["name"] = draw(st.text("Welcome series", min_size=1, max_size=10))
        elif op == "journey":
            field = draw(st.sampled_from(["goal", "cap", "quiet", "priority", "re_entry", "exit"]))
            if field == "goal":
                wf["goal"] = draw(st.sampled_from([None, {"event": "ordered", "condition": "", "window_days": 14}]))
            elif field == "cap":
                wf["settings"]["frequency_cap"] = draw(st.sampled_from([None, {"max_messages": 2, "period_days": 3}]))
            elif field == "quiet":
                wf["settings"]["quiet_hours"] = None
            elif field == "priority":
                wf["settings"]["channel_priority"] = draw(st.permutations(["email", "sms", "wechat"]))
            elif field == "re_entry":
                wf["settings"]["re_entry"] = {"mode": "after", "days": draw(st.integers(1, 90))}
            else:
                wf["exit_criteria"] = {"event": "unsubscribed", "condition": ""}
        elif op == "queue":
            wf["queue"]["status"] = draw(st.sampled_from(["planned", "building", "live"]))
        elif op == "variable":
            data["variables"][draw(st.sampled_from(["brand", "coupon"]))] = draw(st.text("ab", max_size=5))
            if draw(st.booleans()):
                data["variables"].pop("brand", None)
        elif op == "stage":
            data["stages"].append({"id": f"s{len(data['stages'])}", "name": "VIP"})
        elif not nodes and op != "add":
            continue
        elif op == "setting":
            node = draw(st.sampled_from(nodes))
            if node["kind"] in SETTING_EDITS:
                name, values = SETTING_EDITS[node["kind"]]
                node["settings"][name] = draw(values)
        elif op == "title":
            draw(st.sampled_from(nodes))["title"] = draw(st.text("Ab", max_size=6))
        elif op == "move":
            draw(st.sampled_from(nodes))["position"] = {"x": draw(st.integers(-500, 500)) * 1.0, "y": 10.0}
        elif op == "remove":
            gone = draw(st.sampled_from(nodes))["id"]
            wf["nodes"] = [n for n in nodes if n["id"] != gone]
            wf["edges"] = [e for e in wf["edges"] if gone not in (e["source"], e["target"])]
        elif op == "add":
            new_id = f"x{len(nodes)}_{draw(st.integers(0, 99))}"
            if all(n["id"] != new_id for n in nodes):
                nodes.insert(draw(st.integers(0, len(nodes))), {"id": new_id, "kind": "data.tag", "title": "",
                             "position": {"x": 0.0, "y": 0.0}, "settings": {"tag": "t", "action": "add"}})
                if len(nodes) > 1:
                    wf["edges"].append({"source": new_id, "source_port": "next", "target": nodes[0]["id"]})
        elif op == "reorder":
            wf["nodes"] = draw(st.permutations(nodes))
    return to_data(from_data(data))  # canonical, as a saved file


versions = edited(BASE)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions)
def test_a_version_has_no_differences_with_itself(a):
    assert diff_data(a, a) == []
    assert diff_data(a, copy.deepcopy(a), include_layout=True) == []


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions, versions)
def test_applying_the_reported_changes_gives_the_other_version(a, b):
    assert apply_data(a, diff_data(a, b, include_layout=True)) == b
    # Without layout, only where things sit on the canvas (and file order) may differ
    assert diff_data(apply_data(a, diff_data(a, b)), b) == []
    describe(diff_data(a, b), a, b)  # every change can be described


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions, versions)
def test_merging_with_an_unchanged_side_gives_the_changed_side(base, ours):
    result = merge_data(base, ours, base)
    assert result.clean and result.data == ours
    result = merge_data(base, base, ours)
    assert result.clean and result.data == ours


@st.composite
def disjoint_edits(draw):
    """Two people edit different steps of the welcome journey: settings, titles, and each
    may put a new step after one of theirs."""
    ids = draw(st.permutations(STEP_IDS))
    split = draw(st.integers(0, len(ids)))
    sides = []
    for mine in (ids[:split], ids[split:]):
        data = copy.deepcopy(BASE)
        wf = data["workflows"][0]
        nodes = _nodes(data)
        for node_id in mine:
            node = nodes[node_id]
            if draw(st.booleans()):
                node["title"] = draw(st.text("Step", min_size=1, max_size=6))
            if node["kind"] in SETTING_EDITS:
                name, values = SETTING_EDITS[node["kind"]]
                node["settings"][name] = draw(values)
        inserts = [i for i in mine if any(e["source"] == i for e in wf["edges"])]
        if inserts and draw(st.booleans()):
            after = draw(st.sampled_from(inserts))
            edge = next(e for e in wf["edges"] if e["source"] == after)
            new_id = f"{after}_tag"
            wf["nodes"].append({"id": new_id, "kind": "data.tag", "title": "Tag", "position": {"x": 0.0, "y": 0.0},
                                "settings": {"tag": "seen", "action": "add"}})
            wf["edges"].remove(edge)
            wf["edges"] += [{**edge, "target": new_id}, {"source": new_id, "source_port": "next",
                                                          "target": edge["target"]}]
        sides.append((mine, from_data(data)))
    return sides


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(disjoint_edits())
def test_edits_to_different_steps_merge_into_a_file_holding_both_that_validates(sides):
    (mine_o, ours), (mine_t, theirs) = sides
    merged, conflicts = merge_blueprints(from_data(BASE), ours, theirs)
    assert conflicts == []
    assert not [p for p in validate(merged) if p.severity == "error"]
    got, o, t = _nodes(to_data(merged)), _nodes(to_data(ours)), _nodes(to_data(theirs))
    for node_id in mine_o:
        assert got[node_id] == o[node_id]
    for node_id in mine_t:
        assert got[node_id] == t[node_id]
    added = (set(o) | set(t)) - set(STEP_IDS)
    assert added <= set(got)


# --- cases --------------------------------------------------------------------------------------


def _edit(**steps):
    data = copy.deepcopy(BASE)
    nodes = _nodes(data)
    for node_id, fields in steps.items():
        nodes[node_id]["settings"].update(fields)
    return data


def test_a_changed_setting_reads_in_the_inspectors_words_with_its_unit():
    b = _edit(n3={"amount": 3})
    entries = describe(diff_data(BASE, b), BASE, b)
    assert [e.text for e in entries] == ['~ step n3 "Wait 2 days" (Wait): How long: 2 days -> 3 days']
    assert entries[0].label == "How long" and entries[0].field == "settings.amount"


def test_moves_are_left_out_unless_asked_for():
    b = copy.deepcopy(BASE)
    b["workflows"][0]["nodes"][0]["position"]["x"] += 100
    assert diff_data(BASE, b) == []
    (change,) = diff_data(BASE, b, include_layout=True)
    assert change.layout and change.path[-1] == "position"


def test_journey_settings_variables_stages_and_queue_are_reported():
    b = copy.deepcopy(BASE)
    wf = b["workflows"][0]
    wf["name"] = "Welcome series"
    wf["settings"]["frequency_cap"]["max_messages"] = 2
    wf["settings"]["re_entry"]["mode"] = "always"
    wf["queue"]["status"] = "planned"
    b["variables"]["coupon"] = "SAVE10"
    b["stages"].append({"id": "vip", "name": "VIP"})
    wf["simulation"] = {}  # a behaviour model for this journey, all defaults
    wf["exit_criteria"] = {"event": "unsubscribed", "condition": ""}
    b = to_data(from_data(b))
    text = render_text(describe(diff_data(BASE, b), BASE, b), BASE, b)
    for line in ('renamed "Welcome journey" -> "Welcome series"', "Frequency cap › Max messages: 3 -> 2",
                 'Re-entry › Mode: Once -> Always', 'Build queue › Status: Idea -> Planned',
                 '+ variable coupon = "SAVE10"', '+ stage vip "VIP"', "~ Behaviour model: off -> {",
                 '~ Exit criteria: off -> {event "unsubscribed"'):
        assert line in text, (line, text)


def test_a_wire_to_a_step_the_other_side_deleted_is_a_conflict():
    ours = copy.deepcopy(BASE)  # ours: a new step after the SMS, wired to the wait for purchase
    wf = ours["workflows"][0]
    wf["nodes"].append({"id": "n10", "kind": "data.tag", "title": "", "position": {"x": 0.0, "y": 0.0},
                        "settings": {"tag": "sms", "action": "add"}})
    wf["edges"] = [e for e in wf["edges"] if e["source"] != "n6"]
    wf["edges"] += [{"source": "n6", "source_port": "next", "target": "n10"},
                    {"source": "n10", "source_port": "next", "target": "n7"}]
    theirs = copy.deepcopy(BASE)  # theirs: the SMS branch is gone
    wf = theirs["workflows"][0]
    wf["nodes"] = [n for n in wf["nodes"] if n["id"] != "n6"]
    wf["edges"] = [e for e in wf["edges"] if "n6" not in (e["source"], e["target"])]
    merged, conflicts = merge_blueprints(*(from_data(d) for d in (BASE, ours, theirs)))
    reasons = {c.reason for c in conflicts}
    assert "wire-to-deleted-step" in reasons, conflicts


def test_the_same_field_changed_on_both_sides_is_a_conflict_with_both_values():
    ours, theirs = _edit(n3={"amount": 3}), _edit(n3={"amount": 5})
    result = merge_data(BASE, ours, theirs)
    (conflict,) = result.conflicts
    assert conflict.reason == "both-changed" and (conflict.base, conflict.ours, conflict.theirs) == (2, 3, 5)
    assert result.data == ours  # our side kept


def test_deleting_a_step_the_other_side_changed_is_a_conflict():
    ours = _edit(n3={"amount": 3})
    theirs = copy.deepcopy(BASE)
    wf = theirs["workflows"][0]
    wf["nodes"] = [n for n in wf["nodes"] if n["id"] != "n3"]
    result = merge_data(BASE, ours, theirs)
    assert [c.reason for c in result.conflicts] == ["deleted-and-changed"]


def test_a_merge_that_adds_a_second_wire_to_one_output_is_a_new_problem():
    ours, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    for data, target in ((ours, "n8"), (theirs, "n9")):  # both re-wire the SMS's output, differently
        wf = data["workflows"][0]
        wf["edges"] = [e for e in wf["edges"] if e["source"] != "n6"] + [
            {"source": "n6", "source_port": "next", "target": target}]
    merged, conflicts = merge_blueprints(*(from_data(d) for d in (BASE, ours, theirs)))
    assert [c.reason for c in conflicts] == ["new-problem"] and "port-in-use" in conflicts[0].message


def test_a_reused_id_on_a_step_of_another_kind_is_a_removed_and_an_added_step():
    b = copy.deepcopy(BASE)
    nodes = b["workflows"][0]["nodes"]
    nodes[-1] = {"id": "n9", "kind": "send.push", "title": "", "position": {"x": 0.0, "y": 0.0}, "settings": {}}
    b = to_data(from_data(b))
    texts = [e.text for e in describe(diff_data(BASE, b), BASE, b)]
    assert texts == ['- step n9 "No purchase yet" (Exit)', "+ step n9 (Push)"]
    assert apply_data(BASE, diff_data(BASE, b, include_layout=True)) == b


def test_both_sides_moving_one_step_is_no_conflict_and_keeps_ours():
    ours, theirs = copy.deepcopy(BASE), copy.deepcopy(BASE)
    ours["workflows"][0]["nodes"][0]["position"] = {"x": 10.0, "y": 0.0}
    theirs["workflows"][0]["nodes"][0]["position"] = {"x": 99.0, "y": 5.0}
    theirs["workflows"][0]["nodes"][1]["title"] = "Hello"
    result = merge_data(BASE, ours, theirs)
    assert result.clean
    assert result.data["workflows"][0]["nodes"][0]["position"] == {"x": 10.0, "y": 0.0}
    assert result.data["workflows"][0]["nodes"][1]["title"] == "Hello"
