"""Loading a learner's submission in every form: module, .py file, package, folder, notebook."""

from __future__ import annotations

import inspect
import sys
import textwrap
import traceback
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import numpy as np
import pytest

import parity_tests.mutants.correct  # installs the mutants' finder before any snapshot
from parity_tests import course_helpers
from parity_tests.submission import (
    NotProvidedError,
    Skipped,
    SubmissionError,
    is_unavailable,
    load_submission,
)

PREFIX = "_scratchnn_submission_"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"))
    return path


def notebook(folder: Path, name: str, *cells: str | tuple[str, str]) -> Path:
    """Write a v4 notebook; a cell is code source, or ("markdown", text)."""
    nb = nbformat.v4.new_notebook()
    for cell in cells:
        if isinstance(cell, tuple):
            nb.cells.append(nbformat.v4.new_markdown_cell(cell[1]))
        else:
            nb.cells.append(nbformat.v4.new_code_cell(textwrap.dedent(cell).strip("\n")))
    path = folder / name
    folder.mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, path)
    return path


@pytest.fixture(autouse=True)
def import_state(tmp_path: Path) -> Iterator[None]:
    """Every test: loading leaves sys.path, sys.meta_path, sys.modules, ... as they were."""
    path, meta = list(sys.path), list(sys.meta_path)
    modules = dict(sys.modules)
    importers = set(sys.path_importer_cache)
    bytecode = sys.dont_write_bytecode
    yield
    assert sys.path == path
    assert sys.meta_path == meta
    assert sys.dont_write_bytecode == bytecode
    for key, module in modules.items():
        assert sys.modules.get(key) is module, f"sys.modules[{key!r}] changed"
    added = set(sys.modules) - set(modules)
    assert not [k for k in added if k.startswith(PREFIX)]
    leaked = [
        k for k in added if str(getattr(sys.modules[k], "__file__", "")).startswith(str(tmp_path))
    ]
    assert not leaked, f"modules of the submission left in sys.modules: {leaked}"
    assert not [k for k in set(sys.path_importer_cache) - importers if str(tmp_path) in k]
    assert not list(tmp_path.rglob("__pycache__")), "bytecode written into the submission"


# --- 1. a module name ---------------------------------------------------------------------------


def test_module_name() -> None:
    correct = parity_tests.mutants.correct
    sub = load_submission("parity_tests.mutants.correct")
    assert (sub.name, sub.kind, sub.path) == ("parity_tests.mutants.correct", "module", None)
    assert sub.root is correct
    assert sub.modules == {
        "deep": correct.deep,
        "logistic": correct.logistic,
        "shallow": correct.shallow,
    }
    assert sub.provided == []


def test_module_name_on_sys_path_gets_stand_ins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, "my_solutions_t1.py", "from dnn_utils import relu\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        sub = load_submission("my_solutions_t1")
        assert (sub.kind, list(sub.modules), sub.provided) == (
            "module",
            ["my_solutions_t1"],
            ["dnn_utils"],
        )
        assert sub.root is sys.modules["my_solutions_t1"]  # a module name keeps its name
        assert "dnn_utils" not in sys.modules
    finally:  # a module name is imported normally: its entries are Python's, undone here
        sys.modules.pop("my_solutions_t1", None)
        sys.path_importer_cache.pop(str(tmp_path), None)


def test_module_that_installs_a_finder_keeps_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        "finder_pkg_t8.py",
        """
        import sys

        class Finder:
            def find_spec(self, fullname, path, target=None):
                return None

        FINDER = Finder()
        sys.meta_path.append(FINDER)
        """,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        sub = load_submission("finder_pkg_t8")
        assert sub.root is not None and sub.root.FINDER in sys.meta_path
    finally:
        sys.path_importer_cache.pop(str(tmp_path), None)
        module = sys.modules.pop("finder_pkg_t8", None)
        if module is not None and module.FINDER in sys.meta_path:
            sys.meta_path.remove(module.FINDER)


def test_file_that_changes_import_state_is_undone(tmp_path: Path) -> None:
    write(
        tmp_path,
        "meddler.py",
        """
        import sys

        class Finder:
            def find_spec(self, fullname, path, target=None):
                return None

        sys.meta_path.insert(0, Finder())
        sys.path.insert(0, "/nowhere")
        sys.dont_write_bytecode = False
        """,
    )
    load_submission(tmp_path / "meddler.py")
    # the autouse fixture checks sys.meta_path, sys.path, sys.dont_write_bytecode


# --- 2. a .py file and its sibling helper -------------------------------------------------------


def test_file_imports_its_sibling_helper(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "helper.py", "def twice(x):\n    return 2 * x\n")
    write(
        tmp_path,
        "my_solution.py",
        """
        import helper
        from helper import twice

        def quadruple(x):
            return twice(helper.twice(x))
        """,
    )
    foreign = type(sys)("helper")  # a module "helper" of someone else's must not be used...
    monkeypatch.setitem(sys.modules, "helper", foreign)
    sub = load_submission(tmp_path / "my_solution.py")
    assert (sub.name, sub.kind, sub.path) == ("my_solution.py", "file", tmp_path / "my_solution.py")
    assert sorted(sub.modules) == ["helper", "my_solution"]
    assert sub.root is sub.modules["my_solution"]
    assert sub.root.quadruple(3) == 12
    assert sub.root.helper is sub.modules["helper"]  # one module, not two copies
    assert sub.modules["helper"].__name__.startswith(PREFIX)  # a private name
    assert sys.modules["helper"] is foreign  # ... and is back afterwards


def test_two_folders_with_their_own_deep_py(tmp_path: Path) -> None:
    subs = []
    for who in ("alice", "bob"):
        write(tmp_path / who, "deep.py", f"WHO = {who!r}\n")
        write(tmp_path / who, "app.py", "import deep\n\ndef who():\n    return deep.WHO\n")
        subs.append(load_submission(tmp_path / who / "app.py"))
    alice, bob = subs
    assert alice.root is not None and bob.root is not None
    assert (alice.root.who(), bob.root.who()) == ("alice", "bob")
    assert alice.modules["deep"] is not bob.modules["deep"]
    assert alice.modules["deep"].__name__ != bob.modules["deep"].__name__
    assert "deep" not in sys.modules


# --- 3. a package folder ------------------------------------------------------------------------


def test_package_with_relative_imports(tmp_path: Path) -> None:
    pkg = tmp_path / "my_pkg"
    write(pkg, "__init__.py", "from . import deep\n")
    write(pkg, "logistic.py", "def sigmoid(z):\n    return 1 / (1 + 2.718281828 ** -z)\n")
    write(pkg, "deep.py", "from .logistic import sigmoid\n\nHALF = sigmoid(0)\n")
    write(pkg, "shallow.py", "from my_pkg import logistic  # absolute self-import\n")
    write(pkg, "app.py", "from . import deep, shallow\n")
    sub = load_submission(pkg)
    assert (sub.name, sub.kind) == ("my_pkg", "package")
    assert sorted(sub.modules) == ["app", "deep", "logistic", "shallow"]
    assert sub.modules["deep"].HALF == 0.5
    assert sub.modules["shallow"].logistic is sub.modules["logistic"]
    assert sub.root is not None and sub.root.deep is sub.modules["deep"]
    assert "my_pkg" not in sys.modules


# --- 4. a plain folder: helper + notebook -------------------------------------------------------


def test_folder_with_helper_and_notebook(tmp_path: Path) -> None:
    folder = tmp_path / "week4"
    write(folder, "dnn_app_utils_v3.py", "def relu(Z):\n    return max(0, Z), Z\n")
    notebook(
        folder,
        "Deep Network.ipynb",
        "from dnn_app_utils_v3 import *",
        "def forward(z):\n    return relu(z)[0]",
        "forward(-3)",
    )
    sub = load_submission(folder)
    assert (sub.name, sub.kind, sub.root) == ("week4", "folder", None)
    assert sorted(sub.modules) == ["Deep Network", "dnn_app_utils_v3"]
    assert sub.modules["Deep Network"].forward(-3) == 0
    assert sub.modules["Deep Network"].relu is sub.modules["dnn_app_utils_v3"].relu  # local copy
    assert sub.provided == []
    assert [(s.cell, s.statement, s.reason) for s in sub.skipped] == [
        (3, "forward(-3)", "top-level call")
    ]


def test_empty_folder(tmp_path: Path) -> None:
    write(tmp_path / "empty", "notes.txt", "nothing here\n")
    with pytest.raises(SubmissionError, match=r"^empty: the folder holds no \.py or \.ipynb file$"):
        load_submission(tmp_path / "empty")


# --- 5. notebooks -------------------------------------------------------------------------------

COURSE_NOTEBOOK = (
    ("markdown", "# Week 4\nThe course's text."),  # cell 1
    """
    %matplotlib inline
    import numpy as np
    %load_ext autoreload
    """,  # cell 2
    "!pip install numpy",  # cell 3
    """
    from dnn_utils import sigmoid, relu, relu_backward
    from testCases_v4a import *
    from public_tests import *
    import testCases
    """,  # cell 4
    ("markdown", "## Exercise 1"),  # cell 5
    """
    LAYERS = [12288, 20, 7, 5, 1]
    n_x, n_h = 3, -4
    ALIAS = LAYERS
    DOC = '''
    %not a magic: inside a string
    '''
    m = LAYERS[0]
    """,  # cell 6
    """
    def my_sigmoid(z):
        return sigmoid(z)[0]

    def divide(a, b):
        q = a / b
        return q
    """,  # cell 7
    "sigmoid_test(my_sigmoid)",  # cell 8
    """
    plt.plot([1, 2])
    plt.show()
    """,  # cell 9
    """
    def timed():
        %time x = 1
        return (7
    % 4)
    print(timed())
    np.random.seed(1)
    for i in range(3):
        pass
    assert my_sigmoid(0) == 0.5
    x = !ls
    my_sigmoid?
    """,  # cell 10
    """
    %%time
    train_x = load_data()
    """,  # cell 11
)


def test_notebook_keeps_definitions_and_skips_what_runs(tmp_path: Path) -> None:
    path = notebook(tmp_path, "Deep.ipynb", *COURSE_NOTEBOOK)
    sub = load_submission(path)
    assert (sub.name, sub.kind, sub.path) == ("Deep.ipynb", "notebook", path)
    assert list(sub.modules) == ["Deep"]
    nb = sub.modules["Deep"]
    assert sub.root is nb
    assert nb.my_sigmoid(0.0) == 0.5
    assert nb.timed() == 3  # the magic line in its body blanked, the bracketed % kept
    assert (nb.LAYERS, nb.n_x, nb.n_h, nb.ALIAS) == ([12288, 20, 7, 5, 1], 3, -4, nb.LAYERS)
    assert "%not a magic" in nb.DOC
    assert not hasattr(nb, "m")  # not a constant: skipped
    assert sub.provided == ["dnn_utils", "testCases_v4a", "public_tests", "testCases"]
    assert sub.skipped == [
        Skipped("Deep.ipynb", 2, 1, 1, "%matplotlib inline", "magic"),
        Skipped("Deep.ipynb", 2, 1, 3, "%load_ext autoreload", "magic"),
        Skipped("Deep.ipynb", 3, 2, 1, "!pip install numpy", "shell command"),
        Skipped("Deep.ipynb", 6, 4, 7, "m = LAYERS[0]", "top-level statement"),
        Skipped("Deep.ipynb", 8, 6, 1, "sigmoid_test(my_sigmoid)", "test cell"),
        Skipped("Deep.ipynb", 9, 7, 1, "plt.plot([1, 2])", "plot"),
        Skipped("Deep.ipynb", 9, 7, 2, "plt.show()", "plot"),
        Skipped("Deep.ipynb", 10, 8, 2, "%time x = 1", "magic"),
        Skipped("Deep.ipynb", 10, 8, 5, "print(timed())", "print"),
        Skipped("Deep.ipynb", 10, 8, 6, "np.random.seed(1)", "top-level call"),
        Skipped("Deep.ipynb", 10, 8, 7, "for i in range(3):", "loop"),
        Skipped("Deep.ipynb", 10, 8, 9, "assert my_sigmoid(0) == 0.5", "test cell"),
        Skipped("Deep.ipynb", 10, 8, 10, "x = !ls", "shell command"),
        Skipped("Deep.ipynb", 10, 8, 11, "my_sigmoid?", "help"),
        Skipped("Deep.ipynb", 11, 9, 1, "%%time", "magic"),
    ]
    assert str(sub.skipped[4]) == "Deep.ipynb cell 8, line 1: sigmoid_test(my_sigmoid)  [test cell]"


def test_notebook_tracebacks_show_the_learners_lines(tmp_path: Path) -> None:
    sub = load_submission(notebook(tmp_path, "Deep.ipynb", *COURSE_NOTEBOOK))
    nb = sub.modules["Deep"]
    with pytest.raises(ZeroDivisionError) as info:
        nb.divide(1, 0)
    last = traceback.extract_tb(info.value.__traceback__)[-1]
    assert (last.filename, last.lineno, last.name, last.line) == (
        "<Deep.ipynb cell 7>",
        5,
        "divide",
        "q = a / b",
    )
    assert inspect.getsource(nb.divide).startswith("def divide(a, b):\n    q = a / b")


def test_notebook_stand_ins(tmp_path: Path) -> None:
    sub = load_submission(notebook(tmp_path, "Deep.ipynb", *COURSE_NOTEBOOK))
    nb = sub.modules["Deep"]
    Z = np.array([[-1.0, 0.0, 2.0]])
    A, cache = nb.relu(Z)
    assert cache is Z and A.tolist() == [[0.0, 0.0, 2.0]]
    assert nb.relu_backward(np.ones_like(Z), Z).tolist() == [[0.0, 0.0, 1.0]]
    with pytest.raises(NotProvidedError, match="testCases is the course's test helper"):
        nb.testCases.L_model_forward_test_case()
    assert "dnn_utils" not in sys.modules and "testCases" not in sys.modules


def test_notebook_syntax_error_names_cell_and_line(tmp_path: Path) -> None:
    path = notebook(
        tmp_path,
        "broken.ipynb",
        ("markdown", "text"),
        "%matplotlib inline\n!ls",  # only escapes: fine
        "def f(x):\n    return x\n\ndef g(:\n    pass",
    )
    with pytest.raises(SubmissionError) as info:
        load_submission(path)
    assert str(info.value) == "SyntaxError at line 4 of cell 3 of broken.ipynb: invalid syntax"
    assert isinstance(info.value.__cause__, SyntaxError)


def test_notebook_error_while_running_a_kept_cell(tmp_path: Path) -> None:
    path = notebook(tmp_path, "nb.ipynb", "import numpy as np", "import no_such_module_t5")
    with pytest.raises(SubmissionError) as info:
        load_submission(path)
    assert str(info.value) == (
        "ImportError while importing nb.ipynb: No module named 'no_such_module_t5' "
        "(line 1 of cell 2)"
    )


def test_not_a_notebook(tmp_path: Path) -> None:
    write(tmp_path, "nb.ipynb", "{not json")
    with pytest.raises(SubmissionError, match=r"^nb\.ipynb is not a notebook nbformat can read: "):
        load_submission(tmp_path / "nb.ipynb")


# --- errors of .py files ------------------------------------------------------------------------


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    write(tmp_path, "my_solution.py", "import numpy as np\n\ndef f(x)\n    return x\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "my_solution.py")
    assert str(info.value) == "SyntaxError at line 3 of my_solution.py: expected ':'"
    assert isinstance(info.value.__cause__, SyntaxError)


def test_syntax_error_in_a_sibling(tmp_path: Path) -> None:
    write(tmp_path, "helper.py", "x = (\n")
    write(tmp_path, "main.py", "import helper\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "main.py")
    assert str(info.value) == (
        "SyntaxError at line 1 of helper.py: '(' was never closed (importing main.py)"
    )


def test_exception_at_import(tmp_path: Path) -> None:
    write(tmp_path, "my_solution.py", "import numpy as np\n\nRATE = 1 / 0\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "my_solution.py")
    assert str(info.value) == (
        "ZeroDivisionError at line 3 of my_solution.py while importing it: division by zero"
    )
    assert isinstance(info.value.__cause__, ZeroDivisionError)


def test_exception_in_a_sibling_and_state_restored(tmp_path: Path) -> None:
    write(tmp_path, "helper.py", "def boom():\n    raise ValueError('no data')\n\nboom()\n")
    write(tmp_path, "main.py", "import helper\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "main.py")
    assert str(info.value) == "ValueError at line 2 of helper.py while importing main.py: no data"
    # the autouse fixture checks that the failed load left nothing behind


def test_system_exit_at_import(tmp_path: Path) -> None:
    write(tmp_path, "script.py", "import sys\nsys.exit(2)\n")
    with pytest.raises(
        SubmissionError, match=r"^SystemExit at line 2 of script\.py while importing it: 2$"
    ):
        load_submission(tmp_path / "script.py")


def test_import_error_names_the_line(tmp_path: Path) -> None:
    write(tmp_path, "my_solution.py", "import numpy as np\n\nimport no_such_module_t3\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "my_solution.py")
    assert str(info.value) == (
        "ImportError while importing my_solution.py: No module named 'no_such_module_t3' (line 3)"
    )
    assert isinstance(info.value.__cause__, ModuleNotFoundError)


def test_import_error_names_no_private_name(tmp_path: Path) -> None:
    write(tmp_path, "main.py", "from dnn_utils import softmax\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "main.py")
    assert str(info.value).startswith(
        "ImportError while importing main.py: cannot import name 'softmax' from 'dnn_utils'"
    )
    assert PREFIX not in str(info.value)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("missing/my_solution.py", r"^no such file or folder: .*missing/my_solution\.py$"),
        ("no_such_module_t4", r"^no module, file or folder named 'no_such_module_t4'$"),
        ("data.txt", r"^cannot load data\.txt: give a \.py file, a \.ipynb notebook, "),
    ],
)
def test_bad_specs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, spec: str, message: str
) -> None:
    write(tmp_path, "data.txt", "1 2 3\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SubmissionError, match=message):
        load_submission(spec)


def test_module_name_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "my_solution_t6.py", "X = 1\n")
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SubmissionError, match=r"\(did you mean my_solution_t6\.py\?\)$"):
        load_submission("my_solution_t6")


def test_module_name_whose_package_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, "bad_pkg_t10/__init__.py", "import numpy\n\nRATE = 1 / 0\n")
    write(tmp_path, "bad_pkg_t10/sub.py", "X = 1\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        with pytest.raises(SubmissionError) as info:
            load_submission("bad_pkg_t10.sub")
        assert str(info.value) == (
            "ZeroDivisionError at line 3 of bad_pkg_t10/__init__.py while importing "
            "bad_pkg_t10.sub: division by zero"
        )
    finally:
        sys.path_importer_cache.pop(str(tmp_path), None)
        sys.path_importer_cache.pop(str(tmp_path / "bad_pkg_t10"), None)


def test_folder_error_names_the_file_being_imported(tmp_path: Path) -> None:
    write(tmp_path / "f", "a.py", "A = 1\n")
    write(tmp_path / "f", "b.py", "B = [][0]\n")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "f")
    assert str(info.value) == (
        "IndexError at line 1 of b.py while importing it: list index out of range"
    )


def test_package_error_names_the_file(tmp_path: Path) -> None:
    write(tmp_path / "pkg", "__init__.py", "")
    write(tmp_path / "pkg", "deep.py", "from .logistic import nothing\n")
    write(tmp_path / "pkg", "logistic.py", "")
    with pytest.raises(SubmissionError) as info:
        load_submission(tmp_path / "pkg")
    assert str(info.value) == (
        "ImportError while importing pkg: cannot import name 'nothing' from 'logistic' "
        f"({tmp_path / 'pkg' / 'logistic.py'}) (line 1 of pkg/deep.py)"
    )


def test_notebook_named_like_a_course_helper(tmp_path: Path) -> None:
    notebook(tmp_path / "f", "testCases.ipynb", "def mine():\n    return 1")
    write(tmp_path / "f", "main.py", "import testCases\n")
    sub = load_submission(tmp_path / "f")
    assert sorted(sub.modules) == ["main", "testCases"]
    assert sub.modules["testCases"].mine() == 1
    assert sub.modules["main"].testCases is not sub.modules["testCases"]  # the stand-in
    assert sub.provided == ["testCases"]


# --- isolation details --------------------------------------------------------------------------


def test_local_file_never_shadows_an_installed_module(tmp_path: Path) -> None:
    write(tmp_path, "numpy.py", "LEARNER = True\n")
    write(tmp_path, "main.py", "import numpy\n\nLEARNERS = hasattr(numpy, 'LEARNER')\n")
    sub = load_submission(tmp_path / "main.py")
    assert sub.root is not None and sub.root.LEARNERS is False
    assert sub.shadowed == ["numpy.py"]


def test_local_course_helper_wins_over_the_stand_in(tmp_path: Path) -> None:
    write(tmp_path, "testCases.py", "def case():\n    return 'local'\n")
    write(tmp_path, "main.py", "from testCases import case\nfrom testCases_v2 import *\n")
    sub = load_submission(tmp_path / "main.py")
    assert sub.root is not None and sub.root.case() == "local"
    assert sub.provided == ["testCases_v2"]


def test_each_submission_gets_fresh_stand_ins(tmp_path: Path) -> None:
    write(tmp_path, "main.py", "import dnn_utils\n")
    first, second = (load_submission(tmp_path / "main.py") for _ in range(2))
    assert first.root is not None and second.root is not None
    assert first.root.dnn_utils is not second.root.dnn_utils
    assert first.modules["main"] is not second.modules["main"]


def test_warnings_recorded_not_raised(tmp_path: Path) -> None:
    write(tmp_path, "w.py", "import warnings\nwarnings.warn('careful', UserWarning)\n")
    sub = load_submission(tmp_path / "w.py")
    assert sub.warnings == ["UserWarning at line 2 of w.py: careful"]


def test_missing_optional_library_is_a_stub(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(course_helpers, "OPTIONAL_LIBRARIES", frozenset({"absent_lib_t7"}))
    write(
        tmp_path,
        "utils.py",
        "import absent_lib_t7.pyplot as plt\n\ndef draw():\n    plt.plot([1])\n",
    )
    sub = load_submission(tmp_path / "utils.py")
    assert sub.provided == ["absent_lib_t7"]
    with pytest.raises(NotProvidedError, match=r"absent_lib_t7 is not installed where the grader"):
        sub.modules["utils"].draw()


def test_no_bytecode_written_into_the_submission(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "dont_write_bytecode", False)  # as without PYTHONDONTWRITEBYTECODE
    write(tmp_path, "helper.py", "X = 1\n")
    write(tmp_path, "main.py", "import helper\n")
    load_submission(tmp_path / "main.py")
    assert sys.dont_write_bytecode is False
    assert not list(tmp_path.rglob("*.pyc"))


def test_modules_imported_by_plain_name_keep_their_own_spec(tmp_path: Path) -> None:
    pkg = tmp_path / "my_pkg"
    write(pkg, "__init__.py", "")
    write(pkg, "logistic.py", "")
    write(pkg, "shallow.py", "from my_pkg import logistic\nimport deep_t9\n")
    write(pkg, "deep_t9.py", "")
    sub = load_submission(pkg)
    assert sub.root is not None
    for module in [sub.root, *sub.modules.values()]:
        assert module.__spec__ is not None and module.__spec__.name == module.__name__
        assert module.__spec__.parent == module.__package__


# --- the stand-ins themselves -------------------------------------------------------------------


def _stand_in(name: str) -> Any:
    return course_helpers.stand_in(name, f"{PREFIX}test.{name}")


def test_dnn_utils_contract() -> None:
    dnn = _stand_in("dnn_utils_v2")
    Z = np.array([[-800.0, -1.0, 0.0, 2.0]], dtype=np.float32)
    A, cache = dnn.sigmoid(Z)  # no overflow warning (an error here) for -800
    assert cache is Z and A.dtype == np.float32
    with np.errstate(over="ignore"):
        s = 1 / (1 + np.exp(-Z.astype(np.float64)))
    np.testing.assert_allclose(A, s, rtol=1e-6)
    dA = np.array([[1.0, 2.0, 3.0, 4.0]])
    np.testing.assert_allclose(dnn.sigmoid_backward(dA, Z), dA * s * (1 - s), rtol=1e-6)
    A, cache = dnn.relu(Z)
    assert cache is Z and A.tolist() == [[0.0, 0.0, 0.0, 2.0]]
    dZ = dnn.relu_backward(dA, Z)
    assert dZ.tolist() == [[0.0, 0.0, 0.0, 4.0]] and dA.tolist() == [[1.0, 2.0, 3.0, 4.0]]


def test_dnn_app_utils_and_planar_utils() -> None:
    app = _stand_in("dnn_app_utils_v3")
    assert {"L_model_forward", "L_model_backward", "predict", "load_data"} <= set(app.__all__)
    assert not is_unavailable(app.L_model_backward)
    planar = _stand_in("planar_utils")
    assert planar.sigmoid(np.array([0.0])).tolist() == [0.5]  # the value, no cache
    X, Y = planar.load_planar_dataset()
    assert (X.shape, Y.shape) == ((2, 400), (1, 400))
    assert planar.plot_decision_boundary(lambda x: x, X, Y) is None


def test_lr_utils_without_cat_data(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SCRATCHNN_CAT_DATA", raising=False)
    lr = _stand_in("lr_utils")
    with pytest.raises(
        NotProvidedError, match=r"lr_utils\.load_dataset: the grader has no cat data"
    ):
        lr.load_dataset()


def test_test_helper_stub() -> None:
    stub = _stand_in("public_tests")
    assert stub.__all__ == []
    assert is_unavailable(stub.sigmoid_test)
    with pytest.raises(AttributeError):
        stub.__path__  # noqa: B018 - not a package
    with pytest.raises(NotProvidedError, match="public_tests is the course's test helper"):
        stub.sigmoid_test(print)


def test_an_application_notebook_gets_working_staff_helpers(tmp_path: Path) -> None:
    """The application notebook writes only the models; the staff file's helpers are provided."""
    import numpy as np

    cells = [
        "import numpy as np\nimport matplotlib.pyplot as plt\nfrom dnn_app_utils_v2 import *",
        """
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    np.random.seed(1)
    parameters = initialize_parameters_deep(layers_dims)
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, grads
""",
    ]
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    path = tmp_path / "Deep Neural Network - Application.ipynb"
    nbformat.write(nb, str(path))
    sub = load_submission(path)
    assert "dnn_app_utils_v2" in sub.provided
    (module,) = sub.modules.values()
    X = np.random.default_rng(0).standard_normal((4, 5))
    Y = (X[:1] > 0).astype(float)
    params, grads = module.L_layer_model(X, Y, [4, 3, 1], 0.1, 3)
    assert set(params) == {"W1", "b1", "W2", "b2"}
    assert {"dA1", "dA2"} <= set(grads) and "dA0" not in grads  # v2's keys, shifted by one
