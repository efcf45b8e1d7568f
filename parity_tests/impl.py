"""Implementations under test: scratchnn itself, or any module providing the course API.

``--impl MODULE`` names a package with submodules ``logistic``, ``shallow``, ``deep`` (like
``scratchnn.course``), or a flat module holding some of the course's names (looked up in every
scope). A case whose function the implementation lacks is "not provided", never silently passed.
"""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any

from parity_tests.cases import ParityCase

DEFAULT = "scratchnn"
COURSE_SCOPES = ("logistic", "shallow", "deep")


@dataclass
class Implementation:
    name: str
    modules: dict[str, ModuleType | None] = field(default_factory=dict)

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
        module = self.modules.get(case.scope)
        fn = getattr(module, case.ours, None) if module is not None else None
        if fn is None or not callable(fn):
            return None, f"not provided: {self.name} has no {case.scope}.{case.ours}"
        return fn, ""

    def signature_mismatch(self, fn: Callable[..., Any], kwargs: dict[str, Any]) -> str:
        """Why ``fn`` cannot take the course's arguments, or ''."""
        try:
            inspect.signature(fn).bind(**{k: v for k, v in kwargs.items() if k[0] != "_"})
        except TypeError as exc:
            return f"not provided: {fn.__qualname__} has another signature ({exc})"
        except ValueError:  # builtins without a signature
            return ""
        return ""


def load(name: str) -> Implementation:
    """Import an implementation by module name (``scratchnn`` means scratchnn.course)."""
    if name == DEFAULT:
        import scratchnn.course as course

        return Implementation(name, {s: getattr(course, s) for s in COURSE_SCOPES})
    module = importlib.import_module(name)
    modules: dict[str, ModuleType | None] = {}
    for scope in COURSE_SCOPES:
        sub = getattr(module, scope, None)
        if not isinstance(sub, ModuleType):
            try:
                sub = importlib.import_module(f"{name}.{scope}")
            except ModuleNotFoundError as exc:
                if exc.name is not None and not f"{name}.{scope}".startswith(exc.name):
                    raise  # the implementation itself failed to import something
                sub = None
        modules[scope] = sub
    if not any(modules.values()):
        modules = dict.fromkeys(COURSE_SCOPES, module)  # a flat module: one namespace for all
    return Implementation(name, modules)
