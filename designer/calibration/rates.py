"""Rates with their evidence: a count, the contacts (or messages) it is out of, and the
Wilson score interval. A rate from fewer than :data:`MIN_CONTACTS` is not reported."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

from designer.i18n import N_, Message, render

MIN_CONTACTS = 30
LEVEL = 0.95

# The note of a rate too thin to report: rates.too-few in designer/i18n/messages_cli.py ('note' in English, 'note_id').


def wilson(k: int, n: int, level: float = LEVEL) -> tuple[float, float]:
    """The Wilson score interval of k successes out of n (Wilson 1927; Agresti & Coull 1998)."""
    if n <= 0:
        return 0.0, 1.0
    z = NormalDist().inv_cdf(0.5 + level / 2)
    p = k / n
    denom = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom
    return max(0.0, centre - half), min(1.0, centre + half)


WHAT = (N_("contacts"), N_("messages"), N_("delivered messages"), N_("opened messages"))  # what a rate counts


def rate(k: int, n: int, what: str = "contacts") -> dict[str, Any]:
    """``{"count", "of", "rate", "low", "high"}``; rate/low/high None and a ``note`` when n is too small."""
    out: dict[str, Any] = {"count": int(k), "of": int(n)}
    if n < MIN_CONTACTS:
        note = Message("rates.too-few", {"min": MIN_CONTACTS, "what": Message("term", {"text": what}), "n": n})
        out.update(rate=None, low=None, high=None, note=render(note, "en"), note_id=note.to_json())  # text, code
        return out
    low, high = wilson(k, n)
    out.update(rate=round(k / n, 6), low=round(low, 6), high=round(high, 6))
    return out


def delay(hours: list[float]) -> dict[str, Any] | None:
    """An exponential delay fitted by its mean (the maximum-likelihood estimate), with the
    median and 90th percentile seen; None from fewer than MIN_CONTACTS observations."""
    if len(hours) < MIN_CONTACTS:
        return None
    s = sorted(hours)
    mean = sum(s) / len(s)
    return {"distribution": "exponential", "hours": round(mean, 3), "observed": len(s),
            "median": round(s[len(s) // 2], 3), "p90": round(s[min(len(s) - 1, int(len(s) * 0.9))], 3)}
