r"""One layer: the linear step and the linear step followed by an activation.

Caches are NamedTuples that unpack exactly like the course's tuples:
``A_prev, W, b = linear_cache`` and ``(A_prev, W, b), Z = cache``.
"""

from __future__ import annotations

from scratchnn import _validate as check
from scratchnn import kernels
from scratchnn._validate import Array
from scratchnn.activations import Activation, get_activation
from scratchnn.kernels import LayerCache, LayerCacheLike, LinearCache


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
    A_prev, W, b = check.linear_inputs(A_prev, W, b)
    return kernels.linear_forward(A_prev, W, b), LinearCache(A_prev, W, b)


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
    A_prev, W, _ = check.linear_cache(cache)
    dZ = check.layer_array(dZ, W.shape[0], A_prev)
    return kernels.linear_backward(dZ, A_prev, W)


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
    A_prev, W, b = check.linear_inputs(A_prev, W, b)
    return kernels.linear_activation_forward(A_prev, W, b, act)


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
    A_prev, W, _ = check.linear_cache(linear_cache, "cache[0]")
    Z = check.layer_array(Z, W.shape[0], A_prev, "Z")
    dA = check.as_array(dA, "dA")
    check.same_shape(dA, "dA", Z, "Z")
    check.same_float_dtype(dA=dA, Z=Z)
    return kernels.linear_activation_backward(dA, A_prev, W, Z, act)
