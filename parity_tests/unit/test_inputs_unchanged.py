"""Every public function leaves its array and dict arguments unchanged."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

import scratchnn as s
from parity_tests.activation_specs import SPECS
from parity_tests.unit._helpers import assert_same, deepcopy, labels, random_params
from scratchnn.course import deep, logistic, shallow

Data = dict[str, Any]  # the arguments every call draws from


def _data() -> Data:
    rng = np.random.default_rng(61)
    X = rng.standard_normal((3, 6))
    Y = labels(rng, 6)
    params = random_params(rng, [3, 4, 1])
    Z = rng.standard_normal((4, 6))
    dA = rng.standard_normal((4, 6))
    AL = rng.uniform(0.05, 0.95, (1, 6))
    AL_open = AL.copy()  # the course's unclamped formulas need AL in (0, 1)
    AL[0, 0] = 0.0  # the clamped branch too
    grads = {f"d{k}": rng.standard_normal(v.shape) for k, v in params.items()}
    _, caches = s.model_forward(X, params)
    A2, shallow_cache = shallow.forward_propagation(X, params)
    return {
        "X": X, "Y": Y, "params": params, "Z": Z, "dA": dA, "AL": AL, "AL_open": AL_open,
        "grads": grads, "caches": caches, "A2": A2, "shallow_cache": shallow_cache,
        "w": rng.standard_normal((3, 1)), "A": s.sigmoid(Z), "T": s.tanh(Z),
    }  # fmt: skip


def _lc(d: Data) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return (d["X"], d["params"]["W1"], d["params"]["b1"])


def _forward(fn: Callable[[np.ndarray], Any]) -> Callable[[Data], Any]:
    return lambda d: fn(d["Z"])


def _backward(fn: Callable[[np.ndarray, np.ndarray], Any]) -> Callable[[Data], Any]:
    return lambda d: fn(d["dA"], d["Z"])


CALLS: dict[str, Callable[[Data], Any]] = {
    # every activation of the activation table, its forward and its backward
    **{spec.functions: _forward(getattr(s, spec.functions)) for spec in SPECS},
    **{
        f"{sp.functions}_backward": _backward(getattr(s, f"{sp.functions}_backward"))
        for sp in SPECS
    },
    "relu_backward": lambda d: s.relu_backward(d["dA"], d["Z"], at_zero=1.0),  # its option too
    "sigmoid_backward_from_A": lambda d: s.sigmoid_backward_from_A(d["dA"], d["A"]),
    "tanh_backward_from_A": lambda d: s.tanh_backward_from_A(d["dA"], d["T"]),
    "compute_cost": lambda d: s.compute_cost(d["AL"], d["Y"]),
    "compute_cost_backward": lambda d: s.compute_cost_backward(d["AL"], d["Y"]),
    "sigmoid_cross_entropy_dZ": lambda d: s.sigmoid_cross_entropy_dZ(d["AL"], d["Y"]),
    "cross_entropy_from_logits": lambda d: s.cross_entropy_from_logits(d["Z"][:1], d["Y"]),
    "cross_entropy_from_logits_backward": lambda d: s.cross_entropy_from_logits_backward(
        d["Z"][:1], d["Y"]
    ),
    "mean_squared_error": lambda d: s.mean_squared_error(d["AL"], d["Y"]),
    "mean_squared_error_backward": lambda d: s.mean_squared_error_backward(d["AL"], d["Y"]),
    "linear_forward": lambda d: s.linear_forward(*_lc(d)),
    "linear_backward": lambda d: s.linear_backward(d["dA"], _lc(d)),
    "linear_activation_forward": lambda d: s.linear_activation_forward(*_lc(d), "tanh"),
    "linear_activation_backward": lambda d: s.linear_activation_backward(
        d["dA"], (_lc(d), d["Z"]), "tanh"
    ),
    "model_forward": lambda d: s.model_forward(d["X"], d["params"], ["tanh", "sigmoid"]),
    "model_backward": lambda d: s.model_backward(d["AL"], d["caches"]),
    "update_parameters": lambda d: s.update_parameters(d["params"], d["grads"], 0.5),
    "train": lambda d: s.train(
        d["X"], d["Y"], d["params"], learning_rate=0.5, num_iterations=2, snapshot_every=1
    ),
    "predict": lambda d: s.predict(d["X"], d["params"]),
    "accuracy": lambda d: s.accuracy(d["Y"], d["Y"]),
    "logistic.sigmoid": lambda d: logistic.sigmoid(d["Z"]),
    "logistic.propagate": lambda d: logistic.propagate(d["w"], 0.5, d["X"], d["Y"]),
    "logistic.optimize": lambda d: logistic.optimize(d["w"], 0.5, d["X"], d["Y"], 3),
    "logistic.predict": lambda d: logistic.predict(d["w"], 0.5, d["X"]),
    "logistic.model": lambda d: logistic.model(d["X"], d["Y"], d["X"], d["Y"], 3),
    "shallow.layer_sizes": lambda d: shallow.layer_sizes(d["X"], d["Y"]),
    "shallow.forward_propagation": lambda d: shallow.forward_propagation(d["X"], d["params"]),
    "shallow.compute_cost": lambda d: shallow.compute_cost(d["AL_open"], d["Y"]),
    "shallow.backward_propagation": lambda d: shallow.backward_propagation(
        d["params"], d["shallow_cache"], d["X"], d["Y"]
    ),
    "shallow.update_parameters": lambda d: shallow.update_parameters(d["params"], d["grads"]),
    "shallow.nn_model": lambda d: shallow.nn_model(d["X"], d["Y"], 2, num_iterations=2),
    "shallow.predict": lambda d: shallow.predict(d["params"], d["X"]),
    "deep.linear_forward": lambda d: deep.linear_forward(*_lc(d)),
    "deep.linear_activation_forward": lambda d: deep.linear_activation_forward(*_lc(d), "relu"),
    "deep.L_model_forward": lambda d: deep.L_model_forward(d["X"], d["params"]),
    "deep.compute_cost": lambda d: deep.compute_cost(d["AL_open"], d["Y"]),
    "deep.linear_backward": lambda d: deep.linear_backward(d["dA"], _lc(d)),
    "deep.linear_activation_backward": lambda d: deep.linear_activation_backward(
        d["dA"], (_lc(d), d["Z"]), "leaky_relu"
    ),
    "deep.L_model_backward": lambda d: deep.L_model_backward(d["AL_open"], d["Y"], d["caches"]),
    "deep.update_parameters": lambda d: deep.update_parameters(d["params"], d["grads"], 0.5),
    "deep.two_layer_model": lambda d: deep.two_layer_model(d["X"], d["Y"], [3, 2, 1], 0.1, 2),
    "deep.L_layer_model": lambda d: deep.L_layer_model(d["X"], d["Y"], [3, 2, 1], 0.1, 2),
    "deep.predict": lambda d: deep.predict(d["X"], d["Y"], d["params"]),
}


@pytest.mark.parametrize("name", CALLS)
def test_inputs_are_left_unchanged(name: str) -> None:
    data = _data()
    before = deepcopy(data)
    CALLS[name](data)
    assert_same(before, data, name)


def test_the_table_covers_every_public_function() -> None:
    public = {n for n in s.__all__ if callable(getattr(s, n)) and n[0].islower()}
    public -= {"get_activation", "initialize_parameters", "default_activations"}  # no arrays in
    for module in (logistic, shallow, deep):
        public |= {f"{module.__name__.rsplit('.', 1)[1]}.{n}" for n in module.__all__}
    public -= {"logistic.initialize_with_zeros", "shallow.initialize_parameters"}
    public -= {"deep.initialize_parameters", "deep.initialize_parameters_deep"}
    assert public <= set(CALLS), sorted(public - set(CALLS))
