"""Initialization schemes and batch gradient descent (train, update_parameters, predict)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Literal

import numpy as np
import pytest

import scratchnn as s
from parity_tests.unit._helpers import labels, random_params, ref_backward, ref_cost, ref_forward

Factor = Callable[[np.ndarray, int], np.ndarray]  # the course's scale of a drawn W, from n_prev
Problem = tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]  # X, Y and parameters

DIMS = [5, 4, 3, 2]


@pytest.mark.parametrize("scheme", ["zeros", "scaled", "sqrt_fan_in", "he"])
def test_every_scheme_gives_the_shapes_and_zero_biases(scheme: str) -> None:
    params = s.initialize_parameters(DIMS, scheme=scheme, rng=np.random.default_rng(41))
    assert sorted(params) == ["W1", "W2", "W3", "b1", "b2", "b3"]
    for layer in range(1, len(DIMS)):
        W, b = params[f"W{layer}"], params[f"b{layer}"]
        assert W.shape == (DIMS[layer], DIMS[layer - 1]) and W.dtype == np.float64
        assert b.shape == (DIMS[layer], 1) and not b.any()
        assert (scheme == "zeros") == (not W.any())


def _course_draws(rng: np.random.RandomState, factor: Factor) -> dict[str, np.ndarray]:
    """The course's loop: W drawn in layer order with randn, times factor(n_prev), b not drawn."""
    params: dict[str, np.ndarray] = {}
    for layer in range(1, len(DIMS)):
        W = rng.randn(DIMS[layer], DIMS[layer - 1])
        params[f"W{layer}"] = factor(W, DIMS[layer - 1])
        params[f"b{layer}"] = np.zeros((DIMS[layer], 1))
    return params


@pytest.mark.parametrize(
    ("scheme", "factor"),
    [
        ("sqrt_fan_in", lambda W, n_prev: W / np.sqrt(n_prev)),
        ("scaled", lambda W, n_prev: W * 0.01),
        ("he", lambda W, n_prev: W * np.sqrt(2 / n_prev)),
    ],
)
def test_RandomState_1_reproduces_the_course_draws(scheme: str, factor: Factor) -> None:
    # np.random.seed(1); np.random.randn(n_1, n_0) / np.sqrt(n_0); ... is RandomState(1).randn
    params = s.initialize_parameters(DIMS, scheme=scheme, rng=np.random.RandomState(1))
    course = _course_draws(np.random.RandomState(1), factor)
    for key in course:
        np.testing.assert_array_equal(params[key], course[key], err_msg=key)


def test_scaled_scheme_uses_its_scale() -> None:
    params = s.initialize_parameters(DIMS, scheme="scaled", scale=0.5, rng=np.random.RandomState(3))
    course = _course_draws(np.random.RandomState(3), lambda W, n_prev: W * 0.5)
    np.testing.assert_array_equal(params["W3"], course["W3"])


def test_a_Generator_is_accepted_and_drawn_in_layer_order() -> None:
    params = s.initialize_parameters(DIMS, rng=np.random.default_rng(42))
    rng = np.random.default_rng(42)
    for layer in range(1, len(DIMS)):
        W = rng.standard_normal((DIMS[layer], DIMS[layer - 1])) / np.sqrt(DIMS[layer - 1])
        np.testing.assert_array_equal(params[f"W{layer}"], W)


def test_float32_parameters_hold_the_float64_draws_rounded() -> None:
    p32 = s.initialize_parameters(DIMS, rng=np.random.RandomState(1), dtype=np.float32)
    p64 = s.initialize_parameters(DIMS, rng=np.random.RandomState(1))
    for key in p64:
        assert p32[key].dtype == np.float32
        np.testing.assert_array_equal(p32[key], p64[key].astype(np.float32))


@pytest.mark.parametrize("scheme", ["scaled", "sqrt_fan_in", "he"])
def test_a_missing_rng_is_a_TypeError(scheme: str) -> None:
    with pytest.raises(TypeError, match="rng"):
        s.initialize_parameters(DIMS, scheme=scheme)
    with pytest.raises(TypeError, match="rng"):
        s.initialize_parameters(DIMS, scheme=scheme, rng=1)  # type: ignore[arg-type]  # on purpose


def test_zeros_needs_no_rng() -> None:
    params = s.initialize_parameters(DIMS, scheme="zeros")
    assert all(not value.any() for value in params.values())


@pytest.mark.parametrize(
    ("scheme", "std"), [("scaled", 0.01), ("sqrt_fan_in", 1 / 20), ("he", np.sqrt(2 / 400))]
)
def test_each_scheme_has_its_standard_deviation(scheme: str, std: float) -> None:
    W = s.initialize_parameters([400, 400], scheme=scheme, rng=np.random.default_rng(43))["W1"]
    assert W.std() == pytest.approx(std, rel=0.03)
    assert abs(W.mean()) < 3 * std / 400  # 3 standard errors of the mean of 160000 draws


# ---------------------------------------------------------------- training


@pytest.fixture
def problem() -> Problem:
    rng = np.random.default_rng(44)
    X = rng.standard_normal((3, 8))
    Y = labels(rng, 8)
    return X, Y, random_params(rng, [3, 4, 1])


def test_update_parameters_is_one_step_and_returns_a_new_dict(problem: Problem) -> None:
    _, _, params = problem
    rng = np.random.default_rng(45)
    grads = {f"d{k}": rng.standard_normal(v.shape) for k, v in params.items()}
    before = {k: v.copy() for k, v in params.items()}
    new = s.update_parameters(params, grads, 0.3)
    assert new is not params and sorted(new) == sorted(params)
    for key, value in params.items():
        np.testing.assert_array_equal(value, before[key])
        np.testing.assert_allclose(new[key], before[key] - 0.3 * grads[f"d{key}"], rtol=1e-15)


def test_train_records_the_cost_before_each_update(problem: Problem) -> None:
    X, Y, params = problem
    acts = ["tanh", "sigmoid"]
    _, history = s.train(
        X, Y, params, learning_rate=0.5, num_iterations=7, activations=acts, snapshot_every=1
    )
    assert history.costs.shape == (7,)
    assert history.costs[0] == pytest.approx(ref_cost(ref_forward(X, params, acts)[0], Y))
    for i in range(7):
        snap = history.snapshots[i]
        assert history.costs[i] == pytest.approx(ref_cost(ref_forward(X, snap, acts)[0], Y))
    assert history.costs[-1] < history.costs[0]


def test_each_training_step_is_the_course_update(problem: Problem) -> None:
    X, Y, params = problem
    acts = ["relu", "sigmoid"]
    new, _ = s.train(X, Y, params, learning_rate=0.7, num_iterations=2, activations=acts)
    expected = dict(params)
    for _ in range(2):
        AL, saved = ref_forward(X, expected, acts)
        # sigmoid + cross-entropy: dZ[L] = AL - Y, i.e. dAL = AL - Y through a linear output
        grads = ref_backward(AL - Y, expected, saved, ["relu", "linear"])
        expected = {k: v - 0.7 * grads[f"d{k}"] for k, v in expected.items()}
    for key in expected:
        np.testing.assert_allclose(new[key], expected[key], rtol=1e-12, err_msg=key)


@pytest.mark.parametrize("order", ["C", "F"])  # X as generated, and as the course flattens it
@pytest.mark.parametrize("dtype", ["float64", "float32"])
@pytest.mark.parametrize(
    ("dims", "acts", "loss", "m"),
    [
        ([3, 4, 1], ["relu", "sigmoid"], "cross_entropy", 9),
        ([5, 6, 4, 2, 1], ["relu", "tanh", "leaky_relu", "sigmoid"], "cross_entropy", 9),
        ([4, 3, 2], ["tanh", "linear"], "mse", 9),
        ([7, 40, 30, 1], ["relu", "relu", "sigmoid"], "cross_entropy", 300),  # pairwise sums
    ],
)
def test_train_computes_exactly_the_public_functions_in_a_loop(
    dims: list[int], acts: list[str], loss: str, m: int, dtype: Any, order: Literal["C", "F"]
) -> None:
    # train's loop runs kernels in reused buffers; it must compute the very same numbers as the
    # checked public functions called one after the other (equal values; the sign of an exact
    # zero may differ, see scratchnn._loop).
    rng = np.random.default_rng(47)
    X = rng.standard_normal((dims[0], m)).astype(dtype, order=order)
    Y = labels(rng, m) if loss == "cross_entropy" else rng.standard_normal((dims[-1], m))
    Y = Y.astype(dtype)
    params = s.initialize_parameters(dims, scheme="he", rng=rng, dtype=dtype)
    cost_fn, dAL_fn = {
        "cross_entropy": (s.compute_cost, s.compute_cost_backward),
        "mse": (s.mean_squared_error, s.mean_squared_error_backward),
    }[loss]
    _assert_train_is_the_public_chain(X, Y, params, acts, cost_fn, dAL_fn, loss)


def _assert_train_is_the_public_chain(
    X: np.ndarray,
    Y: np.ndarray,
    params: dict[str, np.ndarray],
    acts: Sequence[str | s.Activation],
    cost_fn: Callable[[np.ndarray, np.ndarray], float],
    dAL_fn: Callable[[np.ndarray, np.ndarray], np.ndarray],
    loss: str,
) -> None:
    expected, costs = params, []
    for _ in range(12):
        AL, caches = s.model_forward(X, expected, acts)
        costs.append(cost_fn(AL, Y))
        grads = s.model_backward(dAL_fn(AL, Y), caches, acts)
        expected = s.update_parameters(expected, grads, 0.05)
    got, history = s.train(
        X, Y, params, learning_rate=0.05, num_iterations=12, activations=acts, loss=loss
    )
    np.testing.assert_array_equal(history.costs, costs)
    for key, value in expected.items():
        assert got[key].dtype == value.dtype, key
        np.testing.assert_array_equal(got[key], value, err_msg=key)


@pytest.mark.parametrize("kernels", ["relu-forward", "relu-backward"])
def test_train_runs_its_relu_shortcut_only_for_both_relu_kernels(kernels: str) -> None:
    # The loop keeps a ReLU layer's A in Z's buffer and backpropagates by the mask A > 0; an
    # Activation that shares only one kernel with ReLU (a straight-through estimator, say) must
    # run its own two (mutmut: `and` -> `or`, and either `is` -> `is not`, survived).
    relu, leaky = s.get_activation("relu"), s.get_activation("leaky_relu", slope=0.2)
    if kernels == "relu-forward":
        act = s.Activation("relu, leaky backward", relu.forward, leaky.backward)
    else:
        act = s.Activation("leaky, relu backward", leaky.forward, relu.backward)
    rng = np.random.default_rng(48)
    X, Y = rng.standard_normal((3, 9)), labels(rng, 9)
    params = random_params(rng, [3, 5, 4, 1])
    acts: list[str | s.Activation] = [act, act, "sigmoid"]
    _assert_train_is_the_public_chain(
        X, Y, params, acts, s.compute_cost, s.compute_cost_backward, "cross_entropy"
    )


def test_a_diverging_run_is_a_clear_error_not_nan(problem: Problem) -> None:
    X, Y, params = problem
    # A linear output and the squared error: after one step of 1e200 the output's products
    # overflow, so the cost is inf or NaN whatever the BLAS kernel's summation order (a sigmoid
    # output can saturate instead: on OpenBLAS's SkylakeX kernel the clamped cross-entropy then
    # stays at a finite 75 with zero gradients, while the Haswell kernel's inf - inf gave NaN).
    acts = ["linear", "linear"]
    with pytest.raises(
        ValueError,
        match=r"diverged: the cost is (nan|inf) at iteration 1 .*"
        r"learning_rate 1e\+200 too large",
    ):
        s.train(X, Y, params, learning_rate=1e200, num_iterations=5, activations=acts, loss="mse")
    # the same run, stopped before it diverges, is fine
    _, history = s.train(
        X, Y, params, learning_rate=1e200, num_iterations=1, activations=acts, loss="mse"
    )
    assert np.isfinite(history.costs).all()


def test_logistic_regression_step_by_the_formula() -> None:
    rng = np.random.default_rng(46)
    X, Y = rng.standard_normal((3, 6)), labels(rng, 6)
    w, b = rng.standard_normal((3, 1)), 0.2
    new, _ = s.train(
        X, Y, {"W1": w.T, "b1": np.full((1, 1), b)}, learning_rate=0.1, num_iterations=1,
        activations=["sigmoid"],
    )  # fmt: skip
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    np.testing.assert_allclose(new["W1"], (w - 0.1 * X @ (A - Y).T / 6).T, rtol=1e-13)
    np.testing.assert_allclose(new["b1"], [[b - 0.1 * np.mean(A - Y)]], rtol=1e-13)


def test_snapshots_every_k_and_at_the_end(problem: Problem) -> None:
    X, Y, params = problem
    new, history = s.train(X, Y, params, learning_rate=0.1, num_iterations=10, snapshot_every=4)
    assert sorted(history.snapshots) == [0, 4, 8, 10]
    for key in params:
        np.testing.assert_array_equal(history.snapshots[0][key], params[key])
        np.testing.assert_array_equal(history.snapshots[10][key], new[key])
    assert not np.array_equal(history.snapshots[4]["W1"], history.snapshots[8]["W1"])
    again, _ = s.train(X, Y, history.snapshots[4], learning_rate=0.1, num_iterations=4)
    np.testing.assert_allclose(again["W1"], history.snapshots[8]["W1"], rtol=1e-14)


def test_no_snapshots_unless_asked(problem: Problem) -> None:
    X, Y, params = problem
    _, history = s.train(X, Y, params, learning_rate=0.1, num_iterations=3)
    assert history.snapshots == {}
    assert history.every(2) == [history.costs[0], history.costs[2]]


def test_every_defaults_to_the_course_100(problem: Problem) -> None:
    X, Y, params = problem
    _, history = s.train(X, Y, params, learning_rate=0.01, num_iterations=201)
    assert history.every() == [history.costs[0], history.costs[100], history.costs[200]]


def test_callback_sees_every_iteration_and_its_cost(problem: Problem) -> None:
    X, Y, params = problem
    seen = []
    _, history = s.train(
        X, Y, params, learning_rate=0.1, num_iterations=5, callback=lambda i, c: seen.append((i, c))
    )
    assert seen == [(i, float(history.costs[i])) for i in range(5)]


def test_train_leaves_its_inputs_unchanged(problem: Problem) -> None:
    X, Y, params = problem
    copies = (X.copy(), Y.copy(), {k: v.copy() for k, v in params.items()})
    s.train(X, Y, params, learning_rate=0.5, num_iterations=3, snapshot_every=1)
    np.testing.assert_array_equal(X, copies[0])
    np.testing.assert_array_equal(Y, copies[1])
    assert sorted(params) == sorted(copies[2])
    for key, value in copies[2].items():
        np.testing.assert_array_equal(params[key], value)


@pytest.mark.parametrize("num_iterations", [0, 2])
def test_trained_parameters_do_not_alias_the_starting_ones(
    problem: Problem, num_iterations: int
) -> None:
    # an in-place step on the result (params["W1"] -= ...) must not reach the caller's start
    X, Y, params = problem
    new, _ = s.train(X, Y, params, learning_rate=0.1, num_iterations=num_iterations)
    for key in params:
        assert not np.shares_memory(new[key], params[key]), key


def test_mse_training_with_a_linear_output() -> None:
    rng = np.random.default_rng(47)
    X, params = rng.standard_normal((2, 9)), random_params(rng, [2, 3, 1])
    Y = rng.standard_normal((1, 9))
    acts = ["tanh", "linear"]
    _, history = s.train(
        X, Y, params, learning_rate=0.1, num_iterations=3, activations=acts, loss="mse"
    )
    AL, _ = ref_forward(X, params, acts)
    assert history.costs[0] == pytest.approx(np.sum((AL - Y) ** 2) / 9, rel=1e-13)
    assert history.costs[2] < history.costs[0]


def test_predict_thresholds_the_output(problem: Problem) -> None:
    X, _, params = problem
    AL, _ = ref_forward(X, params, ["relu", "sigmoid"])
    p = s.predict(X, params)
    assert p.shape == (1, 8) and p.dtype == np.float64
    np.testing.assert_array_equal(p, (AL > 0.5).astype(float))
    np.testing.assert_array_equal(s.predict(X, params, threshold=0.3), (AL > 0.3).astype(float))
    acts = ["tanh", "sigmoid"]
    AL_t, _ = ref_forward(X, params, acts)
    np.testing.assert_array_equal(s.predict(X, params, acts), (AL_t > 0.5).astype(float))


def test_accuracy_is_the_fraction_of_matches() -> None:
    p = np.array([[1.0, 0.0, 1.0, 1.0, 0.0]])
    Y = np.array([[1.0, 1.0, 1.0, 0.0, 0.0]])
    assert s.accuracy(p, Y) == pytest.approx(3 / 5)
    assert s.accuracy(Y, Y) == 1.0
