"""The obvious way to simulate a journey, for comparison: one SimPy process per contact.

Each contact walks the same compiled workflow with the same node kinds, one
contact per step (a batch of one), its responses drawn from the same behaviour
model: consent and address, quiet hours (hold and run again), the workflow's
frequency cap, delivery, opens and clicks, and the purchase event with its
opener/clicker boost, which (being the goal event) ends the contact's pass
wherever it is. It keeps the counts the forecast reports (per step, per
message, per channel and day). Needs ``pip install simpy`` (the ``bench`` extra).
"""

from __future__ import annotations

from collections import Counter, defaultdict

import numpy as np
import simpy
from designer.runtime.dryrun.contacts import ContactStore

from designer.conditions import RecordFrame
from designer.nodes.behaviour import Batch, Send, SetStage, Update
from designer.runtime.dryrun.behaviour_model import BehaviourModel, draw_delay
from designer.runtime.dryrun.simulator import DEFAULT_START
from designer.runtime.interpreter import compile_workflow
from designer.runtime.rules.sending import allowed_at

ADDRESS = {"email": "email", "sms": "phone", "wechat": "wechat_id"}


def _records(store: ContactStore) -> list[dict]:
    """Contacts as dicts (the obvious way keeps one object per contact)."""
    rows = np.arange(store.n)
    zones = store.timezone.values(rows).tolist()
    out = []
    for i in range(store.n):
        rec = {"id": i, "timezone": zones[i], "score": int(store.score[i]), "tags": [], "events": [],
               "consent": {c: bool(v[i]) for c, v in store.consent.items()}}
        for field in ADDRESS.values():
            rec[field] = bool(store.columns[field][i])
        out.append(rec)
    return out


def simulate(blueprint, store: ContactStore, days: int, seed: int = 1) -> dict:
    cw = compile_workflow(blueprint, blueprint.workflows[0])
    model = BehaviourModel(blueprint.simulation, cw.workflow.simulation, frozenset({"signed_up"}))
    rng = np.random.default_rng(seed)
    env = simpy.Environment()
    t0 = DEFAULT_START.timestamp()
    settings = cw.workflow.settings
    counts = {"entered": 0, "delivered": 0, "converted": 0}
    entered: Counter = Counter()
    passed: dict[str, Counter] = defaultdict(Counter)
    messages: dict[str, Counter] = defaultdict(Counter)
    per_day: dict[str, list[int]] = defaultdict(lambda: [0] * days)
    goal = cw.workflow.goal
    window = goal.window_days * 86400 if goal else 0
    arrival = model.event("signed_up")
    purchase = model.event("purchased")
    one = np.zeros(1, dtype=np.int16)

    def send(rec, node_id: str, effect: Send, now: float) -> float | None:
        """None when sent or suppressed; the time to come back when quiet hours hold it."""
        ch = effect.channel
        if effect.is_message:
            if not rec["consent"].get(ch) or not rec.get(ADDRESS.get(ch, "id"), True):
                return None
            qh = settings.quiet_hours
            if qh is not None:
                allowed = allowed_at(now, rec["timezone"], qh.start, qh.end)
                if allowed > now:
                    return allowed
            cap = settings.frequency_cap
            if cap is not None:
                recent = [t for t in rec.setdefault("sent", []) if t > now - cap.period_days * 86400]
                if len(recent) >= cap.max_messages:
                    return None
                rec["sent"].append(now)
        table = model.channel(ch)
        messages[node_id]["attempted"] += 1
        if rng.random() < table.delivery[-1]:
            counts["delivered"] += 1
            messages[node_id]["delivered"] += 1
            per_day[ch][min(days - 1, int((now - t0) // 86400))] += 1
            if rng.random() < table.open[-1]:
                messages[node_id]["opened"] += 1
                opened = now + float(draw_delay(rng, table.open_delay[-1:], one)[0])
                rec["events"].append((f"{ch}_opened", opened))
                rec["opened_at"] = min(rec.get("opened_at", np.inf), opened)
                if rng.random() < table.click[-1]:
                    rec["clicked_at"] = min(rec.get("clicked_at", np.inf), opened + 900)
        return None

    def buyer(rec, bought: simpy.Event, delay: float, u: float):
        yield env.timeout(delay)
        now = t0 + env.now
        boost = purchase.if_clicked[-1] if rec.get("clicked_at", np.inf) <= now else (
            purchase.if_opened[-1] if rec.get("opened_at", np.inf) <= now else 1.0)
        if u < purchase.probability[-1] * boost:
            rec["events"].append(("purchased", now))
            bought.succeed()

    def contact(rec):
        yield env.timeout(float(draw_delay(rng, arrival.delay[-1:], one)[0]))
        counts["entered"] += 1
        bought = env.event()
        env.process(buyer(rec, bought, float(draw_delay(rng, purchase.delay[-1:], one)[0]), rng.random()))
        node_id = cw.entries[0][0]
        start = env.now
        again = False

        def goal_reached() -> bool:  # the goal event ends the pass wherever the contact is
            return bought.triggered and env.now - start <= window

        while True:
            node = cw.nodes[node_id]
            now = t0 + env.now
            if not again:
                entered[node_id] += 1
            again = False
            step = node.kind.step(node.settings, Batch(RecordFrame([rec]), now, rng))
            if isinstance(step.effect, Send):
                back = send(rec, node_id, step.effect, now)
                if back is not None:
                    yield env.timeout(back - now) | bought
                    if goal_reached():
                        counts["converted"] += 1
                        return
                    again = True
                    continue  # run the send again once the window opens
            elif isinstance(step.effect, SetStage):
                rec["stage"] = step.effect.stage
            elif isinstance(step.effect, Update):
                rec["tags"] = [*rec["tags"], *step.effect.add_tags]
                rec["score"] += step.effect.score_delta
            if step.finish is not None:
                counts["converted"] += step.finish.converted
                return
            if step.wait is not None:
                until = float(np.asarray(step.wait.until).reshape(-1)[0])
                timer = env.timeout(max(0.0, until - now))
                if not bought.triggered:
                    yield timer | bought
                    if goal_reached():
                        counts["converted"] += 1
                        return
                else:
                    yield timer
                port = step.wait.timer_port
            else:
                port = str(step.ports_for(1)[0])
            passed[node_id][port] += 1
            node_id = cw.route(node_id, port)
            if node_id is None:
                return

    for rec in _records(store):
        env.process(contact(rec))
    env.run(until=days * 86400)
    counts["passed"] = {node: dict(ports) for node, ports in passed.items()}  # per step and port, as the forecast's nodes
    return counts
