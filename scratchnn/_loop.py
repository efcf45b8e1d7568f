r"""The training loop's engine: the same arithmetic as the public functions, in reused buffers.

:func:`scratchnn.train` runs thousands of steps on arrays of fixed shapes. Allocating every Z, A,
dZ, dW afresh costs page faults and memory traffic comparable to the matrix products themselves
on large layers, so the loop keeps one set of buffers per layer and writes into them:

* ``Z = W A_prev`` into the layer's buffer (``np.matmul(..., out=)``), then ``Z += b``;
* a ReLU layer applies ``max(Z, 0)`` in place (its backward needs only where A > 0, which is
  where Z > 0) and its backward multiplies dA by that mask in place (a vectorized multiply; a
  masked assignment costs five times as much with the mask's random pattern); other activations
  run their own kernels;
* dW, db and dA_prev go into their buffers; each layer's parameters are updated in place as soon
  as its backward no longer needs them.

Every operation is the one :mod:`scratchnn.layers` and :mod:`scratchnn.network` perform, in the
same order, so the numbers are exactly those of ``model_forward``, ``compute_cost``,
``model_backward`` and ``update_parameters`` called one after the other (a unit test checks it).
The one difference is the sign of some exact zeros: ``dA * 0`` is -0.0 where dA < 0, and
``np.where`` gives +0.0; -0.0 and +0.0 are equal and add alike, so no value differs.
The parameters are copied once at the start; the caller's arrays are never written.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from scratchnn import kernels
from scratchnn._validate import Array
from scratchnn.activations import Activation


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
        m, dtype = X.shape[1], X.dtype
        self.X = X
        self.acts = list(acts)
        self.layers = [(W.copy(), b.copy()) for W, b in layers]
        # ReLU layers keep A in Z's buffer; their mask is where A > 0 (where Z > 0).
        self.inplace = [
            act.forward is kernels.relu and act.backward is kernels.relu_backward for act in acts
        ]
        self.Z = [np.empty((W.shape[0], m), dtype) for W, _ in layers]
        self.mask = [
            np.empty((W.shape[0], m), bool) if inplace else None
            for (W, _), inplace in zip(layers, self.inplace, strict=True)
        ]
        # dA of layer l's input, for l = 2 .. L (dA0 is not needed to train)
        self.dA = [np.empty((W.shape[1], m), dtype) for W, _ in layers[1:]]
        self.dW = [np.empty_like(W) for W, _ in layers]
        self.db = [np.empty_like(b) for _, b in layers]
        self.A: list[Array] = [X] * (len(layers) + 1)

    def forward(self) -> Array:
        """Run the forward pass; returns AL (n_L, m)."""
        A = self.X
        for layer, ((W, b), act) in enumerate(zip(self.layers, self.acts, strict=True)):
            Z = self.Z[layer]
            np.matmul(W, A, out=Z)
            Z += b
            A = np.maximum(Z, 0.0, out=Z) if self.inplace[layer] else act.forward(Z)
            self.A[layer + 1] = A
        return A

    def backward_and_update(self, dAL: Array, learning_rate: float) -> None:
        """Backward from ``dAL`` (n_L, m, per example; owned by the loop) and the update."""
        m = self.X.shape[1]
        dA = dAL
        for layer in range(len(self.layers) - 1, -1, -1):
            W, b = self.layers[layer]
            mask = self.mask[layer]
            if mask is not None:  # dZ = where(Z > 0, dA, 0), written over dA
                np.greater(self.A[layer + 1], 0.0, out=mask)
                dZ = np.multiply(dA, mask, out=dA)
            else:
                dZ = self.acts[layer].backward(dA, self.Z[layer])
            dW, db = self.dW[layer], self.db[layer]
            np.matmul(dZ, self.A[layer].T, out=dW)
            dW /= m
            np.sum(dZ, axis=1, keepdims=True, out=db)
            db /= m
            if layer > 0:
                dA = np.matmul(W.T, dZ, out=self.dA[layer - 1])
            np.multiply(dW, learning_rate, out=dW)
            W -= dW
            np.multiply(db, learning_rate, out=db)
            b -= db
