r"""Batch gradient descent, prediction and accuracy.

Training validates its inputs once and then runs the unchecked kernels, so the checks cost nothing
per iteration. The cost recorded for iteration i is computed before that iteration's update, as in
the course's "Cost after iteration i".
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np

from scratchnn import _validate as check
from scratchnn import kernels
from scratchnn._loop import Loop
from scratchnn._validate import Array
from scratchnn.losses import (
    compute_cost,
    compute_cost_backward,
    course_cost,
    course_cost_backward,
    mean_squared_error,
    mean_squared_error_backward,
)
from scratchnn.network import (
    ActivationSpec,
    Layers,
    checked_parameters,
    model_forward,
    resolve_activations,
)

#: ``callback(i, cost)``, called by :func:`train` at every iteration.
Callback = Callable[[int, float], None]


class Loss(NamedTuple):
    """A cost and its per-example derivative dAL: the checked functions, then their kernels."""

    cost: Callable[[Array, Array], float]
    backward: Callable[[Array, Array], Array]
    cost_kernel: Callable[[Array, Array], float]
    backward_kernel: Callable[[Array, Array], Array]


#: The losses ``train`` knows, by name.
LOSSES = {
    "cross_entropy": Loss(compute_cost, compute_cost_backward, kernels.cost, kernels.cost_backward),
    "mse": Loss(mean_squared_error, mean_squared_error_backward, kernels.mse, kernels.mse_backward),
    # the course's formulas as its notebooks write them: no clamp, any real Y (scratchnn.course)
    "course_cross_entropy": Loss(
        course_cost, course_cost_backward, kernels.course_cost, kernels.course_cost_backward
    ),
}


@dataclass
class History:
    """What a training run records.

    Attributes
    ----------
    costs : ndarray of shape (num_iterations,)
        float64; ``costs[i]`` is the cost before update i.
    snapshots : dict of int to dict
        ``snapshots[i]`` is a copy of the parameters before update i, for every i that is a
        multiple of ``snapshot_every``, and after the last update (i = num_iterations).
    """

    costs: Array
    snapshots: dict[int, dict[str, Array]] = field(default_factory=dict)

    def every(self, k: int = 100) -> list[float]:
        """The costs at iterations 0, k, 2k, ... (the course's ``costs`` list for k = 100)."""
        return [float(c) for c in self.costs[::k]]


def update_parameters(
    parameters: Mapping[str, Array], grads: Mapping[str, Array], learning_rate: float
) -> dict[str, Array]:
    r"""One gradient-descent step; returns a new dict and leaves ``parameters`` unchanged.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` (n_l, n_{l-1}), ``b{l}`` (n_l, 1).
    grads : dict
        ``dW{l}`` and ``db{l}`` of exactly the same shapes (a db of shape (n_l,) is refused).
    learning_rate : float
        Finite.

    Returns
    -------
    parameters : dict
        The updated copies.

    Notes
    -----
    .. math:: W^{[l]} := W^{[l]} - \alpha\, dW^{[l]}, \quad b^{[l]} := b^{[l]} - \alpha\, db^{[l]}
    """
    learning_rate = check.finite_number(learning_rate, "learning_rate")
    layers = checked_parameters(parameters, check_finite=False)  # checked below, with the step
    check.keys(grads, [f"d{p}{i}" for i in range(1, len(layers) + 1) for p in "Wb"], "grads")
    new = {}
    for layer, (W, b) in enumerate(layers, 1):
        for name, param in ((f"W{layer}", W), (f"b{layer}", b)):
            grad = check.as_array(grads[f"d{name}"], f"d{name}", check_finite=False)
            check.same_shape(grad, f"d{name}", param, name)
            if grad.dtype != param.dtype:
                check.same_float_dtype(**{name: param, f"d{name}": grad})  # raises, names both
            new[name] = _step(param, grad, learning_rate, name)
    return new


def _step(param: Array, grad: Array, learning_rate: float, name: str) -> Array:
    """``param - learning_rate * grad``, refusing a NaN or infinity in either, by name.

    A large array's step is checked instead of its two operands, one read for two: an element
    of the step is finite only where both operands' are (inf and NaN survive the multiply-add,
    and inf - inf is NaN). The step is the same, bit for bit: ``param + (-lr * grad)``.
    """
    if param.size <= check.SMALL:
        check.finite(param, name)
        check.finite(grad, f"d{name}")
        return param - learning_rate * grad
    with np.errstate(over="ignore", invalid="ignore"):  # a NaN or inf raises below instead
        step = np.multiply(grad, -learning_rate)
        np.add(step, param, out=step)
    if not check.all_finite(step):
        check.finite(param, name)
        check.finite(grad, f"d{name}")
        # both finite, but the step overflowed: again, with NumPy's own warnings
        step = param - learning_rate * grad
    return step


def train(
    X: Array,
    Y: Array,
    parameters: Mapping[str, Array],
    *,
    learning_rate: float,
    num_iterations: int,
    activations: Sequence[ActivationSpec] | None = None,
    loss: str = "cross_entropy",
    snapshot_every: int | None = None,
    callback: Callback | None = None,
) -> tuple[dict[str, Array], History]:
    r"""Batch gradient descent on the whole training set.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    Y : ndarray of shape (n_L, m)
        Labels 0/1 for ``"cross_entropy"``, any targets for ``"mse"``.
    parameters : dict
        The starting ``W{l}``, ``b{l}``; not modified.
    learning_rate : float
    num_iterations : int
        >= 0.
    activations : list of L str or Activation, optional
        Default: the course's ReLU ... ReLU, sigmoid.
    loss : {"cross_entropy", "mse", "course_cross_entropy"}
        ``"course_cross_entropy"`` is the course notebooks' unclamped formula, for any real Y.
    snapshot_every : int, optional
        Keep a copy of the parameters every so many iterations (and at the end).
    callback : callable, optional
        Called as ``callback(i, cost)`` at every iteration, before its update.

    Returns
    -------
    parameters : dict
        After ``num_iterations`` updates.
    history : History

    Notes
    -----
    .. math:: \theta_{t+1} = \theta_t - \alpha \nabla_\theta J(\theta_t), \quad
              J = \frac{1}{m}\sum_{i=1}^m \mathcal{L}(a^{[L](i)}, y^{(i)})
    """
    X = check.as_array(X, "X")
    Y = check.as_array(Y, "Y")
    check.examples(X, "X")
    layers = checked_parameters(parameters, X)
    acts = resolve_activations(activations, len(layers))
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}; expected one of {sorted(LOSSES)}")
    chosen = LOSSES[loss]
    learning_rate = check.finite_number(learning_rate, "learning_rate")
    num_iterations = check.count(num_iterations, "num_iterations")
    if snapshot_every is not None:
        snapshot_every = check.count(snapshot_every, "snapshot_every", minimum=1)
    if num_iterations == 0:  # the checks the first iteration would make
        chosen.cost(kernels.model_forward(X, layers, acts)[0], Y)

    history = History(costs=np.empty(num_iterations))
    loop = Loop(X, layers, acts)  # copies the parameters; updates them in place
    for i in range(num_iterations):
        if snapshot_every is not None and i % snapshot_every == 0:
            history.snapshots[i] = _as_dict(loop.layers, copy=True)
        # A diverging run overflows somewhere; it is reported once, below, as a clear error.
        with np.errstate(over="ignore", invalid="ignore"):
            AL = loop.forward()
        if i == 0:  # the full checks of shapes, labels and values; the kernels after them
            cost, dAL = chosen.cost(AL, Y), chosen.backward(AL, Y)
            Y = Y.astype(X.dtype, copy=False)
        else:
            cost, dAL = chosen.cost_kernel(AL, Y), chosen.backward_kernel(AL, Y)
        if not math.isfinite(cost):
            raise ValueError(
                f"training diverged: the cost is {cost} at iteration {i} "
                f"(learning_rate {learning_rate} too large for this problem?)"
            )
        history.costs[i] = cost
        if callback is not None:
            callback(i, cost)
        with np.errstate(over="ignore", invalid="ignore"):
            loop.backward_and_update(dAL, learning_rate)
    if snapshot_every is not None:
        history.snapshots[num_iterations] = _as_dict(loop.layers, copy=True)
    return _as_dict(loop.layers), history  # the loop's own copies, never the caller's arrays


def _as_dict(layers: Layers, *, copy: bool = False) -> dict[str, Array]:
    out = {}
    for i, (W, b) in enumerate(layers, 1):
        out[f"W{i}"] = W.copy() if copy else W
        out[f"b{i}"] = b.copy() if copy else b
    return out


def predict(
    X: Array,
    parameters: Mapping[str, Array],
    activations: Sequence[ActivationSpec] | None = None,
    *,
    threshold: float = 0.5,
) -> Array:
    r"""Predicted labels: 1 where the output exceeds ``threshold``, else 0.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict
    activations : list of L str or Activation, optional
    threshold : float, default 0.5

    Returns
    -------
    predictions : ndarray of shape (n_L, m)
        0. and 1. in X's float dtype (as the course's ``predict``).

    Notes
    -----
    .. math:: \hat{y}^{(i)} = \mathbb{1}\left[a^{[L](i)} > \text{threshold}\right]
    """
    threshold = check.finite_number(threshold, "threshold")
    AL, _ = model_forward(X, parameters, activations)
    return (AL > threshold).astype(AL.dtype)


def accuracy(predictions: Any, Y: Any, *, y_name: str = "Y") -> float:
    r"""The fraction of examples whose prediction equals the label.

    Parameters
    ----------
    predictions : ndarray of shape (n_L, m)
    Y : ndarray of shape (n_L, m)
    y_name : str, default "Y"
        The labels' name in error messages (the course calls them ``Y_test``, ``y``, ...).

    Returns
    -------
    float in [0, 1]
        Both arrays must hold labels 0 or 1.

    Notes
    -----
    .. math:: \text{accuracy} = \frac{1}{m} \sum_{i=1}^m \mathbb{1}[\hat{y}^{(i)} = y^{(i)}]
    """
    predictions = check.as_array(predictions, "predictions")
    Y = check.as_array(Y, y_name)
    check.same_shape(predictions, "predictions", Y, y_name)
    check.examples(Y, y_name)
    check.labels(Y, y_name)
    check.labels(predictions, "predictions")
    return float(np.mean(predictions == Y))
