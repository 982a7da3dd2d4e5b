"""The runbook as Markdown or self-contained HTML (the picture embedded as a data URI).

Headings and labels come in the reader's language (``WORDS``, translated by designer.i18n); the
journey's own words (step titles, copy) are whatever the workflow holds.
The HTML is also what the PDF is printed from, so it keeps to the subset of
HTML and CSS Qt's rich text understands (tables, headings, inline styles).
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from designer.i18n import N_, translate

from .library import STAGE_NAMES

# Headings and labels in English; their translations are in the core catalogue (designer/i18n).
WORDS: dict[str, str] = {
    "runbook": N_("Journey runbook"),
    "blueprint": N_("Blueprint"),
    "stages": N_("Moves contacts"),
    "to": N_("→"),
    "goal": N_("Goal and KPIs"),
    "goal_event": N_("Converts when '{event}' happens within {days} days of entry"),
    "goal_condition": N_("Converts when {condition} holds"),
    "goal_steps": N_("Goal steps"),
    "exit": N_("Leaves early on"),
    "picture": N_("The journey"),
    "steps": N_("Steps in order"),
    "settings": N_("Settings"),
    "copy": N_("Message copy"),
    "then": N_("Then"),
    "channels": N_("Channels used"),
    "rules": N_("Rules"),
    "cap": N_("Frequency cap: at most {n} messages per {days} days, across channels"),
    "programme_cap": N_("Programme-wide cap: at most {n} messages per {days} days across every journey"),
    "no_cap": N_("No frequency cap"),
    "quiet": N_("Quiet hours: no messages from {start} to {end} ({zone})"),
    "contact_zone": N_("in each contact's own time zone"),
    "no_quiet": N_("No quiet hours"),
    "re_entry": N_("Re-entry: {mode}"),
    "priority": N_("Channel priority: {channels}"),
    "forecast": N_("Latest dry-run forecast"),
    "no_forecast": N_("No dry-run yet: run one in the app or with 'journey dry-run FILE --db FILE.db'."),
    "forecast_line": N_("{contacts:,.0f} contacts over {days:.0f} days: {enrolled:,.0f} enrolled, {converted:,.0f} converted ({rate:.1%})"),
    "funnel": N_("Funnel"),
    "step": N_("Step"),
    "entered": N_("Entered"),
    "channel": N_("Channel"),
    "attempted": N_("Attempted"),
    "delivered": N_("Delivered"),
    "opened": N_("Opened"),
    "clicked": N_("Clicked"),
    "queue": N_("Build queue"),
    "category": N_("Category"),
    "status": N_("Status"),
    "value_now": N_("Value now"),
    "long_term_impact": N_("Long-term impact"),
    "effort": N_("Effort"),
    "confidence": N_("Confidence"),
    "owner": N_("Owner"),
    "target_date": N_("Target date"),
    "notes": N_("Notes"),
    "experiment": N_("Experiment plan"),
    "hypothesis": N_("Hypothesis"),
    "metric": N_("Metric"),
    "baseline_rate": N_("Baseline rate"),
    "minimum_detectable_effect": N_("Minimum detectable effect"),
    "per_variant": N_("Contacts per variant"),
    "weekly_entries": N_("Contacts reaching it per week"),
    "total_entries": N_("Entries needed"),
    "weeks": N_("Weeks needed"),
    "none": N_("none"),
}


def words(lang: str) -> dict[str, str]:
    code = "zh_CN" if lang == "zh" else "en"
    return {key: translate(text, code) for key, text in WORDS.items()}


def _rules(rb: dict[str, Any], w: dict[str, str]) -> list[str]:
    r = rb["rules"]
    out = []
    cap = r["frequency_cap"]
    out.append(w["cap"].format(n=cap["max_messages"], days=_n(cap["period_days"])) if cap else w["no_cap"])
    if r["programme_cap"]:
        out.append(w["programme_cap"].format(n=r["programme_cap"]["max_messages"],
                                             days=_n(r["programme_cap"]["period_days"])))
    q = r["quiet_hours"]
    if q:
        zone = w["contact_zone"] if q["use_contact_timezone"] else q["timezone"]
        out.append(w["quiet"].format(start=q["start"], end=q["end"], zone=zone))
    else:
        out.append(w["no_quiet"])
    mode = r["re_entry"]["mode"] + (f" ({r['re_entry']['days']} d)" if r["re_entry"]["mode"] == "after" else "")
    out.append(w["re_entry"].format(mode=mode))
    out.append(w["priority"].format(channels=", ".join(r["channel_priority"])))
    return out


def _stages(rb: dict[str, Any], lang: str, w: dict[str, str]) -> str:
    names = STAGE_NAMES["zh" if lang == "zh" else "en"]
    start, end = rb["from_stage"] or "?", rb["to_stage"] or "?"
    return f"{names.get(start, start)} {w['to']} {names.get(end, end)}"


def _n(v: float) -> str:
    return str(int(v)) if float(v).is_integer() else str(v)


def _goal_lines(rb: dict[str, Any], w: dict[str, str]) -> list[str]:
    out = []
    g = rb["goal"]
    if g and g.get("event"):
        out.append(w["goal_event"].format(event=g["event"], days=g["window_days"]))
    if g and g.get("condition"):
        out.append(w["goal_condition"].format(condition=g["condition"]))
    if rb["goal_steps"]:
        out.append(f"{w['goal_steps']}: " + ", ".join(rb["goal_steps"]))
    if rb["exit"] and (rb["exit"].get("event") or rb["exit"].get("condition")):
        out.append(f"{w['exit']}: " + " / ".join(v for v in (rb["exit"].get("event"), rb["exit"].get("condition")) if v))
    return out


def _queue_rows(rb: dict[str, Any], w: dict[str, str]) -> list[tuple[str, str]]:
    q = rb["queue"]
    keys = ("category", "status", "value_now", "long_term_impact", "effort", "confidence", "owner", "target_date")
    return [(w[k], str(q[k])) for k in keys if q.get(k) not in (None, "")]


def _experiment_rows(rb: dict[str, Any], w: dict[str, str]) -> list[tuple[str, str]]:
    e = rb["experiment"] or {}
    keys = ("hypothesis", "metric", "baseline_rate", "minimum_detectable_effect", "weekly_entries", "per_variant",
            "total_entries", "weeks")
    return [(w[k], f"{e[k]:.3g}" if isinstance(e.get(k), float) else str(e[k])) for k in keys
            if e.get(k) not in (None, "")]


def to_markdown(rb: dict[str, Any], lang: str = "en", picture_png: bytes | None = None) -> str:
    w = words(lang)
    lines = [f"# {w['runbook']}: {rb['name']}", "", f"{w['blueprint']}: {rb['blueprint']}"]
    if rb["from_stage"] or rb["to_stage"]:
        lines.append(f"{w['stages']}: {_stages(rb, lang, w)}")
    lines += ["", rb["description"], "", f"## {w['goal']}", ""]
    lines += [f"- {g}" for g in _goal_lines(rb, w)]
    notes = rb["queue"].get("notes")
    if notes:
        lines += ["", notes]
    if picture_png:
        data = base64.b64encode(picture_png).decode("ascii")
        lines += ["", f"## {w['picture']}", "", f"![{rb['name']}](data:image/png;base64,{data})"]
    lines += ["", f"## {w['steps']}", ""]
    for s in rb["steps"]:
        lines += [f"### {s['number']}. {s['title']} ({s['kind']})", ""]
        if s["summary"]:
            lines.append(f"{s['summary']}")
        for k, v in s["settings"].items():
            lines.append(f"- {k}: {v}")
        for k, v in s["copy"].items():
            lines.append(f"- {k}: " + v.replace("\n", "  \n  "))
        if s["next"]:
            lines.append(f"- {w['then']}: " + "; ".join(f"{p} → {t}" for p, t in s["next"]))
        lines.append("")
    lines += [f"## {w['channels']}", "", ", ".join(rb["channels"]) or w["none"], "", f"## {w['rules']}", ""]
    lines += [f"- {r}" for r in _rules(rb, w)]
    lines += ["", f"## {w['forecast']}", ""]
    f = rb["forecast"]
    if f is None:
        lines.append(w["no_forecast"])
    else:
        lines += [w["forecast_line"].format(**f), "", f"| {w['step']} | {w['entered']} |", "|---|---:|"]
        lines += [f"| {row['title']} | {row['entered']:,.0f} |" for row in f["funnel"]]
        cols = ("attempted", "delivered", "opened", "clicked")
        lines += ["", f"| {w['channel']} | " + " | ".join(w[c] for c in cols) + " |", "|---" + "|---:" * 4 + "|"]
        lines += [f"| {ch} | " + " | ".join(f"{v[c]:,.0f}" for c in cols) + " |" for ch, v in f["channels"].items()]
    lines += ["", f"## {w['queue']}", ""] + [f"- {k}: {v}" for k, v in _queue_rows(rb, w)]
    if rb["experiment"]:
        lines += ["", f"### {w['experiment']}", ""] + [f"- {k}: {v}" for k, v in _experiment_rows(rb, w)]
    return "\n".join(lines).rstrip() + "\n"


CSS = ("body{font-family:'Noto Sans CJK SC','Noto Sans',sans-serif;color:#1f2430;font-size:10pt}"
       "h1{font-size:18pt;color:#1d4f91}h2{font-size:13pt;color:#1d4f91;margin-top:14pt}h3{font-size:11pt}"
       "table{border-collapse:collapse}td,th{border:1px solid #c9cfd8;padding:3px 6px}th{background:#eef2f7}"
       ".muted{color:#5b6473}.copy{background:#f6f8fb;padding:4px}")


def _table(rows: list[list[str]], head: list[str] | None = None) -> str:
    out = ['<table cellspacing="0" cellpadding="4">']
    if head:
        out.append("<tr>" + "".join(f"<th>{escape(h)}</th>" for h in head) + "</tr>")
    out += ["<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>" for r in rows]
    return "".join(out) + "</table>"


def to_html(rb: dict[str, Any], lang: str = "en", picture_png: bytes | None = None, picture_width: int = 680,
            picture_src: list[str] | None = None) -> str:
    """``picture_src`` names image resources (strips of a long journey) instead of
    embedding ``picture_png``: Qt's printing uses them."""
    w = words(lang)
    e = escape
    h = [f'<!DOCTYPE html><html lang="{"zh-Hans" if lang == "zh" else "en"}"><head><meta charset="utf-8">',
         f"<title>{e(w['runbook'])}: {e(rb['name'])}</title><style>{CSS}</style></head><body>",
         f"<h1>{e(w['runbook'])}: {e(rb['name'])}</h1>",
         f"<p class=\"muted\">{e(w['blueprint'])}: {e(rb['blueprint'])}"]
    if rb["from_stage"] or rb["to_stage"]:
        h.append(f"<br>{e(w['stages'])}: {e(_stages(rb, lang, w))}")
    h.append(f"</p><p>{e(rb['description'])}</p><h2>{e(w['goal'])}</h2><ul>")
    h += [f"<li>{e(g)}</li>" for g in _goal_lines(rb, w)]
    h.append("</ul>")
    if rb["queue"].get("notes"):
        h.append("<p>" + e(rb["queue"]["notes"]).replace("\n", "<br>") + "</p>")
    if picture_png or picture_src:
        sources = picture_src or ["data:image/png;base64," + base64.b64encode(picture_png).decode("ascii")]
        h.append(f"<h2>{e(w['picture'])}</h2>")
        h += [f"<p><img src=\"{src}\" width=\"{picture_width}\" style=\"max-width:100%\" alt=\"{e(rb['name'])}\">"
              "</p>" for src in sources]
    h.append(f"<h2>{e(w['steps'])}</h2>")
    for s in rb["steps"]:
        h.append(f"<h3>{s['number']}. {e(s['title'])} <span class=\"muted\">({e(s['kind'])})</span></h3>")
        if s["summary"]:
            h.append(f"<p class=\"muted\">{e(s['summary'])}</p>")
        rows = [[k, str(v)] for k, v in s["settings"].items()]
        if rows:
            h.append(_table(rows))
        for k, v in s["copy"].items():
            h.append(f"<p class=\"copy\"><b>{e(k)}</b>: " + e(v).replace("\n", "<br>") + "</p>")
        if s["next"]:
            h.append(f"<p class=\"muted\">{e(w['then'])}: " + "; ".join(f"{e(p)} → {e(t)}" for p, t in s["next"]) + "</p>")
    h.append(f"<h2>{e(w['channels'])}</h2><p>{e(', '.join(rb['channels']) or w['none'])}</p>")
    h.append(f"<h2>{e(w['rules'])}</h2><ul>" + "".join(f"<li>{e(r)}</li>" for r in _rules(rb, w)) + "</ul>")
    h.append(f"<h2>{e(w['forecast'])}</h2>")
    f = rb["forecast"]
    if f is None:
        h.append(f"<p class=\"muted\">{e(w['no_forecast'])}</p>")
    else:
        cols = ("attempted", "delivered", "opened", "clicked")
        h.append(f"<p>{e(w['forecast_line'].format(**f))}</p><h3>{e(w['funnel'])}</h3>")
        h.append(_table([[r["title"], f"{r['entered']:,.0f}"] for r in f["funnel"]], [w["step"], w["entered"]]))
        h.append(_table([[ch] + [f"{v[c]:,.0f}" for c in cols] for ch, v in f["channels"].items()],
                        [w["channel"]] + [w[c] for c in cols]))
    h.append(f"<h2>{e(w['queue'])}</h2>" + _table([list(r) for r in _queue_rows(rb, w)]))
    if rb["experiment"]:
        h.append(f"<h3>{e(w['experiment'])}</h3>" + _table([list(r) for r in _experiment_rows(rb, w)]))
    h.append("</body></html>")
    return "\n".join(h)
