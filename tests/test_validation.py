"""Every validator code: a case that triggers it and one that does not."""

from __future__ import annotations

import pytest

from designer.blueprint import ExitCriteria, FrequencyCap, Goal, JourneySettings
from designer.validation import CODES, has_errors, validate

from .builders import blueprint, node, workflow


def codes(bp) -> list[str]:
    return [p.code for p in validate(bp)]


def linear(*kinds_and_settings, end="goal", **wf_fields):
    """trigger -> ... -> goal, wired in order."""
    nodes = [node("t", "trigger.event", event="signed_up")]
    for i, (kind, settings) in enumerate(kinds_and_settings):
        nodes.append(node(f"s{i}", kind, **settings))
    nodes.append(node("g", end))
    wires = [(a.id, "next", b.id) for a, b in zip(nodes, nodes[1:])]
    return workflow(nodes, wires, **wf_fields)


def test_example_is_clean(example):
    assert validate(example) == []


def test_every_code_is_documented():
    for code in ["no-entry", "cycle", "unreachable", "dangling-output", "dead-edge", "trigger-has-input",
                 "invalid-settings", "split-weights", "wait-no-timeout", "no-goal", "over-messaging"]:
        assert code in CODES


def test_no_entry():
    wf = workflow([node("a", "send.email"), node("g", "goal")], [("a", "next", "g")])
    problems = validate(blueprint(wf))
    assert [p.code for p in problems] == ["no-entry"]
    assert problems[0].severity == "error"
    assert "no-entry" not in codes(blueprint(linear(("send.email", {}))))


def test_cycle_names_the_loop():
    nodes = [node("t", "trigger.event"), node("a", "send.email"), node("b", "wait.delay"),
             node("c", "branch.condition"), node("g", "goal")]
    wires = [("t", "next", "a"), ("a", "next", "b"), ("b", "next", "c"), ("c", "yes", "g"), ("c", "no", "a")]
    problems = [p for p in validate(blueprint(workflow(nodes, wires))) if p.code == "cycle"]
    assert len(problems) == 1
    assert problems[0].node_ids == ("a", "b", "c")
    assert "Email -> Wait -> If / else -> Email" in problems[0].message
    # Broken loop: no cycle.
    wires[-1] = ("c", "no", "g")
    assert "cycle" not in codes(blueprint(workflow(nodes, wires)))


def test_self_loop_is_a_cycle():
    nodes = [node("t", "trigger.event"), node("a", "send.email"), node("g", "goal")]
    wf = workflow(nodes, [("t", "next", "a"), ("a", "next", "a")])
    assert "cycle" in codes(blueprint(wf))


def test_unreachable_orphan():
    wf = linear(("send.email", {}))
    wf.nodes.append(node("orphan", "send.sms"))
    problems = [p for p in validate(blueprint(wf)) if p.code == "unreachable"]
    assert [p.node_ids for p in problems] == [("orphan",)]
    assert problems[0].severity == "error"
    wf.nodes.pop()
    assert "unreachable" not in codes(blueprint(wf))


def test_dangling_output_names_port():
    nodes = [node("t", "trigger.event"), node("w", "wait.event"), node("g", "goal")]
    wf = workflow(nodes, [("t", "next", "w"), ("w", "happened", "g")])
    problems = [p for p in validate(blueprint(wf)) if p.code == "dangling-output"]
    assert [(p.node_ids, p.field) for p in problems] == [(("w",), "timed_out")]
    assert "Timed out" in problems[0].message
    nodes.append(node("x", "exit"))
    wf = workflow(nodes, [("t", "next", "w"), ("w", "happened", "g"), ("w", "timed_out", "x")])
    assert "dangling-output" not in codes(blueprint(wf))


@pytest.mark.parametrize(
    "wire, why",
    [(("t", "next", "missing"), "no step"), (("t", "nope", "g"), "no output"), (("ghost", "next", "g"), "no step")],
)
def test_dead_edge(wire, why):
    wf = linear()
    wf.edges.append(type(wf.edges[0])(source=wire[0], source_port=wire[1], target=wire[2]))
    problems = [p for p in validate(blueprint(wf)) if p.code == "dead-edge"]
    assert len(problems) == 1 and why in problems[0].message
    assert "dead-edge" not in codes(blueprint(linear()))


def test_trigger_has_input():
    nodes = [node("t", "trigger.event"), node("t2", "trigger.segment"), node("g", "goal")]
    wf = workflow(nodes, [("t", "next", "t2"), ("t2", "next", "g")])
    assert "trigger-has-input" in codes(blueprint(wf))
    wf = workflow(nodes, [("t", "next", "g"), ("t2", "next", "g")])
    assert "trigger-has-input" not in codes(blueprint(wf))


def test_port_in_use():
    nodes = [node("t", "trigger.event"), node("g", "goal"), node("x", "exit")]
    wf = workflow(nodes, [("t", "next", "g"), ("t", "next", "x")])
    assert "port-in-use" in codes(blueprint(wf))


def test_invalid_settings_one_per_field():
    wf = linear(("wait.delay", {"amount": -1, "unit": "fortnights"}))
    problems = [p for p in validate(blueprint(wf)) if p.code == "invalid-settings"]
    assert sorted(p.field for p in problems) == ["amount", "unit"]
    assert all(p.node_ids == ("s0",) for p in problems)
    assert "invalid-settings" not in codes(blueprint(linear(("wait.delay", {"amount": 1, "unit": "days"}))))


def test_invalid_settings_unknown_key_and_condition_syntax():
    wf = linear(("send.sms", {"txt": "typo"}), ("branch.condition", {"condition": "score >"}))
    problems = [p for p in validate(blueprint(wf)) if p.code == "invalid-settings"]
    fields = {p.field for p in problems}
    assert "txt" in fields and "condition" in fields
    assert any("position" in p.message for p in problems if p.field == "condition")


def test_invalid_template_placeholder():
    wf = linear(("send.email", {"subject": "Hi {{first_name"}))
    assert [p.field for p in validate(blueprint(wf)) if p.code == "invalid-settings"] == ["subject"]


def test_stage_must_exist():
    wf = linear(("stage", {"stage": "vip"}))
    assert "invalid-settings" in codes(blueprint(wf))
    assert "invalid-settings" not in codes(blueprint(linear(("stage", {"stage": "customer"}))))


def test_split_weights():
    bad = {"branches": [{"id": "a", "label": "A", "weight": 60}, {"id": "b", "label": "B", "weight": 30}]}
    nodes = [node("t", "trigger.event"), node("r", "branch.random", **bad), node("g", "goal"), node("x", "exit")]
    wires = [("t", "next", "r"), ("r", "a", "g"), ("r", "b", "x")]
    problems = [p for p in validate(blueprint(workflow(nodes, wires))) if p.code == "split-weights"]
    assert len(problems) == 1 and "90%" in problems[0].message
    nodes[1] = node("r", "branch.random")
    assert "split-weights" not in codes(blueprint(workflow(nodes, wires)))


def test_experiment_weights():
    bad = {"variants": [{"id": "a", "label": "A", "weight": 70}, {"id": "b", "label": "B", "weight": 70}],
           "holdout_percent": 0}
    wf = workflow([node("t", "trigger.event"), node("e", "branch.experiment", **bad)], [("t", "next", "e")])
    assert "split-weights" in codes(blueprint(wf))


def test_wait_no_timeout():
    nodes = [node("t", "trigger.event"), node("w", "wait.event", timeout_amount=None), node("g", "goal"),
             node("x", "exit")]
    wires = [("t", "next", "w"), ("w", "happened", "g"), ("w", "timed_out", "x")]
    problems = [p for p in validate(blueprint(workflow(nodes, wires))) if p.code == "wait-no-timeout"]
    assert len(problems) == 1 and problems[0].severity == "error"
    nodes[1] = node("w", "wait.event", timeout_amount=3)
    assert "wait-no-timeout" not in codes(blueprint(workflow(nodes, wires)))


def test_no_goal_is_a_warning():
    wf = linear(("send.email", {}), end="exit", goal=None)
    problems = [p for p in validate(blueprint(wf)) if p.code == "no-goal"]
    assert len(problems) == 1 and problems[0].severity == "warning"
    wf.goal = Goal(event="purchased")
    assert "no-goal" not in codes(blueprint(wf))
    # A Goal step counts as a goal too.
    assert "no-goal" not in codes(blueprint(linear(("send.email", {}), end="goal", goal=None)))


def test_exit_criteria_condition_is_checked():
    wf = linear(("send.email", {}), exit_criteria=ExitCriteria(event="refund_requested", condition='has_tag("x" and'))
    problems = [p for p in validate(blueprint(wf)) if p.field == "exit_criteria.condition"]
    assert len(problems) == 1
    p = problems[0]
    assert (p.severity, p.code, p.node_ids) == ("error", "invalid-settings", ())
    assert "exit criteria condition" in p.message and "position" in p.message
    wf.exit_criteria = ExitCriteria(event=None, condition='has_tag("do_not_contact") or events("complained") > 0')
    assert validate(blueprint(wf)) == []
    wf.exit_criteria = None  # off: nothing to check
    assert validate(blueprint(wf)) == []


def _messaging(wait_days: float):
    steps = [("send.email", {}), ("send.sms", {}), ("wait.delay", {"amount": wait_days, "unit": "days"}),
             ("send.push", {}), ("send.email", {})]
    settings = JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7))
    return linear(*steps, settings=settings)


def test_over_messaging_counts_waits_along_the_path():
    problems = [p for p in validate(blueprint(_messaging(1))) if p.code == "over-messaging"]
    assert len(problems) == 1
    assert problems[0].severity == "warning"
    assert problems[0].node_ids == ("s0", "s1", "s3", "s4")
    assert "4 messages within 7 days" in problems[0].message
    # A long enough wait splits them across periods: at most 2 in any 7 days.
    assert "over-messaging" not in codes(blueprint(_messaging(7)))


def test_over_messaging_takes_the_shortest_wait_for_an_event():
    nodes = [node("t", "trigger.event"), node("a", "send.email"), node("w", "wait.event", timeout_amount=30),
             node("b", "send.sms"), node("c", "send.push"), node("d", "send.email"), node("g", "goal"),
             node("x", "exit")]
    wires = [("t", "next", "a"), ("a", "next", "w"), ("w", "happened", "b"), ("b", "next", "c"),
             ("c", "next", "d"), ("d", "next", "g"), ("w", "timed_out", "x")]
    wf = workflow(nodes, wires, settings=JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7)))
    assert "over-messaging" in codes(blueprint(wf))


def test_programme_cap_applies_to_each_workflow():
    wf = linear(("send.email", {}), ("send.sms", {}), settings=JourneySettings(frequency_cap=None))
    assert "over-messaging" not in codes(blueprint(wf))
    assert "over-messaging" in codes(blueprint(wf, programme_cap=FrequencyCap(max_messages=1, period_days=7)))


def test_unknown_kind_and_duplicate_id():
    wf = linear(("send.email", {}))
    wf.nodes.append(node("s0", "send.sms"))
    wf.nodes.append(node("z", "send.carrier_pigeon"))
    found = codes(blueprint(wf))
    assert "duplicate-id" in found and "unknown-kind" in found


def test_webhook_checks():
    wf = linear(("send.webhook", {"url": "ftp://x", "body": '{"a": {{id}}',
                                  "headers": {"Authorization": "Bearer abc"}}))
    problems = validate(blueprint(wf))
    assert {p.field for p in problems if p.code == "invalid-settings"} == {"url", "body"}
    assert [p.severity for p in problems if p.code == "secret-in-file"] == ["warning"]
    ok = linear(("send.webhook", {"headers": {"Authorization": "Bearer {{secret.crm_token}}"}}))
    assert not has_errors(validate(blueprint(ok)))
    assert "secret-in-file" not in codes(blueprint(ok))


def test_workflow_stage_fields_checked():
    wf = linear(("send.email", {}), from_stage="nowhere")
    assert [p.field for p in validate(blueprint(wf)) if p.code == "invalid-settings"] == ["from_stage"]


def test_over_messaging_on_a_long_chain_names_a_few_steps_and_counts_the_rest():
    steps = [("send.email", {})] * 40
    settings = JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7))
    problem = next(p for p in validate(blueprint(linear(*steps, settings=settings))) if p.code == "over-messaging")
    assert len(problem.node_ids) == 40
    assert "40 messages within 7 days" in problem.message
    assert "and 35 more" in problem.message and len(problem.message) < 300


def test_over_messaging_slides_a_window_along_a_chain_with_waits():
    # An email every 2 days: days 0, 2, 4 and 6 fall within one 7-day period, day 8 does not.
    steps = []
    for _ in range(10):
        steps += [("send.email", {}), ("wait.delay", {"amount": 2, "unit": "days"})]
    settings = JourneySettings(frequency_cap=FrequencyCap(max_messages=3, period_days=7))
    problem = next(p for p in validate(blueprint(linear(*steps, settings=settings))) if p.code == "over-messaging")
    assert "4 messages within 7 days" in problem.message
    assert problem.node_ids == ("s0", "s2", "s4", "s6")
    settings.frequency_cap = FrequencyCap(max_messages=4, period_days=7)
    assert "over-messaging" not in codes(blueprint(linear(*steps, settings=settings)))
