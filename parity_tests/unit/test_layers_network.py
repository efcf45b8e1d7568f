"""Layers and the L-layer network: formulas, shapes, caches that unpack like the course's."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pytest

import scratchnn as s
from parity_tests.unit._helpers import (
    NAMES,
    random_params,
    ref_backward,
    ref_dg,
    ref_forward,
    ref_g,
)

N_PREV, N, M = 3, 4, 5  # every dimension different: a transposition cannot hide


#: A_prev, W, b and an upstream gradient of one layer
Layer = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


@pytest.fixture
def layer() -> Layer:
    rng = np.random.default_rng(31)
    A_prev = rng.standard_normal((N_PREV, M))
    W = rng.standard_normal((N, N_PREV))
    b = rng.standard_normal((N, 1))
    dZ = rng.standard_normal((N, M))
    return A_prev, W, b, dZ


def test_linear_forward_is_W_A_plus_b_with_the_inputs_cached(layer: Layer) -> None:
    A_prev, W, b, _ = layer
    Z, cache = s.linear_forward(A_prev, W, b)
    assert Z.shape == (N, M)
    np.testing.assert_allclose(Z, np.dot(W, A_prev) + b, rtol=1e-14)
    assert isinstance(cache, s.LinearCache) and isinstance(cache, tuple) and len(cache) == 3
    A_c, W_c, b_c = cache  # the course's unpacking
    for got, want in ((A_c, A_prev), (W_c, W), (b_c, b)):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_array_equal(cache.A_prev, A_prev)


def test_linear_backward_is_the_course_formula_with_db_a_column(layer: Layer) -> None:
    A_prev, W, b, dZ = layer
    dA_prev, dW, db = s.linear_backward(dZ, s.LinearCache(A_prev, W, b))
    assert dA_prev.shape == (N_PREV, M) and dW.shape == (N, N_PREV) and db.shape == (N, 1)
    np.testing.assert_allclose(dW, np.dot(dZ, A_prev.T) / M, rtol=1e-13)
    np.testing.assert_allclose(db, np.sum(dZ, axis=1, keepdims=True) / M, rtol=1e-13)
    np.testing.assert_allclose(dA_prev, np.dot(W.T, dZ), rtol=1e-13)


def test_linear_backward_accepts_a_plain_tuple(layer: Layer) -> None:
    A_prev, W, b, dZ = layer
    named = s.linear_backward(dZ, s.LinearCache(A_prev, W, b))
    plain = s.linear_backward(dZ, (A_prev, W, b))
    for x, y in zip(named, plain, strict=True):
        np.testing.assert_array_equal(x, y)


@pytest.mark.parametrize("activation", NAMES)
def test_linear_activation_forward_applies_g_to_Z(layer: Layer, activation: str) -> None:
    A_prev, W, b, _ = layer
    A, cache = s.linear_activation_forward(A_prev, W, b, activation)
    Z_ref = W @ A_prev + b
    assert A.shape == (N, M)
    np.testing.assert_allclose(A, ref_g(activation, Z_ref), rtol=1e-13)
    assert isinstance(cache, s.LayerCache) and len(cache) == 2
    (A_c, W_c, b_c), Z = cache  # the course's unpacking
    np.testing.assert_array_equal(A_c, A_prev)
    np.testing.assert_array_equal(W_c, W)
    np.testing.assert_array_equal(b_c, b)
    np.testing.assert_allclose(Z, Z_ref, rtol=1e-14)
    linear_cache, Z2 = cache
    assert isinstance(linear_cache, s.LinearCache) and Z2 is cache.Z


def test_linear_activation_forward_defaults_to_relu(layer: Layer) -> None:
    A_prev, W, b, _ = layer
    A, _ = s.linear_activation_forward(A_prev, W, b)
    np.testing.assert_allclose(A, np.maximum(0, W @ A_prev + b), rtol=1e-14)


@pytest.mark.parametrize("activation", NAMES)
def test_linear_activation_backward_is_the_course_formula(layer: Layer, activation: str) -> None:
    A_prev, W, b, dA = layer
    _, cache = s.linear_activation_forward(A_prev, W, b, activation)
    dA_prev, dW, db = s.linear_activation_backward(dA, cache, activation)
    dZ = dA * ref_dg(activation, W @ A_prev + b)
    assert dA_prev.shape == (N_PREV, M) and dW.shape == (N, N_PREV) and db.shape == (N, 1)
    np.testing.assert_allclose(dW, dZ @ A_prev.T / M, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(db, dZ.sum(axis=1, keepdims=True) / M, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-12, atol=1e-15)
    plain = s.linear_activation_backward(dA, ((A_prev, W, b), cache.Z), activation)
    for x, y in zip((dA_prev, dW, db), plain, strict=True):
        np.testing.assert_array_equal(x, y)


def test_linear_activation_backward_defaults_to_relu(layer: Layer) -> None:
    A_prev, W, b, dA = layer
    _, cache = s.linear_activation_forward(A_prev, W, b, "relu")
    dA_prev, dW, db = s.linear_activation_backward(dA, cache)
    dZ = dA * ref_dg("relu", W @ A_prev + b)
    np.testing.assert_allclose(dW, dZ @ A_prev.T / M, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(db, dZ.sum(axis=1, keepdims=True) / M, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(dA_prev, W.T @ dZ, rtol=1e-12, atol=1e-15)


def test_linear_activation_backward_takes_an_Activation_object(layer: Layer) -> None:
    A_prev, W, b, dA = layer
    act = s.get_activation("leaky_relu", slope=0.2)
    A, cache = s.linear_activation_forward(A_prev, W, b, act)
    Z = W @ A_prev + b
    np.testing.assert_allclose(A, ref_g("leaky_relu", Z, slope=0.2), rtol=1e-14)
    _, dW, _ = s.linear_activation_backward(dA, cache, act)
    dZ = dA * ref_dg("leaky_relu", Z, slope=0.2)
    np.testing.assert_allclose(dW, dZ @ A_prev.T / M, rtol=1e-12)


DIMS = [4, 6, 3, 5, 2, 1]
MIXED = ["tanh", "relu", "leaky_relu", "linear", "sigmoid"]


def _net(L: int, seed: int = 32) -> tuple[np.ndarray, dict[str, np.ndarray], list[str], list[int]]:
    rng = np.random.default_rng(seed + L)
    dims = [*DIMS[:L], 1]
    acts = MIXED[-L:] if L < len(MIXED) else MIXED
    X = rng.standard_normal((dims[0], 7))
    return X, random_params(rng, dims), acts, dims


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5])
def test_model_forward_is_the_course_loop(L: int) -> None:
    X, params, acts, dims = _net(L)
    AL, caches = s.model_forward(X, params, acts)
    AL_ref, saved = ref_forward(X, params, acts)
    assert AL.shape == (1, 7)
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-12)
    assert isinstance(caches, list) and len(caches) == L
    for layer, (cache, (A_prev, Z)) in enumerate(zip(caches, saved, strict=True), 1):
        (A_c, W_c, b_c), Z_c = cache
        assert Z_c.shape == (dims[layer], 7)
        np.testing.assert_allclose(A_c, A_prev, rtol=1e-12)
        np.testing.assert_allclose(Z_c, Z, rtol=1e-12)
        np.testing.assert_array_equal(W_c, params[f"W{layer}"])
        np.testing.assert_array_equal(b_c, params[f"b{layer}"])


@pytest.mark.parametrize("L", [1, 2, 3, 4, 5])
def test_model_backward_is_the_course_loop(L: int) -> None:
    X, params, acts, dims = _net(L)
    AL, caches = s.model_forward(X, params, acts)
    dAL = np.random.default_rng(33).standard_normal(AL.shape)
    grads = s.model_backward(dAL, caches, acts)
    expected = {f"dA{i}" for i in range(L)} | {f"d{p}{i}" for i in range(1, L + 1) for p in "Wb"}
    assert set(grads) == expected
    _, saved = ref_forward(X, params, acts)
    ref = ref_backward(dAL, params, saved, acts)
    for layer in range(1, L + 1):
        assert grads[f"dW{layer}"].shape == (dims[layer], dims[layer - 1])
        assert grads[f"db{layer}"].shape == (dims[layer], 1)
        assert grads[f"dA{layer - 1}"].shape == (dims[layer - 1], 7)
    for key in expected:
        np.testing.assert_allclose(grads[key], ref[key], rtol=1e-10, atol=1e-14, err_msg=key)


def test_model_backward_without_dA0(L: int = 3) -> None:
    X, params, acts, _ = _net(L)
    AL, caches = s.model_forward(X, params, acts)
    dAL = np.ones_like(AL) * 0.5
    full = s.model_backward(dAL, caches, acts)
    lean = s.model_backward(dAL, caches, acts, need_dA0=False)
    assert set(lean) == set(full) - {"dA0"}
    for key in lean:
        np.testing.assert_array_equal(lean[key], full[key])


@pytest.mark.parametrize("order", ["C", "F"])
def test_the_walk_keeps_one_layout_per_layer(order: Literal["C", "F"]) -> None:
    # Z (and A) come out column-major, the orientation of the product BLAS runs fastest on the
    # course's shapes; a hidden layer's dA has its A's layout, so dA * g'(Z) walks one order;
    # dA0, which no layer reads, is row-major whatever X's layout (faster for a wide W1).
    X, params, acts, _ = _net(4)
    X = np.asarray(X, order=order)
    AL, caches = s.model_forward(X, params, acts)
    assert all(cache.Z.flags.f_contiguous for cache in caches)
    grads = s.model_backward(AL - 0.5, caches, acts)
    assert grads["dA0"].flags.c_contiguous
    assert all(grads[f"dA{layer}"].flags.f_contiguous for layer in range(1, 4))


def test_model_backward_accepts_plain_tuple_caches() -> None:
    X, params, acts, _ = _net(3)
    AL, caches = s.model_forward(X, params, acts)
    plain = [((c[0][0], c[0][1], c[0][2]), c[1]) for c in caches]
    assert all(type(c) is tuple and type(c[0]) is tuple for c in plain)
    dAL = AL - 0.5
    got, want = s.model_backward(dAL, plain, acts), s.model_backward(dAL, caches, acts)
    for key in want:
        np.testing.assert_array_equal(got[key], want[key])


def test_default_activations_are_relu_then_sigmoid() -> None:
    assert s.default_activations(1) == ["sigmoid"]
    assert s.default_activations(4) == ["relu", "relu", "relu", "sigmoid"]
    X, params, _, _ = _net(4)
    course = ["relu", "relu", "relu", "sigmoid"]
    AL, caches = s.model_forward(X, params)
    np.testing.assert_allclose(AL, ref_forward(X, params, course)[0], rtol=1e-12)
    dAL = AL - 1.0
    _, saved = ref_forward(X, params, course)
    ref = ref_backward(dAL, params, saved, course)
    grads = s.model_backward(dAL, caches)
    np.testing.assert_allclose(grads["dW1"], ref["dW1"], rtol=1e-10, atol=1e-14)


def test_one_layer_sigmoid_net_is_logistic_regression() -> None:
    rng = np.random.default_rng(34)
    X, w, b = rng.standard_normal((3, 6)), rng.standard_normal((3, 1)), 0.3
    AL, _ = s.model_forward(X, {"W1": w.T, "b1": np.full((1, 1), b)}, ["sigmoid"])
    np.testing.assert_allclose(AL, 1 / (1 + np.exp(-(w.T @ X + b))), rtol=1e-14)
