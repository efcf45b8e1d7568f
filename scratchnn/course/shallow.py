r"""The course's week-3 API: one hidden tanh layer, a sigmoid output ("planar data").

Graded names and signatures of "Planar data classification with one hidden layer", over
:mod:`scratchnn`'s core. The backward uses the week's shortcut ``dZ2 = A2 - Y``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from scratchnn import _validate as check
from scratchnn import init, kernels, losses, network, training
from scratchnn._validate import Array
from scratchnn.activations import get_activation, tanh_backward_from_A
from scratchnn.init import RandomGenerator, course_rng
from scratchnn.layers import linear_backward

__all__ = [
    "backward_propagation",
    "compute_cost",
    "forward_propagation",
    "initialize_parameters",
    "layer_sizes",
    "nn_model",
    "predict",
    "update_parameters",
]

ACTIVATIONS = ("tanh", "sigmoid")
#: The week's learning rate (update_parameters' default; nn_model has no argument for it).
LEARNING_RATE = 1.2


def layer_sizes(X: Array, Y: Array) -> tuple[int, int, int]:
    """``(n_x, n_h, n_y)``: input size, 4 hidden units (the course's choice), output size."""
    X = check.as_array(X, "X")
    Y = check.as_array(Y, "Y")
    if X.shape[1] != Y.shape[1]:
        raise ValueError(f"X {X.shape} and Y {Y.shape} must have the same number of columns m")
    return X.shape[0], 4, Y.shape[0]


def initialize_parameters(
    n_x: int, n_h: int, n_y: int, rng: RandomGenerator | None = None
) -> dict[str, Array]:
    """W1 (n_h, n_x), W2 (n_y, n_h) drawn ``randn * 0.01``, b zeros; rng None is seed 2."""
    return init.initialize_parameters([n_x, n_h, n_y], scheme="scaled", rng=course_rng(rng, 2))


def forward_propagation(
    X: Array, parameters: Mapping[str, Array]
) -> tuple[Array, dict[str, Array]]:
    r"""``A2`` (1, m) and the cache ``{"Z1", "A1", "Z2", "A2"}``.

    Notes
    -----
    .. math:: Z^{[1]} = W^{[1]} X + b^{[1]},\ A^{[1]} = \tanh(Z^{[1]}),\
              Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\ A^{[2]} = \sigma(Z^{[2]})
    """
    _two_layers(parameters)
    A2, caches = network.model_forward(X, parameters, ACTIVATIONS)
    (_, Z1), ((A1, _, _), Z2) = caches
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def compute_cost(A2: Array, Y: Array) -> float:
    """Cross-entropy cost, mean over m, as the course computes it (no clamp, any real Y).

    See :func:`scratchnn.losses.course_cost`; :func:`scratchnn.compute_cost` is PyTorch's form.
    """
    return losses.course_cost(A2, Y, "A2")


def backward_propagation(
    parameters: Mapping[str, Array], cache: Mapping[str, Array], X: Array, Y: Array
) -> dict[str, Array]:
    r"""Gradients ``dW1, db1, dW2, db2`` of the mean cost.

    Notes
    -----
    .. math::
        dZ^{[2]} = A^{[2]} - Y,\ dW^{[2]} = \tfrac{1}{m} dZ^{[2]} A^{[1]T},\
        dZ^{[1]} = W^{[2]T} dZ^{[2]} \odot (1 - A^{[1]2}),\ dW^{[1]} = \tfrac{1}{m} dZ^{[1]} X^T
    """
    W1, b1, W2, b2 = _two_layers(parameters)
    check.keys(cache, ["A1", "A2"], "cache")
    dZ2 = _output_dZ(cache["A2"], Y)
    dA1, dW2, db2 = linear_backward(dZ2, (cache["A1"], W2, b2))
    dZ1 = tanh_backward_from_A(dA1, cache["A1"])
    _, dW1, db1 = linear_backward(dZ1, (X, W1, b1))
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(
    parameters: Mapping[str, Array],
    grads: Mapping[str, Array],
    learning_rate: float = LEARNING_RATE,
) -> dict[str, Array]:
    """One gradient-descent step; returns a new dict (the input is left unchanged)."""
    return training.update_parameters(parameters, grads, learning_rate)


def nn_model(
    X: Array,
    Y: Array,
    n_h: int,
    num_iterations: int = 10000,
    print_cost: bool = False,
    rng: RandomGenerator | None = None,
) -> dict[str, Array]:
    """Train the shallow net by gradient descent (learning rate 1.2); returns the parameters.

    With ``print_cost`` the cost is printed every 1000 iterations, as in the course.
    """
    n_x, _, n_y = layer_sizes(X, Y)
    n_h = check.count(n_h, "n_h", minimum=1)
    num_iterations = check.count(num_iterations, "num_iterations")
    X = check.as_array(X, "X")
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)
    parameters = {k: v.astype(X.dtype, copy=False) for k, v in parameters.items()}
    if num_iterations == 0:  # the checks of Y that the first iteration would make
        compute_cost(forward_propagation(X, parameters)[0], Y)
    for i in range(num_iterations):
        if i == 0:  # the four graded functions, with all their checks, once
            A2, cache = forward_propagation(X, parameters)
            cost = compute_cost(A2, Y)
            grads = backward_propagation(parameters, cache, X, Y)
            parameters = update_parameters(parameters, grads)
            Y = check.as_array(Y, "Y").astype(X.dtype, copy=False)
        else:
            parameters, cost = _step(X, Y, parameters)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost:f}")  # asked for by print_cost=True
    return parameters


def _step(X: Array, Y: Array, parameters: dict[str, Array]) -> tuple[dict[str, Array], float]:
    # The same arithmetic as the four graded functions, without their checks: the layer walk,
    # started from the week's dZ2 = A2 - Y.
    layers = [(parameters["W1"], parameters["b1"]), (parameters["W2"], parameters["b2"])]
    acts = [get_activation(a) for a in ACTIVATIONS]
    A2, caches = kernels.model_forward(X, layers, acts)
    grads = kernels.model_backward(None, caches, acts, dZL=A2 - Y, need_dA0=False)
    new = {key: value - LEARNING_RATE * grads[f"d{key}"] for key, value in parameters.items()}
    return new, kernels.course_cost(A2, Y)


def _output_dZ(A2: Any, Y: Any) -> Array:
    """``dZ2 = A2 - Y`` for any finite A2 and Y of one shape (the course's test draws A2)."""
    A2 = check.as_array(A2, 'cache["A2"]')
    Y = check.as_array(Y, "Y")
    check.same_shape(A2, 'cache["A2"]', Y, "Y")
    dZ2: Array = A2 - Y.astype(A2.dtype, copy=False)
    return dZ2


def predict(parameters: Mapping[str, Array], X: Array) -> Array:
    """Predictions (1, m) of 0. and 1. (A2 > 0.5)."""
    _two_layers(parameters)
    return training.predict(X, parameters, ACTIVATIONS)


def _two_layers(parameters: Mapping[str, Any]) -> tuple[Array, Array, Array, Array]:
    layers = network.checked_parameters(parameters)
    if len(layers) != 2:
        raise ValueError(f"the shallow net has 2 layers; parameters has {len(layers)}")
    (W1, b1), (W2, b2) = layers
    return W1, b1, W2, b2
