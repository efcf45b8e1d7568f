"""The one table: every parity case, family by family.

The generic tests (``test_parity.py``) and the report iterate over :data:`CASES`; nothing is
written twice. Add a comparison by adding a row to the family's module.
"""

from __future__ import annotations

from parity_tests.cases import ParityCase
from parity_tests.registry import (
    conventions,
    elementwise,
    initialization,
    layers,
    models,
    oracles,
    published,
    training,
)

CASES: list[ParityCase] = [
    *elementwise.CASES,
    *layers.CASES,
    *models.CASES,
    *training.CASES,
    *initialization.CASES,
    *oracles.CASES,
    *conventions.CASES,
    *published.CASES,
]

BY_ID: dict[str, ParityCase] = {case.id: case for case in CASES}
