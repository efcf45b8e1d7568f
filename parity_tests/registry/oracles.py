"""Rows of the third oracle: gradients by central finite differences."""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from parity_tests import references as ref
from parity_tests.cases import ParityCase, Tolerance, row
from parity_tests.registry.models import (
    BEHIND_THE_CACHES,
    L_MODEL_BACKWARD,
    core_backward_from_cost,
    net,
)

# --- central finite differences ----------------------------------------------------------------

FD = Tolerance(
    rtol=1e-6,
    atol=1e-8,
    why="central differences with h = 1e-6 in float64: truncation O(h^2) and cancellation "
    "O(1e-16 / h) leave about 1e-10 absolute error per entry, far above autograd's 1e-16",
)
FD_H = 1e-6


def fd_grads(X: Any, Y: Any, parameters: dict[str, Any], activations: list[str]) -> dict[str, Any]:
    """dW, db of the mean BCE by central differences, the forward evaluated in float64 torch.

    The output layer must be a sigmoid (the cost is evaluated from its logits).
    """

    def cost(params: dict[str, Any]) -> float:
        # J from the output layer's logits: BCE(sigmoid(z)) computed through a = sigmoid(z) rounds
        # a to 1.1e-16 near 1, while the difference step moves a by ~1e-11 (5e-6 relative error);
        # the logits form is the same J, computed without that loss.
        with torch.no_grad():
            _, _, Zs = ref.functional_forward(
                ref.rows(X, False), ref.torch_parameters(params), activations
            )
            return float(F.binary_cross_entropy_with_logits(Zs[-1], ref.rows(Y, False)))

    grads = {}
    for key, value in parameters.items():
        g = np.zeros_like(value)
        for idx in np.ndindex(value.shape):
            plus = {**parameters, key: value.copy()}
            minus = {**parameters, key: value.copy()}
            plus[key][idx] += FD_H
            minus[key][idx] -= FD_H
            g[idx] = (cost(plus) - cost(minus)) / (2 * FD_H)
        grads[f"d{key}"] = g
    return grads


def fd_inputs(source: Any) -> dict[str, Any]:
    """A net away from kinks: no exact zeros, every ReLU input at least 1e-3 from 0."""
    drawn = net(source, hidden=("relu", "tanh", "sigmoid"), depth=(1, 3), kind="grad")
    kinked = [
        cache[1]
        for cache, act in zip(drawn["caches"], drawn["activations"], strict=True)
        if act in ("relu", "leaky_relu")
    ]
    source.require(all(np.abs(Z).min() > 1e-3 for Z in kinked))
    source.require(bool(np.abs(drawn["caches"][-1][1]).max() < 15))
    return {
        "AL": drawn["AL"],
        "Y": drawn["Y"],
        "caches": drawn["caches"],
        "X": drawn["X"],
        "parameters": drawn["parameters"],
        "activations": drawn["activations"],
    }


def _fd_deep_inputs(source: Any) -> dict[str, Any]:
    kw = fd_inputs(source)
    source.require(kw["activations"][:-1] == ["relu"] * (len(kw["activations"]) - 1))
    return kw


def _ref_fd(AL: Any, Y: Any, caches: Any, X: Any, parameters: Any, activations: Any) -> Any:
    return fd_grads(X, Y, parameters, activations)


#: Rows whose reference is central finite differences, on four samples each.
fd = partial(row, "fd", oracle="central finite differences", tol=FD, seeds=(0, 1, 2, 3))


def fd_rows() -> list[ParityCase]:
    return [
        fd("deep.L_model_backward", _ref_fd, ("grads",), _fd_deep_inputs, course=L_MODEL_BACKWARD,
           reference_only=BEHIND_THE_CACHES,
           convention="dW, db against (J(w + h) - J(w - h)) / 2h, J the mean BCE: an oracle "
           "independent of both autograd and ours, away from ReLU's kink."),
        fd("scratchnn.model_backward", _ref_fd, ("grads",), fd_inputs,
           reference_only=("X", "parameters"), call=core_backward_from_cost,
           convention="Mixed ReLU, tanh and sigmoid hidden layers; sigmoid output."),
    ]  # fmt: skip


CASES = fd_rows()
