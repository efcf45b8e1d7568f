"""Load a learner's submission in any form it is handed in: a module, a file, a folder, a notebook.

`load_submission(spec)` takes

1. a module name importable from ``sys.path`` (``parity_tests.mutants.correct``, ``my_solutions``);
2. a path to a ``.py`` file;
3. a path to a package folder (one holding ``__init__.py``);
4. a path to a plain folder of course files (``.py`` and ``.ipynb``);
5. a path to a ``.ipynb`` notebook,

and returns a `Submission`: the modules loaded, keyed by stem or submodule name, what was left
out of notebooks (`Skipped`), and which of the grader's stand-ins for course helpers were used.
A submission that cannot be loaded raises `SubmissionError` with one line a learner can act on
(the original exception is its ``__cause__``).

Isolation (the path forms 2-5). Every module loaded from a path gets a private name under a fresh
package ``_scratchnn_submission_<n>`` (``_scratchnn_submission_3.deep``), so two submissions'
``deep.py`` never collide and none shadows anything of ours. While the submission is imported, and
only then, a finder at the front of ``sys.meta_path`` makes its plain imports resolve to its own
copies: ``import testCases`` or ``from dnn_app_utils_v3 import *`` find the file of that name in
the submission's folder first, then the grader's stand-in (`parity_tests.course_helpers`); the
folder is also appended to ``sys.path``. Afterwards ``sys.path``, ``sys.meta_path``,
``sys.modules`` (every entry the import added for the submission, every entry it replaced),
``sys.path_importer_cache`` and ``sys.dont_write_bytecode`` are as before: the loaded modules are
reachable only through the `Submission`. No bytecode is written into the submission's folder.
A file of the folder named like a standard or installed module (``numpy.py``) never shadows it
(`Submission.shadowed`). Warnings raised while importing are recorded (`Submission.warnings`),
not raised. A module name (form 1) is imported normally, under its own name; only the stand-ins
are provided, for helpers that are not importable otherwise.

Notebooks (read with ``nbformat``, v4). From the code cells are taken the imports, function and
class definitions, and assignments of simple constants (literals, tuples / lists / sets / dicts
of them, a signed number, names of constants assigned before). Everything else executes and is
left out, each statement recorded as a `Skipped` with its reason (`REASONS`): IPython magics
(``%matplotlib inline``, ``%%time`` cells), shell lines (``!pip install``), help (``obj?``), test
calls (``sigmoid_test(sigmoid)``, ``assert``), plots, prints, other top-level calls
(``np.random.seed(1)``, ``train_x, ... = load_data()``), loops and other statements. Each kept
cell is compiled under the file name ``<notebook.ipynb cell 7>`` (7: the cell's position among
all cells, markdown included) with its own line numbers, and its source is registered in
``linecache``, so tracebacks and ``inspect.getsource`` show the learner's lines.

Not thread-safe: loading changes process-wide import state for its duration.
"""

from __future__ import annotations
import __future__

import ast
import importlib
import importlib.abc
import importlib.machinery
import importlib.metadata
import importlib.util
import itertools
import linecache
import os
import pkgutil
import re
import sys
import traceback
import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import CodeType, ModuleType
from typing import TYPE_CHECKING, Literal, TypeVar

from parity_tests import course_helpers
from parity_tests.course_helpers import NotProvidedError, is_unavailable

if TYPE_CHECKING:
    from _typeshed.importlib import MetaPathFinderProtocol

__all__ = [
    "REASONS",
    "NotProvidedError",
    "Skipped",
    "Submission",
    "SubmissionError",
    "is_unavailable",
    "load_submission",
]

Kind = Literal["module", "file", "package", "folder", "notebook"]

# Why a notebook statement was left out (Skipped.reason).
REASONS = (
    "magic",  # %matplotlib inline, %load_ext autoreload, a %%time cell (the whole cell)
    "shell command",  # !pip install ..., files = !ls
    "help",  # sigmoid?, ?np.dot
    "test cell",  # sigmoid_test(sigmoid), X, Y = layer_sizes_test_case(), assert ...
    "plot",  # plt.plot(costs), plt.rcParams[...] = ..., plot_decision_boundary(...)
    "print",  # print(...), display(...)
    "top-level call",  # np.random.seed(1), train_x, ... = load_data(), main()
    "loop",  # for / while at the top level
    "top-level statement",  # anything else: x = X.shape[0], if / with / try, bare expressions
)

_T = TypeVar("_T")
_PREFIX = "_scratchnn_submission_"
_COUNTER = itertools.count(1)
_OURS = frozenset({"scratchnn", "parity_tests"})
_PLOT_MODULES = frozenset({"plt", "pyplot", "matplotlib", "mpl", "sns", "seaborn"})
_PLOT_CALLS = frozenset(
    {"imshow", "scatter", "figure", "subplot", "subplots", "title", "xlabel", "ylabel"}
    | {"legend", "savefig", "show", "contourf", "print_mislabeled_images"}
)
_PRINT_CALLS = frozenset({"print", "display", "pprint"})
_TEST_WORD = re.compile(r"(?:^|_)tests?(?:$|_)")
_ASSIGNED_ESCAPE = re.compile(r"[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*([%!])")
_HELP_SUFFIX = re.compile(r"[A-Za-z_][\w.]*\?\??")


class SubmissionError(Exception):
    """A submission cannot be loaded; the message is one line a learner can act on."""


@dataclass(frozen=True)
class Skipped:
    """A notebook statement that was not run.

    ``cell`` counts all cells from 1 (markdown included: the cell's position in the notebook),
    ``code_cell`` counts code cells only; ``line`` is the line in the cell (from 1),
    ``statement`` the statement's first line, ``reason`` one of `REASONS`.
    """

    file: str
    cell: int
    code_cell: int
    line: int
    statement: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} cell {self.cell}, line {self.line}: {self.statement}  [{self.reason}]"


@dataclass
class Submission:
    """A loaded submission.

    Attributes
    ----------
    name : str
        Display name: the module name, or the file or folder name.
    kind : {"module", "file", "package", "folder", "notebook"}
    modules : dict of str to module
        Every module loaded from the submission, keyed by stem or submodule name
        (``{"logistic": ..., "deep": ...}``; a file's sibling helpers it imported are included).
        A package's own ``__init__`` is `root`, not in here.
    skipped : list of Skipped
        What was left out of its notebooks.
    path : Path or None
        The file or folder (resolved); None for a module name.
    root : module or None
        The module the spec names: the file's, the notebook's, the package; None for a folder.
    provided : list of str
        The grader's stand-ins the submission imported (``dnn_utils``, ``testCases_v4a``, and
        ``matplotlib`` etc. when not installed); see `parity_tests.course_helpers`.
    shadowed : list of str
        Files of the folder not used for imports because a standard or installed module has
        their name (``numpy.py``).
    warnings : list of str
        Warnings raised while importing, one line each.
    """

    name: str
    kind: Kind
    modules: dict[str, ModuleType]
    skipped: list[Skipped] = field(default_factory=list)
    path: Path | None = None
    root: ModuleType | None = None
    provided: list[str] = field(default_factory=list)
    shadowed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def load_submission(spec: str | os.PathLike[str]) -> Submission:
    """Load a submission: a module name, or the path of a ``.py``, a ``.ipynb`` or a folder.

    Raises
    ------
    SubmissionError
        If it cannot be loaded: the path does not exist, a file does not parse, an import fails,
        the code raises while imported, a folder holds no ``.py`` or ``.ipynb`` file, the file is
        of another kind.
    """
    text = os.fspath(spec)
    if _looks_like_module_name(text):
        # the top-level package only: finding ``a.b`` would import ``a`` outside the session
        found = _find_module_spec(text.partition(".")[0])
        if found is not None and not (found.origin is None and Path(text).is_dir()):
            return _load_module(text, found)
        if not Path(text).exists():
            near = [text + s for s in (".py", ".ipynb") if Path(text + s).exists()]
            hint = f" (did you mean {near[0]}?)" if near else ""
            raise SubmissionError(f"no module, file or folder named {text!r}{hint}")
    path = Path(text).expanduser()
    if not path.exists():
        raise SubmissionError(f"no such file or folder: {text}")
    path = path.resolve()
    if path.is_dir():
        if (path / "__init__.py").is_file():
            return _load_package(path)
        return _load_folder(path)
    if path.suffix == ".py":
        return _load_single(path, "file")
    if path.suffix == ".ipynb":
        return _load_single(path, "notebook")
    raise SubmissionError(
        f"cannot load {path.name}: give a .py file, a .ipynb notebook, a package folder or a "
        "folder of .py / .ipynb files"
    )


# --- the five forms -------------------------------------------------------------------------


def _load_module(name: str, top: importlib.machinery.ModuleSpec) -> Submission:
    """Import ``name`` normally; ``top`` is the spec of its top-level package."""
    base: Path | None = None  # messages name files relative to the top package's folder
    if top.submodule_search_locations:
        base = Path(next(iter(top.submodule_search_locations))).resolve().parent
    elif top.origin and top.has_location:
        base = Path(top.origin).resolve().parent
    session = _Session(folder=None, base=base, current=name)

    def load() -> tuple[ModuleType, dict[str, ModuleType]]:
        module = importlib.import_module(name)
        paths = getattr(module, "__path__", None)
        if paths is None:
            return module, {name.rpartition(".")[2]: module}
        subs = {
            info.name: importlib.import_module(f"{name}.{info.name}")
            for info in sorted(pkgutil.iter_modules(paths), key=lambda i: i.name)
            if info.name.isidentifier()
        }
        return module, subs

    root, modules = session.run(load)
    return session.submission(name, "module", modules, root, None)


def _load_single(path: Path, kind: Kind) -> Submission:
    session = _Session(folder=path.parent, base=path.parent, current=path.name)

    def load() -> tuple[ModuleType, dict[str, ModuleType]]:
        session.make_root()
        module = session.load_notebook(path) if kind == "notebook" else session.load_file(path)
        return module, session.collect()

    root, modules = session.run(load)
    return session.submission(path.name, kind, modules, root, path)


def _load_package(path: Path) -> Submission:
    session = _Session(folder=path, base=path.parent, current=path.name, package=True)

    def load() -> tuple[ModuleType, dict[str, ModuleType]]:
        package = session.load_package_root(path)
        for info in sorted(pkgutil.iter_modules([str(path)]), key=lambda i: i.name):
            if info.name.isidentifier():
                importlib.import_module(f"{session.root}.{info.name}")
        return package, session.collect()

    root, modules = session.run(load)
    return session.submission(path.name, "package", modules, root, path)


def _load_folder(path: Path) -> Submission:
    files = sorted(p for p in path.glob("*.py") if p.is_file())
    notebooks = sorted(p for p in path.glob("*.ipynb") if p.is_file())
    if not files and not notebooks:
        raise SubmissionError(f"{path.name}: the folder holds no .py or .ipynb file")
    session = _Session(folder=path, base=path, current=path.name)

    def load() -> tuple[None, dict[str, ModuleType]]:
        session.make_root()
        for file in [*files, *notebooks]:
            session.current = file.name
            if file.suffix == ".py":
                session.load_file(file)
            else:
                session.load_notebook(file)
        return None, session.collect()

    root, modules = session.run(load)
    return session.submission(path.name, "folder", modules, root, path)


# --- one loading: the private namespace, the finder, the restoring of state ---------------------


class _Session:
    """The state of one submission's loading."""

    def __init__(
        self, *, folder: Path | None, base: Path | None, current: str, package: bool = False
    ) -> None:
        self.root = f"{_PREFIX}{next(_COUNTER)}"
        self.folder = folder  # the submission's folder: scope of its plain imports
        self.base = base  # file names in messages are relative to it
        self.current = current  # what is being imported, for messages
        self.package_alias: str | None = None  # a package's own name, for absolute self-imports
        self.local: set[str] = set()  # plain names of the folder's modules
        self.shadowed: list[str] = []
        self.helpers: set[str] = set()  # course helpers to stand in for
        self.missing: set[str] = set()  # optional libraries not installed
        self.provided: list[str] = []
        self.stand_ins: set[str] = set()  # their private names
        self.keys: dict[str, str] = {}  # private name -> key in Submission.modules, if not derived
        self.cells: dict[str, tuple[str, int]] = {}  # cell file name -> (notebook, cell)
        self.skipped: list[Skipped] = []
        self.warnings: list[str] = []
        self._scan(package)

    # what the finder claims

    def _scan(self, package: bool) -> None:
        if self.folder is not None:
            for entry in sorted(self.folder.iterdir()):
                if entry.suffix == ".py" and entry.is_file():
                    name = entry.stem
                elif entry.is_dir() and (entry / "__init__.py").is_file():
                    name = entry.name
                else:
                    continue
                if not name.isidentifier():
                    continue
                if _protected(name):
                    self.shadowed.append(entry.name)
                else:
                    self.local.add(name)
            alias = self.folder.name
            if (
                package
                and alias.isidentifier()
                and alias not in sys.modules
                and not _protected(alias)
            ):
                self.package_alias = alias
            self.helpers = set(course_helpers.COURSE_HELPERS) - self.local
        else:  # a module name: stand-ins only for what nothing else provides
            self.helpers = {
                name for name in course_helpers.COURSE_HELPERS if _find_module_spec(name) is None
            }
        self.missing = {
            name
            for name in course_helpers.OPTIONAL_LIBRARIES - self.local
            if _find_module_spec(name) is None
        }

    def claimed(self) -> set[str]:
        """The top-level names the finder answers for."""
        names = self.local | self.helpers | self.missing
        if self.package_alias:
            names.add(self.package_alias)
        return names

    def provide(self, fullname: str) -> Callable[[], ModuleType] | None:
        """How to get the module a plain import of ``fullname`` means, or None if not ours."""
        top, _, rest = fullname.partition(".")
        if top == self.package_alias:
            target = self.root + fullname[len(top) :]
            return lambda: importlib.import_module(target)
        if top in self.local:
            return lambda: importlib.import_module(f"{self.root}.{fullname}")
        if top in self.helpers and not rest:
            return lambda: self._stand_in(fullname, course_helpers.stand_in)
        if top in self.missing:
            return lambda: self._stand_in(fullname, course_helpers.library_stub)
        return None

    def _stand_in(self, name: str, make: Callable[[str, str], ModuleType]) -> ModuleType:
        private = f"{self.root}.{name}"
        module = sys.modules.get(private)
        if module is None:
            module = make(name, private)
            if module.__spec__ is None:
                module.__spec__ = importlib.machinery.ModuleSpec(
                    private, None, is_package=hasattr(module, "__path__")
                )
            sys.modules[private] = module
            self.stand_ins.add(private)
            top = name.partition(".")[0]
            if top not in self.provided:
                self.provided.append(top)
        return module

    # loading

    def make_root(self) -> None:
        """The private package the folder's modules live in (its ``__path__`` is the folder)."""
        assert self.folder is not None
        module = ModuleType(self.root, f"Submission loaded from {self.folder}.")
        spec = importlib.machinery.ModuleSpec(self.root, None, is_package=True)
        spec.submodule_search_locations = [str(self.folder)]
        module.__spec__ = spec
        module.__path__ = [str(self.folder)]
        module.__package__ = self.root
        sys.modules[self.root] = module

    def load_package_root(self, path: Path) -> ModuleType:
        return self._exec_file(self.root, path / "__init__.py", package=path)

    def load_file(self, path: Path) -> ModuleType:
        name = f"{self.root}.{_identifier(path.stem)}"
        module = sys.modules.get(name)  # already imported by a sibling
        if module is None:
            module = self._exec_file(name, path)
        if path.stem != name.rpartition(".")[2]:
            self.keys[name] = path.stem
        return module

    def _exec_file(self, name: str, path: Path, package: Path | None = None) -> ModuleType:
        locations = [str(package)] if package is not None else None
        spec = importlib.util.spec_from_file_location(
            name, path, submodule_search_locations=locations
        )
        if spec is None or spec.loader is None:  # pragma: no cover - a .py always has a loader
            raise SubmissionError(f"cannot load {path.name}")
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        return module

    def load_notebook(self, path: Path) -> ModuleType:
        assert self.folder is not None
        # never the name of a .py module or of a stand-in: "Deep.ipynb" is <root>.Deep_ipynb
        name = f"{self.root}.{_identifier(path.stem)}_ipynb"
        # its key: the stem, or the file name when a .py of that stem is a module too
        self.keys[name] = path.name if (self.folder / f"{path.stem}.py").exists() else path.stem
        codes = self._compile_notebook(path)
        module = ModuleType(name, None)
        module.__file__ = str(path)
        module.__spec__ = importlib.machinery.ModuleSpec(name, None, origin=str(path))
        module.__package__ = self.root
        sys.modules[name] = module
        try:
            for code in codes:
                exec(code, module.__dict__)
        except BaseException:
            sys.modules.pop(name, None)
            raise
        return module

    def _compile_notebook(self, path: Path) -> list[CodeType]:
        cells = _read_notebook(path)
        codes: list[CodeType] = []
        flags = 0
        constants: set[str] = set()
        code_cell = 0
        for index, (cell_type, source) in enumerate(cells, 1):
            if cell_type != "code":
                continue
            code_cell += 1
            lines = source.splitlines()
            filename = _register_cell(f"<{path.name} cell {index}>", lines)
            self.cells[filename] = (path.name, index)
            kept_lines, escapes, whole = _blank_escapes(lines)
            skipped = [Skipped(path.name, index, code_cell, *escape) for escape in escapes]
            if whole:
                self.skipped += skipped
                continue
            place = f"cell {index} of {path.name}"
            try:
                tree = ast.parse("\n".join(kept_lines) + "\n", filename=filename)
            except SyntaxError as exc:
                raise SubmissionError(_syntax_message(exc, place)) from exc
            kept: list[ast.stmt] = []
            for stmt in tree.body:
                reason = _classify(stmt, constants)
                if reason is None:
                    kept.append(stmt)
                    continue
                first = lines[stmt.lineno - 1].strip() if stmt.lineno <= len(lines) else ""
                skipped.append(Skipped(path.name, index, code_cell, stmt.lineno, first, reason))
            self.skipped += sorted(skipped, key=lambda s: s.line)
            if not kept:
                continue
            unit = ast.Module(body=kept, type_ignores=[])
            try:
                codes.append(compile(unit, filename, "exec", flags=flags, dont_inherit=True))
            except SyntaxError as exc:
                raise SubmissionError(_syntax_message(exc, place)) from exc
            flags |= _future_flags(kept)
        return codes

    def collect(self) -> dict[str, ModuleType]:
        """The submission's modules now in ``sys.modules``, by key (stand-ins left out)."""
        prefix = self.root + "."
        found = {
            self.keys.get(key, key[len(prefix) :]): module
            for key, module in list(sys.modules.items())
            if key.startswith(prefix) and key not in self.stand_ins
            if isinstance(module, ModuleType)
        }
        return dict(sorted(found.items()))

    def submission(
        self,
        name: str,
        kind: Kind,
        modules: dict[str, ModuleType],
        root: ModuleType | None,
        path: Path | None,
    ) -> Submission:
        return Submission(
            name=name,
            kind=kind,
            modules=modules,
            skipped=self.skipped,
            path=path,
            root=root,
            provided=self.provided,
            shadowed=self.shadowed,
            warnings=self.warnings,
        )

    # running a load with the import state set up and restored, errors made one line

    def run(self, load: Callable[[], _T]) -> _T:
        """``load()`` with the import state set up and restored; its errors as one line."""
        try:
            with self.isolated():
                return load()
        except SubmissionError:
            raise
        except (Exception, SystemExit) as exc:
            raise SubmissionError(self.describe(exc)) from exc

    @contextmanager
    def isolated(self) -> Iterator[None]:
        """Set up the import state for the submission, and restore it afterwards."""
        saved_path = list(sys.path)
        saved_meta = list(sys.meta_path)
        saved_modules = dict(sys.modules)
        saved_importers = set(sys.path_importer_cache)
        saved_bytecode = sys.dont_write_bytecode
        claimed = self.claimed()
        finder = _Finder(self)
        caught: list[warnings.WarningMessage] = []
        try:
            for key in list(sys.modules):
                if key.partition(".")[0] in claimed:
                    del sys.modules[key]  # a plain import must reach our finder
            sys.meta_path.insert(0, finder)
            if self.folder is not None:
                sys.path.append(str(self.folder))  # last: it never hides an installed module
            sys.dont_write_bytecode = True
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                yield
        finally:
            self._restore_meta_path(saved_meta, finder)
            sys.path[:] = saved_path
            sys.dont_write_bytecode = saved_bytecode
            prefix = self.root + "."
            for key in list(sys.modules):
                if key in saved_modules:
                    continue
                module = sys.modules[key]
                name = getattr(module, "__name__", None)
                ours = isinstance(name, str) and (name == self.root or name.startswith(prefix))
                if (
                    ours
                    or key == self.root
                    or key.startswith(prefix)
                    or key.partition(".")[0] in claimed
                    or self._inside(getattr(module, "__file__", None))
                ):
                    del sys.modules[key]
            for key, module in saved_modules.items():
                if sys.modules.get(key) is not module:
                    sys.modules[key] = module
            for key in set(sys.path_importer_cache) - saved_importers:
                if self._inside(key):
                    del sys.path_importer_cache[key]
            self._record_warnings(caught)

    def _restore_meta_path(self, saved: list[MetaPathFinderProtocol], ours: _Finder) -> None:
        """Remove our finder and those the submission added; keep those libraries added.

        A package imported for the first time may install a finder for its own modules
        (``parity_tests.mutants`` does); it stays, like the package in ``sys.modules``.
        """
        prefix = self.root + "."
        kept = [
            f
            for f in sys.meta_path
            if f is not ours
            and (f in saved or not str(getattr(type(f), "__module__", "")).startswith(prefix))
        ]
        for index, f in enumerate(saved):  # finders the submission removed
            if not any(f is k for k in kept):
                kept.insert(min(index, len(kept)), f)
        sys.meta_path[:] = kept

    def _inside(self, filename: object) -> bool:
        """Whether ``filename`` lies in the submission's folder."""
        if self.folder is None or not isinstance(filename, str) or not filename:
            return False
        try:
            return Path(filename).resolve().is_relative_to(self.folder)
        except (OSError, ValueError):
            return False

    def _record_warnings(self, caught: Sequence[warnings.WarningMessage]) -> None:
        for w in caught:
            place = self.place(w.filename, w.lineno)
            where = place[1] if place else f"line {w.lineno} of {w.filename}"
            text = self._clean(f"{w.category.__name__} at {where}: {_first_line(str(w.message))}")
            if text not in self.warnings:
                self.warnings.append(text)

    def place(self, filename: str, lineno: int) -> tuple[str, str, str] | None:
        """(file, long place, place within the file) of a line of the submission, or None."""
        if filename in self.cells:
            notebook, cell = self.cells[filename]
            short = f"line {lineno} of cell {cell}"
            return notebook, f"{short} of {notebook}", short
        if self.base is None or filename.startswith("<"):
            return None
        try:
            rel = Path(filename).resolve().relative_to(self.base).as_posix()
        except (OSError, ValueError):
            return None
        return rel, f"line {lineno} of {rel}", f"line {lineno}"

    def describe(self, exc: BaseException) -> str:
        """One line saying what went wrong while importing the submission."""
        kind = type(exc).__name__
        if isinstance(exc, SyntaxError) and exc.filename:
            where = self.place(exc.filename, exc.lineno or 0)
            if where is not None:
                text = f"{kind} at {where[1]}: {self._clean(exc.msg or 'invalid syntax')}"
                return text if where[0] == self.current else f"{text} (importing {self.current})"
        message = self._clean(_first_line(str(exc)))
        sep = ": " if message else ""
        where = None
        for frame, lineno in reversed(list(traceback.walk_tb(exc.__traceback__))):
            where = self.place(frame.f_code.co_filename, lineno)
            if where is not None:
                break
        if isinstance(exc, ImportError):
            loc = ""
            if where is not None:
                loc = f" ({where[2] if where[0] == self.current else where[1]})"
            return f"ImportError while importing {self.current}{sep}{message}{loc}"
        if where is None:
            return f"{kind} while importing {self.current}{sep}{message}"
        what = "it" if where[0] == self.current else self.current
        return f"{kind} at {where[1]} while importing {what}{sep}{message}"

    def _clean(self, text: str) -> str:
        """Our private module names out of a message."""
        return text.replace(self.root + ".", "").replace(self.root, "<submission>")


class _Finder(importlib.abc.MetaPathFinder):
    """Plain imports of a submission's own modules and of the stand-ins, during its import."""

    def __init__(self, session: _Session) -> None:
        self._session = session

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        provide = self._session.provide(fullname)
        if provide is None:
            return None
        return importlib.machinery.ModuleSpec(fullname, _Alias(provide))


class _Alias(importlib.abc.Loader):
    """Loads a plain name as the module ``provide()`` gives (loaded under its private name)."""

    def __init__(self, provide: Callable[[], ModuleType]) -> None:
        self._provide = provide
        self._spec: importlib.machinery.ModuleSpec | None = None

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = self._provide()
        self._spec = module.__spec__
        return module

    def exec_module(self, module: ModuleType) -> None:
        # The import system set __spec__ to the alias's spec; the module keeps its own (so that
        # its relative imports and __package__ agree).
        module.__spec__ = self._spec


# --- notebooks ---------------------------------------------------------------------------------


def _read_notebook(path: Path) -> list[tuple[str, str]]:
    """(cell type, source) of every cell of a notebook, read as nbformat v4."""
    import nbformat

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # nbformat's notes on old or id-less notebooks
            # nbformat.read is not annotated (nbformat 5.10)
            notebook = nbformat.read(path, as_version=4)
        return [(str(cell.cell_type), str(cell.source)) for cell in notebook.cells]
    except Exception as exc:
        raise SubmissionError(
            f"{path.name} is not a notebook nbformat can read: {type(exc).__name__}: "
            f"{_first_line(str(exc))}"
        ) from exc


def _register_cell(filename: str, lines: list[str]) -> str:
    """Put a cell's source in linecache under ``filename`` (made unique if it is taken)."""
    text = [line + "\n" for line in lines]
    candidate, n = filename, 1
    while True:
        entry = linecache.cache.get(candidate)
        if entry is None or (len(entry) == 4 and entry[2] == text):
            break
        n += 1
        candidate = f"{filename[:-1]} #{n}>"
    linecache.cache[candidate] = (sum(map(len, text)), None, text, candidate)
    return candidate


def _escape(stripped: str) -> str | None:
    """Which IPython escape a logical line (stripped) is, if any."""
    if not stripped:
        return None
    if stripped[0] == "%":
        return "magic"
    if stripped[0] == "!":
        return "shell command"
    if stripped[0] == "?" or _HELP_SUFFIX.fullmatch(stripped):
        return "help"
    match = _ASSIGNED_ESCAPE.match(stripped)
    if match:
        return "magic" if match.group(1) == "%" else "shell command"
    return None


def _blank_escapes(lines: list[str]) -> tuple[list[str], list[tuple[int, str, str]], bool]:
    """The cell's lines with IPython escapes blanked (line numbers kept), the escapes found
    (line, text, reason), and whether the whole cell is a cell magic (``%%time``).

    An escape counts only at the start of a logical line: not inside a triple-quoted string, a
    bracket, or after a backslash continuation.
    """
    for number, line in enumerate(lines, 1):
        if line.strip():
            if line.strip().startswith("%%"):
                return lines, [(number, line.strip(), "magic")], True
            break
    out: list[str] = []
    found: list[tuple[int, str, str]] = []
    triple: str | None = None
    depth = 0
    continued = in_escape = False
    for number, line in enumerate(lines, 1):
        if in_escape:  # a backslash-continued escape line
            out.append("")
            in_escape = line.endswith("\\")
            continue
        stripped = line.strip()
        if triple is None and depth == 0 and not continued:
            reason = _escape(stripped)
            if reason is not None:
                indent = line[: len(line) - len(line.lstrip())]
                after_code = any(o.strip() for o in out)
                out.append(f"{indent}pass" if indent and after_code else "")  # keep a block
                found.append((number, stripped, reason))
                in_escape = line.endswith("\\")
                continue
        triple, depth, continued = _scan(line, triple, depth)
        out.append(line)
    return out, found, False


def _scan(line: str, triple: str | None, depth: int) -> tuple[str | None, int, bool]:
    """The state after ``line``: open triple quote, bracket depth, backslash continuation."""
    i, n = 0, len(line)
    quote: str | None = None
    while i < n:
        c = line[i]
        if triple is not None:
            if line.startswith(triple, i):
                triple, i = None, i + 3
            else:
                i += 2 if c == "\\" else 1
            continue
        if quote is not None:
            if c == "\\":
                i += 2
                continue
            if c == quote:
                quote = None
        elif c == "#":
            return None, depth, False
        elif c in "\"'":
            if line.startswith(c * 3, i):
                triple, i = c * 3, i + 3
                continue
            quote = c
        elif c in "([{":
            depth += 1
        elif c in ")]}":
            depth = max(0, depth - 1)
        i += 1
    return triple, depth, triple is None and line.endswith("\\")


def _classify(stmt: ast.stmt, constants: set[str]) -> str | None:
    """None if a notebook statement is kept, else why not (one of `REASONS`).

    Kept: imports, function and class definitions, simple constant assignments (whose names
    are then added to ``constants``).
    """
    if isinstance(
        stmt, ast.Import | ast.ImportFrom | ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef
    ):
        return None
    if isinstance(stmt, ast.Assign) and _is_constant(stmt.value, constants):
        names = [_target_names(t) for t in stmt.targets]
        if all(n is not None for n in names):
            constants.update(n for group in names if group for n in group)
            return None
    if (
        isinstance(stmt, ast.AnnAssign)
        and isinstance(stmt.target, ast.Name)
        and (stmt.value is None or _is_constant(stmt.value, constants))
    ):
        if stmt.value is not None:
            constants.add(stmt.target.id)
        return None
    if isinstance(stmt, ast.Assert):
        return "test cell"
    if isinstance(stmt, ast.For | ast.AsyncFor | ast.While):
        return "loop"
    called = [_dotted(node.func) or "" for node in ast.walk(stmt) if isinstance(node, ast.Call)]
    referenced = [
        name
        for node in ast.walk(stmt)
        if isinstance(node, ast.Name | ast.Attribute)
        for name in [_dotted(node)]
        if name
    ]
    parts = [name.split(".") for name in called if name]
    if any(_TEST_WORD.search(p[-1]) or course_helpers.TEST_HELPERS & set(p) for p in parts):
        return "test cell"
    if any(n.split(".")[0] in _PLOT_MODULES for n in referenced) or any(
        p[-1] in _PLOT_CALLS or p[-1].startswith("plot") for p in parts
    ):
        return "plot"
    if any(p[-1] in _PRINT_CALLS for p in parts):
        return "print"
    if called:
        return "top-level call"
    return "top-level statement"


def _is_constant(node: ast.expr, constants: set[str]) -> bool:
    """A literal, a container of them, a signed number, or the name of a constant."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return isinstance(node.operand, ast.Constant) and isinstance(
            node.operand.value, int | float | complex
        )
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return all(_is_constant(e, constants) for e in node.elts)
    if isinstance(node, ast.Dict):
        return all(k is not None and _is_constant(k, constants) for k in node.keys) and all(
            _is_constant(v, constants) for v in node.values
        )
    return isinstance(node, ast.Name) and node.id in constants


def _target_names(target: ast.expr) -> list[str] | None:
    """The names an assignment target binds, or None if it is not names only."""
    if isinstance(target, ast.Name):
        return [target.id]
    if isinstance(target, ast.Tuple | ast.List):
        names: list[str] = []
        for element in target.elts:
            inner = _target_names(element)
            if inner is None:
                return None
            names += inner
        return names
    return None


def _dotted(node: ast.expr) -> str | None:
    """``a.b.c`` for a name or an attribute chain on a name, else None."""
    parts: list[str] = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if not isinstance(node, ast.Name):
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _future_flags(stmts: list[ast.stmt]) -> int:
    """The compiler flags of the ``from __future__`` imports among ``stmts``."""
    flags = 0
    for stmt in stmts:
        if isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__":
            for alias in stmt.names:
                feature = getattr(__future__, alias.name, None)
                if isinstance(feature, __future__._Feature):
                    flags |= feature.compiler_flag
    return flags


def _syntax_message(exc: SyntaxError, place: str) -> str:
    return f"{type(exc).__name__} at line {exc.lineno} of {place}: {exc.msg}"


# --- small helpers -----------------------------------------------------------------------------


def _looks_like_module_name(text: str) -> bool:
    if text.endswith((".py", ".ipynb")) or "/" in text or os.sep in text:
        return False
    return all(part.isidentifier() for part in text.split("."))


def _find_module_spec(name: str) -> importlib.machinery.ModuleSpec | None:
    """``importlib.util.find_spec``, None where it raises (a missing parent package)."""
    try:
        return importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None


def _protected(name: str) -> bool:
    """Whether a module name belongs to the standard library, an installed package, or us."""
    if name in course_helpers.COURSE_HELPERS:
        return False
    return (
        name in sys.stdlib_module_names
        or name in sys.builtin_module_names
        or name in _OURS
        or name in _installed()
    )


@cache
def _installed() -> frozenset[str]:
    """The top-level module names of the installed distributions."""
    return frozenset(importlib.metadata.packages_distributions())


def _identifier(stem: str) -> str:
    ident = re.sub(r"\W", "_", stem)
    return ident if ident and not ident[0].isdigit() else f"_{ident}"


def _first_line(text: str) -> str:
    lines = text.strip().splitlines()
    return lines[0].strip() if lines else ""
