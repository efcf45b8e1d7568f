"""Mutants of the course API: faulty implementations the parity suite must catch.

``parity_tests.mutants.correct`` is an independent, correct NumPy implementation (modules
``logistic``, ``shallow``, ``deep``). ``parity_tests.mutants.catalogue.MUTANTS`` lists faulty
variants, each one source replacement in one of those modules. Importing this package installs
an import hook that serves every mutant as a package::

    import importlib
    import parity_tests.mutants

    m = importlib.import_module("parity_tests.mutants.deep_dw_no_mean")
    m.deep.L_model_backward(...)  # the faulty module; m.logistic, m.shallow are the correct ones
    from parity_tests.mutants.deep_dw_no_mean import deep  # works too

The mutated module is rebuilt from the correct module's source; its code's file name is
``<mutant ID: MODULE>``, which is what tracebacks show.
"""

from __future__ import annotations

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.resources
import linecache
import sys
import types

from . import correct
from .catalogue import BY_ID, MUTANTS, Mutant

__all__ = [
    "MODULES",
    "MUTANTS",
    "Mutant",
    "MutantError",
    "correct",
    "correct_source",
    "load",
    "patched_source",
]

MODULES = ("logistic", "shallow", "deep")
_PREFIX = __name__ + "."
_RESERVED = {"correct", "catalogue"}  # real submodules a mutant id must not shadow


class MutantError(Exception):
    """A catalogue entry that cannot be applied to the correct source."""


def correct_source(module: str) -> str:
    """Return the source text of the correct module ``module``."""
    if module not in MODULES:
        raise MutantError(f"unknown module {module!r}; expected one of {MODULES}")
    return importlib.resources.files(correct).joinpath(module + ".py").read_text(encoding="utf-8")


def patched_source(mutant: Mutant) -> str:
    """Return the mutated module's source: ``old`` replaced by ``new``, checked to parse."""
    source = correct_source(mutant.module)
    count = source.count(mutant.old)
    if count != 1:
        raise MutantError(
            f"mutant {mutant.id!r}: the snippet {mutant.old!r} occurs {count} times in "
            f"correct/{mutant.module}.py; it must occur exactly once"
        )
    if mutant.new == mutant.old:
        raise MutantError(f"mutant {mutant.id!r}: new is identical to old")
    patched = source.replace(mutant.old, mutant.new)
    try:
        ast.parse(patched, filename=_filename(mutant))
    except SyntaxError as exc:
        raise MutantError(f"mutant {mutant.id!r}: the patched source does not parse") from exc
    return patched


def _filename(mutant: Mutant) -> str:
    return f"<mutant {mutant.id}: {mutant.module}>"


def _lookup(fullname: str) -> tuple[Mutant, str | None] | None:
    """Map ``parity_tests.mutants.<id>[.<module>]`` to its mutant and module name, else None."""
    if not fullname.startswith(_PREFIX):
        return None
    parts = fullname[len(_PREFIX) :].split(".")
    mutant = BY_ID.get(parts[0])
    if mutant is None or parts[0] in _RESERVED or len(parts) > 2:
        return None
    if len(parts) == 2 and parts[1] not in MODULES:
        return None
    return mutant, (parts[1] if len(parts) == 2 else None)


class _MutantLoader(importlib.abc.Loader):
    """Build a mutant package or one of its three modules."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        found = _lookup(module.__name__)
        if found is None:  # pragma: no cover - the finder only hands out known names
            raise ImportError(f"not a mutant module: {module.__name__}", name=module.__name__)
        mutant, name = found
        if name is None:  # the package: expose its three modules as attributes
            module.mutant = mutant  # type: ignore[attr-defined]
            for sub in MODULES:
                setattr(module, sub, importlib.import_module(f"{module.__name__}.{sub}"))
        elif name == mutant.module:  # the mutated module, rebuilt from the patched source
            source = patched_source(mutant)
            filename = _filename(mutant)
            linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
            code = compile(ast.parse(source, filename=filename), filename, "exec")
            exec(code, module.__dict__)
        else:  # an untouched module: the correct one itself (import honours the replacement)
            sys.modules[module.__name__] = getattr(correct, name)


class MutantFinder(importlib.abc.MetaPathFinder):
    """Serve ``parity_tests.mutants.<id>`` and ``parity_tests.mutants.<id>.<module>``."""

    _loader = _MutantLoader()

    def find_spec(
        self,
        fullname: str,
        path: object = None,
        target: types.ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        found = _lookup(fullname)
        if found is None:
            return None
        is_package = found[1] is None
        return importlib.machinery.ModuleSpec(fullname, self._loader, is_package=is_package)


def _install() -> None:
    """Put one MutantFinder on sys.meta_path; a reload of this module replaces the old one."""
    sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, "mutant_prefix", None) != _PREFIX]
    finder = MutantFinder()
    finder.mutant_prefix = _PREFIX  # type: ignore[attr-defined]
    sys.meta_path.append(finder)


def load(mutant_id: str) -> types.ModuleType:
    """Import the mutant package ``mutant_id``; raises KeyError for an unknown id."""
    if mutant_id not in BY_ID or mutant_id in _RESERVED:
        raise KeyError(f"unknown mutant id {mutant_id!r}")
    return importlib.import_module(_PREFIX + mutant_id)


_install()
