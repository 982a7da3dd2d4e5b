"""The Run panel's file field: a path (contacts CSV, SQLite database) or a PostgreSQL URL.

A URL's password is shown as ``***`` once typed (the field keeps the real one for
:meth:`PathOrUrlEdit.value`), and :func:`label` names a database in messages
without it. The URL rules are the runtime's (:mod:`designer.runtime.durable.dialect`),
imported only when a URL is seen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QLineEdit, QWidget

MASK = "***"


def is_url(text: str) -> bool:
    """A PostgreSQL URL, not a path."""
    return "://" in text and text.split("://", 1)[0].lower().startswith("postgres")


def _split(text: str) -> tuple[str, str, str] | None:
    """(scheme://user, password, @host/db) of a URL with a password, else None."""
    scheme, sep, rest = text.partition("://")
    userinfo, at, host = rest.partition("@")
    if not sep or not at or "/" in userinfo or ":" not in userinfo:
        return None
    user, _, password = userinfo.partition(":")
    return f"{scheme}://{user}", password, f"@{host}"


def label(db: str | Path) -> str:
    """A database as messages name it: a file's name, or the URL with its password hidden."""
    text = str(db)
    if is_url(text):
        from designer.runtime.durable.dialect import shown

        return shown(text)
    return Path(text).name


class PathOrUrlEdit(QLineEdit):
    def __init__(self, parent: QWidget | None = None, **kwargs) -> None:
        super().__init__(parent, **kwargs)
        self._password: str | None = None
        self.editingFinished.connect(self._mask)

    def value(self) -> str:
        """What was typed, with the real password in place of the mask."""
        text = self.text().strip()
        parts = _split(text) if is_url(text) else None
        if parts is not None and parts[1] == MASK and self._password is not None:
            return f"{parts[0]}:{self._password}{parts[2]}"
        return text

    def set_value(self, text: str) -> None:
        self.setText(text)
        self._mask()

    def _mask(self) -> None:
        text = self.text().strip()
        parts = _split(text) if is_url(text) else None
        if parts is None or parts[1] == MASK:
            return
        self._password = parts[1]
        self.setText(f"{parts[0]}:{MASK}{parts[2]}")
        self.setCursorPosition(0)
