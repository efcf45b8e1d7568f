"""Implementations under test: scratchnn itself, or a learner's submission of the course API.

``--impl SUBMISSION`` takes what :func:`parity_tests.submission.load_submission` takes: a module
name, a ``.py`` file, a package folder, a folder of course files, a notebook. Its modules are
sorted into the course's weeks (scopes ``logistic``, ``shallow``, ``deep``): a module named like a
week serves that week first; any other module serves every week whose own function names it
holds (``propagate`` is week 2's, ``nn_model`` week 3's, ``L_model_backward`` week 4's), so a
notebook, a staff helper file such as ``dnn_app_utils_v3.py`` or one flat module of solutions all
work. A case whose function the submission lacks is "not provided", never silently passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from parity_tests.cases import ParityCase
from parity_tests.course_helpers import is_unavailable
from parity_tests.submission import Submission, SubmissionError, load_submission
from parity_tests.versions import FUNCTIONS

__all__ = [
    "COURSE_SCOPES",
    "DEFAULT",
    "Implementation",
    "SubmissionError",
    "load",
    "load_isolated",
]

DEFAULT = "scratchnn"
COURSE_SCOPES = ("logistic", "shallow", "deep")

_NAMES = {scope: {f.name for f in FUNCTIONS if f.scope == scope} for scope in COURSE_SCOPES}
#: The course's helper files define these too, with other contracts (dnn_utils' sigmoid returns
#: (A, cache)): they tell no week.
HELPER_NAMES = {"sigmoid", "relu", "sigmoid_backward", "relu_backward"}
#: The names only one week has: what tells which week a module holds.
MARKERS = {
    scope: names - HELPER_NAMES - set().union(*(_NAMES[s] for s in COURSE_SCOPES if s != scope))
    for scope, names in _NAMES.items()
}


@dataclass
class Implementation:
    name: str
    scopes: dict[str, list[Any]] = field(default_factory=dict)  # modules, or remote namespaces
    submission: Submission | None = None
    worker: Any = None  # the submission's process (parity_tests.isolation.Worker), if isolated
    weeks: dict[str, list[str]] = field(default_factory=dict)  # the modules serving each week

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()

    @property
    def is_default(self) -> bool:
        return self.name == DEFAULT

    def resolve(self, case: ParityCase) -> tuple[Callable[..., Any] | None, str]:
        """Ours for this case, or None and why it is not run."""
        if case.scope == "suite":
            if not self.is_default:
                return None, "convention evidence: runs with the default implementation only"
            from parity_tests import conventions

            return getattr(conventions, case.ours), ""
        if case.scope == "scratchnn":
            if not self.is_default:
                return None, f"not provided: scratchnn core function {case.ours} (not course API)"
            import scratchnn

            return getattr(scratchnn, case.ours), ""
        for module in self.scopes.get(case.scope, ()):
            fn = getattr(module, case.ours, None)
            if callable(fn) and not is_unavailable(fn):
                return fn, ""
        return None, f"not provided: {self.name} has no {case.scope}.{case.ours}"


def load(name: str) -> Implementation:
    """Load an implementation (``scratchnn`` means scratchnn.course); SubmissionError if not."""
    if name == DEFAULT:
        import scratchnn.course as course

        return Implementation(name, {s: [getattr(course, s)] for s in COURSE_SCOPES})
    submission = load_submission(name)
    scopes = sort_into_weeks(submission)
    weeks = {s: [m.__name__ for m in modules] for s, modules in scopes.items()}
    return Implementation(name, scopes, submission, weeks=weeks)


def load_isolated(name: str, **limits: Any) -> Implementation:
    """A submission loaded in a process of its own; its functions are called through a pipe.

    ``limits``: ``timeout`` (seconds per call), ``memory`` (bytes), ``output`` (bytes printed per
    call), ``threads`` (its BLAS threads). A submission that cannot be loaded raises
    SubmissionError with the one line the worker gave.
    """
    from types import SimpleNamespace

    from parity_tests.isolation import Failure, RemoteFunction, Worker

    if name == DEFAULT:
        return load(name)
    try:
        worker = Worker(name, **limits)
    except Failure as exc:
        raise SubmissionError(str(exc)) from exc
    loaded = worker.loaded
    scopes: dict[str, list[Any]] = {}
    for scope, functions in loaded.names.items():
        namespace = SimpleNamespace(
            **{fn: RemoteFunction(worker, scope, fn, sig) for fn, sig in functions.items()}
        )
        scopes[scope] = [namespace] if functions else []
    submission = Submission(
        name=name,
        kind=loaded.kind,  # type: ignore[arg-type]
        modules={},
        skipped=loaded.skipped,
        provided=loaded.provided,
    )
    return Implementation(name, scopes, submission, worker, weeks=loaded.modules)


def sort_into_weeks(submission: Submission) -> dict[str, list[ModuleType]]:
    """The modules that serve each week, the one named like it first."""
    modules = dict(submission.modules)
    root = submission.root
    if root is not None:
        for scope in COURSE_SCOPES:  # a package whose weeks are attributes (the mutants')
            sub = getattr(root, scope, None)
            if isinstance(sub, ModuleType):
                modules.setdefault(scope, sub)
        modules.setdefault(getattr(root, "__name__", "root"), root)
    scopes: dict[str, list[ModuleType]] = {s: [] for s in COURSE_SCOPES}
    for scope in COURSE_SCOPES:
        if scope in modules:
            scopes[scope].append(modules[scope])
    for key, module in modules.items():
        if key in COURSE_SCOPES:
            continue
        held = {n for n in vars(module) if callable(getattr(module, n, None))}
        for scope in COURSE_SCOPES:
            if held & MARKERS[scope] and module not in scopes[scope]:
                scopes[scope].append(module)
    if not any(scopes.values()):  # nothing tells the weeks apart: every module serves all
        scopes = {s: list(dict.fromkeys(modules.values())) for s in COURSE_SCOPES}
    return scopes
