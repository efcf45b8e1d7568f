"""Bad inputs raise ValueError / TypeError / KeyError naming the argument (and the shapes)."""

# ruff: noqa: E501  (the table reads best one case a line)

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pytest

import scratchnn as s
from scratchnn.course import deep, logistic, shallow

_rng = np.random.default_rng(71)
X = _rng.standard_normal((3, 5))
W = _rng.standard_normal((4, 3))
b = _rng.standard_normal((4, 1))
Z = _rng.standard_normal((4, 5))
Y = np.array([[0.0, 1.0, 1.0, 0.0, 1.0]])
AL = np.array([[0.2, 0.7, 0.9, 0.4, 0.6]])
P = {"W1": W, "b1": b, "W2": _rng.standard_normal((1, 4)), "b2": np.zeros((1, 1))}
G = {"dW1": W * 0.1, "db1": b * 0.1, "dW2": P["W2"] * 0.1, "db2": np.ones((1, 1))}
# caches built by hand (no library call at import: a broken library must not stop collection)
Z1 = W @ X + b
A1 = np.maximum(Z1, 0)
Z2 = P["W2"] @ A1 + P["b2"]
AL_ = 1 / (1 + np.exp(-Z2))
CACHES = [((X, W, b), Z1), ((A1, P["W2"], P["b2"]), Z2)]
# one layer's cache where the list of all of them belongs (a NamedTuple: no scratchnn code runs)
ONE_CACHE = s.LayerCache(s.LinearCache(A1, P["W2"], P["b2"]), Z2)


def nan_at(a: np.ndarray, value: float = np.nan) -> np.ndarray:
    a = a.astype(float)
    a.flat[a.size // 2] = value
    return a


def with_(d: Mapping[str, Any], **changes: Any) -> dict[str, Any]:
    return {**d, **changes}


def without(d: Mapping[str, Any], key: str) -> dict[str, Any]:
    return {k: v for k, v in d.items() if k != key}


STRINGS = np.array([["a", "b", "c", "d", "e"]])
OBJECTS = np.array([[1.0, None, 2.0, 3.0, 4.0]], dtype=object)

_A1 = np.tanh(Z1)
_Z2 = P["W2"] @ _A1 + P["b2"]
SHALLOW_CACHE = {"Z1": Z1, "A1": _A1, "Z2": _Z2, "A2": 1 / (1 + np.exp(-_Z2))}
W0 = np.zeros((3, 1))
THREE_LAYERS = {f"{p}{layer}": np.ones((1, 1)) for layer in (1, 2, 3) for p in "Wb"}

# A valid call of each function; a row of CASES changes (or adds) only the arguments at fault.
BASE: dict[Callable[..., Any], dict[str, Any]] = {
    s.sigmoid: {"Z": Z},
    s.leaky_relu: {"Z": Z},
    s.relu_backward: {"dA": Z, "Z": Z},
    s.leaky_relu_backward: {"dA": Z, "Z": Z},
    s.sigmoid_backward_from_A: {"dA": AL, "A": AL},
    s.tanh_backward_from_A: {"dA": AL, "A": AL},
    s.get_activation: {"spec": "relu"},
    s.compute_cost: {"AL": AL, "Y": Y},
    s.compute_cost_backward: {"AL": AL, "Y": Y},
    s.sigmoid_cross_entropy_dZ: {"AL": AL, "Y": Y},
    s.cross_entropy_from_logits: {"Z": AL, "Y": Y},
    s.mean_squared_error: {"AL": AL, "Y": Y},
    s.linear_forward: {"A_prev": X, "W": W, "b": b},
    s.linear_backward: {"dZ": Z, "cache": (X, W, b)},
    s.linear_activation_forward: {"A_prev": X, "W": W, "b": b, "activation": "relu"},
    s.linear_activation_backward: {"dA": Z, "cache": ((X, W, b), Z), "activation": "relu"},
    s.model_forward: {"X": X, "parameters": P},
    s.model_backward: {"dAL": AL_, "caches": CACHES},
    s.update_parameters: {"parameters": P, "grads": G, "learning_rate": 0.1},
    s.train: {"X": X, "Y": Y, "parameters": P, "learning_rate": 0.1, "num_iterations": 1},
    s.predict: {"X": X, "parameters": P},
    s.accuracy: {"predictions": Y, "Y": Y},
    s.initialize_parameters: {"layer_dims": [3, 2], "rng": np.random.default_rng(0)},
    logistic.sigmoid: {"z": Z},
    logistic.initialize_with_zeros: {"dim": 3},
    logistic.propagate: {"w": W0, "b": 0.0, "X": X, "Y": Y},
    logistic.optimize: {"w": W0, "b": 0.0, "X": X, "Y": Y, "num_iterations": 1},
    logistic.model: {"X_train": X, "Y_train": Y, "X_test": X, "Y_test": Y, "num_iterations": 1},
    logistic.predict: {"w": W0, "b": 0.0, "X": X},
    shallow.layer_sizes: {"X": X, "Y": Y},
    shallow.forward_propagation: {"X": X, "parameters": P},
    shallow.backward_propagation: {"parameters": P, "cache": SHALLOW_CACHE, "X": X, "Y": Y},
    shallow.update_parameters: {"parameters": P, "grads": G},
    shallow.nn_model: {"X": X, "Y": Y, "n_h": 2, "num_iterations": 1},
    deep.linear_forward: {"A": X, "W": W, "b": b},
    deep.linear_activation_forward: {"A_prev": X, "W": W, "b": b, "activation": "relu"},
    deep.compute_cost: {"AL": AL, "Y": Y},
    deep.linear_activation_backward: {"dA": Z, "cache": ((X, W, b), Z), "activation": "relu"},
    deep.L_model_backward: {"AL": AL_, "Y": Y, "caches": CACHES},
    deep.update_parameters: {"parameters": P, "grads": G, "learning_rate": 0.1},
    deep.two_layer_model: {"X": X, "Y": Y, "layers_dims": [3, 2, 1], "num_iterations": 1},
    deep.L_layer_model: {"X": X, "Y": Y, "layers_dims": [3, 2, 1], "num_iterations": 1},
    deep.predict: {"X": X, "y": Y, "parameters": P},
}

# (id, callable, arguments changed from BASE, exception, match)
CASES = [
    # rank-1 arrays: never broadcast silently
    ("sigmoid-rank1", s.sigmoid, {"Z": Z[0]}, ValueError, r"Z must be 2-D; got shape \(5,\)"),
    ("relu_backward-rank1", s.relu_backward, {"dA": Z[0]}, ValueError, r"dA must be 2-D"),
    ("linear_forward-A-rank1", s.linear_forward, {"A_prev": X[:, 0]}, ValueError, r"A_prev must be 2-D"),
    ("linear_forward-b-(n,)", s.linear_forward, {"b": b[:, 0]}, ValueError, r"b must be 2-D; got shape \(4,\); a rank-1 array is ambiguous: use b.reshape\(-1, 1\) for a column or b.reshape\(1, -1\) for a row$"),
    ("sigmoid-3-D", s.sigmoid, {"Z": Z[None]}, ValueError, r"Z must be 2-D; got shape \(1, 4, 5\)$"),
    ("sigmoid-0-D", s.sigmoid, {"Z": np.array(Z[0, 0])}, ValueError, r"Z must be 2-D; got shape \(\)$"),
    ("compute_cost-Y-(m,)", s.compute_cost, {"Y": Y[0]}, ValueError, r"Y must be 2-D; got shape \(5,\)"),
    ("compute_cost-AL-(m,)", s.compute_cost, {"AL": AL[0]}, ValueError, r"AL must be 2-D"),
    ("model_forward-X-rank1", s.model_forward, {"X": X[0]}, ValueError, r"\bX must be 2-D"),
    ("model_forward-b1-(n,)", s.model_forward, {"parameters": with_(P, b1=b[:, 0])}, ValueError, r"b1 must be 2-D; got shape \(4,\)"),
    ("update-db1-(n,)", s.update_parameters, {"grads": with_(G, db1=b[:, 0])}, ValueError, r"db1"),
    ("train-Y-(m,)", s.train, {"Y": Y[0]}, ValueError, r"Y must be 2-D"),
    ("accuracy-Y-(m,)", s.accuracy, {"Y": Y[0]}, ValueError, r"Y must be 2-D"),
    ("accuracy-predictions-(m,)", s.accuracy, {"predictions": Y[0]}, ValueError, r"\bpredictions must be 2-D"),
    ("linear_act_backward-dA-rank1", s.linear_activation_backward, {"dA": Z[0]}, ValueError, r"\bdA must be 2-D"),
    # mismatched shapes
    ("linear_forward-W-vs-A", s.linear_forward, {"W": W[:, :2]}, ValueError, r"W has shape \(4, 2\) but A_prev has shape \(3, 5\): W must be \(n, 3\) for A_prev with 3 rows"),
    ("linear_forward-W-transposed", s.linear_forward, {"W": W.T}, ValueError, r"W has shape \(3, 4\)"),
    ("linear_forward-b-vs-W", s.linear_forward, {"b": b[:3]}, ValueError, r"b must have shape \(4, 1\) to match W \(4, 3\); got \(3, 1\)"),
    ("linear_forward-b-(n,m)", s.linear_forward, {"b": np.zeros((4, 5))}, ValueError, r"b must have shape \(4, 1\).*got \(4, 5\)"),
    ("linear_backward-dZ", s.linear_backward, {"dZ": Z[:, :4]}, ValueError, r"dZ must have shape \(4, 5\).*got \(4, 4\)"),
    ("linear_act_backward-dA", s.linear_activation_backward, {"dA": Z[:3]}, ValueError, r"dA and Z must have the same shape"),
    ("linear_act_backward-Z", s.linear_activation_backward, {"cache": ((X, W, b), Z[:, :4])}, ValueError, r"\bZ must have shape \(4, 5\).*got \(4, 4\)"),
    ("relu_backward-dA-vs-Z", s.relu_backward, {"Z": Z[:, :3]}, ValueError, r"dA and Z must have the same shape; got dA \(4, 5\) and Z \(4, 3\)"),
    ("model_forward-W2", s.model_forward, {"parameters": with_(P, W2=np.ones((1, 3)))}, ValueError, r"W2 has shape \(1, 3\) but W1 gives 4 inputs"),
    ("model_forward-W1-vs-X", s.model_forward, {"X": X[:2]}, ValueError, r"W1 has shape \(4, 3\) but X gives 2 inputs"),
    ("model_forward-b2-(n,m)", s.model_forward, {"parameters": with_(P, b2=np.zeros((1, 5)))}, ValueError, r"b2 must have shape \(1, 1\) to match W2 \(1, 4\); got \(1, 5\)"),
    ("update-b1-(n,m)", s.update_parameters, {"parameters": with_(P, b1=np.zeros((4, 3))), "grads": with_(G, db1=np.zeros((4, 3)))}, ValueError, r"b1 must have shape \(4, 1\)"),
    ("model_forward-activations", s.model_forward, {"activations": ["relu"]}, ValueError, r"activations has 1 entries but parameters has 2 layers"),
    ("model_backward-dAL", s.model_backward, {"dAL": AL[:, :4]}, ValueError, r"dAL and Z of layer 2 must have the same shape"),
    ("model_backward-Z2", s.model_backward, {"caches": [CACHES[0], (CACHES[1][0], Z2[:, :4])]}, ValueError, r"Z of layer 2 must have shape \(1, 5\).*got \(1, 4\)"),
    ("model_backward-no-chain", s.model_backward, {"caches": [CACHES[0], ((A1[:3], P["W2"][:, :3], P["b2"]), Z2)]}, ValueError, r"caches do not chain: layer 2's A_prev has shape \(3, 5\) but layer 1's Z has shape \(4, 5\)"),
    ("compute_cost-AL-vs-Y", s.compute_cost, {"Y": Y[:, :4]}, ValueError, r"AL and Y must have the same shape; got AL \(1, 5\) and Y \(1, 4\)"),
    ("compute_cost-Y-column", s.compute_cost, {"Y": Y.T}, ValueError, r"got AL \(1, 5\) and Y \(5, 1\)"),
    ("mse-AL-vs-Y", s.mean_squared_error, {"Y": Y.T}, ValueError, r"AL and Y must have the same shape"),
    ("update-dW1-shape", s.update_parameters, {"grads": with_(G, dW1=W.T)}, ValueError, r"dW1 and W1 must have the same shape"),
    ("accuracy-shapes", s.accuracy, {"Y": Y.T}, ValueError, r"predictions and Y"),
    # missing keys
    ("model_forward-no-b2", s.model_forward, {"parameters": without(P, "b2")}, KeyError, r"parameters.*'b2'"),
    ("model_forward-no-W1", s.model_forward, {"parameters": without(P, "W1")}, KeyError, r"parameters.*'W1'"),
    ("model_forward-gap-W2", s.model_forward, {"parameters": with_(without(P, "W2"), W3=np.ones((1, 1)), b3=np.ones((1, 1)))}, KeyError, r"parameters.*'W2'"),
    ("update-no-db2", s.update_parameters, {"grads": without(G, "db2")}, KeyError, r"grads.*'db2'"),
    ("update-no-b2", s.update_parameters, {"parameters": without(P, "b2")}, KeyError, r"parameters.*'b2'"),
    ("update-no-dW1", s.update_parameters, {"grads": without(G, "dW1")}, KeyError, r"\bgrads is missing key\(s\) \['dW1'\]"),
    ("model_forward-no-b1-yet-4-keys", s.model_forward, {"parameters": with_(without(P, "b1"), X=X)}, KeyError, r"parameters is missing key\(s\) \['b1'\]"),
    ("model_forward-no-biases", s.model_forward, {"parameters": {"W1": W, "W2": P["W2"], "X": X, "Y": Y}}, KeyError, r"parameters is missing key\(s\) \['b1', 'b2'\]"),
    ("model_forward-no-layer-keys", s.model_forward, {"parameters": {"w1": W, "B1": b, "X1": X}}, KeyError, r"parameters has no 'W1'; it has \['B1', 'X1', 'w1'\]"),
    ("shallow-cache-no-A1", shallow.backward_propagation, {"cache": {"A2": AL}}, KeyError, r"cache.*'A1'"),
    # NaN and inf
    ("sigmoid-nan", s.sigmoid, {"Z": nan_at(Z)}, ValueError, r"Z holds 1 NaN or infinite"),
    ("linear_forward-W-inf", s.linear_forward, {"W": nan_at(W, np.inf)}, ValueError, r"W holds 1 NaN or infinite"),
    ("linear_forward-b-nan", s.linear_forward, {"b": nan_at(b)}, ValueError, r"b holds"),
    ("compute_cost-AL-nan", s.compute_cost, {"AL": nan_at(AL)}, ValueError, r"AL holds"),
    ("model_forward-X-inf", s.model_forward, {"X": nan_at(X, -np.inf)}, ValueError, r"X holds"),
    ("model_backward-dAL-nan", s.model_backward, {"dAL": nan_at(AL)}, ValueError, r"dAL holds"),
    ("linear_backward-dZ-nan", s.linear_backward, {"dZ": nan_at(Z)}, ValueError, r"\bdZ holds 1 NaN or infinite value\(s\) \(shape \(4, 5\)\)"),
    ("linear_act_backward-Z-inf", s.linear_activation_backward, {"cache": ((X, W, b), nan_at(Z, np.inf))}, ValueError, r"\bZ holds 1 NaN"),
    ("model_backward-Z1-nan", s.model_backward, {"caches": [(CACHES[0][0], nan_at(Z1)), CACHES[1]]}, ValueError, r"Z of layer 1 holds 1 NaN"),
    ("update-dW2-nan", s.update_parameters, {"grads": with_(G, dW2=nan_at(P["W2"]))}, ValueError, r"dW2 holds"),
    ("train-X-nan", s.train, {"X": nan_at(X)}, ValueError, r"\bX holds 1 NaN"),
    ("propagate-b-nan", logistic.propagate, {"b": np.nan}, ValueError, r"b must be finite"),
    ("relu_backward-at_zero-nan", s.relu_backward, {"at_zero": np.nan}, ValueError, r"at_zero must be finite"),
    ("leaky_relu-slope-inf", s.leaky_relu, {"slope": np.inf}, ValueError, r"slope must be finite"),
    ("predict-threshold-nan", s.predict, {"threshold": np.nan}, ValueError, r"\bthreshold must be finite; got nan"),
    # m = 0
    ("compute_cost-m0", s.compute_cost, {"AL": AL[:, :0], "Y": Y[:, :0]}, ValueError, r"AL has no examples: shape \(1, 0\)"),
    ("logits-m0", s.cross_entropy_from_logits, {"Z": AL[:, :0], "Y": Y[:, :0]}, ValueError, r"Z has no examples"),
    ("mse-m0", s.mean_squared_error, {"AL": AL[:, :0], "Y": Y[:, :0]}, ValueError, r"AL has no examples"),
    ("linear_forward-m0", s.linear_forward, {"A_prev": X[:, :0]}, ValueError, r"A_prev has no examples"),
    ("model_forward-m0", s.model_forward, {"X": X[:, :0]}, ValueError, r"\bX has no examples"),
    ("train-m0", s.train, {"X": X[:, :0], "Y": Y[:, :0]}, ValueError, r"\bX has no examples"),
    ("accuracy-m0", s.accuracy, {"predictions": Y[:, :0], "Y": Y[:, :0]}, ValueError, r"Y has no examples"),
    ("propagate-m0", logistic.propagate, {"X": X[:, :0], "Y": Y[:, :0]}, ValueError, r"X has no examples"),
    # labels outside {0, 1}
    ("compute_cost-Y-2", s.compute_cost, {"Y": Y * 2}, ValueError, r"Y must hold labels 0 or 1; found \[2.0\]"),
    ("cost_backward-Y-0.5", s.compute_cost_backward, {"Y": Y * 0.5}, ValueError, r"Y must hold labels 0 or 1; found \[0.5\]"),
    ("dZ-Y--1", s.sigmoid_cross_entropy_dZ, {"Y": -Y}, ValueError, r"Y must hold labels"),
    ("logits-Y-3", s.cross_entropy_from_logits, {"Y": Y * 3}, ValueError, r"Y must hold labels"),
    ("train-Y-0.5", s.train, {"Y": Y * 0.5}, ValueError, r"Y must hold labels"),
    ("accuracy-Y-2", s.accuracy, {"Y": Y * 2}, ValueError, r"Y must hold labels"),
    ("accuracy-predictions-2", s.accuracy, {"predictions": Y * 2}, ValueError, r"\bpredictions must hold labels 0 or 1; found \[2.0\]"),
    ("train-0-iterations-Y-2", s.train, {"Y": Y * 2, "num_iterations": 0}, ValueError, r"Y must hold labels"),
    # AL outside [0, 1]
    ("compute_cost-AL-1.5", s.compute_cost, {"AL": AL + 0.5}, ValueError, r"AL must hold probabilities in \[0, 1\]"),
    ("compute_cost-AL-neg", s.compute_cost, {"AL": AL - 0.3}, ValueError, r"AL must hold probabilities"),
    ("cost_backward-AL-1.5", s.compute_cost_backward, {"AL": AL + 0.5}, ValueError, r"AL must hold probabilities"),
    ("dZ-AL-neg", s.sigmoid_cross_entropy_dZ, {"AL": AL - 0.3}, ValueError, r"AL must hold probabilities"),
    ("sigmoid_from_A-1.2", s.sigmoid_backward_from_A, {"A": AL + 0.4}, ValueError, r"A must hold probabilities"),
    ("tanh_from_A-1.5", s.tanh_backward_from_A, {"A": AL + 1}, ValueError, r"A must hold tanh outputs in \[-1, 1\]"),
    # unknown names
    ("linear_act_forward-softmax", s.linear_activation_forward, {"activation": "softmax"}, ValueError, r"unknown activation 'softmax'"),
    ("get_activation-softmax", s.get_activation, {"spec": "softmax"}, ValueError, r"unknown activation 'softmax'; expected one of"),
    ("get_activation-int", s.get_activation, {"spec": 3}, TypeError, r"activation must be a name or an Activation; got int"),
    ("get_activation-None", s.get_activation, {"spec": None}, TypeError, r"activation must be a name or an Activation; got NoneType"),
    ("get_activation-relu-slope", s.get_activation, {"slope": 0.1}, ValueError, r"slope applies to 'leaky_relu' only, not 'relu'"),
    ("get_activation-sigmoid-at_zero", s.get_activation, {"spec": "sigmoid", "at_zero": 1.0}, ValueError, r"at_zero applies to .* not 'sigmoid'"),
    ("get_activation-tanh-at_zero", s.get_activation, {"spec": "tanh", "at_zero": 1.0}, ValueError, r"at_zero applies to .* not 'tanh'"),
    ("get_activation-slope-inf", s.get_activation, {"spec": "leaky_relu", "slope": np.inf}, ValueError, r"slope must be finite; got inf"),
    ("get_activation-slope-str", s.get_activation, {"spec": "leaky_relu", "slope": "0.1"}, TypeError, r"slope must be a real number; got str"),
    ("get_activation-at_zero-nan", s.get_activation, {"at_zero": np.nan}, ValueError, r"at_zero must be finite; got nan"),
    ("get_activation-at_zero-str", s.get_activation, {"spec": "leaky_relu", "at_zero": "1"}, TypeError, r"at_zero must be a real number; got str"),
    ("get_activation-Activation-at_zero", s.get_activation, {"spec": s.ACTIVATIONS["relu"], "at_zero": 1.0}, ValueError, r"slope and at_zero apply to"),
    ("get_activation-Activation-slope", s.get_activation, {"spec": s.ACTIVATIONS["leaky_relu"], "slope": 0.2}, ValueError, r"slope and at_zero apply to"),
    ("leaky_relu_backward-slope-inf", s.leaky_relu_backward, {"slope": np.inf}, ValueError, r"slope must be finite; got inf"),
    ("leaky_relu_backward-slope-str", s.leaky_relu_backward, {"slope": "0.1"}, TypeError, r"slope must be a real number; got str"),
    ("leaky_relu_backward-at_zero-nan", s.leaky_relu_backward, {"at_zero": np.nan}, ValueError, r"at_zero must be finite; got nan"),
    ("leaky_relu_backward-at_zero-str", s.leaky_relu_backward, {"at_zero": "1"}, TypeError, r"at_zero must be a real number; got str"),
    ("model_forward-foo", s.model_forward, {"activations": ["relu", "foo"]}, ValueError, r"unknown activation 'foo'"),
    ("model_backward-bar", s.model_backward, {"activations": ["bar", "sigmoid"]}, ValueError, r"unknown activation 'bar'"),
    ("train-loss", s.train, {"loss": "hinge"}, ValueError, r"unknown loss 'hinge'"),
    ("init-scheme", s.initialize_parameters, {"scheme": "xavier"}, ValueError, r"unknown scheme 'xavier'"),
    # non-numeric arrays and values
    ("sigmoid-strings", s.sigmoid, {"Z": STRINGS}, TypeError, r"Z must hold float32 or float64 numbers"),
    ("sigmoid-objects", s.sigmoid, {"Z": OBJECTS}, TypeError, r"Z must hold float32 or float64.*object"),
    ("sigmoid-complex", s.sigmoid, {"Z": Z + 0j}, TypeError, r"Z must hold float32 or float64"),
    ("sigmoid-scalar", s.sigmoid, {"Z": 3.0}, TypeError, r"Z must be a numpy array"),
    ("linear_forward-W-objects", s.linear_forward, {"W": W.astype(object)}, TypeError, r"W must hold float32 or float64"),
    ("compute_cost-Y-strings", s.compute_cost, {"Y": STRINGS}, TypeError, r"Y must hold float32 or float64"),
    ("model_forward-W1-str", s.model_forward, {"parameters": with_(P, W1="W")}, TypeError, r"W1 must be a numpy array"),
    ("update-params-list", s.update_parameters, {"parameters": [W, b]}, TypeError, r"parameters must be a dict; got list"),
    ("linear_backward-cache-pair", s.linear_backward, {"cache": (X, W)}, TypeError, r"cache must be the \(A_prev, W, b\) tuple"),
    ("linear_act_backward-cache[0]-pair", s.linear_activation_backward, {"cache": ((X, W), Z)}, TypeError, r"\bcache\[0\] must be the \(A_prev, W, b\) tuple"),
    ("model_backward-no-caches", s.model_backward, {"caches": []}, TypeError, r"caches must be the non-empty list"),
    ("model_backward-one-cache", s.model_backward, {"caches": ONE_CACHE}, TypeError, r"caches must be the non-empty list"),
    ("model_backward-caches[1]-single", s.model_backward, {"caches": [CACHES[0], (CACHES[1][0],)]}, TypeError, r"caches\[1\] must be a \(\(A_prev, W, b\), Z\) tuple"),
    ("model_backward-caches[1][0]-pair", s.model_backward, {"caches": [CACHES[0], ((A1, P["W2"]), Z2)]}, TypeError, r"caches\[1\]\[0\] must be the \(A_prev, W, b\) tuple"),
    ("update-grads-list", s.update_parameters, {"grads": [G["dW1"]]}, TypeError, r"grads must be a dict; got list"),
    ("model_forward-activations-str", s.model_forward, {"activations": "relu"}, TypeError, r"activations must be a list of 2 names; got 'relu'"),
    # learning rate and counts
    ("update-lr-nan", s.update_parameters, {"learning_rate": np.nan}, ValueError, r"learning_rate must be finite; got nan"),
    ("update-lr-inf", s.update_parameters, {"learning_rate": np.inf}, ValueError, r"learning_rate must be finite; got inf"),
    ("update-lr-str", s.update_parameters, {"learning_rate": "0.1"}, TypeError, r"learning_rate must be a real number"),
    ("train-lr-inf", s.train, {"learning_rate": -np.inf}, ValueError, r"learning_rate must be finite"),
    ("train-iterations-neg", s.train, {"num_iterations": -1}, ValueError, r"num_iterations must be >= 0"),
    ("train-iterations-float", s.train, {"num_iterations": 2.5}, TypeError, r"num_iterations must be an integer; got float"),
    ("train-snapshot-0", s.train, {"snapshot_every": 0}, ValueError, r"snapshot_every must be >= 1"),
    ("init-dims-short", s.initialize_parameters, {"layer_dims": [3]}, ValueError, r"layer_dims needs at least"),
    ("init-dims-zero", s.initialize_parameters, {"layer_dims": [3, 0]}, ValueError, r"layer_dims\[1\] must be >= 1"),
    ("init-dims-float", s.initialize_parameters, {"layer_dims": [3, 2.0]}, TypeError, r"layer_dims\[1\] must be an integer"),
    # the course facade validates like the core
    ("deep.linear_forward-b-(n,)", deep.linear_forward, {"b": b[:, 0]}, ValueError, r"b must be 2-D"),
    ("deep.compute_cost-Y-(m,)", deep.compute_cost, {"Y": Y[0]}, ValueError, r"Y must be 2-D"),
    ("deep.L_model_backward-Y-nan", deep.L_model_backward, {"Y": Y * np.nan}, ValueError, r"\bY holds 5 NaN"),
    ("deep.linear_act_backward-bogus", deep.linear_activation_backward, {"activation": "bogus"}, ValueError, r"unknown activation 'bogus'"),
    ("deep.update-lr-nan", deep.update_parameters, {"learning_rate": np.nan}, ValueError, r"learning_rate must be finite"),
    ("deep.L_layer_model-lr-inf", deep.L_layer_model, {"learning_rate": np.inf}, ValueError, r"learning_rate must be finite"),
    ("deep.predict-y-2", deep.predict, {"y": Y * 2}, ValueError, r"\by must hold labels"),
    ("shallow.forward-W1", shallow.forward_propagation, {"X": X[:2]}, ValueError, r"W1 has shape \(4, 3\) but X gives 2 inputs"),
    ("shallow.update-lr-inf", shallow.update_parameters, {"learning_rate": np.inf}, ValueError, r"learning_rate must be finite"),
    ("shallow.nn_model-Y-cols", shallow.nn_model, {"Y": Y[:, :4]}, ValueError, r"X \(3, 5\) and Y \(1, 4\)"),
    ("logistic.propagate-w-(n,)", logistic.propagate, {"w": np.zeros(3)}, ValueError, r"w must be 2-D"),
    ("logistic.propagate-w-shape", logistic.propagate, {"w": np.zeros((2, 1))}, ValueError, r"w must have shape \(3, 1\) for X \(3, 5\); got \(2, 1\)"),
    ("logistic.propagate-Y-(m,)", logistic.propagate, {"Y": Y[0]}, ValueError, r"Y must be 2-D"),
    ("logistic.optimize-lr-nan", logistic.optimize, {"learning_rate": np.nan}, ValueError, r"learning_rate must be finite"),
    ("logistic.model-Y_test-2", logistic.model, {"Y_test": Y * 2}, ValueError, r"Y_test must hold labels"),
    ("logistic.init-dim-0", logistic.initialize_with_zeros, {"dim": 0}, ValueError, r"dim must be >= 1"),
    ("logistic.sigmoid-nan", logistic.sigmoid, {"z": nan_at(Z)}, ValueError, r"\bz holds 1 NaN"),
    ("logistic.optimize-iterations-float", logistic.optimize, {"num_iterations": 2.5}, TypeError, r"num_iterations must be an integer"),
    ("logistic.model-X_train-(n,)", logistic.model, {"X_train": X[0]}, ValueError, r"X_train must be 2-D"),
    ("logistic.predict-X-(n,)", logistic.predict, {"X": X[0]}, ValueError, r"\bX must be 2-D"),
    ("logistic.propagate-b-(2,)", logistic.propagate, {"b": np.zeros(2)}, ValueError, r"b must be a scalar; got an array of shape \(2,\)"),
    ("shallow.layer_sizes-X-(n,)", shallow.layer_sizes, {"X": X[0]}, ValueError, r"\bX must be 2-D"),
    ("shallow.layer_sizes-Y-(m,)", shallow.layer_sizes, {"Y": Y[0]}, ValueError, r"\bY must be 2-D"),
    ("shallow.forward-3-layers", shallow.forward_propagation, {"X": X[:1], "parameters": THREE_LAYERS}, ValueError, r"the shallow net has 2 layers; parameters has 3"),
    ("shallow.nn_model-n_h-0", shallow.nn_model, {"n_h": 0}, ValueError, r"n_h must be >= 1; got 0"),
    ("shallow.nn_model-iterations-float", shallow.nn_model, {"num_iterations": 2.5}, TypeError, r"num_iterations must be an integer"),
    ("shallow.nn_model-Y-nan", shallow.nn_model, {"Y": Y * np.nan}, ValueError, r"\bY holds 5 NaN"),
    ("deep.two_layer_model-4-dims", deep.two_layer_model, {"layers_dims": [3, 4, 2, 1]}, ValueError, r"layers_dims must be \(n_x, n_h, n_y\); got \[3, 4, 2, 1\]"),
    ("deep.L_layer_model-iterations-float", deep.L_layer_model, {"num_iterations": 2.5}, TypeError, r"num_iterations must be an integer"),
    ("deep.L_layer_model-X-(n,)", deep.L_layer_model, {"X": X[0]}, ValueError, r"\bX must be 2-D"),
    ("deep.linear_activation_forward-int", deep.linear_activation_forward, {"activation": 3}, TypeError, r"activation must be a name; got int"),
    # no iteration: Y is checked all the same (the first iteration's checks, as train makes them)
    ("logistic.optimize-Y-str-0", logistic.optimize, {"Y": "abc", "num_iterations": 0}, TypeError, r"Y must be a numpy array of shape \(n, m\); got str"),
    ("logistic.optimize-Y-width-0", logistic.optimize, {"Y": Y[:, :4], "num_iterations": 0}, ValueError, r"Y .*\(1, 4\)"),
    ("logistic.model-Y_train-nan-0", logistic.model, {"Y_train": Y * np.nan, "num_iterations": 0}, ValueError, r"\bY holds 5 NaN"),
    ("shallow.nn_model-Y-nan-0", shallow.nn_model, {"Y": Y * np.nan, "num_iterations": 0}, ValueError, r"\bY holds 5 NaN"),
    ("deep.L_layer_model-Y-nan-0", deep.L_layer_model, {"Y": Y * np.nan, "num_iterations": 0}, ValueError, r"\bY holds 5 NaN"),
]  # fmt: skip
assert len({c[0] for c in CASES}) == len(CASES), "case ids must be unique"
assert {c[1] for c in CASES} == set(BASE), "every base call is used by some case"


@pytest.mark.parametrize(
    ("fn", "changes", "exc", "match"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_bad_input_raises_naming_the_argument(
    fn: Callable[..., Any], changes: dict[str, Any], exc: type[Exception], match: str
) -> None:
    kwargs = {**BASE[fn], **changes}
    before = {k: v.copy() for k, v in kwargs.items() if isinstance(v, np.ndarray)}
    with pytest.raises(exc, match=match):
        fn(**kwargs)
    for key, value in before.items():
        np.testing.assert_array_equal(kwargs[key], value)


@pytest.mark.parametrize("fn", list(BASE), ids=lambda fn: f"{fn.__module__}.{fn.__name__}")
def test_the_valid_base_call_runs(fn: Callable[..., Any]) -> None:
    # so that each row's error comes from the argument it changes
    assert fn(**BASE[fn]) is not None


def test_a_cache_that_is_not_a_tuple_is_refused() -> None:
    # mutmut: `not isinstance(cache, tuple) or len(cache) != 2` survived as `and` (a 2-list passed)
    rng = np.random.default_rng(9)
    A_prev, W, b = rng.standard_normal((3, 4)), rng.standard_normal((2, 3)), np.zeros((2, 1))
    _, cache = s.linear_activation_forward(A_prev, W, b, "relu")
    dA = rng.standard_normal((2, 4))
    s.linear_activation_backward(dA, cache, "relu")  # the tuple is fine
    with pytest.raises(TypeError, match=r"cache must be the \(\(A_prev, W, b\), Z\) tuple"):
        bad = list(cache)  # a list on purpose: it must be refused
        s.linear_activation_backward(dA, bad, "relu")  # type: ignore[arg-type]


def test_an_activation_with_options_is_named_by_them() -> None:
    # mutmut: the name of get_activation(..., at_zero=...) set to None survived
    assert s.get_activation("relu", at_zero=1.0).name == "relu[at_zero=1.0]"
    assert s.get_activation("leaky_relu", slope=0.2).name == "leaky_relu[slope=0.2]"
