"""Shared fixtures."""

from __future__ import annotations

import pytest

from designer.blueprint import Blueprint
from designer.examples import example_blueprint


@pytest.fixture
def example() -> Blueprint:
    return example_blueprint()
