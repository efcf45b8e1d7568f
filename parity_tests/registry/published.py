"""Rows of the published family: the course's own test inputs and the numbers it prints for them.

Each row feeds a course function the exact inputs of one of the course's test cases
(:mod:`parity_tests.published`) and compares what it returns with the expected output the notebook
or its ``public_tests.py`` publishes, at the precision printed. They apply to any implementation
(``--impl``), beside the PyTorch rows: a learner's function is checked against the course's own
numbers too. Where versions print different numbers for the same inputs (week 3's nn_model from
seed 2 or seed 3), each version's numbers are an accepted alternative.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from parity_tests.cases import ParityCase, Tolerance
from parity_tests.course_api import Alternative, CourseCall
from parity_tests.published import week2, week3, week4
from parity_tests.registry.initialization import ref_course_init

ORACLE = "the course's published values"
PRINTED = "the course prints its expected values to a fixed number of digits"


def _tol(case: Mapping[str, Any]) -> Tolerance:
    atol, rtol = case.get("atol", 0.0), case.get("rtol", 0.0)
    if not atol and not rtol:
        return Tolerance()
    digits = f"atol {atol:g}" + (f", rtol {rtol:g}" if rtol else "")
    return Tolerance(rtol=rtol, atol=atol, why=f"{PRINTED}: half a unit of the last one ({digits})")


def row(
    name: str,
    variant: str,
    make: Callable[[], dict[str, Any]],
    args: tuple[str, ...],
    outputs: tuple[str, ...],
    expected: Callable[[dict[str, Any]], Any],
    *,
    inputs: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
    check: Callable[[Any, Any], None] | None = None,
    call: dict[str, Any] | None = None,
    source: str = "",
) -> ParityCase:
    """One published case as a row: ``scope.name``, the case's inputs, its expected outputs."""
    case = make()
    fixed = (inputs or (lambda c: dict(c["inputs"])))(case)
    values = expected(case)
    return ParityCase(
        id=f"published.{name}" + (f"[{variant}]" if variant else ""),
        qualname=name,
        reference=lambda **_: values,
        outputs=outputs,
        inputs=lambda _source: {k: fixed[k] for k in args},
        seeds=(0,),
        search=False,
        tol=_tol(case),
        course=CourseCall(name, args, **(call or {})),
        check=check,
        oracle=ORACLE,
        convention=f"The course's test case{f' ({source})' if source else ''}: its inputs, and "
        f"the values it prints for them.",
    )


def _same(case: dict[str, Any], *keys: str) -> tuple[Any, ...]:
    return tuple(case["expected"][k] for k in keys)


def _sub(case: dict[str, Any], *keys: str) -> dict[str, Any]:
    return {k: case["expected"][k] for k in keys}


WEEK2 = [
    row("logistic.sigmoid", "", week2.sigmoid_case, ("z",), ("s",),
        lambda c: c["expected"]["s"]),
    row("logistic.initialize_with_zeros", "", week2.initialize_with_zeros_case, ("dim",),
        ("w", "b"), lambda c: _same(c, "w", "b")),
    *[
        row("logistic.propagate", tag, make, ("w", "b", "X", "Y"), ("grads", "cost"),
            lambda c: (_sub(c, "dw", "db"), c["expected"]["cost"]), source=tag)
        for tag, make in (
            ("v6a", week2.propagate_case_v6a),
            ("2021", week2.propagate_case_2021),
            ("public_tests", week2.propagate_case_public_tests),
        )
    ],
    *[
        row("logistic.optimize", tag, make,
            ("w", "b", "X", "Y", "num_iterations", "learning_rate"),
            ("params", "grads", "costs"),
            lambda c: (_sub(c, "w", "b"), _sub(c, "dw", "db"), c["expected"]["costs"]),
            source=tag)
        for tag, make in (
            ("v6a", week2.optimize_case_v6a),
            ("2021", week2.optimize_case_2021),
            ("public_tests", week2.optimize_case_public_tests),
        )
    ],
    *[
        row("logistic.predict", tag, make, ("w", "b", "X"), ("Y_prediction",),
            lambda c: np.asarray(c["expected"]["Y_prediction"], dtype=np.float64), source=tag)
        for tag, make in (
            ("v6a", week2.predict_case_v6a),
            ("public_tests", week2.predict_case_public_tests),
        )
    ],
    row("logistic.model", "public_tests", week2.model_case_public_tests,
        ("X_train", "Y_train", "X_test", "Y_test", "num_iterations", "learning_rate"),
        ("costs", "w", "b", "Y_prediction_test", "Y_prediction_train"),
        lambda c: {
            **c["expected"],
            "Y_prediction_test": np.asarray(c["expected"]["Y_prediction_test"], dtype=float),
            "Y_prediction_train": np.asarray(c["expected"]["Y_prediction_train"], dtype=float),
        },
        source="public_tests"),
]  # fmt: skip


def _w3_cost_inputs(case: dict[str, Any]) -> dict[str, Any]:
    # compute_cost(A2, Y, parameters) before 2021 ignores its third argument
    return {**case["inputs"], "parameters": week3.P_UPD}


def _nn_model_inputs(case: dict[str, Any]) -> dict[str, Any]:
    inputs = dict(case["inputs"])
    inputs.pop("learning_rate")  # 1.2, fixed inside nn_model (update_parameters' default)
    return inputs


def _params(version: dict[str, Any]) -> dict[str, Any]:
    return {k: version[k] for k in ("W1", "b1", "W2", "b2")}


NN_MODEL_CASE = week3.nn_model_case()

WEEK3 = [
    row("shallow.layer_sizes", "", week3.layer_sizes_case, ("X", "Y"), ("n_x", "n_h", "n_y"),
        lambda c: _same(c, "n_x", "n_h", "n_y")),
    *[
        row("shallow.initialize_parameters", tag, make, ("n_x", "n_h", "n_y"), ("parameters",),
            lambda c: c["expected"], source=tag)
        for tag, make in (
            ("v6c", week3.initialize_parameters_case),
            ("public_tests", week3.initialize_parameters_case_public_tests),
        )
    ],
    row("shallow.forward_propagation", "", week3.forward_propagation_case, ("X", "parameters"),
        ("A2", "cache"),
        lambda c: (c["expected"]["A2"], _sub(c, "Z1", "Z2", "A2"))),
    *[
        row("shallow.compute_cost", tag, make, ("A2", "Y", "parameters"), ("cost",),
            lambda c: c["expected"]["cost"], inputs=_w3_cost_inputs, source=tag)
        for tag, make in (
            ("v6c", week3.compute_cost_case),
            ("public_tests", week3.compute_cost_case_public_tests),
        )
    ],
    row("shallow.backward_propagation", "", week3.backward_propagation_case,
        ("parameters", "cache", "X", "Y"), ("grads",), lambda c: c["expected"]),
    row("shallow.update_parameters", "", week3.update_parameters_case,
        ("parameters", "grads", "learning_rate"), ("parameters",), lambda c: c["expected"],
        call={"in_place": ("parameters",)}),
    row("shallow.nn_model", "", week3.nn_model_case, ("X", "Y", "n_h", "num_iterations"),
        ("parameters",), lambda c: _params(c["v6c"]), inputs=_nn_model_inputs,
        call={
            "reference_behaviour": "init seed 2",
            "alternatives": (
                Alternative("init seed 3", lambda **_: _params(NN_MODEL_CASE["2021"])),
            ),
        },
        source="v6c and 2021: each version's own numbers"),
    row("shallow.predict", "", week3.predict_case, ("parameters", "X"), ("predictions",),
        lambda c: np.asarray(c["expected"]["predictions"], dtype=np.float64)),
]  # fmt: skip


def _linear_cache(case: dict[str, Any]) -> dict[str, Any]:
    return {"dZ": case["inputs"]["dZ"], "cache": case["inputs"]["linear_cache"]}


def _with(activation: str) -> Callable[[dict[str, Any]], dict[str, Any]]:
    return lambda case: {**case["inputs"], "activation": activation}


def _forward_of(activation: str) -> Callable[[dict[str, Any]], Any]:
    return lambda case: (case["expected"][activation], None)


def _backward_of(activation: str) -> Callable[[dict[str, Any]], Any]:
    return lambda case: tuple(case["expected"][activation][k] for k in ("dA_prev", "dW", "db"))


def _n_caches(n: int) -> Callable[[Any, Any], None]:
    def check(ours: Any, reference: Any) -> None:
        assert len(ours[1]) == n, f"L_model_forward returned {len(ours[1])} caches; expected {n}"

    return check


def _W1_row0(row0: np.ndarray, atol: float) -> Callable[[Any, Any], None]:
    def check(ours: Any, reference: Any) -> None:
        W1 = ours[0]["W1"] if isinstance(ours, tuple) else ours["W1"]
        assert np.allclose(W1[0], row0, rtol=0, atol=atol), (
            f"W1[0] is {W1[0].tolist()}; the course prints {row0.tolist()}"
        )

    return check


def _model_row(name: str, make: Callable[[], dict[str, Any]], keys: tuple[str, ...]) -> Any:
    case = make()
    return row(f"deep.{name}", "public_tests", make,
               ("X", "Y", "layers_dims", "learning_rate", "num_iterations"),
               ("parameters", "costs"), lambda c: (_sub(c, *keys), c["expected"]["costs"]),
               check=_W1_row0(case["expected"]["W1_row0"], case["atol"]),
               source="public_tests; a version that returns the parameters only has them "
               "compared alone")  # fmt: skip


WEEK4 = [
    row("deep.initialize_parameters", "", week4.initialize_parameters_case,
        ("n_x", "n_h", "n_y"), ("parameters",), lambda c: c["expected"]),
    row("deep.initialize_parameters_deep", "", week4.initialize_parameters_deep_case,
        ("layer_dims",), ("parameters",), lambda c: c["expected"],
        call={
            "reference_behaviour": "step by step",
            "alternatives": (Alternative("application", ref_course_init(1, "sqrt_fan_in")),),
        },
        source="the step-by-step notebook's; the application's helper (seed 1, / sqrt(n_prev)) "
        "is computed, as no value is printed for it"),
    row("deep.linear_forward", "", week4.linear_forward_case, ("A", "W", "b"), ("Z", "cache"),
        lambda c: (c["expected"]["Z"], None)),
    *[
        row("deep.linear_activation_forward", act, week4.linear_activation_forward_case,
            ("A_prev", "W", "b", "activation"), ("A", "cache"),
            _forward_of(act), inputs=_with(act))
        for act in ("sigmoid", "relu")
    ],
    row("deep.L_model_forward", "", week4.L_model_forward_case, ("X", "parameters"),
        ("AL", "caches"), lambda c: (c["expected"]["AL"], None),
        check=_n_caches(week4.L_model_forward_case()["expected"]["n_caches"])),
    row("deep.compute_cost", "", week4.compute_cost_case, ("AL", "Y"), ("cost",),
        lambda c: c["expected"]["cost"]),
    row("deep.linear_backward", "", week4.linear_backward_case, ("dZ", "cache"),
        ("dA_prev", "dW", "db"), lambda c: _same(c, "dA_prev", "dW", "db"),
        inputs=_linear_cache),
    *[
        row("deep.linear_activation_backward", act, week4.linear_activation_backward_case,
            ("dA", "cache", "activation"), ("dA_prev", "dW", "db"),
            _backward_of(act), inputs=_with(act))
        for act in ("sigmoid", "relu")
    ],
    row("deep.L_model_backward", "", week4.L_model_backward_case, ("AL", "Y", "caches"),
        ("grads",), lambda c: c["expected"],
        source="its AL is drawn from randn, beyond (0, 1): the course's formulas take it"),
    row("deep.update_parameters", "", week4.update_parameters_case,
        ("parameters", "grads", "learning_rate"), ("parameters",), lambda c: c["expected"],
        call={"in_place": ("parameters",)}),
    _model_row("two_layer_model", week4.two_layer_model_case_public_tests, ("b1", "W2", "b2")),
    _model_row("L_layer_model", week4.L_layer_model_case_public_tests, ("b1", "W3", "b3")),
]  # fmt: skip

CASES = WEEK2 + WEEK3 + WEEK4
