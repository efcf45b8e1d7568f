"""The mutant catalogue is well formed and the correct implementation computes the course's values.

NumPy only (no torch): these tests check the suite's own test material, not scratchnn.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import keyword
import math

import numpy as np
import pytest

import parity_tests.mutants as mutants
from parity_tests.mutants import MODULES, MUTANTS, correct
from parity_tests.mutants.catalogue import Mutant

IDS = [m.id for m in MUTANTS]
ERRATA = range(1, 10)  # the errata of NOTES.md; all nine are reproducible by a mutant


def _functions(module) -> set[str]:
    return {name for name, obj in vars(module).items() if inspect.isfunction(obj)}


# --- the catalogue ---------------------------------------------------------------------------


def test_ids_are_unique_identifiers():
    assert len(set(IDS)) == len(IDS)
    for mutant_id in IDS:
        assert mutant_id.isidentifier() and not keyword.iskeyword(mutant_id), mutant_id
        assert mutant_id == mutant_id.lower(), mutant_id
        assert mutant_id not in {"correct", "catalogue"}, mutant_id


def test_catalogue_size_and_spread():
    assert len(MUTANTS) >= 18
    for module in MODULES:
        assert sum(m.module == module for m in MUTANTS) >= 3, module


def test_every_erratum_is_reproduced():
    covered = {m.erratum for m in MUTANTS if m.erratum is not None}
    assert covered == set(ERRATA)


@pytest.mark.parametrize("mutant", MUTANTS, ids=IDS)
def test_entry_is_well_formed(mutant: Mutant):
    assert mutant.module in MODULES
    assert mutant.new != mutant.old
    assert mutant.fault.strip() and mutant.fault.rstrip().endswith(".")
    assert correct_source_count(mutant) == 1
    ast.parse(mutants.patched_source(mutant))


def correct_source_count(mutant: Mutant) -> int:
    return mutants.correct_source(mutant.module).count(mutant.old)


@pytest.mark.parametrize("mutant", MUTANTS, ids=IDS)
def test_mutant_imports_with_the_correct_api(mutant: Mutant):
    package = importlib.import_module(f"parity_tests.mutants.{mutant.id}")
    assert package is mutants.load(mutant.id)
    assert package.mutant is mutant
    for name in MODULES:
        module = getattr(package, name)
        assert importlib.import_module(f"parity_tests.mutants.{mutant.id}.{name}") is module
        reference = getattr(correct, name)
        if name == mutant.module:
            assert module is not reference
            assert _functions(reference) <= _functions(module)
        else:
            assert module is reference


def test_mutated_code_is_named_after_the_mutant():
    deep = mutants.load("deep_dw_no_mean").deep
    assert deep.linear_backward.__code__.co_filename == "<mutant deep_dw_no_mean: deep>"
    x = np.ones((2, 3))
    _, dW, _ = deep.linear_backward(x[:1], (x, np.ones((1, 2)), np.zeros((1, 1))))
    np.testing.assert_array_equal(dW, 3 * np.ones((1, 2)))  # the sum, not the mean


def test_unknown_or_bad_entries_fail_loudly():
    with pytest.raises(KeyError):
        mutants.load("no_such_mutant")
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("parity_tests.mutants.no_such_mutant")
    with pytest.raises(mutants.MutantError, match="occurs 0 times"):
        mutants.patched_source(Mutant("x", "deep", "no such snippet", "y", "f."))
    with pytest.raises(mutants.MutantError, match="occurs 2 times"):
        mutants.patched_source(Mutant("x", "deep", "return rng.", "y", "f."))
    with pytest.raises(mutants.MutantError, match="does not parse"):
        mutants.patched_source(Mutant("x", "deep", "dA_prev = W.T @ dZ", "dA_prev = (", "f."))


# --- the correct implementation: hand-computed values ------------------------------------------


@pytest.mark.parametrize("module", [correct.logistic, correct.shallow, correct.deep])
def test_sigmoid_values_and_stability(module):
    assert module.sigmoid(0) == 0.5
    np.testing.assert_allclose(module.sigmoid(np.array([0.0, 2.0])), [0.5, 0.88079708], rtol=1e-7)
    extreme = module.sigmoid(np.array([-1000.0, 1000.0]))  # no overflow warning (errors here)
    np.testing.assert_array_equal(extreme, [0.0, 1.0])
    assert module.sigmoid(np.zeros(2, dtype=np.float32)).dtype == np.float32


def test_logistic_propagate_course_example():
    w, b = np.array([[1.0], [2.0]]), 2.0
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    grads, cost = correct.logistic.propagate(w, b, X, Y)
    np.testing.assert_allclose(grads["dw"], [[0.99845601], [2.39507239]], rtol=1e-7)
    assert grads["db"] == pytest.approx(0.00145557813678)
    assert cost == pytest.approx(5.801545319394553)
    assert isinstance(cost, float) and isinstance(grads["db"], float)
    w0, b0 = correct.logistic.initialize_with_zeros(2)
    assert w0.shape == (2, 1) and w0.dtype == np.float64 and b0 == 0.0 and isinstance(b0, float)


def test_logistic_optimize_records_costs_before_the_update():
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    _, first = correct.logistic.propagate(np.zeros((2, 1)), 0.0, X, Y)
    params, _, costs = correct.logistic.optimize(np.zeros((2, 1)), 0.0, X, Y, 201, 0.009)
    assert len(costs) == 3 and costs[0] == first == pytest.approx(math.log(2))
    pred = correct.logistic.predict(params["w"], params["b"], X)
    assert pred.shape == (1, 3) and set(np.unique(pred)) <= {0.0, 1.0}


@pytest.mark.parametrize("module", [correct.shallow, correct.deep])
def test_compute_cost_tiny_case_and_clamp(module):
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3
    assert module.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)
    # a certain wrong prediction costs 100 (torch's clamp), without a divide-by-zero warning
    assert module.compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 1]])) == 50.0


def test_shallow_backward_shapes_and_values():
    rng = np.random.RandomState(1)
    X, Y = rng.randn(2, 3), np.array([[1, 0, 1]])
    params = correct.shallow.initialize_parameters(2, 4, 1)
    assert params["W1"].shape == (4, 2) and params["b2"].shape == (1, 1)
    np.testing.assert_array_equal(params["W1"], np.random.RandomState(2).randn(4, 2) * 0.01)
    A2, cache = correct.shallow.forward_propagation(X, params)
    grads = correct.shallow.backward_propagation(params, cache, X, Y)
    for key in ("W1", "b1", "W2", "b2"):
        assert grads["d" + key].shape == params[key].shape
    dZ1 = (params["W2"].T @ (A2 - Y)) * (1 - np.tanh(params["W1"] @ X) ** 2)
    np.testing.assert_allclose(grads["db1"], dZ1.mean(axis=1, keepdims=True), rtol=1e-12)
    assert correct.shallow.predict(params, X).shape == (1, 3)


def _tiny_deep(dtype):
    rng = np.random.default_rng(0)
    params = correct.deep.initialize_parameters_deep([3, 4, 2, 1], rng=rng)
    params = {k: v.astype(dtype) for k, v in params.items()}
    X = rng.standard_normal((3, 5)).astype(dtype)
    Y = np.array([[1, 0, 1, 1, 0]], dtype=dtype)
    return params, X, Y


def test_deep_initialization_follows_the_course():
    params = correct.deep.initialize_parameters_deep([5, 4, 3])
    draws = np.random.RandomState(1)
    np.testing.assert_array_equal(params["W1"], draws.randn(4, 5) / np.sqrt(5))
    np.testing.assert_array_equal(params["W2"], draws.randn(3, 4) / np.sqrt(4))
    np.testing.assert_array_equal(params["b2"], np.zeros((3, 1)))


def test_deep_grads_shapes_keys_and_a_finite_difference():
    params, X, Y = _tiny_deep(np.float64)
    AL, caches = correct.deep.L_model_forward(X, params)
    grads = correct.deep.L_model_backward(AL, Y, caches)
    assert set(grads) == {"dA0", "dA1", "dA2", "dW1", "dW2", "dW3", "db1", "db2", "db3"}
    assert grads["dA0"].shape == X.shape
    for key, value in params.items():
        assert grads["d" + key].shape == value.shape
    bumped = dict(params, b1=params["b1"] + np.array([[1e-6], [0], [0], [0]]))
    numeric = (
        correct.deep.compute_cost(correct.deep.L_model_forward(X, bumped)[0], Y)
        - correct.deep.compute_cost(AL, Y)
    ) / 1e-6
    assert grads["db1"][0, 0] == pytest.approx(numeric, rel=1e-4, abs=1e-8)


def test_deep_float32_in_float32_out():
    params, X, Y = _tiny_deep(np.float32)
    AL, caches = correct.deep.L_model_forward(X, params)
    assert AL.dtype == np.float32
    grads = correct.deep.L_model_backward(AL, Y, caches)
    assert all(g.dtype == np.float32 for g in grads.values())
    updated = correct.deep.update_parameters(params, grads, 0.1)
    assert all(v.dtype == np.float32 for v in updated.values())


@pytest.mark.parametrize("activation", ["sigmoid", "relu", "tanh", "leaky_relu", "linear"])
def test_activation_derivatives_at_zero_and_one(activation):
    A_prev, W, b = np.eye(2), np.eye(2), np.zeros((2, 1))
    _, cache = correct.deep.linear_activation_forward(A_prev, W, b, activation)
    _, _, db = correct.deep.linear_activation_backward(np.ones((2, 2)), cache, activation)
    slope_at_zero = {"sigmoid": 0.25, "relu": 0.0, "tanh": 1.0, "leaky_relu": 0.01, "linear": 1.0}
    slope_at_one = {"sigmoid": 0.19661193324148185, "tanh": 1 - np.tanh(1.0) ** 2}
    expected = (slope_at_zero[activation] + slope_at_one.get(activation, 1.0)) / 2
    np.testing.assert_allclose(db, [[expected], [expected]], rtol=1e-12)


def test_unknown_activation_raises():
    cache = ((np.eye(2), np.eye(2), np.zeros((2, 1))), np.eye(2))
    with pytest.raises(ValueError, match="activation"):
        correct.deep.linear_activation_forward(np.eye(2), np.eye(2), np.zeros((2, 1)), "swish")
    with pytest.raises(ValueError, match="activation"):
        correct.deep.linear_activation_backward(np.eye(2), cache, "swish")


@pytest.mark.parametrize("module", [correct.shallow, correct.deep])
def test_update_parameters_returns_a_new_dict(module):
    params = _tiny_deep(np.float64)[0]
    params = {k: params[k] for k in ("W1", "b1", "W2", "b2")}
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    snapshot = {k: v.copy() for k, v in params.items()}
    updated = module.update_parameters(params, grads, 0.5)
    assert updated is not params
    for key, value in params.items():
        np.testing.assert_array_equal(value, snapshot[key])
        np.testing.assert_array_equal(updated[key], snapshot[key] - 0.5)


def test_models_print_only_when_asked(capsys):
    _, X, Y = _tiny_deep(np.float64)
    _, costs = correct.deep.L_layer_model(X, Y, [3, 4, 1], num_iterations=201)
    _, costs2 = correct.deep.two_layer_model(X, Y, (3, 4, 1), num_iterations=101)
    correct.shallow.nn_model(X, Y, 4, num_iterations=5)
    assert len(costs) == 3 and len(costs2) == 2 and capsys.readouterr().out == ""
    correct.deep.L_layer_model(X, Y, [3, 4, 1], num_iterations=101, print_cost=True)
    assert capsys.readouterr().out.splitlines()[1].startswith("Cost after iteration 100: ")
