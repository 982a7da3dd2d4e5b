"""The error both small languages (conditions, message templates) raise for bad text."""

from __future__ import annotations


class TextSyntaxError(ValueError):
    """Bad text; ``position`` is a 0-based character offset, so editors can point at it."""

    def __init__(self, message: str, position: int):
        super().__init__(message, position)  # keep both in args so it pickles
        self.message = message
        self.position = position

    code: str | None = None  # a message code (designer/i18n/messages.py), so the reader sees it in their language
    params: dict = {}

    def coded(self, code: str, **params) -> TextSyntaxError:
        """This error with its message code and parameters (the English ``message`` stays as it is)."""
        self.code, self.params = code, params
        return self

    def as_message(self):
        """The error as a message for the reader: translated where it has a code, else the English text."""
        from designer.i18n import Message

        detail = Message(self.code, self.params) if self.code else self.message
        return Message("syntax.at", {"detail": detail, "position": self.position})

    def __str__(self) -> str:
        return f"{self.message} at position {self.position}"
