"""The course API (scratchnn.course): names, signatures, return types and small training runs."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from parity_tests.unit._helpers import NAMES, ref_backward, ref_cost, ref_dg, ref_forward, ref_g
from scratchnn.course import deep, logistic, shallow

E = inspect.Parameter.empty
Data = tuple[np.ndarray, np.ndarray]  # X and its labels Y
SIGNATURES: dict[ModuleType, dict[str, list[tuple[str, Any]]]] = {
    logistic: {
        "sigmoid": [("z", E)],
        "initialize_with_zeros": [("dim", E)],
        "propagate": [("w", E), ("b", E), ("X", E), ("Y", E)],
        "optimize": [("w", E), ("b", E), ("X", E), ("Y", E), ("num_iterations", 100),
                     ("learning_rate", 0.009), ("print_cost", False)],
        "predict": [("w", E), ("b", E), ("X", E)],
        "model": [("X_train", E), ("Y_train", E), ("X_test", E), ("Y_test", E),
                  ("num_iterations", 2000), ("learning_rate", 0.5), ("print_cost", False)],
    },
    shallow: {
        "layer_sizes": [("X", E), ("Y", E)],
        "initialize_parameters": [("n_x", E), ("n_h", E), ("n_y", E), ("rng", None)],
        "forward_propagation": [("X", E), ("parameters", E)],
        "compute_cost": [("A2", E), ("Y", E)],
        "backward_propagation": [("parameters", E), ("cache", E), ("X", E), ("Y", E)],
        "update_parameters": [("parameters", E), ("grads", E), ("learning_rate", 1.2)],
        "nn_model": [("X", E), ("Y", E), ("n_h", E), ("num_iterations", 10000),
                     ("print_cost", False), ("rng", None)],
        "predict": [("parameters", E), ("X", E)],
    },
    deep: {
        "initialize_parameters": [("n_x", E), ("n_h", E), ("n_y", E), ("rng", None)],
        "initialize_parameters_deep": [("layer_dims", E), ("rng", None)],
        "linear_forward": [("A", E), ("W", E), ("b", E)],
        "linear_activation_forward": [("A_prev", E), ("W", E), ("b", E), ("activation", E)],
        "L_model_forward": [("X", E), ("parameters", E)],
        "compute_cost": [("AL", E), ("Y", E)],
        "linear_backward": [("dZ", E), ("cache", E)],
        "linear_activation_backward": [("dA", E), ("cache", E), ("activation", E)],
        "L_model_backward": [("AL", E), ("Y", E), ("caches", E)],
        "update_parameters": [("parameters", E), ("grads", E), ("learning_rate", E)],
        "two_layer_model": [("X", E), ("Y", E), ("layers_dims", E), ("learning_rate", 0.0075),
                            ("num_iterations", 3000), ("print_cost", False), ("rng", None)],
        "L_layer_model": [("X", E), ("Y", E), ("layers_dims", E), ("learning_rate", 0.0075),
                          ("num_iterations", 3000), ("print_cost", False), ("rng", None)],
        "predict": [("X", E), ("y", E), ("parameters", E)],
    },
}  # fmt: skip
ROWS = [(mod, name, params) for mod, table in SIGNATURES.items() for name, params in table.items()]


@pytest.mark.parametrize(
    ("module", "name", "expected"), ROWS, ids=[f"{m.__name__}.{n}" for m, n, _ in ROWS]
)
def test_signature_is_the_courses(
    module: ModuleType, name: str, expected: list[tuple[str, Any]]
) -> None:
    sig = inspect.signature(getattr(module, name))
    got = [(p.name, p.default) for p in sig.parameters.values()]
    assert got == expected
    assert all(p.kind is p.POSITIONAL_OR_KEYWORD for p in sig.parameters.values())
    assert name in module.__all__


# The graded functions with defaults other than rng, called with only their required arguments.
REQUIRED: dict[tuple[ModuleType, str], Callable[[np.ndarray, np.ndarray], dict[str, Any]]] = {
    (logistic, "optimize"): lambda X, Y: {"w": np.full((3, 1), 0.1), "b": 0.2, "X": X, "Y": Y},
    (logistic, "model"): lambda X, Y: {"X_train": X, "Y_train": Y, "X_test": X, "Y_test": Y},
    (shallow, "nn_model"): lambda X, Y: {"X": X, "Y": Y, "n_h": 3},
    (deep, "two_layer_model"): lambda X, Y: {"X": X, "Y": Y, "layers_dims": [3, 4, 1]},
    (deep, "L_layer_model"): lambda X, Y: {"X": X, "Y": Y, "layers_dims": [3, 5, 4, 1]},
}


@pytest.mark.parametrize(
    ("module", "name"), list(REQUIRED), ids=[f"{m.__name__}.{n}" for m, n in REQUIRED]
)
def test_omitted_arguments_take_the_signatures_defaults(
    data: Data, capsys: pytest.CaptureFixture[str], module: ModuleType, name: str
) -> None:
    # The defaults in the signature (above) are the ones the body uses: a call without them
    # gives exactly the call that passes them, and prints nothing (print_cost=False).
    X, Y = data
    fn, required = getattr(module, name), REQUIRED[module, name](X, Y)
    defaults = {p: d for p, d in SIGNATURES[module][name] if d is not E}
    assert defaults.keys() - {"rng"} and not defaults.keys() & required.keys()
    got = fn(**required)
    assert capsys.readouterr().out == ""
    np.testing.assert_equal(got, fn(**required, **defaults))


@pytest.fixture
def data() -> Data:
    rng = np.random.default_rng(81)
    X = rng.standard_normal((3, 10))
    Y = (X[0:1] + 0.5 * X[1:2] > 0).astype(float)  # separable: training must lower the cost
    Y[0, :2] = [0.0, 1.0]
    return X, Y


def _sig(Z: Any) -> Any:  # an array or a scalar, as the course's sigmoid takes
    return 1 / (1 + np.exp(-Z))


# ---------------------------------------------------------------- logistic (week 2)


def test_logistic_sigmoid_takes_scalars_and_any_shape() -> None:
    assert float(logistic.sigmoid(0)) == 0.5
    assert type(logistic.sigmoid(0)) is np.float64  # a NumPy scalar, as the course's, not 0-d
    np.testing.assert_allclose(logistic.sigmoid(np.array([0, 2])), [0.5, _sig(2.0)], rtol=1e-15)
    assert logistic.sigmoid(np.array([0.0, 2.0])).shape == (2,)


def test_initialize_with_zeros() -> None:
    w, b = logistic.initialize_with_zeros(4)
    assert w.shape == (4, 1) and not w.any() and b == 0 and np.ndim(b) == 0


def test_propagate_is_the_week2_formula(data: Data) -> None:
    X, Y = data
    w, b = np.array([[0.2], [-0.4], [0.1]]), 0.3
    grads, cost = logistic.propagate(w, b, X, Y)
    A = _sig(w.T @ X + b)
    assert set(grads) == {"dw", "db"} and grads["dw"].shape == (3, 1)
    assert isinstance(cost, float) and np.ndim(grads["db"]) == 0
    np.testing.assert_allclose(grads["dw"], X @ (A - Y).T / 10, rtol=1e-13)
    assert float(grads["db"]) == pytest.approx(np.sum(A - Y) / 10, rel=1e-13)
    assert cost == pytest.approx(ref_cost(A, Y), rel=1e-13)


def test_optimize_is_the_course_loop_with_costs_every_100(
    data: Data, capsys: pytest.CaptureFixture[str]
) -> None:
    X, Y = data
    w0, b0 = np.array([[0.1], [0.0], [-0.2]]), 0.05
    params, grads, costs = logistic.optimize(w0, b0, X, Y, 201, 0.1, print_cost=True)
    w, b, course_costs = w0, b0, []
    for i in range(201):
        A = _sig(w.T @ X + b)
        dw, db = X @ (A - Y).T / 10, np.sum(A - Y) / 10
        if i % 100 == 0:
            course_costs.append(ref_cost(A, Y))
        w, b = w - 0.1 * dw, b - 0.1 * db
    assert set(params) == {"w", "b"} and params["w"].shape == (3, 1)
    np.testing.assert_allclose(params["w"], w, rtol=1e-11)
    assert float(params["b"]) == pytest.approx(b, rel=1e-11)
    np.testing.assert_allclose(grads["dw"], dw, rtol=1e-11)  # the last iteration's
    np.testing.assert_allclose(costs, course_costs, rtol=1e-12)
    assert len(costs) == 3 and costs[-1] < costs[0]
    out = capsys.readouterr().out
    assert "Cost after iteration 0" in out and "Cost after iteration 200" in out
    assert "Cost after iteration 1:" not in out


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_optimize_computes_exactly_propagate_in_a_loop(dtype: str) -> None:
    # optimize checks its first iteration and then runs propagate's arithmetic unchecked:
    # the numbers must be the graded function's, exactly.
    rng = np.random.default_rng(5)
    X = rng.standard_normal((6, 150)).astype(dtype)
    Y = (rng.random((1, 150)) < 0.5).astype(int)  # integer labels, as the course's data
    w0, b0 = (rng.standard_normal((6, 1)) * 0.1).astype(dtype), 0.25  # exact in float32
    params, grads, costs = logistic.optimize(w0, b0, X, Y, 201, 0.2)
    w, b, expected = w0, b0, []
    for i in range(201):
        g, cost = logistic.propagate(w, b, X, Y)
        w, b = w - 0.2 * g["dw"], b - 0.2 * g["db"]
        if i % 100 == 0:
            expected.append(cost)
    assert costs == expected and params["b"] == b and grads["db"] == g["db"]
    assert params["w"].dtype == np.dtype(dtype)
    np.testing.assert_array_equal(params["w"], w)
    np.testing.assert_array_equal(grads["dw"], g["dw"])


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_nn_model_computes_exactly_the_graded_functions_in_a_loop(
    dtype: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 2001 iterations: the costs printed at 0, 1000 and 2000 are the graded compute_cost's
    rng = np.random.default_rng(6)
    X = rng.standard_normal((2, 120)).astype(dtype)
    Y = (rng.random((1, 120)) < 0.5).astype(dtype)
    params = shallow.nn_model(X, Y, 5, 2001, print_cost=True, rng=np.random.RandomState(3))
    printed = capsys.readouterr().out
    p = shallow.initialize_parameters(2, 5, 1, rng=np.random.RandomState(3))
    p = {k: v.astype(dtype) for k, v in p.items()}
    expected = ""
    for i in range(2001):
        A2, cache = shallow.forward_propagation(X, p)
        if i % 1000 == 0:
            expected += f"Cost after iteration {i}: {shallow.compute_cost(A2, Y):f}\n"
        p = shallow.update_parameters(p, shallow.backward_propagation(p, cache, X, Y))
    assert printed == expected
    for key in p:
        assert params[key].dtype == np.dtype(dtype), key
        np.testing.assert_array_equal(params[key], p[key], err_msg=key)


def test_logistic_predict_and_model(data: Data, capsys: pytest.CaptureFixture[str]) -> None:
    X, Y = data
    w, b = np.array([[0.5], [0.2], [-0.1]]), -0.1
    p = logistic.predict(w, b, X)
    assert p.shape == (1, 10)
    np.testing.assert_array_equal(p, (_sig(w.T @ X + b) > 0.5).astype(float))
    d = logistic.model(X, Y, X[:, :4], Y[:, :4], 150, 0.5, print_cost=True)
    out = capsys.readouterr().out  # model passes print_cost on to optimize
    assert f"Cost after iteration 0: {d['costs'][0]:f}" in out and "iteration 100:" in out
    keys = {"costs", "Y_prediction_test", "Y_prediction_train", "w", "b", "learning_rate"}
    assert keys | {"num_iterations"} == set(d)
    assert len(d["costs"]) == 2 and d["costs"][0] == pytest.approx(np.log(2), rel=1e-14)
    assert d["Y_prediction_train"].shape == (1, 10) and d["Y_prediction_test"].shape == (1, 4)
    assert d["learning_rate"] == 0.5 and d["num_iterations"] == 150
    params, _, _ = logistic.optimize(np.zeros((3, 1)), 0.0, X, Y, 150, 0.5)
    np.testing.assert_allclose(d["w"], params["w"], rtol=1e-14)
    np.testing.assert_array_equal(
        d["Y_prediction_test"], logistic.predict(d["w"], d["b"], X)[:, :4]
    )


@pytest.mark.parametrize("dtype", ["float64", "float32"])
def test_logistic_predict_is_strictly_above_one_half_in_the_dtype_of_X(dtype: str) -> None:
    # The course's `1 if A[0, i] > 0.5 else 0`: w = 0, b = 0 give A = 0.5 exactly, hence 0.
    X = np.linspace(-1, 1, 12).reshape(3, 4).astype(dtype)
    p = logistic.predict(np.zeros((3, 1), dtype=dtype), 0.0, X)
    assert p.dtype == np.dtype(dtype)
    np.testing.assert_array_equal(p, np.zeros((1, 4)))
    np.testing.assert_array_equal(logistic.predict(np.zeros((3, 1), dtype=dtype), 1e-3, X), 1.0)


def test_logistic_b_may_be_a_one_element_array(data: Data) -> None:
    X, Y = data
    w = np.array([[0.2], [-0.4], [0.1]])
    want = logistic.propagate(w, 0.3, X, Y)
    for b in (np.float64(0.3), np.array(0.3), np.array([0.3]), np.array([[0.3]])):
        np.testing.assert_equal(logistic.propagate(w, b, X, Y), want)
        np.testing.assert_array_equal(logistic.predict(w, b, X), logistic.predict(w, 0.3, X))


def test_optimize_with_no_iterations_returns_the_start(data: Data) -> None:
    X, Y = data
    params, grads, costs = logistic.optimize(np.full((3, 1), 0.1), 0.2, X, Y, 0)
    assert grads == {} and costs == [] and params["b"] == 0.2
    np.testing.assert_array_equal(params["w"], np.full((3, 1), 0.1))


# ---------------------------------------------------------------- shallow (week 3)


def _course_init(
    seed: int, dims: list[int], factor: Callable[[np.ndarray, int], np.ndarray]
) -> dict[str, np.ndarray]:
    rs, params = np.random.RandomState(seed), {}
    for layer in range(1, len(dims)):
        params[f"W{layer}"] = factor(rs.randn(dims[layer], dims[layer - 1]), dims[layer - 1])
        params[f"b{layer}"] = np.zeros((dims[layer], 1))
    return params


def test_layer_sizes_and_initialization(data: Data) -> None:
    X, Y = data
    assert shallow.layer_sizes(X, Y) == (3, 4, 1)
    for module, seed in ((shallow, 2), (deep, 1)):  # the notebooks' np.random.seed
        params = module.initialize_parameters(3, 5, 2)
        course = _course_init(seed, [3, 5, 2], lambda W, n: W * 0.01)
        assert sorted(params) == sorted(course)
        for key in course:
            np.testing.assert_array_equal(params[key], course[key])
    other = shallow.initialize_parameters(3, 5, 2, rng=np.random.RandomState(7))
    np.testing.assert_array_equal(
        other["W2"], _course_init(7, [3, 5, 2], lambda W, n: W * 0.01)["W2"]
    )


def _shallow_params() -> dict[str, np.ndarray]:
    return _course_init(5, [3, 4, 1], lambda W, n: W / np.sqrt(n))


def test_shallow_forward_and_backward_are_the_week3_formulas(data: Data) -> None:
    X, Y = data
    p = _shallow_params()
    A2, cache = shallow.forward_propagation(X, p)
    Z1 = p["W1"] @ X + p["b1"]
    A1 = np.tanh(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    assert set(cache) == {"Z1", "A1", "Z2", "A2"} and A2.shape == (1, 10)
    for key, value in {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": _sig(Z2)}.items():
        np.testing.assert_allclose(cache[key], value, rtol=1e-13, err_msg=key)
    cost = shallow.compute_cost(A2, Y)
    assert isinstance(cost, float) and cost == pytest.approx(ref_cost(_sig(Z2), Y), rel=1e-13)
    grads = shallow.backward_propagation(p, cache, X, Y)
    dZ2 = A2 - Y
    dZ1 = p["W2"].T @ dZ2 * (1 - A1**2)
    expected = {"dW1": dZ1 @ X.T / 10, "db1": dZ1.sum(axis=1, keepdims=True) / 10,
                "dW2": dZ2 @ A1.T / 10, "db2": dZ2.sum(axis=1, keepdims=True) / 10}  # fmt: skip
    assert set(grads) == set(expected)
    for key, value in expected.items():
        assert grads[key].shape == value.shape
        np.testing.assert_allclose(grads[key], value, rtol=1e-12, err_msg=key)
    np.testing.assert_array_equal(shallow.predict(p, X), (A2 > 0.5).astype(float))


def test_shallow_update_parameters_defaults_to_1_2_and_returns_a_new_dict() -> None:
    p = _shallow_params()
    g = {f"d{k}": np.full_like(v, 0.5) for k, v in p.items()}
    new = shallow.update_parameters(p, g)
    assert new is not p
    for key in p:
        np.testing.assert_allclose(new[key], p[key] - 1.2 * 0.5, rtol=1e-15)
    np.testing.assert_array_equal(p["W1"], _shallow_params()["W1"])


def test_nn_model_is_the_week3_loop(data: Data, capsys: pytest.CaptureFixture[str]) -> None:
    X, Y = data
    params = shallow.nn_model(X, Y, 3, num_iterations=4, print_cost=True)
    p = _course_init(2, [3, 3, 1], lambda W, n: W * 0.01)
    for _ in range(4):
        A1 = np.tanh(p["W1"] @ X + p["b1"])
        A2 = _sig(p["W2"] @ A1 + p["b2"])
        dZ2 = A2 - Y
        dZ1 = p["W2"].T @ dZ2 * (1 - A1**2)
        g = {"W1": dZ1 @ X.T / 10, "b1": dZ1.mean(axis=1, keepdims=True),
             "W2": dZ2 @ A1.T / 10, "b2": dZ2.mean(axis=1, keepdims=True)}  # fmt: skip
        p = {k: v - 1.2 * g[k] for k, v in p.items()}
    assert sorted(params) == sorted(p) and params["W1"].shape == (3, 3)
    for key in p:
        np.testing.assert_allclose(params[key], p[key], rtol=1e-10, err_msg=key)
    assert "Cost after iteration 0" in capsys.readouterr().out


# ---------------------------------------------------------------- deep (week 4)


def test_initialize_parameters_deep_is_the_applications() -> None:
    course = _course_init(1, [5, 4, 3, 1], lambda W, n: W / np.sqrt(n))
    given = deep.initialize_parameters_deep([5, 4, 3, 1], rng=np.random.RandomState(1))
    for params in (deep.initialize_parameters_deep([5, 4, 3, 1]), given):
        assert sorted(params) == sorted(course)
        for key in course:
            np.testing.assert_array_equal(params[key], course[key])


@pytest.mark.parametrize("activation", NAMES)
def test_deep_layer_functions(data: Data, activation: str) -> None:
    X, _ = data
    p = _shallow_params()
    Z, lin = deep.linear_forward(X, p["W1"], p["b1"])
    np.testing.assert_allclose(Z, p["W1"] @ X + p["b1"], rtol=1e-14)
    A, cache = deep.linear_activation_forward(X, p["W1"], p["b1"], activation)
    (A_c, W_c, b_c), Z_c = cache
    np.testing.assert_array_equal(Z_c, Z)
    A_l, W_l, b_l = lin  # both caches unpack like the course's tuples
    for got, want in zip((A_c, W_c, b_c, A_l, W_l, b_l), (X, p["W1"], p["b1"]) * 2, strict=True):
        np.testing.assert_array_equal(got, want)
    np.testing.assert_allclose(A, ref_g(activation, Z), rtol=1e-13)
    dA = np.linspace(-1, 1, 40).reshape(4, 10)
    dA_prev, dW, db = deep.linear_activation_backward(dA, cache, activation)
    assert (dA_prev.shape, dW.shape, db.shape) == ((3, 10), (4, 3), (4, 1))
    np.testing.assert_allclose(dW, dA * ref_dg(activation, Z) @ X.T / 10, rtol=1e-12)
    lin_grads = deep.linear_backward(dA, lin)
    np.testing.assert_allclose(lin_grads[1], dA @ X.T / 10, rtol=1e-13)


def test_L_model_forward_and_backward(data: Data) -> None:
    X, Y = data
    p = _course_init(4, [3, 5, 4, 1], lambda W, n: W / np.sqrt(n))
    acts = ["relu", "relu", "sigmoid"]
    AL, caches = deep.L_model_forward(X, p)
    AL_ref, saved = ref_forward(X, p, acts)
    assert AL.shape == (1, 10) and len(caches) == 3
    np.testing.assert_allclose(AL, AL_ref, rtol=1e-13)
    assert deep.compute_cost(AL, Y) == pytest.approx(ref_cost(AL_ref, Y), rel=1e-13)
    grads = deep.L_model_backward(AL, Y, caches)
    assert set(grads) == {"dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"}
    ref = ref_backward(-(Y / AL_ref - (1 - Y) / (1 - AL_ref)), p, saved, acts)
    for key, value in ref.items():
        np.testing.assert_allclose(grads[key], value, rtol=1e-10, atol=1e-15, err_msg=key)
    new = deep.update_parameters(p, grads, 0.1)
    assert new is not p and sorted(new) == sorted(p)
    np.testing.assert_allclose(new["W3"], p["W3"] - 0.1 * ref["dW3"], rtol=1e-12)
    np.testing.assert_array_equal(deep.predict(X, Y, p), (AL_ref > 0.5).astype(float))


@pytest.mark.parametrize("which", ["two_layer_model", "L_layer_model"])
def test_deep_models_record_costs_every_100_iterations(
    data: Data, capsys: pytest.CaptureFixture[str], which: str
) -> None:
    X, Y = data
    if which == "two_layer_model":
        dims, init = [3, 4, 1], _course_init(1, [3, 4, 1], lambda W, n: W * 0.01)
    else:
        dims, init = [3, 5, 4, 1], _course_init(1, [3, 5, 4, 1], lambda W, n: W / np.sqrt(n))
    result = getattr(deep, which)(X, Y, dims, 0.3, 201, print_cost=True)
    assert isinstance(result, tuple) and len(result) == 2
    params, costs = result
    assert sorted(params) == sorted(init) and len(costs) == 3
    acts = ["relu"] * (len(dims) - 2) + ["sigmoid"]
    assert costs[0] == pytest.approx(ref_cost(ref_forward(X, init, acts)[0], Y), rel=1e-13)
    assert costs[2] < costs[0]
    out = capsys.readouterr().out
    assert "Cost after iteration 100" in out and "Cost after iteration 101" not in out
