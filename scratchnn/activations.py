r"""Activation functions, each with its backward right below it.

Every backward has the signature ``name_backward(dA, Z) -> dZ``: ``dA`` is the gradient of the
cost with respect to the activation's output ``A = g(Z)``, and ``dZ = dA * g'(Z)`` elementwise.
All arrays are (n, m): n units, m examples. The course's forms computed from the output ``A``
instead of ``Z`` (``a(1-a)`` for sigmoid, ``1-a^2`` for tanh) are here too, as
``*_backward_from_A``.

Subgradients at the kink: ``relu_backward`` takes the derivative at z = 0 to be 0 by default, as the
course's assignment code (``dZ[Z <= 0] = 0``) and PyTorch do; pass ``at_zero=1.0`` for the lecture's
convention. ``leaky_relu_backward`` takes it to be the slope by default, as PyTorch does.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import NamedTuple

import numpy as np

from scratchnn import _validate as check
from scratchnn import kernels
from scratchnn._validate import Array


def _dA_and_Z(dA: Array, Z: Array) -> tuple[Array, Array]:
    dA = check.as_array(dA, "dA")
    Z = check.as_array(Z, "Z")
    check.same_shape(dA, "dA", Z, "Z")
    check.same_float_dtype(dA=dA, Z=Z)
    return dA, Z


def sigmoid(Z: Array) -> Array:
    r"""Logistic sigmoid, stable for every finite input.

    Parameters
    ----------
    Z : ndarray of shape (n, m)
        Pre-activations.

    Returns
    -------
    A : ndarray of shape (n, m)
        Same dtype as ``Z``. Exactly 0 or 1 only where the true value rounds to it.

    Notes
    -----
    .. math:: \sigma(z) = \frac{1}{1 + e^{-z}} = \frac{e^{z}}{1 + e^{z}}

    The first form is used for z >= 0 and the second for z < 0, so ``exp`` never overflows.
    """
    return kernels.sigmoid(check.as_array(Z, "Z"))


def sigmoid_backward(dA: Array, Z: Array) -> Array:
    r"""Gradient through the sigmoid, from its input ``Z``.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
        Gradient of the cost with respect to ``A = sigmoid(Z)``.
    Z : ndarray of shape (n, m)
        The pre-activations the forward pass saw.

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot \sigma(Z) \odot (1 - \sigma(Z))
    """
    return kernels.sigmoid_backward(*_dA_and_Z(dA, Z))


def sigmoid_backward_from_A(dA: Array, A: Array) -> Array:
    r"""The course's form of the sigmoid's gradient, from its output ``A``.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    A : ndarray of shape (n, m)
        Outputs of the sigmoid, in [0, 1].

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot A \odot (1 - A)
    """
    dA, A = _dA_and_Z(dA, A)
    check.probabilities(A, "A")
    return dA * A * (1 - A)


def tanh(Z: Array) -> Array:
    r"""Hyperbolic tangent.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m)

    Notes
    -----
    .. math:: \tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}
    """
    return kernels.tanh(check.as_array(Z, "Z"))


def tanh_backward(dA: Array, Z: Array) -> Array:
    r"""Gradient through tanh, from its input ``Z``.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot (1 - \tanh^2(Z))
    """
    return kernels.tanh_backward(*_dA_and_Z(dA, Z))


def tanh_backward_from_A(dA: Array, A: Array) -> Array:
    r"""The course's form of tanh's gradient, from its output ``A`` (week 3's ``1 - A1**2``).

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    A : ndarray of shape (n, m)
        Outputs of tanh, in [-1, 1].

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot (1 - A^2)
    """
    dA, A = _dA_and_Z(dA, A)
    if A.size and np.abs(A).max() > 1:
        raise ValueError(f"A must hold tanh outputs in [-1, 1]; max |A| is {np.abs(A).max()!r}")
    return dA * (1 - A * A)


def relu(Z: Array) -> Array:
    r"""Rectified linear unit.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m)

    Notes
    -----
    .. math:: \mathrm{relu}(z) = \max(0, z)
    """
    return kernels.relu(check.as_array(Z, "Z"))


def relu_backward(dA: Array, Z: Array, *, at_zero: float = 0.0) -> Array:
    r"""Gradient through ReLU, with a chosen derivative at the kink.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)
    at_zero : float, default 0.0
        The derivative used where z == 0: 0 as in the course's code and PyTorch, 1 for the
        lecture's "treat z = 0 as z > 0".

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math::
        dZ = dA \odot \begin{cases} 1 & z > 0 \\ \text{at\_zero} & z = 0 \\ 0 & z < 0 \end{cases}
    """
    dA, Z = _dA_and_Z(dA, Z)
    return kernels.relu_backward(dA, Z, at_zero=check.finite_number(at_zero, "at_zero"))


def leaky_relu(Z: Array, slope: float = 0.01) -> Array:
    r"""Leaky ReLU.

    Parameters
    ----------
    Z : ndarray of shape (n, m)
    slope : float, default 0.01
        The slope for negative inputs (PyTorch's ``negative_slope``).

    Returns
    -------
    A : ndarray of shape (n, m)

    Notes
    -----
    .. math::
        \mathrm{leaky}(z) = \begin{cases} z & z > 0 \\ \text{slope} \cdot z & z \le 0 \end{cases}
    """
    return kernels.leaky_relu(check.as_array(Z, "Z"), check.finite_number(slope, "slope"))


def leaky_relu_backward(
    dA: Array, Z: Array, slope: float = 0.01, *, at_zero: float | None = None
) -> Array:
    r"""Gradient through leaky ReLU.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)
    slope : float, default 0.01
    at_zero : float or None, default None
        The derivative used where z == 0; None means ``slope``, as in PyTorch.

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot \begin{cases} 1 & z > 0 \\ \text{slope} & z \le 0 \end{cases}
    """
    dA, Z = _dA_and_Z(dA, Z)
    slope = check.finite_number(slope, "slope")
    if at_zero is not None:
        at_zero = check.finite_number(at_zero, "at_zero")
    return kernels.leaky_relu_backward(dA, Z, slope, at_zero=at_zero)


def silu(Z: Array) -> Array:
    r"""SiLU (swish): each input times its sigmoid, stable for every finite input.

    Parameters
    ----------
    Z : ndarray of shape (n, m)
        Pre-activations.

    Returns
    -------
    A : ndarray of shape (n, m)
        Same dtype as ``Z``.

    Notes
    -----
    .. math:: \operatorname{silu}(z) = z \, \sigma(z)
    """
    return kernels.silu(check.as_array(Z, "Z"))


def silu_backward(dA: Array, Z: Array) -> Array:
    r"""Gradient through SiLU, from its input ``Z``.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
        Gradient of the cost with respect to ``A = silu(Z)``.
    Z : ndarray of shape (n, m)
        The pre-activations the forward pass saw.

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA \odot \sigma(Z) \odot \bigl(1 + Z \odot (1 - \sigma(Z))\bigr)
    """
    return kernels.silu_backward(*_dA_and_Z(dA, Z))


def identity(Z: Array) -> Array:
    r"""The identity ("linear") activation, for a regression output.

    Parameters
    ----------
    Z : ndarray of shape (n, m)

    Returns
    -------
    A : ndarray of shape (n, m)
        A new array equal to ``Z`` (never a view that could alias the input).

    Notes
    -----
    .. math:: g(z) = z
    """
    return kernels.identity(check.as_array(Z, "Z"))


def identity_backward(dA: Array, Z: Array) -> Array:
    r"""Gradient through the identity: ``dZ = dA``.

    Parameters
    ----------
    dA : ndarray of shape (n, m)
    Z : ndarray of shape (n, m)
        Only its shape is checked.

    Returns
    -------
    dZ : ndarray of shape (n, m)

    Notes
    -----
    .. math:: dZ = dA
    """
    return kernels.identity_backward(*_dA_and_Z(dA, Z))


class Activation(NamedTuple):
    """An activation as the layers use it: a name and two kernels that do not validate.

    ``forward(Z) -> A`` and ``backward(dA, Z) -> dZ`` receive arrays the layer already checked.
    """

    name: str
    forward: Callable[[Array], Array]
    backward: Callable[[Array, Array], Array]


ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation("sigmoid", kernels.sigmoid, kernels.sigmoid_backward),
    "tanh": Activation("tanh", kernels.tanh, kernels.tanh_backward),
    "relu": Activation("relu", kernels.relu, kernels.relu_backward),
    "leaky_relu": Activation("leaky_relu", kernels.leaky_relu, kernels.leaky_relu_backward),
    "silu": Activation("silu", kernels.silu, kernels.silu_backward),
    "linear": Activation("linear", kernels.identity, kernels.identity_backward),
    "identity": Activation("identity", kernels.identity, kernels.identity_backward),
}


def get_activation(
    spec: str | Activation, *, slope: float | None = None, at_zero: float | None = None
) -> Activation:
    """Resolve an activation name (or pass an :class:`Activation` through).

    Parameters
    ----------
    spec : str or Activation
        One of ``"sigmoid", "tanh", "relu", "leaky_relu", "silu", "linear"`` (alias
        ``"identity"``).
    slope : float, optional
        Leaky ReLU's negative slope (only for ``"leaky_relu"``).
    at_zero : float, optional
        The derivative at z == 0 (only for ``"relu"`` and ``"leaky_relu"``); ``at_zero=1.0`` with
        ``"relu"`` gives the lecture's convention.

    Returns
    -------
    Activation
    """
    if isinstance(spec, Activation):
        if slope is not None or at_zero is not None:
            raise ValueError("slope and at_zero apply to activation names, not Activation objects")
        return spec
    if not isinstance(spec, str):
        raise TypeError(f"activation must be a name or an Activation; got {type(spec).__name__}")
    if spec not in ACTIVATIONS:
        raise ValueError(f"unknown activation {spec!r}; expected one of {sorted(ACTIVATIONS)}")
    act = ACTIVATIONS[spec]
    if slope is not None and spec != "leaky_relu":
        raise ValueError(f"slope applies to 'leaky_relu' only, not {spec!r}")
    if at_zero is not None and spec not in ("relu", "leaky_relu"):
        raise ValueError(f"at_zero applies to 'relu' and 'leaky_relu' only, not {spec!r}")
    if slope is None and at_zero is None:
        return act
    if slope is not None:
        slope = check.finite_number(slope, "slope")
    if at_zero is not None:
        at_zero = check.finite_number(at_zero, "at_zero")
    options: dict[str, float] = {} if slope is None else {"slope": slope}
    back_options = dict(options) if at_zero is None else {**options, "at_zero": at_zero}
    name = spec + "".join(f"[{key}={value}]" for key, value in back_options.items())
    return Activation(name, partial(act.forward, **options), partial(act.backward, **back_options))
