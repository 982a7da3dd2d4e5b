"""Shared fixtures."""

from __future__ import annotations

import os

import pytest

# Qt tests drive real widgets without a display.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from designer.blueprint import Blueprint
from designer.examples import example_blueprint


@pytest.fixture
def example() -> Blueprint:
    return example_blueprint()
