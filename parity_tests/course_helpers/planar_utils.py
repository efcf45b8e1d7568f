"""Stand-in for the course's week-3 ``planar_utils``.

``sigmoid(x)`` returns the activation only (no cache), ``load_planar_dataset()`` is
`scratchnn.data.load_planar_dataset` (the course's seed-1 flower; its labels are float64 where
the course's are uint8), and the plot helper is a no-op. Any other name is an `Unavailable`.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from parity_tests.course_helpers._unavailable import Unavailable, course_name
from parity_tests.course_helpers.dnn_utils import _sigmoid
from scratchnn.data import load_planar_dataset as _load_planar_dataset

__all__ = ["load_planar_dataset", "plot_decision_boundary", "sigmoid"]


def sigmoid(x: ArrayLike) -> NDArray[Any]:
    """``1 / (1 + exp(-x))`` elementwise."""
    return _sigmoid(x)


def load_planar_dataset() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """The course's flower: X (2, 400), Y (1, 400)."""
    return _load_planar_dataset()


def plot_decision_boundary(*args: object, **kwargs: object) -> None:
    """Plots nothing (the grader draws no figures)."""


def __getattr__(name: str) -> Unavailable:
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    module = course_name(__name__)
    return Unavailable(
        f"{module}.{name}",
        f"the grader's stand-in for the course's {module} provides only {', '.join(__all__)}",
    )
