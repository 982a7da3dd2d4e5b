"""``journey calibrate``: fit the dry-run behaviour model from a runtime database's history
(see :mod:`designer.calibration`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from designer.i18n import N_, Message, pad, render

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, print_json, say


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calibrate", help=N_("fit the dry-run behaviour model from a runtime database's history"))
    p.add_argument("--db", required=True, metavar="PATH|URL",
                   help=N_("the runtime database a real run recorded: an SQLite file or postgresql://user@host:port/db"))
    p.add_argument("--since", help=N_("only history from this date on (YYYY-MM-DD, UTC)"))
    p.add_argument("--until", help=N_("only history before this date"))
    p.add_argument("--window", type=float, default=30.0, help=N_("days after entry an event counts (default 30)"))
    p.add_argument("-o", "--output", help=N_("write the fitted model (with its evidence) to this JSON file"))
    p.add_argument("--into", metavar="BLUEPRINT", help=N_("merge the fitted model into this blueprint's 'simulation' "
                   "(its behaviour-model segments are fitted too)"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable report"))
    p.set_defaults(func=cmd_calibrate)


def parse_date(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        d = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(say("calibrate.bad-date", text=text)) from None
    return (d if d.tzinfo else d.replace(tzinfo=UTC)).timestamp()


def _t(code: str, **params: Any) -> str:
    return render(say(code, **params))


def _pct(r: dict[str, Any]) -> str:
    if r.get("rate") is None:
        return f"- ({render(Message.from_json(r['note_id'])) if 'note_id' in r else r.get('note', '')})"
    return _t("calibrate.rate", rate=f"{r['rate'] * 100:.1f}", low=f"{r['low'] * 100:.1f}", high=f"{r['high'] * 100:.1f}",
              count=f"{r['count']:,}", of=f"{r['of']:,}")


def cmd_calibrate(args) -> int:
    from designer.calibration.fit import calibrate
    from designer.calibration.merge import merge_into

    since, until = parse_date(args.since), parse_date(args.until)
    if args.window <= 0:
        raise UsageError(say("calibrate.window"))
    blueprint = load_blueprint(args.into) if args.into else None  # check before any work
    try:
        segments = blueprint.simulation.segments if blueprint is not None and blueprint.simulation else None
        fit = calibrate(args.db, since, until, args.window, segments)
    except ValueError as err:
        raise UsageError(str(err)) from None
    if blueprint is not None:
        try:
            merge_into(args.into, blueprint, fit["simulation"])
        except ValueError as err:
            raise UsageError(say("cli.file-reason", file=args.into, reason=str(err).splitlines()[0])) from None
        print(_t("calibrate.merged", path=args.into), file=sys.stderr)
    if args.output:
        from designer.fileformat import atomic_write_text

        atomic_write_text(args.output, json.dumps(fit, indent=2, ensure_ascii=False) + "\n")
        print(_t("calibrate.saved", path=args.output), file=sys.stderr)
    if args.json:
        print_json(fit)
    else:
        print(format_fit(fit))
    fitted = fit["simulation"]
    return EXIT_OK if fitted.get("channels") or fitted.get("events") else EXIT_PROBLEMS


def format_fit(fit: dict[str, Any]) -> str:
    def day(t):
        return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d") if t else None

    period = "".join(_t(f"calibrate.{w}", day=d) for w, d in (("from", day(fit["since"])), ("until", day(fit["until"])))
                     if d)
    out = [_t("calibrate.head", db=fit["database"], contacts=fit["contacts"], messages=fit["messages"], period=period),
           _t("calibrate.channels")]

    def channel(ch: str, what: str, rate: str) -> str:
        return f"  {pad(ch, 11)} {pad(_t(f'calibrate.what-{what}'), 12)} {rate}"

    for ch, f in fit["channels"].items():
        for what in ("delivery", "open", "click", "unsubscribe"):
            if what in f:
                out.append(channel(ch, what, _pct(f[what])))
        for what in ("open_delay", "click_delay"):
            if f.get(what):
                out.append(channel(ch, what, _t("calibrate.mean-delay-n", hours=f"{f[what]['hours']:g}",
                                                 count=f"{f[what]['observed']:,}")))
    out.append(_t("calibrate.events", days=f"{fit['window_days']:g}"))
    for name, f in fit["events"].items():
        d = _t("calibrate.mean-delay", hours=f"{f['delay']['hours']:g}") if f["delay"] else "-"
        out.append(_t("calibrate.event", event=pad(name, 24), rate=_pct(f["probability"]), delay=d))
    if fit["steps"]:
        out.append(_t("calibrate.per-step"))
        for s in fit["steps"]:
            what = (_t("calibrate.what-open_rate") if s["what"] == "open_rate" else
                    _t("calibrate.step-event", event=s["event"], port=s["port"], times=f"{s['multiply']:g}",
                       against=s["against"]))
            out.append(_t("calibrate.step", workflow=s["workflow"], node=s["node"], what=what, rate=_pct(s)))
    for seg in fit.get("segments", []):
        out.append(_t("calibrate.segment", name=seg["name"], contacts=seg["contacts"]))
        for name, r in seg["events"].items():
            out.append(_t("calibrate.event", event=pad("  " + name, 24), rate=_pct(r), delay="-"))
        for ch, f in seg["channels"].items():
            out.append(channel("  " + ch, "open", _pct(f["open"])))
    notes = [Message.from_json(n) for n in fit.get("notes_id") or []] or fit["notes"]
    out += [_t("calibrate.note", note=n) for n in notes]
    return "\n".join(out)
