"""Rows of the whole-model family: logistic regression, the shallow net, L-layer nets."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from parity_tests import references as ref
from parity_tests.cases import ParityCase

HIDDEN = ("relu", "tanh", "leaky_relu", "sigmoid", "linear")
#: Beyond |z| of about 27.6 the sigmoid's 1 - a falls below torch's 1e-12 floor in dAL, and the
#: gradient through BCE(sigmoid) becomes a ratio of two roundings of 1 - a: both sides compute it,
#: but a one-ulp difference in a moves it by 1e-3. The clamp region is covered by the cost rows.
SATURATION_GUARD = 25.0


def net(
    source: Any,
    *,
    hidden: Sequence[str] = ("relu",),
    output: Sequence[str] = ("sigmoid",),
    depth: tuple[int, int] = (1, 5),
    n_out: int | None = 1,
    kind: str = "normal",
) -> dict[str, Any]:
    """X (n_x, m), parameters of a random-depth net with random widths, its activations, Y."""
    L = source.integer(*depth)
    widths = [source.integer(1, 6) for _ in range(L)]
    if n_out is not None:
        widths[-1] = n_out
    dims = [source.integer(1, 6), *widths]
    m = source.integer(1, 6)
    acts = [source.choice(hidden) for _ in range(L - 1)] + [source.choice(output)]
    parameters = {}
    for layer in range(1, L + 1):
        W = source.array((dims[layer], dims[layer - 1]), kind)
        parameters[f"W{layer}"] = W / np.sqrt(dims[layer - 1])
        parameters[f"b{layer}"] = source.array((dims[layer], 1), kind)
    X = source.array((dims[0], m), kind)
    AL, caches = ref.caches_from(X, parameters, acts)
    source.require(bool(np.abs(caches[-1][1]).max() < SATURATION_GUARD))
    Y = source.array((dims[-1], m), "labels")
    return {
        "X": X,
        "parameters": parameters,
        "activations": acts,
        "AL": AL,
        "caches": caches,
        "Y": Y,
    }


def functional_forward(
    X: np.ndarray, parameters: dict[str, np.ndarray], activations: Sequence[str] | None = None
) -> tuple[Any, list[Any]]:
    acts = activations or ["relu"] * (len(parameters) // 2 - 1) + ["sigmoid"]
    return ref.caches_from(X, parameters, acts)


def _net_inputs(names: tuple[str, ...], **options: Any) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        drawn = net(source, **options)
        return {name: drawn[name.lstrip("_")] for name in names}

    return inputs


def _dAL_inputs(**options: Any) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        drawn = net(source, **options)
        dAL = source.array(drawn["AL"].shape, "grad")
        return {
            "dAL": dAL,
            "caches": drawn["caches"],
            "activations": drawn["activations"],
            "_X": drawn["X"],
            "_parameters": drawn["parameters"],
        }

    return inputs


def _ref_model_backward(dAL: Any, caches: Any, activations: Any, _X: Any, _parameters: Any) -> Any:
    return ref.model_grads(_X, _parameters, activations, dAL=dAL)


def _ref_L_model_backward(
    AL: Any, Y: Any, caches: Any, _X: Any, _parameters: Any, _activations: Any
) -> Any:
    return ref.model_grads(_X, _parameters, _activations, Y=Y)


def _ref_sequential(
    AL: Any, Y: Any, caches: Any, _X: Any, _parameters: Any, _activations: Any
) -> Any:
    return ref.sequential_grads(_X, Y, _parameters, _activations)[1]


def core_backward_from_cost(fn: Any, kw: dict[str, Any]) -> Any:
    import scratchnn

    dAL = scratchnn.compute_cost_backward(kw["AL"], kw["Y"])
    return fn(dAL, kw["caches"], kw["activations"])


def _ref_core_sequential(
    AL: Any, Y: Any, caches: Any, activations: Any, _X: Any, _parameters: Any
) -> Any:
    return ref.sequential_grads(_X, Y, _parameters, activations)[1]


MODEL_BACKWARD = (
    "Autograd of the same functional model from X, with the upstream gradient "
    "dAL / m; dA{l} = m x torch's grad of A[l] (per example), dW, db of the mean."
)
SEQUENTIAL = (
    "nn.Sequential(nn.Linear, activation, ..., nn.Sigmoid) with our weights copied "
    "in (weight is W as it is, bias is b.ravel()), BCELoss(mean), loss.backward()."
)


def deep_rows() -> list[ParityCase]:
    random_net = {"hidden": HIDDEN, "output": HIDDEN, "n_out": None}
    return [
        ParityCase(
            id="model.model_forward",
            family="models",
            scope="scratchnn",
            ours="model_forward",
            reference=ref.caches_from,
            outputs=("AL", "caches"),
            inputs=_net_inputs(("X", "parameters", "activations"), **random_net),
            convention="Random depth 1-5, random widths and activations; AL and every cache "
            "((A_prev, W, b), Z) against torch's functional forward.",
        ),
        ParityCase(
            id="model.model_backward",
            family="models",
            scope="scratchnn",
            ours="model_backward",
            reference=_ref_model_backward,
            outputs=("grads",),
            inputs=_dAL_inputs(**random_net),
            convention=MODEL_BACKWARD,
        ),
        ParityCase(
            id="model.model_backward[nn.Sequential]",
            family="models",
            scope="scratchnn",
            ours="model_backward",
            reference=_ref_core_sequential,
            outputs=("grads",),
            inputs=_net_inputs(
                ("AL", "Y", "caches", "activations", "_X", "_parameters"), hidden=HIDDEN
            ),
            call=core_backward_from_cost,
            convention=SEQUENTIAL + " Ours starts from compute_cost_backward(AL, Y).",
        ),
        ParityCase(
            id="model.deep.L_model_forward",
            family="models",
            scope="deep",
            ours="L_model_forward",
            reference=functional_forward,
            outputs=("AL", "caches"),
            inputs=_net_inputs(("X", "parameters")),
            convention="[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID, depth 1-5.",
        ),
        ParityCase(
            id="model.deep.L_model_backward",
            family="models",
            scope="deep",
            ours="L_model_backward",
            reference=_ref_L_model_backward,
            outputs=("grads",),
            inputs=_net_inputs(("AL", "Y", "caches", "_X", "_parameters", "_activations")),
            convention="Keys dA0 .. dA{L-1}, dW1 .., db1 ..; autograd of the functional model "
            "under F.binary_cross_entropy (mean). " + MODEL_BACKWARD,
        ),
        ParityCase(
            id="model.deep.L_model_backward[nn.Sequential]",
            family="models",
            scope="deep",
            ours="L_model_backward",
            reference=_ref_sequential,
            outputs=("grads",),
            inputs=_net_inputs(("AL", "Y", "caches", "_X", "_parameters", "_activations")),
            convention=SEQUENTIAL,
        ),
    ]


# --- logistic regression and the shallow net -----------------------------------------------------


def logistic_inputs(source: Any) -> dict[str, Any]:
    n_x, m = source.integer(1, 6), source.integer(1, 6)
    b = float(source.array((1, 1), "normal")[0, 0])
    return {
        "w": source.array((n_x, 1), "normal"),
        "b": b,
        "X": source.array((n_x, m), "normal"),
        "Y": source.array((1, m), "labels"),
    }


def ref_propagate(w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray) -> Any:
    wt, bt = ref.leaf(w), ref.leaf(b)
    A = torch.sigmoid(ref.rows(X, False) @ wt + bt)
    cost = F.binary_cross_entropy(A, ref.rows(Y, False))
    cost.backward()
    return {"dw": ref.np_(wt.grad), "db": ref.scalar(bt.grad)}, ref.scalar(cost)


def shallow_inputs(source: Any) -> dict[str, Any]:
    drawn = net(source, hidden=("tanh",), depth=(2, 2))
    _, caches = drawn["AL"], drawn["caches"]
    cache = {"Z1": caches[0][1], "A1": caches[1][0][0], "Z2": caches[1][1], "A2": drawn["AL"]}
    return {"X": drawn["X"], "parameters": drawn["parameters"], "Y": drawn["Y"], "cache": cache}


def ref_forward_propagation(X: np.ndarray, parameters: dict[str, np.ndarray]) -> Any:
    A2, caches = ref.caches_from(X, parameters, ["tanh", "sigmoid"])
    return A2, {"Z1": caches[0][1], "A1": caches[1][0][0], "Z2": caches[1][1], "A2": A2}


def ref_backward_propagation(parameters: Any, cache: Any, X: Any, Y: Any) -> Any:
    """Week 3's dZ2 = A2 - Y is the gradient of BCE-with-logits at Z2: autograd of that."""
    P = ref.torch_parameters(parameters)
    Z1 = F.linear(ref.rows(X, False), P["W1"], P["b1"])
    Z2 = F.linear(torch.tanh(Z1), P["W2"], P["b2"])
    F.binary_cross_entropy_with_logits(Z2, ref.rows(Y, False)).backward()
    return {
        k: ref.np_(P[k[1:]].grad).reshape(parameters[k[1:]].shape)
        for k in ("dW1", "db1", "dW2", "db2")
    }


def shallow_rows() -> list[ParityCase]:
    def pick(*names: str) -> Callable[[Any], dict[str, Any]]:
        return lambda source: {k: v for k, v in shallow_inputs(source).items() if k in names}

    return [
        ParityCase(
            id="model.logistic.propagate",
            family="models",
            scope="logistic",
            ours="propagate",
            reference=ref_propagate,
            outputs=("grads", "cost"),
            inputs=logistic_inputs,
            convention="A = sigmoid(w.T X + b); dw (n_x, 1) = (1/m) X (A - Y).T, db a scalar: "
            "torch's grads of the mean BCE, w a column, b a number.",
        ),
        ParityCase(
            id="model.shallow.forward_propagation",
            family="models",
            scope="shallow",
            ours="forward_propagation",
            reference=ref_forward_propagation,
            outputs=("A2", "cache"),
            inputs=pick("X", "parameters"),
            convention="tanh hidden layer, sigmoid output; cache {Z1, A1, Z2, A2}.",
        ),
        ParityCase(
            id="model.shallow.backward_propagation",
            family="models",
            scope="shallow",
            ours="backward_propagation",
            reference=ref_backward_propagation,
            outputs=("grads",),
            inputs=pick("parameters", "cache", "X", "Y"),
            convention="dZ2 = A2 - Y, dZ1 = W2.T dZ2 * (1 - A1**2): autograd of "
            "BCEWithLogitsLoss through the tanh layer.",
        ),
    ]


CASES = deep_rows() + shallow_rows()
