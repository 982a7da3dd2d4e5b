"""The Run panel, counts on the canvas, dashboard, contacts explorer, preview, send test and demo mode,
driven through the real window (dry-runs in the real worker process, the engine on real SQLite files)."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from designer.runtime.store import Store
from PySide6.QtCore import Qt

from designer.app.run import figures, jobs
from designer.examples import example_blueprint
from designer.fileformat import save
from designer.runtime import report as db_report

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def journey_file(tmp_path) -> Path:
    path = tmp_path / "welcome.json"
    save(example_blueprint(), path)
    return path


@pytest.fixture
def run_window(make_window, journey_file):
    window = make_window(example_blueprint(), path=journey_file)
    yield window
    window.run.shutdown()


def dry_run(qtbot, window, timeout: float = 90.0) -> None:
    qtbot.mouseClick(window.run.panel.dry_run, Qt.MouseButton.LeftButton)
    assert window.run.runner.wait(timeout)
    qtbot.waitUntil(lambda: window.run.report is not None, timeout=5000)
    qtbot.waitUntil(lambda: window.run.explorer.model.rowCount() > 0, timeout=5000)  # filled on the next turn


def test_dry_run_from_the_panel_puts_the_forecasts_counts_on_the_canvas(qtbot, run_window):
    dry_run(qtbot, run_window)
    expected = jobs.run_in_process(jobs.blueprint_data(run_window.document.blueprint), "sample")
    wf = expected["workflows"][0]
    overlay = run_window.run.overlays[wf["id"]]
    assert {n: c.entered for n, c in overlay.counts.items()} == {n["id"]: n["entered"] for n in wf["nodes"]}
    assert {n: c.waiting for n, c in overlay.counts.items()} == {n["id"]: n["waiting"] for n in wf["nodes"]}
    assert {n: c.converted for n, c in overlay.counts.items()} == {n["id"]: n["converted"] for n in wf["nodes"]}
    first = wf["nodes"][0]
    assert overlay.badges[first["id"]].text.startswith(f"{first['entered']:,}")
    scene = run_window.view.scene()
    widths = {k: e.flow for k, e in scene.edges.items()}
    flows = {(e["source"], e["port"], e["target"]): e["flow"] for e in wf["edges"]}
    assert all((widths[k] > 0) == (flows[k] > 0) for k in widths)
    assert max(widths, key=widths.get) in {k for k, v in flows.items() if v == max(flows.values())}
    qtbot.mouseClick(run_window.run.panel.percent, Qt.MouseButton.LeftButton)
    assert overlay.badges[first["id"]].text.startswith("100%")


def test_dashboard_numbers_equal_the_cli_json(qtbot, run_window, journey_file):
    dry_run(qtbot, run_window)
    out = subprocess.run([sys.executable, "-m", "designer.cli", "dry-run", str(journey_file), "--json"],
                         cwd=ROOT, capture_output=True, text=True, check=True)
    cli = json.loads(out.stdout)
    dash = run_window.run.dashboard
    assert dash.metrics_rows() == figures.metrics(cli)
    assert dash.boxes["funnel"].rows == [list(r) for r in figures.funnel(cli["workflows"][0])]
    channels = dash.boxes["channels"].rows
    assert [row[1] for row in channels] == cli["channels"]["email"]["per_day"]
    assert dash.table.item(0, 3).text() == f"{cli['programme']['enrolled']:,}"


def test_cancelling_a_long_dry_run_leaves_the_database_as_it_was(qtbot, run_window, journey_file):
    dry_run(qtbot, run_window)  # one run kept
    db = journey_file.with_suffix(".db")
    assert len(jobs.past_runs(db)) == 1
    panel = run_window.run.panel
    panel.choose("synthetic", 400_000)
    seen = []
    run_window.run.runner.progressed.connect(lambda f, m: seen.append(f))
    qtbot.mouseClick(panel.dry_run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(seen) and seen[-1] > 0.05, timeout=60_000)
    assert panel.stop.isEnabled()
    qtbot.mouseClick(panel.stop, Qt.MouseButton.LeftButton)
    assert run_window.run.runner.wait(30)
    assert "Cancelled" in panel.progress_label.text()
    assert len(jobs.past_runs(db)) == 1
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM forecast_node").fetchone()[0] == len(example_blueprint().workflows[0].nodes)
    assert panel.dry_run.isEnabled() and not panel.stop.isEnabled()


def test_selecting_a_contact_highlights_its_path_and_shows_its_timeline(qtbot, run_window):
    dry_run(qtbot, run_window)
    feature = run_window.run
    path = feature.report["paths"]["c00001"]
    assert feature.explorer.select("c00001")
    nodes, edges = feature.overlays["welcome"].highlighted()
    assert nodes == {e["node"] for e in path if e.get("workflow") == "welcome"}
    taken = {(e["node"], e["port"]) for e in path if e.get("type") == "step"}
    assert {(s, p) for s, p, _ in edges} == taken - {(n, p) for n, p in taken if not any(
        k[0] == n and k[1] == p for k in run_window.view.scene().edges)}
    lines = [feature.explorer.timeline.item(i).text() for i in range(feature.explorer.timeline.count())]
    assert lines == figures.timeline(path, feature._titles())
    assert lines[0] == "day 3  event signed_up"
    assert feature.explorer.now.text() == "stopped at First purchase: converted: First purchase"
    feature.explorer.search.setText("zzz-nobody")
    assert feature.explorer.model.rowCount() == 0
    feature.explorer.search.setText("c0000")
    assert feature.explorer.model.rowCount() == 9
    feature.explorer.table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # score
    scores = [feature.explorer.model.record_at(r)["score"] for r in range(9)]
    assert scores == sorted(scores, reverse=True)


def _preview_text(window, node_id: str) -> str:
    explorer = window.run.explorer
    explorer.step.setCurrentIndex(explorer.step.findData(node_id))
    window.run._preview(node_id)
    return explorer.message.toPlainText()


def test_message_preview_with_and_without_a_first_name(qtbot, run_window):
    dry_run(qtbot, run_window)
    feature = run_window.run
    feature.explorer.select("c00002")
    contact = feature.current_contact()
    assert contact["first_name"]
    text = _preview_text(run_window, "n2")
    assert f"Hi {contact['first_name']}," in text and contact["email"] in text
    contact["first_name"] = None
    assert "Hi there," in _preview_text(run_window, "n2")
    sms = _preview_text(run_window, "n6")
    assert "Acme Coffee: hi , your welcome gift" in sms
    if not contact["consent"]["sms"]:
        assert "Would be suppressed: no consent for sms" in sms


def test_send_test_goes_to_the_sandbox_outbox_marked_test_and_never_counted(qtbot, run_window, journey_file):
    dry_run(qtbot, run_window)
    feature = run_window.run
    feature.explorer.select("c00003")
    feature.explorer.step.setCurrentIndex(feature.explorer.step.findData("n2"))
    feature.explorer.address.setText("me@example.com")
    qtbot.mouseClick(feature.explorer.send, Qt.MouseButton.LeftButton)
    assert "sandbox outbox" in feature.explorer.sent.text()
    sandbox = journey_file.with_suffix(".demo.db")
    store = Store(sandbox)
    try:
        rows = db_report.outbox(store)
        status = db_report.status(store)
    finally:
        store.close()
    assert len(rows) == 1 and rows[0]["state"] == "test" and rows[0]["to"] == "me@example.com"
    assert status["outbox"] == {"test": 1} and status["workflows"] == []
    payload = json.loads(sqlite3.connect(sandbox).execute(
        "SELECT payload FROM outbox").fetchone()[0])
    assert payload["test"] is True and payload["content"]["subject"]


def test_results_are_kept_with_the_file_and_two_runs_compare(qtbot, make_window, journey_file):
    first = make_window(example_blueprint(), path=journey_file)
    dry_run(qtbot, first)
    first.run.panel.seed.setValue(2)
    dry_run(qtbot, first)
    first.run.shutdown()
    again = make_window(example_blueprint(), path=journey_file)
    again.run.reload()
    assert again.run.report is not None and again.run.run_id == 2
    assert again.run.overlays["welcome"].counts["n1"].entered == 1000
    assert again.run.compare.a.count() == 2
    rows = again.run.compare.table.rowCount()
    assert rows == len(example_blueprint().workflows[0].nodes) + 1


def test_demo_mode_fires_an_event_and_the_contact_moves(qtbot, run_window):
    feature = run_window.run
    panel = feature.panel
    qtbot.mouseClick(panel.demo, Qt.MouseButton.LeftButton)
    panel.speed.setValue(100)  # 100,000x: a two-day wait takes about two seconds
    assert panel.run.isEnabled()
    qtbot.mouseClick(panel.run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feature.demo.status is not None, timeout=20_000)
    assert feature.explorer.model.rowCount() == 1000
    target = "c00500"
    assert feature.explorer.select(target)
    feature.explorer.event.setCurrentText("signed_up")
    qtbot.mouseClick(feature.explorer.fire, Qt.MouseButton.LeftButton)

    def trace():
        return jobs.trace(feature.demo.store, target)

    qtbot.waitUntil(lambda: any(p["workflow"] == "welcome" for p in trace()["passes"]), timeout=20_000)
    qtbot.waitUntil(lambda: trace()["passes"][0]["node"] == "n7", timeout=30_000)  # waiting for a purchase
    feature.explorer.event.setCurrentText("purchased")
    qtbot.mouseClick(feature.explorer.fire, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: trace()["passes"][0]["state"] == "converted", timeout=20_000)
    qtbot.waitUntil(lambda: feature.overlays["welcome"].counts.get("n8") is not None
                    and feature.overlays["welcome"].counts["n8"].entered >= 1, timeout=10_000)
    qtbot.mouseClick(panel.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not feature.demo.running, timeout=15_000)
    with sqlite3.connect(feature.demo.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_run_is_disabled_with_validation_errors_and_says_why(qtbot, run_window):
    editor = run_window.editor
    editor.delete("welcome", ["n1"], [], [])  # no trigger: an error
    run_window.validation.run_now()
    panel = run_window.run.panel
    assert not panel.run.isEnabled()
    assert "error" in panel.why.text() and "Run is off" in panel.why.text()


def test_experiments_show_lift_over_the_holdout_and_the_planned_sample(qtbot, make_window, tmp_path):
    from tests.queue_fixtures import _with_experiment_node

    blueprint = example_blueprint()
    _with_experiment_node(blueprint.workflows[0])
    path = tmp_path / "ab.json"
    save(blueprint, path)
    window = make_window(blueprint, path=path)
    dry_run(qtbot, window)
    window.run.shutdown()
    box = window.run.dashboard.boxes["experiments"]
    by_port = {row[1]: row for row in box.rows}
    assert set(by_port) == {"control", "variant_b", "holdout"}
    branch = next(b for b in window.run.report["workflows"][0]["branches"] if "lift_vs_holdout" in b)
    for port in ("control", "variant_b"):
        assert by_port[port][5] == pytest.approx(branch["lift_vs_holdout"][port]["absolute"], abs=1e-6)
        assert by_port[port][6] < by_port[port][5] < by_port[port][7]
    assert by_port["control"][8] > 0
    assert "planned sample" in box.view.chart().title()
    readout = window.run.report["experiments"][0]  # the forecast's readout (issue 18)
    assert f"reached in week {readout['sample']['week']}" in box.view.chart().title()


def test_headless_screenshot_dry_runs_and_shows_the_counts(journey_file, tmp_path):
    out = tmp_path / "run.png"
    done = subprocess.run([sys.executable, "main.py", "--screenshot", str(out), "--show", "run", "--contacts", "2000",
                           str(journey_file)], cwd=ROOT, capture_output=True, text=True, timeout=180,
                          env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    assert out.stat().st_size > 50_000
    assert jobs.past_runs(journey_file.with_suffix(".db"))[0]["contacts"] == 2000


def test_dry_run_names_the_problems_and_runs_the_workflows_without_errors(qtbot, make_window, tmp_path):
    from designer.examples import welcome_workflow

    blueprint = example_blueprint()
    broken = welcome_workflow("broken")
    broken.nodes = [n for n in broken.nodes if n.id != "n1"]  # no trigger
    broken.edges = [e for e in broken.edges if e.source != "n1"]
    blueprint.workflows.append(broken)
    window = make_window(blueprint)
    window.validation.run_now()
    assert not window.run.panel.run.isEnabled()
    dry_run(qtbot, window)
    window.run.shutdown()
    why = window.run.panel.why.text()
    assert "error" in why and "Dry-running the 1 workflow(s) without errors" in why
    assert [wf["id"] for wf in window.run.report["workflows"]] == ["welcome"]


def test_each_chart_saves_as_png_and_its_numbers_as_safe_csv(qtbot, make_window, tmp_path):
    blueprint = example_blueprint()
    blueprint.workflows[0].node("n2").title = "=HYPERLINK(\"http://x\")"
    window = make_window(blueprint)
    dry_run(qtbot, window)
    window.run.shutdown()
    box = window.run.dashboard.boxes["funnel"]
    assert box.save_png(tmp_path / "funnel.png") and (tmp_path / "funnel.png").stat().st_size > 5_000
    box.save_csv(tmp_path / "funnel.csv")
    lines = (tmp_path / "funnel.csv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "step,contacts"
    assert lines[2] == '"\'=HYPERLINK(""http://x"")",1000'


def test_run_on_a_postgresql_database_from_the_panel(qtbot, run_window, pg_url):
    import time

    from designer.runtime.contacts import load_sample, record_live

    store = Store(pg_url)
    load_sample(store, 50, end=time.time())
    with store.write() as conn:  # ten sign-ups happening now: the welcome journey takes them in
        record_live(conn, [{"contact_id": f"c{i:05d}", "name": "signed_up", "time": time.time()} for i in range(1, 11)])
    url = pg_url.replace("postgres@", "postgres:s3cret@", 1)  # the test server trusts any password
    feature, panel = run_window.run, run_window.run.panel
    panel.choose("database", url)
    assert panel.database() == url and "s3cret" not in panel.path.text() and ":***@" in panel.path.text()
    panel.speed.setValue(100)
    qtbot.mouseClick(panel.run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feature.demo.status is not None, timeout=20_000)
    assert panel.progress_label.text() and "s3cret" not in panel.progress_label.text()
    assert feature.explorer.model.rowCount() == 50
    qtbot.waitUntil(lambda: feature.overlays["welcome"].counts.get("n1") is not None
                    and feature.overlays["welcome"].counts["n1"].entered == 10, timeout=20_000)
    qtbot.mouseClick(panel.stop, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not feature.demo.running, timeout=15_000)
    in_db = figures.step_counts(figures.find_workflow(db_report.status(store), "welcome"))
    assert in_db["n1"].entered == 10

    def on_canvas():  # the last status the run sent (queued to the window as it stopped)
        return {n: c.entered for n, c in feature.overlays["welcome"].counts.items()}

    qtbot.waitUntil(lambda: on_canvas() == {n: c.entered for n, c in in_db.items()}, timeout=5_000)
    store.close()
