"""Training trajectories of scratchnn and torch from identical weights, and the ReLU'(0) experiment.

Ours is :func:`scratchnn.train` (with ``snapshot_every``); torch's is
:func:`parity_tests.references.sgd_trajectory` (``nn.Sequential`` + ``BCELoss`` + ``optim.SGD``).
Each task runs both sides in one process and returns only small, JSON-ready results: the costs at
every iteration, the largest parameter difference at every snapshot, the accuracies and the time
each side took. The tasks are independent, so the report runs them in worker processes while the
suite runs (see :mod:`parity_tests.report.cli`).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import numpy as np

#: The models of the trajectories section, as the course trains them.
MODELS: dict[str, dict[str, Any]] = {
    "flower": {
        "title": "Week 3 flower: shallow net [2, 4, 1], tanh / sigmoid",
        "dims": [2, 4, 1],
        "activations": ["tanh", "sigmoid"],
        "learning_rate": 1.2,
        "iterations": 10_000,
        "snapshot_every": 10,
        "data": "flower",
        "init": "randn * 0.01 from RandomState(2) (the course's week-3 seed)",
    },
    "cat2": {
        "title": "Cat 2-layer model [12288, 7, 1], ReLU / sigmoid",
        "dims": [12288, 7, 1],
        "activations": ["relu", "sigmoid"],
        "learning_rate": 0.0075,
        "iterations": 2500,
        "snapshot_every": 25,
        "data": "cat",
        "init": "randn * 0.01 from RandomState(1) (course.deep.initialize_parameters)",
    },
    "cat4": {
        "title": "Cat 4-layer model [12288, 20, 7, 5, 1], ReLU x 3 / sigmoid",
        "dims": [12288, 20, 7, 5, 1],
        "activations": ["relu", "relu", "relu", "sigmoid"],
        "learning_rate": 0.0075,
        "iterations": 2500,
        "snapshot_every": 25,
        "data": "cat",
        "init": "randn / sqrt(n_prev) from RandomState(1) (course.deep.initialize_parameters_deep)",
    },
}
DTYPES = ("float64", "float32")


def initial_parameters(model: str) -> dict[str, np.ndarray]:
    import scratchnn
    from scratchnn.course import deep

    if model == "flower":
        rng = np.random.RandomState(2)
        return scratchnn.initialize_parameters([2, 4, 1], scheme="scaled", rng=rng)
    if model == "cat2":
        return deep.initialize_parameters(12288, 7, 1)
    return deep.initialize_parameters_deep(MODELS[model]["dims"])


def dataset(model: str, cat_path: str | None) -> dict[str, np.ndarray]:
    from scratchnn.data import load_cat, load_planar_dataset

    if MODELS[model]["data"] == "flower":
        X, Y = load_planar_dataset()
        return {"train_x": X, "train_y": Y}
    if not cat_path or not Path(cat_path).exists():
        raise FileNotFoundError(cat_path or "no path given")
    cat = load_cat(cat_path)
    return {
        "train_x": cat.train_x,
        "train_y": cat.train_y,
        "test_x": cat.test_x,
        "test_y": cat.test_y,
    }


def _accuracies(
    data: dict[str, np.ndarray], params: dict[str, np.ndarray], acts: Any
) -> dict[str, float]:
    import scratchnn

    out = {}
    for split in ("train", "test"):
        if f"{split}_x" in data:
            X, Y = data[f"{split}_x"], data[f"{split}_y"]
            P = {k: v.astype(X.dtype) for k, v in params.items()}
            out[split] = scratchnn.accuracy(scratchnn.predict(X, P, acts), Y.astype(X.dtype))
    return out


def run_pair(model: str, dtype: str, cat_path: str | None = None) -> dict[str, Any]:
    """Train ``model`` in ``dtype`` with scratchnn and with torch from the same weights."""
    import scratchnn
    from parity_tests import references as ref

    spec = MODELS[model]
    data = dataset(model, cat_path)
    X, Y = (data[k].astype(dtype) for k in ("train_x", "train_y"))
    params = {k: v.astype(dtype) for k, v in initial_parameters(model).items()}
    acts, lr, n, every = (
        spec["activations"],
        spec["learning_rate"],
        spec["iterations"],
        spec["snapshot_every"],
    )
    start = time.perf_counter()
    ours, history = scratchnn.train(
        X, Y, params, learning_rate=lr, num_iterations=n, activations=acts, snapshot_every=every
    )
    t_ours = time.perf_counter() - start
    start = time.perf_counter()
    theirs, costs, snapshots = ref.sgd_trajectory(X, Y, params, acts, lr, n, snapshot_every=every)
    t_torch = time.perf_counter() - start
    iters = sorted(set(history.snapshots) & set(snapshots))
    param_diff = [
        max(float(np.max(np.abs(history.snapshots[i][k] - snapshots[i][k]))) for k in snapshots[i])
        for i in iters
    ]
    data = {k: v.astype(dtype) for k, v in data.items()}
    cost_diff = np.abs(history.costs - costs)
    return {
        "model": model,
        "dtype": dtype,
        "iterations": n,
        "costs_ours": [float(c) for c in history.costs],
        "costs_torch": [float(c) for c in costs],
        "max_cost_diff": float(cost_diff.max()) if n else 0.0,
        "argmax_cost_diff": int(cost_diff.argmax()) if n else 0,
        "param_iters": iters,
        "param_diff": param_diff,
        "max_param_diff": max(param_diff, default=0.0),
        "accuracy_ours": _accuracies(data, ours, acts),
        "accuracy_torch": _accuracies(data, theirs, acts),
        "seconds": {"scratchnn": t_ours, "torch": t_torch},
    }


def run_relu_at_zero(cat_path: str | None = None) -> dict[str, Any]:
    """The cat 4-layer model with ReLU'(0) = 1 (the lecture), float64, scratchnn only.

    Its counterpart, ReLU'(0) = 0, is the float64 cat 4-layer trajectory's scratchnn side. Also
    counts the pre-activations that are exactly 0 in the first iterations, where the choice applies.
    """
    import scratchnn

    data = dataset("cat4", cat_path)
    X, Y = data["train_x"], data["train_y"]
    params = initial_parameters("cat4")
    acts = [scratchnn.get_activation("relu", at_zero=1.0)] * 3 + ["sigmoid"]
    start = time.perf_counter()
    final, history = scratchnn.train(
        X, Y, params, learning_rate=0.0075, num_iterations=2500, activations=acts
    )
    seconds = time.perf_counter() - start
    # Where the choice applies: pre-activations exactly 0 over the first few iterations (the
    # parameters are the same in both runs until the first update that meets such a Z).
    _, early = scratchnn.train(
        X, Y, params, learning_rate=0.0075, num_iterations=4, snapshot_every=1
    )
    return {
        "costs": [float(c) for c in history.costs],
        "accuracy": _accuracies(data, final, acts),
        "zeros_early": [
            {"iteration": i, "layers": exact_zeros(X, early.snapshots[i])} for i in range(4)
        ],
        "seconds": seconds,
    }


def exact_zeros(X: np.ndarray, params: dict[str, np.ndarray]) -> list[dict[str, int]]:
    """Per hidden layer: how many entries of Z are exactly 0 (the kink), of how many."""
    import scratchnn

    _, caches = scratchnn.model_forward(X, params)
    return [
        {"layer": layer, "zeros": int(np.sum(cache[1] == 0)), "size": int(cache[1].size)}
        for layer, cache in enumerate(caches[:-1], 1)
    ]
