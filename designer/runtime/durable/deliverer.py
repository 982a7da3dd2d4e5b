"""The deliverer: sends pending outbox rows through their channel's connector.

The engine writes an outbox row in the same transaction as the step that
sends it; this sends it afterwards, so a message is never lost with a crash
and never sent before its step is durable. States:

    pending -> sending -> sent | sandboxed | failed | pending (retry, with backoff)
    sending (claimer died) -> pending (resend) | sent (confirmed) | in_doubt
    suppressed: written so by the engine (consent, address, frequency cap); never sent

Claims and results are separate short transactions: nothing holds the write
lock while a server answers. Each send is stamped (``sending_since``) just
before it starts, not once per batch, and a row left 'sending' by a dead
runner is judged only ``in_doubt_grace_seconds`` after this runner first saw
that its claimer is gone: a relay that writes its delivery log a little late
is still heard. Retry times are on the wall clock (the
connector's servers live in real time), whatever clock the journey runs on.
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections import Counter
from collections.abc import Callable

from sqlalchemy import or_, select, update

from ..channels import Connector, Message, Outcome, Sandbox
from ..channels.config import Config, ConfigError, Secrets
from ..channels.smtp import SmtpConnector
from ..channels.webhook import WebhookConnector
from . import dialect
from .clock import Clock
from .store import Store, StoreBusy, loads, owner_id
from .tables import Outbox


class Deliverer:
    def __init__(self, store: Store, clock: Clock, config: Config | None = None, secrets: Secrets | None = None,
                 wall: Callable[[], float] = time.time) -> None:
        self.store = store
        self.clock = clock
        self.config = config or Config()
        self.secrets = secrets or Secrets({}, {})
        self.wall = wall
        self.owner = owner_id()
        self._connectors: dict[str, Connector] = {}
        self._gone_since: dict[tuple, float] = {}  # (row, claimer, stamp) -> when we first saw the claimer gone
        for channel, cc in self.config.channels.items():
            if cc.connector == "smtp" and channel != "email":
                raise ConfigError(f"channel {channel}: the smtp connector only sends email")
            if cc.connector == "webhook" and channel != "webhook" and not cc.url:
                raise ConfigError(f"channel {channel}: the webhook connector needs a url")

    def connector(self, channel: str) -> Connector:
        if channel not in self._connectors:
            cc = self.config.channel(channel)
            if cc.connector == "smtp":
                self._connectors[channel] = SmtpConnector(cc, self.secrets)
            elif cc.connector == "webhook":
                self._connectors[channel] = WebhookConnector(channel, cc, self.secrets)
            else:
                self._connectors[channel] = Sandbox()
        return self._connectors[channel]

    def close(self) -> None:
        for c in self._connectors.values():
            c.close()

    # --- sending ---------------------------------------------------------------
    def deliver(self, limit: int | None = None, stop: threading.Event | None = None) -> Counter:
        """Send what is due now; returns counts by resulting state."""
        done: Counter = Counter()
        claimed = self._claim(limit or self.config.delivery.batch, done)
        for row in claimed:
            if stop is not None and stop.is_set():
                self._release(row)  # not sent: back to pending, untouched
                continue
            if not self._stamp(row):
                continue  # no longer ours (a lease ran out and another runner judged it)
            msg = Message(row.key, row.channel, row.contact_id, loads(row.payload, {}), row.attempts + 1)
            outcome = self.connector(row.channel).send(msg)
            done[self._record(row, msg, outcome)] += 1
        return done

    def _claim(self, limit: int, done: Counter) -> list:
        wall, now = self.wall(), self.clock.now()
        with self.store.write() as conn:
            rows = conn.execute(dialect.claim(conn,  # PostgreSQL: rows another worker claims are skipped
                select(Outbox).where(Outbox.state == "pending", Outbox.next_attempt <= wall)
                .order_by(Outbox.next_attempt, Outbox.id).limit(limit)
            )).all()
            local = [r.id for r in rows if self.connector(r.channel).name == "sandbox"]
            if local:
                conn.execute(update(Outbox).where(Outbox.id.in_(local)).values(
                    state="sandboxed", connector="sandbox", attempts=Outbox.attempts + 1, sent_at=now))
                done["sandboxed"] += len(local)
            local_ids = set(local)
            remote = [r for r in rows if r.id not in local_ids]
            for r in remote:  # mark before sending: a crash from here on leaves a trace
                conn.execute(update(Outbox).where(Outbox.id == r.id).values(
                    state="sending", connector=self.connector(r.channel).name, attempts=Outbox.attempts + 1,
                    sending_since=wall, owner=self.owner))
        return remote

    def _stamp(self, row) -> bool:
        """Mark the moment this row's send starts (recovery measures from it)."""
        result = self._write(update(Outbox).where(
            Outbox.id == row.id, Outbox.state == "sending", Outbox.owner == self.owner).values(
            sending_since=self.wall()))
        return result.rowcount > 0

    def _write(self, statement, attempts: int = 120):
        """One short write for a row this runner holds: on a busy database, wait and try again
        (giving up would leave the row 'sending' under a live owner until its lease runs out)."""
        for attempt in range(attempts):
            try:
                with self.store.write() as conn:
                    return conn.execute(statement)
            except StoreBusy:
                if attempt == attempts - 1:
                    raise
        return None

    def _release(self, row) -> None:
        self._write(update(Outbox).where(Outbox.id == row.id, Outbox.state == "sending").values(
            state="pending", attempts=Outbox.attempts - 1, sending_since=None, owner=None))

    def _record(self, row, msg: Message, outcome: Outcome) -> str:
        attempts = row.attempts + 1
        values: dict = {"sending_since": None, "owner": None, "response": outcome.response}
        if outcome.result == "sent":  # last_error keeps the failure of an earlier attempt, if any
            values.update(state="sent", sent_at=self.clock.now(), response=f"{outcome.response} (attempt {attempts})")
        elif outcome.result == "retry" and attempts <= self._retries(row, msg):
            values.update(state="pending", next_attempt=self.wall() + self._backoff(attempts),
                          last_error=f"attempt {attempts}: {outcome.error}")
        else:
            reason = outcome.error if outcome.result == "failed" else f"gave up after {attempts} attempts: {outcome.error}"
            values.update(state="failed", last_error=reason)
        self._write(update(Outbox).where(Outbox.id == row.id, Outbox.state == "sending",  # only while still ours
                                         Outbox.owner == self.owner).values(**values))
        return values["state"]

    def _retries(self, row, msg: Message) -> int:
        given = msg.payload.get("retries")
        return int(given) if given is not None else self.config.channel(row.channel).retries

    def _backoff(self, attempts: int) -> float:
        d = self.config.delivery
        return min(d.max_backoff_seconds, d.backoff_seconds * 2 ** (attempts - 1))

    # --- after a crash ---------------------------------------------------------
    def recover(self) -> Counter:
        """Judge rows left 'sending' by a process that is gone (or a claim past its lease)."""
        d, wall = self.config.delivery, self.wall()
        done: Counter = Counter()
        with self.store.read() as conn:
            rows = conn.execute(select(Outbox).where(
                Outbox.state == "sending", or_(Outbox.owner.is_(None), Outbox.owner != self.owner))).all()
        seen = set()
        for row in rows:
            if not (_claimer_gone(row.owner) or (row.sending_since or 0.0) < wall - d.lease_seconds):
                continue
            # The grace runs from when we could first know the claimer is gone, not from its stamp:
            # the claimer may have died long after it stamped the send.
            key = (row.id, row.owner, row.sending_since)
            seen.add(key)
            if wall - self._gone_since.setdefault(key, wall) < d.in_doubt_grace_seconds:
                continue
            msg = Message(row.key, row.channel, row.contact_id, loads(row.payload, {}), row.attempts)
            verdict = self.connector(row.channel).recover(msg)
            values: dict = {"sending_since": None, "owner": None}
            if verdict == "resend":
                values.update(state="pending", next_attempt=wall)
            elif verdict == "sent":
                values.update(state="sent", sent_at=self.clock.now(), response="confirmed by the delivery log")
            else:
                values.update(state="in_doubt", last_error=(
                    "the sender stopped mid-send and SMTP cannot tell whether it arrived; "
                    "check the mail log, then 'journey outbox --retry KEY' to send it again"))
            with self.store.write() as conn:  # only if nobody judged it meanwhile
                conn.execute(update(Outbox).where(Outbox.id == row.id, Outbox.state == "sending",
                                                  Outbox.owner == row.owner,
                                                  Outbox.sending_since == row.sending_since).values(**values))
            done[values["state"]] += 1
        self._gone_since = {k: v for k, v in self._gone_since.items() if k in seen}
        return done

    def next_due(self) -> float | None:
        """Wall time of the next pending attempt, if any."""
        with self.store.read() as conn:
            return conn.execute(select(Outbox.next_attempt).where(Outbox.state == "pending")
                                .order_by(Outbox.next_attempt).limit(1)).scalar()


def _claimer_gone(owner: str | None) -> bool:
    if not owner:
        return True
    host, _, pid = owner.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False  # another machine: only the lease can tell
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return int(pid) != os.getpid() and _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return False


def retry(store: Store, key: str) -> bool:
    """Put a failed or in-doubt message back in the queue (the user's decision, after checking)."""
    with store.write() as conn:
        result = conn.execute(update(Outbox).where(Outbox.key == key, Outbox.state.in_(("failed", "in_doubt")))
                              .values(state="pending", next_attempt=0.0, attempts=0, last_error=None))
    return result.rowcount > 0
