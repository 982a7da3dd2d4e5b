"""``journey calibrate``: fit the dry-run behaviour model from a runtime database's history
(see :mod:`designer.calibration`)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from typing import Any

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, print_json

# User-visible text of this module, in one place (for message codes and translation).
MESSAGES = {
    "bad_date": "'{text}' is not a date (YYYY-MM-DD or YYYY-MM-DDTHH:MM, UTC)",
    "head": "Calibration from {db}: {contacts:,} contacts who entered a journey, {messages:,} messages{period}",
    "channel": "  {channel:<11} {what:<12} {rate}",
    "event": "  {event:<24} probability {rate}; delay {delay}",
    "step": "  {workflow}/{node} {what}: {rate}",
    "segment": "Segment '{name}' ({contacts:,} contacts):",
    "saved": "saved the fitted model to {path}",
    "merged": "merged the fitted model into the 'simulation' section of {path}",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("calibrate", help="fit the dry-run behaviour model from a runtime database's history")
    p.add_argument("--db", required=True, metavar="PATH|URL",
                   help="the runtime database a real run recorded: an SQLite file or postgresql://user@host:port/db")
    p.add_argument("--since", help="only history from this date on (YYYY-MM-DD, UTC)")
    p.add_argument("--until", help="only history before this date")
    p.add_argument("--window", type=float, default=30.0, help="days after entry an event counts (default 30)")
    p.add_argument("-o", "--output", help="write the fitted model (with its evidence) to this JSON file")
    p.add_argument("--into", metavar="BLUEPRINT", help="merge the fitted model into this blueprint's 'simulation' "
                   "(its behaviour-model segments are fitted too)")
    p.add_argument("--json", action="store_true", help="machine-readable report")
    p.set_defaults(func=cmd_calibrate)


def parse_date(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        d = datetime.fromisoformat(text)
    except ValueError:
        raise UsageError(MESSAGES["bad_date"].format(text=text)) from None
    return (d if d.tzinfo else d.replace(tzinfo=UTC)).timestamp()


def _pct(r: dict[str, Any]) -> str:
    if r.get("rate") is None:
        return f"- ({r.get('note', '')})"
    return f"{r['rate'] * 100:.1f}% [{r['low'] * 100:.1f}-{r['high'] * 100:.1f}%] ({r['count']:,} of {r['of']:,})"


def cmd_calibrate(args) -> int:
    from designer.calibration.fit import calibrate
    from designer.calibration.merge import merge_into

    since, until = parse_date(args.since), parse_date(args.until)
    if args.window <= 0:
        raise UsageError("--window must be positive")
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
            raise UsageError(f"{args.into}: {str(err).splitlines()[0]}") from None
        print(MESSAGES["merged"].format(path=args.into), file=sys.stderr)
    if args.output:
        from designer.fileformat import atomic_write_text

        atomic_write_text(args.output, json.dumps(fit, indent=2, ensure_ascii=False) + "\n")
        print(MESSAGES["saved"].format(path=args.output), file=sys.stderr)
    if args.json:
        print_json(fit)
    else:
        print(format_fit(fit))
    fitted = fit["simulation"]
    return EXIT_OK if fitted.get("channels") or fitted.get("events") else EXIT_PROBLEMS


def format_fit(fit: dict[str, Any]) -> str:
    def day(t):
        return datetime.fromtimestamp(t, UTC).strftime("%Y-%m-%d") if t else None

    period = "".join(f" {w} {d}" for w, d in (("from", day(fit["since"])), ("until", day(fit["until"]))) if d)
    out = [MESSAGES["head"].format(db=fit["database"], contacts=fit["contacts"], messages=fit["messages"],
                                   period=period), "Channels (95% Wilson interval):"]
    for ch, f in fit["channels"].items():
        for what in ("delivery", "open", "click", "unsubscribe"):
            if what in f:
                out.append(MESSAGES["channel"].format(channel=ch, what=what, rate=_pct(f[what])))
        for what in ("open_delay", "click_delay"):
            if f.get(what):
                out.append(MESSAGES["channel"].format(channel=ch, what=what.replace("_", " "),
                                                      rate=f"mean {f[what]['hours']:g} h (n={f[what]['observed']:,})"))
    out.append(f"Events (within {fit['window_days']:g} days of entry):")
    for name, f in fit["events"].items():
        d = f"mean {f['delay']['hours']:g} h" if f["delay"] else "-"
        out.append(MESSAGES["event"].format(event=name, rate=_pct(f["probability"]), delay=d))
    if fit["steps"]:
        out.append("Per step:")
        for s in fit["steps"]:
            what = s["what"] if s["what"] == "open_rate" else f"{s['event']} via {s['port']} (x{s['multiply']:g} vs {s['against']})"
            out.append(MESSAGES["step"].format(workflow=s["workflow"], node=s["node"], what=what, rate=_pct(s)))
    for seg in fit.get("segments", []):
        out.append(MESSAGES["segment"].format(name=seg["name"], contacts=seg["contacts"]))
        for name, r in seg["events"].items():
            out.append(MESSAGES["event"].format(event="  " + name, rate=_pct(r), delay="-"))
        for ch, f in seg["channels"].items():
            out.append(MESSAGES["channel"].format(channel="  " + ch, what="open", rate=_pct(f["open"])))
    out += [f"note: {n}" for n in fit["notes"]]
    return "\n".join(out)
