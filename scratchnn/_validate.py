"""Argument checks shared by every public function.

Each check raises ``TypeError`` (wrong kind of value), ``ValueError`` (wrong shape or value) or
``KeyError`` (missing dictionary key) with a message that names the argument and the shapes or
values at fault. None of them copies or modifies its input.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.floating[Any]]

FLOAT_DTYPES = (np.dtype(np.float32), np.dtype(np.float64))
#: Arrays up to this many elements are checked elementwise, larger ones by a sum of squares first.
SMALL = 1 << 14
#: Arrays above this many elements are proved finite by a product where the caller has one.
PROVE = 1 << 16


def as_array(value: Any, name: str, *, check_finite: bool = True) -> Array:
    """Return ``value`` as a float32 or float64 array of rank 2, without copying floats.

    Integers and booleans become float64. Rank-1 arrays are refused: in the course's layout every
    array is (rows, examples), and a rank-1 array broadcasts silently where a column would not.
    ``check_finite=False`` leaves NaN and infinities to the caller, which must then prove the
    array finite (:func:`finite_by_product`) or check it (:func:`finite`) before it returns.
    """
    if isinstance(value, np.ndarray):
        arr = value
    elif isinstance(value, (list, tuple)):
        arr = np.asarray(value)
    else:
        raise TypeError(f"{name} must be a numpy array of shape (n, m); got {type(value).__name__}")
    if arr.dtype.char not in "fd":  # float32 and float64 pass as they are
        if arr.dtype.kind in "iub":
            arr = arr.astype(np.float64)
        else:
            raise TypeError(
                f"{name} must hold float32 or float64 numbers (integers are converted); "
                f"got dtype {arr.dtype}"
            )
    if arr.ndim != 2:
        hint = (
            f"; a rank-1 array is ambiguous: use {name}.reshape(-1, 1) for a column "
            f"or {name}.reshape(1, -1) for a row"
            if arr.ndim == 1
            else ""
        )
        raise ValueError(f"{name} must be 2-D; got shape {arr.shape}{hint}")
    if check_finite:
        finite(arr, name)
    return arr


def finite(arr: Array, name: str) -> None:
    """Refuse NaN and infinities: a large array in one read and without a temporary array."""
    if not all_finite(arr):
        bad = int(arr.size - np.count_nonzero(np.isfinite(arr)))
        raise ValueError(f"{name} holds {bad} NaN or infinite value(s) (shape {arr.shape})")


def all_finite(arr: Array) -> bool:
    """Whether every element of ``arr`` is finite (no NaN, no infinity)."""
    if arr.size > SMALL:
        # The sum of squares by BLAS (a contiguous array's flat view; both cores) is finite only
        # if every element is: NaN and inf make it NaN or inf; huge finite values that overflow
        # it are then cleared by the elementwise check.
        flat = (
            arr.reshape(-1)
            if arr.flags.c_contiguous
            else arr.T.reshape(-1)
            if arr.flags.f_contiguous
            else None
        )
        with np.errstate(over="ignore", invalid="ignore"):
            total = np.add.reduce(arr, axis=None) if flat is None else np.dot(flat, flat)
        if np.isfinite(total):
            return True
    # small arrays: elementwise at once, cheaper than the state switch (and count_nonzero is a
    # third cheaper than .all(), which goes through a Python wrapper)
    return bool(np.count_nonzero(np.isfinite(arr)) == arr.size)


def worth_proving(arr: Array) -> bool:
    """Whether :func:`finite_by_product` beats reading ``arr``: only for a large array."""
    return bool(arr.size > PROVE)


def finite_by_product(
    arr: Array, name: str, factor: Array, product: Array, *, transposed: bool = False
) -> bool:
    r"""Refuse NaN and infinities in ``arr``, reading only what a product cannot prove finite.

    ``product`` is ``factor @ B`` plus any finite terms, B being ``arr`` (or ``arr.T`` when
    ``transposed``), and ``factor`` finite. A NaN or an infinity at B[k, j] meets every entry of
    ``factor[:, k]``; a nonzero one makes the term NaN or infinite, and no finite sum cancels
    that (an infinity plus anything is an infinity or NaN). A BLAS that skips zero multipliers
    skips only those. So when ``product`` is finite, every non-finite value of B lies in a row
    k whose column ``factor[:, k]`` is all zeros, and only those rows are read (when B's rows
    are contiguous; otherwise all of ``arr``): none, usually, instead of all of ``arr``, often
    the largest array of all (the input X). A product that is not finite has ``arr`` read in
    full; a NaN or an infinity raises.

    Returns
    -------
    bool
        Whether ``product`` is finite; False means that it overflowed (``arr`` is finite).

    Notes
    -----
    .. math:: F B \in \mathbb{R}^{r \times m} \implies
              B_{kj} \in \mathbb{R}\ \text{for every } k \text{ with } F_{:,k} \neq 0
    """
    if not all_finite(product):
        finite(arr, name)
        return False
    unproved = ~(factor != 0).any(axis=0)  # rows of B that meet only zeros
    if unproved.any():
        rhs = arr.T if transposed else arr  # B
        # B's rows one by one where each is contiguous, else all of arr in one read: a
        # gather of scattered elements costs more than a contiguous read of the whole array
        finite(rhs[unproved] if rhs.flags.c_contiguous else arr, name)
    return True


def same_float_dtype(**arrays: Array) -> np.dtype[Any]:
    """Check that every array has one float dtype and return it (no silent float32 upcasts)."""
    values = iter(arrays.values())
    first = next(values).dtype
    if any(arr.dtype != first for arr in values):
        dtypes = {name: arr.dtype for name, arr in arrays.items()}
        listed = ", ".join(f"{name} is {dt}" for name, dt in dtypes.items())
        raise TypeError(f"arrays must share one float dtype: {listed}")
    return first


def examples(arr: Array, name: str) -> int:
    """Return the number of examples m (columns) of ``arr``; m must be at least 1."""
    m = arr.shape[1]
    if m < 1:
        raise ValueError(f"{name} has no examples: shape {arr.shape}, m must be >= 1")
    return int(m)


def same_shape(a: Array, a_name: str, b: Array, b_name: str) -> None:
    """Require two arrays of exactly the same shape (no broadcasting between them)."""
    if a.shape != b.shape:
        raise ValueError(
            f"{a_name} and {b_name} must have the same shape; got {a_name} {a.shape} "
            f"and {b_name} {b.shape}"
        )


def linear_shapes(A_prev: Array, W: Array, b: Array, w_name: str = "W", b_name: str = "b") -> None:
    """Check ``W`` (n, n_prev) against ``A_prev`` (n_prev, m) and ``b`` (n, 1)."""
    if W.shape[1] != A_prev.shape[0]:
        raise ValueError(
            f"{w_name} has shape {W.shape} but A_prev has shape {A_prev.shape}: "
            f"{w_name} must be (n, {A_prev.shape[0]}) for A_prev with {A_prev.shape[0]} rows"
        )
    if b.shape != (W.shape[0], 1):
        raise ValueError(
            f"{b_name} must have shape ({W.shape[0]}, 1) to match {w_name} {W.shape}; got {b.shape}"
        )


def labels(Y: Array, name: str = "Y") -> None:
    """Require labels in {0, 1}."""
    if not ((Y == 0) | (Y == 1)).all():
        bad = np.unique(Y[(Y != 0) & (Y != 1)])[:5]
        raise ValueError(f"{name} must hold labels 0 or 1; found {bad.tolist()}")


def probabilities(AL: Array, name: str = "AL") -> None:
    """Require probabilities in [0, 1]."""
    if AL.size and (AL.min() < 0.0 or AL.max() > 1.0):
        raise ValueError(
            f"{name} must hold probabilities in [0, 1]; found values in "
            f"[{float(AL.min())!r}, {float(AL.max())!r}]"
        )


def finite_number(value: Any, name: str, *, positive: bool = False) -> float:
    """Return ``value`` as a finite float (a real Python or NumPy number, not a bool)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.number)):
        raise TypeError(f"{name} must be a real number; got {type(value).__name__}")
    number = float(value)
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite; got {number!r}")
    if positive and number <= 0:
        raise ValueError(f"{name} must be > 0; got {number!r}")
    return number


def count(value: Any, name: str, *, minimum: int = 0) -> int:
    """Return ``value`` as an int no smaller than ``minimum`` (bools and floats are refused)."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be an integer; got {type(value).__name__}")
    if value < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {value}")
    return int(value)


def keys(mapping: Mapping[str, Any], required: Iterable[str], name: str) -> None:
    """Raise ``KeyError`` naming every required key that ``mapping`` lacks."""
    if not isinstance(mapping, Mapping):
        raise TypeError(f"{name} must be a dict; got {type(mapping).__name__}")
    missing = [key for key in required if key not in mapping]
    if missing:
        raise KeyError(f"{name} is missing key(s) {missing}; it has {sorted(mapping)}")


def num_layers(parameters: Mapping[str, Any], name: str = "parameters") -> int:
    """Return L, the number of layers, from keys ``W1 .. WL``; every ``Wl`` needs its ``bl``."""
    if not isinstance(parameters, Mapping):
        raise TypeError(f"{name} must be a dict; got {type(parameters).__name__}")
    L = max(
        (
            int(key[1:])
            for key in parameters
            if isinstance(key, str) and key[:1] in "Wb" and key[1:].isdigit()
        ),
        default=0,
    )
    if L == 0:
        raise KeyError(f"{name} has no 'W1'; it has {sorted(parameters)}")
    if len(parameters) < 2 * L or any(
        f"W{layer}" not in parameters or f"b{layer}" not in parameters for layer in range(1, L + 1)
    ):
        keys(parameters, [f"{p}{layer}" for layer in range(1, L + 1) for p in "Wb"], name)
    return L


def linear_inputs(
    A_prev: Any, W: Any, b: Any, *, check_finite_A: bool = True
) -> tuple[Array, Array, Array]:
    """A layer's ``A_prev`` (n_prev, m), ``W`` (n, n_prev), ``b`` (n, 1), one float dtype.

    ``check_finite_A=False``: A_prev's values are the caller's to prove (:func:`as_array`).
    """
    A_prev = as_array(A_prev, "A_prev", check_finite=check_finite_A)
    W = as_array(W, "W")
    b = as_array(b, "b")
    examples(A_prev, "A_prev")
    linear_shapes(A_prev, W, b)
    if not A_prev.dtype == W.dtype == b.dtype:
        same_float_dtype(A_prev=A_prev, W=W, b=b)  # raises, naming each
    return A_prev, W, b


def linear_cache(
    cache: Any, name: str = "cache", *, check_finite_A: bool = True
) -> tuple[Array, Array, Array]:
    """The ``(A_prev, W, b)`` tuple of ``linear_forward``, each array checked."""
    if not isinstance(cache, tuple) or len(cache) != 3:
        raise TypeError(f"{name} must be the (A_prev, W, b) tuple from linear_forward")
    A_prev, W, b = cache
    return linear_inputs(A_prev, W, b, check_finite_A=check_finite_A)


def layer_array(value: Any, n: int, A_prev: Array, name: str = "dZ") -> Array:
    """An (n, m) array of a layer of n units (``dZ``, ``Z``), m and dtype those of ``A_prev``."""
    dZ = as_array(value, name)
    if dZ.shape != (n, A_prev.shape[1]):
        raise ValueError(
            f"{name} must have shape ({n}, {A_prev.shape[1]}) (units of this layer, examples of "
            f"A_prev {A_prev.shape}); got {dZ.shape}"
        )
    if dZ.dtype != A_prev.dtype:
        same_float_dtype(**{name: dZ, "A_prev": A_prev})  # raises, naming both
    return dZ
