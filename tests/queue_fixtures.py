"""A lifecycle programme of thirteen workflows with known build-queue fields.

Scores ((value + impact) x confidence / effort) and the documented order::

    subject 18 (value 4), webinar 18 (value 3), winback 14, second 13.5,
    vip 10.5 (value 3), referral 10.5 (value 2), nurture 9, launch 8 (value 4),
    leads 8 (value 3), churn 3.5, tradeshow 2; then welcome (live), newsletter (retired)
"""

from __future__ import annotations

from datetime import date

from designer.blueprint import Blueprint, Edge, ExperimentPlan, Node, QueueEntry
from designer.examples import welcome_workflow

EXPECTED_ORDER = [
    "subject", "webinar", "winback", "second", "vip", "referral", "nurture", "launch", "leads", "churn",
    "tradeshow", "welcome", "newsletter",
]

# id, name, from, to, category, status, value, impact, effort, confidence, extra queue fields
ROWS = [
    ("welcome", "Welcome series", "prospect", "customer", "improve", "live", 4, 4, 2, 4, {"owner": "Mia"}),
    ("subject", "Subject-line test: welcome email", "prospect", "customer", "experiment", "planned", 4, 2, 1, 3,
     {"owner": "Mia", "experiment": ExperimentPlan(
         hypothesis="A first-name subject line lifts first orders", baseline_rate=0.10,
         minimum_detectable_effect=0.02, weekly_entries=900)}),
    ("nurture", "Nurture to first purchase", "prospect", "customer", "new", "planned", 5, 4, 3, 3,
     {"owner": "Leo", "target_date": date(2025, 9, 30), "notes": "A dozen emails, pushes and SMS over six weeks."}),
    ("leads", "Lead scoring nurture", "stranger", "prospect", "new", "planned", 3, 5, 3, 3, {}),
    ("webinar", "Webinar follow-up test", "stranger", "prospect", "experiment", "idea", 3, 3, 1, 3,
     {"experiment": ExperimentPlan(hypothesis="A recording link beats a recap", baseline_rate=0.20,
                                   minimum_detectable_effect=0.05)}),
    ("tradeshow", "Trade-show journey", "stranger", "prospect", "new", "idea", 2, 3, 5, 2, {}),
    ("second", "Second purchase journey", "customer", "repeat_customer", "new", "idea", 4, 5, 2, 3, {}),
    ("winback", "Win back lapsed members (coupon)", "customer", "repeat_customer", "improve", "building",
     4, 3, 2, 4, {"owner": "Ana"}),
    ("churn", "Churn-risk recall", "repeat_customer", "repeat_customer", "new", "idea", 3, 4, 4, 2, {}),
    ("vip", "VIP early access", "repeat_customer", "promoter", "new", "idea", 3, 4, 2, 3, {}),
    ("referral", "Referral programme", "promoter", "promoter", "new", "planned", 2, 5, 2, 3, {}),
    ("launch", "Launch seed audience", None, None, "new", "idea", 4, 4, 3, 3, {}),
    ("newsletter", "Monthly newsletter", "customer", None, "improve", "retired", 2, 1, 1, 2, {}),
]


def _with_experiment_node(wf) -> None:
    """Swap the welcome journey's condition for an A/B test with a 10% holdout."""
    n4 = wf.node("n4")
    node = Node(id="n4", kind="branch.experiment", title="Subject line A/B", position=n4.position,
                settings={"name": "Subject line test", "holdout_percent": 10})
    wf.nodes = [node if n.id == "n4" else n for n in wf.nodes]
    wf.edges = [e for e in wf.edges if e.source != "n4"] + [
        Edge(source="n4", source_port="control", target="n5"),
        Edge(source="n4", source_port="variant_b", target="n6"),
        Edge(source="n4", source_port="holdout", target="n9"),
    ]


def programme() -> Blueprint:
    workflows = []
    for wf_id, name, src, dst, cat, status, v, i, e, c, extra in ROWS:
        wf = welcome_workflow(wf_id)
        wf.name, wf.from_stage, wf.to_stage = name, src, dst
        wf.queue = QueueEntry(category=cat, status=status, value_now=v, long_term_impact=i, effort=e,
                              confidence=c, **extra)
        if wf_id == "subject":
            _with_experiment_node(wf)
        workflows.append(wf)
    return Blueprint(name="Acme Coffee lifecycle programme", variables={"brand": "Acme Coffee"}, workflows=workflows)
