"""Forecasts a marketer can trust (issue 18): step effects, conditional behaviour, experiment readout."""

from __future__ import annotations

import json
import math

import pytest

from designer.cli import main
from designer.examples import example_blueprint
from designer.fileformat import dumps, loads, save
from designer.planning import sample_size_per_variant
from designer.runtime.dryrun.columns import synthetic
from designer.runtime.dryrun.forecast import run_forecast
from designer.runtime.dryrun.simulator import Simulation
from designer.simulation_model import SimulationModel
from designer.validation import validate
from tests.dryrun.helpers import message, node, people, simulate
from tests.dryrun.journeys18 import ab_test, trade_show

# --- conditional behaviour --------------------------------------------------------

@pytest.mark.parametrize("seed", [1, 2, 3])
def test_trade_show_checks_in_only_the_registered(seed):
    """1,000 invited x 0.5 registered x 0.6 checked in = about 300 sales tasks (sd about 14.5)."""
    sim, r = simulate(trade_show(), people(1000), seed=seed, days=30)
    tasks = message(r, "task")["delivered"]
    assert abs(tasks - 300) < 50, tasks
    assert abs(r["events"]["checked_in"] - 300) < 50  # nobody who did not register checks in
    assert node(r, "checkin")["passed"]["happened"] == tasks
    assert sim.rules is not None and sim.effects is None


def test_the_report_lists_the_rules(tmp_path, capsys):
    path = tmp_path / "show.journey.json"
    save(trade_show(), path)
    assert main(["dry-run", str(path), "--contacts", "300"]) == 0
    assert '  checked_in: 60% if events("show_registered") > 0' in capsys.readouterr().out


def test_without_the_rule_check_ins_are_drawn_for_everyone():
    _, r = simulate(trade_show(conditional=False), people(1000), seed=1, days=30)
    assert abs(r["events"]["checked_in"] - 600) < 70  # the independent draw the rule replaces
    assert abs(message(r, "task")["delivered"] - 300) < 50


def test_a_rule_with_its_own_delay_moves_the_event():
    bp = trade_show()
    wf = bp.workflows[0]
    model = wf.simulation.model_dump(mode="json", exclude_none=True)
    model["events"]["checked_in"]["when"][0]["delay"] = {"distribution": "fixed", "hours": 1000}
    bp = bp.model_copy(update={"workflows": [wf.model_copy(update={"simulation": SimulationModel.model_validate(model)})]})
    _, r = simulate(bp, people(500), seed=1, days=30)
    assert r["events"].get("checked_in", 0) == 0  # 1,000 h later: after the 30 days
    assert node(r, "task")["entered"] == 0


def test_plain_runs_build_no_effects_or_rules():
    sim = Simulation(example_blueprint(), synthetic(200), seed=1)
    assert sim.effects is None and sim.rules is None


# --- effects where they happen ------------------------------------------------------

def test_a_message_steps_open_rate_override():
    bp = ab_test(effect={"open_rate": 0.40})
    _, r = simulate(bp, people(6000), seed=3, days=28)
    b, a = message(r, "b"), message(r, "a")
    assert abs(b["open_rate"] - 0.40) < 0.03 and abs(a["open_rate"] - 0.25) < 0.03


def test_b_lift_over_the_holdout_is_within_its_interval():
    r = run_forecast(ab_test(), 20000, seed=1, runs=8)
    readout = r["experiments"][0]
    b, a = readout["variants"]["variant_b"], readout["variants"]["control"]
    assert b["low"] <= 0.02 <= b["high"] and b["significant"]
    assert a["low"] <= 0.0 <= a["high"] and not a["significant"]
    n = sample_size_per_variant(0.10, 0.02)  # the plan's defaults
    weekly = 20000 * 7 / 28
    assert readout["sample"]["per_group"] == n
    share = readout["sample"]["smallest_share"]
    assert abs(share - 0.2) < 0.01  # the holdout is the smallest group
    assert readout["sample"]["week"] == math.ceil(n / (weekly * share))
    assert r["overrides"] == [{"workflow": "wf", "node": "b", "title": "Email", "summary": "purchased +2 points",
                               "summary_id": [{"code": "override.add", "params": {"event": "purchased", "value": "+2"}}]}]
    from designer.i18n import Message
    from designer.runtime.dryrun.effects import summary

    assert summary([Message.from_json(m) for m in r["overrides"][0]["summary_id"]], "zh_CN") == "purchased +2 个百分点"


def test_one_run_gives_the_sampling_interval():
    r = run_forecast(ab_test(effect={"events": {"purchased": {"multiply": 1.5}}}), 20000, seed=4)
    b = r["experiments"][0]["variants"]["variant_b"]
    assert b["low"] <= 0.05 <= b["high"] and b["low"] > 0


def test_an_effect_by_port_on_the_experiment_step():
    bp = ab_test(effect={})
    wf = bp.workflows[0]
    nodes = [n.model_copy(update={"behaviour": {"ports": {"variant_b": {"events": {"purchased": {"multiply": 2}}}}}})
             if n.id == "x" else n for n in wf.nodes]
    bp = bp.model_copy(update={"workflows": [wf.model_copy(update={"nodes": nodes})]})
    r = run_forecast(bp, 20000, seed=2)
    lift = r["experiments"][0]["variants"]["variant_b"]
    assert lift["low"] <= 0.10 <= lift["high"]


def test_overrides_are_checked_and_stay_out_of_files_without_them():
    assert '"behaviour"' not in dumps(example_blueprint())
    bp = ab_test(effect={"events": {"purchased": {"multiply": -1}}, "bogus": 1})
    found = [p for p in validate(bp) if p.code == "invalid-behaviour"]
    assert found and found[0].node_ids == ("b",)
    wf = bp.workflows[0]
    nodes = [n.model_copy(update={"behaviour": {"ports": {"nope": {}}}}) if n.id == "x" else
             n.model_copy(update={"behaviour": {"open_rate": 0.5}}) if n.id == "w" else n for n in wf.nodes]
    bp = bp.model_copy(update={"workflows": [wf.model_copy(update={"nodes": nodes})]})
    messages = sorted(p.message for p in validate(bp) if p.code == "invalid-behaviour")
    assert any("no port 'nope'" in m for m in messages) and any("only apply to a step that sends" in m for m in messages)
    again = loads(dumps(ab_test()))
    assert again.workflows[0].node("b").behaviour == {"events": {"purchased": {"add": 0.02}}}


def test_dry_run_cli_lists_overrides_and_the_readout(tmp_path, capsys):
    path = tmp_path / "ab.journey.json"
    save(ab_test(), path)
    assert main(["dry-run", str(path), "--contacts", "5000", "--runs", "2"]) == 0
    text = capsys.readouterr().out
    assert "Behaviour overrides in effect:" in text and "wf/b 'Email': purchased +2 points" in text
    assert "variant_b: +" in text and "planned sample: 3,841 per group" in text
    assert main(["dry-run", str(path), "--contacts", "5000", "--json"]) == 0
    r = json.loads(capsys.readouterr().out)
    assert set(r["experiments"][0]["variants"]) == {"control", "variant_b"}
