"""``python -m designer.cli`` is the ``journey`` command."""

from designer.cli import run

run()
