"""Auto-layout (no Qt): left to right in layers, no overlaps, loops and pieces handled."""

from __future__ import annotations

from designer.examples import welcome_workflow
from designer.layout import LAYER_GAP, auto_layout, default_height

from .builders import node, workflow


def overlaps(positions, heights) -> bool:
    items = [(x, y, y + heights[n]) for n, (x, y) in positions.items()]
    for i, (x1, top1, bottom1) in enumerate(items):
        for x2, top2, bottom2 in items[i + 1:]:
            if x1 == x2 and top1 < bottom2 and top2 < bottom1:
                return True
    return False


def test_every_wire_goes_left_to_right():
    wf = welcome_workflow()
    pos = auto_layout(wf)
    assert set(pos) == {n.id for n in wf.nodes}
    for e in wf.edges:
        assert pos[e.target][0] - pos[e.source][0] >= LAYER_GAP
    heights = {n.id: default_height(2 if n.kind in ("branch.condition", "wait.event") else 1) for n in wf.nodes}
    assert not overlaps(pos, heights)


def test_branches_keep_their_ports_order():
    wf = welcome_workflow()
    pos = auto_layout(wf)
    assert pos["n5"][1] < pos["n6"][1]  # "yes" above "no"
    assert pos["n8"][1] < pos["n9"][1]  # "happened" above "timed out"


def test_a_chain_lines_up():
    wf = workflow([node("a", "trigger.event"), node("b", "send.email"), node("c", "exit")],
                  [("a", "next", "b"), ("b", "next", "c")])
    pos = auto_layout(wf)
    assert pos["a"][1] == pos["b"][1] == pos["c"][1]
    assert pos["a"][0] < pos["b"][0] < pos["c"][0]


def test_loops_and_separate_pieces():
    wf = workflow(
        [node("a", "trigger.event"), node("b", "send.email"), node("c", "wait.delay"),
         node("x", "trigger.manual"), node("y", "exit")],
        [("a", "next", "b"), ("b", "next", "c"), ("c", "next", "b"), ("x", "next", "y")],
    )
    pos = auto_layout(wf)
    assert pos["a"][0] < pos["b"][0] < pos["c"][0]  # the loop is broken where it closes
    main_bottom = max(pos[n][1] for n in "abc") + 60
    assert min(pos["x"][1], pos["y"][1]) >= main_bottom  # the second piece sits below the first


def test_only_the_chosen_nodes_move_and_keep_their_corner():
    wf = welcome_workflow()
    pos = auto_layout(wf, only=["n5", "n6", "n7"])
    assert set(pos) == {"n5", "n6", "n7"}
    assert min(x for x, _ in pos.values()) == 1120


def test_empty_workflow():
    assert auto_layout(workflow([], [])) == {}


def test_a_branch_wire_that_skips_layers():
    # "yes" jumps straight to the tag that the "no" path reaches two steps later:
    # ordering a layer must know where the steps of every earlier layer are.
    wf = workflow([node("t", "trigger.event"), node("b", "branch.condition"), node("e", "send.email"),
                   node("w", "wait.delay"), node("tag", "data.tag"), node("x", "exit")],
                  [("t", "next", "b"), ("b", "yes", "tag"), ("b", "no", "e"), ("e", "next", "w"),
                   ("w", "next", "tag"), ("tag", "next", "x")])
    pos = auto_layout(wf)
    for s, _, t in [("t", "", "b"), ("b", "", "tag"), ("b", "", "e"), ("e", "", "w"), ("w", "", "tag")]:
        assert pos[t][0] > pos[s][0]
