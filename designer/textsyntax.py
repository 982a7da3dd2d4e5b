"""The error both small languages (conditions, message templates) raise for bad text."""

from __future__ import annotations


class TextSyntaxError(ValueError):
    """Bad text; ``position`` is a 0-based character offset, so editors can point at it."""

    def __init__(self, message: str, position: int):
        super().__init__(message, position)  # keep both in args so it pickles
        self.message = message
        self.position = position

    def __str__(self) -> str:
        return f"{self.message} at position {self.position}"
