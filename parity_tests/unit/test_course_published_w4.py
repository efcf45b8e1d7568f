"""The course's published expected outputs, week 4 (the L-layer network), against scratchnn.course.

Cases of ``week4.py`` through ``scratchnn.course.deep``, compared at each case's
tolerance (see ``test_course_published.py``). The notebooks seed inside their functions; scratchnn
takes ``rng``, and ``rng=None`` is the application's seed 1 (``dnn_app_utils_v3``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import scratchnn
from parity_tests.published import week4 as pub
from parity_tests.unit.test_course_published import close
from scratchnn.course import deep
from scratchnn.data import CatData

RNG_1 = [None, 1]
RNG_1_IDS = ["rng=None(seed 1)", "rng=RandomState(1)"]


def course_rng(seed: int | None) -> np.random.RandomState | None:
    return None if seed is None else np.random.RandomState(seed)


def full_precision(got: Any, want: Any, run: Mapping[str, Any]) -> None:
    """Costs printed in full (repr) against a recomputation: the run's rtol alone."""
    np.testing.assert_allclose(got, want, rtol=run["rtol"], atol=0)


def six_decimals(got: Any, want: Any, run: Mapping[str, Any]) -> None:
    """Costs printed to 6 decimals: the run's atol alone."""
    np.testing.assert_allclose(got, want, atol=run["atol"], rtol=0)


@pytest.fixture(scope="module")
def cat(cat_data_path: Path | None) -> CatData:
    """The cat data through scratchnn.data.load_cat (the course's preprocessing)."""
    if cat_data_path is None:
        pytest.skip("cat data absent: set SCRATCHNN_CAT_DATA")
    return scratchnn.data.load_cat(cat_data_path)


def check_params(
    params: Mapping[str, Any], want: Mapping[str, Any], case: Mapping[str, Any]
) -> None:
    for key, value in want.items():
        assert params[key].shape == value.shape, key
        close(params[key], value, case)


# ---------------------------------------------------------------- step by step


@pytest.mark.parametrize("seed", RNG_1, ids=RNG_1_IDS)
def test_initialize_parameters(seed: int | None) -> None:
    case = pub.initialize_parameters_case()
    n_x, n_h, n_y = (case["inputs"][k] for k in ("n_x", "n_h", "n_y"))
    assert case["inputs"]["seed"] == 1 and case["inputs"]["scale"] == 0.01
    params = deep.initialize_parameters(n_x, n_h, n_y, rng=course_rng(seed))
    assert sorted(params) == sorted(case["expected"])
    check_params(params, case["expected"], case)


def test_initialize_parameters_deep_step_by_step() -> None:
    # The step-by-step notebook's initialize_parameters_deep (seed 3, randn * 0.01) is not
    # deep.initialize_parameters_deep, which follows the application's dnn_app_utils_v3 (seed 1,
    # / sqrt(n_prev)); its scratchnn equivalent is the "scaled" scheme with RandomState(3).
    case = pub.initialize_parameters_deep_case()
    assert case["inputs"]["seed"] == 3 and case["inputs"]["scale"] == 0.01
    params = scratchnn.initialize_parameters(
        case["inputs"]["layer_dims"], scheme="scaled", rng=np.random.RandomState(3)
    )
    assert sorted(params) == sorted(case["expected"])
    check_params(params, case["expected"], case)


def test_linear_forward() -> None:
    case = pub.linear_forward_case()
    Z, _ = deep.linear_forward(**case["inputs"])
    close(Z, case["expected"]["Z"], case)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_linear_activation_forward(activation: str) -> None:
    case = pub.linear_activation_forward_case()
    A, _ = deep.linear_activation_forward(**case["inputs"], activation=activation)
    close(A, case["expected"][activation], case)


def test_L_model_forward() -> None:
    case = pub.L_model_forward_case()
    AL, caches = deep.L_model_forward(**case["inputs"])
    close(AL, case["expected"]["AL"], case)
    assert len(caches) == case["expected"]["n_caches"]


def test_compute_cost() -> None:
    case = pub.compute_cost_case()
    close(deep.compute_cost(**case["inputs"]), case["expected"]["cost"], case)


def test_linear_backward() -> None:
    case = pub.linear_backward_case()
    dA_prev, dW, db = deep.linear_backward(case["inputs"]["dZ"], case["inputs"]["linear_cache"])
    want = case["expected"]
    close(dA_prev, want["dA_prev"], case)
    close(dW, want["dW"], case)
    close(db, want["db"], case)


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])
def test_linear_activation_backward(activation: str) -> None:
    case = pub.linear_activation_backward_case()
    dA_prev, dW, db = deep.linear_activation_backward(**case["inputs"], activation=activation)
    want = case["expected"][activation]
    close(dA_prev, want["dA_prev"], case)
    close(dW, want["dW"], case)
    close(db, want["db"], case)


def test_L_model_backward_on_the_courses_AL_from_randn() -> None:
    # The course's test case draws AL = randn(1, 2) = [[1.788..., 0.436...]]: no probabilities,
    # but the course's formulas give numbers, and scratchnn.course reproduces them.
    case = pub.L_model_backward_case()
    check_params(deep.L_model_backward(**case["inputs"]), case["expected"], case)


def test_L_model_backward_from_the_courses_dAL() -> None:
    # The course's dAL = -(Y/AL - (1-Y)/(1-AL)), then scratchnn.model_backward (the backward
    # pass deep.L_model_backward runs after its dAL) on the published caches, as a list.
    case = pub.L_model_backward_case()
    AL, Y, caches = (case["inputs"][k] for k in ("AL", "Y", "caches"))
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    grads = scratchnn.model_backward(dAL, caches)
    check_params(grads, case["expected"], case)


def test_update_parameters() -> None:
    case = pub.update_parameters_case()
    check_params(deep.update_parameters(**case["inputs"]), case["expected"], case)


# ---------------------------------------------------------------- the models, public_tests


def check_model(params: Mapping[str, Any], costs: Sequence[float], case: Mapping[str, Any]) -> None:
    want = case["expected"]
    assert len(costs) == len(want["costs"])
    close(costs, want["costs"], case)
    close(params["W1"][0], want["W1_row0"], case)
    check_params(params, {k: v for k, v in want.items() if k[0] in "Wb" and k[1:].isdigit()}, case)


@pytest.mark.parametrize("seed", RNG_1, ids=RNG_1_IDS)
def test_two_layer_model_public_tests_with_real_valued_labels(seed: int | None) -> None:
    # W4A2 public_tests feeds real-valued "labels" Y = randn(1, 10); the course's formulas take
    # them, and so does scratchnn.course (the core's compute_cost still refuses them).
    case = pub.two_layer_model_case_public_tests()
    params, costs = deep.two_layer_model(**case["inputs"], rng=course_rng(seed))
    check_model(params, costs, case)


def test_two_layer_model_public_tests_by_steps() -> None:
    # The course's two_layer_model loop from scratchnn.course.deep's steps, with the course's
    # own cost and dA2 formulas (which accept real-valued Y) in place of the label-checking ones.
    case = pub.two_layer_model_case_public_tests()
    X, Y, (n_x, n_h, n_y) = (case["inputs"][k] for k in ("X", "Y", "layers_dims"))
    lr = case["inputs"]["learning_rate"]
    params = deep.initialize_parameters(n_x, n_h, n_y, rng=np.random.RandomState(1))
    costs: list[float] = []
    for i in range(case["inputs"]["num_iterations"]):
        A1, cache1 = deep.linear_activation_forward(X, params["W1"], params["b1"], "relu")
        A2, cache2 = deep.linear_activation_forward(A1, params["W2"], params["b2"], "sigmoid")
        if i % 100 == 0:
            costs.append(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
        dA2 = -(Y / A2 - (1 - Y) / (1 - A2))
        dA1, dW2, db2 = deep.linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = deep.linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}
        params = deep.update_parameters(params, grads, lr)
    check_model(params, costs, case)


@pytest.mark.parametrize("seed", RNG_1, ids=RNG_1_IDS)
def test_L_layer_model_public_tests(seed: int | None) -> None:
    case = pub.L_layer_model_case_public_tests()
    params, costs = deep.L_layer_model(**case["inputs"], rng=course_rng(seed))
    check_model(params, costs, case)


# ---------------------------------------------------------------- the cat models

MODELS: dict[str, tuple[Callable[..., Any], dict[str, Any]]] = {
    "two_layer": (deep.two_layer_model, pub.CAT_TWO_LAYER),
    "L_layer": (deep.L_layer_model, pub.CAT_L_LAYER),
}


@pytest.mark.parametrize("seed", RNG_1, ids=RNG_1_IDS)
@pytest.mark.parametrize("name", list(MODELS))
def test_cat_models_first_iterations(cat: CatData, name: str, seed: int | None) -> None:
    # Fast: 101 iterations give the published costs at 0 and 100 (6 decimals and full repr).
    model, pub_run = MODELS[name]
    _, costs = model(cat.train_x, cat.train_y, pub_run["layers_dims"], 0.0075, 101,
                     rng=course_rng(seed))  # fmt: skip
    assert len(costs) == 2
    six_decimals(costs, pub_run["costs"][:2], pub_run)
    full_precision(costs, [pub_run["costs_full"][0], pub_run["costs_full"][100]], pub_run)


@pytest.mark.slow
@pytest.mark.parametrize("name", list(MODELS))
def test_cat_models_full_run(cat: CatData, name: str) -> None:
    # The course's 2500 iterations as 2499 through the model plus the 2500th step by hand:
    # the 2499 run's costs are those at 0, 100, ..., 2400 and its parameters give the cost
    # printed (2021) at i = 2499, before the last update; the step (the course's loop body,
    # the same arithmetic as the model's) gives the trained model of the published accuracies.
    model, pub_run = MODELS[name]
    X, Y = cat.train_x, cat.train_y
    params, costs = model(X, Y, pub_run["layers_dims"], 0.0075, 2499)
    assert len(costs) == len(pub_run["costs"]) == 25
    six_decimals(costs, pub_run["costs"], pub_run)
    full = {i: c for i, c in pub_run["costs_full"].items() if i < 2499}
    full_precision([costs[i // 100] for i in full], list(full.values()), pub_run)
    AL, caches = deep.L_model_forward(X, params)
    full_precision(deep.compute_cost(AL, Y), pub_run["costs_full"][2499], pub_run)
    grads = deep.L_model_backward(AL, Y, caches)
    params = deep.update_parameters(params, grads, 0.0075)
    # Accuracies are k/m; the course sums (p == y) / m, hence 0.9999999999999998 for 209/209:
    # rel 1e-12 absorbs that summation order and nothing else.
    train = scratchnn.accuracy(deep.predict(X, Y, params), Y)
    test = scratchnn.accuracy(deep.predict(cat.test_x, cat.test_y, params), cat.test_y)
    assert train == pytest.approx(pub_run["train_accuracy"], rel=1e-12)
    assert test == pytest.approx(pub_run["test_accuracy"], rel=1e-12)
