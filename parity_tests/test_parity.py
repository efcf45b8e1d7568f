"""The generic parity tests: every row of the registry, searched by hypothesis and on its samples.

Nothing here knows a particular function: rows say what to compare (``registry.py``), references say
how torch computes it (``references.py``), ``compare.py`` says whether they agree.
"""

from __future__ import annotations

import math
import time
from typing import Any, NoReturn

import numpy as np
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from parity_tests import plugin
from parity_tests.cases import ParityCase
from parity_tests.compare import (
    CLOCK,
    Errors,
    LearnerError,
    NotProvided,
    ParityMismatch,
    run_case,
    summarize_inputs,
)
from parity_tests.course_api import bind_course_args
from parity_tests.impl import Implementation
from parity_tests.isolation import CALL_LIMIT
from parity_tests.registry import CASES
from parity_tests.strategies import HypothesisSource, Redraw, SeededSource

SEARCHED = [c for c in CASES if c.search and not c.known_deviation]


class Tally:
    """What one test saw: examples, the largest errors, the worst input, a histogram of errors,
    and the seconds spent in the submission's own functions and on references."""

    def __init__(self, impl: Implementation | None = None) -> None:
        self.worker = impl.worker if impl is not None else None
        self.own0 = self.worker.own_seconds if self.worker is not None else 0.0
        self.ref0 = CLOCK["reference"]
        self.examples = 0
        self.errors = Errors()
        self.worst_input = ""
        self.log10_errors: list[float] = []

    def add(self, errors: Errors, kwargs: dict[str, Any]) -> None:
        self.examples += 1
        if errors.max_rel >= self.errors.max_rel or self.examples == 1:
            self.worst_input = summarize_inputs(kwargs)[:2000]
        self.errors.merge(errors)
        self.log10_errors.append(math.log10(errors.max_rel) if errors.max_rel > 0 else -20.0)


def _record(
    request: pytest.FixtureRequest, case: ParityCase, impl: str, test: str, **kw: Any
) -> None:
    tally: Tally | None = kw.pop("tally", None)
    entry = {
        "id": case.id,
        "family": case.family,
        "function": case.qualname,
        "impl": impl,
        "test": test,
        "tol": case.tol.describe(),
        "tol_why": case.tol.why,
        "known_deviation": case.known_deviation,
        "rerun": rerun(request, impl),
        "nodeid": request.node.nodeid,
        **kw,
    }
    if tally is not None:
        entry.update(
            examples=tally.examples,
            max_abs=tally.errors.max_abs,
            max_rel=tally.errors.max_rel,
            worst_output=tally.errors.worst,
            worst_input=tally.worst_input,
            log10_errors=tally.log10_errors[-1000:],
            notes=tally.errors.notes,
            warnings=tally.errors.warnings[:20],
            reference_seconds=CLOCK["reference"] - tally.ref0,
            own_seconds=(tally.worker.own_seconds - tally.own0) if tally.worker else None,
        )
        if tally.errors.notes or tally.errors.warnings:
            request.node.user_properties.append(
                ("scratchnn", {"notes": tally.errors.notes, "warnings": tally.errors.warnings[:5]})
            )
    plugin.record(request.config, entry)


def rerun(request: pytest.FixtureRequest, impl: str) -> str:
    """The command that reruns just this test (its node id: -k would select look-alikes too)."""
    extra = "" if impl == "scratchnn" else f" --impl {impl}"
    return f"pytest '{request.node.nodeid}'{extra}"


def _ours(case: ParityCase, impl: Implementation, request: pytest.FixtureRequest) -> Any:
    fn, why = impl.resolve(case)
    if fn is None:
        _not_run(request, case, impl, why)
    if "cat" in case.needs:
        path = plugin.cat_data_path(request.config)
        if path is None or not path.exists():
            why = plugin.cat_data_reason(request.config)
            _not_run(request, case, impl, why)
    if case.course is not None:  # a signature no version has: "not provided", not a failure
        try:
            first = sample(case, case.seeds[0], _resources(case, request))
            bind_course_args(fn, case.course, first)
        except NotProvided as exc:
            _not_run(request, case, impl, str(exc))
    return fn


def _not_run(
    request: pytest.FixtureRequest, case: ParityCase, impl: Implementation, why: str
) -> NoReturn:
    _record(request, case, impl.name, "resolve", outcome="not run", reason=why)
    pytest.skip(why)


def _resources(case: ParityCase, request: pytest.FixtureRequest) -> dict[str, Any]:
    if "cat" not in case.needs:
        return {}
    from scratchnn.data import load_cat

    return {"cat": load_cat(plugin.cat_data_path(request.config))}  # type: ignore[arg-type]


#: The course's long runs (2500 iterations on the cat images, 5000 on the flower) may take this
#: many times a submission's per-call time limit.
LONG_RUN = 10


def _check(case: ParityCase, impl: Implementation, fn: Any, kwargs: dict[str, Any]) -> Errors:
    long = impl.worker is not None and not case.search
    token = CALL_LIMIT.set(LONG_RUN * impl.worker.timeout) if long else None
    try:
        errors = run_case(case, fn, kwargs)
    finally:
        if token is not None:
            CALL_LIMIT.reset(token)
    if impl.is_default and errors.warnings:  # scratchnn itself promises no warnings
        raise ParityMismatch(f"scratchnn warned: {errors.warnings[0]}")
    return errors


def _fail(
    case: ParityCase,
    impl: Implementation,
    exc: BaseException,
    kwargs: Any,
    request: pytest.FixtureRequest,
) -> str:
    lines = [f"{case.id}: {headline(case, impl, exc)}"]
    if not _is_group(exc):
        lines.append(f"  inputs: {summarize_inputs(kwargs)[:1500] if kwargs else '?'}")
    lines.append(f"  rerun just this case: {rerun(request, impl.name)}")
    return "\n".join(lines)


def _is_group(exc: BaseException) -> bool:
    """An exception group (hypothesis's "found N distinct failures"; builtin from Python 3.11)."""
    return isinstance(getattr(exc, "exceptions", None), tuple)


def headline(case: ParityCase, impl: Implementation, exc: BaseException) -> str:
    """What happened, in one line per failure: every failure hypothesis found, each on its own."""
    if _is_group(exc):
        subs = exc.exceptions  # type: ignore[attr-defined]
        parts = [f"hypothesis found {len(subs)} distinct failures:"]
        for i, sub in enumerate(subs, 1):
            parts.append(f"  {i}. {headline(case, impl, sub)}")
            parts += [f"     {n}" for n in getattr(sub, "__notes__", ()) if n.startswith("inputs")]
        return "\n".join(parts)
    who = f"{case.qualname} of {impl.name}"
    if isinstance(exc, LearnerError):
        return f"{who}: {exc}"
    if isinstance(exc, ParityMismatch):
        return f"{who} disagrees with {case.oracle}: {exc}"
    return f"{who}: the suite itself failed ({type(exc).__name__}: {exc})"


@pytest.mark.parametrize("case", SEARCHED, ids=[c.id for c in SEARCHED])
def test_property(case: ParityCase, impl: Implementation, request: pytest.FixtureRequest) -> None:
    """Hypothesis searches the case's input space; a failure shrinks to a small counterexample."""
    fn = _ours(case, impl, request)
    tally = Tally(impl)
    last: dict[str, Any] = {}
    start = time.perf_counter()

    @given(data=st.data())
    def search(data: st.DataObject) -> None:
        source = HypothesisSource(data, _resources(case, request))
        kwargs = case.inputs(source)
        last.clear()
        last.update(kwargs)
        note(f"inputs: {summarize_inputs(kwargs)}")
        tally.add(_check(case, impl, fn, kwargs), kwargs)

    try:
        search()
    except Exception as exc:
        message = _fail(case, impl, exc, last, request)
        _record(
            request,
            case,
            impl.name,
            "property",
            outcome="fail",
            message=message,
            tally=tally,
            seconds=time.perf_counter() - start,
        )
        raise ParityMismatch(message) from exc
    _record(
        request,
        case,
        impl.name,
        "property",
        outcome="pass",
        tally=tally,
        seconds=time.perf_counter() - start,
    )


def _deviation_marks(case: ParityCase) -> list[Any]:
    if not case.known_deviation:
        return []
    return [pytest.mark.xfail(strict=True, reason=f"known deviation: {case.known_deviation}")]


@pytest.mark.parametrize(
    "case", [pytest.param(c, id=c.id, marks=_deviation_marks(c)) for c in CASES]
)
def test_samples(case: ParityCase, impl: Implementation, request: pytest.FixtureRequest) -> None:
    """The case's seeded samples: the inputs the report shows, and a smoke test without search."""
    fn = _ours(case, impl, request)
    tally = Tally(impl)
    start = time.perf_counter()
    kwargs: dict[str, Any] = {}
    try:
        for seed in case.seeds:
            kwargs = sample(case, seed, _resources(case, request))
            tally.add(_check(case, impl, fn, kwargs), kwargs)
    except Exception as exc:
        outcome = "known deviation" if case.known_deviation else "fail"
        message = _fail(case, impl, exc, kwargs, request)
        _record(
            request,
            case,
            impl.name,
            "samples",
            outcome=outcome,
            message=message,
            tally=tally,
            seconds=time.perf_counter() - start,
        )
        raise ParityMismatch(message) from exc
    outcome = "xpass" if case.known_deviation else "pass"
    _record(
        request,
        case,
        impl.name,
        "samples",
        outcome=outcome,
        tally=tally,
        seconds=time.perf_counter() - start,
    )


def sample(case: ParityCase, seed: int, resources: dict[str, Any] | None = None) -> dict[str, Any]:
    """The sample of ``case`` for ``seed`` (redrawn deterministically if the generator rejects)."""
    for attempt in range(100):
        try:
            return case.inputs(SeededSource(seed + 1_000_003 * attempt, resources or {}))
        except Redraw:
            continue
    raise RuntimeError(f"{case.id}: the generator rejected 100 seeded draws for seed {seed}")


def test_samples_are_deterministic() -> None:
    """The same seed gives the same sample (the report's examples are reproducible)."""
    for case in CASES:
        if case.needs:
            continue
        a, b = sample(case, case.seeds[0]), sample(case, case.seeds[0])
        assert summarize_inputs(a) == summarize_inputs(b), case.id
        assert all(np.array_equal(a[k], b[k]) for k in a if isinstance(a[k], np.ndarray)), case.id
