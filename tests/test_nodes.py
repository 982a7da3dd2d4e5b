"""The node catalogue: every kind's settings, ports, look and behaviour."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np
import pytest
from pydantic import ValidationError

from designer.conditions import RecordFrame
from designer.nodes import REGISTRY, CheckContext, Family, NodeKind, all_kinds, by_family, get_kind
from designer.nodes.base import Settings
from designer.nodes.behaviour import Batch, Finish, Send, SetStage, Update, Wait

ALL = sorted(REGISTRY)
CONTEXT = CheckContext(stages=frozenset({"stranger", "prospect", "customer"}))

# For every kind, one settings value its model must refuse.
BAD_SETTINGS = {
    "stage": {"stage": ""},
    "trigger.event": {"event": "two words"},
    "trigger.segment": {"condition": ""},
    "trigger.schedule": {"time": "25:00"},
    "trigger.manual": {"list_name": ""},
    "wait.delay": {"amount": 0},
    "wait.until": {"start": "9am"},
    "wait.event": {"timeout_unit": "years"},
    "branch.condition": {"condition": ""},
    "branch.attribute": {"cases": []},
    "branch.random": {"branches": [{"id": "a", "label": "A", "weight": 101}]},
    "branch.experiment": {"holdout_percent": 80},
    "send.email": {"subject": "x" * 301},
    "send.sms": {"text": "x" * 1001},
    "send.push": {"deep_link": "x" * 501},
    "send.in_app": {"button_label": "x" * 41},
    "send.wechat": {"template_id": "x" * 121},
    "send.webhook": {"method": "BREW"},
    "send.sales_task": {"due_in_days": 91},
    "data.tag": {"action": "toggle"},
    "data.score": {"delta": 5000},
    "data.attribute": {"attribute": ""},
    "goal": {"label": ""},
    "exit": {"reason": ""},
}


def batch(records: list[dict], now: float = 1_700_000_000.0, seed: int = 1) -> Batch:
    return Batch(RecordFrame(records), now, np.random.default_rng(seed))


def test_catalogue_covers_the_brief():
    families = {f: [k.kind for k in kinds] for f, kinds in by_family().items()}
    assert families[Family.STAGE] == ["stage"]
    assert set(families[Family.TRIGGER]) == {"trigger.event", "trigger.segment", "trigger.schedule", "trigger.manual"}
    assert set(families[Family.WAIT]) == {"wait.delay", "wait.until", "wait.event"}
    assert set(families[Family.BRANCH]) == {"branch.condition", "branch.attribute", "branch.random", "branch.experiment"}
    assert {k.channel for k in all_kinds() if k.family == Family.ACTION} == {
        "email", "sms", "push", "in_app", "wechat", "webhook", "sales_task"}
    assert set(families[Family.DATA]) == {"data.tag", "data.score", "data.attribute"}
    assert set(families[Family.END]) == {"goal", "exit"}
    assert set(BAD_SETTINGS) == set(REGISTRY)


@pytest.mark.parametrize("kind_id", ALL)
def test_defaults_are_valid_and_described(kind_id):
    kind = get_kind(kind_id)
    settings = kind.parse({})
    assert kind.check(settings, CONTEXT) == []
    assert kind.summary(settings).strip()
    assert kind.label and kind.icon and kind.colour.startswith("#")
    for name, field in kind.settings_model.model_fields.items():
        assert field.description, f"{kind_id}.{name} needs a description for the inspector"


@pytest.mark.parametrize("kind_id", ALL)
def test_bad_settings_are_refused(kind_id):
    with pytest.raises(ValidationError):
        get_kind(kind_id).parse(BAD_SETTINGS[kind_id])


@pytest.mark.parametrize("kind_id", ALL)
def test_unknown_setting_is_refused(kind_id):
    with pytest.raises(ValidationError):
        get_kind(kind_id).parse({"no_such_setting": 1})


def test_ports():
    assert [p.id for p in get_kind("wait.event").ports(None)] == ["happened", "timed_out"]
    assert [p.label for p in get_kind("wait.event").ports(None)] == ["Happened", "Timed out"]
    assert [p.id for p in get_kind("branch.condition").ports(None)] == ["yes", "no"]
    attr = get_kind("branch.attribute")
    assert [p.id for p in attr.ports(attr.parse({}))] == ["north", "east", "other"]
    rnd = get_kind("branch.random")
    assert [p.label for p in rnd.ports(rnd.parse({}))] == ["A (50%)", "B (50%)"]
    exp = get_kind("branch.experiment")
    assert [p.id for p in exp.ports(exp.parse({}))] == ["control", "variant_b", "holdout"]
    assert [p.id for p in exp.ports(exp.parse({"holdout_percent": 0}))] == ["control", "variant_b"]
    assert get_kind("goal").ports(None) == [] and get_kind("exit").ports(None) == []
    assert not get_kind("trigger.event").has_input


def test_registry_refuses_duplicates():
    with pytest.raises(ValueError, match="declared twice"):
        class Again(NodeKind):
            kind = "wait.delay"
            family = Family.WAIT
            label = "Again"
            icon = "delay"
            settings_model = Settings


def test_summaries_read_like_the_card():
    assert get_kind("wait.delay").summary(get_kind("wait.delay").parse({"amount": 3})) == "Wait 3 days"
    assert get_kind("wait.delay").summary(get_kind("wait.delay").parse({"amount": 1, "unit": "hours"})) == "Wait 1 hour"
    email = get_kind("send.email")
    assert email.summary(email.parse({})) == "Email: Welcome to {{brand}}"
    assert get_kind("data.score").summary(get_kind("data.score").parse({"delta": -5})) == "Score -5"


# --- behaviour -------------------------------------------------------------

PEOPLE = [
    {"id": "a", "score": 80, "tags": ["vip"], "attributes": {"city": "Shanghai"}, "timezone": "Asia/Shanghai",
     "events": [("email_opened", 1_700_000_000.0 - 3600)]},
    {"id": "b", "score": 10, "tags": [], "attributes": {"city": "Beijing"}, "timezone": "Europe/London", "events": []},
    {"id": "c", "score": 55, "tags": [], "attributes": {"city": "Paris"}, "timezone": "America/New_York", "events": []},
]


def step(kind_id: str, records=PEOPLE, **settings):
    kind = get_kind(kind_id)
    return kind.step(kind.parse(settings), batch(records))


def test_condition_branch_is_per_contact():
    s = step("branch.condition", condition="score >= 50")
    assert s.port.tolist() == ["yes", "no", "yes"]
    s = step("branch.condition", condition='events("email_opened", 1) > 0')
    assert s.port.tolist() == ["yes", "no", "no"]


def test_attribute_split_with_other():
    assert step("branch.attribute", attribute="city").port.tolist() == ["east", "north", "other"]


def test_random_split_follows_weights_and_seed():
    records = [{"id": str(i)} for i in range(10_000)]
    settings = {"branches": [{"id": "a", "label": "A", "weight": 30}, {"id": "b", "label": "B", "weight": 70}]}
    first = step("branch.random", records, **settings).port
    assert abs((first == "a").mean() - 0.30) < 0.02
    assert (step("branch.random", records, **settings).port == first).all()  # same seed, same split


def test_experiment_holdout_share():
    records = [{"id": str(i)} for i in range(20_000)]
    ports = step("branch.experiment", records, holdout_percent=10).port
    assert abs((ports == "holdout").mean() - 0.10) < 0.01
    assert abs((ports == "control").mean() - 0.45) < 0.015


def test_waits():
    s = step("wait.delay", amount=2, unit="days")
    assert isinstance(s.wait, Wait) and s.wait.until == 1_700_000_000.0 + 2 * 86400
    s = step("wait.event", event="purchased", timeout_amount=3)
    assert (s.wait.event, s.wait.event_port, s.wait.timer_port) == ("purchased", "happened", "timed_out")
    assert s.wait.until == 1_700_000_000.0 + 3 * 86400


def test_wait_until_window_uses_each_contacts_time_zone():
    # 2023-11-14 22:13:20 UTC: Shanghai 06:13 (next day), London 22:13, New York 17:13.
    s = step("wait.until", mode="time_window", start="09:00", end="17:00")
    until = [datetime.fromtimestamp(t, UTC) for t in s.wait.until]
    assert until[0] == datetime(2023, 11, 15, 1, 0, tzinfo=UTC)  # 09:00 Shanghai
    assert until[1] == datetime(2023, 11, 15, 9, 0, tzinfo=UTC)  # 09:00 London
    assert until[2] == datetime(2023, 11, 15, 14, 0, tzinfo=UTC)  # 09:00 New York, next day


def test_effects():
    assert step("stage", stage="customer").effect == SetStage("customer")
    assert step("data.tag", action="remove", tag="vip").effect == Update(remove_tags=("vip",))
    assert step("data.score", delta=7).effect == Update(score_delta=7)
    send = step("send.sms").effect
    assert isinstance(send, Send) and send.channel == "sms" and send.is_message and "text" in send.content
    assert not step("send.webhook").effect.is_message
    assert step("goal").finish == Finish(converted=True, reason="Converted")
    assert step("exit", reason="Done").finish == Finish(converted=False, reason="Done")


def test_schedule_next_occurrence():
    sched = get_kind("trigger.schedule")
    after = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)  # a Thursday
    weekly = sched.parse({"mode": "weekly", "weekdays": ["mon", "fri"], "time": "09:00", "timezone": "Asia/Shanghai"})
    assert sched.next_occurrence(weekly, after) == datetime(2026, 1, 2, 1, 0, tzinfo=UTC)
    monthly = sched.parse({"mode": "monthly", "day_of_month": 31, "time": "08:00"})
    assert sched.next_occurrence(monthly, datetime(2026, 2, 1, tzinfo=UTC)).day == 28  # short month
    once = sched.parse({"mode": "once", "at": "2026-03-01T10:00:00"})
    assert sched.next_occurrence(once, after) == datetime(2026, 3, 1, 10, 0, tzinfo=UTC)
    assert sched.next_occurrence(once, datetime(2026, 4, 1, tzinfo=UTC)) is None
    assert [f.field for f in sched.check(sched.parse({"mode": "once"}), CONTEXT)] == ["at"]


def test_time_zone_names_are_checked():
    with pytest.raises(ValidationError, match="unknown time zone"):
        get_kind("trigger.schedule").parse({"timezone": "Mars/Olympus"})
