"""The record of one parity case, and its tolerance.

A case compares one function of ours (scratchnn's core, or a name of the course API that any
implementation can provide) with a PyTorch reference on inputs from one generator. The generic tests
in ``test_parity.py`` and the report iterate over :data:`parity_tests.registry.CASES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from parity_tests.course_api import CourseCall

#: The families, in the order the report shows them.
FAMILIES = {
    "activations": "Activations, forward",
    "derivatives": "Derivatives, with a random upstream gradient",
    "costs": "Costs and the gradient that starts backprop",
    "layers": "Layers: linear and linear + activation",
    "contracts": "The 1/m and keepdims contracts",
    "models": "Whole models",
    "updates": "Updates and training trajectories",
    "init": "Initialization",
    "finite_differences": "A third oracle: central finite differences",
    "conventions": "Conventions where the course and PyTorch differ",
    "published": "The course's own test cases and the values it publishes",
}

#: Where ``ours`` is looked up: scratchnn's core, a module of the course API, or the suite itself
#: (the literal course formulas shown as evidence in the conventions family).
SCOPES = ("scratchnn", "logistic", "shallow", "deep", "suite")

DEFAULT_RTOL = 1e-9
DEFAULT_ATOL = 1e-12


@dataclass(frozen=True)
class Tolerance:
    """``|ours - ref| <= atol * scale + rtol * |ref|`` elementwise, ``scale = max(1, max|ref|)``.

    The defaults catch a float32 computation inside a float64 one (errors near 1e-7) and any wrong
    factor, while float64 parity of small computations holds to about 1e-15. A looser tolerance must
    say why.
    """

    rtol: float = DEFAULT_RTOL
    atol: float = DEFAULT_ATOL
    why: str = ""

    @property
    def loose(self) -> bool:
        return self.rtol > DEFAULT_RTOL or self.atol > DEFAULT_ATOL

    def describe(self) -> str:
        return f"rtol {self.rtol:g}, atol {self.atol:g}"


FLOAT32 = Tolerance(
    rtol=2e-5,
    atol=1e-6,
    why="float32 on both sides: each side rounds to float32 (eps 1.2e-7) in its own order, "
    "and a few chained operations grow that to ~1e-6 relative",
)


@dataclass(frozen=True)
class ParityCase:
    """One row of the registry.

    Attributes
    ----------
    id : str
        ``family-ish.name[variant]``; the pytest id, the report's anchor and the ``-k`` selector.
    family : str
        A key of :data:`FAMILIES`.
    scope, ours : str
        Where ours is looked up (one of :data:`SCOPES`) and its name there, e.g.
        ``("deep", "L_model_backward")``.
    reference : callable
        Takes every input (those of ``reference_only`` included) and returns the same structure as
        ``ours`` in *our* layout; the only code that knows both layouts.
    outputs : tuple of str
        Names of what ``ours`` returns (a tuple) or the keys compared (a dict).
    inputs : callable
        ``inputs(source) -> dict`` keyword arguments for ``ours``, and for the reference. The same
        generator makes hypothesis examples and the seeded samples.
    compared : tuple of str
        The outputs compared, a subset of ``outputs``; empty (the default) means all of them.
        After construction it always holds the names (``outputs`` when none were given).
    reference_only : tuple of str
        Keys of ``inputs`` that go to the reference only (what torch needs to recompute the
        answer: the ``X`` and ``parameters`` behind a cache, the ``Z`` behind an ``A``).
    seeds : tuple of int
        Seeds of the fixed samples (the report's examples, a smoke test that needs no search).
    tol : Tolerance
    convention : str
        What the report tells a learner: layout, scaling, subgradient.
    known_deviation : str
        Non-empty: the two sides are expected to differ (a strict xfail on the samples).
    search : bool
        Whether hypothesis searches this case (False for long trajectories and evidence rows).
    call : callable, optional
        ``call(fn, kwargs) -> result`` when ours is not called as ``fn(**kwargs)``.
    check : callable, optional
        ``check(ours_result, ref_result)``: an extra property, raising AssertionError.
    needs : tuple of str
        Resources the case needs (``"cat"``: the course's cat data); absent means "not run".
    course : CourseCall, optional
        For a course-API row: how the course calls the function (positionally, seeded), its
        versions' forms and other versions' references. Every course-API row has one.
    oracle : str
        What the reference is, for the verdict ("disagrees with PyTorch").
    """

    id: str
    family: str
    scope: str
    ours: str
    reference: Callable[..., Any]
    outputs: tuple[str, ...]
    inputs: Callable[[Any], dict[str, Any]]
    seeds: tuple[int, ...] = (0, 1, 2)
    tol: Tolerance = field(default_factory=Tolerance)
    convention: str = ""
    known_deviation: str = ""
    search: bool = True
    call: Callable[[Callable[..., Any], Mapping[str, Any]], Any] | None = None
    check: Callable[[Any, Any], None] | None = None
    needs: tuple[str, ...] = ()
    course: CourseCall | None = None
    oracle: str = "PyTorch"
    compared: tuple[str, ...] = ()
    reference_only: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.compared:
            object.__setattr__(self, "compared", self.outputs)

    def ours_inputs(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs ours is given: all but the reference's own."""
        return {k: v for k, v in kwargs.items() if k not in self.reference_only}

    @property
    def qualname(self) -> str:
        return f"{self.scope}.{self.ours}"
