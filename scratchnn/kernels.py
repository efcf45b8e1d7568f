r"""The unchecked arithmetic: every kernel the public functions run once their inputs are checked.

The public functions (:mod:`scratchnn.activations`, :mod:`~scratchnn.layers`,
:mod:`~scratchnn.network`, :mod:`~scratchnn.losses`), the training loop and the course facade
validate their arguments and then call these, so each formula is written once, here. A kernel
trusts its inputs: float arrays of matching shapes and dtype, in the course's layout (examples are
columns). The layer walk of a whole network (:func:`model_forward`, :func:`model_backward`) is
here too, so every caller walks layers the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial
from typing import TYPE_CHECKING, NamedTuple, cast

import numpy as np

from scratchnn._validate import Array

if TYPE_CHECKING:
    from scratchnn._loop import Buffers
    from scratchnn.activations import Activation

#: A network's checked parameters, layer by layer: ``[(W1, b1), ..., (WL, bL)]``.
Layers = list[tuple[Array, Array]]


# --- caches ---------------------------------------------------------------------------------------


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


# --- activations ---------------------------------------------------------------------------------


def sigmoid(Z: Array) -> Array:
    """1 / (1 + e^-z), in the form that never overflows (``activations.sigmoid``)."""
    e = np.exp(-np.abs(Z))
    d = 1 + e
    return np.where(Z >= 0, 1 / d, e / d)


def sigmoid_backward(dA: Array, Z: Array) -> Array:
    """Gives dA * s * (1 - s) with s = sigmoid(Z) (``activations.sigmoid_backward``)."""
    s = sigmoid(Z)
    return dA * s * (1 - s)


def tanh(Z: Array) -> Array:
    """tanh(Z) (``activations.tanh``)."""
    A: Array = np.tanh(Z)
    return A


def tanh_backward(dA: Array, Z: Array) -> Array:
    """Gives dA * (1 - tanh(Z)**2) (``activations.tanh_backward``)."""
    t: Array = np.tanh(Z)
    return dA * (1 - t * t)


def relu(Z: Array) -> Array:
    """max(Z, 0) (``activations.relu``)."""
    return np.maximum(Z, 0.0)


def relu_backward(dA: Array, Z: Array, *, at_zero: float = 0.0) -> Array:
    """Gives dA where Z > 0, else 0 (``at_zero * dA`` at Z == 0 if given)."""
    dZ = np.where(Z > 0, dA, 0.0)
    if at_zero:
        dZ = np.where(Z == 0, at_zero * dA, dZ)
    return dZ


def leaky_relu(Z: Array, slope: float = 0.01) -> Array:
    """Z where Z > 0, else slope * Z (``activations.leaky_relu``)."""
    return np.where(Z > 0, Z, slope * Z)


def leaky_relu_backward(
    dA: Array, Z: Array, slope: float = 0.01, *, at_zero: float | None = None
) -> Array:
    """Gives dA where Z > 0, else slope * dA (``at_zero * dA`` at Z == 0 if given)."""
    dZ = np.where(Z > 0, dA, slope * dA)
    if at_zero is not None:
        dZ = np.where(Z == 0, at_zero * dA, dZ)
    return dZ


def silu(Z: Array) -> Array:
    """Z * sigmoid(Z) (``activations.silu``)."""
    return Z * sigmoid(Z)


def silu_backward(dA: Array, Z: Array) -> Array:
    """Gives dA * s * (1 + Z * (1 - s)) with s = sigmoid(Z) (``activations.silu_backward``)."""
    s = sigmoid(Z)
    return dA * s * (1 + Z * (1 - s))


def identity(Z: Array) -> Array:
    """A copy of Z (``activations.identity``)."""
    return Z.copy(order="K")


def identity_backward(dA: Array, Z: Array) -> Array:
    """A copy of dA (``activations.identity_backward``)."""
    return dA.copy(order="K")


# --- layers, and the walk over a network's layers -----------------------------------------------


def linear_forward(A_prev: Array, W: Array, b: Array, *, out: Array | None = None) -> Array:
    """Z = W A_prev + b (``layers.linear_forward``); into ``out`` (column-major) if given.

    Computed as the row-major product ``A_prev^T W^T``, so Z is column-major. With few units and
    many inputs (the course's nets: W1 is 7 or 20 by 12288) BLAS runs this orientation of the
    same product much faster, by a third on the cat nets; on large square layers it is as fast.
    """
    Z: Array = np.matmul(A_prev.T, W.T, out=None if out is None else out.T).T
    Z += b
    return Z


def linear_backward(
    dZ: Array,
    A_prev: Array,
    W: Array,
    *,
    need_dA_prev: bool = True,
    out: tuple[Array | None, Array, Array] | None = None,
    on_weight_grad: Callable[[Array, Array], None] | None = None,
    dA_column_major: bool | None = None,
) -> tuple[Array, Array, Array]:
    """Gives dA_prev = W.T dZ (per example), dW = dZ A_prev.T / m, db = sum(dZ) / m.

    ``dA_column_major`` writes dA_prev column-major (True) or row-major (False); None, the
    default, gives it A_prev's layout: column-major for a hidden layer's A (see
    :func:`linear_forward`), so that the previous layer's ``dA * g'(Z)`` walks two arrays in one
    order (and on large layers BLAS is faster so). ``out``: buffers ``(dA_prev or None, dW,
    db)`` to write into (the training loop's), dA_prev in that layout.
    ``on_weight_grad(dZ, dW)`` is called as soon as dW is known, while the A_prev it read is
    still in the processor's cache (before dA_prev's writes push it out).
    """
    m = A_prev.shape[1]
    into = (None, None, None) if out is None else out
    dW: Array = np.matmul(dZ, A_prev.T, out=into[1])
    dW /= m
    db: Array = np.add.reduce(dZ, axis=1, keepdims=True, out=into[2])
    db /= m
    if on_weight_grad is not None:
        on_weight_grad(dZ, dW)
    dA_prev: Array
    if not need_dA_prev:
        dA_prev = np.empty((A_prev.shape[0], 0), dZ.dtype)
    elif column_major(A_prev) if dA_column_major is None else dA_column_major:
        dA_prev = np.matmul(dZ.T, W, out=None if into[0] is None else into[0].T).T
    else:
        dA_prev = np.matmul(W.T, dZ, out=into[0])
    return dA_prev, dW, db


def column_major(A: Array) -> bool:
    """Whether A is stored column by column (and not also row by row, as one row or column is)."""
    return bool(A.flags.f_contiguous and not A.flags.c_contiguous)


def linear_activation_forward(
    A_prev: Array, W: Array, b: Array, act: Activation
) -> tuple[Array, LayerCache]:
    """A = g(W A_prev + b) and the cache ((A_prev, W, b), Z)."""
    Z = linear_forward(A_prev, W, b)
    return act.forward(Z), LayerCache(LinearCache(A_prev, W, b), Z)


def linear_activation_backward(
    dA: Array, A_prev: Array, W: Array, Z: Array, act: Activation, *, need_dA_prev: bool = True
) -> tuple[Array, Array, Array]:
    """Gives dZ = g'(Z) * dA, then :func:`linear_backward`."""
    dZ = act.backward(dA, Z)
    return linear_backward(dZ, A_prev, W, need_dA_prev=need_dA_prev)


def model_forward(
    X: Array, layers: Layers, acts: Sequence[Activation], buffers: Buffers | None = None
) -> tuple[Array, list[LayerCache]]:
    """The walk forward over every layer: AL and each layer's cache (into ``buffers`` if given)."""
    A = X
    caches = []
    for layer, ((W, b), act) in enumerate(zip(layers, acts, strict=True)):
        Z = linear_forward(A, W, b, out=None if buffers is None else buffers.Z[layer])
        caches.append(LayerCache(LinearCache(A, W, b), Z))
        if buffers is not None and buffers.inplace[layer]:
            A = np.maximum(Z, 0.0, out=Z)
        else:
            A = act.forward(Z)
    return A, caches


#: ``on_layer(l, dW, db)``: called as soon as layer l's gradients are known (its W is no longer
#: needed by the walk, so the training loop updates it there, in place).
OnLayer = Callable[[int, Array, Array], None]
#: ``on_weight_grad(l, dZ, dW)``: called as soon as layer l's dW is known (model_backward's proof).
OnWeightGrad = Callable[[int, Array, Array], None]


def model_backward(
    dAL: Array | None,
    caches: Sequence[LayerCache],
    acts: Sequence[Activation],
    *,
    dZL: Array | None = None,
    need_dA0: bool = True,
    on_weight_grad: OnWeightGrad | None = None,
    buffers: Buffers | None = None,
    on_layer: OnLayer | None = None,
) -> dict[str, Array]:
    """The walk backward from dAL: dA{l-1}, dW{l}, db{l} for l = L .. 1.

    ``dZL`` instead of dAL starts one step later, from the output layer's dZ (``AL - Y`` for a
    sigmoid output under cross-entropy, as the course's shallow net and logistic regression
    compute it). ``on_weight_grad(l, dZ, dW)``, if given, is called as soon as layer l's dW is
    known. With ``buffers`` every array is written into them (and dAL may be overwritten).
    """
    if (dAL is None) == (dZL is None):
        raise TypeError("model_backward starts from one of dAL and dZL")
    grads: dict[str, Array] = {}
    dA = cast("Array", dAL if dZL is None else dZL)
    for layer in range(len(caches), 0, -1):
        (A_prev, W, _), Z = caches[layer - 1]
        need = layer > 1 or need_dA0
        if layer == len(caches) and dZL is not None:
            dZ = dZL
        elif buffers is not None and (mask := buffers.mask[layer - 1]) is not None:
            np.greater(Z, 0.0, out=mask)  # dZ = where(Z > 0, dA, 0), written over dA
            dZ = np.multiply(dA, mask, out=dA)
        else:
            dZ = acts[layer - 1].backward(dA, Z)
        out = None
        if buffers is not None:
            out = (buffers.dA[layer - 1], buffers.dW[layer - 1], buffers.db[layer - 1])
        seen = None if on_weight_grad is None else partial(on_weight_grad, layer)
        # dA0, X's gradient, row-major: with few units and many inputs (W1 @ X) BLAS writes it
        # fastest so, and no layer reads it; a hidden layer's dA in its A's layout
        dA, dW, db = linear_backward(
            dZ,
            A_prev,
            W,
            need_dA_prev=need,
            out=out,
            on_weight_grad=seen,
            dA_column_major=None if layer > 1 else False,
        )
        if on_layer is not None:
            on_layer(layer, dW, db)
        if need:
            grads[f"dA{layer - 1}"] = dA
        grads[f"dW{layer}"] = dW
        grads[f"db{layer}"] = db
    return grads


# --- costs ---------------------------------------------------------------------------------------

#: Each log is clamped below at this value, as PyTorch's ``binary_cross_entropy`` does.
LOG_CLAMP = -100.0


#: ``compute_cost_backward`` divides by ``max(a(1-a), EPSILON)``, as PyTorch's backward does. Its
#: constant is 1e-12 rounded to float32 (9.99999996e-13); we use the same number, so a saturated
#: AL gets the same finite gradient as in torch, to the last digit.
EPSILON = float(np.float32(1e-12))


def clamped_log(X: Array) -> Array:
    """log(X), each value clamped below at LOG_CLAMP (no warning at 0)."""
    with np.errstate(divide="ignore"):
        return np.maximum(np.log(X), LOG_CLAMP)


def cost(AL: Array, Y: Array) -> float:
    """The mean cross-entropy for labels 0 and 1, each log clamped (``losses.compute_cost``)."""
    # With labels 0 and 1 the formula's two terms are one log each, exactly (0 * x = 0 for the
    # clamped, finite logs): log(a) where y = 1 and log(1 - a) where y = 0. One log, not two.
    logprobs = clamped_log(np.where(Y == 1, AL, 1 - AL))
    return float(-np.sum(logprobs) / AL.shape[1])


def cost_backward(AL: Array, Y: Array) -> Array:
    """Gives dAL = (AL - Y) / max(AL (1 - AL), EPSILON), as torch's backward divides."""
    return (AL - Y) / np.maximum(AL * (1 - AL), EPSILON)


def course_cost(AL: Array, Y: Array) -> float:
    """The course's unclamped -(1/m) sum(Y log AL + (1 - Y) log(1 - AL))."""
    with np.errstate(divide="ignore", invalid="ignore"):
        total = np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))
    return float(-total / AL.shape[1])


def course_cost_backward(AL: Array, Y: Array) -> Array:
    """The course's dAL = -(Y / AL - (1 - Y) / (1 - AL)), unclamped."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return -(Y / AL - (1 - Y) / (1 - AL))


def mse(AL: Array, Y: Array) -> float:
    """sum((AL - Y)**2) / m (``losses.mean_squared_error``)."""
    diff = AL - Y
    return float(np.sum(diff * diff) / AL.shape[1])


def mse_backward(AL: Array, Y: Array) -> Array:
    """2 (AL - Y), per example (``losses.mean_squared_error_backward``)."""
    return 2 * (AL - Y)
