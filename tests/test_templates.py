"""The SOP template library: every template in both languages validates clean and
dry-runs plausibly on the sample contacts; parameters are typed and checked."""

from __future__ import annotations

import json
from html import escape

import pytest

from designer.blueprint import Blueprint
from designer.nodes import get_kind
from designer.runtime.dryrun.forecast import run_forecast
from designer.templates.library import builtin_dir, instantiate, load_library, read_template
from designer.templates.params import Parameter, ParameterError, parse_assignments, substitute
from designer.templates.runbook import runbook
from designer.templates.runbook_render import to_html, to_markdown
from designer.validation import validate

LIBRARY = load_library()
IDS = LIBRARY.names()
SCENARIOS = ["welcome", "nurture-first-purchase", "repeat-purchase", "win-back", "churn-risk-recall", "lead-scoring",
             "webinar-follow-up", "trade-show", "abandoned-cart", "browse-abandonment", "birthday",
             "vip-early-access", "referral", "subscription-renewal", "new-product-seed", "re-permission"]


def test_library_covers_every_scenario_and_reads_cleanly():
    assert LIBRARY.problems == []
    assert sorted(IDS) == sorted(SCENARIOS)
    for entry in LIBRARY.entries:
        assert set(entry.template.text) == {"en", "zh"}, entry.template.id
        assert entry.template.parameters, entry.template.id


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("name", IDS)
def test_template_validates_and_dry_runs(name, lang):
    template = LIBRARY.get(name).template
    workflow = instantiate(template, lang)
    blueprint = Blueprint(name="t", variables={"brand": "Acme"}, workflows=[workflow])
    problems = validate(blueprint)
    assert not [p for p in problems if p.severity == "error"], problems
    assert {p.code for p in problems} <= set(template.expected_warnings), problems

    report = run_forecast(blueprint, "sample")
    wf = report["workflows"][0]
    assert wf["enrolled"] > 0
    entered = {n["id"]: n["entered"] for n in wf["nodes"]}
    messages = [n.id for n in workflow.nodes if (k := get_kind(n.kind)) and k.channel]
    assert messages and all(entered[m] > 0 for m in messages), entered
    low, high = template.conversion_range
    assert low <= wf["goal"]["rate"] <= high, (wf["goal"], template.conversion_range)

    book = runbook(blueprint, workflow, report)  # the hand-over document, in the same language
    assert book["steps"][0]["id"] == workflow.nodes[0].id and len(book["steps"]) == len(workflow.nodes)
    assert book["forecast"]["enrolled"] == wf["enrolled"]
    markdown, html = to_markdown(book, lang, b"png"), to_html(book, lang, b"png")
    heading = "旅程执行手册" if lang == "zh" else "Journey runbook"
    for text, title in ((markdown, workflow.name), (html, escape(workflow.name))):
        assert heading in text and title in text and "data:image/png;base64," in text
    first_copy = next(iter(book["steps"][1]["copy"].values()), "") or workflow.name
    assert first_copy.splitlines()[0] in markdown


def test_chinese_copy_is_chinese_and_parameters_fill_in():
    wf = instantiate(LIBRARY.get("win-back").template, "zh", {"coupon_value": "35"})
    assert wf.name == "沉睡会员唤醒（优惠券召回）"
    email = next(n for n in wf.nodes if n.kind == "send.email")
    assert "35 元" in email.settings["subject"] and "{{first_name" in email.settings["subject"]
    assert "目标" in wf.queue.notes and wf.queue.category == "new"


def test_choice_parameter_switches_the_channel_kind():
    template = LIBRARY.get("welcome").template
    kinds = {instantiate(template, "en", {"reminder_channel": c}).node("nudge").kind for c in ("sms", "push", "wechat")}
    assert kinds == {"send.sms", "send.push", "send.wechat"}
    wf = instantiate(template, "en", {"wait_days": 5})
    assert wf.node("wait").settings["amount"] == 5 and wf.node("wait").title == "Wait 5 day(s)"


@pytest.mark.parametrize(
    "given, words",
    [
        ({"reminder_channel": "fax"}, ["reminder_channel", "one of: sms, push, wechat"]),
        ({"wait_days": "0"}, ["wait_days", "from 1 to 14"]),
        ({"wait_days": "two"}, ["wait_days", "whole number"]),
        ({"signup_event": "no spaces"}, ["signup_event", "event name"]),
        ({"colour": "red"}, ["unknown parameter 'colour'", "wait_days"]),
    ],
)
def test_bad_parameter_names_it_and_what_is_allowed(given, words):
    with pytest.raises(ParameterError) as err:
        instantiate(LIBRARY.get("welcome").template, "en", given)
    assert all(w in str(err.value) for w in words), str(err.value)


def test_substitution_runs_nothing_and_leaves_runtime_placeholders():
    values = {"n": 3, "name": "{{__import__('os')}}"}
    out = substitute({"a": {"$param": "n"}, "b": "x {{param.name}} {{first_name}}", "c": ["{{ param.n }}"]}, values, {})
    assert out == {"a": 3, "b": "x {{__import__('os')}} {{first_name}}", "c": ["3"]}
    with pytest.raises(KeyError):
        substitute({"$param": "missing"}, values, {})
    assert parse_assignments(["a=1", "b=x=y"]) == {"a": "1", "b": "x=y"}
    with pytest.raises(ParameterError):
        parse_assignments(["novalue"])
    assert Parameter(name="on", type="bool", default="yes").default is True


def test_a_broken_user_template_is_reported_not_fatal(tmp_path):
    (tmp_path / "bad.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "twice.json").write_text('{"id": "a", "id": "b"}', encoding="utf-8")
    data = json.loads(next(builtin_dir().glob("*welcome.json")).read_text(encoding="utf-8"))
    data["workflow"]["nodes"][0]["settings"]["event"] = {"$param": "undeclared"}
    (tmp_path / "undeclared.json").write_text(json.dumps(data), encoding="utf-8")
    library = load_library(tmp_path)
    bad, twice, undeclared = library.problems  # in file-name order
    assert "bad.json" in bad and "twice.json" in twice and "appears twice" in twice
    assert "uses undeclared parameter(s) undeclared" in undeclared
    assert sorted(library.names()) == sorted(IDS)
    with pytest.raises(ValueError):
        read_template(tmp_path / "bad.json")


def test_filters():
    assert {e.template.id for e in LIBRARY.find(stage="promoter")} == {"vip-early-access", "referral",
                                                                        "new-product-seed"}
    assert "trade-show" in {e.template.id for e in LIBRARY.find(channel="wechat")}
    assert all("sales_task" in e.template.channels() for e in LIBRARY.find(channel="sales_task"))
    assert len(LIBRARY.find(lang="zh_CN")) == 16


def test_any_workflow_saves_as_a_template_that_reads_back(tmp_path):
    from designer.examples import welcome_workflow
    from designer.templates.authoring import candidate_settings, template_from_workflow

    wf = welcome_workflow()
    found = {(c.node_id, c.field): c for c in candidate_settings(wf)}
    assert found[("n3", "unit")].type == "choice" and "hours" in found[("n3", "unit")].choices
    assert found[("n3", "amount")].max == 3650 and found[("n1", "event")].type == "event"
    data = template_from_workflow(wf, {("n3", "amount"): ("wait_days", "Days to wait"),
                                       ("n1", "event"): ("signup_event", "Sign-up event")}, "ours", "zh", "我们的欢迎旅程")
    (tmp_path / "ours.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    template = read_template(tmp_path / "ours.json")
    made = instantiate(template, "zh", {"wait_days": "5", "signup_event": "registered"})
    assert made.name == "我们的欢迎旅程" and made.node("n3").settings["amount"] == 5
    assert made.node("n1").settings["event"] == "registered" and made.edges == wf.edges
    with pytest.raises(ParameterError, match="wait_days.*to 3650"):
        instantiate(template, "zh", {"wait_days": "99999"})
