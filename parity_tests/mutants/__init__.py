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

The same mutants apply to the other correct implementations, the *bases* (``BASES``): the
packages ``course_v1``, ``course_v5`` and ``course_2021``, learner-style course code of each
course-version family. ``parity_tests.mutants.<base>.<id>`` is mutant ``id`` on ``base`` (where
the catalogue says it applies), a package holding every module of the base: the mutated one,
rebuilt from its patched source; those that import it by a relative import (``deep`` when the
mutant is in ``dnn_utils``), run again from their own source so that they see the mutated one;
the others, the base's own modules. Relative imports resolve inside the mutant package, so
``from .dnn_app_utils_v3 import *`` works. ``parity_tests.mutants.<id>`` is the mutant on
``correct`` (``parity_tests.mutants.correct.<id>`` names the same package)::

    m = parity_tests.mutants.load("deep_dw_no_mean", "course_2021")
    m.deep.linear_backward(...)  # the faulty one; m.app, m.dnn_app_utils_v3, ... the base's

The mutated module's code has the file name ``<mutant ID: MODULE>`` on ``correct`` and
``<mutant ID: BASE.MODULE>`` on another base, which is what tracebacks show.
"""

from __future__ import annotations

import ast
import functools
import importlib
import importlib.abc
import importlib.machinery
import linecache
import pkgutil
import sys
import types
from pathlib import Path

from . import correct
from .catalogue import (
    BASES,
    BY_ID,
    DEFAULT_BASE,
    FAMILY_BASES,
    MUTANTS,
    Mutant,
    NotApplicable,
    Site,
)

__all__ = [
    "BASES",
    "DEFAULT_BASE",
    "FAMILY_BASES",
    "MODULES",
    "MUTANTS",
    "Mutant",
    "MutantError",
    "NotApplicable",
    "Site",
    "base_modules",
    "base_source",
    "correct",
    "correct_source",
    "dependents",
    "import_name",
    "load",
    "patched_source",
]

MODULES = ("logistic", "shallow", "deep")  # the modules of ``correct``
_PREFIX = __name__ + "."
_HERE = Path(__file__).resolve().parent
# real submodules a mutant id must not shadow
_RESERVED = {"catalogue", "gate", *BASES}


class MutantError(Exception):
    """A catalogue entry that cannot be applied to its base's source."""


def _check_base(base: str) -> None:
    if base not in BASES:
        raise MutantError(f"unknown base {base!r}; expected one of {BASES}")


@functools.cache
def base_modules(base: str) -> tuple[str, ...]:
    """The names of the modules of ``base`` (its ``.py`` files but ``__init__``), sorted."""
    _check_base(base)
    found = pkgutil.iter_modules([str(_HERE / base)])
    return tuple(sorted(i.name for i in found if not i.ispkg and i.name.isidentifier()))


def base_source(base: str, module: str) -> str:
    """Return the source text of the module ``module`` of ``base``."""
    if module not in base_modules(base):
        raise MutantError(
            f"unknown module {module!r} of {base}; expected one of {base_modules(base)}"
        )
    return (_HERE / base / f"{module}.py").read_text(encoding="utf-8")


def correct_source(module: str) -> str:
    """Return the source text of the correct module ``module``."""
    if module not in MODULES:
        raise MutantError(f"unknown module {module!r}; expected one of {MODULES}")
    return base_source(DEFAULT_BASE, module)


def _site(mutant: Mutant, base: str) -> Site:
    _check_base(base)
    try:
        site = mutant.site(base)
    except KeyError as exc:
        raise MutantError(exc.args[0]) from None
    if isinstance(site, NotApplicable):
        raise MutantError(f"mutant {mutant.id!r} does not apply to {base}: {site.reason}")
    return site


def patched_source(mutant: Mutant, base: str = DEFAULT_BASE) -> str:
    """Return the mutated module's source: ``old`` replaced by ``new``, checked to parse."""
    site = _site(mutant, base)
    module = site.module or mutant.module
    source = base_source(base, module)
    count = source.count(site.old)
    if count != 1:
        raise MutantError(
            f"mutant {mutant.id!r}: the snippet {site.old!r} occurs {count} times in "
            f"{base}/{module}.py; it must occur exactly once"
        )
    if site.new == site.old:
        raise MutantError(f"mutant {mutant.id!r}: new is identical to old")
    patched = source.replace(site.old, site.new)
    try:
        ast.parse(patched, filename=_filename(mutant, base, module))
    except SyntaxError as exc:
        raise MutantError(
            f"mutant {mutant.id!r}: the patched source of {base}/{module}.py does not parse"
        ) from exc
    return patched


def _filename(mutant: Mutant, base: str, module: str) -> str:
    where = module if base == DEFAULT_BASE else f"{base}.{module}"
    return f"<mutant {mutant.id}: {where}>"


@functools.cache
def _imports(base: str) -> dict[str, frozenset[str]]:
    """For each module of ``base``, the modules of ``base`` it imports by a relative import."""
    modules = base_modules(base)
    found: dict[str, frozenset[str]] = {}
    for name in modules:
        names: set[str] = set()
        for node in ast.walk(ast.parse(base_source(base, name))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module is None:  # from . import x, y
                    names.update(alias.name for alias in node.names)
                else:  # from .x import ... / from .x.y import ...
                    names.add(node.module.partition(".")[0])
        found[name] = frozenset(names & set(modules))
    return found


def dependents(base: str, module: str) -> frozenset[str]:
    """The modules of ``base`` that import ``module``, directly or through one another."""
    graph = _imports(base)
    found: set[str] = set()
    frontier = {module}
    while frontier:
        frontier = {name for name, deps in graph.items() if deps & frontier} - found - {module}
        found |= frontier
    return frozenset(found)


def import_name(mutant_id: str, base: str = DEFAULT_BASE) -> str:
    """The name mutant ``mutant_id`` on ``base`` is imported by (``--impl`` takes it)."""
    _check_base(base)
    return f"{_PREFIX}{mutant_id}" if base == DEFAULT_BASE else f"{_PREFIX}{base}.{mutant_id}"


def _lookup(fullname: str) -> tuple[str, Mutant, str | None] | None:
    """Map a mutant package or module name to (base, mutant, module name or None), else None.

    The names: ``parity_tests.mutants.[<base>.]<id>[.<module>]``, the base ``correct`` when none
    is given; the mutant must apply to the base and the module be one of the base's.
    """
    if not fullname.startswith(_PREFIX):
        return None
    parts = fullname[len(_PREFIX) :].split(".")
    base = DEFAULT_BASE
    if parts[0] in BASES:
        base, parts = parts[0], parts[1:]
    if not parts or len(parts) > 2 or parts[0] in _RESERVED:
        return None
    mutant = BY_ID.get(parts[0])
    if mutant is None or not mutant.applies_to(base):
        return None
    if len(parts) == 2 and parts[1] not in base_modules(base):
        return None
    return base, mutant, (parts[1] if len(parts) == 2 else None)


class _MutantLoader(importlib.abc.Loader):
    """Build a mutant package or one of its modules."""

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> types.ModuleType | None:
        return None  # the default module object

    def exec_module(self, module: types.ModuleType) -> None:
        fullname = module.__name__
        found = _lookup(fullname)
        if found is None:  # pragma: no cover - the finder only hands out known names
            raise ImportError(f"not a mutant module: {fullname}", name=fullname)
        base, mutant, name = found
        package = import_name(mutant.id, base)
        canonical = package if name is None else f"{package}.{name}"
        if fullname != canonical:  # parity_tests.mutants.correct.<id>[...]: the same modules
            sys.modules[fullname] = importlib.import_module(canonical)
            return
        site = _site(mutant, base)
        if name is None:  # the package: every module of the base as an attribute
            module.mutant = mutant  # type: ignore[attr-defined]
            module.base = base  # type: ignore[attr-defined]
            module.site = site  # type: ignore[attr-defined]
            for sub in base_modules(base):
                setattr(module, sub, importlib.import_module(f"{fullname}.{sub}"))
        elif name == site.module:  # the mutated module, rebuilt from the patched source
            source = patched_source(mutant, base)
            _run(module, source, _filename(mutant, base, name))
        elif name in dependents(base, site.module or mutant.module):
            # it imports the mutated module: run it again here, so its imports find the mutant
            path = _HERE / base / f"{name}.py"
            _run(module, base_source(base, name), str(path))
        else:  # an untouched module: the base's own (import honours the replacement)
            sys.modules[fullname] = importlib.import_module(f"{_PREFIX}{base}.{name}")


def _run(module: types.ModuleType, source: str, filename: str) -> None:
    if filename.startswith("<"):  # not a file: give tracebacks and inspect the source
        linecache.cache[filename] = (len(source), None, source.splitlines(True), filename)
    code = compile(ast.parse(source, filename=filename), filename, "exec")
    exec(code, module.__dict__)


class MutantFinder(importlib.abc.MetaPathFinder):
    """Serve ``parity_tests.mutants.[<base>.]<id>`` and its modules."""

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
        base, _, name = found
        if name is not None:
            return importlib.machinery.ModuleSpec(fullname, self._loader)
        spec = importlib.machinery.ModuleSpec(fullname, self._loader, is_package=True)
        # the base's folder, so that a package scan (pkgutil.iter_modules, what --impl does)
        # lists the base's modules; this finder stands first on sys.meta_path, so it, not the
        # path finder, serves them
        spec.submodule_search_locations = [str(_HERE / base)]
        return spec


def _install() -> None:
    """Put one MutantFinder first on sys.meta_path; a reload of this module replaces the old one.

    First: a mutant package's ``__path__`` is its base's folder, where the path finder would
    find the base's unmutated files under the mutant's names.
    """
    sys.meta_path[:] = [f for f in sys.meta_path if getattr(f, "mutant_prefix", None) != _PREFIX]
    finder = MutantFinder()
    finder.mutant_prefix = _PREFIX  # type: ignore[attr-defined]
    sys.meta_path.insert(0, finder)


def load(mutant_id: str, base: str = DEFAULT_BASE) -> types.ModuleType:
    """Import mutant ``mutant_id`` on ``base``.

    Raises KeyError for an unknown id or base, MutantError if the mutant does not apply to it.
    """
    if mutant_id not in BY_ID or mutant_id in _RESERVED:
        raise KeyError(f"unknown mutant id {mutant_id!r}")
    if base not in BASES:
        raise KeyError(f"unknown base {base!r}; expected one of {BASES}")
    _site(BY_ID[mutant_id], base)  # raises MutantError where it does not apply
    return importlib.import_module(import_name(mutant_id, base))


_install()
