"""The English text of ``journey diff`` and ``journey merge`` (designer/diff/), by code; part of
:data:`designer.i18n.messages.MESSAGES`. Codes are stable (``--json`` prints them as ``message_id``).
A change's line is ``SYMBOL TEXT`` (+ added, - removed, ~ changed); the symbol is not translated."""

from __future__ import annotations

from . import N_, NP_

DIFF_MESSAGES: dict[str, str | tuple[str, str]] = {
    # --- one change -----------------------------------------------------------------------
    "diff.field-added": N_("{label}: {new}"),
    "diff.field-removed": N_("{label} (was {old})"),
    "diff.field-changed": N_("{label}: {old} -> {new}"),
    "diff.variable-added": N_("variable {name} = {new}"),
    "diff.variable-removed": N_("variable {name} (was {old})"),
    "diff.variable-changed": N_("variable {name}: {old} -> {new}"),
    "diff.order": N_("order of {what} changed"),
    "diff.order-nodes": N_("order of steps in the file changed"),
    "diff.order-edges": N_("order of wires in the file changed"),
    "diff.order-notes": N_("order of sticky notes in the file changed"),
    "diff.order-in-file": N_("order of {what} in the file changed"),
    "diff.workflow": NP_("workflow {id} \"{name}\" ({count} step)", "workflow {id} \"{name}\" ({count} steps)"),
    "diff.renamed": N_("renamed {old} -> {new}"),
    "diff.step": N_("step {step}"),
    "diff.step-name": N_("{id} \"{title}\" ({kind})"),
    "diff.step-name-untitled": N_("{id} ({kind})"),
    "diff.step-moved": N_("step {step}: moved {old} -> {new}"),
    "diff.step-field": N_("step {step}: {change}"),
    "diff.wire": N_("wire {source} [{port}] -> {target}"),
    "diff.stage": N_("stage {id}"),
    "diff.note": N_("note {id}"),
    "diff.thing": N_("{name} {words}"),
    "diff.thing-field": N_("{name}: {change}"),
    # --- the report ---------------------------------------------------------------------------
    "diff.none": N_("{a} and {b}: no differences"),
    "diff.head": NP_("{a} -> {b}: {count} change", "{a} -> {b}: {count} changes"),
    "diff.blueprint": N_("Blueprint \"{name}\""),
    "diff.workflow-head": N_("Workflow {id} \"{name}\""),
    # --- a merge's conflicts (journey merge; the reason codes are stable) -----------------------
    "conflict.head": NP_("{count} conflict merging {ours} (ours) and {theirs} (theirs) from {base} (base)",
                         "{count} conflicts merging {ours} (ours) and {theirs} (theirs) from {base} (base)"),
    "conflict.line": N_("CONFLICT ({reason}) {where}: {why}"),
    "conflict.both-changed": N_("changed on both sides"),
    "conflict.deleted-and-changed": N_("deleted on one side, changed on the other"),
    "conflict.wire-to-deleted-step": N_("a wire to a step the other side deleted"),
    "conflict.not-a-blueprint": N_("the merged file would not be a valid blueprint"),
    "conflict.new-problem": N_("the merged journey has an error neither side had"),
    "conflict.wire-detail": N_("the wire {wire} leads to step {step}, which the other side deleted"),
    "conflict.invalid": N_("the merged file is not valid: {reason}"),
    "conflict.invalid-at": N_("the merged file is not valid: {reason} at {where}"),
    "conflict.problem": N_("{code}: {problem}"),
    "conflict.the-blueprint": N_("the blueprint"),
    "conflict.workflow": N_("workflow {id}"),
    "conflict.wire": N_("wire {key}"),
    "conflict.sep": N_(": "),
    "conflict.side": N_("{name}:"),
    "conflict.side-base": N_("base"),
    "conflict.side-ours": N_("ours"),
    "conflict.side-theirs": N_("theirs"),
    "conflict.not-there": N_("(not there)"),
    "conflict.foot": N_("The merged file keeps our side where there is a conflict; edit it, then mark it resolved."),
}
