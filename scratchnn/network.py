r"""The L-layer network: forward and backward over every layer, checked (the walk: kernels).

Parameters are a dict ``{"W1": (n_1, n_x), "b1": (n_1, 1), ..., "WL", "bL"}``. Each layer has an
activation; by default ReLU for layers 1 .. L-1 and sigmoid for layer L, the course's
[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID. A one-layer net with a sigmoid is logistic regression;
``activations=["tanh", "sigmoid"]`` is the course's week-3 shallow net.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from scratchnn import _validate as check
from scratchnn import kernels
from scratchnn._validate import Array
from scratchnn.activations import Activation, get_activation
from scratchnn.kernels import LayerCache, LayerCacheLike, LinearCache

ActivationSpec = str | Activation
Layers = kernels.Layers


def default_activations(L: int) -> list[str]:
    """The course's activations for an L-layer net: ``["relu"] * (L - 1) + ["sigmoid"]``."""
    return ["relu"] * (L - 1) + ["sigmoid"]


def resolve_activations(activations: Sequence[ActivationSpec] | None, L: int) -> list[Activation]:
    """Turn a list of L activation names (or None, the course's default) into Activations."""
    if activations is None:
        activations = default_activations(L)
    if isinstance(activations, str) or not isinstance(activations, Sequence):
        raise TypeError(f"activations must be a list of {L} names; got {activations!r}")
    if len(activations) != L:
        raise ValueError(
            f"activations has {len(activations)} entries but parameters has {L} layers: "
            f"{list(activations)!r}"
        )
    return [get_activation(spec) for spec in activations]


def checked_parameters(
    parameters: Mapping[str, Any], X: Array | None = None, *, check_finite: bool = True
) -> Layers:
    """Validate ``W1, b1, ..., WL, bL`` (shapes chained, one dtype) and return them as pairs.

    Parameters
    ----------
    parameters : dict
        ``W{l}`` of shape (n_l, n_{l-1}) and ``b{l}`` of shape (n_l, 1), for l = 1 .. L.
    X : ndarray of shape (n_x, m), optional
        When given, ``W1`` must have n_x columns and share X's dtype.
    check_finite : bool
        False leaves NaN and infinities to the caller, which must check every array.

    Returns
    -------
    list of (W, b) pairs, layer 1 first.
    """
    L = check.num_layers(parameters)
    layers: Layers = []
    n_prev = None if X is None else X.shape[0]
    for layer in range(1, L + 1):
        W = check.as_array(parameters[f"W{layer}"], f"W{layer}", check_finite=check_finite)
        b = check.as_array(parameters[f"b{layer}"], f"b{layer}", check_finite=check_finite)
        if n_prev is not None and W.shape[1] != n_prev:
            source = "X" if layer == 1 else f"W{layer - 1}"
            raise ValueError(
                f"W{layer} has shape {W.shape} but {source} gives {n_prev} inputs: "
                f"W{layer} must be ({W.shape[0]}, {n_prev})"
            )
        if b.shape != (W.shape[0], 1):
            raise ValueError(
                f"b{layer} must have shape ({W.shape[0]}, 1) to match W{layer} {W.shape}; "
                f"got {b.shape}"
            )
        layers.append((W, b))
        n_prev = W.shape[0]
    dtype = layers[0][0].dtype if X is None else X.dtype
    if any(W.dtype != dtype or b.dtype != dtype for W, b in layers):
        arrays = {f"W{i}": W for i, (W, _) in enumerate(layers, 1)}
        arrays.update({f"b{i}": b for i, (_, b) in enumerate(layers, 1)})
        if X is not None:
            arrays = {"X": X, **arrays}
        check.same_float_dtype(**arrays)  # raises, naming each
    return layers


def model_forward(
    X: Array, parameters: Mapping[str, Array], activations: Sequence[ActivationSpec] | None = None
) -> tuple[Array, list[LayerCache]]:
    r"""Forward pass through all L layers.

    Parameters
    ----------
    X : ndarray of shape (n_x, m)
    parameters : dict
        ``W{l}`` (n_l, n_{l-1}) and ``b{l}`` (n_l, 1) for l = 1 .. L.
    activations : list of L str or Activation, optional
        Default: ``["relu"] * (L - 1) + ["sigmoid"]``.

    Returns
    -------
    AL : ndarray of shape (n_L, m)
    caches : list of L LayerCache
        ``caches[l - 1]`` is layer l's ``((A_prev, W, b), Z)``.

    Notes
    -----
    .. math::
        A^{[0]} = X, \quad Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \quad A^{[l]} = g^{[l]}(Z^{[l]})
    """
    X = check.as_array(X, "X", check_finite=False)  # a large X: proved finite from Z1, below
    check.examples(X, "X")
    layers = checked_parameters(parameters, X)
    acts = resolve_activations(activations, len(layers))
    if not check.worth_proving(X):
        check.finite(X, "X")
        return kernels.model_forward(X, layers, acts)
    with np.errstate(over="ignore", invalid="ignore"):  # a NaN in X raises below instead
        AL, caches = kernels.model_forward(X, layers, acts)
    if check.finite_by_product(X, "X", layers[0][0], caches[0].Z):
        return AL, caches
    # X is finite but Z overflowed: the computation again, with NumPy's own warnings
    return kernels.model_forward(X, layers, acts)


def model_backward(
    dAL: Array,
    caches: Sequence[LayerCacheLike],
    activations: Sequence[ActivationSpec] | None = None,
    *,
    need_dA0: bool = True,
) -> dict[str, Array]:
    r"""Backward pass through all L layers, from the gradient at the output.

    Parameters
    ----------
    dAL : ndarray of shape (n_L, m)
        Gradient of the cost with respect to AL, per example, e.g.
        :func:`scratchnn.losses.compute_cost_backward`.
    caches : list (or tuple) of L LayerCache
        From :func:`model_forward`.
    activations : list of L str or Activation, optional
        The ones the forward pass used. Default: the course's.
    need_dA0 : bool, default True
        Whether to compute ``dA0``, the gradient for the input X (training does not need it).

    Returns
    -------
    grads : dict
        ``dW{l}`` (n_l, n_{l-1}) and ``db{l}`` (n_l, 1), of the mean cost; ``dA{l-1}``
        (n_{l-1}, m), per example, the gradient for layer l's input (``dA0`` for X).

    Notes
    -----
    .. math::
        dZ^{[l]} = dA^{[l]} \odot g^{[l]\prime}(Z^{[l]}), \quad
        dW^{[l]} = \frac{1}{m} dZ^{[l]} A^{[l-1]T}, \quad
        db^{[l]} = \frac{1}{m} \sum_i dZ^{[l](i)}, \quad dA^{[l-1]} = W^{[l]T} dZ^{[l]}
    """
    return backward_checked(dAL, caches, activations, need_dA0=need_dA0)


def backward_checked(
    dAL: Array,
    caches: Sequence[LayerCacheLike],
    activations: Sequence[ActivationSpec] | None = None,
    *,
    need_dA0: bool = True,
    dAL_finite: bool = False,
) -> dict[str, Array]:
    """:func:`model_backward`; ``dAL_finite`` for a dAL that its maker has just checked finite."""
    if isinstance(caches, LayerCache) or not isinstance(caches, Sequence) or not caches:
        raise TypeError(
            "caches must be the non-empty list (or tuple) of layer caches from model_forward"
        )
    acts = resolve_activations(activations, len(caches))
    checked: list[LayerCache] = []
    for layer, cache in enumerate(caches, 1):
        if not isinstance(cache, tuple) or len(cache) != 2:
            raise TypeError(f"caches[{layer - 1}] must be a ((A_prev, W, b), Z) tuple")
        # a large A_prev (X, usually) is proved finite after the walk, from its dW
        A_prev, W, b = check.linear_cache(cache[0], f"caches[{layer - 1}][0]", check_finite_A=False)
        if not check.worth_proving(A_prev):
            check.finite(A_prev, "A_prev")
        Z = check.layer_array(cache[1], W.shape[0], A_prev, f"Z of layer {layer}")
        if checked and A_prev.shape != checked[-1].Z.shape:
            raise ValueError(
                f"caches do not chain: layer {layer}'s A_prev has shape {A_prev.shape} but "
                f"layer {layer - 1}'s Z has shape {checked[-1].Z.shape}"
            )
        checked.append(LayerCache(LinearCache(A_prev, W, b), Z))
    dAL = check.as_array(dAL, "dAL", check_finite=not dAL_finite)
    check.same_shape(dAL, "dAL", checked[-1].Z, f"Z of layer {len(checked)}")
    if dAL.dtype != checked[-1].Z.dtype:
        check.same_float_dtype(dAL=dAL, Z=checked[-1].Z)  # raises, naming both
    if not any(check.worth_proving(cache.linear_cache.A_prev) for cache in checked):
        return kernels.model_backward(dAL, checked, acts, need_dA0=need_dA0)
    finite: list[bool] = []

    def prove(layer: int, dZ: Array, dW: Array) -> None:
        # while the walk's dW has just read A_prev: a read for the proof is then a cached one
        A_prev = checked[layer - 1].linear_cache.A_prev
        if check.worth_proving(A_prev):
            finite.append(check.finite_by_product(A_prev, "A_prev", dZ, dW, transposed=True))

    with np.errstate(over="ignore", invalid="ignore"):  # a NaN in an A_prev raises in prove
        grads = kernels.model_backward(dAL, checked, acts, need_dA0=need_dA0, on_weight_grad=prove)
    if all(finite):
        return grads
    # every A_prev is finite but a product overflowed: again, with NumPy's own warnings
    return kernels.model_backward(dAL, checked, acts, need_dA0=need_dA0)
