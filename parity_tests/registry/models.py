"""Rows of the whole-model family: logistic regression, the shallow net, L-layer nets."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from parity_tests import references as ref
from parity_tests.activation_specs import NAMES
from parity_tests.cases import ParityCase, row
from parity_tests.course_api import CourseCall

#: A random net's activations: every one in the activation table, ReLU first (hypothesis shrinks
#: toward the first, and ReLU is the course's hidden activation).
HIDDEN = ("relu", *(name for name in NAMES if name != "relu"))
#: Beyond |z| of about 27.6 the sigmoid's 1 - a falls below torch's 1e-12 floor in dAL, and the
#: gradient through BCE(sigmoid) becomes a ratio of two roundings of 1 - a: both sides compute it,
#: but a one-ulp difference in a moves it by 1e-3. The clamp region is covered by the cost rows.
SATURATION_GUARD = 25.0
#: Where the saturated rows push the output layer (its largest z, or its smallest when negative).
#: Up to 36: beyond 36.7 float64's sigmoid is exactly 1 and the course's dAL is 0/0. Down to -700:
#: below -709 the course's 1/(1 + exp(-z)) overflows. Where z > 10 the label is 1: with Y = 0 the
#: course's dAL = 1/(1 - AL) there amplifies a one-ulp difference between two correct sigmoids
#: (AL from one, A(1-A) from the other) a thousandfold at z = 30; with Y = 1 it is exact.
SATURATED = (30.0, 36.0, -40.0, -100.0, -700.0)
#: Seeds of the model rows' samples: one example (m = 1) and several (a dAL summed over the
#: examples, or divided by m, is right at m = 1 and wrong at m >= 2).
MODEL_SEEDS = (0, 3, 4)


def net(
    source: Any,
    *,
    hidden: Sequence[str] = ("relu",),
    output: Sequence[str] = ("sigmoid",),
    depth: tuple[int, int] = (1, 5),
    n_out: int | None = 1,
    kind: str = "normal",
    saturate: bool = False,
) -> dict[str, Any]:
    """X (n_x, m), parameters of a random-depth net with random widths, its activations, Y.

    ``saturate``: the output layer's bias is shifted so that its largest z (or its smallest) is
    one of :data:`SATURATED`, every z within [-700, 36], and Y is 1 wherever z > 10.
    """
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
    Y = source.array((dims[-1], m), "labels")
    if saturate:
        ZL = caches[-1][1]
        target = source.choice(SATURATED)
        shift = target - (ZL.max() if target > 0 else ZL.min())
        parameters[f"b{L}"] = parameters[f"b{L}"] + shift
        AL, caches = ref.caches_from(X, parameters, acts)
        ZL = caches[-1][1]
        source.require(bool(ZL.min() >= -700.0 and ZL.max() <= 36.0))
        Y = np.where(ZL > 10.0, 1.0, Y)
    else:
        source.require(bool(np.abs(caches[-1][1]).max() < SATURATION_GUARD))
    return {
        "X": X,
        "parameters": parameters,
        "activations": acts,
        "AL": AL,
        "caches": caches,
        "Y": Y,
    }


def _net_inputs(names: tuple[str, ...], **options: Any) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        drawn = net(source, **options)
        return {name: drawn[name] for name in names}

    return inputs


def _dAL_inputs(**options: Any) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        drawn = net(source, **options)
        dAL = source.array(drawn["AL"].shape, "grad")
        return {
            "dAL": dAL,
            "caches": drawn["caches"],
            "activations": drawn["activations"],
            "X": drawn["X"],
            "parameters": drawn["parameters"],
        }

    return inputs


def _ref_model_backward(dAL: Any, caches: Any, activations: Any, X: Any, parameters: Any) -> Any:
    return ref.model_grads(X, parameters, activations, dAL=dAL)


def _ref_L_model_backward(
    AL: Any, Y: Any, caches: Any, X: Any, parameters: Any, activations: Any
) -> Any:
    return ref.model_grads(X, parameters, activations, Y=Y)


def _ref_sequential(AL: Any, Y: Any, caches: Any, X: Any, parameters: Any, activations: Any) -> Any:
    return ref.sequential_grads(X, Y, parameters, activations)[1]


def core_backward_from_cost(fn: Any, kw: Mapping[str, Any]) -> Any:
    import scratchnn

    dAL = scratchnn.compute_cost_backward(kw["AL"], kw["Y"])
    return fn(dAL, kw["caches"], kw["activations"])


MODEL_BACKWARD = (
    "Autograd of the same functional model from X, with the upstream gradient "
    "dAL / m; dA{l} = m x torch's grad of A[l] (per example), dW, db of the mean."
)
SEQUENTIAL = (
    "nn.Sequential(nn.Linear, activation, ..., nn.Sigmoid) with our weights copied "
    "in (weight is W as it is, bias is b.ravel()), BCELoss(mean), loss.backward()."
)


model = partial(row, "model")


def deep_rows() -> list[ParityCase]:
    random_net = {"hidden": HIDDEN, "output": HIDDEN, "n_out": None}
    from_cost = _net_inputs(("AL", "Y", "caches", "activations", "X", "parameters"), hidden=HIDDEN)
    course_net = ("AL", "Y", "caches", "X", "parameters", "activations")
    deep = partial(model, seeds=MODEL_SEEDS, course=L_MODEL_BACKWARD,
                   reference_only=BEHIND_THE_CACHES)  # fmt: skip
    return [
        model("scratchnn.model_forward", ref.caches_from, ("AL", "caches"),
              _net_inputs(("X", "parameters", "activations"), **random_net), seeds=MODEL_SEEDS,
              convention="Random depth 1-5, random widths and activations; AL and every cache "
              "((A_prev, W, b), Z) against torch's functional forward."),
        model("scratchnn.model_backward", _ref_model_backward, ("grads",),
              _dAL_inputs(**random_net), seeds=MODEL_SEEDS, reference_only=("X", "parameters"),
              convention=MODEL_BACKWARD),
        model("scratchnn.model_backward", _ref_sequential, ("grads",), from_cost,
              variant="nn.Sequential", seeds=MODEL_SEEDS, reference_only=("X", "parameters"),
              call=core_backward_from_cost,
              convention=SEQUENTIAL + " Ours starts from compute_cost_backward(AL, Y)."),
        model("deep.L_model_forward", ref.caches_from, ("AL", "caches"),
              _net_inputs(("X", "parameters")), seeds=MODEL_SEEDS, args=("X", "parameters"),
              convention="[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID, depth 1-5."),
        deep("deep.L_model_backward", _ref_L_model_backward, ("grads",), _net_inputs(course_net),
             convention="Keys dA0 .. dA{L-1} (dA1 .. dAL before v8: both are read), dW1 .., "
             "db1 ..; autograd of the functional model under F.binary_cross_entropy (mean). "
             + MODEL_BACKWARD),
        deep("deep.L_model_backward", _ref_sequential, ("grads",), _net_inputs(course_net),
             variant="nn.Sequential", convention=SEQUENTIAL),
        deep("deep.L_model_backward", _ref_from_logits, ("grads",),
             _net_inputs(course_net, saturate=True), variant="saturated",
             convention="The output layer driven to z of 30 to 36 or -40 to -700 (AL within "
             "1e-13 of 1, or down to 1e-304), against autograd from the logits, exact there: dZ = "
             "AL - Y. The course's formulas are exact there too; a sigmoid that rounds to 0 too "
             "early turns -(Y/AL) into -inf and dW into NaN."),
    ]  # fmt: skip


#: What torch recomputes L_model_backward's answer from: the net behind the caches.
BEHIND_THE_CACHES = ("X", "parameters", "activations")
L_MODEL_BACKWARD = CourseCall("deep.L_model_backward", ("AL", "Y", "caches"))


def _ref_from_logits(
    AL: Any, Y: Any, caches: Any, X: Any, parameters: Any, activations: Any
) -> Any:
    return ref.model_grads_from_logits(X, parameters, activations, Y)


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
        model("logistic.propagate", ref_propagate, ("grads", "cost"), logistic_inputs,
              args=("w", "b", "X", "Y"),
              convention="A = sigmoid(w.T X + b); dw (n_x, 1) = (1/m) X (A - Y).T, db a scalar: "
              "torch's grads of the mean BCE, w a column, b a number."),
        model("shallow.forward_propagation", ref_forward_propagation, ("A2", "cache"),
              pick("X", "parameters"), args=("X", "parameters"),
              convention="tanh hidden layer, sigmoid output; cache {Z1, A1, Z2, A2}."),
        model("shallow.backward_propagation", ref_backward_propagation, ("grads",),
              pick("parameters", "cache", "X", "Y"), args=("parameters", "cache", "X", "Y"),
              convention="dZ2 = A2 - Y, dZ1 = W2.T dZ2 * (1 - A1**2): autograd of "
              "BCEWithLogitsLoss through the tanh layer."),
    ]  # fmt: skip


# --- predictions and sizes -----------------------------------------------------------------------


def _clear(source: Any, A: np.ndarray) -> None:
    """No prediction within 1e-9 of the 0.5 threshold (where rounding decides)."""
    source.require(bool((np.abs(A - 0.5) > 1e-9).all()))


def logistic_predict_inputs(source: Any) -> dict[str, Any]:
    kw = logistic_inputs(source)
    _clear(source, ref.act_forward("sigmoid")(kw["w"].T @ kw["X"] + kw["b"]))
    return {"w": kw["w"], "b": kw["b"], "X": kw["X"]}


def ref_logistic_predict(w: np.ndarray, b: float, X: np.ndarray) -> np.ndarray:
    A = torch.sigmoid(ref.rows(X, False) @ ref.leaf(w, False) + b)
    return (ref.cols(A) > 0.5).astype(X.dtype)


def shallow_predict_inputs(source: Any) -> dict[str, Any]:
    drawn = net(source, hidden=("tanh",), depth=(2, 2))
    _clear(source, drawn["AL"])
    return {"parameters": drawn["parameters"], "X": drawn["X"]}


def ref_shallow_predict(parameters: Any, X: np.ndarray) -> np.ndarray:
    A2, _ = ref.caches_from(X, parameters, ["tanh", "sigmoid"])
    return (A2 > 0.5).astype(X.dtype)


def deep_predict_inputs(source: Any) -> dict[str, Any]:
    drawn = net(source)
    _clear(source, drawn["AL"])
    return {"X": drawn["X"], "y": drawn["Y"], "parameters": drawn["parameters"]}


def ref_deep_predict(X: np.ndarray, y: np.ndarray, parameters: Any) -> np.ndarray:
    AL, _ = ref.caches_from(X, parameters)
    return (AL > 0.5).astype(X.dtype)


def layer_sizes_inputs(source: Any) -> dict[str, Any]:
    n_x, n_y, m = source.integer(1, 6), source.integer(1, 3), source.integer(1, 6)
    return {"X": source.array((n_x, m)), "Y": source.array((n_y, m), "labels")}


def ref_layer_sizes(X: np.ndarray, Y: np.ndarray) -> tuple[int, int, int]:
    return X.shape[0], 4, Y.shape[0]


PREDICT = (
    "1 where the model's output exceeds 0.5, as 0./1. in a (1, m) array (True/False and 0/1 "
    "integers are read as the same predictions); inputs keep every output away from 0.5 by 1e-9."
)


def predict_rows() -> list[ParityCase]:
    return [
        *[
            model(f"{scope}.predict", reference, ("predictions",), inputs, args=args,
                  seeds=MODEL_SEEDS, convention=PREDICT)
            for scope, reference, inputs, args in (
                ("logistic", ref_logistic_predict, logistic_predict_inputs, ("w", "b", "X")),
                ("shallow", ref_shallow_predict, shallow_predict_inputs, ("parameters", "X")),
                ("deep", ref_deep_predict, deep_predict_inputs, ("X", "y", "parameters")),
            )
        ],
        model("shallow.layer_sizes", ref_layer_sizes, ("n_x", "n_h", "n_y"), layer_sizes_inputs,
              args=("X", "Y"),
              convention="(n_x, n_h, n_y) with the course's 4 hidden units; Y may have several "
              "rows."),
    ]  # fmt: skip


CASES = deep_rows() + shallow_rows() + predict_rows()
