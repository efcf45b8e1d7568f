r"""One layer: the linear step and the linear step followed by an activation.

Caches are NamedTuples that unpack exactly like the course's tuples:
``A_prev, W, b = linear_cache`` and ``(A_prev, W, b), Z = cache``.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np

from scratchnn import _validate as check
from scratchnn._validate import Array
from scratchnn.activations import Activation, get_activation


class LinearCache(NamedTuple):
    """What the linear step's backward needs: its inputs."""

    A_prev: Array
    W: Array
    b: Array


class LayerCache(NamedTuple):
    """What a layer's backward needs: the linear cache and the pre-activation ``Z``."""

    linear_cache: LinearCache
    Z: Array


#: A layer's cache as the backward functions take it: a LayerCache or the course's plain tuple.
LayerCacheLike = LayerCache | tuple[LinearCache | tuple[Array, Array, Array], Array]


def _checked_linear(A_prev: Any, W: Any, b: Any) -> tuple[Array, Array, Array]:
    A_prev = check.as_array(A_prev, "A_prev")
    W = check.as_array(W, "W")
    b = check.as_array(b, "b")
    check.examples(A_prev, "A_prev")
    check.linear_shapes(A_prev, W, b)
    check.same_float_dtype(A_prev=A_prev, W=W, b=b)
    return A_prev, W, b


def linear_forward(A_prev: Array, W: Array, b: Array) -> tuple[Array, LinearCache]:
    r"""The linear step of a layer.

    Parameters
    ----------
    A_prev : ndarray of shape (n_prev, m)
        Activations of the previous layer (or the input X).
    W : ndarray of shape (n, n_prev)
    b : ndarray of shape (n, 1)
        Broadcast across the m columns; a b of shape (n,) is refused.

    Returns
    -------
    Z : ndarray of shape (n, m)
    cache : LinearCache
        ``(A_prev, W, b)``.

    Notes
    -----
    .. math:: Z = W A_{prev} + b
    """
    A_prev, W, b = _checked_linear(A_prev, W, b)
    return _linear_forward(A_prev, W, b), LinearCache(A_prev, W, b)


def _linear_forward(A_prev: Array, W: Array, b: Array) -> Array:
    Z = W @ A_prev
    Z += b
    return Z


def linear_backward(
    dZ: Array, cache: LinearCache | tuple[Array, Array, Array]
) -> tuple[Array, Array, Array]:
    r"""Backward of the linear step: gradients of the mean cost for W and b, per example for A_prev.

    Parameters
    ----------
    dZ : ndarray of shape (n, m)
        Gradient of the cost with respect to Z, per example (no 1/m).
    cache : LinearCache or tuple
        ``(A_prev, W, b)`` from :func:`linear_forward`.

    Returns
    -------
    dA_prev : ndarray of shape (n_prev, m)
        Per example (no 1/m), like ``dZ``.
    dW : ndarray of shape (n, n_prev)
        Gradient of the mean cost J, the 1/m applied once here.
    db : ndarray of shape (n, 1)
        Gradient of J; ``keepdims`` keeps it a column like b.

    Notes
    -----
    .. math::
        dW = \frac{1}{m} dZ A_{prev}^T, \quad
        db = \frac{1}{m} \sum_{i=1}^{m} dZ^{(i)}, \quad
        dA_{prev} = W^T dZ
    """
    A_prev, W, _ = _unpack_linear_cache(cache)
    dZ = _checked_dZ(dZ, W.shape[0], A_prev)
    return _linear_backward(dZ, A_prev, W)


def _unpack_linear_cache(cache: Any, name: str = "cache") -> tuple[Array, Array, Array]:
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(f"{name} must be the (A_prev, W, b) tuple from linear_forward")
    A_prev, W, b = cache
    return _checked_linear(A_prev, W, b)


def _checked_dZ(value: Any, n: int, A_prev: Array, name: str = "dZ") -> Array:
    dZ = check.as_array(value, name)
    if dZ.shape != (n, A_prev.shape[1]):
        raise ValueError(
            f"{name} must have shape ({n}, {A_prev.shape[1]}) (units of this layer, examples of "
            f"A_prev {A_prev.shape}); got {dZ.shape}"
        )
    check.same_float_dtype(**{name: dZ, "A_prev": A_prev})
    return dZ


def _linear_backward(
    dZ: Array, A_prev: Array, W: Array, *, need_dA_prev: bool = True
) -> tuple[Array, Array, Array]:
    m = A_prev.shape[1]
    dW: Array = (dZ @ A_prev.T) / m
    db: Array = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev: Array = W.T @ dZ if need_dA_prev else np.empty((A_prev.shape[0], 0), dZ.dtype)
    return dA_prev, dW, db


def linear_activation_forward(
    A_prev: Array, W: Array, b: Array, activation: str | Activation = "relu"
) -> tuple[Array, LayerCache]:
    r"""A whole layer forward: the linear step, then the activation.

    Parameters
    ----------
    A_prev : ndarray of shape (n_prev, m)
    W : ndarray of shape (n, n_prev)
    b : ndarray of shape (n, 1)
    activation : str or Activation, default "relu"
        ``"sigmoid"``, ``"tanh"``, ``"relu"``, ``"leaky_relu"``, ``"linear"``, or an
        :class:`~scratchnn.activations.Activation` (e.g. ``get_activation("relu", at_zero=1.0)``).

    Returns
    -------
    A : ndarray of shape (n, m)
    cache : LayerCache
        ``((A_prev, W, b), Z)``.

    Notes
    -----
    .. math:: Z = W A_{prev} + b, \quad A = g(Z)
    """
    act = get_activation(activation)
    A_prev, W, b = _checked_linear(A_prev, W, b)
    return _linear_activation_forward(A_prev, W, b, act)


def _linear_activation_forward(
    A_prev: Array, W: Array, b: Array, act: Activation
) -> tuple[Array, LayerCache]:
    Z = _linear_forward(A_prev, W, b)
    return act.forward(Z), LayerCache(LinearCache(A_prev, W, b), Z)


def linear_activation_backward(
    dA: Array, cache: LayerCacheLike, activation: str | Activation = "relu"
) -> tuple[Array, Array, Array]:
    r"""A whole layer backward: through the activation, then the linear step.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
        Gradient of the cost with respect to this layer's output A, per example.
    cache : LayerCache or tuple
        ``((A_prev, W, b), Z)`` from :func:`linear_activation_forward`.
    activation : str or Activation, default "relu"
        The activation the forward pass used.

    Returns
    -------
    dA_prev : ndarray of shape (n_prev, m)
        Per example.
    dW : ndarray of shape (n, n_prev)
        Of the mean cost.
    db : ndarray of shape (n, 1)
        Of the mean cost.

    Notes
    -----
    .. math::
        dZ = dA \odot g'(Z), \quad dW = \frac{1}{m} dZ A_{prev}^T, \quad
        db = \frac{1}{m} \sum_{i} dZ^{(i)}, \quad dA_{prev} = W^T dZ
    """
    act = get_activation(activation)
    if not isinstance(cache, tuple) or len(cache) != 2:
        raise TypeError(
            "cache must be the ((A_prev, W, b), Z) tuple from linear_activation_forward"
        )
    linear_cache, Z = cache
    A_prev, W, _ = _unpack_linear_cache(linear_cache, "cache[0]")
    Z = _checked_dZ(Z, W.shape[0], A_prev, "Z")
    dA = check.as_array(dA, "dA")
    check.same_shape(dA, "dA", Z, "Z")
    check.same_float_dtype(dA=dA, Z=Z)
    return _linear_activation_backward(dA, A_prev, W, Z, act)


def _linear_activation_backward(
    dA: Array, A_prev: Array, W: Array, Z: Array, act: Activation, *, need_dA_prev: bool = True
) -> tuple[Array, Array, Array]:
    dZ = act.backward(dA, Z)
    return _linear_backward(dZ, A_prev, W, need_dA_prev=need_dA_prev)
