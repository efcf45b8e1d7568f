"""The one table of activations: each entry is everything the suite knows about one activation.

An entry names scratchnn's functions, torch's function and module (as dotted paths, resolved by
:mod:`parity_tests.references`, so that this table imports no torch: the submission's worker
processes read it), the textbook formulas the unit tests check against, the notes the report
shows, and the course weeks whose graded functions take it. Every list of activations the suite
uses is derived from :data:`SPECS`:

- :data:`NAMES`: the names layers and models take, each row family's activations;
- :data:`COURSE_ACTIVATIONS`: per course week, the activations its graded functions are fed
  (nothing else is: a faithful ``linear_activation_forward`` knows "sigmoid" and "relu" only);
- the torch references (``references.TORCH_ACTIVATIONS``, ``references.TORCH_MODULES``).

Adding an activation: its functions in ``scratchnn/activations.py`` (with its entry in
``scratchnn.ACTIVATIONS``) and one entry here. A meta-test checks that the names here are the
library's.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

Formula = Callable[..., np.ndarray]


@dataclass(frozen=True)
class ActivationSpec:
    """One activation: scratchnn's side, torch's side, the textbook's, the course's."""

    name: str  # what layers and models take: scratchnn.ACTIVATIONS[name]
    torch_function: str  # dotted path, called on a tensor with ``torch_options``
    torch_module: str  # dotted path of the torch.nn module, built with ``torch_options``
    textbook: Formula  # g(Z) from its definition (numpy), for the unit tests
    textbook_prime: Formula  # g'(Z), written independently of scratchnn's backward
    forward_note: str  # the convention the forward row shows
    backward_note: str  # the convention the derivative row shows
    function: str = ""  # scratchnn.<function> and <function>_backward; default: the name
    torch_options: Mapping[str, float] = field(default_factory=dict)
    course: tuple[str, ...] = ()  # the course weeks whose graded functions take it
    kink: bool = False  # a corner at z = 0: derivative rows draw exact zeros there on purpose
    from_A: str = ""  # the formula of <function>_backward_from_A, when the library has one
    aliases: tuple[str, ...] = ()  # other names scratchnn.ACTIVATIONS accepts for it

    @property
    def functions(self) -> str:
        """scratchnn's function name (the forward; ``<functions>_backward`` is its derivative)."""
        return self.function or self.name


def _sigmoid(Z: np.ndarray) -> np.ndarray:
    A: np.ndarray = 1 / (1 + np.exp(-Z))
    return A


SPECS: tuple[ActivationSpec, ...] = (
    ActivationSpec(
        "sigmoid",
        "torch.sigmoid",
        "torch.nn.Sigmoid",
        textbook=_sigmoid,
        textbook_prime=lambda Z: _sigmoid(Z) * (1 - _sigmoid(Z)),
        forward_note="Stable for every finite z: exactly 1.0 above about 36.7 and 0.0 below about "
        "-745, like torch.sigmoid; no overflow warning.",
        backward_note="dZ = dA * s * (1 - s) with s = sigmoid(Z); exactly 0 where s rounds to 0 "
        "or 1.",
        course=("logistic", "shallow", "deep"),
        from_A="dZ = dA * A * (1 - A)",
    ),
    ActivationSpec(
        "tanh",
        "torch.tanh",
        "torch.nn.Tanh",
        textbook=lambda Z: (np.exp(Z) - np.exp(-Z)) / (np.exp(Z) + np.exp(-Z)),
        textbook_prime=lambda Z: 1 - np.tanh(Z) ** 2,
        forward_note="np.tanh against torch.tanh.",
        backward_note="dZ = dA * (1 - tanh(Z)**2).",
        course=("shallow",),
        from_A="dZ = dA * (1 - A**2)",
    ),
    ActivationSpec(
        "relu",
        "torch.nn.functional.relu",  # gradient 0 at 0 (torch.maximum gives 0.5, clamp_min 1)
        "torch.nn.ReLU",
        textbook=lambda Z: np.maximum(0, Z),
        textbook_prime=lambda Z: (Z > 0).astype(Z.dtype),
        forward_note="max(0, z) against F.relu.",
        backward_note="ReLU'(0) = 0, as the course's code (dZ[Z <= 0] = 0) and F.relu; exact "
        "zeros of Z are drawn on purpose.",
        course=("deep",),
        kink=True,
    ),
    ActivationSpec(
        "leaky_relu",
        "torch.nn.functional.leaky_relu",
        "torch.nn.LeakyReLU",
        textbook=lambda Z, slope=0.01: np.where(Z > 0, Z, slope * Z),
        textbook_prime=lambda Z, slope=0.01: np.where(Z > 0, 1.0, slope).astype(Z.dtype),
        forward_note="Slope 0.01 for z <= 0 (F.leaky_relu's default negative_slope).",
        backward_note="Leaky'(0) = the slope, as F.leaky_relu.",
        torch_options={"negative_slope": 0.01},
        kink=True,
    ),
    ActivationSpec(
        "silu",
        "torch.nn.functional.silu",
        "torch.nn.SiLU",
        textbook=lambda Z: Z / (1 + np.exp(-Z)),
        textbook_prime=lambda Z: _sigmoid(Z) + Z * _sigmoid(Z) * (1 - _sigmoid(Z)),
        forward_note="z * sigmoid(z) against F.silu; stable for every finite z.",
        backward_note="dZ = dA * s * (1 + z * (1 - s)) with s = sigmoid(Z).",
    ),
    ActivationSpec(
        "linear",
        "torch.positive",  # the identity, with the identity's gradient
        "torch.nn.Identity",
        textbook=lambda Z: Z * 1.0,
        textbook_prime=np.ones_like,
        forward_note="The 'linear' activation of a regression output.",
        backward_note="dZ = dA.",
        function="identity",
        aliases=("identity",),
    ),
)

BY_NAME: Mapping[str, ActivationSpec] = {spec.name: spec for spec in SPECS}
#: Every name scratchnn.ACTIVATIONS accepts, aliases included.
ALL_NAMES: Mapping[str, ActivationSpec] = {
    **BY_NAME,
    **{alias: spec for spec in SPECS for alias in spec.aliases},
}
#: The names layers and models take, in the table's order.
NAMES: tuple[str, ...] = tuple(BY_NAME)
#: The course weeks' activations: what the course-API rows feed a learner's functions.
COURSE_ACTIVATIONS: Mapping[str, tuple[str, ...]] = {
    week: tuple(spec.name for spec in SPECS if week in spec.course)
    for week in ("logistic", "shallow", "deep")
}


def textbook(name: str, Z: np.ndarray, **options: Any) -> np.ndarray:
    """g(Z) of the named activation from its textbook definition."""
    return ALL_NAMES[name].textbook(Z, **options)


def textbook_prime(name: str, Z: np.ndarray, **options: Any) -> np.ndarray:
    """g'(Z) of the named activation, written independently of scratchnn."""
    return ALL_NAMES[name].textbook_prime(Z, **options)
