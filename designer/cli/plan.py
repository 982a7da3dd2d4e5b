"""``journey plan``: the ranked build queue, and the experiments' sample sizes."""

from __future__ import annotations

import argparse
import io
import json
import sys
from datetime import date

from designer.blueprint import Blueprint
from designer.csv_cells import write_dicts
from designer.fileformat import atomic_write_text
from designer.i18n import C_, N_, Message, pad, render, text_width, translate
from designer.planning import (
    CATEGORY_HINTS,
    CATEGORY_LABELS,
    STATUS_LABELS,
    RankedWorkflow,
    format_score,
    rank,
    summary,
)

from .common import EXIT_OK, EXIT_PROBLEMS, UsageError, load_blueprint, output_path, say

FORMULA = N_("score = (value now + long-term impact) x confidence / effort; pins override; ties: value now, then "
             "blueprint order")


def _t(code: str, **params) -> str:
    """A line in the reader's language (designer/i18n/messages.py)."""
    return render(Message(code, params))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("plan", help=N_("print the ranked build queue (or the experiments' sample sizes)"))
    p.add_argument("file")
    p.add_argument("--format", choices=("table", "csv", "md", "json"), default="table", help=N_("output format"))
    p.add_argument("--json", action="store_true", help=N_("same as --format json"))
    p.add_argument("--sample-size", action="store_true", help=N_("the experiments' sample sizes and weeks needed"))
    p.add_argument("--entries", action="append", default=[], metavar="WORKFLOW=N",
                   help=N_("expected entries per week for an experiment; repeatable; wins over --db"))
    p.add_argument("--db", metavar="PATH|URL",
                   help=N_("take the experiments' entries per week from the latest dry-run saved in this database "
                           "(journey dry-run FILE --db PATH|URL; an SQLite file or postgresql://...): this "
                           "blueprint's latest run, else the latest run"))
    p.add_argument("-o", "--output", help=N_("write to this file instead of printing"))
    p.add_argument("--force", action="store_true", help=N_("overwrite the --output file"))
    p.set_defaults(func=cmd_plan)


def cmd_plan(args) -> int:
    blueprint = load_blueprint(args.file)
    weekly = _dry_run_entries(args.db, blueprint) if args.db else {}
    weekly |= _parse_entries(args.entries, blueprint)
    fmt = "json" if args.json else args.format
    ranked = rank(blueprint, weekly)
    if args.sample_size:
        experiments = [r for r in ranked if r.sample is not None]
        text = SAMPLE_WRITERS[fmt](blueprint, experiments)
        status = EXIT_PROBLEMS if any(r.sample.error for r in experiments) else EXIT_OK
    else:
        text, status = QUEUE_WRITERS[fmt](blueprint, ranked), EXIT_OK
    if args.output:
        out = output_path(args.output, args.force)
        atomic_write_text(out, text)
        print(_t("cli.wrote", path=str(out)))
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return status


def _dry_run_entries(db: str, blueprint: Blueprint) -> dict[str, float]:
    """The dry-run's entries per week for this blueprint's workflows; a note on stderr says which run."""
    from designer.runtime.dryrun.forecast_store import where  # only with a dry-run database
    from designer.runtime.dryrun.weekly_entries import latest_entries

    try:
        found = latest_entries(db, blueprint.name)
    except (FileNotFoundError, ValueError) as err:
        raise UsageError(say("cli.option-reason", option="--db", reason=str(err))) from None
    if found is None:
        print(_t("cli.plan-no-dry-run", db=where(db)), file=sys.stderr)
        return {}
    ids = {w.id for w in blueprint.workflows}
    weekly = {wf_id: n for wf_id, n in found.weekly.items() if wf_id in ids and n > 0}
    other = "" if found.matched else _t("cli.plan-other-run", name=blueprint.name)
    print(_t("cli.plan-entries-from", run=found.describe(), other=other), file=sys.stderr)
    return weekly


def _parse_entries(items: list[str], blueprint: Blueprint) -> dict[str, float]:
    weekly: dict[str, float] = {}
    for item in items:
        wf_id, sep, number = item.partition("=")
        if not sep:
            raise UsageError(say("cli.entries-form", item=item))
        if blueprint.workflow(wf_id) is None:
            known = ", ".join(w.id for w in blueprint.workflows) or say("cli.none")
            raise UsageError(say("cli.entries-no-workflow", workflow=wf_id, known=known))
        try:
            weekly[wf_id] = float(number)
        except ValueError:
            raise UsageError(say("cli.entries-not-number", number=number)) from None
        if not weekly[wf_id] > 0:
            raise UsageError(say("cli.entries-positive", number=number))
    return weekly


# --- rows ----------------------------------------------------------------------

def _date(d: date | None) -> str:
    return d.isoformat() if d else ""


def _weeks(r: RankedWorkflow) -> str:
    s = r.sample
    return f"{s.weeks:.1f}" if s and s.weeks is not None else ""


def queue_row(r: RankedWorkflow) -> dict:
    e = r.entry
    return {
        "rank": r.rank, "workflow": r.workflow_id, "name": r.name, "category": e.category, "status": e.status,
        "value_now": e.value_now, "long_term_impact": e.long_term_impact, "effort": e.effort,
        "confidence": e.confidence, "score": round(r.score, 2), "score_rank": r.score_rank,
        "pinned_rank": e.pinned_rank, "owner": e.owner, "target_date": _date(e.target_date),
        "from_stage": r.from_stage, "to_stage": r.to_stage, "reason": render(r.why, "en"), "notes": e.notes,
        "sample": sample_row(r) if r.sample else None,
    }


def sample_row(r: RankedWorkflow) -> dict:
    s = r.sample
    return {
        "rank": r.rank, "workflow": r.workflow_id, "name": r.name, "hypothesis": s.plan.hypothesis,
        "metric": s.plan.metric, "baseline_rate": s.plan.baseline_rate,
        "minimum_detectable_effect": s.plan.minimum_detectable_effect, "alpha": s.plan.alpha,
        "power": s.plan.power, "two_sided": True, "groups": s.groups.count,
        "holdout_percent": s.groups.holdout_percent, "smallest_group_share": round(s.groups.smallest_share, 4),
        "per_variant": s.per_variant, "total_entries": s.total_entries, "weekly_entries": s.weekly_entries,
        "weekly_source": s.weekly_source, "weeks": None if s.weeks is None else round(s.weeks, 2),
        "error": s.error,
    }


QUEUE_COLUMNS = ("#", N_("Workflow"), N_("Category"), N_("Status"), C_("build queue", "Value"), N_("Impact"),
                 N_("Effort"), N_("Conf."), N_("Score"), N_("Owner"), N_("Target"), N_("Weeks"), N_("Why"))
SAMPLE_COLUMNS = ("#", N_("Workflow"), N_("Metric"), N_("Baseline"), N_("Lift"), N_("Alpha"), N_("Power"),
                  N_("Groups"), N_("Per variant"), N_("Entries"), N_("Per week"), N_("Weeks"))


def _queue_cells(r: RankedWorkflow) -> list[str]:
    e = r.entry
    return [str(r.rank or "-"), r.name, translate(CATEGORY_LABELS[e.category]), translate(STATUS_LABELS[e.status]),
            str(e.value_now),
            str(e.long_term_impact), str(e.effort), str(e.confidence), format_score(r.score), e.owner,
            _date(e.target_date), _weeks(r), r.reason]


def _sample_cells(r: RankedWorkflow) -> list[str]:
    s, p = r.sample, r.sample.plan
    groups = (_t("plan.groups-holdout", count=s.groups.count, holdout=f"{s.groups.holdout_percent}%")
              if s.groups.holdout_percent else f"{s.groups.count}")
    lift = _t("plan.points", lift=f"{p.minimum_detectable_effect * 100:.1f}")
    if s.error:
        return [str(r.rank or "-"), r.name, p.metric, f"{p.baseline_rate:.1%}", lift,
                f"{p.alpha:g}", f"{p.power:g}", groups, s.error, "", "", ""]
    weekly = f"{s.weekly_entries:,.0f}" if s.weekly_entries else ""
    if weekly and s.weekly_source == "dry-run":
        weekly = _t("plan.from-dry-run", weekly=weekly)
    return [str(r.rank or "-"), r.name, p.metric, f"{p.baseline_rate:.1%}", lift,
            f"{p.alpha:g}", f"{p.power:g}", groups, f"{s.per_variant:,}", f"{s.total_entries:,}", weekly, _weeks(r)]


def _table(columns, rows: list[list[str]]) -> str:
    columns = [translate(c) for c in columns]
    widths = [max(text_width(c), *(text_width(row[i]) for row in rows)) if rows else text_width(c) for i, c in enumerate(columns)]
    lines = ["  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(pad(cell, w) for cell, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


def _csv(rows: list[dict]) -> str:
    buf = io.StringIO()
    if rows:
        write_dicts(buf, list(rows[0]), rows)  # formula-safe cells (designer/csv_cells.py)
    return buf.getvalue()


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|") or " "


def _md_table(columns, rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(translate(c) for c in columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    return out + ["| " + " | ".join(_md_cell(c) for c in row) + " |" for row in rows]


# --- the queue -------------------------------------------------------------------

def _summary_line(ranked: list[RankedWorkflow]) -> str:
    c = summary(ranked)
    return _t("plan.summary", workflows=c["workflows"], queued=c["queued"], new=c["new"], improve=c["improve"],
              experiment=c["experiment"], live=c["live"], retired=c["retired"])


def queue_table(blueprint: Blueprint, ranked: list[RankedWorkflow]) -> str:
    head = f"{_t('plan.queue-head', name=blueprint.name)}\n{_summary_line(ranked)}\n{translate(FORMULA)}\n\n"
    return head + _table(QUEUE_COLUMNS, [_queue_cells(r) for r in ranked])


def queue_csv(blueprint: Blueprint, ranked: list[RankedWorkflow]) -> str:
    rows = []
    for r in ranked:
        row = queue_row(r)
        sample = row.pop("sample") or {}
        row |= {k: sample.get(k, "") for k in ("per_variant", "total_entries", "weekly_entries", "weeks")}
        rows.append({k: "" if v is None else v for k, v in row.items()})
    return _csv(rows)


def queue_json(blueprint: Blueprint, ranked: list[RankedWorkflow]) -> str:
    data = {"blueprint": blueprint.name, "formula": FORMULA, "summary": summary(ranked),
            "workflows": [queue_row(r) for r in ranked]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def queue_markdown(blueprint: Blueprint, ranked: list[RankedWorkflow]) -> str:
    queue = [r for r in ranked if r.queued]
    done = [r for r in ranked if not r.queued]
    lines = ["# " + _t("plan.queue-head", name=blueprint.name), "", _summary_line(ranked), "",
             _t("plan.md-ranked-by"), ""]
    lines += ["## " + _t("plan.md-the-queue"), ""] + (
        _md_table(QUEUE_COLUMNS[:-2], [_queue_cells(r)[:-2] for r in queue]) if queue else [_t("plan.md-nothing")])
    if queue:
        lines += ["", "## " + _t("plan.md-details"), ""]
        stages = {st.id: st.name for st in blueprint.stages}
        for r in queue:
            lines += _md_details(r, stages)
    experiments = [r for r in queue if r.sample]
    if experiments:
        lines += ["## " + _t("plan.md-sample-sizes"), "", _t("plan.md-per-variant"), ""]
        lines += _md_table(SAMPLE_COLUMNS, [_sample_cells(r) for r in experiments]) + [""]
    if done:
        lines += ["## " + _t("plan.md-live-retired"), ""]
        lines += [f"- **{_md_cell(r.name)}**: {translate(STATUS_LABELS[r.entry.status]).lower()}, "
                  f"{translate(CATEGORY_LABELS[r.entry.category]).lower()}"
                  + (f", {r.entry.owner}" if r.entry.owner else "") for r in done] + [""]
    return "\n".join(lines).rstrip() + "\n"


def _md_details(r: RankedWorkflow, stages: dict[str, str]) -> list[str]:
    e = r.entry
    out = [f"### {r.rank}. {r.name}", "",
           f"- **{translate(CATEGORY_LABELS[e.category])}** ({translate(CATEGORY_HINTS[e.category]).lower()}), "
           f"{translate(STATUS_LABELS[e.status]).lower()}"
           + (_t("plan.md-owner", owner=e.owner) if e.owner else "")
           + (_t("plan.md-target", date=e.target_date.isoformat()) if e.target_date else ""),
           "- " + _t("plan.md-why", rank=r.rank, reason=r.reason)]
    if r.from_stage or r.to_stage:
        src, dst = (stages.get(s, s) if s else "?" for s in (r.from_stage, r.to_stage))
        out.append("- " + _t("plan.md-moves", source=src, target=dst))
    if r.sample:
        s = r.sample
        if s.plan.hypothesis:
            out.append("- " + _t("plan.md-hypothesis", text=_md_cell(s.plan.hypothesis)))
        if s.error:
            out.append("- " + _t("plan.md-cannot-size", error=s.error))
        else:
            entries = f"{s.weekly_entries:,.0f}" if s.weekly_entries else ""
            if s.weeks is None:
                time = _t("plan.md-set-entries")
            elif s.weekly_source == "dry-run":
                time = _t("plan.md-weeks-dry-run", weeks=f"{s.weeks:.1f}", entries=entries)
            else:
                time = _t("plan.md-weeks", weeks=f"{s.weeks:.1f}", entries=entries)
            out.append("- " + _t("plan.md-needs", per_variant=f"{s.per_variant:,}", total=f"{s.total_entries:,}",
                                 time=time))
    if e.notes.strip():
        out += ["", *(f"> {line}" for line in e.notes.strip().splitlines())]
    return out + [""]


# --- sample sizes ----------------------------------------------------------------

def sample_table(blueprint: Blueprint, experiments: list[RankedWorkflow]) -> str:
    if not experiments:
        return _t("plan.no-experiments", name=blueprint.name) + "\n"
    head = f"{_t('plan.experiments-head', name=blueprint.name)}\n{_t('plan.sample-method')}\n\n"
    return head + _table(SAMPLE_COLUMNS, [_sample_cells(r) for r in experiments])


def sample_csv(blueprint: Blueprint, experiments: list[RankedWorkflow]) -> str:
    return _csv([{k: "" if v is None else v for k, v in sample_row(r).items()} for r in experiments])


def sample_json(blueprint: Blueprint, experiments: list[RankedWorkflow]) -> str:
    data = {"blueprint": blueprint.name, "method": "two-proportion z-test, pooled variance (R power.prop.test)",
            "experiments": [sample_row(r) for r in experiments]}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def sample_markdown(blueprint: Blueprint, experiments: list[RankedWorkflow]) -> str:
    lines = ["# " + _t("plan.experiments-head", name=blueprint.name), ""]
    if not experiments:
        return "\n".join(lines + [_t("plan.md-no-experiments")]) + "\n"
    lines += [_t("plan.md-sample-method"), ""]
    return "\n".join(lines + _md_table(SAMPLE_COLUMNS, [_sample_cells(r) for r in experiments])) + "\n"


QUEUE_WRITERS = {"table": queue_table, "csv": queue_csv, "md": queue_markdown, "json": queue_json}
SAMPLE_WRITERS = {"table": sample_table, "csv": sample_csv, "md": sample_markdown, "json": sample_json}
