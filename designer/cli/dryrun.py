"""Dry-run commands: ``journey dry-run`` (forecast) and ``journey test`` (journey tests)."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from designer.i18n import N_, Message, render
from designer.i18n import pad as _pad
from designer.runtime.dryrun.delivery import REASONS
from designer.runtime.dryrun.forecast import run_forecast
from designer.runtime.dryrun.forecast_store import save_forecast, where
from designer.runtime.dryrun.journey_tests import ScenarioError, run_file
from designer.runtime.dryrun.path_words import note, status
from designer.runtime.interpreter import JourneyInvalid

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, no_workflow, print_json, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("dry-run", help=N_("forecast a journey on sample contacts in virtual time"))
    p.add_argument("file")
    p.add_argument("--workflow", help=N_("only this workflow (id); default: all, simulated together"))
    p.add_argument("--contacts", default="sample", help=N_("'sample' (default), a number of synthetic contacts, or a CSV"))
    p.add_argument("--days", type=_positive, help=N_("simulated days (default: the blueprint's model, else 30)"))
    p.add_argument("--seed", type=int, default=1, help=N_("random seed (default 1); the same seed gives the same forecast"))
    p.add_argument("--runs", type=_positive, default=1, help=N_("repeat with this many seeds: mean and 90%% interval"))
    p.add_argument("--trace", action="append", metavar="CONTACT_ID", help=N_("show this contact's simulated path"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable report"))
    p.add_argument("--db", metavar="PATH|URL",
                   help=N_("also save the forecast to this database: an SQLite file or postgresql://user@host:port/db"))
    p.set_defaults(func=cmd_dry_run)

    p = sub.add_parser("test", help=N_("run journey test scenarios (exit 1 if any fails)"))
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--json", action="store_true", help=N_("machine-readable results"))
    p.set_defaults(func=cmd_test)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(render(say("cli.not-whole-number", text=text))) from None
    if value < 1:
        raise argparse.ArgumentTypeError(render(say("cli.at-least-1")))
    return value


class _Progress:
    """Progress on stderr for long runs; a line per 10% when stderr is not a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled, self.tty, self.shown = enabled, sys.stderr.isatty(), -1

    def __call__(self, fraction: float, message: str) -> None:
        if not self.enabled:
            return
        percent = int(fraction * 100)
        if self.tty:
            sys.stderr.write("\r" + render(say("cli.progress", percent=f"{percent:3d}", message=_pad(message, 40))))
            if fraction >= 1:
                sys.stderr.write("\n")
        elif percent // 10 > self.shown:
            self.shown = percent // 10
            sys.stderr.write(render(say("cli.progress", percent=percent, message=message)) + "\n")
        sys.stderr.flush()


def cmd_dry_run(args) -> int:
    blueprint = load_blueprint(args.file)
    if args.workflow and blueprint.workflow(args.workflow) is None:
        raise UsageError(no_workflow(args.workflow, args.file, [w.id for w in blueprint.workflows]))
    if not blueprint.workflows:
        raise UsageError(say("cli.nothing-to-simulate", file=args.file))
    long_run = sys.stderr.isatty() or args.runs > 2 or (args.contacts.isdigit() and int(args.contacts) >= 50_000)
    try:
        report = run_forecast(blueprint, args.contacts, workflow=args.workflow, days=args.days, seed=args.seed,
                              runs=args.runs, trace=args.trace, progress=_Progress(long_run))
    except JourneyInvalid as err:
        lines = [render(say("cli.cannot-dry-run", file=args.file, count=len(err.problems)))]
        lines += [f"  {p.workflow_id} [{', '.join(p.node_ids)}]: {p.message}" for p in err.problems[:10]]
        print("\n".join(lines), file=sys.stderr)
        return EXIT_PROBLEMS
    except ValueError as err:
        raise UsageError(str(err)) from None
    for row in report.get("skipped_rows", []):
        print(render(say("cli.row-left-out", file=args.contacts, line=row["line"], reason=row["reason"])),
              file=sys.stderr)
    if args.db:
        try:
            run_id = save_forecast(args.db, report, source_file=args.file, workflow=args.workflow,
                                   contacts_source=str(args.contacts))
        except ValueError as err:  # its reason is a message: the database cannot be used
            raise UsageError(say("cli.option-reason", option="--db", reason=err.args[0])) from None
        print(render(say("cli.forecast-saved", run=run_id, db=where(args.db))), file=sys.stderr)
    paths = report.pop("paths", {})
    if args.trace:
        report["paths"] = {cid: paths.get(cid, []) for cid in args.trace}
    if args.json:
        print_json(report)
    else:
        print(format_report(report))
    return EXIT_OK


# --- the readable report --------------------------------------------------------


def _n(value: Any) -> str:
    """A count, or 'mean [p5-p95]' for an aggregate."""
    if isinstance(value, dict) and "mean" in value:
        if value["p5"] == value["p95"]:
            return _n(value["mean"])
        return f"{_n(value['mean'])} [{_n(value['p5'])}-{_n(value['p95'])}]"
    if value is None:
        return "-"
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.1f}"
    return f"{int(value):,}"


def _pct(value: Any) -> str:
    if isinstance(value, dict) and "mean" in value:
        return f"{value['mean'] * 100:.1f}% [{value['p5'] * 100:.1f}-{value['p95'] * 100:.1f}%]"
    return f"{(value or 0) * 100:.1f}%"


def _mean(value: Any) -> float:
    return value["mean"] if isinstance(value, dict) and "mean" in value else (value or 0)


def _t(code: str, **params: Any) -> str:
    """A report line in the reader's language (designer/i18n/messages.py)."""
    return render(Message(code, params))


def format_report(r: dict[str, Any]) -> str:
    runs = _t("report.runs", runs=r["runs"], interval="90%") if "runs" in r else _t("report.seed", seed=r["seed"])
    out = [_t("report.head", blueprint=r["blueprint"], contacts=_n(r["contacts"]), days=_n(r["days"]), start=r["start"],
              runs=runs), ""]
    for wf in r["workflows"]:
        goal = wf["goal"]
        ttg = goal["time_to_goal_hours"]
        out.append(_t("report.workflow", name=wf["name"], id=wf["id"], enrolled=_n(wf["enrolled"]),
                      converted=_n(goal["converted"]), rate=_pct(goal["rate"]), median=_n(ttg["median"]),
                      p90=_n(ttg["p90"])))
        out.append(f"  {_pad(_t('report.col-step'), 30)} {_pad(_t('report.col-entered'), 14, True)} "
                   f"{_pad(_t('report.col-waiting'), 10, True)} {_pad(_t('report.col-converted'), 10, True)} "
                   f"{_pad(_t('report.col-exited'), 10, True)}  {_t('report.col-passed')}")
        for node in wf["nodes"]:
            passed = ", ".join(f"{p} {_n(v)}" for p, v in node["passed"].items())
            out.append(f"  {_pad(node['title'], 30)} {_n(node['entered']):>14} {_n(node['waiting']):>10} "
                       f"{_n(node['converted']):>10} {_n(node['exited']):>10}  {passed}")
        for m in wf["messages"]:
            suppressed = _t("report.list-sep").join(_t(f"report.suppressed-{k}", count=_n(m[k])) for k in REASONS
                                                    if _mean(m.get(k)))
            line = _t("report.message", title=m["title"], channel=m["channel"], delivered=_n(m["delivered"]),
                      opened=_pct(m["open_rate"]), clicked=_pct(m["click_rate"]), converted=_n(m["converted"]))
            out.append(line + (_t("report.message-suppressed", reasons=suppressed) if suppressed else ""))
        for b in wf["branches"]:
            ports = _t("report.list-sep").join(_t("report.branch-port", port=p, contacts=_n(v["contacts"]),
                                                  rate=_pct(v["rate"])) for p, v in b["ports"].items())
            out.append(_t("report.branch", title=b["title"], ports=ports))
            for p, lift in (b.get("lift_vs_holdout") or {}).items():
                out.append(_t("report.lift", port=p, points=_n(_mean(lift["absolute"]) * 100)))
        for s in wf["stages"]:
            out.append(_t("report.stage", source=s["from"], target=s["to"], contacts=_n(s["contacts"])))
        out.append("")
    if r.get("overrides"):
        out.append(_t("report.overrides"))
        out += [_t("report.override", workflow=o["workflow"], node=o["node"], title=o["title"], summary=_summary(o))
                for o in r["overrides"]]
        out.append("")
    if r.get("conditional_behaviour"):
        out.append(_t("report.conditional"))
        out += [_t("report.conditional-rule", event=c["event"], probability=f"{c['probability']:.0%}",
                   condition=c["condition"],
                   delay=_t("report.conditional-delay", hours=f"{c['delay_hours']:g}") if c["delay_hours"] else "")
                for c in r["conditional_behaviour"]]
        out.append("")
    if r.get("experiments"):
        from designer.runtime.dryrun.experiment_readout import format_readout

        out += format_readout(r["experiments"], r["days"]) + [""]
    out.append(_t("report.channels"))
    for ch, c in r["channels"].items():
        per_day = c["per_day"]["mean"] if isinstance(c["per_day"], dict) else c["per_day"]
        busiest = max(range(len(per_day)), key=lambda d: per_day[d]) if per_day else 0
        suppressed = _t("report.list-sep").join(_t(f"report.suppressed-{k}", count=_n(v))
                                                for k, v in c["suppressed"].items() if _mean(v))
        out.append(f"  {ch:<11} " + _t("report.channel", delivered=_n(c["delivered"]),
                                       suppressed=suppressed or _t("report.none-suppressed"),
                                       deferred=_n(c["deferred_quiet_hours"]), day=busiest,
                                       messages=_n(per_day[busiest] if per_day else 0)))
    p = r["pressure"]
    weeks = _t("report.list-sep").join(f"{k}: {_n(v)}" for k, v in p["messages_per_contact_week"].items())
    out.append(_t("report.pressure", most=_n(p["max_in_a_week"]), weeks=weeks))
    if "hit_programme_cap" in p:
        out.append(_t("report.hit-programme-cap", contacts=_n(p["hit_programme_cap"])))
    for wf in r["workflows"]:
        if _mean(wf["hit_frequency_cap"]):
            out.append(_t("report.hit-workflow-cap", name=wf["name"], contacts=_n(wf["hit_frequency_cap"])))
    if p["worst_days"]:
        out.append(_t("report.worst-days", days=_t("report.list-sep").join(
            _t("report.day", day=_n(d["day"]), messages=_n(d["messages"])) for d in p["worst_days"])))
    for cid, steps in (r.get("paths") or {}).items():
        out.append("\n" + _t("report.path-of", contact=cid))
        out += [f"  {_step(s)}" for s in steps] or ["  " + _t("report.never-entered")]
    return "\n".join(out)


def _step(s: dict[str, Any]) -> str:
    what = {
        "step": lambda: f"{s['node']} -> {s['port']}",
        "wait": lambda: _t("report.path-waiting", node=s["node"]),
        "end": lambda: f"{s['node']} {note(s['detail'])}",
        "stage": lambda: f"{s['node']} {note(s['detail'])}",
        "deferred": lambda: f"{s['node']} {note(s['detail'])}",
        "message": lambda: f"{s['node']} {s['channel']} {status(s['status'])}" + (
            _t("report.path-at", at=s["delivered_at"]) if s.get("deferred") else ""),
        "event": lambda: _t("report.path-event", event=s["event"]),
    }.get(s["type"], lambda: str(s))()
    where = f"{s['workflow']}/" if "workflow" in s else ""
    return f"{s['at']}  {where}{what}"


def _summary(override: dict[str, Any]) -> str:
    from designer.runtime.dryrun.effects import summary

    parts = [Message.from_json(p) for p in override.get("summary_id") or []]
    return summary(parts) if parts else override["summary"]


def cmd_test(args) -> int:
    results = []
    try:
        for path in args.files:
            results += run_file(path)
    except ScenarioError as err:
        raise UsageError(str(err)) from None
    failed = [r for r in results if not r.passed]
    if args.json:
        print_json({"tests": len(results), "passed": len(results) - len(failed), "failed": len(failed),
                    "results": [r.to_dict() for r in results]})
    else:
        for r in results:
            print(f"{render(say('cli.pass' if r.passed else 'cli.fail'))} {r.file} :: {r.name}")
            for line in r.diff:
                print(f"    {line}")
        print(render(say("cli.tests-summary", passed=len(results) - len(failed), failed=len(failed))))
    return EXIT_PROBLEMS if failed else EXIT_OK
