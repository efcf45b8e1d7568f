"""Shared fixtures of the parity suite."""

from __future__ import annotations

from pathlib import Path

import pytest

from parity_tests import plugin


@pytest.fixture(scope="session")
def cat_data_path(pytestconfig: pytest.Config) -> Path | None:
    """The course's cat data: --cat-data, $SCRATCHNN_CAT_DATA, ../shared/data/cat.npz, or None.

    A path that was given explicitly is returned even when missing, so the test fails loudly.
    """
    return plugin.cat_data_path(pytestconfig)
