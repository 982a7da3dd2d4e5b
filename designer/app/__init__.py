"""The Qt application: the main window and its panels (palette, inspector, problems list ...).

Widgets here show the model and emit what the user asked for; the window turns
each request into an undo command on the document. No widget writes the model.
"""
