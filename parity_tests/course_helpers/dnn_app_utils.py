"""Stand-in for the course's ``dnn_app_utils_v2`` and ``_v3``: the application's helpers.

The application notebook imports its step functions from this file (``from dnn_app_utils_v3
import *``) and writes only ``two_layer_model`` and ``L_layer_model``; so the stand-in gives them
working helpers with the staff file's contract, computed by :mod:`scratchnn.course.deep`:
``initialize_parameters`` (seed 1, ``randn * 0.01``), ``initialize_parameters_deep`` (seed 1,
``randn / sqrt(n_prev)``), the forward and backward steps, ``compute_cost``, ``update_parameters``
(writes into the dict it is given, as the staff's does), ``predict(X, y, parameters)`` (prints the
accuracy) and ``L_model_backward`` with the file's keys: ``dA1..dAL`` in v2, ``dA0..`` in v3.
``load_data`` reads the cat data from ``$SCRATCHNN_CAT_DATA`` (see `lr_utils`); plots do nothing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from parity_tests.course_helpers._unavailable import course_name
from parity_tests.course_helpers.dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward
from parity_tests.course_helpers.lr_utils import load_dataset
from scratchnn.course import deep

__all__ = [
    "L_model_backward",
    "L_model_forward",
    "compute_cost",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "load_data",
    "predict",
    "print_mislabeled_images",
    "relu",
    "relu_backward",
    "sigmoid",
    "sigmoid_backward",
    "update_parameters",
]

initialize_parameters = deep.initialize_parameters
initialize_parameters_deep = deep.initialize_parameters_deep
linear_forward = deep.linear_forward
linear_activation_forward = deep.linear_activation_forward
L_model_forward = deep.L_model_forward
compute_cost = deep.compute_cost
linear_backward = deep.linear_backward
linear_activation_backward = deep.linear_activation_backward


def L_model_backward(AL: Any, Y: Any, caches: Sequence[Any]) -> dict[str, Any]:
    """The staff's: keys dA0..dA{L-1} in v3, shifted by one (dA1..dAL) in v2."""
    grads = deep.L_model_backward(AL, Y, caches)
    if course_name(__name__) != "dnn_app_utils_v2":
        return grads
    return {(f"dA{int(k[2:]) + 1}" if k.startswith("dA") else k): v for k, v in grads.items()}


def update_parameters(
    parameters: dict[str, Any], grads: Mapping[str, Any], learning_rate: float
) -> Any:
    """The staff's: the dict it is given, updated in place, and returned."""
    parameters.update(deep.update_parameters(parameters, grads, learning_rate))
    return parameters


def predict(X: Any, y: Any, parameters: Mapping[str, Any]) -> Any:
    """The staff's: predictions (1, m) of 0./1., and the accuracy printed."""
    p = deep.predict(X, y, parameters)
    print("Accuracy: " + str(np.sum(p == y) / X.shape[1]))  # the staff's own printout
    return p


def load_data() -> tuple[Any, ...]:
    """The staff's ``load_data``: the cat data, as ``lr_utils.load_dataset`` gives it."""
    return load_dataset()


def print_mislabeled_images(*_: Any, **__: Any) -> None:
    """A plot: nothing to do in a grader."""
