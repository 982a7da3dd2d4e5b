"""Journeys as code: a semantic diff, applying it, and a three-way merge of blueprints.

No Qt here: the CLI (``journey diff``/``merge``/``git-setup``), git's drivers
and the window's compare view all use this package.

    changes = diff_blueprints(a, b)            # list[Change], layout left out
    entries = describe(changes, to_data(a), to_data(b))  # for a reader
    merged, conflicts = merge_blueprints(base, ours, theirs)
"""

from __future__ import annotations

from .changes import ApplyError, Change, apply_data, diff_data, edge_key
from .describe import Entry, describe, render_text
from .merge import Conflict, MergeResult, merge_blueprints, merge_data


def diff_blueprints(a, b, include_layout: bool = False, workflow: str | None = None) -> list[Change]:
    """The changes from blueprint ``a`` to ``b`` (optionally only one workflow's)."""
    from designer.fileformat import to_data

    return diff_in_data(to_data(a), to_data(b), include_layout, workflow)


def diff_in_data(a: dict, b: dict, include_layout: bool = False, workflow: str | None = None) -> list[Change]:
    changes = diff_data(a, b, include_layout)
    if workflow is not None:
        changes = [c for c in changes if c.path[:2] == ("workflows", workflow)]
    return changes


def apply_changes(blueprint, changes: list[Change]):
    """``blueprint`` with ``changes`` applied (raises ApplyError, FileFormatError)."""
    from designer.fileformat import from_data, to_data

    return from_data(apply_data(to_data(blueprint), changes))


__all__ = [
    "ApplyError", "Change", "Conflict", "Entry", "MergeResult", "apply_changes", "apply_data", "describe",
    "diff_blueprints", "diff_data", "diff_in_data", "edge_key", "merge_blueprints", "merge_data", "render_text",
]
