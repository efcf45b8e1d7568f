r"""The training loop's engine: the layer walk of :mod:`scratchnn.kernels`, into reused buffers.

:func:`scratchnn.train` runs thousands of steps on arrays of fixed shapes, so the loop keeps one
set of buffers per layer (:class:`Buffers`) and walks the layers with the same
``kernels.model_forward`` and ``kernels.model_backward`` that the public functions use, writing
into the buffers. Each layer's parameters are updated in place as soon as the backward walk no
longer needs them. The numbers are therefore exactly those of ``model_forward``,
``compute_cost``, ``model_backward`` and ``update_parameters`` called one after the other (a
unit test checks it). The one difference is the sign of some exact zeros: ``dA * 0`` is -0.0
where dA < 0, and ``np.where`` gives +0.0; -0.0 and +0.0 are equal and add alike, so no value
differs. The parameters are copied once at the start; the caller's arrays are never written.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scratchnn import kernels
from scratchnn._validate import Array
from scratchnn.activations import Activation
from scratchnn.kernels import Layers


class Buffers:
    r"""Every array one step writes, allocated once, for steps on arrays of fixed shapes.

    The training loop walks the same layers thousands of times; writing Z, dZ, dW, db and dA
    into the same memory each time saves the page faults and memory traffic of fresh arrays,
    comparable to the matrix products themselves on large layers. A ReLU layer keeps its A in
    Z's buffer (``max(Z, 0)`` in place) and its cache's ``Z`` is then that A, which has the same
    positive entries, all that ReLU's backward needs; its backward multiplies dA by the mask
    ``A > 0`` in place (a vectorized multiply: a masked assignment costs five times as much).

    Parameters
    ----------
    m : int
        Examples per step.
    layers : list of (W, b)
        ``W`` (n_l, n_{l-1}), ``b`` (n_l, 1).
    acts : list of L Activation

    Notes
    -----
    .. math:: Z^{[l]},\ dZ^{[l]} \in \mathbb{R}^{n_l \times m},\quad
              dW^{[l]} \in \mathbb{R}^{n_l \times n_{l-1}},\quad
              dA^{[l-1]} \in \mathbb{R}^{n_{l-1} \times m}\ (l \geq 2)
    """

    def __init__(self, m: int, layers: Layers, acts: Sequence[Activation]):
        dtype = layers[0][0].dtype
        self.inplace = [
            act.forward is kernels.relu and act.backward is kernels.relu_backward for act in acts
        ]
        # Z (and the A kept in it), the mask and dA are column-major, as kernels.linear_forward
        # and linear_backward write them
        self.Z = [np.empty((W.shape[0], m), dtype, order="F") for W, _ in layers]
        self.mask = [
            np.empty((W.shape[0], m), bool, order="F") if inplace else None
            for (W, _), inplace in zip(layers, self.inplace, strict=True)
        ]
        self.dA: list[Array | None] = [None] + [
            np.empty((W.shape[1], m), dtype, order="F") for W, _ in layers[1:]
        ]
        self.dW = [np.empty_like(W) for W, _ in layers]
        self.db = [np.empty_like(b) for _, b in layers]


class Loop:
    r"""Buffers and parameters of one training run (forward, then backward_and_update).

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    layers : list of (W, b)
        ``W`` (n_l, n_{l-1}), ``b`` (n_l, 1), already checked; copied here.
    acts : list of L Activation

    Notes
    -----
    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \quad
              W^{[l]} := W^{[l]} - \alpha \frac{1}{m} dZ^{[l]} A^{[l-1]T}
    """

    def __init__(self, X: Array, layers: Sequence[tuple[Array, Array]], acts: Sequence[Activation]):
        self.X = X
        self.acts = list(acts)
        self.layers: Layers = [(W.copy(), b.copy()) for W, b in layers]
        self.buffers = Buffers(X.shape[1], self.layers, self.acts)
        self.caches: list[kernels.LayerCache] = []

    def forward(self) -> Array:
        """Run the forward pass; returns AL (n_L, m)."""
        AL, self.caches = kernels.model_forward(self.X, self.layers, self.acts, self.buffers)
        return AL

    def backward_and_update(self, dAL: Array, learning_rate: float) -> None:
        """Backward from ``dAL`` (n_L, m, per example; owned by the loop) and the update."""

        def update(layer: int, dW: Array, db: Array) -> None:
            W, b = self.layers[layer - 1]
            np.multiply(dW, learning_rate, out=dW)
            W -= dW
            np.multiply(db, learning_rate, out=db)
            b -= db

        kernels.model_backward(
            dAL, self.caches, self.acts, need_dA0=False, buffers=self.buffers, on_layer=update
        )
