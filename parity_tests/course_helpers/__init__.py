"""The grader's stand-ins for the course's helper modules a submission imports but does not hold.

A learner's notebook or file imports the course's helpers (``from dnn_utils import *``,
``from testCases_v4a import *``, ``from public_tests import *``, ...). When the submission's folder
has no file of that name, `parity_tests.submission` gives it a stand-in made here, a fresh module
per submission (so one submission's changes to it never reach another):

* ``dnn_utils``, ``dnn_utils_v2``: the activations and their backward, in the course's contract
  (`dnn_utils`);
* ``dnn_app_utils_v2``, ``dnn_app_utils_v3``: the staff's helpers of the application, working,
  with each file's contract (`dnn_app_utils`);
* ``planar_utils``: ``sigmoid``, ``load_planar_dataset`` and a no-op plot (`planar_utils`);
* ``lr_utils``: ``load_dataset`` from ``$SCRATCHNN_CAT_DATA`` (`lr_utils`);
* the test helpers (``testCases*``, ``public_tests``, ``test_utils``): a stub whose every name
  raises `NotProvidedError` when called; ``from X import *`` imports nothing;
* an optional library that is not installed where the grader runs (``matplotlib``, ``scipy``,
  ...; see `OPTIONAL_LIBRARIES`): a stub like the test helpers', with importable submodules.

All are written for the grader (in plain NumPy, or over `scratchnn.course`); none is course code.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from parity_tests.course_helpers._unavailable import (
    NotProvidedError,
    Unavailable,
    course_name,
)

__all__ = [
    "COURSE_HELPERS",
    "OPTIONAL_LIBRARIES",
    "TEST_HELPERS",
    "NotProvidedError",
    "Unavailable",
    "is_unavailable",
    "library_stub",
    "stand_in",
]

_HERE = Path(__file__).parent

# course name -> the stand-in's source file in this package
_SOURCES = {
    "dnn_utils": "dnn_utils.py",
    "dnn_utils_v2": "dnn_utils.py",
    "dnn_app_utils_v2": "dnn_app_utils.py",
    "dnn_app_utils_v3": "dnn_app_utils.py",
    "planar_utils": "planar_utils.py",
    "lr_utils": "lr_utils.py",
}
TEST_HELPERS = frozenset(
    {
        "testCases",
        "testCases_v2",
        "testCases_v3",
        "testCases_v4",
        "testCases_v4a",
        "public_tests",
        "test_utils",
    }
)
COURSE_HELPERS = frozenset(_SOURCES) | TEST_HELPERS

# Libraries the course's notebooks and helper files import for pictures and data files only.
# Absent where the grader runs, they become stubs so that a submission still loads; a graded
# function that really uses one fails when called, naming the library.
OPTIONAL_LIBRARIES = frozenset({"matplotlib", "PIL", "scipy", "h5py", "sklearn", "IPython"})


def is_unavailable(obj: object) -> bool:
    """Whether ``obj`` is a stand-in for something the grader does not provide."""
    return isinstance(obj, Unavailable)


def stand_in(name: str, module_name: str) -> ModuleType:
    """A fresh, executed stand-in for the course helper ``name``, named ``module_name``.

    ``module_name`` must end with ``.name`` (error messages take the course's name from it).
    The caller registers it in ``sys.modules``.
    """
    if course_name(module_name) != name:
        raise ValueError(f"{module_name!r} does not end with {name!r}")
    if name in TEST_HELPERS:
        return _stub(
            module_name, name, f"{name} is the course's test helper; the grader does not provide it"
        )
    source = _HERE / _SOURCES[name]
    spec = importlib.util.spec_from_file_location(module_name, source)
    if spec is None or spec.loader is None:  # pragma: no cover - a .py path always has a loader
        raise ImportError(f"cannot load the stand-in {source}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def library_stub(name: str, module_name: str) -> ModuleType:
    """A stub for the uninstalled optional library (or submodule) ``name``, named ``module_name``.

    Every attribute is an `Unavailable`; ``__path__`` is empty so that submodules can be imported
    (through the caller's finder).
    """
    top = name.partition(".")[0]
    module = _stub(module_name, name, f"{top} is not installed where the grader runs")
    module.__dict__["__path__"] = []
    return module


def _stub(module_name: str, shown: str, why: str) -> ModuleType:
    """A module whose every non-dunder attribute ``a`` is an `Unavailable` ``shown.a``."""
    module = ModuleType(module_name, f"Stub: {why}.")

    def __getattr__(attr: str) -> Unavailable:  # noqa: N807 - the module-level hook (PEP 562)
        if attr.startswith("__") and attr.endswith("__"):
            raise AttributeError(f"module {shown!r} has no attribute {attr!r}")
        return Unavailable(f"{shown}.{attr}", why)

    module.__dict__["__getattr__"] = __getattr__
    module.__dict__["__all__"] = []  # `from stub import *` imports nothing
    return module
