"""Journeys as code: diff, merge, outline (git's textconv) and git-setup.

The work is in :mod:`designer.diff`, imported by each command when it runs so
that starting the CLI for another command does not load it.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from designer.i18n import N_, render

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, print_json, say, warn


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help=N_("what changed between two versions of a blueprint (exit 1 if any)"))
    p.add_argument("a", metavar="A", help=N_("the old version"))
    p.add_argument("b", metavar="B", help=N_("the new version"))
    p.add_argument("--workflow", metavar="ID", help=N_("only this workflow's changes"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    p.add_argument("--include-layout", action="store_true", help=N_("also list moves on the canvas"))
    p.set_defaults(func=cmd_diff)

    p = sub.add_parser("merge", help=N_("three-way merge of blueprint versions (exit 1 on conflicts)"))
    p.add_argument("base", metavar="BASE", help=N_("the common ancestor"))
    p.add_argument("ours", metavar="OURS", help=N_("our version"))
    p.add_argument("theirs", metavar="THEIRS", help=N_("their version"))
    p.add_argument("-o", "--output", required=True, help=N_("where to write the merged blueprint (may be OURS)"))
    p.add_argument("--report", help=N_("where to write the conflict report (default: OUTPUT.conflicts.txt)"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    p.add_argument("--git-driver", metavar="PATH", help=argparse.SUPPRESS)  # set by git-setup: the file's path
    p.set_defaults(func=cmd_merge)

    p = sub.add_parser("outline", help=N_("print a blueprint as a readable outline (git's textconv)"))
    p.add_argument("file")
    p.add_argument("--textconv", action="store_true", help=N_("print a file that is not a blueprint as it is"))
    p.set_defaults(func=cmd_outline)

    p = sub.add_parser("git-setup", help=N_("make git diff and merge blueprints with journey diff/merge"))
    p.add_argument("--pattern", default="*.json", help=N_("which files are blueprints (.gitattributes pattern)"))
    p.add_argument("--command", help=N_("how git starts this program (default: this Python, -m designer.cli)"))
    p.add_argument("--json", action="store_true", help=N_("machine-readable output"))
    p.set_defaults(func=cmd_git_setup)


# --- diff ----------------------------------------------------------------------------------


def cmd_diff(args) -> int:
    from designer.diff import describe, diff_in_data, render_text
    from designer.fileformat import to_data

    a, b = to_data(load_blueprint(args.a)), to_data(load_blueprint(args.b))
    if args.workflow is not None:
        known = {w["id"] for w in a["workflows"] + b["workflows"]}
        if args.workflow not in known:
            raise UsageError(say("cli.no-workflow-either", workflow=args.workflow,
                                 known=", ".join(sorted(known)) or say("cli.none")))
    entries = describe(diff_in_data(a, b, args.include_layout, args.workflow), a, b)
    if args.json:
        print_json({"a": args.a, "b": args.b, "equal": not entries, "changes": [e.to_dict() for e in entries]})
    else:
        print(render_text(entries, a, b, (args.a, args.b)))
    return EXIT_PROBLEMS if entries else EXIT_OK


def cmd_outline(args) -> int:
    from designer.diff.outline import outline
    from designer.fileformat import to_data

    try:
        blueprint = load_blueprint(args.file)
    except UsageError:
        if not args.textconv:
            raise
        # git shows a file that is not (yet) a blueprint as it is, rather than failing the whole diff
        sys.stdout.write(Path(args.file).read_text(encoding="utf-8", errors="replace"))
        return EXIT_OK
    from designer.i18n import set_language

    set_language("en")  # git compares outlines as text: the same words whatever the reader's language
    sys.stdout.write(outline(to_data(blueprint)))
    return EXIT_OK


# --- merge ---------------------------------------------------------------------------------


def cmd_merge(args) -> int:
    from designer.diff import merge_blueprints
    from designer.diff.report import conflict_report
    from designer.fileformat import atomic_write_text, save, to_data

    names = (args.base, args.ours, args.theirs)
    report_path = args.report
    if args.git_driver:
        names = (f"{args.git_driver} (base)", f"{args.git_driver} (ours)", f"{args.git_driver} (theirs)")
        report_path = report_path or f"{args.git_driver}.conflicts.txt"
    try:
        base, ours, theirs = (load_blueprint(p) for p in (args.base, args.ours, args.theirs))
    except UsageError:
        if args.git_driver:  # not a blueprint (another JSON file the pattern caught): git's own text merge
            return _git_text_merge(args)
        raise
    out = Path(args.output)
    if not out.parent.exists():
        raise UsageError(say("cli.no-folder", folder=str(out.parent)))
    merged, conflicts = merge_blueprints(base, ours, theirs)
    save(merged, out)  # atomic: a crash leaves the old file or the new one
    report = conflict_report(conflicts, to_data(base), to_data(ours), to_data(theirs), names) if conflicts else ""
    if conflicts:
        report_path = report_path or f"{out}.conflicts.txt"
        try:
            atomic_write_text(report_path, report)
        except OSError as err:  # the merge itself is written; say where the report could not go
            from .argparse_words import os_reason

            warn(say("cli.report-not-written", path=str(report_path), reason=os_reason(err)))
            report_path = None
    if args.json:
        print_json({"output": str(out), "clean": not conflicts, "report": report_path if conflicts else None,
                    "conflicts": [c.to_dict() for c in conflicts]})
    elif conflicts:
        sys.stdout.write(report)
        print(render(say("cli.merged-conflicts-report", path=str(out), report=str(report_path)) if report_path
                     else say("cli.merged-conflicts", path=str(out))))
    else:
        print(render(say("cli.merged-clean", path=str(out))))
    return EXIT_PROBLEMS if conflicts else EXIT_OK


def _git_text_merge(args) -> int:
    import subprocess

    done = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                           args.ours, args.base, args.theirs], check=False)
    if args.output != args.ours:
        Path(args.output).write_bytes(Path(args.ours).read_bytes())
    return EXIT_OK if done.returncode == 0 else EXIT_PROBLEMS


# --- git-setup -----------------------------------------------------------------------------


def cmd_git_setup(args) -> int:
    from designer.diff.gitrepo import GitError, repo_root, setup

    root = repo_root(Path.cwd())
    if root is None:
        raise UsageError(say("cli.not-git"))
    try:
        done = setup(root, args.pattern, args.command)
    except GitError as err:
        raise UsageError(str(err)) from None
    if args.json:
        print_json({"repository": str(root), "attributes_added": done.attributes_added, "config": done.config})
        return EXIT_OK
    print(render(say("cli.git-ready", root=str(root), pattern=args.pattern)))
    for key, value in done.config.items():
        print(f"  git config {key} {value!r}")
    line = f"{args.pattern} diff=journey merge=journey"
    print(render(say("cli.git-attributes-added" if done.attributes_added else "cli.git-attributes-had", line=line)))
    return EXIT_OK
