"""The Qt application: the main window and its panels, grouped by feature.

- ``window/``: the main window, its menus and actions, pages, docks, tabs, status bar
- ``panels/``: the palette and the problems list
- ``inspector/``: the settings form generated from each kind's model
- ``build_queue/``: the build queue table and the blueprint overview
- ``files/``: open/save, autosave and recovery, image export

Widgets here show the model and emit what the user asked for; every edit goes
through the one editing service (``editing.py``) as an undo command on the
document. No widget writes the model.
"""
