"""Rates with their evidence: a count, the contacts (or messages) it is out of, and the
Wilson score interval. A rate from fewer than :data:`MIN_CONTACTS` is not reported."""

from __future__ import annotations

import math
from statistics import NormalDist
from typing import Any

MIN_CONTACTS = 30
LEVEL = 0.95

# User-visible text of this module, in one place (for message codes and translation).
MESSAGES = {
    "too_few": "not reported: fewer than {min} {what} ({n})",
}


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


def rate(k: int, n: int, what: str = "contacts") -> dict[str, Any]:
    """``{"count", "of", "rate", "low", "high"}``; rate/low/high None and a ``note`` when n is too small."""
    out: dict[str, Any] = {"count": int(k), "of": int(n)}
    if n < MIN_CONTACTS:
        out.update(rate=None, low=None, high=None, note=MESSAGES["too_few"].format(min=MIN_CONTACTS, what=what, n=n))
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
