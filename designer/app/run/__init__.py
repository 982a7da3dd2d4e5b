"""Run and dry-run inside the designer: the Run panel, counts on the canvas, the results
dashboard, the contacts explorer with message preview, demo mode (docs/run.md).

- ``controller.py``: the feature in the window (docks, Run menu) and the glue
- ``jobs.py``: the one door into ``designer.runtime`` (plain Python)
- ``background.py``: the dry-run's worker process, the engine's worker thread
- ``figures.py``: numbers read out of reports and statuses (plain Python)
- ``panel.py``, ``dashboard.py``, ``explorer.py``, ``past_runs.py`` (compare two dry-runs), ``demo.py``: the parts
"""
