"""Calibration: fit the dry-run's behaviour model from what a durable run recorded.

:mod:`.history` reads the runtime database (read-only), :mod:`.rates` holds the
counting and Wilson intervals, :mod:`.fit` turns the history into a behaviour
model with its evidence, and :mod:`.merge` writes the fitted model into a
blueprint's ``simulation`` section. ``journey calibrate`` and ``journey backtest``
(:mod:`designer.cli.calibrate`, :mod:`designer.cli.backtest`) are the entry points.
"""
