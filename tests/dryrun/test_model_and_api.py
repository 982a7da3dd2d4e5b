"""The behaviour model in the file, and the API the app's Run panel drives (progress, cancel)."""

from __future__ import annotations

import json

import pytest

from designer.examples import example_blueprint
from designer.fileformat import FileFormatError, dumps, loads
from designer.runtime.dryrun.behaviour_model import BehaviourModel
from designer.runtime.dryrun.forecast import aggregate, run_forecast
from designer.runtime.dryrun.simulator import Cancelled
from designer.simulation_model import ChannelRates, EventModel, SegmentOverride, SimulationModel


def test_files_without_a_model_still_load_and_round_trip_with_one():
    data = json.loads(dumps(example_blueprint()))
    for level in (data, data["workflows"][0]):
        level.pop("simulation")
    assert loads(json.dumps(data)).simulation is None
    bp = example_blueprint()
    bp.simulation = SimulationModel(days=21, channels={"email": ChannelRates(open_rate=0.4)},
                                    events={"purchased": EventModel(probability=0.2)},
                                    segments=[SegmentOverride(name="VIPs", condition='has_tag("vip")',
                                                              events={"purchased": EventModel(probability=0.5)})])
    assert loads(dumps(bp)) == bp


@pytest.mark.parametrize("bad, message", [
    ({"channels": {"fax": {}}}, "unknown channel 'fax'"),
    ({"channels": {"email": {"open_rate": 1.5}}}, "less than or equal to 1"),
    ({"segments": [{"name": "x", "condition": "score >"}]}, "the condition has an error"),
    ({"events": {"bought": {"delay": {"distribution": "normal"}}}}, "fixed"),
])
def test_a_bad_model_is_reported_with_its_place(bad, message):
    data = json.loads(dumps(example_blueprint()))
    data["simulation"] = bad
    with pytest.raises(FileFormatError, match=message) as err:
        loads(json.dumps(data))
    assert "$.simulation" in str(err.value)


def test_levels_merge_defaults_blueprint_workflow_segment():
    bp = SimulationModel(channels={"email": ChannelRates(open_rate=0.4)},
                         segments=[SegmentOverride(name="vip", condition='has_tag("vip")',
                                                   channels={"email": ChannelRates(click_rate=0.5)})])
    wf = SimulationModel(channels={"email": ChannelRates(delivery_rate=0.9)})
    table = BehaviourModel(bp, wf).channel("email")
    assert table.open.tolist() == [0.4, 0.4]  # segment, then everyone else
    assert table.click.tolist() == [0.5, 0.12] and table.delivery.tolist() == [0.9, 0.9]
    assert table.unsubscribe.tolist() == [0.003, 0.003]  # the built-in default


def test_segment_overrides_apply_to_matching_contacts():
    bp = example_blueprint()
    bp.simulation = SimulationModel(segments=[SegmentOverride(
        name="nobody opens in Shanghai", condition='city == "Shanghai"', channels={"email": ChannelRates(open_rate=0)})])
    r = run_forecast(bp, "sample", trace=["c00001"])
    assert r["workflows"][0]["messages"][0]["opened"] > 0
    bp.simulation.segments[0].condition = "score >= 0"  # everyone
    r = run_forecast(bp, "sample")
    assert r["workflows"][0]["messages"][0]["opened"] == 0


def test_progress_and_cancel():
    seen = []
    run_forecast(example_blueprint(), 2000, progress=lambda f, m: seen.append((f, m)))
    assert seen[-1] == (1.0, "done") and all(a[0] <= b[0] for a, b in zip(seen, seen[1:]))
    calls = []
    with pytest.raises(Cancelled, match="stopped at day"):
        run_forecast(example_blueprint(), 2000, cancel=lambda: calls.append(1) or len(calls) > 5)


def test_aggregate_takes_mean_and_interval_and_treats_missing_counts_as_zero():
    runs = [{"seed": s, "n": v, "ports": p, "series": [v, 1], "name": "x"}
            for s, v, p in ((1, 1, {"a": 1}), (2, 3, {"a": 2, "b": 4}))]
    out = aggregate(runs)
    assert out["n"]["mean"] == 2 and out["ports"]["b"]["mean"] == 2 and out["ports"]["b"]["p5"] == pytest.approx(0.2)
    assert out["series"]["mean"] == [2, 1] and out["name"] == "x" and out["seeds"] == [1, 2]


def test_synthetic_contacts_at_a_larger_scale():
    r = run_forecast(example_blueprint(), 20_000, seed=3)
    wf = r["workflows"][0]
    assert wf["enrolled"] == 20_000 and 0.03 < wf["goal"]["rate"] < 0.3
    assert "paths" in r and r["paths"] == {}  # too many to trace all: trace by id instead


def test_weekly_entries_for_experiment_sizing():
    from benchmarks.journey20 import nurture_blueprint
    from designer.runtime.dryrun.forecast import weekly_entries

    r = run_forecast(nurture_blueprint(days=28), 2000, seed=2)
    experiment = next(b for b in r["workflows"][0]["branches"] if b["node"] == "x")
    reached = sum(p["contacts"] for p in experiment["ports"].values())
    assert weekly_entries(r) == {"nurture": round(reached / 4, 3)}
    assert weekly_entries(run_forecast(example_blueprint(), 500, days=14)) == {"welcome": 250.0}
