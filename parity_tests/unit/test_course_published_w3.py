"""The course's published expected outputs, week 3 (one hidden layer), against scratchnn.course.

Cases of ``week3.py`` through ``scratchnn.course.shallow``, compared at each case's
tolerance (see ``test_course_published.py``). The course's labels here are booleans
(``Y = randn(...) > 0``): they are passed as booleans, as the notebooks do, and scratchnn converts
them to float; the bool and float forms are also checked to give the same results.
The notebooks seed inside their functions; scratchnn takes ``rng`` (None = the notebook's seed).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import scratchnn
from parity_tests.published import week3 as pub
from parity_tests.published.week2 import AT6
from parity_tests.unit.test_course_published import close, same_values
from scratchnn.course import shallow

Make = Callable[[], dict[str, Any]]  # a published case

PARAMS = ("W1", "b1", "W2", "b2")


def printed_costs(out: str) -> dict[int, float]:
    """{i: cost} from the course's "Cost after iteration i: %f" lines (nn_model's print_cost)."""
    return {int(i): float(c) for i, c in re.findall(r"Cost after iteration (\d+): (\S+)", out)}


def test_layer_sizes() -> None:
    case = pub.layer_sizes_case()
    want = case["expected"]
    assert shallow.layer_sizes(**case["inputs"]) == (want["n_x"], want["n_h"], want["n_y"])


@pytest.mark.parametrize(
    "make",
    [pub.initialize_parameters_case, pub.initialize_parameters_case_public_tests],
    ids=["v6c", "public_tests"],
)
@pytest.mark.parametrize("explicit_rng", [True, False], ids=["rng=RandomState(2)", "rng=None"])
def test_initialize_parameters(make: Make, explicit_rng: bool) -> None:
    # v6c seeds 2 inside initialize_parameters, 2021 seeds 2 before calling it: same numbers.
    # scratchnn's rng=None is that seed 2.
    case = make()
    n_x, n_h, n_y, seed = (case["inputs"][k] for k in ("n_x", "n_h", "n_y", "seed"))
    rng = np.random.RandomState(seed) if explicit_rng else None
    params = shallow.initialize_parameters(n_x, n_h, n_y, rng=rng)
    assert sorted(params) == sorted(PARAMS)
    for key, want in case["expected"].items():
        assert params[key].shape == want.shape, key
        close(params[key], want, case)
    # b is zeros (printed only by v6c; the public test checks W only).
    np.testing.assert_array_equal(params["b1"], np.zeros((n_h, 1)))
    np.testing.assert_array_equal(params["b2"], np.zeros((n_y, 1)))


def test_forward_propagation() -> None:
    case = pub.forward_propagation_case()
    A2, cache = shallow.forward_propagation(**case["inputs"])
    want = case["expected"]
    close(A2, want["A2"], case)
    close(cache["A2"], want["A2"], case)
    close(cache["Z1"], want["Z1"], case)
    close(cache["Z2"], want["Z2"], case)
    means = [np.mean(cache[k]) for k in ("Z1", "A1", "Z2", "A2")]  # v6c's printed means
    np.testing.assert_allclose(means, want["means"], rtol=case["means_rtol"], atol=0)


@pytest.mark.parametrize(
    "make", [pub.compute_cost_case, pub.compute_cost_case_public_tests], ids=["v6c", "public"]
)
def test_compute_cost_with_bool_labels(make: Make) -> None:
    case = make()
    A2, Y = case["inputs"]["A2"], case["inputs"]["Y"]
    assert Y.dtype == bool  # as the course builds it
    cost = shallow.compute_cost(A2, Y)
    close(cost, case["expected"]["cost"], case)
    assert shallow.compute_cost(A2, Y.astype(np.float64)) == cost


def test_backward_propagation_with_bool_labels() -> None:
    case = pub.backward_propagation_case()
    assert case["inputs"]["Y"].dtype == bool
    grads = shallow.backward_propagation(**case["inputs"])
    for key, want in case["expected"].items():
        assert grads[key].shape == want.shape, key
        close(grads[key], want, case)
    as_float = dict(case["inputs"], Y=case["inputs"]["Y"].astype(np.float64))
    for key, value in shallow.backward_propagation(**as_float).items():
        np.testing.assert_array_equal(value, grads[key], err_msg=key)


def test_update_parameters() -> None:
    case = pub.update_parameters_case()
    params = shallow.update_parameters(**case["inputs"])
    for key, want in case["expected"].items():
        close(params[key], want, case)


@pytest.mark.parametrize(
    ("version", "rng"),
    [("v6c", None), ("2021", 3)],
    ids=["v6c-rng=None(seed 2)", "2021-rng=RandomState(3)"],
)
def test_nn_model(version: str, rng: int | None, capsys: pytest.CaptureFixture[str]) -> None:
    # scratchnn's nn_model has the course's signature: no learning_rate, 1.2 is fixed (the
    # default of update_parameters), as the case's inputs say. Its costs are printed ("%f") by
    # print_cost every 1000 iterations, which is how the course publishes them.
    case = pub.nn_model_case()
    inputs = dict(case["inputs"])
    assert inputs.pop("learning_rate") == 1.2
    assert inputs["Y"].dtype == bool
    want = case[version]
    if rng is not None:
        assert want["init_seed"] == rng
    else:
        assert want["init_seed"] == 2  # scratchnn's rng=None is v6c's seed
    init = None if rng is None else np.random.RandomState(rng)
    params = shallow.nn_model(**inputs, print_cost=True, rng=init)
    costs = printed_costs(capsys.readouterr().out)
    assert sorted(costs) == list(range(0, 10000, 1000))
    close([costs[i] for i in sorted(costs)], want["costs"], case, atol_key="cost_atol")
    for key in PARAMS:
        close(params[key], want[key], case)


def test_predict() -> None:
    case = pub.predict_case()
    predictions = shallow.predict(**case["inputs"])
    same_values(predictions, case["expected"]["predictions"])  # bools in the course
    assert np.mean(predictions) == case["expected"]["mean"]


# ---------------------------------------------------------------- the flower run


def test_planar_dataset_is_the_courses() -> None:
    X, Y = scratchnn.data.load_planar_dataset()
    X_course, Y_course = pub.planar_dataset()
    np.testing.assert_array_equal(X, X_course)
    same_values(Y, Y_course)


@pytest.mark.parametrize(
    ("version", "seed"), [("v6c", 2), ("2021", 3)], ids=["v6c-rng=RandomState(2)", "2021"]
)
def test_flower_run(version: str, seed: int, capsys: pytest.CaptureFixture[str]) -> None:
    # nn_model(X, Y, n_h=4, num_iterations=10000) on the flower, the course's init seed passed
    # explicitly (v6c 2, 2021 3).
    X, Y = scratchnn.data.load_planar_dataset()
    flower = pub.FLOWER[version]
    params = shallow.nn_model(X, Y, 4, 10000, print_cost=True, rng=np.random.RandomState(seed))
    costs = printed_costs(capsys.readouterr().out)
    assert sorted(costs) == list(range(0, 10000, 1000))
    # Up to 7000 (v6c) / 6000 (2021) the costs match the printed 6 decimals.
    early = flower["costs"]
    close([costs[1000 * k] for k in range(len(early))], early, {"atol": AT6})
    # Later, training goes through an unstable phase that amplifies rounding: the published
    # copies themselves disagree by ~1e-5 there (v6c 8000: 0.219454 / 0.219471, 2021 7000:
    # 0.220661 / 0.220628) and float64 runs on other BLAS builds land elsewhere in that range,
    # so these are compared at the data module's looser late_atol (1e-4), not at 6 decimals.
    late = flower["late_published"]
    close([costs[i] for i in late], list(late.values()), {"atol": pub.FLOWER["late_atol"]})
    # The course prints "Accuracy: %d%%" -> 90. The exact count is not a property of the
    # algorithm: the same unstable phase moves a borderline point's output by ~0.02 around the
    # 0.5 threshold (point 143: 0.4830 / 0.5032 / 0.5014 / 0.5158 on OpenBLAS 0.3.31's Haswell
    # and SkylakeX kernels, seeds 2 and 3), so 363/400 = 90.75% or 362/400 = 90.5% are both
    # right; one point more or fewer than that is a real change.
    percent = 100 * scratchnn.accuracy(shallow.predict(params, X), Y)
    assert int(percent) == pub.FLOWER["accuracy_percent_printed"]
    assert abs(percent - pub.FLOWER["accuracy_percent_recomputed"]) <= 100 / X.shape[1] + 1e-9
