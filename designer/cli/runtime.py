"""Runtime commands: contacts, event, run, status, outbox, trace (all on --db: an SQLite file or a PostgreSQL URL)."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from collections import Counter
from contextlib import contextmanager
from datetime import UTC, datetime

from designer.i18n import N_, render
from designer.runtime.channels.config import ConfigError, load_config
from designer.runtime.durable.clock import DemoClock, WallClock, parse_duration
from designer.runtime.durable.contacts import (
    BadRecord,
    add_to_list,
    display_name,
    load_sample,
    parse_time,
    record_live,
    resolve_contact,
)
from designer.runtime.durable.report import outbox, outbox_text, status, status_text, trace, trace_text
from designer.runtime.durable.store import Store, StoreError
from designer.runtime.imports import ImportFailed, import_contacts_csv, import_contacts_http, import_events_csv
from designer.runtime.interpreter import JourneyInvalid

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, no_workflow, print_json, say


def _db(p: argparse.ArgumentParser, json_flag: bool = True) -> None:
    # One store, two dialects: designer.runtime.durable.store.Store tells a file from a server URL.
    p.add_argument("--db", required=True, metavar="PATH|URL",
                   help=N_("the SQLite database file, or a PostgreSQL database: postgresql://user@host:port/dbname"))
    p.add_argument("--busy-timeout", type=float, default=5.0, metavar="S", help=N_("wait this long for a locked database"))
    if json_flag:
        p.add_argument("--json", action="store_true", help=N_("machine-readable output"))


def register(sub: argparse._SubParsersAction) -> None:
    contacts = sub.add_parser("contacts", help=N_("load, import and list contacts"))
    csub = contacts.add_subparsers(dest="contacts_command", metavar="ACTION", parser_class=type(contacts))
    p = csub.add_parser("sample", help=N_("load the bundled sample contacts and event history"))
    _db(p)
    p.add_argument("--count", type=int, default=1000, help=N_("how many contacts (default 1000)"))
    p.add_argument("--seed", type=int, default=7)
    p.add_argument("--no-events", action="store_true", help=N_("contacts only, no event history"))
    p.set_defaults(func=cmd_sample)
    p = csub.add_parser("import", help=N_("import contacts (or events) from CSV, or contacts from an HTTP JSON API"))
    p.add_argument("file", nargs="?", help=N_("CSV file (first line names the columns)"))
    _db(p)
    p.add_argument("--url", help=N_("import from this JSON API instead (paginated)"))
    p.add_argument("--header", action="append", default=[], metavar="'NAME: VALUE'",
                   help=N_("HTTP header; the value may use {{secret.NAME}}"))
    p.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                   help=N_("map a column to a field (email, attr.city, consent.sms, - to skip)"))
    p.add_argument("--events", action="store_true", help=N_("the CSV holds events (contact, name, time, prop.*)"))
    p.add_argument("--list", dest="list_name", help=N_("also add the imported contacts to this list"))
    p.add_argument("--config", help=N_("connector config (for secrets)"))
    p.set_defaults(func=cmd_import)
    p = csub.add_parser("list", help=N_("list contacts"))
    _db(p)
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--where", default="", help=N_("only contacts matching this condition"))
    p.set_defaults(func=cmd_list)
    p = csub.add_parser("add-to-list", help=N_("add contacts (ids or emails) to a list (for list triggers)"))
    p.add_argument("list_name", metavar="LIST")
    p.add_argument("contacts", nargs="+", metavar="CONTACT")
    _db(p, json_flag=False)
    p.set_defaults(func=cmd_add_to_list)
    contacts.set_defaults(func=lambda a: (contacts.print_help(sys.stderr), 2)[1])

    p = sub.add_parser("event", help=N_("record an event for a contact"))
    p.add_argument("contact", metavar="CONTACT", help=N_("contact id or email"))
    p.add_argument("name", metavar="NAME")
    _db(p)
    p.add_argument("--prop", action="append", default=[], metavar="KEY=VALUE", help=N_("event property"))
    p.add_argument("--at", help=N_("when (ISO-8601; default: now on the run's clock)"))
    p.set_defaults(func=cmd_event)

    p = sub.add_parser("run", help=N_("run a blueprint's journeys on a database, for real"))
    p.add_argument("file")
    _db(p)
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--once", action="store_true", help=N_("do what is due now, then stop (default)"))
    mode.add_argument("--for", dest="duration", metavar="DURATION", help=N_("run this long (30s, 5m, 2h)"))
    mode.add_argument("--forever", action="store_true", help=N_("run until Ctrl+C"))
    p.add_argument("--speed", type=float, help=N_("demo clock: run N times faster than the wall clock"))
    p.add_argument("--workflow", action="append", metavar="ID", help=N_("only this workflow (repeatable)"))
    p.add_argument("--config", help=N_("connector config (default: $JOURNEY_CONFIG or ~/.config/journey-designer/connectors.toml)"))
    p.add_argument("--batch", type=int, default=500, help=N_("enrolments per transaction"))
    p.add_argument("--quiet", action="store_true", help=N_("no progress lines"))
    p.set_defaults(func=cmd_run)

    p = sub.add_parser("status", help=N_("per-step counts of the journeys on a database"))
    _db(p)
    p.set_defaults(func=cmd_status)
    p = sub.add_parser("outbox", help=N_("every message, with its idempotency key, channel and state"))
    _db(p)
    p.add_argument("--state", help=N_("only this state (pending, sent, failed, suppressed, in_doubt ...)"))
    p.add_argument("--limit", type=int, default=1000)
    p.add_argument("--retry", metavar="KEY", help=N_("send a failed or in-doubt message again"))
    p.set_defaults(func=cmd_outbox)
    p = sub.add_parser("trace", help=N_("the path a contact took, and why it waits or stopped"))
    p.add_argument("contact", metavar="CONTACT", help=N_("contact id or email"))
    _db(p)
    p.set_defaults(func=cmd_trace)


@contextmanager
def _store(args, create: bool = False):
    try:
        store = Store(args.db, busy_timeout=args.busy_timeout, create=create)
    except StoreError as err:
        raise UsageError(str(err)) from None
    try:
        yield store
    except StoreError as err:
        raise UsageError(str(err)) from None
    finally:
        store.close()


def _now(store: Store) -> float:
    return max(time.time(), store.clock_now() or 0.0)


def _report(args, report, what: str) -> int:
    if args.json:
        print_json(report.to_dict())
    else:
        print(render(what))
        for line, reason in report.bad:
            print("  " + render(say("cli.line", line=line, reason=reason)) if isinstance(line, int)
                  else f"  {line}: {render(reason)}")
    return EXIT_PROBLEMS if report.bad else EXIT_OK


def cmd_sample(args) -> int:
    if args.count < 1:
        raise UsageError(say("cli.option-at-least-1", option="--count"))
    with _store(args, create=True) as store:
        r = load_sample(store, args.count, args.seed, end=_now(store), events=not args.no_events)
    return _report(args, r, say("cli.sample-loaded", db=args.db, inserted=r.inserted, updated=r.updated,
                                events=r.events))


def _mapping(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        column, sep, target = pair.partition("=")
        if not sep or not column.strip() or not target.strip():
            raise UsageError(say("cli.use-form", option="--map", value=repr(pair), form="COLUMN=FIELD"))
        out[column.strip()] = target.strip()
    return out


def cmd_import(args) -> int:
    if bool(args.file) == bool(args.url):
        raise UsageError(say("cli.file-or-url"))
    mapping = _mapping(args.map)
    with _store(args, create=True) as store:
        now = _now(store)
        try:
            if args.url:
                headers = dict(_header(h) for h in args.header)
                _, secrets = load_config(args.config)
                r = import_contacts_http(store, args.url, headers, secrets, mapping, args.list_name, now)
            elif args.events:
                r = import_events_csv(store, args.file, mapping)
            else:
                r = import_contacts_csv(store, args.file, mapping, args.list_name, now)
        except (ImportFailed, ConfigError) as err:
            raise UsageError(str(err)) from None
    what = (say("cli.events-imported", count=r.events) if args.events
            else say("cli.contacts-imported", inserted=r.inserted, updated=r.updated))
    return _report(args, r, say("cli.imported", source=args.file or args.url, what=what, bad=len(r.bad)))


def _header(text: str) -> tuple[str, str]:
    name, sep, value = text.partition(":")
    if not sep or not name.strip():
        raise UsageError(say("cli.use-form", option="--header", value=repr(text), form="'Name: value'"))
    return name.strip(), value.strip()


def cmd_list(args) -> int:
    from designer.conditions import ConditionSyntaxError, parse
    from designer.runtime.durable.checked_triggers import all_contacts
    from designer.runtime.durable.frames import DbFrame, event_counter

    try:
        cond = parse(args.where) if args.where else None
    except ConditionSyntaxError as err:
        raise UsageError(say("cli.option-reason", option="--where", reason=err.as_message())) from None
    found = []
    with _store(args) as store, store.read() as conn:
        now = _now(store)
        for records in all_contacts(conn):
            if cond is not None:
                mask = cond.evaluate(DbFrame(records, event_counter(conn)), now)
                records = [r for r, m in zip(records, mask) if m]
            found += records[: args.limit - len(found)]
            if len(found) >= args.limit:
                break
    if args.json:
        print_json(found)
        return EXIT_OK
    for c in found:
        name = display_name(c)
        print(f"{c['id']:<12} {name[:24]:<24} {(c['email'] or '-')[:36]:<36} {c['stage'] or '-':<16} "
              f"{c['score']:>4}  {', '.join(c['tags'])}")
    print(render(say("cli.shown", count=len(found))), file=sys.stderr)
    return EXIT_OK


def cmd_add_to_list(args) -> int:
    with _store(args) as store, store.write() as conn:
        ids = []
        for ref in args.contacts:
            cid = resolve_contact(conn, ref)
            if cid is None:
                raise UsageError(say("cli.no-contact", contact=repr(ref)))
            ids.append(cid)
        add_to_list(conn, args.list_name, ids, _now(store))
    print(render(say("cli.added-to-list", count=len(ids), list=repr(args.list_name))))
    return EXIT_OK


def cmd_event(args) -> int:
    props = {}
    for pair in args.prop:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise UsageError(say("cli.use-form", option="--prop", value=repr(pair), form="KEY=VALUE"))
        props[key.strip()] = _scalar(value)
    try:  # refused before the database is opened: nothing is stored
        at = parse_time(args.at, "--at") if args.at else None
    except BadRecord as err:
        raise UsageError(str(err)) from None
    with _store(args) as store:
        at = _now(store) if at is None else at
        with store.write() as conn:
            cid = resolve_contact(conn, args.contact)
            if cid is None:
                raise UsageError(say("cli.no-contact-in", contact=repr(args.contact), db=args.db))
            record_live(conn, [{"contact_id": cid, "name": args.name, "time": at, "properties": props}])
    record = {"contact": cid, "name": args.name, "time": datetime.fromtimestamp(at, UTC).isoformat(),
              "properties": props}
    print_json(record) if args.json else print(render(say("cli.recorded", event=args.name, contact=cid,
                                                          at=record["time"])))
    return EXIT_OK


def _scalar(text: str):
    try:
        value = json.loads(text)
        return value if isinstance(value, (int, float, bool)) else text
    except ValueError:
        return text


def cmd_run(args) -> int:
    from designer.runtime.durable.engine import Engine

    from .core import format_problems

    blueprint = load_blueprint(args.file)
    duration = None
    if args.duration:
        try:
            duration = parse_duration(args.duration)
        except ValueError as err:
            raise UsageError(say("cli.option-reason", option="--for", reason=str(err))) from None
    if args.speed is not None and not 0 < args.speed <= 1e7:
        raise UsageError(say("cli.speed-range"))
    try:
        config, secrets = load_config(args.config)
    except ConfigError as err:
        raise UsageError(str(err)) from None
    known = {w.id for w in blueprint.workflows}
    for wid in args.workflow or []:
        if wid not in known:
            raise UsageError(no_workflow(wid, args.file, sorted(known)))
    with _store(args, create=True) as store:
        start = _now(store)
        clock = DemoClock(args.speed or 1.0, start) if args.speed or start > time.time() + 1 else WallClock()
        try:
            engine = Engine(store, blueprint, clock, workflows=args.workflow, config=config, secrets=secrets,
                            batch=args.batch)
        except JourneyInvalid as err:
            print(format_problems(args.file, blueprint, err.problems), file=sys.stderr)
            print(render(say("cli.refused-to-run", file=args.file)), file=sys.stderr)
            return EXIT_PROBLEMS
        except ConfigError as err:
            raise UsageError(str(err)) from None
        interrupted = _run(engine, args, duration)
        totals = engine.totals
        engine.close()
        summary = {"clock": datetime.fromtimestamp(clock.now(), UTC).isoformat(timespec="seconds"),
                   "migrated": dict(engine.migrated), "done": dict(totals), "interrupted": interrupted}
    if args.json:
        print_json(summary)
    else:
        moved = engine.migrated
        if moved:
            print(render(say("cli.new-version", moved=moved["moved"], exited=moved["exited"])))
        print(_line(totals, summary["clock"]) + (render(say("cli.stopped")) if interrupted else ""))
    return 130 if interrupted else EXIT_OK


def _run(engine, args, duration) -> bool:
    """Run with Ctrl+C wired to a clean stop (a second Ctrl+C aborts at once)."""
    hit = []

    def on_sigint(signum, frame):
        hit.append(True)
        engine.stop()
        signal.signal(signal.SIGINT, signal.default_int_handler)

    previous = signal.signal(signal.SIGINT, on_sigint)
    last = [time.monotonic()]
    seen = Counter()

    def on_tick(done: Counter) -> None:
        seen.update(done)
        if not args.quiet and not args.json and time.monotonic() - last[0] >= 1.0:
            last[0] = time.monotonic()
            when = datetime.fromtimestamp(engine.clock.now(), UTC).isoformat(timespec="minutes")
            print(_line(seen, when), file=sys.stderr, flush=True)

    try:
        once = not (duration or args.forever)
        engine.run(duration=duration, once=once, on_tick=on_tick)
    finally:
        signal.signal(signal.SIGINT, previous)
    return bool(hit)


def _line(c: Counter, when: str) -> str:
    sent = c["sent"] + c["sandboxed"]
    return render(say("cli.run-line", when=when, enrolled=c["enrolled"], steps=c["steps"], converted=c["converted"],
                      finished=c["finished"], sent=sent, failed=c["failed"]))


def cmd_status(args) -> int:
    with _store(args) as store:
        data = status(store)
    print_json(data) if args.json else print(status_text(data))
    return EXIT_OK


def cmd_outbox(args) -> int:
    with _store(args) as store:
        if args.retry:
            from designer.runtime.durable.deliverer import retry

            if not retry(store, args.retry):
                raise UsageError(say("cli.no-retry", key=repr(args.retry)))
            print(render(say("cli.retry", key=args.retry)))
            return EXIT_OK
        rows = outbox(store, args.state, args.limit)
    print_json(rows) if args.json else print(outbox_text(rows))
    return EXIT_OK


def cmd_trace(args) -> int:
    with _store(args) as store:
        data = trace(store, args.contact)
    if data is None:
        raise UsageError(say("cli.no-contact-in", contact=repr(args.contact), db=args.db))
    print_json(data) if args.json else print(trace_text(data))
    return EXIT_OK
