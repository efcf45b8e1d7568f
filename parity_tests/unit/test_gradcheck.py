"""Gradient checking (the course's recipe): central differences in float64, relative difference

||g - g_approx|| / (||g|| + ||g_approx||) below 1e-7, at points away from the kinks.

eps is the course's 1e-7 for the activations. For whole networks it is 1e-6: there the rounding
noise of the cost, about ulp(J) / eps per entry, reaches 1e-7 relative for gradients as small as
those behind two sigmoid layers (~1e-4), while the truncation error at 1e-6 is still ~1e-12.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pytest

import scratchnn as s
from parity_tests.unit._helpers import (
    away_from_zero,
    labels,
    numeric_grad,
    random_params,
    relative_difference,
)
from scratchnn.course import deep, logistic, shallow

Point = dict[str, np.ndarray]  # where numeric_grad evaluates a cost

THRESHOLD = 1e-7
NET_EPS = 1e-6

BACKWARDS = {
    "sigmoid": (s.sigmoid, s.sigmoid_backward),
    "tanh": (s.tanh, s.tanh_backward),
    "relu": (s.relu, s.relu_backward),
    "leaky_relu": (s.leaky_relu, s.leaky_relu_backward),
    "leaky_relu_0.2": (
        lambda Z: s.leaky_relu(Z, slope=0.2),
        lambda dA, Z: s.leaky_relu_backward(dA, Z, slope=0.2),
    ),
    "identity": (s.identity, s.identity_backward),
    "sigmoid_from_A": (s.sigmoid, lambda dA, Z: s.sigmoid_backward_from_A(dA, s.sigmoid(Z))),
    "tanh_from_A": (s.tanh, lambda dA, Z: s.tanh_backward_from_A(dA, s.tanh(Z))),
}


@pytest.mark.parametrize("name", BACKWARDS)
def test_activation_backward_matches_finite_differences(name: str) -> None:
    forward, backward = BACKWARDS[name]
    rng = np.random.default_rng(91)
    Z = away_from_zero(rng, (3, 4)) * 2
    dA = rng.uniform(-2.0, 2.0, (3, 4))

    def f(point: Point) -> float:  # sum(dA * g(Z)): its gradient in Z is dA * g'(Z)
        return float(np.sum(dA * forward(point["Z"])))

    approx = numeric_grad(f, {"Z": Z})
    assert relative_difference({"Z": backward(dA, Z)}, approx) < THRESHOLD


def test_logistic_propagate_matches_finite_differences() -> None:
    rng = np.random.default_rng(92)
    X, Y = rng.standard_normal((4, 7)), labels(rng, 7)
    point = {"w": rng.standard_normal((4, 1)) * 0.5, "b": np.array([[0.3]])}

    def J(p: Point) -> float:
        return logistic.propagate(p["w"], float(p["b"][0, 0]), X, Y)[1]

    grads, _ = logistic.propagate(point["w"], 0.3, X, Y)
    approx = numeric_grad(J, point, NET_EPS)
    assert relative_difference({"w": grads["dw"], "b": [grads["db"]]}, approx) < THRESHOLD


def test_shallow_backward_propagation_matches_finite_differences() -> None:
    rng = np.random.default_rng(93)
    X, Y = rng.standard_normal((2, 9)), labels(rng, 9)
    params = random_params(rng, [2, 5, 1])

    def J(p: Point) -> float:
        return shallow.compute_cost(shallow.forward_propagation(X, p)[0], Y)

    _, cache = shallow.forward_propagation(X, params)
    grads = shallow.backward_propagation(params, cache, X, Y)
    approx = numeric_grad(J, params, NET_EPS)
    assert relative_difference({k: grads[f"d{k}"] for k in params}, approx) < THRESHOLD


def _away_from_kinks(
    dims: list[int], X_shape: tuple[int, int], acts: list[str], seed: int, margin: float = 1e-3
) -> tuple[np.random.Generator, np.ndarray, dict[str, np.ndarray]]:
    """Draw X and parameters until every Z of a ReLU / leaky ReLU layer has |Z| > margin."""
    for attempt in range(100):
        rng = np.random.default_rng([seed, attempt])
        X = rng.standard_normal(X_shape)
        params = random_params(rng, dims)
        _, caches = s.model_forward(X, params, acts)
        zs = [c.Z for c, a in zip(caches, acts, strict=True) if a in ("relu", "leaky_relu")]
        if all(np.abs(Z).min() > margin for Z in zs):
            return rng, X, params
    raise AssertionError("no draw away from the kinks")


def test_deep_L_model_backward_matches_finite_differences() -> None:
    dims, acts = [4, 5, 3, 1], ["relu", "relu", "sigmoid"]
    rng, X, params = _away_from_kinks(dims, (4, 6), acts, seed=94)
    Y = labels(rng, 6)

    def J(p: Point) -> float:
        return deep.compute_cost(deep.L_model_forward(p["X"], p)[0], Y)

    AL, caches = deep.L_model_forward(X, params)
    grads = deep.L_model_backward(AL, Y, caches)
    point = {**params, "X": X}
    approx = numeric_grad(J, point, NET_EPS)
    got = {k: grads[f"d{k}"] for k in params}
    got["X"] = grads["dA0"] / 6  # dA0 is per example: dJ/dX = dA0 / m
    assert relative_difference(got, approx) < THRESHOLD


@pytest.mark.parametrize("hidden", ["sigmoid", "tanh", "relu", "leaky_relu", "linear"])
def test_core_model_backward_matches_finite_differences(hidden: str) -> None:
    dims, acts = [3, 5, 4, 1], [hidden, hidden, "sigmoid"]
    rng, X, params = _away_from_kinks(dims, (3, 7), acts, seed=95)
    Y = labels(rng, 7)

    def J(p: Point) -> float:
        return s.compute_cost(s.model_forward(p["X"], p, acts)[0], Y)

    AL, caches = s.model_forward(X, params, acts)
    grads = s.model_backward(s.compute_cost_backward(AL, Y), caches, acts)
    approx = numeric_grad(J, {**params, "X": X}, NET_EPS)
    got = {k: grads[f"d{k}"] for k in params} | {"X": grads["dA0"] / 7}
    assert relative_difference(got, approx) < THRESHOLD


@pytest.mark.parametrize(
    ("acts", "loss"),
    [(["tanh", "leaky_relu", "linear"], "mse"), (["relu", "tanh", "linear"], "logits")],
)
def test_other_losses_backpropagate_their_gradient(acts: list[str], loss: str) -> None:
    dims = [3, 4, 5, 2] if loss == "mse" else [3, 4, 5, 1]
    rng, X, params = _away_from_kinks(dims, (3, 6), acts, seed=96)
    if loss == "mse":
        Y = rng.standard_normal((2, 6))
        cost: Callable[[np.ndarray, np.ndarray], float] = s.mean_squared_error
        dcost: Callable[[np.ndarray, np.ndarray], np.ndarray] = s.mean_squared_error_backward
    else:
        Y = labels(rng, 6)
        cost, dcost = s.cross_entropy_from_logits, s.cross_entropy_from_logits_backward

    def J(p: Point) -> float:
        return cost(s.model_forward(X, p, acts)[0], Y)

    AL, caches = s.model_forward(X, params, acts)
    grads = s.model_backward(dcost(AL, Y), caches, acts, need_dA0=False)
    approx = numeric_grad(J, params, NET_EPS)
    assert relative_difference({k: grads[f"d{k}"] for k in params}, approx) < THRESHOLD


def test_the_check_itself_catches_a_wrong_gradient() -> None:
    # the threshold is tight enough to see 1/n (the layer width) in place of 1/m on one layer
    rng, X, params = _away_from_kinks([3, 4, 1], (3, 5), ["tanh", "sigmoid"], seed=97)
    Y = labels(rng, 5)
    acts = ["tanh", "sigmoid"]
    AL, caches = s.model_forward(X, params, acts)
    grads = s.model_backward(s.compute_cost_backward(AL, Y), caches, acts)
    approx = numeric_grad(
        lambda p: s.compute_cost(s.model_forward(X, p, acts)[0], Y), params, NET_EPS
    )
    wrong = {k: grads[f"d{k}"] for k in params}
    wrong["W1"] = wrong["W1"] * 5 / 3  # (1/n) instead of (1/m), n = 3, m = 5
    assert relative_difference(wrong, approx) > 1e-3
