r"""Parameter initialization, with an explicit random generator.

``rng`` is a ``np.random.Generator`` or a legacy ``np.random.RandomState``. Weights are drawn in
layer order with ``rng.standard_normal((n_l, n_{l-1}))`` and biases are zeros and not drawn, so
``np.random.RandomState(1)`` reproduces the course's ``np.random.seed(1); np.random.randn(...)``.
Draws are made in float64 and then cast, so float32 parameters hold the same numbers, rounded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from scratchnn import _validate as check
from scratchnn._validate import Array

#: The schemes and the standard deviation of W[l] under each (n_prev = n_{l-1}).
SCHEMES = {
    "zeros": "0 (every hidden unit computes the same thing forever: symmetry is never broken)",
    "scaled": "scale (0.01 by default: the course's week 3 and step-by-step week 4)",
    "sqrt_fan_in": "1 / sqrt(n_prev) (the course's week-4 application)",
    "he": "sqrt(2 / n_prev) (He et al. 2015, for ReLU layers)",
}

RandomGenerator = np.random.Generator | np.random.RandomState


def initialize_parameters(
    layer_dims: Sequence[int],
    *,
    scheme: str = "sqrt_fan_in",
    rng: RandomGenerator | None = None,
    scale: float = 0.01,
    dtype: Any = np.float64,
) -> dict[str, Array]:
    r"""Initialize ``W1, b1, ..., WL, bL`` for layer sizes ``[n_x, n_1, ..., n_L]``.

    Parameters
    ----------
    layer_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``, at least two sizes, each >= 1.
    scheme : {"zeros", "scaled", "sqrt_fan_in", "he"}, default "sqrt_fan_in"
        How W is drawn (see :data:`SCHEMES`); b is always zeros.
    rng : numpy.random.Generator or numpy.random.RandomState
        Required unless ``scheme="zeros"``. ``RandomState(1)`` gives the course's numbers.
    scale : float, default 0.01
        The factor of the ``"scaled"`` scheme.
    dtype : float32 or float64, default float64

    Returns
    -------
    parameters : dict
        ``W{l}`` of shape (n_l, n_{l-1}) and ``b{l}`` of shape (n_l, 1).

    Notes
    -----
    .. math::
        W^{[l]} = \epsilon^{[l]} \cdot c^{[l]}, \quad \epsilon^{[l]}_{ij} \sim \mathcal{N}(0, 1),
        \quad c^{[l]} \in \{0,\ \text{scale},\ 1/\sqrt{n_{l-1}},\ \sqrt{2/n_{l-1}}\},
        \quad b^{[l]} = 0
    """
    dims = _checked_dims(layer_dims)
    if scheme not in SCHEMES:
        raise ValueError(f"unknown scheme {scheme!r}; expected one of {sorted(SCHEMES)}")
    if np.dtype(dtype) not in check.FLOAT_DTYPES:
        raise TypeError(f"dtype must be float32 or float64; got {np.dtype(dtype)}")
    scale = check.finite_number(scale, "scale", positive=True)
    if scheme != "zeros" and not isinstance(rng, (np.random.Generator, np.random.RandomState)):
        raise TypeError(
            f"rng must be a numpy.random.Generator or RandomState for scheme {scheme!r}; got "
            f"{type(rng).__name__} (RandomState(1) reproduces the course's draws)"
        )
    parameters: dict[str, Array] = {}
    for layer in range(1, len(dims)):
        n, n_prev = dims[layer], dims[layer - 1]
        if scheme == "zeros" or rng is None:
            W = np.zeros((n, n_prev))
        else:
            W = rng.standard_normal((n, n_prev))
            if scheme == "scaled":
                W = W * scale
            elif scheme == "sqrt_fan_in":
                W = W / np.sqrt(n_prev)
            else:
                W = W * np.sqrt(2 / n_prev)
        parameters[f"W{layer}"] = W.astype(dtype, copy=False)
        parameters[f"b{layer}"] = np.zeros((n, 1), dtype=dtype)
    return parameters


def _checked_dims(layer_dims: Any) -> list[int]:
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise TypeError(f"layer_dims must be a list of ints; got {type(layer_dims).__name__}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs at least [n_x, n_y]; got {list(layer_dims)!r}")
    return [check.count(n, f"layer_dims[{i}]", minimum=1) for i, n in enumerate(layer_dims)]


def course_rng(rng: RandomGenerator | None, seed: int) -> RandomGenerator:
    """The course notebooks' seeding: ``rng`` if given, else ``RandomState(seed)``.

    The course calls ``np.random.seed(seed)`` inside its functions; the course API
    (:mod:`scratchnn.course`) takes an ``rng`` instead and uses the notebook's seed when it is None.
    """
    if rng is None:
        return np.random.RandomState(seed)
    if not isinstance(rng, (np.random.Generator, np.random.RandomState)):
        raise TypeError(
            f"rng must be a numpy.random.Generator, a RandomState or None; got {type(rng).__name__}"
        )
    return rng
