"""Rows of the layer families: linear, linear + activation, and the 1/m and keepdims contracts."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from parity_tests import references as ref
from parity_tests.activation_specs import COURSE_ACTIVATIONS, NAMES
from parity_tests.cases import FLOAT32, ParityCase
from parity_tests.course_api import CourseCall
from parity_tests.strategies import linear_inputs


def _acts(scope: str) -> tuple[str, ...]:
    """scratchnn's rows try every activation; the course's only those the course asks for."""
    return NAMES if scope == "scratchnn" else COURSE_ACTIVATIONS[scope]


def _course(scope: str, name: str, args: tuple[str, ...]) -> CourseCall | None:
    return None if scope == "scratchnn" else CourseCall(f"{scope}.{name}", args)


F64, F32 = np.float64, np.float32

LINEAR_BACKWARD = (
    "dW = (1/m) dZ A_prev.T and db = (1/m) sum(dZ, axis=1, keepdims=True) are torch's grads of "
    "the mean cost (b's grad reshaped from (n,) to (n, 1)); dA_prev = W.T dZ is per example, m "
    "times torch's. Upstream: a random dZ / m, never .sum()."
)


def forward_input(names: tuple[str, str, str], dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    """Inputs named like ours: ``(A_prev, W, b)`` or the course's ``(A, W, b)``."""

    def inputs(source: Any) -> dict[str, Any]:
        kw = linear_inputs(source, dtype)
        return dict(zip(names, (kw["A_prev"], kw["W"], kw["b"]), strict=True))

    return inputs


def dZ_cache_input(dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        kw = linear_inputs(source, dtype)
        dZ = source.array((kw["W"].shape[0], kw["A_prev"].shape[1]), "grad", dtype)
        return {"dZ": dZ, "cache": (kw["A_prev"], kw["W"], kw["b"])}

    return inputs


def dA_layer_cache_input(activation: str, dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    """``dA`` and the cache ``((A_prev, W, b), Z)`` with Z computed by torch's F.linear."""

    def inputs(source: Any) -> dict[str, Any]:
        kw = linear_inputs(source, dtype)
        Z, _ = ref.linear_forward(kw["A_prev"], kw["W"], kw["b"])
        dA = source.array(Z.shape, "grad", dtype)
        return {"dA": dA, "cache": ((kw["A_prev"], kw["W"], kw["b"]), Z), "activation": activation}

    return inputs


def _forward_rows(scope: str, names: tuple[str, str, str]) -> list[ParityCase]:
    rows = [
        ParityCase(
            id=f"layer.{scope}.linear_forward",
            family="layers",
            scope=scope,
            ours="linear_forward",
            reference=_ref_linear_forward,
            outputs=("Z", "cache"),
            inputs=forward_input(names),
            course=_course(scope, "linear_forward", names),
            convention="Z = W A_prev + b against F.linear(A_prev.T, W, b.ravel()).T; the cache "
            "holds the inputs as they were.",
        )
    ]
    for act in _acts(scope):
        rows.append(
            ParityCase(
                id=f"layer.{scope}.linear_activation_forward[{act}]",
                family="layers",
                scope=scope,
                ours="linear_activation_forward",
                reference=ref.linear_activation_forward,
                outputs=("A", "cache"),
                inputs=_with_activation(forward_input(_prev(names)), act),
                course=_course(scope, "linear_activation_forward", (*_prev(names), "activation")),
                convention="The cache is ((A_prev, W, b), Z), as the course's tuples unpack.",
            )
        )
    return rows


def _ref_linear_forward(W: Any, b: Any, A_prev: Any = None, A: Any = None) -> tuple[Any, ...]:
    return ref.linear_forward(A_prev if A is None else A, W, b)


def _prev(names: tuple[str, str, str]) -> tuple[str, str, str]:
    return ("A_prev", names[1], names[2])


def _with_activation(
    inputs: Callable[[Any], dict[str, Any]], activation: str
) -> Callable[[Any], dict[str, Any]]:
    return lambda source: {**inputs(source), "activation": activation}


def _backward_rows(scope: str) -> list[ParityCase]:
    rows = [
        ParityCase(
            id=f"layer.{scope}.linear_backward",
            family="layers",
            scope=scope,
            ours="linear_backward",
            reference=ref.linear_backward,
            outputs=("dA_prev", "dW", "db"),
            inputs=dZ_cache_input(),
            course=_course(scope, "linear_backward", ("dZ", "cache")),
            convention=LINEAR_BACKWARD,
        )
    ]
    for act in _acts(scope):
        rows.append(
            ParityCase(
                id=f"layer.{scope}.linear_activation_backward[{act}]",
                family="layers",
                scope=scope,
                ours="linear_activation_backward",
                reference=ref.linear_activation_backward,
                outputs=("dA_prev", "dW", "db"),
                inputs=dA_layer_cache_input(act),
                course=_course(scope, "linear_activation_backward", ("dA", "cache", "activation")),
                convention=f"dZ = dA * g'(Z) by autograd of {act} at the cached Z, then "
                "F.linear's backward. "
                + (
                    "Exact zeros in Z come from a zero column of A_prev meeting a zero bias."
                    if "relu" in act
                    else ""
                ),
            )
        )
    return rows


def float32_rows() -> list[ParityCase]:
    return [
        ParityCase(
            id="layer.linear_backward[float32]",
            family="layers",
            scope="scratchnn",
            ours="linear_backward",
            reference=ref.linear_backward,
            outputs=("dA_prev", "dW", "db"),
            inputs=dZ_cache_input(F32),
            tol=FLOAT32,
            convention="float32 in, float32 out, under NumPy 1.26 and 2.x alike (NEP 50).",
        ),
        ParityCase(
            id="layer.linear_activation_backward[relu,float32]",
            family="layers",
            scope="scratchnn",
            ours="linear_activation_backward",
            reference=ref.linear_activation_backward,
            outputs=("dA_prev", "dW", "db"),
            inputs=dA_layer_cache_input("relu", F32),
            tol=FLOAT32,
            convention="float32 in, float32 out.",
        ),
    ]


CONTRACT = CourseCall("deep.linear_backward", ("dZ", "cache"))


def contract_rows() -> list[ParityCase]:
    """The conventions that make the course's gradients what they are, each as its own row."""
    return [
        ParityCase(
            id="contract.dW_db_of_the_mean_cost",
            family="contracts",
            scope="deep",
            ours="linear_backward",
            reference=ref.linear_backward,
            outputs=("dA_prev", "dW", "db"),
            compared=("dW", "db"),
            inputs=dZ_cache_input(),
            course=CONTRACT,
            convention="dW and db are gradients of the MEAN cost J = (1/m) sum L: they equal "
            "torch's .grad under reduction='mean'. A dW without 1/m is m times too large.",
        ),
        ParityCase(
            id="contract.db_keeps_its_column",
            family="contracts",
            scope="deep",
            ours="linear_backward",
            reference=ref.linear_backward,
            outputs=("dA_prev", "dW", "db"),
            compared=("db",),
            inputs=dZ_cache_input(),
            course=CONTRACT,
            convention="db has shape (n, 1), like b: np.sum(dZ, axis=1, keepdims=True). Without "
            "keepdims it is (n,), and b - lr * db broadcasts b to (n, n) without any error.",
        ),
        ParityCase(
            id="contract.dA_prev_per_example",
            family="contracts",
            scope="deep",
            ours="linear_backward",
            reference=ref.linear_backward,
            outputs=("dA_prev", "dW", "db"),
            compared=("dA_prev",),
            inputs=dZ_cache_input(),
            course=CONTRACT,
            convention="dA and dZ are per example (no 1/m): m times torch's .grad of the mean "
            "cost. The 1/m enters once, in dW and db.",
        ),
        ParityCase(
            id="contract.sum_reduction_is_the_mean_without_1_over_m",
            family="contracts",
            scope="deep",
            ours="linear_backward",
            reference=ref.linear_backward_sum,
            outputs=("dA_prev", "dW", "db"),
            inputs=dZ_cache_input(),
            course=CONTRACT,
            convention="With reduction='sum', torch's dA_prev is the course's per-example dA_prev "
            "and torch's dW, db are m times the course's: dropping 1/m is the sum reduction.",
        ),
    ]


CASES = (
    _forward_rows("scratchnn", ("A_prev", "W", "b"))
    + _forward_rows("deep", ("A", "W", "b"))
    + _backward_rows("scratchnn")
    + _backward_rows("deep")
    + float32_rows()
    + contract_rows()
)
