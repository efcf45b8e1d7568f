"""The generic parity tests: every row of the registry, searched by hypothesis and on its samples.

Nothing here knows a particular function: rows say what to compare (``registry.py``), references say
how torch computes it (``references.py``), ``compare.py`` says whether they agree.
"""

from __future__ import annotations

import math
import time
from typing import Any

import numpy as np
import pytest
from hypothesis import given, note
from hypothesis import strategies as st

from parity_tests import plugin
from parity_tests.cases import ParityCase
from parity_tests.compare import Errors, ParityMismatch, run_case, summarize_inputs
from parity_tests.impl import Implementation
from parity_tests.registry import CASES
from parity_tests.strategies import HypothesisSource, Redraw, SeededSource

SEARCHED = [c for c in CASES if c.search and not c.known_deviation]


class Tally:
    """What one test saw: examples, the largest errors, the worst input, a histogram of errors."""

    def __init__(self) -> None:
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
        "rerun": case.rerun(None if impl == "scratchnn" else impl),
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
        )
    plugin.record(request.config, entry)


def _ours(case: ParityCase, impl: Implementation, request: pytest.FixtureRequest) -> Any:
    fn, why = impl.resolve(case)
    if fn is None:
        _record(request, case, impl.name, "resolve", outcome="not run", reason=why)
        pytest.skip(why)
    if "cat" in case.needs:
        path = plugin.cat_data_path(request.config)
        if path is None or not path.exists():
            why = "not run: data absent (set SCRATCHNN_CAT_DATA or --cat-data to the cat .npz)"
            _record(request, case, impl.name, "resolve", outcome="not run", reason=why)
            pytest.skip(why)
    return fn


def _resources(case: ParityCase, request: pytest.FixtureRequest) -> dict[str, Any]:
    if "cat" not in case.needs:
        return {}
    from scratchnn.data import load_cat

    return {"cat": load_cat(plugin.cat_data_path(request.config))}  # type: ignore[arg-type]


def _fail(case: ParityCase, impl: Implementation, exc: BaseException, kwargs: Any) -> str:
    return (
        f"{case.id} ({case.qualname} of {impl.name}) disagrees with PyTorch:\n  {exc}\n"
        f"  inputs: {summarize_inputs(kwargs)[:1500] if kwargs else '?'}\n"
        f"  rerun just this case: {case.rerun(None if impl.is_default else impl.name)}"
    )


@pytest.mark.parametrize("case", SEARCHED, ids=[c.id for c in SEARCHED])
def test_property(case: ParityCase, impl: Implementation, request: pytest.FixtureRequest) -> None:
    """Hypothesis searches the case's input space; a failure shrinks to a small counterexample."""
    fn = _ours(case, impl, request)
    tally = Tally()
    last: dict[str, Any] = {}
    start = time.perf_counter()

    @given(data=st.data())
    def search(data: st.DataObject) -> None:
        source = HypothesisSource(data, _resources(case, request))
        kwargs = case.inputs(source)
        last.clear()
        last.update(kwargs)
        note(f"inputs: {summarize_inputs(kwargs)}")
        bad = "" if case.call else impl.signature_mismatch(fn, kwargs)
        if bad:
            raise ParityMismatch(bad)
        tally.add(run_case(case, fn, kwargs), kwargs)

    try:
        search()
    except Exception as exc:
        message = _fail(case, impl, exc, last)
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
    tally = Tally()
    start = time.perf_counter()
    kwargs: dict[str, Any] = {}
    try:
        for seed in case.seeds:
            kwargs = sample(case, seed, _resources(case, request))
            bad = "" if case.call else impl.signature_mismatch(fn, kwargs)
            if bad:
                raise ParityMismatch(bad)
            tally.add(run_case(case, fn, kwargs), kwargs)
    except Exception as exc:
        outcome = "known deviation" if case.known_deviation else "fail"
        message = _fail(case, impl, exc, kwargs)
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
