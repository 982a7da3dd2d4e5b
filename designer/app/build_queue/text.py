"""The build queue's words, in the user's language: labels, scale meanings, reasons.

designer.planning holds the English ones for the command line; the app shows
these, through tr(), so a translation covers the whole view.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from designer.planning import RankedWorkflow, format_score


def tr(text: str) -> str:
    return QCoreApplication.translate("", text)


def category_label(category: str) -> str:
    return {"new": tr("New"), "improve": tr("Improve"), "experiment": tr("Experiment")}[category]


def category_hint(category: str) -> str:
    return {"new": tr("A workflow or message that does not exist yet"),
            "improve": tr("A workflow that exists but should work better"),
            "experiment": tr("A test to raise conversion")}[category]


def status_label(status: str) -> str:
    return {"idea": tr("Idea"), "planned": tr("Planned"), "building": tr("Building"), "live": tr("Live"),
            "retired": tr("Retired")}[status]


def scale_hint(field: str, value: int) -> str:
    texts = {
        "value_now": (tr("barely noticeable"), tr("small gain"), tr("clear gain this quarter"),
                      tr("large gain this quarter"), tr("critical: revenue or conversion at stake now")),
        "long_term_impact": (tr("none beyond today"), tr("small"), tr("lasting gain on one stage"),
                             tr("raises lifetime value"), tr("changes the whole lifecycle")),
        "effort": (tr("under a day"), tr("a few days"), tr("one to two weeks"), tr("about a month"),
                   tr("a quarter or more")),
        "confidence": (tr("a hunch"), tr("anecdotes"), tr("benchmarks or good reasons"), tr("our own data"),
                       tr("proven (tested before)")),
    }
    return f"{value}: {texts[field][value - 1]}"


def reason_text(r: RankedWorkflow, short: bool = False) -> str:
    """The reason for a rank, in the user's language (planning's reason is the English one for the CLI).
    ``short`` gives the formula with numbers only, for the table (the header's tooltip names them)."""
    e = r.entry
    words = tr("value %1 + impact %2, confidence %3, effort %4 → score %5")
    numbers = "(%1 + %2) × %3 ÷ %4 = %5"
    formula = numbers if short else words
    for i, v in enumerate((e.value_now, e.long_term_impact, e.confidence, e.effort, format_score(r.score)), 1):
        formula = formula.replace(f"%{i}", str(v))
    if r.rank is None:
        return tr("%1: not in the queue").replace("%1", status_label(e.status))
    if r.pinned:
        return (tr("Pinned at #%1; its score (%2) alone would rank #%3").replace("%1", str(r.rank))
                .replace("%2", format_score(r.score)).replace("%3", str(r.score_rank)))
    if r.tied:
        return formula + (tr(" · tie") if short else tr(" (tie: higher value now first, then blueprint order)"))
    return formula


def sample_text(r: RankedWorkflow) -> str:
    s = r.sample
    if s is None:
        return ""
    if s.error:
        return tr("Cannot size: check baseline and lift")
    text = tr("%1 / variant").replace("%1", f"{s.per_variant:,}")
    if s.weeks is not None:
        text += " · " + tr("%1 wk").replace("%1", f"{s.weeks:.1f}")
    return text
