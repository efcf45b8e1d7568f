"""Rows of the elementwise families: activations, their derivatives, costs."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np

from parity_tests import references as ref
from parity_tests.activation_specs import SPECS
from parity_tests.cases import ParityCase, float32, row
from parity_tests.strategies import dims

F64, F32 = np.float64, np.float32


def z_input(kind: str, dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        d = dims(source, "n", "m")
        return {"Z": source.array((d["n"], d["m"]), kind, dtype)}

    return inputs


def dA_Z_input(kind: str, dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        d = dims(source, "n", "m")
        shape = (d["n"], d["m"])
        return {"dA": source.array(shape, "grad", dtype), "Z": source.array(shape, kind, dtype)}

    return inputs


def dA_A_input(act: str) -> Callable[[Any], dict[str, Any]]:
    """``dA`` and ``A = act(Z)`` computed by torch, with ``Z`` for the reference."""

    def inputs(source: Any) -> dict[str, Any]:
        d = dims(source, "n", "m")
        Z = source.array((d["n"], d["m"]), "wide")
        A = ref.act_forward(act)(Z)
        return {"dA": source.array(Z.shape, "grad"), "A": A, "Z": Z}

    return inputs


def _slope_call(slope: float) -> Callable[..., Any]:
    return lambda fn, kw: fn(**kw, slope=slope)


activation = partial(row, "activation")
derivative = partial(row, "derivative")


def activation_rows() -> list[ParityCase]:
    rows = []
    for spec in SPECS:
        name, kink = spec.functions, "normal" if spec.kink else "wide"
        forward = activation(f"scratchnn.{name}", ref.act_forward(spec.name), ("A",),
                             z_input("wide"), convention=spec.forward_note)  # fmt: skip
        backward = derivative(f"scratchnn.{name}_backward", ref.act_backward(spec.name), ("dZ",),
                              dA_Z_input(kink), convention=spec.backward_note)  # fmt: skip
        rows += [forward, backward, float32(forward, z_input("wide", F32)),
                 float32(backward, dA_Z_input(kink, F32))]  # fmt: skip
    for slope in (0.2, 0.5):
        rows += [
            activation("scratchnn.leaky_relu", ref.act_forward("leaky_relu", slope=slope), ("A",),
                       z_input("wide"), variant=f"slope={slope}", call=_slope_call(slope),
                       convention="F.leaky_relu(negative_slope=slope)"),
            derivative("scratchnn.leaky_relu_backward",
                       ref.act_backward("leaky_relu", slope=slope), ("dZ",), dA_Z_input("normal"),
                       variant=f"slope={slope}", call=_slope_call(slope),
                       convention="The slope at z <= 0, z = 0 included (PyTorch's choice)."),
        ]  # fmt: skip
    rows += [
        derivative(f"scratchnn.{spec.functions}_backward_from_A", ref.act_backward(spec.name),
                   ("dZ",), dA_A_input(spec.name), reference_only=("Z",),
                   convention=f"The course's form from the output: {spec.from_A}; autograd at Z.")
        for spec in SPECS
        if spec.from_A
    ]  # fmt: skip
    rows.append(
        activation(
            "logistic.sigmoid",
            lambda z: ref.act_forward("sigmoid")(np.atleast_2d(z)).reshape(np.shape(z)),
            ("A",),
            lambda s: {"z": s.array((s.integer(1, 6),), "wide")},
            id="activation.course_sigmoid",
            args=("z",),
            convention="Week 2's sigmoid(z) takes arrays of any shape, rank-1 included. The "
            "course's 1/(1 + exp(-z)) warns of overflow below z = -709 while its value is still "
            "right: a note, not a failure.",
        )
    )
    return rows


# --- costs ---------------------------------------------------------------------------------------


def AL_Y_input(kind: str = "prob", dtype: Any = F64) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        m = source.integer(1, 8)
        return {"AL": source.array((1, m), kind, dtype), "Y": source.array((1, m), "labels", dtype)}

    return inputs


def Z_Y_input(source: Any) -> dict[str, Any]:
    m = source.integer(1, 8)
    return {"Z": source.array((1, m), "wide"), "Y": source.array((1, m), "labels")}


def sigmoid_AL_input(source: Any) -> dict[str, Any]:
    m = source.integer(1, 8)
    Z = source.array((1, m), "normal")
    return {"AL": ref.act_forward("sigmoid")(Z), "Y": source.array((1, m), "labels"), "Z": Z}


def mse_input(source: Any) -> dict[str, Any]:
    m = source.integer(1, 8)
    return {"AL": source.array((1, m), "normal"), "Y": source.array((1, m), "normal")}


CLAMP = (
    "Mean over m; each log clamped at -100 as F.binary_cross_entropy does, so a certain wrong "
    "prediction (AL exactly 0 or 1, drawn on purpose) costs 100, not inf."
)
PER_EXAMPLE = "Per example: the course's dAL is m x torch's .grad of the mean cost."


cost = partial(row, "cost")


def cost_rows() -> list[ParityCase]:
    compute_cost = cost(
        "scratchnn.compute_cost", ref.bce_cost, ("cost",), AL_Y_input(), convention=CLAMP
    )
    return [
        compute_cost,
        float32(compute_cost, AL_Y_input("prob_open", F32)),
        cost("scratchnn.compute_cost_backward", ref.bce_dAL, ("dAL",), AL_Y_input(),
             convention=PER_EXAMPLE + " Divides by max(a(1-a), 1e-12) as torch's backward does, "
             "so AL of exactly 0 or 1 gives a finite (huge) gradient."),
        cost("scratchnn.sigmoid_cross_entropy_dZ", ref.sigmoid_bce_dZ, ("dZ",), sigmoid_AL_input,
             reference_only=("Z",),
             convention="dZ = AL - Y, per example: autograd of BCEWithLogitsLoss at Z times m."),
        cost("scratchnn.cross_entropy_from_logits", ref.bce_logits_cost, ("cost",), Z_Y_input,
             convention="Against BCEWithLogitsLoss; never clamped, |z| to 1e4."),
        cost("scratchnn.cross_entropy_from_logits_backward", ref.bce_logits_dZ, ("dZ",), Z_Y_input,
             convention="sigmoid(Z) - Y; " + PER_EXAMPLE),
        cost("scratchnn.mean_squared_error", ref.mse_cost, ("cost",), mse_input,
             convention="F.mse_loss, mean, for a linear output (n_y = 1)."),
        cost("scratchnn.mean_squared_error_backward", ref.mse_dAL, ("dAL",), mse_input,
             convention="2 (AL - Y); " + PER_EXAMPLE),
        *[
            cost(f"{scope}.compute_cost", _course_cost_reference, ("cost",),
                 _course_cost_input(scope), args=_COST_ARGS[scope], convention=COURSE_COST)
            for scope in ("shallow", "deep")
        ],
    ]  # fmt: skip


#: The course's cost takes logs without a clamp, so its rows keep AL where no log falls below
#: torch's clamp at -100 (AL >= 4e-44): saturated values such as 1e-30 and the largest double
#: below 1 are drawn on purpose there. AL of exactly 0 or 1 is a convention row's business.
COURSE_COST = (
    "Mean over m, the course's formula (no clamp) against F.binary_cross_entropy, on AL in "
    "(0, 1) up to saturation (1e-30, 1 - 2**-53), where both are finite and equal. At AL exactly 0 "
    "or 1 the course's formula is inf and torch's 100: see the conventions."
)
_COST_ARGS = {"shallow": ("A2", "Y", "parameters"), "deep": ("AL", "Y")}


def _course_cost_input(scope: str) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        m = source.integer(1, 8)
        AL = source.array((1, m), "prob_course")
        Y = source.array((1, m), "labels")
        if scope == "deep":
            return {"AL": AL, "Y": Y}
        n_x, n_h = source.integer(1, 4), source.integer(1, 4)
        parameters = {  # week 3's compute_cost(A2, Y, parameters) before 2021 ignores them
            "W1": source.array((n_h, n_x)),
            "b1": np.zeros((n_h, 1)),
            "W2": source.array((1, n_h)),
            "b2": np.zeros((1, 1)),
        }
        return {"A2": AL, "Y": Y, "parameters": parameters}

    return inputs


def _course_cost_reference(
    Y: np.ndarray, AL: np.ndarray | None = None, A2: np.ndarray | None = None, **_: Any
) -> float:
    A = A2 if AL is None else AL
    assert A is not None, "the course's cost needs AL or A2"
    return ref.bce_cost(A, Y)


CASES = activation_rows() + cost_rows()
