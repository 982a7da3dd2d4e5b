"""The event log's counts (conditions such as "opened the welcome email in the last 3 days")
against a plain count, while events keep arriving: the row-sorted part, the events added
since it was sorted, and the re-sorts that merge them must all agree."""

from __future__ import annotations

import numpy as np

from designer.runtime.dryrun.columns import EventLog


def brute(rows_log: np.ndarray, ts_log: np.ndarray, rows: np.ndarray, since: float, until: float) -> np.ndarray:
    hit = rows_log[(ts_log >= since) & (ts_log <= until)]
    return np.array([int(np.count_nonzero(hit == r)) for r in rows.tolist()])


def growing_log(seed: int, n: int, steps: int, most: int):
    """An event log that gets up to ``most`` events more at each step; yields (step, log, rows, times
    of every event so far)."""
    rng = np.random.default_rng(seed)
    log = EventLog(n)
    all_rows, all_ts = np.empty(0, dtype=np.int64), np.empty(0)
    for step in range(steps):
        k = int(rng.integers(0, most))
        rows, ts = rng.integers(0, n, k), rng.uniform(0, 100, k)
        log.add("email_opened", rows, ts)
        all_rows, all_ts = np.concatenate((all_rows, rows)), np.concatenate((all_ts, ts))
        yield step, log, all_rows, all_ts


def test_counts_match_a_plain_count_as_events_arrive():
    rng = np.random.default_rng(7)
    n = 3_000
    for step, log, all_rows, all_ts in growing_log(7, n, 60, 400):
        # A step's batch: few rows (the row-sorted path), some repeated, some with no events.
        asked = rng.integers(0, n, 120)
        since, until = sorted(rng.uniform(0, 100, 2).tolist())
        assert (log.count("email_opened", asked, since, until) == brute(all_rows, all_ts, asked, since, until)).all(), step
    everyone = np.arange(n)  # many rows: the pass over all contacts
    assert (log.count("email_opened", everyone, 10.0, 90.0) == brute(all_rows, all_ts, everyone, 10.0, 90.0)).all()


def test_a_name_never_logged_counts_zero():
    log = EventLog(10)
    assert log.count("clicked", np.array([1, 2]), -np.inf, np.inf).tolist() == [0, 0]


def test_counts_with_each_rows_own_bounds_match_a_plain_count():
    """A span of ticks asks for each contact at its own moment: bounds per row (repeated rows too)."""
    rng = np.random.default_rng(11)
    n = 2_000
    for step, log, all_rows, all_ts in growing_log(11, n, 40, 300):
        asked = rng.integers(0, n, 90 if step % 2 else n)  # a step's batch, and many rows
        until = rng.uniform(0, 100, len(asked))
        since = until - rng.uniform(0, 50, len(asked))
        expected = np.array([brute(all_rows, all_ts, asked[i:i + 1], since[i], until[i])[0] for i in range(len(asked))])
        assert (log.count("email_opened", asked, since, until) == expected).all(), step
        assert (log.count("email_opened", asked, -np.inf, until) == np.array(
            [brute(all_rows, all_ts, asked[i:i + 1], -np.inf, until[i])[0] for i in range(len(asked))])).all(), step
