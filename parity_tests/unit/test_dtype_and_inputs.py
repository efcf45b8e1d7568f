"""dtypes (float64 by default, float32 kept throughout, no mixing) and inputs left unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import scratchnn as s
from parity_tests.unit._helpers import labels, random_params
from scratchnn.course import deep, logistic, shallow

F32, F64 = np.float32, np.float64


def _case(dtype: Any) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    rng = np.random.default_rng(51)
    X = rng.standard_normal((3, 6)).astype(dtype)
    Y = labels(rng, 6).astype(dtype)
    params = random_params(rng, [3, 4, 2, 1], dtype)
    return X, Y, params


def test_integer_inputs_give_float64() -> None:
    Z = np.array([[0, 1, -2]])
    assert s.sigmoid(Z).dtype == F64 and s.relu(Z).dtype == F64
    A, W, b = np.array([[1, 2], [3, 4], [5, 6]]), np.ones((1, 3), int), [[0]]
    Z_, _ = s.linear_forward(A, W, b)  # type: ignore[arg-type]  # b a list: array-likes are taken
    assert Z_.dtype == F64
    assert s.initialize_parameters([3, 2], rng=np.random.default_rng(0))["W1"].dtype == F64


@pytest.mark.parametrize("dtype", [F32, F64])
def test_activations_and_losses_keep_the_dtype(dtype: Any) -> None:
    Z = np.array([[-1.5, 0.5, 2.0]], dtype=dtype)
    dA = np.array([[0.3, -0.7, 1.1]], dtype=dtype)
    Y = np.array([[0.0, 1.0, 1.0]], dtype=dtype)
    for fn in (s.sigmoid, s.tanh, s.relu, s.leaky_relu, s.identity):
        assert fn(Z).dtype == dtype, fn.__name__
    for backward in (s.sigmoid_backward, s.tanh_backward, s.relu_backward,
                     s.leaky_relu_backward, s.identity_backward):  # fmt: skip
        assert backward(dA, Z).dtype == dtype, backward.__name__
    A = s.sigmoid(Z)
    assert s.sigmoid_backward_from_A(dA, A).dtype == dtype
    assert s.tanh_backward_from_A(dA, s.tanh(Z)).dtype == dtype
    assert s.compute_cost_backward(A, Y).dtype == dtype
    assert s.sigmoid_cross_entropy_dZ(A, Y).dtype == dtype
    assert s.cross_entropy_from_logits_backward(Z, Y).dtype == dtype
    assert s.mean_squared_error_backward(A, Y).dtype == dtype


@pytest.mark.parametrize("dtype", [F32, F64])
def test_forward_backward_update_and_training_keep_the_dtype(dtype: Any) -> None:
    X, Y, params = _case(dtype)
    acts = ["tanh", "leaky_relu", "sigmoid"]
    AL, caches = s.model_forward(X, params, acts)
    assert AL.dtype == dtype
    for (A_prev, W, b), Z in caches:
        assert {A_prev.dtype, W.dtype, b.dtype, Z.dtype} == {np.dtype(dtype)}
    grads = s.model_backward(s.compute_cost_backward(AL, Y), caches, acts)
    assert {g.dtype for g in grads.values()} == {np.dtype(dtype)}
    new = s.update_parameters(params, grads, 0.1)
    assert {p.dtype for p in new.values()} == {np.dtype(dtype)}
    trained, history = s.train(
        X, Y, params, learning_rate=0.1, num_iterations=3, activations=acts, snapshot_every=2
    )
    assert {p.dtype for p in trained.values()} == {np.dtype(dtype)}
    assert {p.dtype for snap in history.snapshots.values() for p in snap.values()} == {
        np.dtype(dtype)
    }
    assert s.predict(X, params, acts).dtype == dtype
    Z, cache = s.linear_forward(X, params["W1"], params["b1"])
    assert Z.dtype == dtype
    assert {g.dtype for g in s.linear_backward(Z, cache)} == {np.dtype(dtype)}


def test_integer_labels_follow_float32_predictions() -> None:
    AL = np.array([[0.25, 0.5, 0.75]], dtype=F32)
    Y = np.array([[0, 1, 1]])  # the course's labels are integers (uint8 in its data files)
    assert s.compute_cost_backward(AL, Y).dtype == F32
    assert s.sigmoid_cross_entropy_dZ(AL, Y).dtype == F32
    assert s.cross_entropy_from_logits_backward(AL, Y).dtype == F32
    X, _, params = _case(F32)
    trained, _ = s.train(
        X, np.array([[0, 1, 1, 0, 1, 0]]), params, learning_rate=0.1, num_iterations=2
    )
    assert {p.dtype for p in trained.values()} == {np.dtype(F32)}


def test_float32_is_computed_in_float32_not_rounded_from_float64() -> None:
    X, _, params = _case(F32)
    AL, _ = s.model_forward(X, params, ["relu", "relu", "sigmoid"])
    A = X
    for layer, g in ((1, "relu"), (2, "relu"), (3, "sigmoid")):
        Z = params[f"W{layer}"] @ A + params[f"b{layer}"]
        A = np.maximum(Z, F32(0)) if g == "relu" else F32(1) / (F32(1) + np.exp(-Z))
    assert A.dtype == F32
    np.testing.assert_allclose(AL, A, rtol=2e-6)


@pytest.mark.parametrize("dtype", [F32, F64])
def test_course_api_keeps_the_dtype(dtype: Any) -> None:
    X, Y, params = _case(dtype)
    AL, caches = deep.L_model_forward(X, params)
    assert AL.dtype == dtype
    assert {g.dtype for g in deep.L_model_backward(AL, Y, caches).values()} == {np.dtype(dtype)}
    two = {k: params[k] for k in ("W1", "b1")} | {"W2": params["W2"][:1], "b2": params["b2"][:1]}
    A2, cache = shallow.forward_propagation(X, two)
    assert A2.dtype == dtype
    grads = shallow.backward_propagation(two, cache, X, Y)
    assert {g.dtype for g in grads.values()} == {np.dtype(dtype)}
    w = np.full((3, 1), 0.1, dtype=dtype)
    lgrads, _ = logistic.propagate(w, 0.0, X, Y)
    assert lgrads["dw"].dtype == dtype
    assert logistic.model(X, Y, X, Y, num_iterations=3)["w"].dtype == dtype


@pytest.mark.parametrize(
    "train_course_model",
    [
        lambda X, Y: shallow.nn_model(X, Y, 2, num_iterations=3, rng=np.random.RandomState(1)),
        lambda X, Y: deep.two_layer_model(X, Y, [3, 2, 1], num_iterations=3)[0],
        lambda X, Y: deep.L_layer_model(X, Y, [3, 4, 2, 1], num_iterations=3)[0],
    ],
    ids=["nn_model", "two_layer_model", "L_layer_model"],
)
def test_course_models_train_float32_data_in_float32(
    train_course_model: Callable[..., Any],
) -> None:
    X, Y, _ = _case(F32)
    params = train_course_model(X, Y)
    assert {p.dtype for p in params.values()} == {np.dtype(F32)}


MIXED = [
    ("sigmoid_backward", lambda a, x: s.sigmoid_backward(a, x), "dA is float32, Z is float64"),
    ("relu_backward", lambda a, x: s.relu_backward(x, a), "dA is float64, Z is float32"),
    ("linear_forward", lambda a, x: s.linear_forward(a, x[:, :3], x[:, :1]), "A_prev is float32"),
    ("linear_forward-W", lambda a, x: s.linear_forward(x, a[:, :3], x[:, :1]), ", W is float32"),
    ("linear_forward-b", lambda a, x: s.linear_forward(x, x[:, :3], a[:, :1]), ", b is float32"),
    (
        "linear_backward",
        lambda a, x: s.linear_backward(a, (x, x[:, :3], x[:, :1])),
        "dZ is float32, A_prev is float64",
    ),
    ("mean_squared_error", lambda a, x: s.mean_squared_error(a, x), "AL is float32"),
]  # (id, call with a float32 array a and a float64 array x, match)


@pytest.mark.parametrize(("fn", "match"), [(c[1], c[2]) for c in MIXED], ids=[c[0] for c in MIXED])
def test_mixed_float32_and_float64_arrays_raise(fn: Callable[..., Any], match: str) -> None:
    x64 = np.random.default_rng(52).standard_normal((3, 5))
    with pytest.raises(TypeError, match=match):
        fn(x64.astype(F32), x64)


def test_mixed_dtypes_across_the_network_raise() -> None:
    X, Y, p64 = _case(F64)
    p32 = {k: v.astype(F32) for k, v in p64.items()}
    mixed = dict(p64, b2=p64["b2"].astype(F32))
    with pytest.raises(TypeError, match=r"X is float32.*W1 is float64"):
        s.model_forward(X.astype(F32), p64)
    with pytest.raises(TypeError, match="b2 is float32"):
        s.model_forward(X, mixed)
    AL, caches = s.model_forward(X, p64)
    with pytest.raises(TypeError, match="dAL is float32"):
        s.model_backward(AL.astype(F32), caches)
    grads = s.model_backward(AL - Y, caches)
    with pytest.raises(TypeError, match="dW1 is float64"):
        s.update_parameters(p32, grads, 0.1)
    with pytest.raises(TypeError, match="float32"):
        s.train(X.astype(F32), Y, p64, learning_rate=0.1, num_iterations=1)
    with pytest.raises(TypeError, match="w is float64, X is float32"):
        logistic.propagate(np.zeros((3, 1)), 0.0, X.astype(F32), Y)
    _, cache = s.linear_activation_forward(X, p64["W1"], p64["b1"], "tanh")
    with pytest.raises(TypeError, match="dA is float32"):
        s.linear_activation_backward(np.ones((4, 6), F32), cache, "tanh")


@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize("layout", ["C", "F", "strided"])
@pytest.mark.parametrize("size", [(3, 5), (200, 300)])  # checked elementwise / by a sum first
def test_every_nan_or_inf_is_found_and_huge_finite_values_pass(
    dtype: str, layout: str, size: tuple[int, int]
) -> None:
    from scratchnn import _validate

    rng = np.random.default_rng(3)
    base = rng.standard_normal((size[0], 2 * size[1])).astype(dtype)
    view = {"C": base[:, : size[1]].copy(), "F": np.asfortranarray(base[:, : size[1]])}
    arr = view.get(layout, base[:, ::2])
    huge = np.finfo(dtype).max / 2  # squares and sums overflow; each value is finite
    arr[...] = huge
    assert _validate.as_array(arr, "X") is arr
    for bad in (np.nan, np.inf, -np.inf):
        broken = arr.copy(order="K") if layout != "strided" else base.copy()[:, ::2]
        broken[-1, -1] = bad
        with pytest.raises(ValueError, match=r"X holds 1 NaN or infinite value\(s\)"):
            _validate.as_array(broken, "X")
