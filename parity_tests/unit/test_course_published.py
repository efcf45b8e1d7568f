"""The course's published expected outputs, week 2 (logistic regression), against scratchnn.course.

Every case of ``week2.py`` is run through ``scratchnn.course.logistic`` with the case's
exact inputs and compared at the case's tolerance (``atol``/``rtol`` as given, 0 when absent:
``np.testing.assert_allclose``'s default rtol of 1e-7 is never used). Integer and 0/1 results are
compared exactly; scratchnn's predictions are floats 0./1., so their values are compared.
Weeks 3 and 4 are in ``test_course_published_w3.py`` and ``test_course_published_w4.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import scratchnn
from parity_tests.published import week2 as pub
from scratchnn.course import logistic
from scratchnn.data import CatData


def close(
    got: Any, want: Any, case: Mapping[str, Any], *, atol_key: str = "atol", rtol_key: str = "rtol"
) -> None:
    """assert_allclose at the case's published tolerance (a missing one is 0, not numpy's 1e-7)."""
    np.testing.assert_allclose(
        np.asarray(got, dtype=np.float64),
        np.asarray(want, dtype=np.float64),
        atol=case.get(atol_key, 0.0),
        rtol=case.get(rtol_key, 0.0),
    )


def same_values(got: Any, want: Any) -> None:
    """Exact equality of 0/1 results (scratchnn gives 0./1. floats, the course bools or ints)."""
    got = np.asarray(got)
    assert got.shape == np.shape(want)
    np.testing.assert_array_equal(got, np.asarray(want, dtype=np.float64))


@pytest.fixture(scope="module")
def cat(cat_data_path: Path | None) -> CatData:
    """The cat data through scratchnn.data.load_cat (the course's preprocessing)."""
    if cat_data_path is None:
        pytest.skip("cat data absent: set SCRATCHNN_CAT_DATA")
    return scratchnn.data.load_cat(cat_data_path)


# ---------------------------------------------------------------- small published cases


def test_sigmoid() -> None:
    case = pub.sigmoid_case()
    close(logistic.sigmoid(case["inputs"]["z"]), case["expected"]["s"], case)
    close(logistic.sigmoid(1), case["expected"]["s_of_1"], case, atol_key="atol_s_of_1")


def test_initialize_with_zeros() -> None:
    case = pub.initialize_with_zeros_case()
    w, b = logistic.initialize_with_zeros(**case["inputs"])
    assert w.shape == case["expected"]["w"].shape
    np.testing.assert_array_equal(w, case["expected"]["w"])
    # 2021 public_tests demand `type(b) == float` (v6a returned the int 0).
    assert type(b) is float and b == case["expected"]["b"]


PROPAGATE = [pub.propagate_case_v6a, pub.propagate_case_2021, pub.propagate_case_public_tests]


@pytest.mark.parametrize("make", PROPAGATE, ids=["v6a", "2021", "public_tests"])
def test_propagate(make: Callable[[], dict[str, Any]]) -> None:
    case = make()
    grads, cost = logistic.propagate(**case["inputs"])
    want = case["expected"]
    close(grads["dw"], want["dw"], case)
    close(grads["db"], want["db"], case)
    close(cost, want["cost"], case)


OPTIMIZE = [pub.optimize_case_v6a, pub.optimize_case_2021, pub.optimize_case_public_tests]


@pytest.mark.parametrize("make", OPTIMIZE, ids=["v6a", "2021", "public_tests"])
def test_optimize(make: Callable[[], dict[str, Any]]) -> None:
    # dw, db are the gradients of the last iteration, computed before its update.
    case = make()
    params, grads, costs = logistic.optimize(**case["inputs"])
    want = case["expected"]
    close(params["w"], want["w"], case)
    close(params["b"], want["b"], case)
    close(grads["dw"], want["dw"], case)
    close(grads["db"], want["db"], case)
    assert len(costs) == len(want["costs"])
    close(costs, want["costs"], case)


@pytest.mark.parametrize(
    "make", [pub.predict_case_v6a, pub.predict_case_public_tests], ids=["v6a", "public_tests"]
)
def test_predict(make: Callable[[], dict[str, Any]]) -> None:
    case = make()
    same_values(logistic.predict(**case["inputs"]), case["expected"]["Y_prediction"])


def test_model_public_tests() -> None:
    case = pub.model_case_public_tests()
    d = logistic.model(**case["inputs"])
    want = case["expected"]
    assert len(d["costs"]) == len(want["costs"])
    close(d["costs"], want["costs"], case)
    close(d["w"], want["w"], case)
    close(d["b"], want["b"], case)
    same_values(d["Y_prediction_test"], want["Y_prediction_test"])
    same_values(d["Y_prediction_train"], want["Y_prediction_train"])


# ---------------------------------------------------------------- the cat model

CAT = pub.CAT_LOGISTIC


def accuracy_percent(predictions: np.ndarray, Y: np.ndarray) -> float:
    return 100 * scratchnn.accuracy(predictions, Y)


def test_cat_model_first_iterations(cat: CatData) -> None:
    # Fast: the first 101 iterations give the published costs at 0 and 100.
    d = logistic.model(cat.train_x, cat.train_y, cat.test_x, cat.test_y, 101, CAT["learning_rate"])
    assert len(d["costs"]) == 2
    close(d["costs"], CAT["costs"][:2], CAT)


@pytest.mark.slow
def test_cat_model_full_run(cat: CatData) -> None:
    d = logistic.model(
        cat.train_x,
        cat.train_y,
        cat.test_x,
        cat.test_y,
        num_iterations=CAT["num_iterations"],
        learning_rate=CAT["learning_rate"],
    )
    assert len(d["costs"]) == len(CAT["costs"]) == 20  # i = 0, 100, ..., 1900
    close(d["costs"], CAT["costs"], CAT)
    # Accuracies are k/m (207/209, 35/50); rel 1e-12 only absorbs the summation order.
    train = accuracy_percent(d["Y_prediction_train"], cat.train_y)
    test = accuracy_percent(d["Y_prediction_test"], cat.test_y)
    assert train == pytest.approx(CAT["train_accuracy_percent"], rel=1e-12)
    assert test == pytest.approx(CAT["test_accuracy_percent"], rel=1e-12)
