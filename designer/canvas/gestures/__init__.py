"""One object per mouse gesture on the canvas, each with start / move / finish / cancel.

The view starts a gesture on a mouse press (or a drag entering it) and feeds
it the following events until it finishes or is cancelled (Escape). Gestures
ask the editor for edits; they never write the model.
"""

from .base import Gesture

__all__ = ["Gesture"]
