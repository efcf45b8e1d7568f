"""Calling a submission's course function the way the course calls it, and reading its answer.

A course-API row (a :class:`parity_tests.cases.ParityCase` with a :class:`CourseCall`) calls the
function positionally in the course's order, after ``np.random.seed(k)`` where the course's tests
seed, with the global random state restored afterwards. The function's version forms
(:mod:`parity_tests.versions`) are recognised and brought to one form before the comparison: the
keys ``dA1..dAL`` of the notebooks before v8, a model that returns its parameters only, an update
in place. What was recognised becomes a note of the verdict ("L_model_backward: keys dA1..dAL (the
course before v8)").

What the submission's own code does wrong is told in its own terms: an exception names its type,
the line of the learner's file and the function it was in; a bare ``assert`` shows its source line;
a warning is a note, never the verdict.
"""

from __future__ import annotations

import contextvars
import inspect
import linecache
import os
import sysconfig
import traceback
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from parity_tests import versions
from parity_tests.versions import CourseFunction

#: The seed of the course call in progress: a function that runs in another process
#: (:mod:`parity_tests.isolation`) seeds that process's global generator with it first.
COURSE_SEED: contextvars.ContextVar[int | None] = contextvars.ContextVar("seed", default=None)


class ParityMismatch(AssertionError):
    """Ours and the reference differ beyond the case's tolerance (or in shape or dtype)."""


class LearnerError(ParityMismatch):
    """The function under test raised (or exited); the message says where, in its own file."""


class NotProvided(Exception):
    """The function cannot be called as the course calls it: the case is "not provided"."""


class _NotReturned:
    """An output that the function's version does not return (compared by nothing)."""

    def __repr__(self) -> str:
        return "<not returned by this version>"


NOT_RETURNED = _NotReturned()


@dataclass(frozen=True)
class Alternative:
    """Another reference for the same inputs: another version's behaviour, or a near miss.

    ``behaviour`` is a key of the function's behaviours (an accepted alternative) or, for a
    diagnosis, the words that name what a matching result means.
    """

    behaviour: str
    reference: Callable[..., Any]


@dataclass(frozen=True)
class CourseCall:
    """How a row calls a course function: its inputs in the course's positional order, and more.

    Attributes
    ----------
    function : str
        ``scope.name`` in :data:`parity_tests.versions.FUNCTIONS`.
    args : tuple of str
        The row's input names, in the course's positional order. A version whose signature is
        shorter gets the first ones (week 3's ``compute_cost(A2, Y)`` of 2021 and
        ``compute_cost(A2, Y, parameters)`` before it).
    reference_behaviour : str
        The behaviour (key) that the row's reference computes, if the function has several.
    alternatives : tuple of Alternative
        References of the function's other versions: matching one of them passes, with its note.
    diagnoses : tuple of Alternative
        References that no version computes, tried only to explain a failure ("your
        initialization matches seed 3 ...").
    in_place : tuple of str
        Inputs a version may change in place (the update's parameters before 2021).
    """

    function: str
    args: tuple[str, ...]
    reference_behaviour: str = ""
    alternatives: tuple[Alternative, ...] = ()
    diagnoses: tuple[Alternative, ...] = ()
    in_place: tuple[str, ...] = ()

    @property
    def spec(self) -> CourseFunction:
        return versions.function(self.function)


@dataclass
class Called:
    """What one call gave: the result in the row's form, and what was noticed on the way."""

    result: Any
    notes: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


# --- the call ------------------------------------------------------------------------------------


def bind_course_args(
    fn: Callable[..., Any], call: CourseCall, kwargs: Mapping[str, Any]
) -> tuple[list[Any], str]:
    """The positional arguments ``fn`` takes, and the note naming its signature's version.

    Raises :class:`NotProvided` when no version's signature binds.
    """
    spec = call.spec
    values = [kwargs[name] for name in call.args]
    try:
        signature = inspect.signature(fn)
    except (TypeError, ValueError):  # a builtin or a C function: call it as the course does
        return values, ""
    tried, bound = [], []
    for sig in spec.signatures:
        n = min(len(values), len(sig.params))
        if n < sig.required:
            continue
        tried.append(sig.describe(spec.name))
        try:
            signature.bind(*values[:n])
        except TypeError:
            continue
        bound.append((sig, n))
    if bound:
        sig, n = max(bound, key=lambda b: _likeness(signature, b[0]))
        note = ""
        if len(spec.signatures) > 1 and _likeness(signature, sig) == 2:
            note = f"{spec.qualname}: signature {sig.describe(spec.name)} ({sig.versions})"
        return values[:n], note
    expected = " or ".join(tried) or spec.signatures[0].describe(spec.name)
    raise NotProvided(
        f"not provided: {getattr(fn, '__qualname__', spec.name)}{signature} cannot be called as "
        f"the course calls {expected}"
    )


def _likeness(signature: inspect.Signature, sig: Any) -> int:
    """How much ``signature`` looks like a version's: same names (1), and the same defaults (1)."""
    params = [p for p in signature.parameters.values() if p.kind <= p.POSITIONAL_OR_KEYWORD]
    names = tuple(p.name for p in params)
    required = sum(p.default is p.empty for p in params)
    return int(names == sig.params) + int(names == sig.params and required == sig.required)


def call_course(fn: Callable[..., Any], call: CourseCall, kwargs: Mapping[str, Any]) -> Called:
    """Call ``fn`` as the course does, then bring its result to the row's form.

    ``kwargs`` are the row's inputs (copies: the function may change them, the caller checks).
    """
    args, note = bind_course_args(fn, call, kwargs)
    spec = call.spec
    state = np.random.get_state()
    token = COURSE_SEED.set(spec.seed)
    try:
        if spec.seed is not None:
            np.random.seed(spec.seed)
        result, warned = guarded_call(fn, args, {}, describe=_call_text(spec.name, call, kwargs))
        called = Called(result, [note] if note else [], warned)
        adapt = ADAPTERS.get(call.function)
        if adapt is not None:
            called.result, keys = adapt(called.result, kwargs, _Rerun(fn, args, spec.seed))
            called.notes += [behaviour_note(call, k) for k in keys]
    finally:
        COURSE_SEED.reset(token)
        np.random.set_state(state)
    return called


def behaviour_note(call: CourseCall, key: str) -> str:
    """``"L_model_backward: keys dA1..dAL (the course before v8)"``."""
    spec = call.spec
    return f"{spec.qualname}: {spec.behaviour(key).label}"


def _call_text(name: str, call: CourseCall, kwargs: Mapping[str, Any]) -> str:
    """``name(activation='tanh')``: the scalar arguments that tell two calls apart."""
    shown = [
        f"{k}={kwargs[k]!r}"
        for k in call.args
        if isinstance(kwargs[k], (str, bool, int, float)) and not isinstance(kwargs[k], np.ndarray)
    ]
    return f"{name}({', '.join(shown)})" if shown else name


class _Rerun:
    """Call the function again under another global seed (to tell who seeds)."""

    def __init__(self, fn: Callable[..., Any], args: list[Any], seed: int | None) -> None:
        self.fn, self.args, self.seed = fn, args, seed

    def under_seed(self, seed: int) -> Any:
        from parity_tests.compare import deep_copy

        state = np.random.get_state()
        token = COURSE_SEED.set(seed)
        try:
            np.random.seed(seed)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                return self.fn(*deep_copy(self.args))
        finally:
            COURSE_SEED.reset(token)
            np.random.set_state(state)


def guarded_call(
    fn: Callable[..., Any], args: Sequence[Any], kwargs: Mapping[str, Any], describe: str
) -> tuple[Any, list[str]]:
    """Call ``fn``; its exception becomes a :class:`LearnerError`; its warnings are returned."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except (Exception, SystemExit) as exc:  # the submission's failure, told in its terms
            raise LearnerError(explain_exception(exc, describe)) from exc
    notes = []
    for w in caught:
        where = f" (line {w.lineno} of {Path(w.filename).name})" if w.filename else ""
        notes.append(f"{describe} warned: {w.category.__name__}: {w.message}{where}")
    return result, notes


# --- telling what happened -----------------------------------------------------------------------


def _library_dirs() -> tuple[str, ...]:
    dirs = {sysconfig.get_paths()[k] for k in ("stdlib", "platstdlib", "purelib", "platlib")}
    here = Path(__file__).resolve().parent
    dirs.add(str(here))  # the suite itself; its mutants and stand-ins are code under test
    return tuple(sorted(dirs))


_LIBRARY_DIRS = _library_dirs()
_UNDER_TEST = tuple(str(Path(__file__).resolve().parent / d) for d in ("mutants", "course_helpers"))


def _is_library(filename: str) -> bool:
    if filename.startswith("<"):
        return False  # code compiled from a notebook cell or a mutant: the submission's
    path = os.path.realpath(filename)
    if path.startswith(_UNDER_TEST):
        return False
    return path.startswith(_LIBRARY_DIRS)


def explain_exception(exc: BaseException, describe: str) -> str:
    """One line that says what happened and where: type, line, file, function, message."""
    if getattr(exc, "remote", False):  # told already, in the submission's own process
        return f"{describe} {exc}"
    frames: list[traceback.FrameSummary] = traceback.extract_tb(exc.__traceback__)
    frames = frames[1:] if frames and frames[0].name == "guarded_call" else frames
    own = [f for f in frames if not _is_library(f.filename)]
    frame = own[-1] if own else (frames[-1] if frames else None)
    kind = type(exc).__name__
    if isinstance(exc, SystemExit):
        what = f"called sys.exit({exc.code!r})"
    elif isinstance(exc, AssertionError) and not str(exc):
        line = _source_line(frame) if frame else ""
        what = f"failed an assert: {line}" if line else "failed an assert"
    else:
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
        what = f"raised {kind}" + (f": {text}" if text else "")
    if frame is None:
        return f"{describe} {what}"
    where = f"at line {frame.lineno} of {_short(frame.filename)}"
    inside = f" in {frame.name}" if frame.name not in ("<module>",) else ""
    return f"{describe} {what} ({where}{inside})"


def _source_line(frame: traceback.FrameSummary) -> str:
    line = frame.line or linecache.getline(frame.filename, frame.lineno or 0)
    return line.strip()


def _short(filename: str) -> str:
    return filename if filename.startswith("<") else Path(filename).name


# --- the version forms of results ---------------------------------------------------------------

Adapter = Callable[[Any, Mapping[str, Any], _Rerun], tuple[Any, list[str]]]


def _zeros_b(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    if isinstance(result, tuple) and len(result) == 2:
        b = result[1]
        if isinstance(b, (int, np.integer)) and not isinstance(b, bool):
            return result, ["b int"]
        if isinstance(b, float):
            return result, ["b float"]
    return result, []


def _db_float(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    """The 2017 notebook asserted ``isinstance(db, float)`` for its one-unit test layer."""
    b = kwargs["cache"][2]
    if isinstance(result, tuple) and len(result) == 3 and np.size(b) == 1:
        db = result[2]
        if isinstance(db, (float, np.floating)) and not isinstance(db, np.ndarray):
            dtype = getattr(result[1], "dtype", np.float64)
            column = np.full(np.shape(b), db, dtype=dtype)
            return (result[0], result[1], column), ["db float"]
    return result, []


def _dA_keys(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    L = len(kwargs["caches"])
    if not isinstance(result, Mapping):
        return result, []
    if "dA0" in result:
        return result, ["keys dA0.."]
    if f"dA{L}" in result:  # dA{l} holds the gradient of A[l-1]: shift back to the row's keys
        shifted = {k: v for k, v in result.items() if not k.startswith("dA")}
        for layer in range(1, L + 1):
            if f"dA{layer}" in result:
                shifted[f"dA{layer - 1}"] = result[f"dA{layer}"]
        return shifted, ["keys dA1..dAL"]
    return result, []


def _model_returns(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    if isinstance(result, Mapping):
        return (result, NOT_RETURNED), ["parameters only"]
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], Mapping):
        return result, ["with costs"]
    return result, []


def _seeds(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    if not isinstance(result, Mapping) or "W1" not in result:
        return result, []
    other = rerun.under_seed((rerun.seed or 0) + 1)
    same = isinstance(other, Mapping) and np.array_equal(
        np.asarray(other.get("W1")), np.asarray(result["W1"])
    )
    return result, ["seeds inside" if same else "caller seeds"]


def _labels(result: Any, kwargs: Mapping[str, Any], rerun: _Rerun) -> tuple[Any, list[str]]:
    """Predictions as booleans (2021 week 3) or integers compare as 0./1."""
    if isinstance(result, np.ndarray) and result.dtype == np.bool_:
        return result.astype(np.float64), ["booleans"]
    if isinstance(result, np.ndarray) and np.issubdtype(result.dtype, np.integer):
        return result.astype(np.float64), ["integers"]
    return result, []


ADAPTERS: dict[str, Adapter] = {
    "logistic.initialize_with_zeros": _zeros_b,
    "shallow.initialize_parameters": _seeds,
    "logistic.predict": _labels,
    "shallow.predict": _labels,
    "deep.predict": _labels,
    "deep.linear_backward": _db_float,
    "deep.L_model_backward": _dA_keys,
    "deep.two_layer_model": _model_returns,
    "deep.L_layer_model": _model_returns,
}
