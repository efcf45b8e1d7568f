"""The course's data sets: the week-3 "flower" (generated) and the cat vs non-cat images (read).

Nothing is ever downloaded. The cat images are read from an ``.npz`` file (NumPy only) or from the
course's original ``train_catvnoncat.h5`` and ``test_catvnoncat.h5`` (needs ``h5py``, the ``h5``
extra: ``pip install scratchnn[h5]``).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import NDArray

from scratchnn import _validate

__all__ = ["CatData", "CatRaw", "load_cat", "load_cat_raw", "load_planar_dataset"]

IMAGE_SHAPE = (64, 64, 3)  # one cat image: (height, width, channels)

H5_TRAIN, H5_TEST = "train_catvnoncat.h5", "test_catvnoncat.h5"
_NPZ_KEYS = {key: key for key in ("train_x", "train_y", "test_x", "test_y", "classes")}
_H5_TRAIN_KEYS = {"train_x": "train_set_x", "train_y": "train_set_y", "classes": "list_classes"}
_H5_TEST_KEYS = {"test_x": "test_set_x", "test_y": "test_set_y", "test_classes": "list_classes"}
_EXPECTED = (
    f"a .npz file holding {list(_NPZ_KEYS)}, a directory holding {H5_TRAIN} and {H5_TEST}, "
    "or the path of either .h5 file"
)


def load_planar_dataset(
    *, seed: int = 1, m: int = 400
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Generate the course's week-3 "flower": two interleaved petal-shaped classes in the plane.

    Class ``j`` in (0, 1) has ``N = m // 2`` points: ``t = linspace(3.12 j, 3.12 (j+1), N) +
    0.2 randn(N)``, then ``r = 4 sin(4 t) + 0.2 randn(N)``, point ``(r sin t, r cos t)``. The
    draws come from ``np.random.RandomState(seed)`` in the course's order, so the defaults give
    the course's ``np.random.seed(1)`` data exactly.

    Parameters
    ----------
    seed : int, default 1
        Seed of the random draws (the course uses 1).
    m : int, default 400
        Number of examples; even and >= 2.

    Returns
    -------
    X : ndarray of float64, shape (2, m)
        The points, one per column; columns ``0 .. m/2 - 1`` are class 0, the rest class 1.
    Y : ndarray of float64, shape (1, m)
        The labels, 0. or 1.

    Raises
    ------
    TypeError
        If ``seed`` or ``m`` is not an integer.
    ValueError
        If ``m`` is odd or smaller than 2, or ``seed`` is negative.
    """
    seed = _validate.count(seed, "seed")
    m = _validate.count(m, "m", minimum=2)
    if m % 2:
        raise ValueError(f"m must be even (two classes of m/2 points); got {m}")
    rng = np.random.RandomState(seed)
    n = m // 2  # points per class (the course's N)
    a = 4  # maximum ray of the flower
    X = np.zeros((2, m))
    Y = np.zeros((1, m))
    for j in range(2):
        ix = slice(n * j, n * (j + 1))
        t = np.linspace(j * 3.12, (j + 1) * 3.12, n) + rng.randn(n) * 0.2
        r = a * np.sin(4 * t) + rng.randn(n) * 0.2
        X[0, ix] = r * np.sin(t)
        X[1, ix] = r * np.cos(t)
        Y[0, ix] = j
    return X, Y


class CatRaw(NamedTuple):
    """The cat vs non-cat images as stored (for showing them), checked but not preprocessed.

    Attributes
    ----------
    train_x : ndarray of uint8, shape (m_train, 64, 64, 3)
        Training images (row, column, RGB channel), pixels 0 .. 255.
    train_y : ndarray of int64, shape (m_train,)
        Training labels, 0 (non-cat) or 1 (cat).
    test_x : ndarray of uint8, shape (m_test, 64, 64, 3)
        Test images.
    test_y : ndarray of int64, shape (m_test,)
        Test labels.
    classes : tuple of str
        Class names by label, e.g. ``('non-cat', 'cat')``.
    """

    train_x: NDArray[np.uint8]
    train_y: NDArray[np.int64]
    test_x: NDArray[np.uint8]
    test_y: NDArray[np.int64]
    classes: tuple[str, ...]


class CatData(NamedTuple):
    """The cat vs non-cat images after the course's preprocessing.

    The course's data has m_train = 209 (72 cats) and m_test = 50 (33 cats).

    Attributes
    ----------
    train_x : ndarray of float64, shape (12288, m_train)
        Training images, one per column, flattened in (row, column, channel) order, in [0, 1].
    train_y : ndarray of float64, shape (1, m_train)
        Training labels, 0. (non-cat) or 1. (cat).
    test_x : ndarray of float64, shape (12288, m_test)
        Test images, as ``train_x``.
    test_y : ndarray of float64, shape (1, m_test)
        Test labels.
    classes : tuple of str
        Class names by label, e.g. ``('non-cat', 'cat')``.
    """

    train_x: NDArray[np.float64]
    train_y: NDArray[np.float64]
    test_x: NDArray[np.float64]
    test_y: NDArray[np.float64]
    classes: tuple[str, ...]


def load_cat(path: str | os.PathLike[str]) -> CatData:
    """Read the course's cat images and preprocess them as the course does.

    ``X = x.reshape(m, -1).T / 255.`` and ``Y = y.reshape(1, m)``, for train and test.

    Parameters
    ----------
    path : str or os.PathLike
        An ``.npz`` file holding ``train_x`` (m_train, 64, 64, 3) uint8, ``train_y`` (m_train,),
        ``test_x``, ``test_y`` and ``classes``; or a directory holding the course's
        ``train_catvnoncat.h5`` and ``test_catvnoncat.h5``; or the path of either of those
        (the other is read from beside it). The ``.h5`` form needs ``h5py``.

    Returns
    -------
    CatData
        ``train_x`` (12288, m_train), ``train_y`` (1, m_train), ``test_x`` (12288, m_test),
        ``test_y`` (1, m_test), all float64, and ``classes``.

    Raises
    ------
    FileNotFoundError
        If a file is missing.
    ValueError
        If a file lacks arrays, images are not (m, 64, 64, 3), labels are not one per image or
        not 0 or 1, or there are not two class names.
    TypeError
        If images are not uint8 or class names are not strings.
    ImportError
        If ``.h5`` files are given and ``h5py`` is not installed.
    """
    raw = load_cat_raw(path)
    return CatData(
        _flatten(raw.train_x),
        raw.train_y.reshape(1, -1).astype(np.float64),
        _flatten(raw.test_x),
        raw.test_y.reshape(1, -1).astype(np.float64),
        raw.classes,
    )


def load_cat_raw(path: str | os.PathLike[str]) -> CatRaw:
    """Read the course's cat images without preprocessing; see `load_cat` for ``path`` and errors.

    Returns
    -------
    CatRaw
        ``train_x`` (m_train, 64, 64, 3) uint8, ``train_y`` (m_train,) int64, ``test_x``
        (m_test, 64, 64, 3) uint8, ``test_y`` (m_test,) int64, and ``classes``.
    """
    p = Path(path)
    if p.suffix == ".npz":
        arrays = _read(p, _NPZ_KEYS)
        sources = (p, p)
        classes = _class_names(arrays["classes"], f"classes in {p}")
    else:
        sources = train_file, test_file = _h5_files(p)
        arrays = {**_read(train_file, _H5_TRAIN_KEYS), **_read(test_file, _H5_TEST_KEYS)}
        classes = _class_names(arrays["classes"], f"list_classes in {train_file}")
        other = _class_names(arrays["test_classes"], f"list_classes in {test_file}")
        if classes != other:
            raise ValueError(
                f"list_classes differ: {classes} in {train_file}, {other} in {test_file}"
            )
    train_x, train_y = _examples(arrays["train_x"], arrays["train_y"], "train", sources[0])
    test_x, test_y = _examples(arrays["test_x"], arrays["test_y"], "test", sources[1])
    return CatRaw(train_x, train_y, test_x, test_y, classes)


def _flatten(x: NDArray[np.uint8]) -> NDArray[np.float64]:
    """Return the course's ``x.reshape(m, -1).T / 255.``: (m, 64, 64, 3) -> (12288, m)."""
    X: NDArray[np.float64] = x.reshape(x.shape[0], -1).T / 255.0
    return X


def _h5_files(path: Path) -> tuple[Path, Path]:
    """Return the course's (train, test) ``.h5`` paths for a directory or either file."""
    if path.is_dir():
        folder = path
    elif path.name in (H5_TRAIN, H5_TEST):
        folder = path.parent
    elif not path.exists():
        raise FileNotFoundError(f"cat data not found: {path} does not exist; expected {_EXPECTED}")
    else:
        raise ValueError(f"cat data path {path} is not of a known form; expected {_EXPECTED}")
    files = (folder / H5_TRAIN, folder / H5_TEST)
    for file in files:
        if not file.is_file():
            raise FileNotFoundError(f"cat data file not found: {file}; expected {_EXPECTED}")
    return files


def _read(file: Path, keys: Mapping[str, str]) -> dict[str, NDArray[Any]]:
    """Read ``{name: file[stored_key]}`` for ``keys = {name: stored_key}`` from .npz or .h5."""
    if not file.is_file():
        raise FileNotFoundError(f"cat data file not found: {file}; expected {_EXPECTED}")
    if file.suffix == ".npz":
        with np.load(file, allow_pickle=False) as stored:
            _has_keys(file, keys, stored.files)
            return {name: np.asarray(stored[key]) for name, key in keys.items()}
    try:
        h5py = importlib.import_module("h5py")
    except ImportError as exc:
        raise ImportError(
            f"reading {file} needs h5py: pip install scratchnn[h5] "
            "(or convert the data to .npz, which needs nothing extra)"
        ) from exc
    with h5py.File(file, "r") as stored:
        _has_keys(file, keys, list(stored.keys()))
        return {name: np.asarray(stored[key][()]) for name, key in keys.items()}


def _has_keys(file: Path, keys: Mapping[str, str], present: list[str]) -> None:
    """Raise ``ValueError`` naming the stored keys of ``keys`` that ``file`` lacks."""
    missing = sorted(set(keys.values()) - set(present))
    if missing:
        raise ValueError(f"{file} lacks array(s) {missing}; it has {sorted(present)}")


def _examples(
    x: NDArray[Any], y: NDArray[Any], split: str, path: Path
) -> tuple[NDArray[np.uint8], NDArray[np.int64]]:
    """Check images (m, 64, 64, 3) uint8 and m labels in {0, 1}; return labels as (m,) int64."""
    if x.ndim != 4 or x.shape[1:] != IMAGE_SHAPE or x.shape[0] < 1:
        raise ValueError(
            f"{split}_x in {path} must be images of shape (m, {', '.join(map(str, IMAGE_SHAPE))}) "
            f"with m >= 1; got shape {x.shape}"
        )
    if x.dtype != np.uint8:
        raise TypeError(f"{split}_x in {path} must be uint8 pixels 0..255; got dtype {x.dtype}")
    m = x.shape[0]
    if y.shape not in ((m,), (1, m), (m, 1)):
        raise ValueError(f"{split}_y in {path} must be ({m},) for {m} images; got {y.shape}")
    if y.dtype.kind not in "biuf" or not np.isin(y, (0, 1)).all():
        shown = np.unique(y)[:5].tolist() if y.dtype.kind in "biuf" else f"dtype {y.dtype}"
        raise ValueError(f"{split}_y in {path} must hold labels 0 or 1; found {shown}")
    return x, y.reshape(m).astype(np.int64)


def _class_names(classes: NDArray[Any], name: str) -> tuple[str, ...]:
    """Return two class names as str (the course stores them as bytes, e.g. b'non-cat')."""
    if classes.shape != (2,):
        raise ValueError(f"{name} must hold 2 class names; got shape {classes.shape}")
    names = classes.tolist()
    if not all(isinstance(n, (bytes, str)) for n in names):
        raise TypeError(f"{name} must hold strings; got {names}")
    return tuple(n.decode() if isinstance(n, bytes) else n for n in names)
