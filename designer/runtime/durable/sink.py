"""The durable engine's Sink: effects on claimed enrolments, buffered and written
in the claiming transaction (so a step and its message commit together or not at all).

The send-time rules (consent and address, quiet hours, frequency caps with
channel priority) are :mod:`.rules.sending`'s, shared with the dry-run; this
sink reads what they need from the claimed records and the outbox.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Sequence

import numpy as np
from sqlalchemy import bindparam, func, select, update
from sqlalchemy.engine import Connection

from designer.nodes import channel_kind
from designer.nodes.behaviour import Effect, Send, SetStage, Update
from designer.templating import TemplateRenderError, names_of, render

from ..interpreter import CompiledNode, CompiledWorkflow, Hold
from ..rules.sending import cap_text, channel_rank, over_caps, quiet_until, send_order
from . import dialect
from .frames import DbFrame, EventCounter, template_values
from .store import dumps
from .tables import Contact, NodeCount, Outbox, Step

QUIET = "quiet hours"
STEP_COLUMNS = ("enrolment_id", "contact_id", "workflow_id", "node_id", "port", "at", "what", "detail")
WHAT, DETAIL = STEP_COLUMNS.index("what"), STEP_COLUMNS.index("detail")
CHANGEABLE = ("stage", "score", "tags", "attributes", "updated_at")  # what journeys change on a contact (flush writes these)


def message_key(workflow_id: str, contact_id: str, seq: int, node_id: str) -> str:
    """The idempotency key: one message per node per pass of a contact (journeys are acyclic)."""
    return hashlib.sha256(f"{workflow_id}\x1f{contact_id}\x1f{seq}\x1f{node_id}".encode()).hexdigest()[:32]


class DbSink:
    def __init__(self, cw: CompiledWorkflow, enrolments: list[dict], records: list[dict], counter: EventCounter,
                 now: float) -> None:
        self.cw = cw
        self.now = now
        self.enrolments = enrolments
        self.records = records
        self.counter = counter
        self.variables = cw.blueprint.variables
        self.steps: list[Sequence] = []  # history rows, in STEP_COLUMNS order
        self.sends: list[dict] = []
        self.dirty: set[int] = set()
        self.counts: dict[str, Counter] = defaultdict(Counter)
        self.written: dict = {}  # message texts already rendered in this batch (render_remembered)
        self.uses: dict[str, tuple[str, ...]] = {}  # node id: the names its message texts use
        self.contents: dict[tuple, tuple[str, str]] = {}  # (node id, their values): content and retries as JSON
        self.rerun: list[str | None] = [None] * len(enrolments)  # node a row runs again (quiet hours): entered once
        self.ids = [e["id"] for e in enrolments]
        self.contact_ids = [e["contact_id"] for e in enrolments]

    # --- the Sink protocol -----------------------------------------------------
    def frame(self, rows: np.ndarray) -> DbFrame:
        return DbFrame([self.records[i] for i in rows], self.counter)

    def apply(self, node: CompiledNode, rows: np.ndarray, effect: Effect, now: float) -> Hold | None:
        if isinstance(effect, Send):
            return self._send(node, rows, effect, now)
        rows = rows.tolist()
        self.dirty.update(rows)
        if isinstance(effect, SetStage):
            for i in rows:
                self.records[i]["stage"] = effect.stage
            return None
        if not isinstance(effect, Update):
            return None
        remove, add, delta = effect.remove_tags, effect.add_tags, effect.score_delta
        for i in rows:
            rec = self.records[i]
            tags = [t for t in rec.get("tags") or [] if t not in remove]
            tags += [t for t in add if t not in tags]
            rec["tags"] = tags
            rec["score"] = int(rec.get("score") or 0) + delta
            if effect.set_attributes:
                values = template_values(rec, self.variables)
                attrs = dict(rec.get("attributes") or {})
                for name, text in effect.set_attributes.items():
                    attrs[name] = render(text, values)
                rec["attributes"] = attrs
        return None

    def visit(self, node: CompiledNode, rows: np.ndarray, ports: np.ndarray | str | None) -> None:
        counts = self.counts[node.id]
        rows = rows.tolist()
        if any(self.rerun):  # some rows run a held step again: they entered it once already
            for i in rows:
                if self.rerun[i] == node.id:
                    self.rerun[i] = None
                else:
                    counts["entered"] += 1
        else:
            counts["entered"] += len(rows)
        if ports is not None:
            counts["passed"] += len(rows)
            ids, contacts, workflow, node_id, now = self.ids, self.contact_ids, self.cw.workflow.id, node.id, self.now
            names = [ports] * len(rows) if isinstance(ports, str) else ports.tolist()
            # the hottest loop: rows of history as tuples (a send's step is a list: a cap may change it)
            self.steps += [(ids[i], contacts[i], workflow, node_id, port, now, "passed", "")
                           for i, port in zip(rows, names)]

    # --- helpers for the engine ------------------------------------------------
    def step(self, i: int, node_id: str, what: str, detail: str = "", port: str | None = None, at: float | None = None):
        e = self.enrolments[i]
        self.steps.append((e["id"], e["contact_id"], e["workflow_id"], node_id, port,
                           self.now if at is None else at, what, detail))

    # --- sending ---------------------------------------------------------------
    def _send(self, node: CompiledNode, rows: np.ndarray, effect: Send, now: float) -> Hold | None:
        kind = channel_kind(effect.channel)
        quiet = self.cw.workflow.settings.quiet_hours if effect.is_message else None
        opens = quiet_until(quiet, [self.records[i].get("timezone") for i in rows.tolist()], now)
        held = np.zeros(len(rows), dtype=bool)
        until: list[float] = []
        for k, i in enumerate(rows.tolist()):
            rec, e = self.records[i], self.enrolments[i]
            reason = kind.unreachable(rec) if effect.is_message else None
            if reason is None and opens[k] > now + 1e-6:
                held[k] = True
                until.append(float(opens[k]))
                continue
            payload = "{}"
            if reason is None:
                try:
                    payload = self._payload_json(node, effect, rec)
                except TemplateRenderError as err:
                    reason = f"message could not be written: {err}"
            self.sends.append({
                "row": {"key": message_key(e["workflow_id"], e["contact_id"], e["seq"], node.id),
                        "enrolment_id": e["id"], "workflow_id": e["workflow_id"], "node_id": node.id,
                        "contact_id": e["contact_id"], "channel": effect.channel, "counts_to_cap": effect.is_message,
                        "state": "suppressed" if reason else "pending", "payload": payload,
                        "connector": None, "attempts": 0, "next_attempt": 0.0, "created_at": now,
                        "last_error": reason},
                "i": i,
            })
            key = self.sends[-1]["row"]["key"]
            step = [e["id"], e["contact_id"], e["workflow_id"], node.id, None, self.now,  # a list: a frequency
                    *(("suppressed", reason) if reason else ("queued", f"{effect.channel} message {key[:12]}"))]
            self.steps.append(step)
            self.sends[-1]["step"] = step  # cap may still turn it into 'suppressed'
        if held.any():
            return Hold(held, np.asarray(until, dtype=float), QUIET)
        return None

    def _payload(self, node: CompiledNode, effect: Send, rec: dict) -> dict:
        kind = channel_kind(effect.channel)
        content = kind.write_message(effect.content, template_values(rec, self.variables), self.written)
        return {"to": kind.address(rec), "content": content, "retries": content.get("retries")}

    def _payload_json(self, node: CompiledNode, effect: Send, rec: dict) -> str:
        """``dumps(self._payload(...))``, the outbox row's text. A message's content depends only on
        the values its texts use: contacts of a batch with the same values share one written content
        and its JSON (the payloads then differ only by address)."""
        kind = channel_kind(effect.channel)
        values = template_values(rec, self.variables)
        names = self.uses.get(node.id)
        if names is None:
            names = self.uses[node.id] = tuple(sorted({n for f in kind.template_fields
                                                       if isinstance(effect.content.get(f), str)
                                                       for n in names_of(effect.content[f])}))
        try:
            key = (node.id, tuple((type(v), v) for v in map(values.get, names)))
            written = self.contents.get(key)
        except TypeError:  # a value that cannot be a key (a dict): written for this contact alone
            key, written = None, None
        if written is None:
            content = kind.write_message(effect.content, values, self.written)
            written = (dumps(content), dumps(content.get("retries")))
            if key is not None:
                self.contents[key] = written
        return f'{{"to":{dumps(kind.address(rec))},"content":{written[0]},"retries":{written[1]}}}'

    # --- writing -----------------------------------------------------------------
    def flush(self, conn: Connection, now: float) -> None:
        self._apply_caps(conn, now)
        for s in self.sends:
            if s["row"]["state"] == "suppressed":
                s["step"][WHAT], s["step"][DETAIL] = "suppressed", s["row"]["last_error"]
        if self.sends:
            dialect.executemany(conn, "outbox", lambda: dialect.insert_or_ignore(conn, Outbox, ["key"]),
                                [s["row"] for s in self.sends])
        dialect.insert_rows(conn, Step.__tablename__, STEP_COLUMNS, self.steps)
        if self.dirty:
            rows = []
            tags_text: dict[tuple, str] = {}  # the batch's contacts mostly end with the same tags: encode once
            for i in sorted(self.dirty):  # only what journeys change (row_from_record's encoding)
                rec = self.records[i]
                tags = tuple(rec.get("tags") or ())
                try:
                    text = tags_text.get(tags)
                except TypeError:  # a tag that is not a plain value: encode it as it is
                    tags, text = None, dumps(list(tags))
                if text is None:
                    text = tags_text[tags] = dumps(list(tags))
                attributes = rec.get("attributes")
                rows.append({"b_id": rec["id"], "stage": rec.get("stage"), "score": int(rec.get("score") or 0),
                             "tags": text, "attributes": dumps(dict(attributes)) if attributes else "{}",
                             "updated_at": now})
            dialect.executemany(conn, "contact", lambda: update(Contact).where(Contact.id == bindparam("b_id")), rows)
        add_counts(conn, self.cw.workflow.id, self.counts)

    def _apply_caps(self, conn: Connection, now: float) -> None:
        candidates = [s["row"] for s in self.sends if s["row"]["state"] == "pending" and s["row"]["counts_to_cap"]]
        caps = [(self.cw.workflow.settings.frequency_cap, self.cw.workflow.id, "frequency cap"),
                (self.cw.blueprint.programme_cap, None, "programme frequency cap")]
        caps = [c for c in caps if c[0] is not None]
        if not candidates or not caps:
            return
        contacts = [row["contact_id"] for row in candidates]
        priority = self.cw.workflow.settings.channel_priority
        _, position = send_order(contacts, np.array([channel_rank(priority, row["channel"]) for row in candidates]))
        ids = sorted(set(contacts))
        used = [_sent_counts(conn, ids, now - cap.period_days * 86400, wf) for cap, wf, _ in caps]
        broken = over_caps([np.array([u[c] for c in contacts]) for u in used], [c[0] for c in caps], position)
        for row, b in zip(candidates, broken.tolist()):
            if b >= 0:
                cap, _, label = caps[b]
                row["state"], row["last_error"] = "suppressed", f"{label} {cap_text(cap)}"


def _sent_counts(conn: Connection, ids: list[str], since: float, workflow_id: str | None) -> Counter:
    out: Counter = Counter()
    for start in range(0, len(ids), 900):
        q = (select(Outbox.contact_id, func.count()).where(
            Outbox.contact_id.in_(ids[start:start + 900]), Outbox.counts_to_cap.is_(True),
            Outbox.state != "suppressed", Outbox.created_at > since).group_by(Outbox.contact_id))
        if workflow_id is not None:
            q = q.where(Outbox.workflow_id == workflow_id)
        out.update(dict(conn.execute(q).all()))
    return out


def add_counts(conn: Connection, workflow_id: str, counts: dict[str, Counter]) -> None:
    # In node order: workers updating the same counters take their row locks in one order.
    rows = [{"workflow_id": workflow_id, "node_id": node, "entered": c["entered"], "passed": c["passed"],
             "converted": c["converted"], "exited": c["exited"]} for node, c in sorted(counts.items()) if c]
    if not rows:
        return
    conn.execute(dialect.upsert_adding(conn, NodeCount, ["workflow_id", "node_id"],
                                       ("entered", "passed", "converted", "exited")), rows)
