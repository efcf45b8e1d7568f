"""Input sources: one generator per case draws from either hypothesis or a seeded NumPy RNG.

A case's ``inputs(source)`` asks the source for integers, choices and arrays of a *kind*; under
hypothesis (:class:`HypothesisSource`) every draw is searched and shrunk, under
:class:`SeededSource` the same generator gives the fixed samples the report shows. Each dimension is
drawn separately (square shapes hide transposition bugs), m >= 1, and exact zeros and saturating
values appear on purpose.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from hypothesis import assume
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

#: Values that matter: exact zeros (kinks), where float64 sigmoid rounds to 1 (> 36.7) and where
#: float32's does (> 16.6), where a naive exp overflows (< -709), and far out.
SATURATING = (0.0, 16.7, -16.7, 36.8, -36.8, 40.0, -40.0, 710.0, -710.0, 1e4, -1e4)

#: kind -> (low, high, special values mixed in)
KINDS: dict[str, tuple[float, float, tuple[float, ...]]] = {
    "normal": (-3.0, 3.0, (0.0,)),  # activations, weights, pre-activations with kinks
    "grad": (-3.0, 3.0, ()),  # upstream gradients
    "wide": (-1e4, 1e4, SATURATING),  # pre-activations over a wide range
    "prob": (0.0, 1.0, (0.0, 1.0)),  # probabilities, the clamp region included
    "prob_open": (1e-6, 1 - 1e-6, ()),  # probabilities away from 0 and 1
    # The course's unclamped cost: saturated but finite, each log above torch's clamp at -100.
    "prob_course": (1e-6, 1 - 1e-6, (1e-30, 1e-12, 0.5, 1 - 1e-12, 1 - 2**-53)),
    "labels": (0.0, 1.0, (0.0, 1.0)),  # drawn from the special values only
    "pixels": (0.0, 1.0, (0.0,)),  # inputs in [0, 1], like the course's images
}


def _elements(kind: str, dtype: Any) -> st.SearchStrategy[float]:
    low, high, special = KINDS[kind]
    width: Literal[32, 64] = 32 if np.dtype(dtype) == np.float32 else 64
    if kind == "labels":
        return st.sampled_from(special)
    if width == 32:  # bounds must be float32 numbers: round them inwards
        low = float(np.nextafter(np.float32(low), np.float32(high)))
        high = float(np.nextafter(np.float32(high), np.float32(low)))
        special = tuple(float(np.float32(v)) for v in special)
    floats = st.floats(low, high, width=width, allow_subnormal=False)
    return st.one_of(st.sampled_from(special), floats) if special else floats


class Redraw(Exception):
    """Raised by a seeded source when a generator rejects its draw (hypothesis: ``assume``)."""


class HypothesisSource:
    """Draws through hypothesis's ``data.draw``: searched and shrunk."""

    def __init__(self, data: Any, resources: dict[str, Any] | None = None) -> None:
        self.data = data
        self.resources = resources or {}

    def require(self, condition: bool) -> None:
        """Reject this draw unless ``condition`` (e.g. a finite-difference point near a kink)."""
        assume(condition)

    def integer(self, low: int, high: int) -> int:
        return int(self.data.draw(st.integers(low, high)))

    def choice(self, options: Sequence[Any]) -> Any:
        return self.data.draw(st.sampled_from(list(options)))

    def array(self, shape: tuple[int, ...], kind: str = "normal", dtype: Any = np.float64) -> Any:
        return self.data.draw(hnp.arrays(np.dtype(dtype), shape, elements=_elements(kind, dtype)))


class SeededSource:
    """Draws from ``np.random.default_rng(seed)``: the fixed samples."""

    def __init__(self, seed: int, resources: dict[str, Any] | None = None) -> None:
        self.rng = np.random.default_rng(seed)
        self.resources = resources or {}

    def require(self, condition: bool) -> None:
        if not condition:
            raise Redraw

    def integer(self, low: int, high: int) -> int:
        return int(self.rng.integers(low, high + 1))

    def choice(self, options: Sequence[Any]) -> Any:
        return options[int(self.rng.integers(len(options)))]

    def array(self, shape: tuple[int, ...], kind: str = "normal", dtype: Any = np.float64) -> Any:
        low, high, special = KINDS[kind]
        if kind == "labels":
            values = self.rng.integers(0, 2, size=shape).astype(np.float64)
        elif kind in ("normal", "grad"):
            values = np.clip(self.rng.standard_normal(shape), low, high)
        else:
            values = self.rng.uniform(low, high, size=shape)
        if special and kind != "labels":
            mask = self.rng.random(shape) < 0.2  # a fifth of the entries take special values
            values[mask] = self.rng.choice(special, size=int(mask.sum()))
        return values.astype(dtype)


# --- shared pieces of generators ---------------------------------------------------------------


def dims(source: Any, *names: str, low: int = 1, high: int = 6) -> dict[str, int]:
    """Draw each named dimension separately."""
    return {name: source.integer(low, high) for name in names}


def linear_inputs(source: Any, dtype: Any = np.float64, kind: str = "normal") -> dict[str, Any]:
    """``A_prev (n_prev, m), W (n, n_prev), b (n, 1)``, with zero columns and biases on purpose.

    A zero column of A_prev with a zero entry of b gives an exact zero in Z: the kinks of ReLU and
    leaky ReLU are reached through the layer, not only in isolation.
    """
    d = dims(source, "n", "n_prev", "m")
    A_prev = source.array((d["n_prev"], d["m"]), kind, dtype)
    W = source.array((d["n"], d["n_prev"]), "normal", dtype)
    b = source.array((d["n"], 1), "normal", dtype)
    if source.choice((False, True)):
        A_prev[:, source.integer(0, d["m"] - 1)] = 0
        b[source.integer(0, d["n"] - 1)] = 0
    return {"A_prev": A_prev, "W": W, "b": b}
