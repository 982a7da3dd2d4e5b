"""Journeys for the forecast-trust tests (issue 18): the trade show with conditional
check-in, and an A/B test with a holdout whose variant B carries an effect."""

from __future__ import annotations

from designer.blueprint import Blueprint
from designer.simulation_model import SimulationModel
from designer.templates.library import instantiate, load_library
from tests.builders import blueprint, node, workflow

REGISTERED = 'events("show_registered") > 0'


def trade_show(conditional: bool = True) -> Blueprint:
    """Half register (within two hours); the show is a week later; 60% of the registered check in."""
    wf = instantiate(load_library().get("trade-show").template, params={"engaged_score": 1000})
    checked_in = {"probability": 0.0 if conditional else 0.6, "if_opened": 1.0, "if_clicked": 1.0,
                  "delay": {"distribution": "uniform", "hours": 190, "min_hours": 180, "max_hours": 200}}
    if conditional:
        checked_in["when"] = [{"condition": REGISTERED, "probability": 0.6}]
    model = SimulationModel.model_validate({"events": {
        "show_registered": {"probability": 0.5, "if_opened": 1.0, "if_clicked": 1.0,
                            "delay": {"distribution": "uniform", "hours": 1, "min_hours": 0, "max_hours": 2}},
        "checked_in": checked_in, "meeting_booked": {"probability": 0.3}}})
    return Blueprint(name="Trade show", workflows=[wf.model_copy(update={"simulation": model})])


def ab_test(effect: dict | None = None, holdout: int = 20) -> Blueprint:
    """Variants A and B (50/50 of what the 20% holdout leaves); purchases 10% for everyone,
    B's email carries ``effect`` (default: +2 points of purchase)."""
    effect = {"events": {"purchased": {"add": 0.02}}} if effect is None else effect
    b = node("b", "send.email", subject="New subject", body="Hi").model_copy(update={"behaviour": effect})
    nodes = [node("t", "trigger.manual", list_name="all"),
             node("x", "branch.experiment", name="Subject line", holdout_percent=holdout,
                  variants=[{"id": "control", "label": "A", "weight": 50}, {"id": "variant_b", "label": "B", "weight": 50}]),
             node("a", "send.email", subject="Old subject", body="Hi"), b,
             node("w", "wait.delay", amount=20, unit="days"), node("end", "exit", reason="done")]
    wires = [("t", "next", "x"), ("x", "control", "a"), ("x", "variant_b", "b"), ("x", "holdout", "w"),
             ("a", "next", "w"), ("b", "next", "w"), ("w", "next", "end")]
    model = SimulationModel.model_validate({"days": 28, "events": {"purchased": {
        "probability": 0.10, "if_opened": 1.0, "if_clicked": 1.0, "delay": {"distribution": "exponential", "hours": 48}}}})
    return blueprint(workflow(nodes, wires), simulation=model)
