"""Meta-tests of the registry: the table itself must be sound."""

from __future__ import annotations

import inspect

import numpy as np
import pytest

import scratchnn
import scratchnn.course
from parity_tests import versions
from parity_tests.activation_specs import COURSE_ACTIVATIONS, SPECS
from parity_tests.cases import FAMILIES, PREFIXES, SCOPES, ParityCase
from parity_tests.course_api import bind_course_args
from parity_tests.impl import COURSE_SCOPES, load
from parity_tests.registry import CASES
from parity_tests.test_parity import sample

#: Public functions with no parity row, and why.
EXCUSED = {
    "scratchnn.get_activation": "resolves names; every activation it returns has its own rows",
    "scratchnn.default_activations": "a list of names; used by every model row",
    "scratchnn.predict": "thresholds model_forward's AL at 0.5 (no torch counterpart); unit tests",
    "scratchnn.accuracy": "a mean of equal labels (no torch counterpart); unit tests",
}


def test_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.id)
def test_row_is_well_formed(case: ParityCase) -> None:
    assert case.id.split(".", 1)[0] in PREFIXES, f"{case.id}: its prefix names no family"
    assert case.family in FAMILIES, case.family
    assert case.scope in SCOPES, case.scope
    assert case.outputs and all(isinstance(name, str) for name in case.outputs)
    assert set(case.compared) <= set(case.outputs), f"compared {case.compared} not all outputs"
    assert case.convention.strip(), "every row tells the report its convention"
    assert case.seeds, "every row has seeded samples"
    if case.tol.loose:
        assert len(case.tol.why) > 20, f"{case.id}: a loose tolerance needs a written reason"
    if case.known_deviation:
        assert not case.search, "a known deviation is shown on its samples, not searched"


@pytest.mark.parametrize("case", [c for c in CASES if not c.needs], ids=lambda c: c.id)
def test_samples_bind_to_ours(case: ParityCase) -> None:
    """Each sample binds to the signature of ours (scratchnn's) and of its reference."""
    fn, why = load("scratchnn").resolve(case)
    assert fn is not None, why
    kwargs = sample(case, case.seeds[0])
    missing = [k for k in case.reference_only if k not in kwargs]
    assert not missing, f"reference_only names {missing}, which the inputs do not have"
    ours_kwargs = case.ours_inputs(kwargs)
    if case.course is not None:
        bind_course_args(fn, case.course, ours_kwargs)
    elif case.call is None:
        inspect.signature(fn).bind(**ours_kwargs)
    inspect.signature(case.reference).bind(**kwargs)


COURSE_ROWS = [c for c in CASES if c.scope in COURSE_SCOPES]


@pytest.mark.parametrize("case", COURSE_ROWS, ids=lambda c: c.id)
def test_course_rows_call_as_the_course_does(case: ParityCase) -> None:
    """A course-API row passes nothing a course version does not take: positional arguments of
    the function's signatures, no rng, and only the activations its week uses."""
    assert case.course is not None and case.call is None, "course rows call through CourseCall"
    assert case.course.function == case.qualname
    spec = versions.function(case.qualname)
    fits = [
        sig
        for sig in spec.signatures
        if sig.required <= min(len(case.course.args), len(sig.params))
    ]
    assert fits, f"{case.course.args} fit no signature of {case.qualname}"
    if case.needs:
        return
    kwargs = sample(case, case.seeds[0])
    passed = case.ours_inputs(kwargs)
    assert set(passed) == set(case.course.args), "every input is a positional argument"
    for value in passed.values():
        assert not isinstance(value, (np.random.RandomState, np.random.Generator))
    if "activation" in passed:
        assert passed["activation"] in COURSE_ACTIVATIONS[case.scope]


def test_every_course_function_has_a_row() -> None:
    covered = {c.qualname for c in COURSE_ROWS}
    missing = [f.qualname for f in versions.FUNCTIONS if f.qualname not in covered]
    assert not missing, missing


def _public() -> list[str]:
    names = [
        f"scratchnn.{n}" for n in scratchnn.__all__ if inspect.isfunction(getattr(scratchnn, n))
    ]
    for scope in ("logistic", "shallow", "deep"):
        module = getattr(scratchnn.course, scope)
        names += [f"{scope}.{n}" for n in module.__all__]
    return names


def test_every_public_function_is_covered_or_excused() -> None:
    covered = {case.qualname for case in CASES}
    missing = [n for n in _public() if n not in covered and n not in EXCUSED]
    assert not missing, f"no parity row and no excuse: {missing}"
    stale = [n for n in EXCUSED if n in covered or n not in _public()]
    assert not stale, f"excused but covered, or no longer public: {stale}"


def test_blas_and_torch_share_the_cores() -> None:
    # Two xdist workers each running OpenBLAS on every core made a skinny product 100x slower;
    # the plugin divides the cores among the workers and keeps torch on one thread.
    import os

    import torch
    from threadpoolctl import threadpool_info

    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    limit = max(1, (os.cpu_count() or 1) // workers)
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        if os.environ.get(var, "").isdigit() and int(os.environ[var]) > 0:
            limit = min(limit, int(os.environ[var]))  # the gate and the report set 1
    blas = [i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"]
    assert blas and set(blas) == {limit}
    assert torch.get_num_threads() == 1


@pytest.mark.parametrize("case", [c for c in CASES if not c.needs], ids=lambda c: c.id)
def test_samples_have_several_examples(case: ParityCase) -> None:
    """A row's samples include m >= 2 where its inputs have examples (at m = 1 a sum over the
    examples, or a missing 1/m, goes unseen)."""
    widths = []
    for seed in case.seeds:
        kwargs = sample(case, seed)
        widths += [v.shape[1] for v in kwargs.values() if isinstance(v, np.ndarray) and v.ndim == 2]
    assert not widths or max(widths) >= 2, f"every sample of {case.id} has one example"


def test_the_torch_references_cover_the_activation_table() -> None:
    from parity_tests import references as ref
    from parity_tests.activation_specs import NAMES

    assert list(ref.TORCH_ACTIVATIONS) == list(ref.TORCH_MODULES) == list(NAMES)
    rows = {c.id for c in CASES}
    for spec in SPECS:  # every activation has its forward and derivative rows in both dtypes
        for tag in ("", "[float32]"):
            assert f"activation.{spec.functions}{tag}" in rows
            assert f"derivative.{spec.functions}_backward{tag}" in rows
