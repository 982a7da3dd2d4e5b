"""Template commands: ``journey templates list|show``, ``journey new --template`` and ``journey runbook``."""

from __future__ import annotations

import argparse
from pathlib import Path

from designer.blueprint import Blueprint, Workflow
from designer.i18n import N_, render, text_width
from designer.i18n import language as reader_language
from designer.templates.library import Entry, Library, TemplateError, describe, instantiate, language, load_library
from designer.templates.params import ParameterError, parse_assignments

from .common import EXIT_OK, UsageError, load_blueprint, no_workflow, output_path, print_json, say, warn
from .template_options import DIR_HELP


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("templates", help=N_("the SOP journey template library"))
    group = p.add_subparsers(dest="templates_command", metavar="SUBCOMMAND")
    p.set_defaults(func=lambda args: _usage(p))

    q = group.add_parser("list", help=N_("list the templates"))
    q.add_argument("--stage", help=N_("only templates moving contacts from or to this lifecycle stage"))
    q.add_argument("--channel", help=N_("only templates using this channel (email, sms, push, wechat ...)"))
    q.add_argument("--lang", help=N_("language of names and descriptions: en or zh (default: the command line's)"))
    q.add_argument("--dir", help=DIR_HELP)
    q.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    q.set_defaults(func=cmd_list)

    q = group.add_parser("show", help=N_("describe one template: goal, KPIs, parameters"))
    q.add_argument("name")
    q.add_argument("--lang", help=N_("en or zh (default: the command line's)"))
    q.add_argument("--dir", help=DIR_HELP)
    q.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    q.set_defaults(func=cmd_show)

    p = sub.add_parser("runbook", help=N_("write the client runbook of a journey (.html, .md or .pdf)"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help=N_("OUT.html, OUT.md or OUT.pdf"))
    p.add_argument("--workflow", help=N_("the workflow (id); default the first"))
    p.add_argument("--lang", default="en", choices=("en", "zh"), help=N_("language of the headings (default en)"))
    p.add_argument("--db", help=N_("dry-run database with the forecast to show, a file or a postgresql:// URL "
                                    "(default: FILE.db beside FILE, if any)"))
    p.add_argument("--dry-run", action="store_true", help=N_("run a fresh dry-run on the sample contacts instead"))
    p.add_argument("--force", action="store_true", help=N_("overwrite an existing file"))
    p.set_defaults(func=cmd_runbook)


def _usage(parser: argparse.ArgumentParser) -> int:
    raise UsageError(say("cli.templates-what"))


def _library(args) -> Library:
    library = load_library(args.dir if getattr(args, "dir", None) else None)
    for problem in library.problems:
        warn(problem)
    return library


def _entry(library: Library, name: str) -> Entry:
    entry = library.get(name)
    if entry is None:
        raise UsageError(say("cli.no-template", name=name, known=", ".join(library.names())))
    return entry


def _card(entry: Entry, lang: str) -> dict:
    t = entry.template
    said = describe(t, lang)
    return {"name": t.id, "title": said["name"], "from_stage": t.from_stage, "to_stage": t.to_stage,
            "goal": said["goal"], "channels": t.channels(), "languages": sorted(t.text), "user": entry.user,
            "description": said["description"], "kpis": said["kpis"]}


def _language(args) -> str:
    """The template's words: --lang, else the language the command line speaks."""
    return language(args.lang or reader_language())


def _channels(channels: list[str]) -> str:
    from designer.nodes import channel_word

    return render(say("report.list-sep")).join(channel_word(c) for c in channels)


def cmd_list(args) -> int:
    lang = _language(args)
    entries = _library(args).find(args.stage, args.channel, args.lang)
    cards = [_card(e, lang) for e in entries]
    if args.json:
        print_json(cards)
        return EXIT_OK
    if not cards:
        print(render(say("cli.no-templates-match")))
    for c in cards:
        stages = f"{c['from_stage'] or '-'} -> {c['to_stage'] or '-'}"
        print(f"{c['name']:<24} {c['title']}\n{'':<24} {stages}; {', '.join(c['channels'])}")  # ids: what --stage and --channel take
    return EXIT_OK


def cmd_show(args) -> int:
    lang = _language(args)
    entry = _entry(_library(args), args.name)
    t, words, card = entry.template, entry.template.words(lang), _card(entry, lang)
    params = [{"name": p.name, "label": words.parameters.get(p.name, p.name), "type": p.type, "default": p.default,
               "allowed": p.allowed("en"), "allowed_text": p.allowed()} for p in t.parameters]
    if args.json:
        print_json({**card, "conversion_range": list(t.conversion_range),
                    "parameters": params, "file": str(entry.path)})
        return EXIT_OK
    print(f"{card['title']} ({t.id})\n\n{card['description']}\n")
    from designer.i18n import format_percent, pad

    heads = [render(say(f"cli.template-{h}")) for h in ("stages", "goal", "channels")]
    width = max(text_width(h) for h in heads) + 1
    print(pad(heads[0], width) + f"{t.from_stage or '-'} -> {t.to_stage or '-'}")
    print(pad(heads[1], width) + card["goal"])
    print(pad(heads[2], width) + _channels(t.channels()))
    low, high = (format_percent(v, digits=0) for v in t.conversion_range)
    print(render(say("cli.template-conversion", low=low, high=high)))
    print(render(say("cli.template-kpis")) + "\n" + "\n".join(f"  - {k}" for k in card["kpis"]))
    print(render(say("cli.template-parameters")))
    for p in params:
        print(f"  {p['name']:<22} " + render(say("cli.template-parameter", label=p["label"], default=p["default"],
                                                 allowed=p["allowed_text"])))
    return EXIT_OK


def new_from_template(args) -> Blueprint:
    """The blueprint ``journey new --template`` writes; bad parameters are usage errors."""
    entry = _entry(_library(args), args.template)
    lang = _language(args)
    try:
        workflow = instantiate(entry.template, lang, parse_assignments(args.param))
    except ParameterError as err:
        raise UsageError(str(err)) from None
    except TemplateError as err:
        raise UsageError(str(err)) from None
    brand = "你的品牌" if lang == "zh" else "Your brand"
    return Blueprint(name=workflow.name, description=workflow.description, variables={"brand": brand},
                     workflows=[workflow])


def cmd_runbook(args) -> int:
    blueprint = load_blueprint(args.file)
    workflow = _workflow(blueprint, args.workflow, args.file)
    out = output_path(args.output, args.force)
    if out.suffix.lower() not in (".html", ".md", ".pdf"):
        raise UsageError(say("cli.runbook-suffix", name=out.name))
    report = _report(args, blueprint, workflow)
    # the picture and the PDF are drawn by the window's own code (Qt), loaded only for this command
    from designer.app.templates.runbook_export import write_runbook_headless

    try:
        write_runbook_headless(out, blueprint, workflow, args.lang, report)
    except OSError as err:
        raise UsageError(say("cli.cannot-write", path=str(out), reason=str(err))) from None
    print(render(say("cli.wrote", path=str(out))))
    return EXIT_OK


def _workflow(blueprint: Blueprint, workflow_id: str | None, name: str) -> Workflow:
    if not blueprint.workflows:
        raise UsageError(say("cli.no-workflows", file=name))
    if workflow_id is None:
        return blueprint.workflows[0]
    workflow = blueprint.workflow(workflow_id)
    if workflow is None:
        raise UsageError(no_workflow(workflow_id, name, [w.id for w in blueprint.workflows]))
    return workflow


def _report(args, blueprint: Blueprint, workflow: Workflow) -> dict | None:
    if args.dry_run:
        from designer.runtime.dryrun.forecast import run_forecast
        from designer.runtime.interpreter import JourneyInvalid

        try:
            return run_forecast(blueprint, "sample", workflow=workflow.id)
        except JourneyInvalid as err:
            raise UsageError(say("cli.cannot-dry-run-workflow", workflow=workflow.id, reason=str(err))) from None
    from designer.runtime.durable.dialect import is_server

    db = args.db if args.db and is_server(args.db) else Path(args.db) if args.db else Path(args.file).with_suffix(".db")
    if isinstance(db, Path) and not db.is_file():
        if args.db:
            raise UsageError(say("cli.no-database", db=str(db)))
        return None
    from designer.runtime.dryrun.forecast_store import load_forecast

    try:
        return load_forecast(db)
    except ValueError as err:  # no such server, or not a forecast database
        raise UsageError(str(err)) from None
    except Exception as err:  # noqa: BLE001 - a file that is not a forecast database
        raise UsageError(say("cli.not-dry-run-db", db=str(db), error=type(err).__name__)) from None
