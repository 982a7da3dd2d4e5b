"""Hover highlighting that graphics items share: remember the hover, repaint."""

from __future__ import annotations


class HoverHighlight:
    """Mix in ahead of QGraphicsItem; paint() reads ``self._hover``.
    (Items must call ``setAcceptHoverEvents(True)``.)"""

    _hover = False

    def hoverEnterEvent(self, event) -> None:
        self._hover = True
        self.update()

    def hoverLeaveEvent(self, event) -> None:
        self._hover = False
        self.update()
