"""What the benchmark times: k training steps of one network, in scratchnn and in torch.

Every workload is a function of ``k`` that runs k steps from the same starting point, so a sample
costs the same whenever it is taken. Our side uses scratchnn as a user would: ``train`` for the
training step (validation once per call, no gradient for X) and the course API's four calls for
the course step (which returns dA0). torch's side is eager ``nn.Sequential`` + ``BCELoss`` +
``optim.SGD``, on the same data and copies of the same weights, made once.

Both read one and the same X in memory: examples one after the other, each example's features
contiguous. That is the course's layout (``X = images.reshape(m, -1).T`` is the (n_x, m) view
of an (m, n_x) row-major array) and torch's (its (m, n_x) rows, ``X.T`` here, without a copy).
The same bytes in the same order, so neither library is timed on a layout the other is spared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import torch
from torch import nn

import scratchnn
from parity_tests.bench.sampling import Runner
from scratchnn.course import deep as course

LEARNING_RATE = 0.01


@dataclass(frozen=True)
class Net:
    """A network size to time: ``dims`` (n_x, n_1, ..., 1) and m examples."""

    name: str
    dims: tuple[int, ...]
    m: int
    gemm_bound: bool = False

    @property
    def label(self) -> str:
        return f"{list(self.dims)} x {self.m}"


#: Five nets: the three course-size ones and two where the matrix products dominate the step.
NETS = (
    Net("planar", (2, 4, 1), 400),
    Net("cat-2", (12288, 7, 1), 209),
    Net("cat-4", (12288, 20, 7, 5, 1), 209),
    Net("mlp", (784, 256, 128, 1), 1024, gemm_bound=True),
    Net("wide", (1024, 1024, 1024, 1), 4096, gemm_bound=True),
)


@dataclass
class Problem:
    """One net's data and starting weights in both layouts."""

    net: Net
    dtype: np.dtype[Any]
    X: np.ndarray
    Y: np.ndarray
    parameters: dict[str, np.ndarray]

    @property
    def L(self) -> int:
        return len(self.net.dims) - 1

    def activations(self) -> list[str]:
        return ["relu"] * (self.L - 1) + ["sigmoid"]


def problem(net: Net, dtype: str, seed: int = 0) -> Problem:
    """Random data (columns are examples, stored one after the other) and He-initialized
    weights, in ``dtype``."""
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((net.m, net.dims[0])).astype(dtype).T  # the course's layout
    Y = (rng.random((1, net.m)) < 0.5).astype(dtype)
    parameters = scratchnn.initialize_parameters(list(net.dims), scheme="he", rng=rng, dtype=dtype)
    return Problem(net, np.dtype(dtype), X, Y, parameters)


def ours_train(p: Problem) -> Runner:
    """scratchnn's own training step: ``train`` for k iterations (no gradient for X)."""
    acts = p.activations()

    def run(k: int) -> None:
        scratchnn.train(
            p.X,
            p.Y,
            p.parameters,
            learning_rate=LEARNING_RATE,
            num_iterations=k,
            activations=acts,
        )

    return run


def ours_course(p: Problem) -> Runner:
    """The course API's step: L_model_forward, compute_cost, L_model_backward (dA0 included),
    update_parameters, each validating its arguments.

    The last step's results stay alive between calls, as in a user's loop (and as torch's
    runner keeps its tensors and X's gradient). Freed at the end of every call, they handed the
    allocator an X-sized block to give back to the system, and the next call's first steps took
    fresh pages from it: up to 25 ms a step on cat-2, in page faults.
    """

    last: list[Any] = []

    def run(k: int) -> None:
        parameters = p.parameters
        for _ in range(k):
            AL, caches = course.L_model_forward(p.X, parameters)
            course.compute_cost(AL, p.Y)
            grads = course.L_model_backward(AL, p.Y, caches)
            parameters = course.update_parameters(parameters, grads, LEARNING_RATE)
            last[:] = AL, caches, grads, parameters

    return run


def torch_net(p: Problem) -> nn.Sequential:
    layers: list[nn.Module] = []
    for layer, act in enumerate(p.activations(), 1):
        W = p.parameters[f"W{layer}"]
        linear = nn.Linear(W.shape[1], W.shape[0], dtype=_torch_dtype(p.dtype))
        with torch.no_grad():
            linear.weight.copy_(torch.from_numpy(W))
            linear.bias.copy_(torch.from_numpy(p.parameters[f"b{layer}"][:, 0]))
        layers += [linear, nn.ReLU() if act == "relu" else nn.Sigmoid()]
    return nn.Sequential(*layers)


def torch_train(p: Problem, *, input_grad: bool = False) -> Runner:
    """Eager torch: nn.Sequential + BCELoss + optim.SGD on (m, n) rows; optionally X's gradient."""
    net = torch_net(p)
    start = {k: v.detach().clone() for k, v in net.state_dict().items()}
    opt = torch.optim.SGD(net.parameters(), lr=LEARNING_RATE)
    loss_fn = nn.BCELoss()
    X = torch.from_numpy(p.X.T)  # the same memory: (m, n_x), row-major
    Y = torch.from_numpy(np.ascontiguousarray(p.Y.T))
    X.requires_grad_(input_grad)

    def run(k: int) -> None:
        net.load_state_dict(start)
        for _ in range(k):
            opt.zero_grad()
            X.grad = None
            loss = loss_fn(net(X), Y)
            loss.backward()
            opt.step()

    return run


def gemm_flops(net: Net, *, input_grad: bool = False) -> int:
    """Floating-point operations in one step's matrix products (2 per multiply-add)."""
    flops = 0
    for layer in range(1, len(net.dims)):
        n, n_prev = net.dims[layer], net.dims[layer - 1]
        products = 3 if (layer > 1 or input_grad) else 2  # W A, dZ A^T, and W^T dZ
        flops += products * 2 * n * n_prev * net.m
    return flops


def ours_gemms(p: Problem, *, input_grad: bool = False) -> Runner:
    """The step's matrix products alone, in the training step's layouts and orientations, into
    preallocated outputs: the hardware limit the step is measured against. Z and a hidden dA are
    column-major, computed as row-major products of the transposes, dW and dA0 row-major
    (``scratchnn.kernels.linear_forward`` and ``linear_backward``)."""
    dims, m, dtype = p.net.dims, p.net.m, p.dtype
    A = [p.X] + [np.ones((n, m), dtype, order="F") for n in dims[1:]]
    dZ = [np.ones((n, m), dtype, order="F") for n in dims[1:]]
    dA = [np.empty((dims[0], m), dtype)] + [np.empty((n, m), dtype, order="F") for n in dims[1:-1]]
    W = [p.parameters[f"W{layer}"] for layer in range(1, len(dims))]
    dW = [np.empty_like(w) for w in W]

    def run(k: int) -> None:
        for _ in range(k):
            for layer, w in enumerate(W):
                np.matmul(A[layer].T, w.T, out=A[layer + 1].T)
            for layer in range(len(W) - 1, -1, -1):
                np.matmul(dZ[layer], A[layer].T, out=dW[layer])
                if layer > 0:
                    np.matmul(dZ[layer].T, W[layer], out=dA[layer].T)
                elif input_grad:
                    np.matmul(W[layer].T, dZ[layer], out=dA[layer])

    return run


def _torch_dtype(dtype: np.dtype[Any]) -> torch.dtype:
    return torch.float32 if dtype == np.float32 else torch.float64


#: Every runner the benchmark times, by the name its tables and results file use.
RUNNERS: dict[str, Callable[[Problem], Runner]] = {
    "ours": ours_train,
    "torch": torch_train,
    "course": ours_course,
    "torch_dX": partial(torch_train, input_grad=True),
    "gemm": ours_gemms,
    "gemm_dX": partial(ours_gemms, input_grad=True),
}
