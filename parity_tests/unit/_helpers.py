"""Reference formulas and tools shared by the unit tests (NumPy only, no scratchnn inside).

The references are the course's formulas written out literally, so the tests compare scratchnn
with them and never with scratchnn itself.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from parity_tests import activation_specs

#: Every activation of the activation table (the unit tests' formulas are the table's textbook ones)
NAMES = activation_specs.NAMES


#: g(Z) and g'(Z) from their textbook definitions, written independently of scratchnn
ref_g = activation_specs.textbook
ref_dg = activation_specs.textbook_prime


#: what ref_forward saves per layer, (A_prev, Z)
Saved = list[tuple[np.ndarray, np.ndarray]]


def ref_forward(
    X: np.ndarray, params: Mapping[str, np.ndarray], acts: Sequence[str]
) -> tuple[np.ndarray, Saved]:
    """The course's L_model_forward loop; returns AL and the list of (A_prev, Z)."""
    A, saved = X, []
    for layer, name in enumerate(acts, 1):
        Z = params[f"W{layer}"] @ A + params[f"b{layer}"]
        saved.append((A, Z))
        A = ref_g(name, Z)
    return A, saved


def ref_backward(
    dAL: np.ndarray, params: Mapping[str, np.ndarray], saved: Saved, acts: Sequence[str]
) -> dict[str, np.ndarray]:
    """The course's L_model_backward loop from dAL (per example); 1/m only in dW and db."""
    grads, dA = {}, dAL
    for layer in range(len(acts), 0, -1):
        A_prev, Z = saved[layer - 1]
        m = A_prev.shape[1]
        dZ = dA * ref_dg(acts[layer - 1], Z)
        grads[f"dW{layer}"] = dZ @ A_prev.T / m
        grads[f"db{layer}"] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = params[f"W{layer}"].T @ dZ
        grads[f"dA{layer - 1}"] = dA
    return grads


def ref_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    """J = -(1/m) sum(Y log AL + (1-Y) log(1-AL)), for AL strictly inside (0, 1)."""
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)


def random_params(
    rng: np.random.Generator, dims: Sequence[int], dtype: Any = np.float64, scale: float = 1.0
) -> dict[str, np.ndarray]:
    """W ~ N(0, scale^2/n_prev) and b ~ N(0, 0.1^2) (non-zero b, so that db matters)."""
    params = {}
    for layer in range(1, len(dims)):
        n, n_prev = dims[layer], dims[layer - 1]
        params[f"W{layer}"] = (scale * rng.standard_normal((n, n_prev)) / np.sqrt(n_prev)).astype(
            dtype
        )
        params[f"b{layer}"] = (0.1 * rng.standard_normal((n, 1))).astype(dtype)
    return params


def labels(rng: np.random.Generator, m: int, n_y: int = 1) -> np.ndarray:
    """0/1 labels of shape (n_y, m) holding both classes."""
    Y = (rng.random((n_y, m)) > 0.5).astype(np.float64)
    Y[:, 0], Y[:, 1] = 0.0, 1.0
    return Y


def away_from_zero(
    rng: np.random.Generator, shape: int | tuple[int, ...], margin: float = 0.05
) -> np.ndarray:
    """Standard normal draws with |z| >= margin (kinks of ReLU and leaky ReLU avoided)."""
    Z = rng.standard_normal(shape)
    far: np.ndarray = np.where(np.abs(Z) < margin, np.copysign(margin, Z) + Z, Z)
    return far


def numeric_grad(
    f: Callable[[dict[str, np.ndarray]], float], point: Mapping[str, np.ndarray], eps: float = 1e-7
) -> dict[str, np.ndarray]:
    """Central differences (f(x + eps) - f(x - eps)) / (2 eps), one entry at a time, float64."""
    grads = {}
    for key, value in point.items():
        g = np.zeros_like(value, dtype=np.float64)
        for idx in np.ndindex(value.shape):
            plus = {k: v.copy() for k, v in point.items()}
            minus = {k: v.copy() for k, v in point.items()}
            plus[key][idx] += eps
            minus[key][idx] -= eps
            g[idx] = (f(plus) - f(minus)) / (2 * eps)
        grads[key] = g
    return grads


def relative_difference(grad: Mapping[str, Any], approx: Mapping[str, Any]) -> float:
    """The course's check: ||g - g_approx|| / (||g|| + ||g_approx||) over all keys of approx."""
    keys = sorted(approx)
    g = np.concatenate([np.ravel(np.asarray(grad[k], dtype=np.float64)) for k in keys])
    a = np.concatenate([np.ravel(np.asarray(approx[k], dtype=np.float64)) for k in keys])
    return float(np.linalg.norm(g - a) / (np.linalg.norm(g) + np.linalg.norm(a)))


def assert_same(before: Any, after: Any, where: str = "argument") -> None:
    """Deep equality of nested arrays, dicts, lists and tuples (values, dtypes and keys)."""
    if isinstance(before, np.ndarray):
        assert isinstance(after, np.ndarray), where
        assert before.dtype == after.dtype and before.shape == after.shape, where
        np.testing.assert_array_equal(after, before, err_msg=f"{where} was modified")
    elif isinstance(before, Mapping):
        assert sorted(before) == sorted(after), f"{where}: keys changed"
        for key in before:
            assert_same(before[key], after[key], f"{where}[{key!r}]")
    elif isinstance(before, (list, tuple)):
        assert len(before) == len(after), f"{where}: length changed"
        for i, (x, y) in enumerate(zip(before, after, strict=True)):
            assert_same(x, y, f"{where}[{i}]")
    else:
        assert before == after, where


def deepcopy(value: Any) -> Any:
    """A deep copy (arrays included)."""
    return copy.deepcopy(value)
