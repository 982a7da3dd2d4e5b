"""``journey backtest``: replay the contacts who entered a journey in a past period through the
dry-run with a fitted model and compare with what happened (see :mod:`designer.calibration.backtest`)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from designer.i18n import C_, N_, Message, pad, render, translate

from .calibrate import parse_date
from .common import EXIT_OK, UsageError, load_blueprint, print_json, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backtest", help=N_("replay a past period through the dry-run and compare with what happened"))
    p.add_argument("file", help=N_("the blueprint that ran"))
    p.add_argument("--db", required=True, metavar="PATH|URL",
                   help=N_("the runtime database it ran on: an SQLite file or postgresql://user@host:port/db"))
    p.add_argument("--from", dest="since", required=True, help=N_("first day of entries (YYYY-MM-DD, UTC)"))
    p.add_argument("--to", dest="until", required=True, help=N_("entries before this day"))
    p.add_argument("--model", help=N_("a fitted model (journey calibrate -o); default: fit one from the database"))
    p.add_argument("--workflow", help=N_("the workflow (needed when the blueprint has several)"))
    p.add_argument("--runs", type=int, default=3, help=N_("forecast runs (seeds) to average (default 3)"))
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true", help=N_("machine-readable report"))
    p.set_defaults(func=cmd_backtest)


def _model(path: str | None, db: str, since: float) -> dict[str, Any]:
    if path is None:
        from designer.calibration.fit import calibrate

        return calibrate(db, since)["simulation"]
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        model = data["simulation"] if isinstance(data, dict) and "simulation" in data else data
        from designer.simulation_model import SimulationModel

        SimulationModel.model_validate(model)
        return model
    except FileNotFoundError:
        raise UsageError(say("cli.no-such-file", file=path)) from None
    except (ValueError, KeyError, TypeError) as err:
        raise UsageError(say("backtest.bad-model", path=path, error=str(err).splitlines()[0])) from None


def cmd_backtest(args) -> int:
    from designer.calibration.backtest import backtest

    blueprint = load_blueprint(args.file)
    since, until = parse_date(args.since), parse_date(args.until)
    if since >= until:
        raise UsageError(say("backtest.order"))
    if not 1 <= args.runs <= 100:
        raise UsageError(say("backtest.runs"))
    try:
        model = _model(args.model, args.db, since)
        report = backtest(blueprint, args.db, since, until, model, args.workflow, args.runs, args.seed)
    except ValueError as err:
        raise UsageError(str(err).splitlines()[0]) from None
    if args.json:
        print_json(report)
    else:
        print(format_backtest(report))
    return EXIT_OK


def format_backtest(r: dict[str, Any]) -> str:
    head = [render(say(f"backtest.col-{c}")) for c in ("figure", "forecast", "actual")]
    head += [translate(C_("backtest column", "error")), render(say("backtest.col-relative"))]  # forecast - actual
    out = [render(say("backtest.head", workflow=r["workflow"], contacts=r["contacts"], since=r["since"],
                      until=r["until"], observed=r["observed_until"], runs=r["runs"], interval="90%")),
           (f"  {pad(head[0], 46)} {pad(head[1], 22, True)} {pad(head[2], 10, True)} {pad(head[3], 10, True)} "
            f"{pad(head[4], 8, True)}")]

    def n(v):
        return "-" if v is None else (f"{v:,.0f}" if abs(v) >= 100 or float(v).is_integer() else f"{v:,.3f}")

    for f in r["figures"]:
        fc = n(f["forecast"]) + (f" [{n(f['interval'][0])}-{n(f['interval'][1])}]" if "interval" in f else "")
        rel = f"{f['relative_error'] * 100:+.0f}%" if f.get("relative_error") is not None else "-"
        figure = render(Message.from_json(f["figure_id"])) if "figure_id" in f else f["figure"]
        out.append(f"  {pad(figure, 46)} {fc:>22} {n(f['actual']):>10} {n(f.get('error')):>10} {rel:>8}")
    return "\n".join(out)
