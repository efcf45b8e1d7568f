"""Rows of the update and trajectory families (their initial weights drawn as the course draws)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F

from parity_tests import references as ref
from parity_tests.cases import ParityCase, Tolerance, float32, row
from parity_tests.course_api import Alternative, CourseCall
from parity_tests.registry.models import HIDDEN, net
from parity_tests.versions import INITIALIZATIONS

#: Iteration counts of the course-API trajectories: short runs, and runs past 100 so the course's
#: "cost every 100 iterations" list has a second entry.
ITERATIONS = (1, 2, 5, 20, 101, 150)
COURSE_COSTS = (
    "the cost at iterations 0, 100, 200, ..., each computed before that iteration's update"
)


# --- updates -------------------------------------------------------------------------------------


def update_inputs(
    with_rate: bool = True, depth: tuple[int, int] = (1, 5)
) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        parameters = net(source, hidden=HIDDEN, depth=depth)["parameters"]
        grads = {f"d{k}": source.array(v.shape, "grad") for k, v in parameters.items()}
        kw = {"parameters": parameters, "grads": grads}
        if with_rate:
            kw["learning_rate"] = source.choice((0.0075, 0.1, 1.2, 3.0))
        return kw

    return inputs


def ref_update(parameters: Any, grads: Any, learning_rate: float = 1.2) -> dict[str, Any]:
    """One torch.optim.SGD step on leaves whose .grad holds the course's grads."""
    leaves = {k: ref.leaf(v) for k, v in parameters.items()}
    for k, t in leaves.items():
        t.grad = torch.from_numpy(np.array(grads[f"d{k}"]))
    torch.optim.SGD(leaves.values(), lr=learning_rate).step()
    return {k: ref.np_(t) for k, t in leaves.items()}


update = partial(row, "update", scope_in_id=True)
trajectory = partial(row, "trajectory")


def _in_place(qualname: str, args: tuple[str, ...]) -> CourseCall:
    """The course's update, which writes into the dict it is given before 2021."""
    return CourseCall(qualname, args, in_place=("parameters",))


def update_rows() -> list[ParityCase]:
    with_rate = ("parameters", "grads", "learning_rate")
    return [
        update("scratchnn.update_parameters", ref_update, ("parameters",), update_inputs(),
               convention="W := W - lr dW, b := b - lr db against one torch.optim.SGD step; a "
               "new dict, the input left unchanged."),
        *[
            update(f"{scope}.update_parameters", ref_update, ("parameters",),
                   update_inputs(depth=(2, 2) if scope == "shallow" else (1, 5)),
                   course=_in_place(f"{scope}.update_parameters", with_rate),
                   convention="W := W - lr dW, b := b - lr db against one torch.optim.SGD step. "
                   "Before 2021 the course's week-4 update writes into the dict it is given; "
                   "that is read as the course's, not as a fault.")
            for scope in ("deep", "shallow")
        ],
        update("shallow.update_parameters", ref_update, ("parameters",),
               update_inputs(with_rate=False, depth=(2, 2)), variant="default rate",
               course=_in_place("shallow.update_parameters", ("parameters", "grads")),
               convention="Week 3's default learning rate 1.2."),
    ]  # fmt: skip


# --- trajectories --------------------------------------------------------------------------------


def train_inputs(dtype: Any = np.float64, steps: int = 40) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        drawn = net(source, hidden=HIDDEN, depth=(1, 4))
        cast = {k: v.astype(dtype) for k, v in drawn["parameters"].items()}
        return {
            "X": drawn["X"].astype(dtype),
            "Y": drawn["Y"].astype(dtype),
            "parameters": cast,
            "activations": drawn["activations"],
            "learning_rate": source.choice((0.05, 0.5)),
            "num_iterations": source.choice((1, 2, 5, 12, steps)),
        }

    return inputs


def call_train(fn: Any, kw: Mapping[str, Any]) -> dict[str, Any]:
    parameters, history = fn(**kw, snapshot_every=10)
    return {"parameters": parameters, "costs": history.costs, "snapshots": history.snapshots}


def ref_train(
    X: Any, Y: Any, parameters: Any, activations: Any, learning_rate: float, num_iterations: int
) -> dict[str, Any]:
    final, costs, snapshots = ref.sgd_trajectory(
        X, Y, parameters, activations, learning_rate, num_iterations, snapshot_every=10
    )
    return {"parameters": final, "costs": costs, "snapshots": snapshots}


def course_init(layer_dims: list[int], rng: Any, scale: str) -> dict[str, np.ndarray]:
    """The course's initialization contract: randn in layer order, b zeros (not drawn)."""
    params = {}
    for layer in range(1, len(layer_dims)):
        W = rng.randn(layer_dims[layer], layer_dims[layer - 1])
        params[f"W{layer}"] = W * 0.01 if scale == "scaled" else W / np.sqrt(layer_dims[layer - 1])
        params[f"b{layer}"] = np.zeros((layer_dims[layer], 1))
    return params


def course_model_inputs(depth: tuple[int, int]) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        L = source.integer(*depth)
        dims = [source.integer(1, 6) for _ in range(L)] + [1]
        m = source.integer(1, 8)
        return {
            "X": source.array((dims[0], m), "pixels"),
            "Y": source.array((1, m), "labels"),
            "layers_dims": dims,
            "learning_rate": source.choice((0.0075, 0.1, 1.0)),
            "num_iterations": source.choice(ITERATIONS),
        }

    return inputs


MODEL_ARGS = ("X", "Y", "layers_dims", "learning_rate", "num_iterations")


def ref_course_model(seed: int, scale: str) -> Callable[..., Any]:
    """The course's model from ``np.random.seed(seed)`` and the scheme, trained by optim.SGD."""

    def reference(
        X: Any, Y: Any, layers_dims: Any, learning_rate: float, num_iterations: int, **_: Any
    ) -> Any:
        params = course_init(list(layers_dims), np.random.RandomState(seed), scale)
        acts = ["relu"] * (len(layers_dims) - 2) + ["sigmoid"]
        # (not ``final, costs, _ = ...``: ``_`` is the keyword arguments' dict)
        final, costs = ref.sgd_trajectory(X, Y, params, acts, learning_rate, num_iterations)[:2]
        return final, [float(c) for c in costs[::100]]

    return reference


def initializations(
    make: Callable[[int, str], Callable[..., Any]],
    accepted: dict[tuple[int, str], str],
) -> tuple[tuple[Alternative, ...], tuple[Alternative, ...]]:
    """References from every known initialization: the accepted ones (behaviour keys), and the
    others as diagnoses that name a submission's near miss."""
    alternatives = tuple(Alternative(key, make(*init)) for init, key in accepted.items())
    diagnoses = tuple(
        Alternative(f"the initialization {where}", make(*init))
        for init, where in INITIALIZATIONS.items()
        if init not in accepted
    )
    return alternatives, diagnoses


def model_call(name: str, primary: tuple[int, str], accepted: dict[tuple[int, str], str]) -> Any:
    """The course call of a week-4 model: the primary init's reference, the others'."""
    alternatives, diagnoses = initializations(ref_course_model, accepted)
    return CourseCall(
        f"deep.{name}",
        MODEL_ARGS,
        reference_behaviour=accepted.get(primary, ""),
        alternatives=tuple(
            a for a, init in zip(alternatives, accepted, strict=True) if init != primary
        ),
        diagnoses=diagnoses,
    )


TWO_LAYER = model_call("two_layer_model", (1, "scaled"), {(1, "scaled"): ""})
L_LAYER = model_call(
    "L_layer_model",
    (1, "sqrt_fan_in"),
    {(1, "sqrt_fan_in"): "application init", (3, "scaled"): "step-by-step init"},
)


def trajectory_rows() -> list[ParityCase]:
    train = trajectory("scratchnn.train", ref_train, ("result",), train_inputs(), call=call_train,
                       convention="Up to 40 steps of our gradient descent against nn.Sequential + "
                       "BCELoss + optim.SGD from identical weights: the cost at every step, the "
                       "parameters at snapshots every 10 steps and at the end.")  # fmt: skip
    return [
        train,
        float32(train, train_inputs(np.float32), tol=Tolerance(
            rtol=2e-4, atol=2e-5, why="float32 on both sides for up to 40 steps: each step's "
            "rounding (about 1e-6 relative) is carried into the next and grows roughly linearly "
            "with the step count"),
            convention="float32 from start to end on both sides (no NEP 50 upcast)."),
        trajectory("deep.L_layer_model", ref_course_model(1, "sqrt_fan_in"), TRAINED,
                   course_model_inputs((2, 4)), course=L_LAYER,
                   convention="Initialized as the course's application (np.random.seed(1), randn "
                   "/ sqrt(n_prev) in layer order), then SGD; " + COURSE_COSTS + ". A version "
                   "that returns the parameters only has them compared alone."),
        trajectory("deep.two_layer_model", ref_course_model(1, "scaled"), TRAINED,
                   course_model_inputs((2, 2)), course=TWO_LAYER,
                   convention="LINEAR->RELU->LINEAR->SIGMOID from np.random.seed(1), W = randn * "
                   "0.01; " + COURSE_COSTS + "."),
        trajectory("logistic.optimize", ref_optimize, ("params", "grads", "costs"),
                   optimize_inputs, args=("w", "b", "X", "Y", "num_iterations", "learning_rate"),
                   convention="w, b by gradient descent against SGD on torch leaves; grads of the "
                   "last iteration; " + COURSE_COSTS + "."),
        trajectory("shallow.nn_model", ref_nn_model(2), ("parameters",), nn_model_inputs,
                   course=NN_MODEL, tol=Tolerance(
                       rtol=1e-7, atol=1e-10, why="up to 40 steps at week 3's learning rate 1.2, "
                       "which is large: hypothesis finds inputs (repeated columns with opposite "
                       "labels) where each step expands the rounding differences of two correct "
                       "float64 implementations, to 4e-9 relative after 40 steps; a wrong formula "
                       "or a float32 step is off by 1e-6 or more"),
                   convention="Week 3's training (learning rate 1.2) from the course's "
                   "initialization, randn * 0.01 from seed 2 (before 2021) or seed 3 (2021+)."),
    ]  # fmt: skip


#: What the week-4 models return.
TRAINED = ("parameters", "costs")


def optimize_inputs(source: Any) -> dict[str, Any]:
    from parity_tests.registry.models import logistic_inputs

    return {
        **logistic_inputs(source),
        "num_iterations": source.choice(ITERATIONS),
        "learning_rate": source.choice((0.009, 0.1, 0.5)),
    }


def ref_optimize(
    w: Any, b: float, X: Any, Y: Any, num_iterations: int, learning_rate: float
) -> Any:
    wt, bt = ref.leaf(w), ref.leaf(b)
    opt = torch.optim.SGD([wt, bt], lr=learning_rate)
    costs, grads = [], {}
    for i in range(num_iterations):
        opt.zero_grad()
        cost = F.binary_cross_entropy(
            torch.sigmoid(ref.rows(X, False) @ wt + bt), ref.rows(Y, False)
        )
        cost.backward()
        grads = {"dw": ref.np_(wt.grad), "db": ref.scalar(bt.grad)}
        if i % 100 == 0:
            costs.append(ref.scalar(cost))
        opt.step()
    return {"w": ref.np_(wt), "b": ref.scalar(bt)}, grads, costs


def model_inputs(source: Any) -> dict[str, Any]:
    """Week 2's model: a training and a test set, trained from zeros; no prediction at 0.5."""
    n_x, m, m_test = source.integer(1, 6), source.integer(1, 6), source.integer(1, 6)
    kw = {
        "X_train": source.array((n_x, m), "normal"),
        "Y_train": source.array((1, m), "labels"),
        "X_test": source.array((n_x, m_test), "normal"),
        "Y_test": source.array((1, m_test), "labels"),
        "num_iterations": source.choice(ITERATIONS),
        "learning_rate": source.choice((0.005, 0.1, 0.5)),
    }
    params, _, _ = ref_optimize(
        np.zeros((n_x, 1)), 0.0, kw["X_train"], kw["Y_train"], kw["num_iterations"],
        kw["learning_rate"],
    )  # fmt: skip
    for X in (kw["X_train"], kw["X_test"]):
        source.require(bool((np.abs(params["w"].T @ X + params["b"]) > 1e-9).all()))
    return kw


def ref_model(
    X_train: Any,
    Y_train: Any,
    X_test: Any,
    Y_test: Any,
    num_iterations: int,
    learning_rate: float,
) -> dict[str, Any]:
    w0 = np.zeros((X_train.shape[0], 1))
    params, _, costs = ref_optimize(w0, 0.0, X_train, Y_train, num_iterations, learning_rate)
    w, b = params["w"], params["b"]
    return {
        "costs": costs,
        "Y_prediction_test": ((w.T @ X_test + b) > 0).astype(float),
        "Y_prediction_train": ((w.T @ X_train + b) > 0).astype(float),
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


MODEL = (
    "Trained from zeros as optimize is, then sigmoid(w.T X + b) > 0.5 on both sets: the costs, w, "
    "b and both predictions against torch.optim.SGD; inputs keep every z away from 0 by 1e-9."
)


def nn_model_inputs(source: Any) -> dict[str, Any]:
    n_x, m = source.integer(1, 5), source.integer(1, 8)
    return {
        "X": source.array((n_x, m), "normal"),
        "Y": source.array((1, m), "labels"),
        "n_h": source.integer(1, 5),
        "num_iterations": source.choice((1, 2, 7, 40)),
    }


def ref_nn_model(seed: int, scale: str = "scaled") -> Callable[..., Any]:
    def reference(X: Any, Y: Any, n_h: int, num_iterations: int) -> dict[str, Any]:
        params = course_init([X.shape[0], n_h, Y.shape[0]], np.random.RandomState(seed), scale)
        P = ref.torch_parameters(params)
        opt = torch.optim.SGD(P.values(), lr=1.2)
        Xt, Yt = ref.rows(X, False), ref.rows(Y, False)
        for _ in range(num_iterations):
            opt.zero_grad()
            Z2 = F.linear(torch.tanh(F.linear(Xt, P["W1"], P["b1"])), P["W2"], P["b2"])
            F.binary_cross_entropy_with_logits(Z2, Yt).backward()  # dZ2 = A2 - Y, as week 3
            opt.step()
        return {k: ref.np_(t).reshape(params[k].shape) for k, t in P.items()}

    return reference


def _nn_model_call() -> CourseCall:
    accepted = {(2, "scaled"): "init seed 2", (3, "scaled"): "init seed 3"}
    alternatives, diagnoses = initializations(ref_nn_model, accepted)
    return CourseCall(
        "shallow.nn_model",
        ("X", "Y", "n_h", "num_iterations"),
        reference_behaviour="init seed 2",
        alternatives=alternatives[1:],
        diagnoses=diagnoses,
    )


NN_MODEL = _nn_model_call()


LOGISTIC_MODEL = trajectory(
    "logistic.model",
    ref_model,
    ("costs", "Y_prediction_test", "Y_prediction_train", "w", "b"),
    model_inputs,
    args=("X_train", "Y_train", "X_test", "Y_test", "num_iterations", "learning_rate"),
    convention=MODEL,
)


# --- the course's own runs -----------------------------------------------------------------------


def cat_inputs(layers_dims: list[int]) -> Callable[[Any], dict[str, Any]]:
    """The course's cat run: its data and layer sizes, learning rate 0.0075, 2500 iterations."""

    def inputs(source: Any) -> dict[str, Any]:
        cat = source.resources["cat"]
        return {
            "X": cat.train_x,
            "Y": cat.train_y,
            "layers_dims": layers_dims,
            "learning_rate": 0.0075,
            "num_iterations": 2500,
        }

    return inputs


def flower_inputs(source: Any) -> dict[str, Any]:
    from scratchnn.data import load_planar_dataset

    X, Y = load_planar_dataset()
    return {
        "X": X,
        "Y": Y,
        "n_h": 4,
        "num_iterations": FLOWER_ITERATIONS,
    }


#: The flower run's first 5000 of the course's 10000 iterations. Later, at learning rate 1.2, the
#: cost rises (0.2175 at 7000, 0.2194 at 8000): an unstable phase in which last-bit differences
#: between two correct implementations grow to ~1e-5 (7.7e-6 relative in W1 after 10000; the
#: course's own published copies differ from each other by as much). Before it they agree to ~1e-12.
FLOWER_ITERATIONS = 5000


#: The course's own runs: one fixed sample each, not searched.
course_run = partial(trajectory, seeds=(0,), search=False)

COURSE_RUNS = [
    course_run("deep.L_layer_model", ref_course_model(1, "sqrt_fan_in"), TRAINED,
               cat_inputs([12288, 20, 7, 5, 1]), variant="cat", course=L_LAYER, needs=("cat",),
               convention="The course's 4-layer cat model: 2500 iterations of [LINEAR->RELU] x 3 "
               "-> LINEAR->SIGMOID at 0.0075 from RandomState(1) / sqrt(n_prev), against "
               "nn.Sequential + BCELoss + optim.SGD from the same weights: in float64 they agree "
               "to about 1e-15 in cost."),
    course_run("deep.two_layer_model", ref_course_model(1, "scaled"), TRAINED,
               cat_inputs([12288, 7, 1]), variant="cat", course=TWO_LAYER, needs=("cat",),
               convention="The course's 2-layer cat model, 2500 iterations, W = randn * 0.01, "
               "seed 1."),
    course_run("shallow.nn_model", ref_nn_model(2), ("parameters",), flower_inputs,
               variant="flower", course=NN_MODEL,
               convention="Week 3's flower run: 4 tanh units at learning rate 1.2 from the "
               "course's seed-2 initialization, against the same updates in torch: the first 5000 "
               "of the course's 10000 iterations, before the unstable phase (cost rising at "
               "7000-8000) that amplifies last-bit rounding to ~1e-5 between any two correct "
               "implementations."),
]  # fmt: skip

CASES = [*update_rows(), *trajectory_rows(), LOGISTIC_MODEL, *COURSE_RUNS]
