"""The record of one parity case, and its tolerance.

A case compares one function of ours (scratchnn's core, or a name of the course API that any
implementation can provide) with a PyTorch reference on inputs from one generator. The generic tests
in ``test_parity.py`` and the report iterate over :data:`parity_tests.registry.CASES`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
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


#: A row's family, from the first part of its id (``cost.compute_cost`` is a row of "costs").
PREFIXES = {
    "activation": "activations",
    "derivative": "derivatives",
    "cost": "costs",
    "layer": "layers",
    "contract": "contracts",
    "model": "models",
    "update": "updates",
    "trajectory": "updates",
    "init": "init",
    "fd": "finite_differences",
    "convention": "conventions",
    "published": "published",
}

Inputs = Callable[[Any], dict[str, Any]]


@dataclass(frozen=True)
class ParityCase:
    """One row of the registry (the builders below write most of it).

    Attributes
    ----------
    id : str
        ``prefix.name[variant]``; the pytest id, the report's anchor and the ``-k`` selector. The
        prefix names the family (:data:`PREFIXES`).
    qualname : str
        ``scope.name``: where ours is looked up (a scope of :data:`SCOPES`) and its name there,
        e.g. ``"deep.L_model_backward"``; :attr:`scope` and :attr:`ours` are its two parts.
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
    qualname: str
    reference: Callable[..., Any]
    outputs: tuple[str, ...]
    inputs: Inputs
    compared: tuple[str, ...] = ()
    reference_only: tuple[str, ...] = ()
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

    def __post_init__(self) -> None:
        if not self.compared:
            object.__setattr__(self, "compared", self.outputs)

    @property
    def family(self) -> str:
        return PREFIXES[self.id.split(".", 1)[0]]

    @property
    def scope(self) -> str:
        return self.qualname.split(".", 1)[0]

    @property
    def ours(self) -> str:
        return self.qualname.split(".", 1)[1]

    def ours_inputs(self, kwargs: Mapping[str, Any]) -> dict[str, Any]:
        """The inputs ours is given: all but the reference's own."""
        return {k: v for k, v in kwargs.items() if k not in self.reference_only}


def row(
    prefix: str,
    qualname: str,
    reference: Callable[..., Any],
    outputs: tuple[str, ...],
    inputs: Inputs,
    *,
    variant: str = "",
    scope_in_id: bool = False,
    args: tuple[str, ...] | None = None,
    **fields: Any,
) -> ParityCase:
    """A row whose id is made from its function: ``prefix.scope.name[variant]``.

    The scope is left out of the id for scratchnn's core unless ``scope_in_id`` (the layer and
    update rows name it); ``id=`` gives an id outright. ``args`` is a course-API row's call as the
    course makes it, positionally (``course=`` a fuller :class:`CourseCall`). A family's module
    binds the first arguments once: ``cost = partial(row, "cost")``.
    """
    scope, name = qualname.split(".", 1)
    where = f"{scope}." if scope_in_id or scope != "scratchnn" else ""
    fields.setdefault("id", f"{prefix}.{where}{name}" + (f"[{variant}]" if variant else ""))
    if args is not None:
        fields["course"] = CourseCall(qualname, args)
    return ParityCase(
        qualname=qualname, reference=reference, outputs=outputs, inputs=inputs, **fields
    )


def float32(
    case: ParityCase,
    inputs: Inputs,
    *,
    id: str = "",
    tol: Tolerance = FLOAT32,
    convention: str = "",
) -> ParityCase:
    """``case`` on float32 inputs: ``[float32]`` added to its id (or ``id``), :data:`FLOAT32`."""
    if not id:
        stem, _, variant = case.id.partition("[")
        id = f"{stem}[{variant[:-1]},float32]" if variant else f"{stem}[float32]"
    return replace(case, id=id, inputs=inputs, tol=tol, convention=convention or case.convention)
