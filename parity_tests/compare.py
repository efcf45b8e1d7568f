"""Compare ours with the reference: structure and shapes first, then dtype, then values.

Every mismatch raises :class:`ParityMismatch` with a message a learner can act on; every comparison
returns the errors it measured, which the plugin records for the report.
"""

from __future__ import annotations

import copy
import math
import os
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parity_tests.cases import ParityCase, Tolerance
from parity_tests.course_api import (
    NOT_RETURNED,
    LearnerError,
    NotProvided,
    ParityMismatch,
    behaviour_note,
    call_course,
    guarded_call,
)

__all__ = [
    "Errors",
    "LearnerError",
    "NotProvided",
    "ParityMismatch",
    "compare_values",
    "deep_copy",
    "run_case",
    "same",
    "summarize_inputs",
]


@dataclass
class Errors:
    """The largest errors of one comparison (over every compared output)."""

    max_abs: float = 0.0
    max_rel: float = 0.0  # |ours - ref| / max(|ref|, scale * 1e-3): relative, safe near zero
    worst: str = ""  # the output where max_rel occurred
    notes: list[str] = field(default_factory=list)  # the versions recognised
    warnings: list[str] = field(default_factory=list)  # what ours warned of

    def merge(self, other: Errors) -> None:
        self.max_abs = max(self.max_abs, other.max_abs)
        if other.max_rel >= self.max_rel:
            self.max_rel, self.worst = other.max_rel, other.worst
        self.notes += [n for n in other.notes if n not in self.notes]
        self.warnings += [w for w in other.warnings if w not in self.warnings]


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float, np.number)) and not isinstance(x, (bool, np.bool_))


def compare_values(ours: Any, ref: Any, tol: Tolerance, path: str) -> Errors:
    """Recursively compare ours with ref; ``ref is None`` means "not compared"."""
    errors = Errors()
    if ref is None or ours is NOT_RETURNED:
        return errors
    if isinstance(ref, Mapping):
        if not isinstance(ours, Mapping):
            raise ParityMismatch(f"{path}: expected a dict, got {type(ours).__name__}")
        missing = [k for k in ref if k not in ours]
        if missing:
            raise ParityMismatch(f"{path}: missing key(s) {missing}; got {sorted(ours)}")
        for key in ref:
            errors.merge(compare_values(ours[key], ref[key], tol, f"{path}[{key!r}]"))
        return errors
    if isinstance(ref, (tuple, list)):
        if not isinstance(ours, (tuple, list)) or len(ours) != len(ref):
            got = len(ours) if isinstance(ours, (tuple, list)) else type(ours).__name__
            raise ParityMismatch(f"{path}: expected a sequence of {len(ref)}, got {got}")
        for i, (o, r) in enumerate(zip(ours, ref, strict=True)):
            errors.merge(compare_values(o, r, tol, f"{path}[{i}]"))
        return errors
    if _is_number(ref):
        ours_arr = np.asarray(ours)
        if ours_arr.size != 1 or not np.issubdtype(ours_arr.dtype, np.number):
            raise ParityMismatch(f"{path}: expected a number, got {_describe(ours)}")
        return _values(np.asarray(float(ours_arr.reshape(()))), np.asarray(float(ref)), tol, path)
    ref_arr = np.asarray(ref)
    if not isinstance(ours, np.ndarray):
        raise ParityMismatch(f"{path}: expected an array {ref_arr.shape}, got {_describe(ours)}")
    if ours.shape != ref_arr.shape:
        raise ParityMismatch(
            f"{path}: shape {ours.shape}, expected {ref_arr.shape}" + _shape_hint(ours, ref_arr)
        )
    if ours.dtype != ref_arr.dtype:
        raise ParityMismatch(
            f"{path}: dtype {ours.dtype}, expected {ref_arr.dtype} (same as the inputs)"
        )
    return _values(ours, ref_arr, tol, path)


def _values(ours: np.ndarray, ref: np.ndarray, tol: Tolerance, path: str) -> Errors:
    o, r = ours.astype(np.float64), ref.astype(np.float64)
    if not np.isfinite(o).all():
        bad = ~np.isfinite(o)
        if not np.array_equal(np.isfinite(r), np.isfinite(o)) or not (o[bad] == r[bad]).all():
            raise ParityMismatch(f"{path}: ours has non-finite values where the reference has not")
    finite = np.isfinite(o) & np.isfinite(r)
    o, r = o[finite], r[finite]
    if o.size == 0:
        return Errors(worst=path)
    scale = max(1.0, float(np.abs(r).max()))
    diff = np.abs(o - r)
    allowed = tol.atol * scale + tol.rtol * np.abs(r)
    rel = diff / np.maximum(np.abs(r), scale * 1e-3)
    errors = Errors(float(diff.max()), float(rel.max()), path)
    if (diff > allowed).any():
        i = int(np.argmax(diff - allowed))
        n_bad = int((diff > allowed).sum())
        count = (
            f"all {n_bad} values differ"
            if n_bad == diff.size > 1
            else f"{n_bad} of {diff.size} value(s) differ"
        )
        raise ParityMismatch(
            f"{path}: {count} beyond "
            f"{tol.describe()}; worst: ours {o[i]!r} vs reference {r[i]!r} "
            f"(abs error {diff[i]:.3g}, relative {rel[i]:.3g})" + _ratio_hint(o, r)
        )
    return errors


def _shape_hint(ours: np.ndarray, ref: np.ndarray) -> str:
    if ref.ndim == 2 and ref.shape[1] == 1 and ours.shape == (ref.shape[0],):
        return ": a rank-1 array where a column is needed (np.sum without keepdims=True?)"
    if ours.shape == ref.shape[::-1]:
        return ": transposed (columns are examples in the course's layout)"
    if ref.ndim == 2 and ref.shape[1] == 1 and ours.ndim == 2 and ours.shape[0] == ref.shape[0]:
        return ": one value per example where one per unit is needed (a missing sum over m?)"
    return ""


def _ratio_hint(o: np.ndarray, r: np.ndarray) -> str:
    """Name a constant factor between the two sides (a wrong 1/m, a sign) when there is one."""
    nz = np.abs(r) > 1e-12
    if nz.sum() < 2:
        return ""
    ratios = o[nz] / r[nz]
    ratio = float(np.median(ratios))
    if not math.isfinite(ratio) or abs(ratio - 1) < 1e-6 or np.ptp(ratios) > 1e-6 * abs(ratio):
        return ""
    return (
        f"; ours is {ratio:.6g} x the reference everywhere (a wrong factor such as 1/m, m or -1?)"
    )


def _describe(x: Any) -> str:
    if isinstance(x, np.ndarray):
        return f"array {x.shape} {x.dtype}"
    return f"{type(x).__name__} {x!r}"[:120]


def summarize_inputs(kwargs: Mapping[str, Any]) -> str:
    """A short, readable account of a case's inputs (shapes, and values when small)."""
    parts = []
    for key, value in kwargs.items():
        parts.append(f"{key}={_summary(value)}")
    return ", ".join(parts)


def _summary(value: Any) -> str:
    if isinstance(value, np.random.RandomState):
        state = value.get_state()
        if isinstance(state, dict):  # a RandomState on another bit generator than MT19937
            return f"RandomState(<state {hash(str(state)) % 10**6:06d}...>)"
        return f"RandomState(<state {int(state[1][:4].sum()) % 10**6:06d}...>)"
    if isinstance(value, np.random.Generator):
        return f"Generator(<state {hash(str(value.bit_generator.state)) % 10**6:06d}...>)"
    if isinstance(value, np.ndarray):
        if value.size <= 12:
            return np.array2string(value, precision=6, separator=", ").replace("\n", "")
        return f"<{value.dtype} array {value.shape}>"
    if isinstance(value, Mapping):
        return "{" + ", ".join(f"{k}: {_summary(v)}" for k, v in value.items()) + "}"
    if isinstance(value, (tuple, list)):
        inner = ", ".join(_summary(v) for v in value)
        return f"({inner})" if isinstance(value, tuple) else f"[{inner}]"
    return repr(value)


def run_case(case: ParityCase, fn: Any, kwargs: Mapping[str, Any]) -> Errors:
    """Call ours and the reference on the same inputs and compare every named output.

    A course-API row calls ours as the course does (:mod:`parity_tests.course_api`); whatever it
    raises is a :class:`LearnerError`, what it warns a note. An input changed in place is a
    mismatch unless a version of the function does that. A row's alternatives (other versions'
    seeds) pass too, with their note; its diagnoses only name a near miss.
    """
    ours_kwargs = {k: deep_copy(v) for k, v in case.ours_inputs(kwargs).items()}
    course = case.course
    notes: list[str] = []
    if course is not None:
        called = call_course(fn, course, ours_kwargs)
        result, notes, warned = called.result, called.notes, called.warnings
    elif case.call is not None:
        result, warned = guarded_call(case.call, (fn, ours_kwargs), {}, describe=case.ours)
    else:
        result, warned = guarded_call(fn, (), ours_kwargs, describe=case.ours)
    changed = [key for key in ours_kwargs if not same(ours_kwargs[key], kwargs[key])]
    allowed = course.in_place if course is not None else ()
    for key in changed:
        if key not in allowed:
            raise ParityMismatch(f"{case.qualname} modified its input {key!r} in place")
    if course is not None and allowed:
        returned_input = any(result is ours_kwargs[k] for k in allowed)
        key = "in place" if changed or returned_input else "copies"
        if any(b.key == key for b in course.spec.behaviours):
            notes.append(behaviour_note(course, key))
    try:
        errors = _against(case, case.reference, result, kwargs)
        if course is not None and course.reference_behaviour:
            notes.append(behaviour_note(course, course.reference_behaviour))
    except ParityMismatch as first:
        errors = _alternatives(case, result, kwargs, first)
        notes.append(errors.notes.pop())
    errors.notes = notes + [n for n in errors.notes if n not in notes]
    errors.warnings = warned
    return errors


def _against(
    case: ParityCase,
    reference: Any,
    result: Any,
    kwargs: Mapping[str, Any],
    label: str = "reference",
) -> Errors:
    expected = cached_reference(case, reference, kwargs, label)
    ours_result, ref_result = result, expected
    if len(case.outputs) == 1:
        result, expected = (result,), (expected,)
    if isinstance(result, Mapping) and not isinstance(expected, Mapping):
        result = tuple(result.get(name) for name in case.outputs)
    named_ours = _named(result, case.outputs, case.id)
    named_ref = _named(expected, case.outputs, case.id)
    errors = Errors()
    for name in case.compared:
        errors.merge(compare_values(named_ours[name], named_ref[name], case.tol, name))
    if case.check is not None:
        case.check(ours_result, ref_result)
    return errors


REF_CACHE_ENV = "SCRATCHNN_REF_CACHE"
#: Seconds this process spent computing references (cache misses included, hits not).
CLOCK = {"reference": 0.0}


def cached_reference(
    case: ParityCase, reference: Any, kwargs: Mapping[str, Any], label: str = "reference"
) -> Any:
    """The reference's answer, from ``$SCRATCHNN_REF_CACHE`` when a batch has computed it before.

    A grader runs the same derandomized inputs against every submission: the torch side (the cat
    runs' 2500 steps included) is then computed once. The key is the case, the reference, the
    inputs' bytes and the torch version (``label`` tells a row's references apart: its own, an
    alternative's, a diagnosis's); a damaged entry is recomputed.
    """
    directory = os.environ.get(REF_CACHE_ENV)
    if not directory:
        return _timed(reference, kwargs)
    import hashlib
    import pickle

    import torch

    digest = hashlib.sha256(f"{case.id}|{label}|{torch.__version__}|".encode())
    digest.update(pickle.dumps(dict(kwargs), protocol=5))
    path = Path(directory) / f"{digest.hexdigest()}.pkl"
    if path.exists():
        try:
            return pickle.loads(path.read_bytes())
        except (OSError, pickle.UnpicklingError, EOFError):
            pass
    expected = _timed(reference, kwargs)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps(expected, protocol=5))
    tmp.replace(path)  # atomic: parallel graders never read half a file
    return expected


def _timed(reference: Any, kwargs: Mapping[str, Any]) -> Any:
    start = time.perf_counter()
    try:
        return reference(**{k: deep_copy(v) for k, v in kwargs.items()})
    finally:
        CLOCK["reference"] += time.perf_counter() - start


def _alternatives(
    case: ParityCase, result: Any, kwargs: Mapping[str, Any], first: ParityMismatch
) -> Errors:
    """Another version's reference that matches (its note last), or ``first`` re-raised."""
    course = case.course
    if course is None:
        raise first
    for alt in course.alternatives:
        try:
            errors = _against(case, alt.reference, result, kwargs, f"alternative {alt.behaviour}")
        except ParityMismatch:
            continue
        errors.notes.append(behaviour_note(course, alt.behaviour))
        return errors
    for diagnosis in course.diagnoses:
        try:
            _against(case, diagnosis.reference, result, kwargs, f"diagnosis {diagnosis.behaviour}")
        except ParityMismatch:
            continue
        raise ParityMismatch(
            f"yours matches {diagnosis.behaviour}, which no course version of "
            f"{course.spec.name} uses; {first}"
        ) from first
    raise first


def _named(value: Any, names: tuple[str, ...], case_id: str) -> dict[str, Any]:
    if isinstance(value, Mapping):
        return {name: value.get(name) for name in names}
    if not isinstance(value, (tuple, list)) or len(value) != len(names):
        got = len(value) if isinstance(value, (tuple, list)) else type(value).__name__
        raise ParityMismatch(f"{case_id}: expected {len(names)} outputs {names}, got {got}")
    return dict(zip(names, value, strict=True))


def deep_copy(value: Any) -> Any:
    """A deep copy of arrays in inputs, so neither side sees the other's in-place changes."""
    if isinstance(value, (np.random.RandomState, np.random.Generator)):
        return copy.deepcopy(value)
    if isinstance(value, np.ndarray):
        return value.copy()
    if isinstance(value, Mapping):
        return {k: deep_copy(v) for k, v in value.items()}
    if isinstance(value, tuple):
        return tuple(deep_copy(v) for v in value)
    if isinstance(value, list):
        return [deep_copy(v) for v in value]
    return value


def same(a: Any, b: Any) -> bool:
    """Whether an input is unchanged (arrays bit for bit, containers recursively)."""
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and a.dtype == b.dtype and np.array_equal(a, b, equal_nan=True)
    if isinstance(a, Mapping) and isinstance(b, Mapping):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (tuple, list)) and isinstance(b, (tuple, list)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    return True
