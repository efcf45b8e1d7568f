r"""Costs and the derivatives that start backpropagation.

Costs are means over the m examples (columns) and return a Python float. Their ``*_backward`` give
the gradient **per example**, without the 1/m: that is the course's convention for ``dAL`` and
``dZ``; the 1/m enters once, in ``dW`` and ``db`` (see :func:`scratchnn.layers.linear_backward`).
PyTorch's ``.grad`` of a mean loss is therefore ``1/m`` times these.
"""

from __future__ import annotations

import math

import numpy as np

from scratchnn import _validate as check
from scratchnn import kernels
from scratchnn._validate import Array


def _predictions_and_labels(AL: Array, Y: Array, al_name: str = "AL") -> tuple[Array, Array, int]:
    AL = check.as_array(AL, al_name)
    Y = check.as_array(Y, "Y")
    check.same_shape(AL, al_name, Y, "Y")
    m = check.examples(AL, al_name)
    check.labels(Y)
    if Y.dtype != AL.dtype:  # labels are exact in any float dtype: follow the predictions'
        Y = Y.astype(AL.dtype)
    return AL, Y, m


def compute_cost(AL: Array, Y: Array) -> float:
    r"""The course's binary cross-entropy cost, mean over the m examples.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
        Predicted probabilities, in [0, 1].
    Y : ndarray of shape (1, m)
        True labels, 0 or 1. Exactly AL's shape: a Y of shape (m,) is refused, not broadcast.

    Returns
    -------
    cost : float

    Notes
    -----
    .. math:: J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \max(\log a^{(i)}, -100)
              + (1 - y^{(i)}) \max(\log(1 - a^{(i)}), -100) \right)

    The clamp at -100 is PyTorch's: it turns the course formula's ``inf`` for a certain wrong
    prediction (``a`` exactly 0 or 1, as a saturated sigmoid gives) into a loss of 100.
    With several output rows the sum runs over them too, still divided by m.
    """
    AL, Y, _ = _predictions_and_labels(AL, Y)
    check.probabilities(AL)
    return kernels.cost(AL, Y)


def compute_cost_backward(AL: Array, Y: Array) -> Array:
    r"""``dAL``: the gradient of the cross-entropy per example, where backprop starts.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    dAL : ndarray of shape (1, m)
        Elementwise, with no sum over examples and no 1/m.

    Notes
    -----
    .. math:: dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)
              = \frac{A^{[L]} - Y}{\max(A^{[L]}(1 - A^{[L]}), 10^{-12})}

    The right-hand form is PyTorch's: equal to the course's where both are finite, and finite
    where the course's divides by zero.
    """
    AL, Y, _ = _predictions_and_labels(AL, Y)
    check.probabilities(AL)
    return kernels.cost_backward(AL, Y)


def course_cost(AL: Array, Y: Array, al_name: str = "AL") -> float:
    r"""The course's cross-entropy exactly as its notebooks compute it: no clamp, any real Y.

    Parameters
    ----------
    AL : ndarray of shape (n_L, m)
        Any finite values; the logs need AL in (0, 1) wherever Y gives them weight.
    Y : ndarray of shape (n_L, m)
        Any finite values (the course's own tests feed labels drawn from ``randn``).
    al_name : str
        The name used in errors (week 3 calls it ``A2``).

    Returns
    -------
    cost : float
        Refused with a ValueError where it would not be finite (a log of 0 or of a negative
        number): :func:`compute_cost` clamps like PyTorch instead.

    Notes
    -----
    .. math:: J = -\frac{1}{m} \sum_{i=1}^{m} \left( y^{(i)} \log a^{(i)}
              + (1 - y^{(i)}) \log(1 - a^{(i)}) \right)
    """
    AL, Y = _course_pair(AL, Y, al_name)
    cost = kernels.course_cost(AL, Y)
    if not math.isfinite(cost):
        raise ValueError(
            f"the course's cost is {cost} for this {al_name}: a log of 0 or of a negative "
            f"number ({al_name} in [{float(AL.min())!r}, {float(AL.max())!r}]); "
            "scratchnn.compute_cost clamps each log at -100 as PyTorch does"
        )
    return cost


def course_cost_backward(AL: Array, Y: Array) -> Array:
    r"""The course's ``dAL = -(Y/AL - (1-Y)/(1-AL))``, exactly as its notebooks compute it.

    Parameters
    ----------
    AL : ndarray of shape (n_L, m)
        Any finite values other than 0 and 1 where Y gives them weight.
    Y : ndarray of shape (n_L, m)
        Any finite values.

    Returns
    -------
    dAL : ndarray of shape (n_L, m)
        Per example. Refused with a ValueError where an element would not be finite (a division by
        zero): :func:`compute_cost_backward` is PyTorch's finite form.

    Notes
    -----
    .. math:: dA^{[L]} = -\left(\frac{Y}{A^{[L]}} - \frac{1 - Y}{1 - A^{[L]}}\right)
    """
    AL, Y = _course_pair(AL, Y, "AL")
    dAL = kernels.course_cost_backward(AL, Y)
    if not check.all_finite(dAL):
        bad = ~np.isfinite(dAL)
        raise ValueError(
            f"dAL = -(Y/AL - (1-Y)/(1-AL)) divides by zero at {int(bad.sum())} element(s) of AL "
            f"(AL exactly 0 or 1 there, e.g. {float(AL[bad][0])!r}); "
            "scratchnn.compute_cost_backward is PyTorch's finite form"
        )
    return dAL


def _course_pair(AL: Array, Y: Array, al_name: str) -> tuple[Array, Array]:
    AL = check.as_array(AL, al_name)
    Y = check.as_array(Y, "Y")
    check.same_shape(AL, al_name, Y, "Y")
    check.examples(AL, al_name)
    if Y.dtype != AL.dtype:  # labels (bool, int or float) follow the predictions' dtype
        Y = Y.astype(AL.dtype)
    return AL, Y


def sigmoid_cross_entropy_dZ(AL: Array, Y: Array) -> Array:
    r"""``dZ`` of a sigmoid output layer under cross-entropy, the shortcut of weeks 2 and 3.

    Parameters
    ----------
    AL : ndarray of shape (1, m)
        Sigmoid outputs.
    Y : ndarray of shape (1, m)

    Returns
    -------
    dZ : ndarray of shape (1, m)
        Per example (no 1/m).

    Notes
    -----
    .. math:: dZ^{[L]} = A^{[L]} - Y
    """
    AL, Y, _ = _predictions_and_labels(AL, Y)
    check.probabilities(AL)
    return AL - Y


def cross_entropy_from_logits(Z: Array, Y: Array) -> float:
    r"""Binary cross-entropy of ``sigmoid(Z)``, computed stably from the logits ``Z``.

    Parameters
    ----------
    Z : ndarray of shape (1, m)
        Output pre-activations (logits), any finite values.
    Y : ndarray of shape (1, m)

    Returns
    -------
    cost : float

    Notes
    -----
    .. math:: J = \frac{1}{m} \sum_{i} \left( \max(z^{(i)}, 0) - z^{(i)} y^{(i)}
              + \log\left(1 + e^{-|z^{(i)}|}\right) \right)

    Never clamped and never infinite; equals :func:`compute_cost` of ``sigmoid(Z)`` wherever the
    sigmoid does not round to 0 or 1.
    """
    Z, Y, m = _predictions_and_labels(Z, Y, "Z")
    losses = np.maximum(Z, 0) - Z * Y + np.log1p(np.exp(-np.abs(Z)))
    return float(np.sum(losses) / m)


def cross_entropy_from_logits_backward(Z: Array, Y: Array) -> Array:
    r"""``dZ`` of :func:`cross_entropy_from_logits`, per example.

    Parameters
    ----------
    Z : ndarray of shape (1, m)
    Y : ndarray of shape (1, m)

    Returns
    -------
    dZ : ndarray of shape (1, m)

    Notes
    -----
    .. math:: dZ = \sigma(Z) - Y
    """
    Z, Y, _ = _predictions_and_labels(Z, Y, "Z")
    return kernels.sigmoid(Z) - Y


def mean_squared_error(AL: Array, Y: Array) -> float:
    r"""Mean squared error, for a linear ("identity") output layer.

    Parameters
    ----------
    AL : ndarray of shape (n_y, m)
        Predictions.
    Y : ndarray of shape (n_y, m)
        Targets, any finite values.

    Returns
    -------
    cost : float

    Notes
    -----
    .. math:: J = \frac{1}{m} \sum_{i=1}^{m} \lVert a^{(i)} - y^{(i)} \rVert^2

    For n_y = 1 this is PyTorch's ``F.mse_loss`` with ``reduction="mean"``.
    """
    return kernels.mse(*_regression_pair(AL, Y)[:2])


def mean_squared_error_backward(AL: Array, Y: Array) -> Array:
    r"""``dAL`` of :func:`mean_squared_error`, per example.

    Parameters
    ----------
    AL : ndarray of shape (n_y, m)
    Y : ndarray of shape (n_y, m)

    Returns
    -------
    dAL : ndarray of shape (n_y, m)

    Notes
    -----
    .. math:: dA^{[L]} = 2 (A^{[L]} - Y)
    """
    return kernels.mse_backward(*_regression_pair(AL, Y)[:2])


def _regression_pair(AL: Array, Y: Array) -> tuple[Array, Array, int]:
    AL = check.as_array(AL, "AL")
    Y = check.as_array(Y, "Y")
    check.same_shape(AL, "AL", Y, "Y")
    check.same_float_dtype(AL=AL, Y=Y)
    return AL, Y, check.examples(AL, "AL")
