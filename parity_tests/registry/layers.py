"""Rows of the layer families: linear, linear + activation, and the 1/m and keepdims contracts."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from parity_tests import references as ref
from parity_tests.activation_specs import COURSE_ACTIVATIONS, NAMES
from parity_tests.cases import ParityCase, float32, row
from parity_tests.course_api import CourseCall
from parity_tests.strategies import linear_inputs


def _acts(scope: str) -> tuple[str, ...]:
    """scratchnn's rows try every activation; the course's only those the course asks for."""
    return NAMES if scope == "scratchnn" else COURSE_ACTIVATIONS[scope]


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


layer = partial(row, "layer", scope_in_id=True)
BACKWARD = ("dA_prev", "dW", "db")


def _forward_rows(scope: str, names: tuple[str, str, str]) -> list[ParityCase]:
    course = scope != "scratchnn"
    forward = layer(f"{scope}.linear_forward", _ref_linear_forward, ("Z", "cache"),
                    forward_input(names), args=names if course else None,
                    convention="Z = W A_prev + b against F.linear(A_prev.T, W, b.ravel()).T; the "
                    "cache holds the inputs as they were.")  # fmt: skip
    return [forward] + [
        layer(f"{scope}.linear_activation_forward", ref.linear_activation_forward, ("A", "cache"),
              _with_activation(forward_input(_prev(names)), act), variant=act,
              args=(*_prev(names), "activation") if course else None,
              convention="The cache is ((A_prev, W, b), Z), as the course's tuples unpack.")
        for act in _acts(scope)
    ]  # fmt: skip


def _ref_linear_forward(W: Any, b: Any, A_prev: Any = None, A: Any = None) -> tuple[Any, ...]:
    return ref.linear_forward(A_prev if A is None else A, W, b)


def _prev(names: tuple[str, str, str]) -> tuple[str, str, str]:
    return ("A_prev", names[1], names[2])


def _with_activation(
    inputs: Callable[[Any], dict[str, Any]], activation: str
) -> Callable[[Any], dict[str, Any]]:
    return lambda source: {**inputs(source), "activation": activation}


def _backward_rows(scope: str) -> list[ParityCase]:
    course = scope != "scratchnn"
    backward = layer(f"{scope}.linear_backward", ref.linear_backward, BACKWARD, dZ_cache_input(),
                     args=("dZ", "cache") if course else None,
                     convention=LINEAR_BACKWARD)  # fmt: skip
    return [backward] + [
        layer(f"{scope}.linear_activation_backward", ref.linear_activation_backward, BACKWARD,
              dA_layer_cache_input(act), variant=act,
              args=("dA", "cache", "activation") if course else None,
              convention=f"dZ = dA * g'(Z) by autograd of {act} at the cached Z, then F.linear's "
              "backward. " + ("Exact zeros in Z come from a zero column of A_prev meeting a zero "
              "bias." if "relu" in act else ""))
        for act in _acts(scope)
    ]  # fmt: skip


def float32_rows(backward: list[ParityCase]) -> list[ParityCase]:
    """scratchnn's backward steps on float32 inputs (their ids without the scope)."""
    base = {case.id: case for case in backward}
    return [
        float32(base["layer.scratchnn.linear_backward"], dZ_cache_input(F32),
                id="layer.linear_backward[float32]",
                convention="float32 in, float32 out, under NumPy 1.26 and 2.x alike (NEP 50)."),
        float32(base["layer.scratchnn.linear_activation_backward[relu]"],
                dA_layer_cache_input("relu", F32),
                id="layer.linear_activation_backward[relu,float32]",
                convention="float32 in, float32 out."),
    ]  # fmt: skip


CONTRACT = CourseCall("deep.linear_backward", ("dZ", "cache"))


def contract(
    name: str, convention: str, *, compared: tuple[str, ...] = (), reference: Any = None
) -> ParityCase:
    """A row of deep.linear_backward that checks one convention of its gradients."""
    return ParityCase(
        id=f"contract.{name}",
        qualname="deep.linear_backward",
        reference=reference or ref.linear_backward,
        outputs=BACKWARD,
        inputs=dZ_cache_input(),
        compared=compared,
        course=CONTRACT,
        convention=convention,
    )


def contract_rows() -> list[ParityCase]:
    """The conventions that make the course's gradients what they are, each as its own row."""
    return [
        contract("dW_db_of_the_mean_cost", compared=("dW", "db"),
                 convention="dW and db are gradients of the MEAN cost J = (1/m) sum L: they equal "
                 "torch's .grad under reduction='mean'. A dW without 1/m is m times too large."),
        contract("db_keeps_its_column", compared=("db",),
                 convention="db has shape (n, 1), like b: np.sum(dZ, axis=1, keepdims=True). "
                 "Without keepdims it is (n,), and b - lr * db broadcasts b to (n, n) without any "
                 "error."),
        contract("dA_prev_per_example", compared=("dA_prev",),
                 convention="dA and dZ are per example (no 1/m): m times torch's .grad of the mean "
                 "cost. The 1/m enters once, in dW and db."),
        contract("sum_reduction_is_the_mean_without_1_over_m", reference=ref.linear_backward_sum,
                 convention="With reduction='sum', torch's dA_prev is the course's per-example "
                 "dA_prev and torch's dW, db are m times the course's: dropping 1/m is the sum "
                 "reduction."),
    ]  # fmt: skip


SCRATCHNN_BACKWARD = _backward_rows("scratchnn")
CASES = (
    _forward_rows("scratchnn", ("A_prev", "W", "b"))
    + _forward_rows("deep", ("A", "W", "b"))
    + SCRATCHNN_BACKWARD
    + _backward_rows("deep")
    + float32_rows(SCRATCHNN_BACKWARD)
    + contract_rows()
)
