"""Tests of scratchnn.data: the flower data set and the cat image loaders (NumPy only)."""

# ruff: noqa: E501  (the tables of bad arrays read best one case a line)

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pytest

from scratchnn.data import CatData, load_cat, load_cat_raw, load_planar_dataset

# ---------------------------------------------------------------- flower


def _course_flower() -> tuple[np.ndarray, np.ndarray]:
    """The course's planar_utils.load_planar_dataset (its legacy global seed; state restored)."""
    state = np.random.get_state()  # noqa: NPY002
    try:
        np.random.seed(1)  # noqa: NPY002
        m = 400
        N = int(m / 2)
        X = np.zeros((m, 2))
        Y = np.zeros((m, 1), dtype="uint8")
        a = 4
        for j in range(2):
            ix = range(N * j, N * (j + 1))
            t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + np.random.randn(N) * 0.2  # noqa: NPY002
            r = a * np.sin(4 * t) + np.random.randn(N) * 0.2  # noqa: NPY002
            X[ix] = np.c_[r * np.sin(t), r * np.cos(t)]
            Y[ix] = j
        return X.T, Y.T
    finally:
        np.random.set_state(state)  # noqa: NPY002


def test_flower_first_column_is_the_courses() -> None:
    X, _ = load_planar_dataset()
    assert X[0, 0] == 1.204442292254319
    assert X[1, 0] == 3.5761141481288448


def test_flower_equals_the_course_code_bit_for_bit() -> None:
    X, Y = load_planar_dataset()
    X_course, Y_course = _course_flower()
    np.testing.assert_array_equal(X, X_course)
    np.testing.assert_array_equal(Y, Y_course.astype(np.float64))


@pytest.mark.parametrize("m", [2, 10, 400])
def test_flower_shapes_dtypes_and_classes(m: int) -> None:
    X, Y = load_planar_dataset(m=m)
    assert X.shape == (2, m) and Y.shape == (1, m)
    assert X.dtype == np.float64 and Y.dtype == np.float64
    np.testing.assert_array_equal(Y[0, : m // 2], 0.0)
    np.testing.assert_array_equal(Y[0, m // 2 :], 1.0)
    assert np.isfinite(X).all()


def test_flower_has_200_per_class() -> None:
    _, Y = load_planar_dataset()
    assert int((Y == 0.0).sum()) == 200
    assert int((Y == 1.0).sum()) == 200


def test_flower_is_deterministic_and_seeded() -> None:
    X_a, Y_a = load_planar_dataset(seed=3)
    X_b, Y_b = load_planar_dataset(seed=3)
    np.testing.assert_array_equal(X_a, X_b)
    np.testing.assert_array_equal(Y_a, Y_b)
    X_other, _ = load_planar_dataset(seed=2)
    assert not np.array_equal(X_a, X_other)


@pytest.mark.parametrize("m", [0, 1, 3, 401, -2])
def test_flower_refuses_bad_m(m: int) -> None:
    with pytest.raises(ValueError, match="m must be"):
        load_planar_dataset(m=m)


@pytest.mark.parametrize("m", [400.0, True, "400"])
def test_flower_refuses_non_integer_m(m: Any) -> None:
    with pytest.raises(TypeError, match="m must be an integer"):
        load_planar_dataset(m=m)


@pytest.mark.parametrize(
    ("seed", "error", "match"),
    [(-1, ValueError, r"seed must be >= 0; got -1"), (1.0, TypeError, "seed must be an integer")],
)
def test_flower_refuses_a_bad_seed_naming_it(seed: Any, error: type[Exception], match: str) -> None:
    # mutmut: the name given to the check of seed set to None survived
    with pytest.raises(error, match=match):
        load_planar_dataset(seed=seed)


# ---------------------------------------------------------------- cat: synthetic files

CLASSES = np.array([b"non-cat", b"cat"])


def _synthetic() -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "train_x": rng.integers(0, 256, size=(3, 64, 64, 3), dtype=np.uint8),
        "train_y": np.array([0, 1, 1]),
        "test_x": rng.integers(0, 256, size=(2, 64, 64, 3), dtype=np.uint8),
        "test_y": np.array([1, 0]),
        "classes": CLASSES,
    }


def _write_npz(path: Path, arrays: dict[str, np.ndarray]) -> Path:
    np.savez(path, **arrays)  # type: ignore[arg-type]  # numpy's stub matches ** to allow_pickle
    return path


@pytest.fixture
def h5py() -> ModuleType:
    module: ModuleType = pytest.importorskip("h5py", reason="h5py is the optional 'h5' extra")
    return module


def _write_h5(h5py: ModuleType, folder: Path, arrays: dict[str, np.ndarray]) -> Path:
    """Write the course's two .h5 files (its dataset names) into folder."""
    for split in ("train", "test"):
        with h5py.File(folder / f"{split}_catvnoncat.h5", "w") as f:
            f[f"{split}_set_x"] = arrays[f"{split}_x"]
            f[f"{split}_set_y"] = arrays[f"{split}_y"]
            f["list_classes"] = arrays["classes"]
    return folder


def _check_preprocessing(data: CatData, arrays: dict[str, np.ndarray]) -> None:
    for split in ("train", "test"):
        x, y = arrays[f"{split}_x"], arrays[f"{split}_y"]
        X, Y = getattr(data, f"{split}_x"), getattr(data, f"{split}_y")
        m = x.shape[0]
        assert X.shape == (12288, m) and X.dtype == np.float64
        assert Y.shape == (1, m) and Y.dtype == np.float64
        np.testing.assert_array_equal(Y[0], y.astype(np.float64))
        for j in range(m):
            np.testing.assert_array_equal(X[:, j], x[j].reshape(-1) / 255.0)
        # row, column, channel order, spelled out for a few pixels
        for row, col, ch in [(0, 1, 2), (5, 0, 1), (63, 62, 0), (1, 0, 0)]:
            assert X[(row * 64 + col) * 3 + ch, m - 1] == x[m - 1, row, col, ch] / 255.0
    assert data.classes == ("non-cat", "cat")
    assert all(type(name) is str for name in data.classes)


def test_cat_npz_preprocessing_is_the_courses(tmp_path: Path) -> None:
    arrays = _synthetic()
    data = load_cat(_write_npz(tmp_path / "cat.npz", arrays))
    _check_preprocessing(data, arrays)


def test_cat_npz_accepts_str_path_and_str_classes(tmp_path: Path) -> None:
    arrays = {**_synthetic(), "classes": np.array(["non-cat", "cat"])}
    data = load_cat(str(_write_npz(tmp_path / "cat.npz", arrays)))
    assert data.classes == ("non-cat", "cat")


def test_cat_raw_returns_the_stored_arrays(tmp_path: Path) -> None:
    arrays = _synthetic()
    raw = load_cat_raw(_write_npz(tmp_path / "cat.npz", arrays))
    np.testing.assert_array_equal(raw.train_x, arrays["train_x"], strict=True)
    np.testing.assert_array_equal(raw.test_x, arrays["test_x"], strict=True)
    np.testing.assert_array_equal(raw.train_y, arrays["train_y"].astype(np.int64), strict=True)
    np.testing.assert_array_equal(raw.test_y, arrays["test_y"].astype(np.int64), strict=True)
    assert raw.classes == ("non-cat", "cat")


@pytest.mark.parametrize("form", ["directory", "train file", "test file"])
def test_cat_h5_path_forms(tmp_path: Path, h5py: ModuleType, form: str) -> None:
    arrays = _synthetic()
    folder = _write_h5(h5py, tmp_path, arrays)
    path = {
        "directory": folder,
        "train file": folder / "train_catvnoncat.h5",
        "test file": folder / "test_catvnoncat.h5",
    }[form]
    _check_preprocessing(load_cat(path), arrays)


def test_cat_h5_without_h5py_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("train_catvnoncat.h5", "test_catvnoncat.h5"):
        (tmp_path / name).write_bytes(b"not read")
    monkeypatch.setitem(sys.modules, "h5py", None)
    with pytest.raises(ImportError, match=r"pip install scratchnn\[h5\]"):
        load_cat(tmp_path)


def test_cat_missing_npz_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "absent.npz"
    with pytest.raises(FileNotFoundError, match=r"absent\.npz") as info:
        load_cat(path)
    assert "train_x" in str(info.value)  # says what was expected


def test_cat_missing_h5_names_the_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"train_catvnoncat\.h5"):
        load_cat(tmp_path)  # an empty directory
    (tmp_path / "train_catvnoncat.h5").write_bytes(b"not read")
    with pytest.raises(FileNotFoundError, match=r"test_catvnoncat\.h5"):
        load_cat(tmp_path / "train_catvnoncat.h5")
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_cat(tmp_path / "nowhere")


def test_cat_npz_missing_keys_are_named(tmp_path: Path) -> None:
    arrays = _synthetic()
    del arrays["classes"], arrays["test_y"]
    with pytest.raises(ValueError, match=r"cat\.npz lacks array\(s\) \['classes', 'test_y'\]"):
        load_cat(_write_npz(tmp_path / "cat.npz", arrays))


def test_cat_h5_missing_keys_are_named(tmp_path: Path, h5py: ModuleType) -> None:
    folder = _write_h5(h5py, tmp_path, _synthetic())
    with h5py.File(folder / "test_catvnoncat.h5", "a") as f:
        del f["list_classes"]
    with pytest.raises(ValueError, match=r"test_catvnoncat.h5 lacks array\(s\) \['list_classes'\]"):
        load_cat(folder)


@pytest.mark.parametrize(
    ("key", "value", "error", "match"),
    [
        ("train_x", np.zeros((3, 64, 64), np.uint8), ValueError, r"train_x in .*cat\.npz must be images of shape \(m, 64, 64, 3\)"),
        ("test_x", np.zeros((2, 32, 32, 3), np.uint8), ValueError, r"test_x in .*cat\.npz .*got shape"),
        ("train_x", np.zeros((0, 64, 64, 3), np.uint8), ValueError, r"m >= 1"),
        ("train_x", np.zeros((3, 64, 64, 3)), TypeError, r"train_x in .*cat\.npz .* uint8"),
        ("train_y", np.array([0, 1, 2]), ValueError, r"labels 0 or 1; found \[0, 1, 2\]"),
        ("test_y", np.array([0.5, 1.0]), ValueError, r"test_y in .*cat\.npz .* labels 0 or 1"),
        ("test_y", np.array([0, 1, 1]), ValueError, r"test_y in .*cat\.npz .* \(2,\) for 2 images"),
        ("train_y", np.array(["0", "1", "1"]), ValueError, r"train_y .* labels 0 or 1; found dtype <U1"),
        ("classes", np.array([b"cat"]), ValueError, r"classes in .*cat\.npz must hold 2 class names"),
        ("classes", np.array([0, 1]), TypeError, r"classes in .*cat\.npz must hold strings"),
        # an object array is stored as a pickle, and unpickling runs code: never loaded
        ("classes", np.array(["non-cat", "cat"], object), ValueError, r"allow_pickle=False"),
    ],
)  # fmt: skip
def test_cat_refuses_bad_arrays(
    tmp_path: Path, key: str, value: np.ndarray, error: type[Exception], match: str
) -> None:
    arrays = {**_synthetic(), key: value}
    with pytest.raises(error, match=match):
        load_cat(_write_npz(tmp_path / "cat.npz", arrays))


@pytest.mark.parametrize("layout", ["labels as a row", "labels as a column", "one image"])
def test_cat_label_layouts_and_a_single_image_are_accepted(tmp_path: Path, layout: str) -> None:
    # mutmut: refusing a column of labels, or a single image, and CatRaw labels left as a row
    # survived
    arrays = _synthetic()
    if layout == "one image":
        arrays = {**arrays, "train_x": arrays["train_x"][:1], "train_y": arrays["train_y"][:1]}
        arrays = {**arrays, "test_x": arrays["test_x"][:1], "test_y": arrays["test_y"][:1]}
        stored = arrays
    else:
        shape = (1, -1) if layout == "labels as a row" else (-1, 1)
        stored = {
            **arrays,
            **{f"{s}_y": arrays[f"{s}_y"].reshape(shape) for s in ("train", "test")},
        }
    path = _write_npz(tmp_path / "cat.npz", stored)
    _check_preprocessing(load_cat(path), arrays)
    raw = load_cat_raw(path)
    np.testing.assert_array_equal(raw.train_y, arrays["train_y"].astype(np.int64), strict=True)
    np.testing.assert_array_equal(raw.test_y, arrays["test_y"].astype(np.int64), strict=True)


@pytest.mark.parametrize("name", ["cat.txt", "cat.h5"])
def test_cat_path_of_an_unknown_form_is_refused(tmp_path: Path, name: str) -> None:
    # mutmut: the message of this error set to None survived
    (tmp_path / name).write_bytes(b"not read")
    with pytest.raises(ValueError, match=f"{name} is not of a known form; expected"):
        load_cat(tmp_path / name)


def _refs(h5py: ModuleType, f: Any, key: str) -> None:
    """Replace f[key] (two labels) by two HDF5 object references, an unsortable dtype."""
    del f[key]
    f.create_dataset(key, (2,), dtype=h5py.ref_dtype)[:] = [f["test_set_x"].ref] * 2


@pytest.mark.parametrize(
    ("split", "key", "value", "error", "match"),
    [
        ("train", "train_set_x", np.zeros((3, 64, 64), np.uint8), ValueError, r"train_x in .*train_catvnoncat\.h5 must be images"),
        ("test", "test_set_x", np.zeros((2, 64, 64, 3)), TypeError, r"test_x in .*test_catvnoncat\.h5 must be uint8"),
        ("test", "test_set_y", "references", ValueError, r"test_y in .*test_catvnoncat\.h5 must hold labels 0 or 1; found dtype object"),
        ("train", "list_classes", np.array([b"cat"]), ValueError, r"list_classes in .*train_catvnoncat\.h5 must hold 2 class names"),
        ("test", "list_classes", np.array([b"cat"]), ValueError, r"list_classes in .*test_catvnoncat\.h5 must hold 2 class names"),
        ("test", "list_classes", CLASSES[::-1], ValueError, r"list_classes differ: \('non-cat', 'cat'\) in .*train_catvnoncat\.h5, \('cat', 'non-cat'\) in .*test_catvnoncat\.h5"),
    ],
)  # fmt: skip
def test_cat_h5_refuses_bad_arrays_naming_the_file(
    tmp_path: Path,
    h5py: ModuleType,
    split: str,
    key: str,
    value: Any,
    error: type[Exception],
    match: str,
) -> None:
    # mutmut: errors that named no file (None) or the test file for the train arrays survived;
    # labels np.unique cannot sort must be refused by their dtype, never sorted (a TypeError)
    folder = _write_h5(h5py, tmp_path, _synthetic())
    with h5py.File(folder / f"{split}_catvnoncat.h5", "a") as f:
        if isinstance(value, str):
            _refs(h5py, f, key)
        else:
            del f[key]
            f[key] = value
    with pytest.raises(error, match=match):
        load_cat(folder)


# ---------------------------------------------------------------- cat: the course's data


def test_cat_real_data(cat_data_path: Path | None) -> None:
    if cat_data_path is None:
        pytest.skip("cat data absent: set SCRATCHNN_CAT_DATA")
    data = load_cat(cat_data_path)
    for X, Y, m, cats in [
        (data.train_x, data.train_y, 209, 72),
        (data.test_x, data.test_y, 50, 33),
    ]:
        assert X.shape == (12288, m) and X.dtype == np.float64
        assert Y.shape == (1, m) and Y.dtype == np.float64
        assert X.min() >= 0.0 and X.max() <= 1.0
        assert set(np.unique(Y).tolist()) == {0.0, 1.0}
        assert int(Y.sum()) == cats
    assert data.classes == ("non-cat", "cat")
