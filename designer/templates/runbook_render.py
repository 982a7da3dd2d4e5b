"""The runbook as Markdown or self-contained HTML (the picture embedded as a data URI).

Headings and labels come in English or Simplified Chinese (``WORDS``); the
journey's own words (step titles, copy) are whatever the workflow holds.
The HTML is also what the PDF is printed from, so it keeps to the subset of
HTML and CSS Qt's rich text understands (tables, headings, inline styles).
"""

from __future__ import annotations

import base64
from html import escape
from typing import Any

from .library import STAGE_NAMES

WORDS = {
    "en": {
        "runbook": "Journey runbook", "blueprint": "Blueprint", "stages": "Moves contacts", "to": "→",
        "goal": "Goal and KPIs", "goal_event": "Converts when '{event}' happens within {days} days of entry",
        "goal_condition": "Converts when {condition} holds", "goal_steps": "Goal steps",
        "exit": "Leaves early on", "picture": "The journey", "steps": "Steps in order", "settings": "Settings",
        "copy": "Message copy", "then": "Then", "channels": "Channels used", "rules": "Rules",
        "cap": "Frequency cap: at most {n} messages per {days} days, across channels",
        "programme_cap": "Programme-wide cap: at most {n} messages per {days} days across every journey",
        "no_cap": "No frequency cap", "quiet": "Quiet hours: no messages from {start} to {end} ({zone})",
        "contact_zone": "in each contact's own time zone", "no_quiet": "No quiet hours",
        "re_entry": "Re-entry: {mode}", "priority": "Channel priority: {channels}",
        "forecast": "Latest dry-run forecast", "no_forecast": "No dry-run yet: run one in the app or with "
        "'journey dry-run FILE --db FILE.db'.",
        "forecast_line": "{contacts:,.0f} contacts over {days:.0f} days: {enrolled:,.0f} enrolled, "
                         "{converted:,.0f} converted ({rate:.1%})",
        "funnel": "Funnel", "step": "Step", "entered": "Entered", "channel": "Channel", "attempted": "Attempted",
        "delivered": "Delivered", "opened": "Opened", "clicked": "Clicked",
        "queue": "Build queue", "category": "Category", "status": "Status", "value_now": "Value now",
        "long_term_impact": "Long-term impact", "effort": "Effort", "confidence": "Confidence", "owner": "Owner",
        "target_date": "Target date", "notes": "Notes", "experiment": "Experiment plan",
        "hypothesis": "Hypothesis", "metric": "Metric", "baseline_rate": "Baseline rate",
        "minimum_detectable_effect": "Minimum detectable effect", "per_variant": "Contacts per variant",
        "weekly_entries": "Contacts reaching it per week", "total_entries": "Entries needed",
        "weeks": "Weeks needed", "none": "none",
    },
    "zh": {
        "runbook": "旅程执行手册", "blueprint": "蓝图", "stages": "生命周期", "to": "→",
        "goal": "转化目标与关注指标", "goal_event": "进入旅程后 {days} 天内发生“{event}”即算转化",
        "goal_condition": "满足条件 {condition} 即算转化", "goal_steps": "目标节点",
        "exit": "提前退出条件", "picture": "旅程全景", "steps": "步骤（按顺序）", "settings": "设置",
        "copy": "消息文案", "then": "下一步", "channels": "使用的渠道", "rules": "触达规则",
        "cap": "频次控制：{days} 天内最多 {n} 条（跨渠道合计）",
        "programme_cap": "全局频次控制：所有旅程合计 {days} 天内最多 {n} 条",
        "no_cap": "无频次控制", "quiet": "免打扰时段：{start} 至 {end}（{zone}）",
        "contact_zone": "按联系人本地时间", "no_quiet": "无免打扰时段",
        "re_entry": "重复进入：{mode}", "priority": "渠道优先级：{channels}",
        "forecast": "最近一次模拟预测", "no_forecast": "还没有模拟预测：可在应用中运行，或执行 "
        "'journey dry-run FILE --db FILE.db'。",
        "forecast_line": "{contacts:,.0f} 位联系人，模拟 {days:.0f} 天：进入 {enrolled:,.0f} 人，"
                         "转化 {converted:,.0f} 人（{rate:.1%}）",
        "funnel": "漏斗", "step": "步骤", "entered": "进入人数", "channel": "渠道", "attempted": "计划发送",
        "delivered": "送达", "opened": "打开", "clicked": "点击",
        "queue": "构建队列", "category": "类别", "status": "状态", "value_now": "当前价值",
        "long_term_impact": "长期影响", "effort": "工作量", "confidence": "把握程度", "owner": "负责人",
        "target_date": "目标日期", "notes": "备注", "experiment": "实验计划",
        "hypothesis": "假设", "metric": "指标", "baseline_rate": "基准转化率",
        "minimum_detectable_effect": "最小可检测提升", "per_variant": "每组所需人数",
        "weekly_entries": "每周进入实验的人数", "total_entries": "所需进入人数",
        "weeks": "所需周数", "none": "无",
    },
}


def words(lang: str) -> dict[str, str]:
    return WORDS["zh" if lang == "zh" else "en"]


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
