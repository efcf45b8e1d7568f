"""The mutant catalogue is well formed and the correct implementation computes the course's values.

The catalogue's mutants apply to every base (``correct`` and the three course-family packages):
each snippet is found once in its base and each mutant imports there, its fault in place. NumPy
only (no torch): these tests check the suite's own test material, not scratchnn.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import keyword
import math
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import parity_tests.mutants as mutants
from parity_tests.mutants import BASES, DEFAULT_BASE, FAMILY_BASES, MODULES, MUTANTS, correct
from parity_tests.mutants.catalogue import BY_ID, ERRATA, Mutant, NotApplicable, Site

IDS = [m.id for m in MUTANTS]
FAMILIES = {"course_v1", "course_v5", "course_2021"}  # 2017, 2018-2020, 2021+
#: (mutant, base) wherever the mutant applies, and wherever it does not
ON = [(m, b) for b in BASES for m in MUTANTS if m.applies_to(b)]
ON_IDS = [f"{b}-{m.id}" for m, b in ON]
OFF = [(m, b) for b in FAMILY_BASES for m in MUTANTS if not m.applies_to(b)]
OFF_IDS = [f"{b}-{m.id}" for m, b in OFF]


def _functions(module: types.ModuleType) -> set[str]:
    return {name for name, obj in vars(module).items() if inspect.isfunction(obj)}


def _code_key(code: types.CodeType) -> tuple[object, ...]:
    """What a function computes, for comparing: its bytecode, names and constants, nested too."""
    consts = tuple(
        _code_key(c) if isinstance(c, types.CodeType) else (type(c).__name__, repr(c))
        for c in code.co_consts
    )
    return (code.co_code, code.co_names, code.co_varnames, consts)


def _compiled(source: str, function: str) -> types.CodeType:
    """The code of the top-level function ``function`` of ``source``, compiled afresh.

    Not the imported module's: pytest rewrites the asserts of the bases' files it imports.
    """
    module = compile(source, "<source>", "exec")
    found = [c for c in module.co_consts if isinstance(c, types.CodeType) and c.co_name == function]
    assert len(found) == 1, function
    return found[0]


def _touched_functions(source: str, old: str) -> list[str]:
    """The top-level functions of ``source`` whose lines the snippet ``old`` overlaps."""
    start = source[: source.index(old)].count("\n") + 1
    end = start + old.count("\n")
    return [
        node.name
        for node in ast.parse(source).body
        if isinstance(node, ast.FunctionDef)
        and node.lineno <= end
        and start <= (node.end_lineno or node.lineno)
    ]


# --- the catalogue ---------------------------------------------------------------------------


def test_ids_are_unique_identifiers() -> None:
    assert len(set(IDS)) == len(IDS)
    for mutant_id in IDS:
        assert mutant_id.isidentifier() and not keyword.iskeyword(mutant_id), mutant_id
        assert mutant_id == mutant_id.lower(), mutant_id
        assert mutant_id not in {"catalogue", "gate", *BASES}, mutant_id


def test_catalogue_size_and_spread() -> None:
    assert len(MUTANTS) >= 18
    for module in MODULES:
        assert sum(m.module == module for m in MUTANTS) >= 3, module


def test_every_erratum_is_reproduced() -> None:
    covered = {m.erratum for m in MUTANTS if m.erratum is not None}
    assert covered == set(ERRATA)  # every classic slip is reproducible by a mutant


@pytest.mark.parametrize("mutant", MUTANTS, ids=IDS)
def test_entry_is_well_formed(mutant: Mutant) -> None:
    assert mutant.module in MODULES
    assert mutant.new != mutant.old
    assert mutant.fault.strip() and mutant.fault.rstrip().endswith(".")
    assert correct_source_count(mutant) == 1
    ast.parse(mutants.patched_source(mutant))


def correct_source_count(mutant: Mutant) -> int:
    return mutants.correct_source(mutant.module).count(mutant.old)


@pytest.mark.parametrize("mutant", MUTANTS, ids=IDS)
def test_mutant_imports_with_the_correct_api(mutant: Mutant) -> None:
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


def test_mutated_code_is_named_after_the_mutant() -> None:
    deep = mutants.load("deep_dw_no_mean").deep
    assert deep.linear_backward.__code__.co_filename == "<mutant deep_dw_no_mean: deep>"
    x = np.ones((2, 3))
    _, dW, _ = deep.linear_backward(x[:1], (x, np.ones((1, 2)), np.zeros((1, 1))))
    np.testing.assert_array_equal(dW, 3 * np.ones((1, 2)))  # the sum, not the mean


def test_unknown_or_bad_entries_fail_loudly() -> None:
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


def test_unknown_bases_and_inapplicable_mutants_fail_loudly() -> None:
    with pytest.raises(KeyError, match="unknown base"):
        mutants.load("deep_dw_no_mean", "course_v9")
    with pytest.raises(mutants.MutantError, match="unknown base"):
        mutants.patched_source(BY_ID["deep_dw_no_mean"], "course_v9")
    off = Mutant("x", "deep", "a", "b", "f.", on={"course_v1": NotApplicable("not in v1.")})
    with pytest.raises(mutants.MutantError, match="does not apply to course_v1: not in v1"):
        mutants.patched_source(off, "course_v1")
    with pytest.raises(mutants.MutantError, match="says nothing about base 'course_v5'"):
        mutants.patched_source(Mutant("x", "deep", "a", "b", "f."), "course_v5")
    on_v1 = {"course_v1": Site("dA_prev = np.dot(W.T, dZ)", "y", module="dnn_utils")}
    with pytest.raises(mutants.MutantError, match="unknown module 'dnn_utils' of course_v1"):
        mutants.patched_source(Mutant("x", "deep", "a", "b", "f.", on=on_v1), "course_v1")
    on_v1 = {"course_v1": Site("dZ[Z <= 0] = 0", "y")}  # in dnn_utils_v2.py, not in deep.py
    with pytest.raises(mutants.MutantError, match=r"occurs 0 times in course_v1/deep\.py"):
        mutants.patched_source(Mutant("x", "deep", "a", "b", "f.", on=on_v1), "course_v1")


# --- the other bases: the same faults in each course family's own code --------------------------


def test_the_bases_are_the_packages_beside_the_catalogue() -> None:
    folder = Path(mutants.__file__).parent
    assert set(BASES) == {p.parent.name for p in folder.glob("*/__init__.py")}
    assert BASES[0] == DEFAULT_BASE == "correct"
    assert set(FAMILY_BASES) == FAMILIES
    assert mutants.base_modules("correct") == tuple(sorted(MODULES))
    for base in FAMILY_BASES:  # a learner's course files: the four notebooks and the helpers
        assert {"logistic", "shallow", "deep", "app"} < set(mutants.base_modules(base)), base


@pytest.mark.parametrize("mutant", MUTANTS, ids=IDS)
def test_every_family_base_is_covered(mutant: Mutant) -> None:
    assert set(mutant.on) == FAMILIES
    assert mutant.site() == mutant.site(DEFAULT_BASE) == Site(mutant.old, mutant.new, mutant.module)
    for base, entry in mutant.on.items():
        assert isinstance(entry, (Site, NotApplicable)), (base, entry)
        if isinstance(entry, NotApplicable):  # a reason, one sentence on one line
            assert entry.reason.strip() and "\n" not in entry.reason, base
            assert entry.reason.endswith("."), base
            assert not mutant.applies_to(base)
        else:
            assert entry.module is None or entry.module in mutants.base_modules(base), base
            assert mutant.applies_to(base)
            site = mutant.site(base)
            assert isinstance(site, Site) and site.module == (entry.module or mutant.module)


def test_every_fault_exists_in_every_family() -> None:
    # a new "not applicable" must be argued here
    for base in FAMILY_BASES:
        off = {m.id for m in MUTANTS if not m.applies_to(base)}
        assert off == set(), base


@pytest.mark.parametrize(("mutant", "base"), ON, ids=ON_IDS)
def test_site_occurs_once_in_its_base_and_parses(mutant: Mutant, base: str) -> None:
    site = mutant.site(base)
    assert isinstance(site, Site) and site.new != site.old
    assert site.module is not None  # site() fills in the mutant's module
    assert mutants.base_source(base, site.module).count(site.old) == 1
    patched = mutants.patched_source(mutant, base)
    ast.parse(patched)
    assert site.new in patched and patched != mutants.base_source(base, site.module)


@pytest.mark.parametrize(("mutant", "base"), ON, ids=ON_IDS)
def test_mutant_imports_on_its_base_with_its_fault_in_place(mutant: Mutant, base: str) -> None:
    name = mutants.import_name(mutant.id, base)
    package = importlib.import_module(name)
    assert package is mutants.load(mutant.id, base)
    assert (package.mutant, package.base, package.site) == (mutant, base, mutant.site(base))
    site = mutant.site(base)
    assert isinstance(site, Site) and site.module is not None  # ON: the mutant applies
    source = mutants.base_source(base, site.module)
    touched = _touched_functions(source, site.old)
    assert touched, "the snippet lies in no function"
    mutated = getattr(package, site.module)
    original = importlib.import_module(f"parity_tests.mutants.{base}.{site.module}")
    assert mutated is not original
    assert _functions(original) <= _functions(mutated)
    where = site.module if base == DEFAULT_BASE else f"{base}.{site.module}"
    patched = mutants.patched_source(mutant, base)
    for fn in touched:  # the faulty code runs, and it computes something else
        faulty = getattr(mutated, fn).__code__
        assert faulty.co_filename == f"<mutant {mutant.id}: {where}>"
        assert _code_key(faulty) == _code_key(_compiled(patched, fn)), fn
        assert _code_key(faulty) != _code_key(_compiled(source, fn)), fn
    rerun = mutants.dependents(base, site.module)
    for sub in mutants.base_modules(base):
        module = getattr(package, sub)
        assert importlib.import_module(f"{name}.{sub}") is module
        own = importlib.import_module(f"parity_tests.mutants.{base}.{sub}")
        if sub == site.module:
            continue
        if sub in rerun:  # it imports the mutated module: it sees the faulty functions
            assert module is not own and _functions(own) <= _functions(module)
            for fn in touched:
                if getattr(own, fn, None) is getattr(original, fn):
                    assert getattr(module, fn) is getattr(mutated, fn), (sub, fn)
        else:
            assert module is own, sub


@pytest.mark.parametrize(("mutant", "base"), OFF, ids=OFF_IDS)
def test_inapplicable_mutant_is_not_served(mutant: Mutant, base: str) -> None:
    with pytest.raises(mutants.MutantError, match="does not apply"):
        mutants.load(mutant.id, base)
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module(mutants.import_name(mutant.id, base))


def test_family_mutant_runs_its_fault_and_names_it() -> None:
    deep = mutants.load("deep_dw_no_mean", "course_2021").deep
    assert deep.linear_backward.__code__.co_filename == "<mutant deep_dw_no_mean: course_2021.deep>"
    assert "dW = np.dot(dZ, A_prev.T)" in inspect.getsource(deep.linear_backward)
    x = np.ones((2, 3))
    _, dW, _ = deep.linear_backward(x[:1], (x, np.ones((1, 2)), np.zeros((1, 1))))
    np.testing.assert_array_equal(dW, 3 * np.ones((1, 2)))  # the sum, not the mean
    # a fault in the staff's dnn_utils_v2 reaches the step-by-step deep.py, which imports it
    package = mutants.load("deep_relu_derivative_one_at_zero", "course_v1")
    own = importlib.import_module("parity_tests.mutants.course_v1.deep")
    assert package.deep.relu_backward is package.dnn_utils_v2.relu_backward
    cache = ((np.ones((1, 2)), np.ones((1, 1)), np.zeros((1, 1))), np.zeros((1, 2)))  # Z = 0
    _, _, db = package.deep.linear_activation_backward(np.ones((1, 2)), cache, "relu")
    _, _, db_own = own.linear_activation_backward(np.ones((1, 2)), cache, "relu")
    assert (db.item(), db_own.item()) == (1.0, 0.0)  # ReLU'(0) taken as 1, not 0
    # the application's star import of the staff's helpers is the base's own
    own_utils = importlib.import_module("parity_tests.mutants.course_v1.dnn_app_utils_v2")
    assert package.app.L_model_backward is own_utils.L_model_backward


def test_correct_is_a_base_name_too() -> None:
    package = importlib.import_module("parity_tests.mutants.correct.deep_dw_no_mean")
    assert package is mutants.load("deep_dw_no_mean", "correct") is mutants.load("deep_dw_no_mean")
    deep = importlib.import_module("parity_tests.mutants.correct.deep_dw_no_mean.deep")
    assert deep is package.deep
    assert mutants.import_name("deep_dw_no_mean") == "parity_tests.mutants.deep_dw_no_mean"
    assert mutants.import_name("deep_dw_no_mean", "course_v5") == (
        "parity_tests.mutants.course_v5.deep_dw_no_mean"
    )


@pytest.mark.parametrize("base", BASES)
def test_a_mutant_loads_as_a_submission_as_its_base_does(base: str) -> None:
    from parity_tests.submission import load_submission

    own = load_submission(f"parity_tests.mutants.{base}")
    mutant = load_submission(mutants.import_name("deep_dw_no_mean", base))
    assert sorted(mutant.modules) == sorted(own.modules) == sorted(mutants.base_modules(base))
    assert mutant.modules["deep"].linear_backward.__code__.co_filename.startswith("<mutant ")
    assert mutant.modules["logistic"] is own.modules["logistic"]


def test_gate_plans_each_base_then_its_applicable_mutants() -> None:
    from parity_tests.mutants import gate

    jobs = gate.plan()
    assert [j.base for j in jobs if j.mutant is None] == list(BASES)
    for base in BASES:
        mine = [j for j in jobs if j.base == base]
        assert (mine[0].mutant, mine[0].impl) == (None, f"parity_tests.mutants.{base}")
        assert [j.mutant for j in mine[1:]] == [m for m in MUTANTS if m.applies_to(base)]
    picked = gate.plan(["course_v1", "course_v1"], ["deep_dw_no_mean"])
    assert [(j.base, j.label, j.impl) for j in picked] == [
        ("course_v1", "correct", "parity_tests.mutants.course_v1"),
        ("course_v1", "deep_dw_no_mean", "parity_tests.mutants.course_v1.deep_dw_no_mean"),
    ]
    with pytest.raises(ValueError, match="unknown base"):
        gate.plan(["course_v9"])


@pytest.mark.parametrize(
    ("argv", "message"),
    [(["--base", "course_v9"], "--base course_v9: not a base"), (["--only", "x"], "--only x")],
)
def test_gate_command_rejects_unknown_bases_and_ids(
    argv: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from parity_tests.__main__ import main

    with pytest.raises(SystemExit) as exc:
        main(["mutants", *argv])
    assert exc.value.code == 2 and message in capsys.readouterr().err


# --- the correct implementation: hand-computed values ------------------------------------------


@pytest.mark.parametrize("module", [correct.logistic, correct.shallow, correct.deep])
def test_sigmoid_values_and_stability(module: types.ModuleType) -> None:
    assert module.sigmoid(0) == 0.5
    np.testing.assert_allclose(module.sigmoid(np.array([0.0, 2.0])), [0.5, 0.88079708], rtol=1e-7)
    extreme = module.sigmoid(np.array([-1000.0, 1000.0]))  # no overflow warning (errors here)
    np.testing.assert_array_equal(extreme, [0.0, 1.0])
    assert module.sigmoid(np.zeros(2, dtype=np.float32)).dtype == np.float32


def test_logistic_propagate_course_example() -> None:
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


def test_logistic_optimize_records_costs_before_the_update() -> None:
    X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    Y = np.array([[1, 0, 1]])
    _, first = correct.logistic.propagate(np.zeros((2, 1)), 0.0, X, Y)
    params, _, costs = correct.logistic.optimize(np.zeros((2, 1)), 0.0, X, Y, 201, 0.009)
    assert len(costs) == 3 and costs[0] == first == pytest.approx(math.log(2))
    pred = correct.logistic.predict(params["w"], params["b"], X)
    assert pred.shape == (1, 3) and set(np.unique(pred)) <= {0.0, 1.0}


@pytest.mark.parametrize("module", [correct.shallow, correct.deep])
def test_compute_cost_tiny_case_and_clamp(module: types.ModuleType) -> None:
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    expected = -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3
    assert module.compute_cost(AL, Y) == pytest.approx(expected, rel=1e-14)
    # a certain wrong prediction costs 100 (torch's clamp), without a divide-by-zero warning
    assert module.compute_cost(np.array([[0.0, 1.0]]), np.array([[1, 1]])) == 50.0


def test_shallow_backward_shapes_and_values() -> None:
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


def _tiny_deep(dtype: Any) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    params = correct.deep.initialize_parameters_deep([3, 4, 2, 1], rng=rng)
    params = {k: v.astype(dtype) for k, v in params.items()}
    X = rng.standard_normal((3, 5)).astype(dtype)
    Y = np.array([[1, 0, 1, 1, 0]], dtype=dtype)
    return params, X, Y


def test_deep_initialization_follows_the_course() -> None:
    params = correct.deep.initialize_parameters_deep([5, 4, 3])
    draws = np.random.RandomState(1)
    np.testing.assert_array_equal(params["W1"], draws.randn(4, 5) / np.sqrt(5))
    np.testing.assert_array_equal(params["W2"], draws.randn(3, 4) / np.sqrt(4))
    np.testing.assert_array_equal(params["b2"], np.zeros((3, 1)))


def test_deep_grads_shapes_keys_and_a_finite_difference() -> None:
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


def test_deep_float32_in_float32_out() -> None:
    params, X, Y = _tiny_deep(np.float32)
    AL, caches = correct.deep.L_model_forward(X, params)
    assert AL.dtype == np.float32
    grads = correct.deep.L_model_backward(AL, Y, caches)
    assert all(g.dtype == np.float32 for g in grads.values())
    updated = correct.deep.update_parameters(params, grads, 0.1)
    assert all(v.dtype == np.float32 for v in updated.values())


@pytest.mark.parametrize("activation", ["sigmoid", "relu"])  # the course's week 4
def test_activation_derivatives_at_zero_and_one(activation: str) -> None:
    A_prev, W, b = np.eye(2), np.eye(2), np.zeros((2, 1))
    _, cache = correct.deep.linear_activation_forward(A_prev, W, b, activation)
    _, _, db = correct.deep.linear_activation_backward(np.ones((2, 2)), cache, activation)
    slope_at_zero = {"sigmoid": 0.25, "relu": 0.0, "tanh": 1.0, "leaky_relu": 0.01, "linear": 1.0}
    slope_at_one = {"sigmoid": 0.19661193324148185, "tanh": 1 - np.tanh(1.0) ** 2}
    expected = (slope_at_zero[activation] + slope_at_one.get(activation, 1.0)) / 2
    np.testing.assert_allclose(db, [[expected], [expected]], rtol=1e-12)


def test_unknown_activation_raises() -> None:
    cache = ((np.eye(2), np.eye(2), np.zeros((2, 1))), np.eye(2))
    with pytest.raises(ValueError, match="activation"):
        correct.deep.linear_activation_forward(np.eye(2), np.eye(2), np.zeros((2, 1)), "swish")
    with pytest.raises(ValueError, match="activation"):
        correct.deep.linear_activation_backward(np.eye(2), cache, "swish")


@pytest.mark.parametrize("module", [correct.shallow, correct.deep])
def test_update_parameters_returns_a_new_dict(module: types.ModuleType) -> None:
    params = _tiny_deep(np.float64)[0]
    params = {k: params[k] for k in ("W1", "b1", "W2", "b2")}
    grads = {"d" + k: np.ones_like(v) for k, v in params.items()}
    snapshot = {k: v.copy() for k, v in params.items()}
    updated = module.update_parameters(params, grads, 0.5)
    assert updated is not params
    for key, value in params.items():
        np.testing.assert_array_equal(value, snapshot[key])
        np.testing.assert_array_equal(updated[key], snapshot[key] - 0.5)


def test_models_print_only_when_asked(capsys: pytest.CaptureFixture[str]) -> None:
    _, X, Y = _tiny_deep(np.float64)
    _, costs = correct.deep.L_layer_model(X, Y, [3, 4, 1], num_iterations=201)
    _, costs2 = correct.deep.two_layer_model(X, Y, (3, 4, 1), num_iterations=101)
    correct.shallow.nn_model(X, Y, 4, num_iterations=5)
    assert len(costs) == 3 and len(costs2) == 2 and capsys.readouterr().out == ""
    correct.deep.L_layer_model(X, Y, [3, 4, 1], num_iterations=101, print_cost=True)
    assert capsys.readouterr().out.splitlines()[1].startswith("Cost after iteration 100: ")
