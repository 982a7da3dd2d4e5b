"""Clocks the engine runs on: the wall clock, a demo clock N times faster, and a
manual clock that moves only when told (tests, dry-runs).

The engine asks a clock for ``now()`` (epoch seconds) and to ``sleep(s)`` (in
the clock's own seconds). ``sleep`` returns early when ``stop`` is set, so
Ctrl+C or a UI's Stop button ends a run within a fraction of a second.
"""

from __future__ import annotations

import threading
import time
from typing import Protocol

from designer.i18n import Message


class Clock(Protocol):
    def now(self) -> float: ...

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> None: ...


class WallClock:
    def now(self) -> float:
        return time.time()

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> None:
        _wait(max(0.0, seconds), stop)


class DemoClock:
    """Runs ``speed`` times faster than the wall clock, starting at ``start``
    (default: now), so a two-day wait takes 17 s at speed 10,000."""

    def __init__(self, speed: float, start: float | None = None) -> None:
        if speed <= 0:
            raise ValueError("speed must be positive")
        self.speed = speed
        self._wall0 = time.time()
        self._start = self._wall0 if start is None else start

    def now(self) -> float:
        return self._start + (time.time() - self._wall0) * self.speed

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> None:
        _wait(max(0.0, seconds) / self.speed, stop)


class ManualClock:
    """Time stands still until :meth:`advance` or :meth:`set`; ``sleep`` jumps ahead at once."""

    def __init__(self, start: float) -> None:
        self._now = float(start)
        self._lock = threading.Lock()

    def now(self) -> float:
        return self._now

    def set(self, moment: float) -> None:
        with self._lock:
            self._now = float(moment)

    def advance(self, seconds: float) -> float:
        with self._lock:
            self._now += seconds
            return self._now

    def sleep(self, seconds: float, stop: threading.Event | None = None) -> None:
        if seconds > 0 and not (stop and stop.is_set()):
            self.advance(seconds)


def _wait(wall_seconds: float, stop: threading.Event | None) -> None:
    if stop is None:
        time.sleep(wall_seconds)
    else:
        stop.wait(wall_seconds)


def parse_duration(text: str) -> float:
    """'90s', '5m', '2h', '3d', '1w' or plain seconds -> seconds; ValueError otherwise."""
    units = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800}
    raw = text.strip().lower()
    try:
        if raw and raw[-1] in units:
            value = float(raw[:-1]) * units[raw[-1]]
        else:
            value = float(raw)
    except ValueError:
        raise ValueError(Message("clock.not-duration", {"text": text})) from None
    if not value > 0 or value == float("inf"):
        raise ValueError(Message("clock.not-positive", {"text": text}))
    return value
