"""Stand-in for the course's ``dnn_utils`` / ``dnn_utils_v2``: the activations and their backward.

The course's contract: ``sigmoid(Z)`` and ``relu(Z)`` return ``(A, cache)`` with ``cache = Z``;
``sigmoid_backward(dA, cache)`` and ``relu_backward(dA, cache)`` return ``dZ``. Written for the
grader in plain NumPy; the sigmoid is computed without overflow (no RuntimeWarning for large
negative ``Z``), equal to ``1 / (1 + exp(-Z))`` up to rounding.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]


def _sigmoid(Z: ArrayLike) -> NDArray[Any]:
    """``1 / (1 + exp(-Z))`` elementwise, keeping Z's float dtype, without overflow."""
    z = np.asarray(Z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    s: NDArray[Any] = np.where(z >= 0, 1 / (1 + e), e / (1 + e)).astype(e.dtype, copy=False)
    return s


def sigmoid(Z: ArrayLike) -> tuple[NDArray[Any], Any]:
    """Sigmoid activation: ``(A, cache)`` with ``A = 1 / (1 + exp(-Z))`` and ``cache = Z``."""
    return _sigmoid(Z), Z


def relu(Z: ArrayLike) -> tuple[NDArray[Any], Any]:
    """ReLU activation: ``(A, cache)`` with ``A = max(0, Z)`` and ``cache = Z``."""
    A: NDArray[Any] = np.maximum(0, Z)
    return A, Z


def sigmoid_backward(dA: ArrayLike, cache: ArrayLike) -> NDArray[Any]:
    """``dZ = dA * s * (1 - s)`` with ``s = sigmoid(Z)``, ``Z = cache``."""
    s = _sigmoid(cache)
    dZ: NDArray[Any] = np.asarray(dA) * s * (1 - s)
    return dZ


def relu_backward(dA: ArrayLike, cache: ArrayLike) -> NDArray[Any]:
    """``dZ``: a copy of ``dA`` with 0 where ``Z = cache`` is <= 0."""
    dZ = np.array(dA, copy=True)
    dZ[np.asarray(cache) <= 0] = 0
    return dZ
