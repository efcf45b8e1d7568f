"""The conventions section's measurements: each convention shown by running both sides.

Every function returns ``{"measured": [[what, value], ...], ...}``: rows the report prints as they
are, computed here and now (nothing is copied from the notes). The cat-data experiment on ReLU'(0)
is a training run and lives in :mod:`parity_tests.report.trajectories`.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np


def conventions() -> dict[str, Any]:
    """Every measurement, by the key the template uses."""
    return {
        "layout": layout(),
        "scaling": scaling(),
        "keepdims": keepdims(),
        "relu": relu_at_zero(),
        "clamp": clamp(),
        "saturation": saturation(),
        "symmetry": symmetry(),
    }


def fmt(x: Any) -> str:
    if isinstance(x, (float, np.floating)):
        return f"{float(x):.6g}"
    if isinstance(x, np.ndarray):
        return np.array2string(x, precision=6, separator=", ")
    return str(x)


def caught(fn: Callable[[], Any]) -> tuple[Any, str]:
    """``fn()`` and the warnings or error it gave, as text."""
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        with np.errstate(divide="warn", over="warn", invalid="warn", under="ignore"):
            try:
                value = fn()
            except Exception as exc:  # the error message is the evidence
                return None, f"{type(exc).__name__}: {exc}"
    messages = dict.fromkeys(f"{w.category.__name__}: {w.message}" for w in seen)
    return value, "; ".join(messages)


def layout() -> dict[str, Any]:
    """Columns vs rows, W's layout, b (n, 1) vs (n,)."""
    import torch

    import scratchnn

    rng = np.random.RandomState(0)
    X, W, b = rng.randn(3, 5), rng.randn(4, 3), rng.randn(4, 1)
    Z, _ = scratchnn.linear_forward(X, W, b)
    lin = torch.nn.Linear(3, 4, dtype=torch.float64)
    with torch.no_grad():
        lin.weight.copy_(torch.from_numpy(W))
        lin.bias.copy_(torch.from_numpy(b.ravel()))
        Zt = lin(torch.from_numpy(X.T.copy())).numpy()
    return {
        "measured": [
            ["scratchnn: X, W, b, Z = W X + b", f"{X.shape}, {W.shape}, {b.shape}, {Z.shape}"],
            [
                "torch: X.T, nn.Linear(3, 4).weight, .bias, lin(X.T)",
                f"{X.T.shape}, {tuple(lin.weight.shape)}, {tuple(lin.bias.shape)}, {Zt.shape}",
            ],
            ["max |Z - lin(X.T).T|", fmt(np.abs(Z - Zt.T).max())],
        ]
    }


def _linear_grads(m: int) -> dict[str, Any]:
    import torch
    import torch.nn.functional as F

    import scratchnn

    rng = np.random.RandomState(1)
    A_prev, W, b, dZ = rng.randn(3, m), rng.randn(4, 3), rng.randn(4, 1), rng.randn(4, m)
    dA_prev, dW, db = scratchnn.linear_backward(dZ, (A_prev, W, b))
    At = torch.tensor(A_prev.T.copy(), requires_grad=True)
    Wt = torch.tensor(W, requires_grad=True)
    bt = torch.tensor(b.ravel(), requires_grad=True)
    F.linear(At, Wt, bt).backward(torch.from_numpy(dZ.T.copy()) / m)  # the mean cost's
    assert At.grad is not None and Wt.grad is not None and bt.grad is not None
    return {
        "ours": (dA_prev, dW, db),
        "torch": (At.grad.numpy().T, Wt.grad.numpy(), bt.grad.numpy().reshape(-1, 1)),
        "A_prev": A_prev,
        "dZ": dZ,
    }


def scaling() -> dict[str, Any]:
    """dW, db of the mean cost (1/m); dA, dZ per example (m times torch's .grad)."""
    m = 5
    g = _linear_grads(m)
    (dA_prev, dW, db), (tA, tW, tb) = g["ours"], g["torch"]
    ratio = dA_prev / tA
    no_1_over_m = (g["dZ"] @ g["A_prev"].T) / dW
    return {
        "m": m,
        "measured": [
            ["max |dW - torch W.grad| (mean reduction)", fmt(np.abs(dW - tW).max())],
            ["max |db - torch bias.grad|", fmt(np.abs(db - tb).max())],
            [
                "dA_prev / torch input.grad, elementwise (min .. max)",
                f"{ratio.min():.15g} .. {ratio.max():.15g}",
            ],
            [
                "dZ A_prev^T (no 1/m) / dW, elementwise (min .. max)",
                f"{no_1_over_m.min():.15g} .. {no_1_over_m.max():.15g}",
            ],
        ],
    }


def keepdims() -> dict[str, Any]:
    """What db without keepdims does to b - lr * db, and to the next forward pass."""
    import scratchnn

    rng = np.random.RandomState(2)
    n, m, lr = 4, 5, 0.01
    b = np.zeros((n, 1))
    dZ = rng.randn(n, m)
    db_good = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    db_bad = (1 / m) * np.sum(dZ, axis=1)
    b_bad = b - lr * db_bad
    W, A = rng.randn(n, 3), rng.randn(3, m)
    _, error = caught(lambda: W @ A + b_bad)
    A_square = rng.randn(3, n)  # m == n: the broadcast goes through, silently wrong
    wrong = W @ A_square + b_bad
    right = W @ A_square + (b - lr * db_good)
    _, refused = caught(
        lambda: scratchnn.update_parameters(
            {"W1": W, "b1": b}, {"dW1": np.zeros_like(W), "db1": db_bad}, lr
        )
    )
    return {
        "measured": [
            ["b, db = np.sum(dZ, axis=1, keepdims=True) / m", f"{b.shape}, {db_good.shape}"],
            ["db without keepdims", f"{db_bad.shape}"],
            ["b - lr * db, db without keepdims", f"{b_bad.shape}  (broadcast: n x n)"],
            [f"next forward, W A + b with m = {m}", error or "no error"],
            [
                f"next forward with m = n = {n}: shape, max error vs the right Z",
                f"{wrong.shape}, {fmt(np.abs(wrong - right).max())} (no error raised)",
            ],
            ["scratchnn.update_parameters with db (n,)", refused or "accepted"],
        ]
    }


def relu_at_zero() -> dict[str, Any]:
    """The derivative each framework's ReLU and leaky ReLU takes at exactly 0."""
    import torch
    import torch.nn.functional as F

    import scratchnn

    def grad_at_zero(fn: Callable[[torch.Tensor], torch.Tensor]) -> float:
        z = torch.zeros(1, dtype=torch.float64, requires_grad=True)
        fn(z).sum().backward()
        assert z.grad is not None
        return float(z.grad[0])

    one, zero = np.ones((1, 1)), np.zeros((1, 1))
    rows = [
        ["torch F.relu", grad_at_zero(F.relu)],
        ["torch F.leaky_relu (slope 0.01)", grad_at_zero(lambda z: F.leaky_relu(z, 0.01))],
        ["torch.maximum(z, 0)", grad_at_zero(lambda z: torch.maximum(z, torch.zeros_like(z)))],
        ["z.clamp_min(0)", grad_at_zero(lambda z: z.clamp_min(0))],
        ["scratchnn.relu_backward (default)", float(scratchnn.relu_backward(one, zero)[0, 0])],
        [
            "scratchnn.relu_backward(at_zero=1.0), the lecture's",
            float(scratchnn.relu_backward(one, zero, at_zero=1.0)[0, 0]),
        ],
        ["scratchnn.leaky_relu_backward", float(scratchnn.leaky_relu_backward(one, zero)[0, 0])],
    ]
    return {"measured": [[what, fmt(value)] for what, value in rows]}


def clamp() -> dict[str, Any]:
    """The course's BCE formula against torch's clamped one, at certain wrong predictions."""
    import torch
    import torch.nn.functional as F

    import scratchnn
    from parity_tests import conventions as course

    AL, Y = np.array([[1.0, 0.0, 0.7]]), np.array([[0.0, 1.0, 1.0]])
    course_cost, course_warn = caught(lambda: course.course_cost(AL, Y))
    course_dAL, dAL_warn = caught(lambda: course.course_dAL(AL, Y))
    ALt = torch.tensor(AL.T.copy(), requires_grad=True)
    loss = F.binary_cross_entropy(ALt, torch.from_numpy(Y.T.copy()))
    loss.backward()
    assert ALt.grad is not None
    return {
        "measured": [
            ["AL, Y", f"{fmt(AL)}, {fmt(Y)}"],
            ["course formula: cost", f"{fmt(course_cost)}  ({course_warn or 'no warning'})"],
            ["torch F.binary_cross_entropy", fmt(float(loss.detach()))],
            ["scratchnn.compute_cost", fmt(scratchnn.compute_cost(AL, Y))],
            ["course formula: dAL", f"{fmt(course_dAL)}  ({dAL_warn or 'no warning'})"],
            ["torch: m x AL.grad", fmt(AL.shape[1] * ALt.grad.numpy().T)],
            ["scratchnn.compute_cost_backward", fmt(scratchnn.compute_cost_backward(AL, Y))],
        ]
    }


def _saturates(sigmoid: Callable[[float], float], hi: float = 100.0) -> float:
    """The smallest z (to 1e-9) with sigmoid(z) == 1 exactly, by bisection."""
    lo = 0.0
    while hi - lo > 1e-9:
        mid = (lo + hi) / 2
        lo, hi = (lo, mid) if sigmoid(mid) == 1.0 else (mid, hi)
    return hi


def saturation() -> dict[str, Any]:
    """Where sigmoid rounds to exactly 1, what that does to log(1 - a), and the naive overflow."""
    import torch

    import scratchnn
    from parity_tests import conventions as course

    def torch_sigmoid(dtype: str) -> Callable[[float], float]:
        return lambda z: float(torch.sigmoid(torch.tensor(z, dtype=getattr(torch, dtype))))

    def ours(dtype: str) -> Callable[[float], float]:
        return lambda z: float(scratchnn.sigmoid(np.array([[z]], dtype=dtype))[0, 0])

    Z, y0 = np.array([[40.0]]), np.zeros((1, 1))
    A = scratchnn.sigmoid(Z)
    log_term, log_warn = caught(lambda: np.log(1 - A))
    naive, naive_warn = caught(lambda: course.naive_sigmoid(np.array([[-800.0]])))
    ours_800, ours_warn = caught(lambda: scratchnn.sigmoid(np.array([[-800.0]])))
    return {
        "measured": [
            *[
                [f"{name}(z) is exactly 1.0 from z = ({dtype})", f"{_saturates(fn(dtype)):.4f}"]
                for name, fn in (("torch.sigmoid", torch_sigmoid), ("scratchnn.sigmoid", ours))
                for dtype in ("float64", "float32")
            ],
            ["a = sigmoid(40); log(1 - a)", f"{fmt(log_term)}  ({log_warn or 'no warning'})"],
            ["scratchnn.compute_cost(a, y = 0): the clamp", fmt(scratchnn.compute_cost(A, y0))],
            [
                "scratchnn.cross_entropy_from_logits(z = 40, y = 0): exact",
                fmt(scratchnn.cross_entropy_from_logits(Z, y0)),
            ],
            [
                "naive 1 / (1 + exp(-z)) at z = -800",
                f"{fmt(naive)}  ({naive_warn or 'no warning'})",
            ],
            ["scratchnn.sigmoid at z = -800", f"{fmt(ours_800)}  ({ours_warn or 'no warning'})"],
        ]
    }


def symmetry(iterations: int = 1000) -> dict[str, Any]:
    """The flower net from zero, constant and random weights: do the hidden units stay equal?"""
    import scratchnn
    from scratchnn.data import load_planar_dataset

    X, Y = load_planar_dataset()
    acts = ["tanh", "sigmoid"]
    starts = {
        "zeros": scratchnn.initialize_parameters([2, 4, 1], scheme="zeros"),
        "every weight 0.5": {
            k: np.full_like(v, 0.5) if k[0] == "W" else v
            for k, v in scratchnn.initialize_parameters([2, 4, 1], scheme="zeros").items()
        },
        "randn * 0.01 (RandomState(2))": scratchnn.initialize_parameters(
            [2, 4, 1], scheme="scaled", rng=np.random.RandomState(2)
        ),
    }
    rows = []
    for name, params in starts.items():
        final, history = scratchnn.train(
            X, Y, params, learning_rate=1.2, num_iterations=iterations, activations=acts
        )
        W1 = final["W1"]
        spread = float(np.abs(W1 - W1[:1]).max())
        acc = scratchnn.accuracy(scratchnn.predict(X, final, acts), Y)
        rows.append(
            [
                f"W from {name}",
                f"hidden units differ by {fmt(spread)}; cost {history.costs[-1]:.4f}; "
                f"accuracy {acc:.2f}",
            ]
        )
    return {"iterations": iterations, "measured": rows}
