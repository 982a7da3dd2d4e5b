"""Core commands: validate, schema, new, format, export, kinds."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

from designer.i18n import N_, Message, pad, render, translate

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, no_workflow, output_path, print_json, say
from .template_options import add_new_arguments

if TYPE_CHECKING:
    from designer.validation import Problem

# Each command imports what it needs when it runs (see designer/cli/__init__.py).


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("validate", help=N_("check a blueprint for problems"))
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    p.add_argument("--config", metavar="PATH",
                   help=N_("also check where secrets would go, against this connector config's [secret_hosts]"))
    p.set_defaults(func=cmd_validate)

    p = sub.add_parser("schema", help=N_("print the JSON Schema of the blueprint file format"))
    p.set_defaults(func=cmd_schema)

    p = sub.add_parser("new", help=N_("write a small valid example blueprint, or one from a template"))
    p.add_argument("file")
    p.add_argument("--force", action="store_true", help=N_("overwrite an existing file"))
    add_new_arguments(p)
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("format", help=N_("rewrite a blueprint in canonical form"))
    p.add_argument("file")
    p.add_argument("--check", action="store_true", help=N_("only report (exit 1) if the file is not canonical"))
    p.set_defaults(func=cmd_format)

    p = sub.add_parser("export", help=N_("export the blueprint, or one workflow, as JSON"))
    p.add_argument("file")
    p.add_argument("-o", "--output", required=True, help=N_("where to write the JSON"))
    p.add_argument("--workflow", help=N_("only this workflow (id)"))
    p.add_argument("--force", action="store_true", help=N_("overwrite an existing file"))
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("kinds", help=N_("list the node kinds of the catalogue"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable output, with settings schemas"))
    p.set_defaults(func=cmd_kinds)


def cmd_validate(args) -> int:
    from designer.validation import has_errors, validate

    blueprint = load_blueprint(args.file)
    secret_hosts = None
    if args.config:
        from designer.runtime.channels.config import ConfigError, load_config

        try:
            secret_hosts = load_config(args.config)[0].secret_hosts
        except ConfigError as err:
            raise UsageError(str(err)) from None
    problems = validate(blueprint, secret_hosts)
    if args.json:
        print_json(
            {
                "file": args.file,
                "errors": sum(p.severity == "error" for p in problems),
                "warnings": sum(p.severity == "warning" for p in problems),
                "problems": [p.to_dict() for p in problems],
            }
        )
    else:
        print(format_problems(args.file, blueprint, problems))
    return EXIT_PROBLEMS if has_errors(problems) else EXIT_OK


def format_problems(name: str, blueprint, problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    if not problems:
        return render(Message("cli.no-problems", {"file": name, "count": len(blueprint.workflows)}))
    counts = Message("cli.problem-counts", {"file": name, "errors": Message("cli.errors", {"count": errors}),
                                            "warnings": Message("cli.warnings", {"count": warnings})})
    lines = [render(counts)]
    names = {w.id: w.name for w in blueprint.workflows}
    severity = {"error": render(Message.word(N_("error"))), "warning": render(Message.word(N_("warning")))}
    width = max(7, *(_width(s) for s in severity.values()))
    for p in problems:
        where = names.get(p.workflow_id, p.workflow_id or "")
        if p.node_ids:  # short on any input: the first few steps, then how many more
            more = render(Message("cli.more-steps", {"count": len(p.node_ids) - 5})) if len(p.node_ids) > 5 else ""
            where += f" [{', '.join(p.node_ids[:5])}{more}]"
        shown = severity.get(p.severity, p.severity)
        lines.append(f"  {shown}{' ' * (width - _width(shown))} {p.code:<18} {where}: {p.message}")
    return "\n".join(lines)


def _width(text: str) -> int:
    """Columns a terminal gives ``text`` (CJK characters take two)."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def cmd_schema(args) -> int:
    from designer.fileformat import schema

    print_json(schema())
    return EXIT_OK


def cmd_new(args) -> int:
    if args.param and not args.template:
        raise UsageError(say("cli.param-needs-template"))
    from designer.examples import example_blueprint
    from designer.fileformat import atomic_write_text, dumps

    out = output_path(args.file, args.force)
    if args.template:
        from .templates import new_from_template  # the template library loads only for a template

        blueprint = new_from_template(args)
        atomic_write_text(out, dumps(blueprint))
        print(render(say("cli.wrote-template", path=str(out), name=blueprint.workflows[0].name,
                         template=args.template)))
        return EXIT_OK
    atomic_write_text(out, dumps(example_blueprint()))
    print(render(say("cli.wrote-example", path=str(out))))
    return EXIT_OK


def cmd_format(args) -> int:
    from designer.fileformat import atomic_write_text, dumps

    text = dumps(load_blueprint(args.file))
    with open(args.file, encoding="utf-8", errors="replace") as fh:
        before = fh.read()
    if before == text:
        print(render(say("cli.canonical", file=args.file)))
        return EXIT_OK
    if args.check:
        print(render(say("cli.not-canonical", file=args.file)))
        return EXIT_PROBLEMS
    atomic_write_text(args.file, text)
    print(render(say("cli.rewritten", file=args.file)))
    return EXIT_OK


def cmd_export(args) -> int:
    from designer.fileformat import atomic_write_text, dumps, single_workflow

    blueprint = load_blueprint(args.file)
    if args.workflow:
        workflow = blueprint.workflow(args.workflow)
        if workflow is None:
            raise UsageError(no_workflow(args.workflow, args.file, [w.id for w in blueprint.workflows]))
        blueprint = single_workflow(blueprint, workflow)
    out = output_path(args.output, args.force)
    atomic_write_text(out, dumps(blueprint))
    print(render(say("cli.wrote", path=str(out))))
    return EXIT_OK


def cmd_kinds(args) -> int:
    from designer.nodes import FAMILY_LOOK, all_kinds

    kinds = all_kinds()
    if args.json:
        print_json(
            [
                {
                    "kind": k.kind,
                    "family": k.family.value,
                    "label": k.label,  # English, stable; the reader's words below
                    "label_text": translate(k.label),
                    "description": k.description,
                    "description_text": translate(k.description),
                    "icon": k.icon,
                    "colour": k.colour,
                    "has_input": k.has_input,
                    "channel": k.channel,
                    "ports": [{"id": p.id, "label": render(p.caption, "en")} for p in k.ports(k.settings_model())],
                    "settings": k.settings_model.model_json_schema(),
                }
                for k in kinds
            ]
        )
        return EXIT_OK
    family = None
    for k in kinds:
        if k.family != family:
            family = k.family
            print(f"{translate(FAMILY_LOOK[family].title)}:")
        print(f"  {k.kind:<20} {pad(translate(k.label), 20)} {translate(k.description)}")
    return EXIT_OK

