"""The course's formulas written literally, as evidence for the conventions family.

These are *not* implementations to use: each shows, against PyTorch, a place where the textbook
formula and a careful implementation part ways. Their rows are known deviations (strict xfails):
if one ever agrees with torch, the suite turns red until the row is updated.
"""

from __future__ import annotations

import numpy as np

import scratchnn


def course_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    """``-(1/m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))``, unclamped."""
    m = Y.shape[1]
    return float(-(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)))


def course_dAL(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """``-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))``, the course's start of backprop."""
    dAL: np.ndarray = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
    return dAL


def naive_sigmoid(Z: np.ndarray) -> np.ndarray:
    """``1 / (1 + np.exp(-Z))``: exp overflows below z = -709."""
    A: np.ndarray = 1 / (1 + np.exp(-Z))
    return A


def relu_backward_lecture(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """The lecture's ReLU'(0) = 1: scratchnn's ``relu_backward(dA, Z, at_zero=1.0)``."""
    return scratchnn.relu_backward(dA, Z, at_zero=1.0)


def leaky_relu_backward_lecture(dA: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """Leaky ReLU with derivative 1 at z = 0: ``leaky_relu_backward(dA, Z, at_zero=1.0)``."""
    return scratchnn.leaky_relu_backward(dA, Z, at_zero=1.0)
