"""The one error the condition language raises for bad text."""
from __future__ import annotations

from designer.textsyntax import TextSyntaxError


class ConditionSyntaxError(TextSyntaxError):
    """Bad condition text; ``position`` is a 0-based character offset."""
