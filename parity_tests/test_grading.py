"""Grading a class: notebooks and modules, correct, buggy and hostile, in one batch.

One batch holds a correct notebook, a notebook that imports the course's helper files, a module
with a classic bug (db without keepdims) and hostile submissions: a hang, an exit, a crash, a
MemoryError, an import error, megabytes printed, lists instead of arrays, global state changed
at import. Every one gets its verdict and its reason in bounded time; every results.json has
Gradescope's documented fields only; the class summary counts each diagnosis. The batch grades
week 4's step functions only (a rubric and -k of its own), so it runs in a minute or two.
"""

from __future__ import annotations

import csv
import json
import textwrap
import time
from pathlib import Path
from typing import Any

import nbformat
import pytest

from parity_tests.grading.grade import grade
from parity_tests.grading.rubric import load_rubric

RUBRIC = """
[functions]
"deep.linear_forward" = { points = 1 }
"deep.linear_backward" = { points = 2, hidden = ["published.deep.linear_backward"] }
"deep.linear_activation_backward" = { points = 2 }
"""
SELECT = (
    "(deep and (linear_forward or linear_backward or linear_activation_backward) and not model)"
    " or contract"
)

STEPS = """
def linear_forward(A, W, b):
    Z = np.dot(W, A) + b
    return Z, (A, W, b)


def linear_backward(dZ, cache):
    A_prev, W, b = cache
    m = A_prev.shape[1]
    dW = 1. / m * np.dot(dZ, A_prev.T)
    db = 1. / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    linear_cache, activation_cache = cache
    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
    return linear_backward(dZ, linear_cache)
"""
OWN_HELPERS = """
def relu_backward(dA, Z):
    dZ = np.array(dA, copy=True)
    dZ[Z <= 0] = 0
    return dZ


def sigmoid_backward(dA, Z):
    s = 1 / (1 + np.exp(-Z))
    return dA * s * (1 - s)
"""


def notebook(path: Path, cells: list[str]) -> str:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("# Week 4, step by step")]
    nb.cells += [nbformat.v4.new_code_cell(textwrap.dedent(c).strip()) for c in cells]
    nbformat.write(nb, str(path))
    return str(path)


def module(path: Path, source: str) -> str:
    path.write_text("import numpy as np\n" + textwrap.dedent(source), encoding="utf-8")
    return str(path)


def with_step(old: str, new: str) -> str:
    assert old in STEPS
    return OWN_HELPERS + STEPS.replace(old, new)


FORWARD = "    Z = np.dot(W, A) + b\n"
BACKWARD = "    A_prev, W, b = cache\n"
#: (submission, the line of STEPS replaced, its replacement): a classic bug and hostile code.
BUGS = [
    ("keepdims", "axis=1, keepdims=True)", "axis=1)"),
    ("hang", FORWARD, "    while True:\n        pass\n"),
    ("exits", BACKWARD, "    import os\n    os._exit(0)\n"),
    ("crash", BACKWARD, "    import ctypes\n    ctypes.string_at(0)\n"),
    ("memory", FORWARD, "    Z = np.ones((400_000_000,))\n"),
    ("prints", FORWARD, "    print('x' * 2_000_000)\n" + FORWARD),
    ("lists", "    return Z, (A, W, b)\n", "    return Z.tolist(), (A, W, b)\n"),
]
STATE = "np.seterr(all='ignore')\nnp.random.seed(0)\nnp.sum = None\n"  # changed at import


#: the graded batch: its output folder, each submission's results.json, the seconds it took
Batch = tuple[Path, dict[str, dict[str, Any]], float]


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Batch:
    d = tmp_path_factory.mktemp("class")
    rubric_file = d / "rubric.toml"
    rubric_file.write_text(RUBRIC, encoding="utf-8")
    specs = [
        notebook(d / "correct.ipynb", ["import numpy as np", OWN_HELPERS, STEPS, "print(1)"]),
        notebook(
            d / "helpers.ipynb",
            [
                "%matplotlib inline\nimport numpy as np\nfrom dnn_utils import sigmoid, relu, "
                "relu_backward, sigmoid_backward\nfrom testCases import *",
                "!pip install nothing",
                STEPS,
                "dZ, linear_cache = linear_backward_test_case()\nlinear_backward(dZ, linear_cache)",
            ],
        ),
    ]
    specs += [module(d / f"{name}.py", with_step(old, new)) for name, old, new in BUGS]
    specs += [
        module(d / "imports.py", "import no_such_course_helper\n" + STEPS),
        module(d / "state.py", STATE + OWN_HELPERS + STEPS.replace("np.sum", "np.add.reduce")),
    ]
    start = time.monotonic()
    graded = grade(
        specs,
        d / "out",
        load_rubric(rubric_file),
        feedback="full",
        workers=2,
        call_timeout=5,
        memory_mb=1024,
        select=SELECT,
        timeout=600,
    )
    seconds = time.monotonic() - start
    results = {
        g.name: json.loads((d / "out" / g.name / "results.json").read_text()) for g in graded
    }
    return d / "out", results, seconds


def output(result: dict[str, Any], function: str) -> str:
    return str(next(t["output"] for t in result["tests"] if t["name"] == function))


def test_every_submission_gets_its_verdict_and_reason(batch: Batch) -> None:
    _, results, seconds = batch
    assert seconds < 600
    assert results["correct"]["score"] == 5 and results["helpers"]["score"] == 5
    assert results["state"]["score"] == 5  # its global changes stayed in its own process
    reasons = {
        "hang": ("deep.linear_forward", "did not return within 5 s"),
        "exits": ("deep.linear_backward", "exited its process (exit code 0"),
        "crash": ("deep.linear_backward", "crashed its process (SIGSEGV)"),
        "memory": ("deep.linear_forward", "ran out of memory"),
        "imports": ("deep.linear_forward", "No module named 'no_such_course_helper'"),
        "prints": ("deep.linear_forward", "printed 1.9 MB"),
        "lists": ("deep.linear_forward", "Z: expected an array (1, 1), got list" and "got list"),
        "keepdims": ("deep.linear_backward", "np.sum without keepdims=True?"),
    }
    for name, (function, said) in reasons.items():
        result = results[name]
        assert result["score"] < 5, name
        assert said in output(result, function), (name, output(result, function))


def test_a_failing_helper_is_charged_once(batch: Batch) -> None:
    _, results, _ = batch
    keepdims = results["keepdims"]
    assert "caused by linear_backward" in output(keepdims, "deep.linear_activation_backward")
    scores = {t["name"]: t["score"] for t in keepdims["tests"]}
    assert scores["deep.linear_activation_backward"] == 2 and scores["deep.linear_forward"] == 1
    assert 0 < scores["deep.linear_backward"] < 2  # partial credit: some of its cases pass


def test_a_notebooks_left_out_cells_are_listed(batch: Batch) -> None:
    _, results, _ = batch
    said = results["helpers"]["output"]
    assert "Left out of the notebook" in said and "(shell command): !pip install nothing" in said
    assert "(test cell): dZ, linear_cache = linear_backward_test_case()" in said
    assert "stand-ins used: dnn_utils, testCases" in said


def test_hidden_cases_keep_their_details(batch: Batch) -> None:
    _, results, _ = batch
    said = output(results["keepdims"], "deep.linear_backward")
    assert "hidden case(s) failed" in said
    assert "published.deep.linear_backward" not in said


#: Gradescope's documented fields of results.json and of each test.
TOP = {
    "score", "execution_time", "output", "output_format", "test_output_format",
    "test_name_format", "visibility", "stdout_visibility", "extra_data", "tests", "leaderboard",
}  # fmt: skip
TEST = {
    "score", "max_score", "status", "name", "name_format", "number", "output",
    "output_format", "tags", "visibility", "extra_data",
}  # fmt: skip
VISIBILITY = {"hidden", "after_due_date", "after_published", "visible"}


def test_results_json_has_gradescopes_fields(batch: Batch) -> None:
    _, results, _ = batch
    for name, result in results.items():
        assert set(result) <= TOP, name
        assert isinstance(result["score"], (int, float))
        assert result["visibility"] in VISIBILITY and result["stdout_visibility"] in VISIBILITY
        for test in result["tests"]:
            assert set(test) <= TEST, (name, test)
            assert {"name", "score", "max_score", "output", "visibility"} <= set(test)
            assert test["status"] in ("passed", "failed") and test["visibility"] in VISIBILITY
            assert 0 <= test["score"] <= test["max_score"]
        assert result["score"] == pytest.approx(sum(t["score"] for t in result["tests"]))


def test_the_class_summary_counts_each_diagnosis(batch: Batch) -> None:
    out, results, _ = batch
    with open(out / "summary.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["submission"] for r in rows} == set(results)
    assert {float(r["score"]) for r in rows if r["submission"] == "correct"} == {5.0}
    html = (out / "summary.html").read_text(encoding="utf-8")
    assert "a rank-1 array where a column is needed (keepdims=True?)" in html
    assert "does not return (a hang)" in html and "exits the process" in html
    row = html.split("a rank-1 array where a column is needed")[1].split("</tr>")[0]
    assert "1 of 11" in row and "keepdims" in row


def test_the_suite_and_the_report_take_a_notebook(tmp_path: Path) -> None:
    import subprocess
    import sys

    nb = notebook(tmp_path / "week4.ipynb", ["import numpy as np", OWN_HELPERS, STEPS])
    cmd = [sys.executable, "-m", "parity_tests", "report", "--impl", nb, "-n", "1"]
    cmd += ["-k", "layer.deep.linear_forward", "--no-trajectories", "--out", str(tmp_path / "r")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    html = (tmp_path / "r" / "parity-report.html").read_text(encoding="utf-8")
    assert "week4.ipynb" in html and "PASS" in html
