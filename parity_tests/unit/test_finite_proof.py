"""The model functions prove their largest inputs finite from a product instead of reading them.

``model_forward`` reads X only when ``Z1 = W1 X + b1`` cannot prove it finite, and
``model_backward`` reads a cache's A_prev only when its ``dW = dZ A_prev^T / m`` cannot. These
tests put one NaN or infinity anywhere, including where the proof does not reach (a zero column
of W1, an example whose dZ column is zero), and require the same clear error as a full check.
``update_parameters`` checks a large array's step instead of its two operands: the same here.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Literal
from unittest import mock

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import scratchnn as s
from scratchnn import _validate

BAD = st.sampled_from([np.nan, np.inf, -np.inf])


@contextmanager
def proving(proof: bool) -> Iterator[None]:
    """Small arrays are read, not proved (it is cheaper); ``proof`` makes every array proved."""
    with mock.patch.object(_validate, "PROVE", 0 if proof else _validate.PROVE):
        yield


PATHS = pytest.mark.parametrize("proof", [True, False], ids=["proved", "read"])
#: The proof reads the rows it cannot vouch for where they are contiguous, else all of the array:
#: X row-major (the proof's rows of X, and A_prev's columns) and column-major (the reverse).
LAYOUTS = pytest.mark.parametrize("order", ["C", "F"])


@st.composite
def forward_problem(draw: Any) -> tuple[np.ndarray, dict[str, np.ndarray], tuple[int, int]]:
    """X (n_x, m), a two-layer net whose W1 has some all-zero columns, and a position in X."""
    n_x, n_1, m = (draw(st.integers(1, 7)) for _ in range(3))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    W1 = rng.standard_normal((n_1, n_x))
    W1[:, draw(st.lists(st.integers(0, n_x - 1), max_size=n_x))] = 0.0  # unreachable columns
    params = {"W1": W1, "b1": rng.standard_normal((n_1, 1)), "W2": rng.standard_normal((1, n_1))}
    params["b2"] = np.zeros((1, 1))
    where = (draw(st.integers(0, n_x - 1)), draw(st.integers(0, m - 1)))
    return rng.standard_normal((n_x, m)), params, where


@PATHS
@LAYOUTS
@given(forward_problem(), BAD)
def test_a_non_finite_X_is_refused_wherever_it_is(
    proof: bool, order: Literal["C", "F"], problem: Any, bad: float
) -> None:
    X, params, where = problem
    X = np.asarray(X, order=order)
    X[where] = bad
    with proving(proof), warnings.catch_warnings():
        warnings.simplefilter("error")  # a clear error, not a RuntimeWarning on the way
        with pytest.raises(ValueError, match=r"X holds 1 NaN or infinite value\(s\)"):
            s.model_forward(X, params)


@PATHS
@LAYOUTS
@given(forward_problem(), BAD, st.data())
def test_a_non_finite_A_prev_in_the_caches_is_refused(
    proof: bool, order: Literal["C", "F"], problem: Any, bad: float, data: Any
) -> None:
    X, params, where = problem
    AL, caches = s.model_forward(X, params)
    (A_prev, W, b), Z = caches[0]
    # examples whose layer-1 units are all inactive have dZ1 = 0: the proof does not reach them
    Z = Z.copy()
    dead = data.draw(st.lists(st.integers(0, X.shape[1] - 1), max_size=X.shape[1]))
    Z[:, dead] = -1.0
    A_prev = A_prev.copy(order=order)
    A_prev[where] = bad
    broken = [((A_prev, W, b), Z), caches[1]]
    dAL = np.random.default_rng(0).standard_normal(AL.shape)
    with proving(proof), warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(ValueError, match=r"A_prev holds 1 NaN or infinite value\(s\)"):
            s.model_backward(dAL, broken)


def test_valid_inputs_are_not_read_in_full(monkeypatch: pytest.MonkeyPatch) -> None:
    """The point of the proof: X (often the largest array by far) is not read by a check."""
    read: list[str] = []
    read_X = []
    full_check = _validate.finite

    def recording(arr: np.ndarray, name: str) -> None:
        read.append(name)
        read_X.append(arr is X)
        full_check(arr, name)

    monkeypatch.setattr(_validate, "finite", recording)
    rng = np.random.default_rng(3)
    X = rng.standard_normal((_validate.PROVE // 9 + 1, 9))  # just large enough to be proved
    params = s.initialize_parameters([X.shape[0], 6, 1], scheme="he", rng=rng)
    acts = ["tanh", "sigmoid"]  # no dZ column is zero: the proof covers every A_prev
    AL, caches = s.model_forward(X, params, acts)
    s.model_backward(AL - 0.5, caches, acts)
    assert not any(read_X), read  # neither as X (forward) nor as caches[0]'s A_prev
    assert {"W1", "b1", "W2", "b2", "A_prev"} <= set(read)  # the small arrays are read


@PATHS
def test_a_product_that_overflows_from_finite_inputs_is_computed_as_before(proof: bool) -> None:
    X = np.full((2, 3), 1e308)
    params = {"W1": np.full((1, 2), 10.0), "b1": np.zeros((1, 1))}
    with (
        proving(proof),
        pytest.warns(RuntimeWarning, match="overflow"),
    ):  # NumPy's own, as without the proof
        _, caches = s.model_forward(X, params, ["identity"])
    assert np.isinf(caches[0].Z).all()


def skipping_product(factor: np.ndarray, rhs: np.ndarray) -> np.ndarray:
    """``factor @ rhs`` as a BLAS that skips zero multipliers computes it (the reference BLAS
    skips them): a non-finite rhs[k, j] that meets only zeros leaves no trace."""
    out = np.zeros((factor.shape[0], rhs.shape[1]))
    for i, k in zip(*np.nonzero(factor), strict=True):
        out[i] += factor[i, k] * rhs[k]
    return out


@given(forward_problem(), BAD)
def test_the_proof_holds_for_a_blas_that_skips_zero_multipliers(problem: Any, bad: float) -> None:
    X, params, where = problem
    X[where] = bad
    W1 = params["W1"]
    with np.errstate(invalid="ignore"):
        product = skipping_product(W1, X)
    with pytest.raises(ValueError, match=r"X holds 1 NaN or infinite value\(s\)"):
        _validate.finite_by_product(X, "X", W1, product)


@contextmanager
def update_checks(result: bool) -> Iterator[None]:
    """update_parameters checks a large array's step instead of its operands; ``result`` makes
    every array count as large."""
    with mock.patch.object(_validate, "SMALL", 0 if result else _validate.SMALL):
        yield


UPDATE_PATHS = pytest.mark.parametrize("result", [True, False], ids=["step", "operands"])


@UPDATE_PATHS
@given(
    st.sampled_from(["W1", "b1", "W2", "dW1", "db1", "dW2"]),
    st.integers(0, 2**32 - 1),
    BAD,
    st.sampled_from([0.0, 0.5, 1e300]),
)
def test_update_parameters_refuses_a_non_finite_W_or_dW_by_name(
    result: bool, name: str, seed: int, bad: float, learning_rate: float
) -> None:
    rng = np.random.default_rng(seed)
    params = s.initialize_parameters([5, 3, 1], scheme="he", rng=rng)
    grads = {f"d{k}": rng.standard_normal(v.shape) * 1e-300 for k, v in params.items()}
    target = grads if name.startswith("d") else params
    arr = target[name]
    arr[tuple(int(rng.integers(0, n)) for n in arr.shape)] = bad
    with (
        update_checks(result),
        warnings.catch_warnings(),
        pytest.raises(ValueError, match=rf"^{name} holds 1 NaN or infinite value\(s\)"),
    ):
        warnings.simplefilter("error")  # and no RuntimeWarning on the way
        s.update_parameters(params, grads, learning_rate)


@UPDATE_PATHS
def test_update_parameters_gives_the_same_step_either_way_and_warns_on_overflow(
    result: bool,
) -> None:
    rng = np.random.default_rng(5)
    params = s.initialize_parameters([300, 70, 1], scheme="he", rng=rng, dtype="float32")
    grads = {f"d{k}": rng.standard_normal(v.shape).astype(v.dtype) for k, v in params.items()}
    with update_checks(result):
        new = s.update_parameters(params, grads, 0.37)
    for k, v in params.items():
        assert new[k].dtype == v.dtype and np.array_equal(new[k], v - 0.37 * grads[f"d{k}"])
    huge = {k: np.full_like(v, 3e38) for k, v in params.items()}  # finite, but the step is not
    with update_checks(result), pytest.warns(RuntimeWarning, match="overflow"):
        stepped = s.update_parameters(huge, {f"d{k}": -v for k, v in huge.items()}, 2.0)
    assert all(np.isposinf(v).all() for v in stepped.values())
