"""Costs and their derivatives: the course's formulas, the clamp at -100, logits, MSE."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import scratchnn as s
from parity_tests.unit._helpers import labels, ref_cost


@pytest.fixture
def rng() -> np.random.Generator:
    return np.random.default_rng(21)


def test_compute_cost_is_the_course_mean(rng: np.random.Generator) -> None:
    m = 9
    AL = rng.uniform(0.02, 0.98, (1, m))
    Y = labels(rng, m)
    cost = s.compute_cost(AL, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(ref_cost(AL, Y), rel=1e-14)


def test_compute_cost_is_a_mean_over_m_not_a_sum() -> None:
    AL = np.array([[0.8, 0.8, 0.8, 0.8]])
    Y = np.ones((1, 4))
    assert s.compute_cost(AL, Y) == pytest.approx(-np.log(0.8), rel=1e-14)


def test_compute_cost_sums_several_output_rows_and_divides_by_m(rng: np.random.Generator) -> None:
    AL = rng.uniform(0.05, 0.95, (2, 5))
    Y = labels(rng, 5, n_y=2)
    expected = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / 5
    assert s.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)


def test_a_certain_wrong_prediction_costs_100_over_m_without_warnings() -> None:
    AL = np.array([[0.0, 0.3, 0.8, 1.0]])
    Y = np.array([[1.0, 0.0, 1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost = s.compute_cost(AL, Y)
    assert np.isfinite(cost)
    assert cost == pytest.approx((100 - np.log(0.7) - np.log(0.8) + 100) / 4, rel=1e-14)


def test_certain_right_predictions_cost_zero_not_nan() -> None:
    # 0 * log(0) must not become 0 * (-inf) = nan: the clamp comes before the product
    assert s.compute_cost(np.array([[1.0, 0.0, 1.0]]), np.array([[1.0, 0.0, 1.0]])) == 0.0


def test_compute_cost_backward_is_the_course_formula(rng: np.random.Generator) -> None:
    AL = rng.uniform(1e-6, 1 - 1e-6, (1, 8))
    AL[0, :2] = [1e-6, 1 - 1e-6]
    Y = labels(rng, 8)
    dAL = s.compute_cost_backward(AL, Y)
    assert dAL.shape == (1, 8)
    course = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))  # elementwise, no sum, no 1/m
    np.testing.assert_allclose(dAL, course, rtol=1e-12)


def test_compute_cost_backward_has_no_one_over_m() -> None:
    AL = np.array([[0.25]])
    Y = np.array([[1.0]])
    dAL_1 = s.compute_cost_backward(AL, Y)
    dAL_5 = s.compute_cost_backward(np.repeat(AL, 5, axis=1), np.repeat(Y, 5, axis=1))
    np.testing.assert_allclose(dAL_1, [[-4.0]], rtol=1e-15)
    np.testing.assert_allclose(dAL_5, np.full((1, 5), -4.0), rtol=1e-15)


def test_compute_cost_backward_is_finite_at_0_and_1_without_warnings() -> None:
    AL = np.array([[0.0, 0.0, 1.0, 1.0]])
    Y = np.array([[1.0, 0.0, 0.0, 1.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        dAL = s.compute_cost_backward(AL, Y)
    assert np.isfinite(dAL).all()
    assert dAL[0, 0] < -1e6  # a certain wrong 0: a huge push up
    assert dAL[0, 2] > 1e6  # a certain wrong 1: a huge push down


def test_backward_through_the_sigmoid_is_AL_minus_Y(rng: np.random.Generator) -> None:
    Z = rng.uniform(-4, 4, (1, 7))
    Y = labels(rng, 7)
    AL = s.sigmoid(Z)
    chained = s.sigmoid_backward(s.compute_cost_backward(AL, Y), Z)
    np.testing.assert_allclose(chained, AL - Y, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(s.sigmoid_cross_entropy_dZ(AL, Y), AL - Y, rtol=0, atol=0)


def test_sigmoid_cross_entropy_dZ_is_AL_minus_Y_per_example() -> None:
    AL = np.array([[0.9, 0.2, 0.6]])
    Y = np.array([[1.0, 1.0, 0.0]])
    np.testing.assert_allclose(s.sigmoid_cross_entropy_dZ(AL, Y), [[-0.1, -0.8, 0.6]], rtol=1e-14)


def test_cross_entropy_from_logits_equals_the_cost_of_the_sigmoid(rng: np.random.Generator) -> None:
    Z = rng.uniform(-6, 6, (1, 11))
    Y = labels(rng, 11)
    AL = 1 / (1 + np.exp(-Z))
    cost = s.cross_entropy_from_logits(Z, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(ref_cost(AL, Y), rel=1e-12)


def test_cross_entropy_from_logits_is_finite_for_huge_logits() -> None:
    Z = np.array([[1e4, -1e4, 1e4, -1e4]])
    Y = np.array([[0.0, 1.0, 1.0, 0.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        cost = s.cross_entropy_from_logits(Z, Y)
        dZ = s.cross_entropy_from_logits_backward(Z, Y)
    # softplus(1e4) = 1e4 for the two wrong ones, softplus(-1e4) = 0 for the right ones
    assert cost == pytest.approx((1e4 + 1e4) / 4, rel=1e-15)
    assert dZ.tolist() == [[1.0, -1.0, 0.0, 0.0]]


def test_cross_entropy_from_logits_backward_is_sigmoid_minus_Y(rng: np.random.Generator) -> None:
    Z = rng.uniform(-6, 6, (1, 9))
    Y = labels(rng, 9)
    dZ = s.cross_entropy_from_logits_backward(Z, Y)
    assert dZ.shape == (1, 9)
    np.testing.assert_allclose(dZ, 1 / (1 + np.exp(-Z)) - Y, rtol=1e-13, atol=1e-16)


def test_mean_squared_error_and_its_backward(rng: np.random.Generator) -> None:
    AL = rng.standard_normal((2, 6))
    Y = rng.standard_normal((2, 6)) * 3  # any targets, not only labels
    cost = s.mean_squared_error(AL, Y)
    assert isinstance(cost, float)
    assert cost == pytest.approx(np.sum((AL - Y) ** 2) / 6, rel=1e-14)
    np.testing.assert_allclose(s.mean_squared_error_backward(AL, Y), 2 * (AL - Y), rtol=1e-15)


def test_mean_squared_error_by_hand() -> None:
    AL = np.array([[1.0, 2.0, 4.0]])
    Y = np.array([[0.0, 2.0, 1.0]])
    assert s.mean_squared_error(AL, Y) == pytest.approx((1 + 0 + 9) / 3)
    assert s.mean_squared_error_backward(AL, Y).tolist() == [[2.0, 0.0, 6.0]]


def test_costs_depend_on_every_example() -> None:
    # a cost that reads only the first column (or the first row) would miss these changes
    AL = np.array([[0.5, 0.5, 0.5], [0.5, 0.5, 0.5]])
    Y = np.array([[1.0, 1.0, 1.0], [1.0, 1.0, 1.0]])
    base = s.compute_cost(AL, Y)
    for idx in [(0, 2), (1, 1)]:
        changed = AL.copy()
        changed[idx] = 0.25
        assert s.compute_cost(changed, Y) == pytest.approx(base + np.log(2) / 3, rel=1e-14)


RANK1_NAMED = [
    (s.compute_cost, "AL"),
    (s.compute_cost_backward, "AL"),
    (s.sigmoid_cross_entropy_dZ, "AL"),
    (s.cross_entropy_from_logits, "Z"),
    (s.cross_entropy_from_logits_backward, "Z"),
    (s.mean_squared_error, "AL"),
    (s.mean_squared_error_backward, "AL"),
]


@pytest.mark.parametrize("bad", ["first", "Y"])
@pytest.mark.parametrize(("fn", "first"), RANK1_NAMED, ids=lambda v: getattr(v, "__name__", v))
def test_a_rank1_argument_is_named(fn: Callable[..., Any], first: str, bad: str) -> None:
    # mutmut: the names given to the checks set to None (or the default "AL" for logits) survived
    # in cross_entropy_from_logits_backward and the mean squared error
    args = {first: np.array([[0.25, 0.5, 0.75]]), "Y": np.array([[0.0, 1.0, 1.0]])}
    name = first if bad == "first" else "Y"
    args[name] = args[name][0]
    with pytest.raises(ValueError, match=rf"\b{name} must be 2-D; got shape \(3,\)"):
        fn(**args)
