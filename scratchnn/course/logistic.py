r"""The course's week-2 API: logistic regression "with a neural network mindset".

Graded names and signatures over :mod:`scratchnn`'s core. The weights are a column ``w`` (n_x, 1)
and the bias a scalar ``b``; ``A = sigmoid(w.T X + b)``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from scratchnn import _validate as check
from scratchnn import activations, kernels, losses, training
from scratchnn._validate import Array
from scratchnn.layers import linear_backward

__all__ = ["initialize_with_zeros", "model", "optimize", "predict", "propagate", "sigmoid"]


def sigmoid(z: Any) -> Any:
    r"""Sigmoid of a scalar or an array of any shape (the course calls it on ``np.array([0, 2])``).

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}}
    """
    z_arr = np.asarray(z)
    flat = check.as_array(z_arr.reshape(1, -1), "z")
    A = activations.sigmoid(flat).reshape(z_arr.shape)
    return A[()] if A.ndim == 0 else A


def initialize_with_zeros(dim: int) -> tuple[Array, float]:
    """``w`` zeros of shape (dim, 1) and ``b = 0.0``."""
    dim = check.count(dim, "dim", minimum=1)
    return np.zeros((dim, 1)), 0.0


def propagate(w: Array, b: float | Array, X: Array, Y: Array) -> tuple[dict[str, Any], float]:
    r"""Cost and gradients of logistic regression.

    Returns ``({"dw": (n_x, 1) array, "db": float}, cost)``.

    Notes
    -----
    .. math::
        A = \sigma(w^T X + b),\ J = -\frac{1}{m}\sum_i \left(y^{(i)}\log a^{(i)}
        + (1-y^{(i)})\log(1-a^{(i)})\right),\
        dw = \frac{1}{m} X (A-Y)^T,\ db = \frac{1}{m}\sum_i (a^{(i)} - y^{(i)})
    """
    w, b_col, X = _checked(w, b, X)
    A = activations.sigmoid(w.T @ X + b_col)
    cost = losses.course_cost(A, Y)
    Y = check.as_array(Y, "Y").astype(A.dtype, copy=False)
    dZ = A - Y
    _, dW, db = linear_backward(dZ, (X, w.T, b_col))
    return {"dw": dW.T, "db": float(db[0, 0])}, cost


def _propagate(w: Array, b: float, X: Array, Y: Array) -> tuple[dict[str, Any], float]:
    # propagate's arithmetic without its checks (optimize checks the first iteration): the
    # layer walk over one sigmoid layer W = w.T, started from dZ = A - Y, without dA_prev.
    acts = [activations.get_activation("sigmoid")]
    A, caches = kernels.model_forward(X, [(w.T, np.full((1, 1), b, dtype=X.dtype))], acts)
    grads = kernels.model_backward(None, caches, acts, dZL=A - Y, need_dA0=False)
    return {"dw": grads["dW1"].T, "db": float(grads["db1"][0, 0])}, kernels.course_cost(A, Y)


def optimize(
    w: Array,
    b: float,
    X: Array,
    Y: Array,
    num_iterations: int = 100,
    learning_rate: float = 0.009,
    print_cost: bool = False,
) -> tuple[dict[str, Any], dict[str, Any], list[float]]:
    """Gradient descent; returns ``({"w", "b"}, grads of the last iteration, costs)``.

    ``costs`` holds the cost at iterations 0, 100, 200, ... (before each one's update).
    """
    num_iterations = check.count(num_iterations, "num_iterations")
    learning_rate = check.finite_number(learning_rate, "learning_rate")
    w, b_col, X = _checked(w, b, X)
    b = float(b_col[0, 0])
    grads: dict[str, Any] = {}
    costs = []
    if num_iterations == 0:  # the checks of Y that the first iteration would make
        propagate(w, b, X, Y)
    for i in range(num_iterations):
        if i == 0:  # the full checks once; then the same arithmetic unchecked
            grads, cost = propagate(w, b, X, Y)
            Y = check.as_array(Y, "Y").astype(X.dtype, copy=False)
        else:
            grads, cost = _propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")  # asked for by print_cost=True
    return {"w": w, "b": b}, grads, costs


def predict(w: Array, b: float | Array, X: Array) -> Array:
    """Predictions (1, m) of 0. and 1.: 1 where ``sigmoid(w.T X + b) > 0.5``."""
    w, b_col, X = _checked(w, b, X)
    A = activations.sigmoid(w.T @ X + b_col)
    return (A > 0.5).astype(X.dtype)


def model(
    X_train: Array,
    Y_train: Array,
    X_test: Array,
    Y_test: Array,
    num_iterations: int = 2000,
    learning_rate: float = 0.5,
    print_cost: bool = False,
) -> dict[str, Any]:
    """Train from zeros and predict; returns the course's dict of results.

    Keys: ``costs, Y_prediction_test, Y_prediction_train, w, b, learning_rate, num_iterations``.
    """
    X_train = check.as_array(X_train, "X_train")
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(
        w.astype(X_train.dtype), b, X_train, Y_train, num_iterations, learning_rate, print_cost
    )
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)
    training.accuracy(Y_prediction_test, Y_test, y_name="Y_test")  # validates Y_test
    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


def _checked(w: Any, b: Any, X: Any) -> tuple[Array, Array, Array]:
    w = check.as_array(w, "w")
    X = check.as_array(X, "X")
    check.examples(X, "X")
    if w.shape != (X.shape[0], 1):
        raise ValueError(f"w must have shape ({X.shape[0]}, 1) for X {X.shape}; got {w.shape}")
    check.same_float_dtype(w=w, X=X)
    if isinstance(b, np.ndarray):
        if b.size != 1:
            raise ValueError(f"b must be a scalar; got an array of shape {b.shape}")
        b = b.reshape(()).item()
    b_value = check.finite_number(b, "b")
    return w, np.full((1, 1), b_value, dtype=X.dtype), X
