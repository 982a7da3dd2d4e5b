"""The experiment readout of a forecast: per variant against the holdout, the expected lift
with its interval, and the week in which the planned sample size is reached.

With several runs (``--runs R``) the interval is the spread of the lift across runs
(5th-95th percentile, like every other aggregate figure); with one run it is the
90% normal-approximation interval of a difference of two proportions. The sample
size per group is the plan's (:func:`designer.planning.experiment_sample`, the
figure of ``journey plan --sample-size``); it is reached when the smallest group
compared (a variant or the holdout, by the forecast's split) holds that many, at
the rate the forecast sends contacts to the experiment each week.
"""

from __future__ import annotations

import math
from typing import Any

from designer.blueprint import Blueprint
from designer.planning import experiment_sample, weeks_needed

from .forecast import weekly_entries

Z90 = 1.6448536269514722  # two-sided 90%

# User-visible text of this module, in one place (for message codes and translation).


def _mean(v: Any) -> float:
    return float(v["mean"]) if isinstance(v, dict) and "mean" in v else float(v or 0)


def _spread(v: Any) -> tuple[float, float] | None:
    return (float(v["p5"]), float(v["p95"])) if isinstance(v, dict) and "p5" in v else None


def readout(blueprint: Blueprint, report: dict[str, Any]) -> list[dict[str, Any]]:
    """One entry per experiment step with a holdout in the report (empty if none)."""
    out = []
    weekly = weekly_entries(report)
    for wf_report in report["workflows"]:
        wf = blueprint.workflow(wf_report["id"])
        for b in wf_report["branches"]:
            if "lift_vs_holdout" not in b:
                continue
            hold = b["ports"]["holdout"]
            ph, nh = _mean(hold["rate"]), _mean(hold["contacts"])
            variants = {}
            for port, lift in b["lift_vs_holdout"].items():
                v = b["ports"][port]
                pv, nv = _mean(v["rate"]), _mean(v["contacts"])
                absolute = _mean(lift["absolute"])
                spread = _spread(lift["absolute"])
                if spread is None:  # one run: the sampling interval of the difference
                    se = math.sqrt(pv * (1 - pv) / nv + ph * (1 - ph) / nh) if nv and nh else 0.0
                    spread = (absolute - Z90 * se, absolute + Z90 * se)
                variants[port] = {
                    "contacts": round(nv, 3), "rate": round(pv, 6), "lift": round(absolute, 6),
                    "low": round(spread[0], 6), "high": round(spread[1], 6),
                    "relative": round(absolute / ph, 6) if ph else None,
                    "significant": bool(spread[0] > 0 or spread[1] < 0),
                }
            entry: dict[str, Any] = {
                "workflow": wf_report["id"], "node": b["node"], "title": b["title"],
                "holdout": {"contacts": round(nh, 3), "rate": round(ph, 6)}, "variants": variants,
            }
            # Each variant is read against the holdout: the sample is reached when the smallest of them is full.
            counts = [_mean(p["contacts"]) for p in b["ports"].values()]
            share = min(counts) / sum(counts) if sum(counts) else 0.0
            entry["sample"] = _sample(wf, weekly.get(wf_report["id"], 0.0), share, _mean(report["days"]))
            out.append(entry)
    return out


def _sample(wf, weekly: float, share: float, days: float) -> dict[str, Any]:
    if wf is None:
        return {"error": "unknown workflow"}
    if weekly <= 0 or share <= 0:
        return {"per_group": None, "weekly_entries": 0.0, "week": None, "error": "no contact reaches the experiment in the forecast"}
    s = experiment_sample(wf, weekly)
    if s.per_variant is None:
        return {"per_group": None, "weekly_entries": weekly, "week": None, "error": s.error}
    weeks = weeks_needed(s.per_variant, weekly, share)
    return {"per_group": s.per_variant, "weekly_entries": round(weekly, 3), "smallest_share": round(share, 6),
            "weeks": round(weeks, 3), "week": max(1, math.ceil(weeks - 1e-9)), "within_forecast": weeks * 7 <= days}


def format_readout(entries: list[dict[str, Any]], days: Any) -> list[str]:
    """The readout as text lines for ``journey dry-run``, in the reader's language."""
    from designer.i18n import Message, format_number, render

    def t(code: str, **params: Any) -> str:
        return render(Message(code, params))

    lines = []
    for e in entries:
        lines.append(t("readout.title", title=e["title"], workflow=e["workflow"]))
        for port, v in e["variants"].items():
            rel = f"{v['relative'] * 100:+.1f}%" if v["relative"] is not None else "-"
            lines.append(t("readout.lift", variant=port, lift=f"{v['lift'] * 100:+.2f}", low=f"{v['low'] * 100:+.2f}",
                           high=f"{v['high'] * 100:+.2f}", relative=rel,
                           significant=t("readout.significant") if v["significant"] else ""))
        s = e["sample"]
        if s.get("per_group"):
            beyond = "" if s["within_forecast"] else t("readout.beyond", days=int(_mean(days)))
            lines.append(t("readout.sample", count=format_number(s["per_group"]), week=s["week"],
                           weekly=format_number(round(s["weekly_entries"])), beyond=beyond))
        elif s.get("weekly_entries") == 0.0:
            lines.append(t("readout.no-traffic"))
        else:
            lines.append(t("readout.unsized", error=s.get("error", "")))
    return lines
