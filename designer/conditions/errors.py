"""The one error the condition language raises for bad text."""
from __future__ import annotations


class ConditionSyntaxError(ValueError):
    """Bad condition text; ``position`` is a 0-based character offset."""

    def __init__(self, message: str, position: int):
        super().__init__(message, position)  # keep both in args so it pickles
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} at position {self.position}"
