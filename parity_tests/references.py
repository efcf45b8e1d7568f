"""PyTorch references, returning what ours returns in *our* layout.

This is the only code that knows both layouts: the course puts examples in columns (``X`` (n, m),
``b`` (n, 1)) and takes dA, dZ per example; torch puts examples in rows (``(m, n)``, bias ``(n,)``)
and differentiates the mean cost. So each reference transposes on the way in and out, reshapes
biases, feeds the upstream gradient of the *mean* cost (``dA / m``) to ``backward``, and multiplies
the per-example gradients it reports by m. The upstream gradient is always a random ``dA``, never
``.sum()``, which would hide a backward that drops dA.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from functools import partial
from typing import Any

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from parity_tests.activation_specs import SPECS


def _resolve(path: str) -> Any:
    module, _, name = path.rpartition(".")
    return getattr(importlib.import_module(module), name)


#: Each activation's torch function and torch.nn module, as the activation table names them.
TORCH_ACTIVATIONS: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {
    spec.name: partial(_resolve(spec.torch_function), **spec.torch_options) for spec in SPECS
}
TORCH_MODULES: dict[str, Callable[[], nn.Module]] = {
    spec.name: partial(_resolve(spec.torch_module), **spec.torch_options) for spec in SPECS
}


def leaf(x: Any, grad: bool = True) -> torch.Tensor:
    """A torch leaf holding a copy of ``x`` (its dtype kept)."""
    return torch.tensor(np.array(x), requires_grad=grad)


def rows(x: Any, grad: bool = True) -> torch.Tensor:
    """A course (n, m) array as a torch (m, n) leaf (contiguous: torch's float64 matmul is ~7x
    slower on a transposed view)."""
    return leaf(np.ascontiguousarray(np.array(x).T), grad)


def scalar(t: torch.Tensor | None) -> float:
    assert t is not None, "no gradient reached this tensor"
    return float(t.detach())


def np_(t: torch.Tensor | None) -> np.ndarray:
    assert t is not None, "no gradient reached this tensor"
    return t.detach().numpy().copy()


def cols(t: torch.Tensor | None) -> np.ndarray:
    """A torch (m, n) tensor back as a course (n, m) array."""
    return np_(t).T.copy()


def activation(name: str, **options: float) -> Callable[[torch.Tensor], torch.Tensor]:
    if name == "leaky_relu" and "slope" in options:
        return partial(F.leaky_relu, negative_slope=options["slope"])
    return TORCH_ACTIVATIONS[name]


# --- activations and their derivatives (elementwise: no layout to convert) ---------------------


def act_forward(name: str, **options: float) -> Callable[..., np.ndarray]:
    def reference(Z: np.ndarray, **_: Any) -> np.ndarray:
        return np_(activation(name, **options)(leaf(Z, grad=False)))

    return reference


def act_backward(name: str, **options: float) -> Callable[..., np.ndarray]:
    """dZ by autograd at Z (for the forms that take the output A, a reference-only input)."""

    def reference(dA: np.ndarray, Z: np.ndarray, **_: Any) -> np.ndarray:
        Zt = leaf(Z)
        activation(name, **options)(Zt).backward(leaf(dA, grad=False))
        return np_(Zt.grad)

    return reference


# --- costs -------------------------------------------------------------------------------------


def bce_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    """``F.binary_cross_entropy``, mean: each log clamped at -100."""
    return float(F.binary_cross_entropy(rows(AL, False), rows(Y, False)))


def bce_dAL(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """Per-example dAL = m x torch's gradient of the mean cost."""
    ALt = rows(AL)
    F.binary_cross_entropy(ALt, rows(Y, False)).backward()
    dAL: np.ndarray = AL.shape[1] * cols(ALt.grad)
    return dAL


def bce_logits_cost(Z: np.ndarray, Y: np.ndarray) -> float:
    return float(nn.BCEWithLogitsLoss()(rows(Z, False), rows(Y, False)))


def bce_logits_dZ(Z: np.ndarray, Y: np.ndarray) -> np.ndarray:
    Zt = rows(Z)
    nn.BCEWithLogitsLoss()(Zt, rows(Y, False)).backward()
    dZ: np.ndarray = Z.shape[1] * cols(Zt.grad)
    return dZ


def sigmoid_bce_dZ(AL: np.ndarray, Y: np.ndarray, Z: np.ndarray) -> np.ndarray:
    """dZ of the output layer: autograd of BCE-with-logits at the Z that gave AL."""
    return bce_logits_dZ(Z, Y)


def mse_cost(AL: np.ndarray, Y: np.ndarray) -> float:
    return float(F.mse_loss(rows(AL, False), rows(Y, False)))


def mse_dAL(AL: np.ndarray, Y: np.ndarray) -> np.ndarray:
    ALt = rows(AL)
    F.mse_loss(ALt, rows(Y, False)).backward()
    dAL: np.ndarray = AL.shape[1] * cols(ALt.grad)
    return dAL


# --- layers ------------------------------------------------------------------------------------


def linear_forward(A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, **_: Any) -> tuple[Any, ...]:
    """``(Z, (A_prev, W, b))`` via ``F.linear(A_prev.T, W, b.ravel())``."""
    Z = cols(F.linear(rows(A_prev, False), leaf(W, False), leaf(b.ravel(), False)))
    return Z, (A_prev, W, b)


def _linear_grads(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, dZ: np.ndarray, *, reduction: str = "mean"
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(dA_prev, dW, db) through ``F.linear``.

    ``mean``: the upstream gradient of the mean cost is dZ / m; dW, db are torch's grads and the
    per-example dA_prev is m times torch's. ``sum``: upstream dZ itself; dA_prev is torch's grad
    and dW, db are torch's divided by m (the sum reduction is the mean's without the 1/m).
    """
    m = A_prev.shape[1]
    At, Wt, bt = rows(A_prev), leaf(W), leaf(b.ravel())
    upstream = leaf(dZ.T, grad=False)
    if reduction == "mean":
        F.linear(At, Wt, bt).backward(upstream / m)
        return m * cols(At.grad), np_(Wt.grad), np_(bt.grad).reshape(-1, 1)
    F.linear(At, Wt, bt).backward(upstream)
    return cols(At.grad), np_(Wt.grad) / m, np_(bt.grad).reshape(-1, 1) / m


def linear_backward(dZ: np.ndarray, cache: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    A_prev, W, b = cache
    return _linear_grads(A_prev, W, b, dZ)


def linear_backward_sum(dZ: np.ndarray, cache: Sequence[np.ndarray]) -> tuple[np.ndarray, ...]:
    """The same through ``reduction="sum"`` gradients with the 1/m applied afterwards."""
    A_prev, W, b = cache
    return _linear_grads(A_prev, W, b, dZ, reduction="sum")


def linear_activation_forward(
    A_prev: np.ndarray, W: np.ndarray, b: np.ndarray, activation: str = "relu"
) -> tuple[Any, ...]:
    Z, cache = linear_forward(A_prev, W, b)
    return np_(TORCH_ACTIVATIONS[activation](leaf(Z, False))), (cache, Z)


def linear_activation_backward(
    dA: np.ndarray, cache: Any, activation: str = "relu"
) -> tuple[np.ndarray, ...]:
    (A_prev, W, b), Z = cache
    dZ = act_backward(activation)(dA, Z)
    return _linear_grads(A_prev, W, b, dZ)


# --- whole models ------------------------------------------------------------------------------


def functional_forward(
    X: torch.Tensor, parameters: Mapping[str, torch.Tensor], activations: Sequence[str]
) -> tuple[torch.Tensor, list[torch.Tensor], list[torch.Tensor]]:
    """Rows in, rows out: returns AL (m, n_L) and every A (m, n_l) and Z, with grads retained."""
    A, As, Zs = X, [X], []
    for layer, name in enumerate(activations, 1):
        Z = F.linear(A, parameters[f"W{layer}"], parameters[f"b{layer}"])
        A = TORCH_ACTIVATIONS[name](Z)
        for t in (Z, A):
            if t.requires_grad:
                t.retain_grad()
        As.append(A)
        Zs.append(Z)
    return A, As, Zs


def torch_parameters(parameters: Mapping[str, np.ndarray]) -> dict[str, torch.Tensor]:
    """Course parameters as torch leaves: W as it is (nn.Linear's layout), b as (n,)."""
    return {k: leaf(v.ravel() if k.startswith("b") else v) for k, v in parameters.items()}


def caches_from(
    X: np.ndarray, parameters: Mapping[str, np.ndarray], activations: Sequence[str] | None = None
) -> tuple[np.ndarray, list[Any]]:
    """AL and the course's caches ``((A_prev, W, b), Z)``, computed by torch.

    ``activations`` defaults to the course's deep net: ReLU hidden layers, a sigmoid output.
    """
    if activations is None:
        activations = ["relu"] * (len(parameters) // 2 - 1) + ["sigmoid"]
    with torch.no_grad():
        _, As, Zs = functional_forward(rows(X, False), torch_parameters(parameters), activations)
    caches = [
        ((cols(As[i]), parameters[f"W{i + 1}"], parameters[f"b{i + 1}"]), cols(Zs[i]))
        for i in range(len(Zs))
    ]
    return cols(As[-1]), caches


def model_grads(
    X: np.ndarray,
    parameters: Mapping[str, np.ndarray],
    activations: Sequence[str],
    dAL: np.ndarray | None = None,
    Y: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Course grads by autograd of the functional model: from a random dAL, or from the mean BCE."""
    m = X.shape[1]
    P = torch_parameters(parameters)
    AL, As, _ = functional_forward(rows(X), P, activations)
    if Y is not None:
        F.binary_cross_entropy(AL, rows(Y, False)).backward()
    else:
        assert dAL is not None, "model_grads needs dAL or Y"
        AL.backward(leaf(dAL.T, grad=False) / m)
    grads = {}
    for layer in range(1, len(activations) + 1):
        grads[f"dW{layer}"] = np_(P[f"W{layer}"].grad)
        grads[f"db{layer}"] = np_(P[f"b{layer}"].grad).reshape(-1, 1)
        grads[f"dA{layer - 1}"] = m * cols(As[layer - 1].grad)
    return grads


def model_grads_from_logits(
    X: np.ndarray, parameters: Mapping[str, np.ndarray], activations: Sequence[str], Y: np.ndarray
) -> dict[str, np.ndarray]:
    """Course grads of the mean BCE of a sigmoid output, by autograd from its logits.

    The same mathematics as :func:`model_grads` with ``Y``, without the clamp of torch's BCE
    backward (it divides by max(a(1-a), 1e-12)): exact for saturated outputs as well.
    """
    assert activations[-1] == "sigmoid", "the logits form needs a sigmoid output"
    m = X.shape[1]
    P = torch_parameters(parameters)
    ZL, As, _ = functional_forward(rows(X), P, [*activations[:-1], "linear"])
    F.binary_cross_entropy_with_logits(ZL, rows(Y, False)).backward()
    grads = {}
    for layer in range(1, len(activations) + 1):
        grads[f"dW{layer}"] = np_(P[f"W{layer}"].grad)
        grads[f"db{layer}"] = np_(P[f"b{layer}"].grad).reshape(-1, 1)
        grads[f"dA{layer - 1}"] = m * cols(As[layer - 1].grad)
    return grads


def sequential(parameters: Mapping[str, np.ndarray], activations: Sequence[str]) -> nn.Sequential:
    """``nn.Sequential(nn.Linear, activation, ...)`` with the course parameters copied in."""
    mods: list[nn.Module] = []
    for layer, name in enumerate(activations, 1):
        W, b = parameters[f"W{layer}"], parameters[f"b{layer}"]
        lin = nn.Linear(W.shape[1], W.shape[0], dtype=torch.from_numpy(W).dtype)
        with torch.no_grad():
            lin.weight.copy_(torch.from_numpy(W))
            lin.bias.copy_(torch.from_numpy(b.ravel()))
        mods += [lin, TORCH_MODULES[name]()]
    return nn.Sequential(*mods)


def sequential_parameters(net: nn.Sequential) -> dict[str, np.ndarray]:
    linears = [mod for mod in net if isinstance(mod, nn.Linear)]
    out = {}
    for layer, lin in enumerate(linears, 1):
        out[f"W{layer}"] = np_(lin.weight)
        out[f"b{layer}"] = np_(lin.bias).reshape(-1, 1)
    return out


def sequential_grads(
    X: np.ndarray, Y: np.ndarray, parameters: Mapping[str, np.ndarray], activations: Sequence[str]
) -> tuple[float, dict[str, np.ndarray]]:
    """Cost and dW, db of ``BCELoss(net(X.T), Y.T)`` for the nn.Sequential net."""
    net = sequential(parameters, activations)
    loss = nn.BCELoss()(net(rows(X, False)), rows(Y, False))
    loss.backward()
    linears = [mod for mod in net if isinstance(mod, nn.Linear)]
    grads = {}
    for layer, lin in enumerate(linears, 1):
        grads[f"dW{layer}"] = np_(lin.weight.grad)
        grads[f"db{layer}"] = np_(lin.bias.grad).reshape(-1, 1)
    return scalar(loss), grads


def sgd_trajectory(
    X: np.ndarray,
    Y: np.ndarray,
    parameters: Mapping[str, np.ndarray],
    activations: Sequence[str],
    learning_rate: float,
    num_iterations: int,
    snapshot_every: int | None = None,
) -> tuple[dict[str, np.ndarray], np.ndarray, dict[int, dict[str, np.ndarray]]]:
    """nn.Sequential + BCELoss + optim.SGD: final parameters, cost per iteration, snapshots."""
    net = sequential(parameters, activations)
    opt = torch.optim.SGD(net.parameters(), lr=learning_rate)
    Xt, Yt = rows(X, False), rows(Y, False)
    costs = np.empty(num_iterations)
    snapshots = {}
    for i in range(num_iterations):
        if snapshot_every and i % snapshot_every == 0:
            snapshots[i] = sequential_parameters(net)
        opt.zero_grad()
        loss = nn.BCELoss()(net(Xt), Yt)
        costs[i] = scalar(loss)
        loss.backward()
        opt.step()
    if snapshot_every:
        snapshots[num_iterations] = sequential_parameters(net)
    return sequential_parameters(net), costs, snapshots
