"""Activations and their backwards: known values, limits, dA scaling, kinks, get_activation."""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import scratchnn as s
from parity_tests.activation_specs import ALL_NAMES, SPECS
from parity_tests.unit._helpers import away_from_zero, ref_dg, ref_g

#: each activation's public forward and backward, by the name layers take (the activation table)
FORWARD = {spec.name: getattr(s, spec.functions) for spec in SPECS}
BACKWARD = {spec.name: getattr(s, f"{spec.functions}_backward") for spec in SPECS}
Forward = Callable[[np.ndarray], np.ndarray]
Backward = Callable[[np.ndarray, np.ndarray], np.ndarray]


@pytest.fixture
def Z() -> np.ndarray:
    return away_from_zero(np.random.default_rng(11), (3, 7)) * 3


def test_sigmoid_of_zero_is_one_half() -> None:
    assert s.sigmoid(np.zeros((2, 3))).tolist() == [[0.5] * 3] * 2


@pytest.mark.parametrize("name", FORWARD)
def test_forward_equals_its_definition(name: str, Z: np.ndarray) -> None:
    A = FORWARD[name](Z)
    assert A.shape == Z.shape
    np.testing.assert_allclose(A, ref_g(name, Z), rtol=1e-14, atol=0)


def test_sigmoid_hand_values() -> None:
    Z = np.array([[np.log(3.0), -np.log(3.0), np.log(0.25)]])
    np.testing.assert_allclose(s.sigmoid(Z), [[0.75, 0.25, 0.2]], rtol=1e-15)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_sigmoid_saturates_exactly_without_warnings(dtype: type[np.floating[Any]]) -> None:
    Z = np.array([[1e4, -1e4, 800.0, -800.0]], dtype=dtype)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = s.sigmoid(Z)
    assert A.dtype == dtype
    assert A.tolist() == [[1.0, 0.0, 1.0, 0.0]]


def test_sigmoid_keeps_tiny_values_near_the_overflow_edge_without_warnings() -> None:
    Z = np.array([[40.0, -740.0, 710.0, -710.0, -30.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A = s.sigmoid(Z)
    assert A[0, 0] == 1.0 and A[0, 2] == 1.0  # 1 - sigmoid(40) is below half an ulp of 1
    assert 0 < A[0, 1] < 1e-300  # exp(-740) is subnormal: not rounded to 0, no overflow
    np.testing.assert_allclose(A[0, 3:], np.exp(Z[0, 3:]) / (1 + np.exp(Z[0, 3:])), rtol=1e-12)


def test_tanh_known_values() -> None:
    Z = np.array([[0.0, np.log(2.0), -np.log(3.0)]])
    np.testing.assert_allclose(s.tanh(Z), [[0.0, 0.6, -0.8]], rtol=1e-15, atol=1e-17)
    assert s.tanh(np.array([[1e4, -1e4]])).tolist() == [[1.0, -1.0]]


def test_relu_and_leaky_relu_known_values() -> None:
    Z = np.array([[-2.0, 0.0, 3.0], [0.5, -0.25, -100.0]])
    assert s.relu(Z).tolist() == [[0.0, 0.0, 3.0], [0.5, 0.0, 0.0]]
    np.testing.assert_allclose(
        s.leaky_relu(Z), [[-0.02, 0.0, 3.0], [0.5, -0.0025, -1.0]], rtol=1e-15
    )
    np.testing.assert_allclose(
        s.leaky_relu(Z, slope=0.2), [[-0.4, 0.0, 3.0], [0.5, -0.05, -20.0]], rtol=1e-15
    )


def test_identity_returns_an_equal_array_that_does_not_alias() -> None:
    Z = np.arange(6.0).reshape(2, 3)
    A = s.identity(Z)
    np.testing.assert_array_equal(A, Z)
    assert not np.shares_memory(A, Z)


@pytest.mark.parametrize("name", BACKWARD)
def test_backward_multiplies_g_prime_by_dA(name: str, Z: np.ndarray) -> None:
    dA = np.random.default_rng(12).uniform(-3.0, 3.0, Z.shape)  # dA != 1: catches ignoring it
    dZ = BACKWARD[name](dA, Z)
    assert dZ.shape == Z.shape
    np.testing.assert_allclose(dZ, dA * ref_dg(name, Z), rtol=1e-13, atol=1e-300)


def test_leaky_relu_backward_uses_its_slope(Z: np.ndarray) -> None:
    dA = np.full(Z.shape, 2.5)
    np.testing.assert_allclose(
        s.leaky_relu_backward(dA, Z, slope=0.3), dA * ref_dg("leaky_relu", Z, slope=0.3)
    )
    np.testing.assert_allclose(s.leaky_relu(Z, slope=0.3), ref_g("leaky_relu", Z, slope=0.3))


def test_relu_derivative_at_zero_is_0_by_default_and_at_zero_on_request() -> None:
    Z = np.array([[0.0, 0.0, 1.0], [-1.0, 0.0, 2.0]])
    dA = np.array([[3.0, -2.0, 5.0], [7.0, 4.0, -1.5]])
    assert s.relu_backward(dA, Z).tolist() == [[0.0, 0.0, 5.0], [0.0, 0.0, -1.5]]
    assert s.relu_backward(dA, Z, at_zero=1.0).tolist() == [[3.0, -2.0, 5.0], [0.0, 4.0, -1.5]]
    lecture = s.get_activation("relu", at_zero=1.0)
    assert lecture.backward(dA, Z).tolist() == [[3.0, -2.0, 5.0], [0.0, 4.0, -1.5]]
    assert s.get_activation("relu").backward(dA, Z).tolist() == s.relu_backward(dA, Z).tolist()


def test_leaky_relu_derivative_at_zero_is_the_slope() -> None:
    Z = np.array([[0.0, 1.0, -1.0]])
    dA = np.array([[3.0, 5.0, 7.0]])
    np.testing.assert_allclose(s.leaky_relu_backward(dA, Z), [[0.03, 5.0, 0.07]], rtol=1e-15)
    np.testing.assert_allclose(
        s.leaky_relu_backward(dA, Z, slope=0.2), [[0.6, 5.0, 1.4]], rtol=1e-15
    )
    leaky = s.get_activation("leaky_relu", slope=0.2)
    np.testing.assert_allclose(leaky.backward(dA, Z), [[0.6, 5.0, 1.4]], rtol=1e-15)
    np.testing.assert_allclose(leaky.forward(Z), [[0.0, 1.0, -0.2]], rtol=1e-15)


def test_leaky_relu_derivative_at_zero_on_request() -> None:
    # mutmut: leaky_relu_backward's at_zero was never called; mutants that ignore it, divide by
    # dA, put it where Z != 0 or refuse every at_zero survived
    Z = np.array([[0.0, 1.0, -1.0, 0.0]])
    dA = np.array([[3.0, 5.0, 7.0, -2.0]])
    lecture = [[3.0, 5.0, 0.07, -2.0]]
    np.testing.assert_allclose(s.leaky_relu_backward(dA, Z, at_zero=1.0), lecture, rtol=1e-15)
    np.testing.assert_allclose(
        s.leaky_relu_backward(dA, Z, slope=0.2, at_zero=0.5), [[1.5, 5.0, 1.4, -1.0]], rtol=1e-15
    )
    assert s.leaky_relu_backward(dA, Z, at_zero=0.0).tolist() == [[0.0, 5.0, 0.07, 0.0]]
    leaky = s.get_activation("leaky_relu", at_zero=1.0)
    np.testing.assert_allclose(leaky.backward(dA, Z), lecture, rtol=1e-15)
    # mutmut: the name's options joined by "XXXX" survived (no test gave both options)
    both = s.get_activation("leaky_relu", slope=0.2, at_zero=0.5)
    assert both.name == "leaky_relu[slope=0.2][at_zero=0.5]"
    np.testing.assert_allclose(both.backward(dA, Z), [[1.5, 5.0, 1.4, -1.0]], rtol=1e-15)
    np.testing.assert_allclose(both.forward(Z), [[0.0, 1.0, -0.2, 0.0]], rtol=1e-15)


@pytest.mark.parametrize("name", FORWARD)
def test_a_bad_Z_is_named_forward_and_backward(name: str, Z: np.ndarray) -> None:
    # mutmut: the name given to the check of Z set to None survived in tanh, relu, leaky_relu,
    # identity and the backwards' shared check
    with pytest.raises(ValueError, match=r"Z must be 2-D; got shape \(7,\)"):
        FORWARD[name](Z[0])
    with pytest.raises(ValueError, match=r"Z must be 2-D; got shape \(7,\)"):
        BACKWARD[name](np.ones_like(Z), Z[0])


@pytest.mark.parametrize(
    ("from_A", "from_Z", "forward"),
    [
        (s.sigmoid_backward_from_A, s.sigmoid_backward, s.sigmoid),
        (s.tanh_backward_from_A, s.tanh_backward, s.tanh),
    ],
    ids=["sigmoid", "tanh"],
)
def test_course_forms_from_A_agree_with_the_Z_forms(
    from_A: Backward, from_Z: Backward, forward: Forward, Z: np.ndarray
) -> None:
    dA = np.random.default_rng(13).uniform(-2.0, 2.0, Z.shape)
    np.testing.assert_allclose(from_A(dA, forward(Z)), from_Z(dA, Z), rtol=1e-12, atol=1e-300)


def test_course_forms_from_A_are_the_course_formulas() -> None:
    A = np.array([[0.1, 0.5, 0.9], [0.25, 0.0, 1.0]])
    dA = np.array([[2.0, -1.0, 3.0], [4.0, 5.0, 6.0]])
    np.testing.assert_allclose(s.sigmoid_backward_from_A(dA, A), dA * A * (1 - A), rtol=1e-15)
    T = A * 2 - 1
    np.testing.assert_allclose(s.tanh_backward_from_A(dA, T), dA * (1 - T**2), rtol=1e-15)


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "leaky_relu", "linear", "identity"])
def test_get_activation_resolves_every_name(name: str, Z: np.ndarray) -> None:
    act = s.get_activation(name)
    assert isinstance(act, s.Activation)
    dA = np.random.default_rng(14).uniform(0.5, 2.0, Z.shape)
    np.testing.assert_allclose(act.forward(Z), ref_g(name, Z), rtol=1e-14)
    np.testing.assert_allclose(act.backward(dA, Z), dA * ref_dg(name, Z), rtol=1e-13)


def test_activation_table_holds_the_course_names() -> None:
    assert {"sigmoid", "tanh", "relu", "leaky_relu", "linear"} <= set(s.ACTIVATIONS)
    # the suite's activation table is the library's: its names and aliases, nothing else
    assert set(ALL_NAMES) == set(s.ACTIVATIONS)
    for spec in SPECS:
        assert {s.ACTIVATIONS[alias].forward for alias in spec.aliases} <= {
            s.ACTIVATIONS[spec.name].forward
        }
    from_A = {n.removesuffix("_backward_from_A") for n in s.__all__ if n.endswith("_from_A")}
    assert from_A == {spec.functions for spec in SPECS if spec.from_A}
    act = s.get_activation("tanh")
    assert s.get_activation(act) is act


@pytest.mark.parametrize("name", ["softmax", "ReLU", "Sigmoid", "", "leaky-relu"])
def test_unknown_activation_names_raise(name: str) -> None:
    with pytest.raises(ValueError, match=f"unknown activation {name!r}"):
        s.get_activation(name)
