"""What the gate says about a submission: each kind of verdict, read as a learner reads it.

Each test writes a small course-style submission, runs the suite on it (``pytest --impl file.py``,
as an educator does) and checks the words of the verdict: a learner's exception names its type,
line, file and function; a bare assert shows its line; every failure hypothesis found is told on
its own; an initialization from another seed says which; a warning is a note, not a failure; a
signature no version has is "not provided", not a failure; a file that does not load stops the run.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

SUITE = Path(__file__).resolve().parent / "test_parity.py"
HEADER = "import numpy as np\n"


def gate(tmp_path: Path, source: str, *selection: str, name: str = "submission.py") -> str:
    """Run the parity suite on a one-file submission; returns what it printed (exit code first)."""
    path = tmp_path / name
    path.write_text(HEADER + textwrap.dedent(source), encoding="utf-8")
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci", "OPENBLAS_NUM_THREADS": "1"}
    env.pop("PYTEST_XDIST_WORKER", None)
    cmd = [sys.executable, "-m", "pytest", str(SUITE), "-p", "no:cacheprovider", "-rfEs"]
    cmd += ["--impl", str(path), "--tb=line", "-q", *selection]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=600, check=False)
    return f"exit {proc.returncode}\n{proc.stdout}\n{proc.stderr}"


def test_a_learners_exception_names_its_line_and_function(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def linear_forward(A, W, b):
            return np.dot(W, A) + b, (A, W, b)

        def linear_activation_forward(A_prev, W, b, activation):
            Z, linear_cache = linear_forward(A_prev, W, b)
            if activation == "sigmoid":
                A = 1 / (1 + np.exp(-Z))
            elif activation == "Relu":
                A = np.maximum(0, Z)
            return A, (linear_cache, Z)
        ''', "-k", "linear_activation_forward and relu")  # fmt: skip
    assert "exit 1" in out
    headline = re.search(r"linear_activation_forward\(activation='relu'\) raised .*", out)
    assert headline, out
    assert "UnboundLocalError" in headline.group()
    assert "at line 12 of submission.py in linear_activation_forward" in headline.group()
    assert "disagrees with PyTorch" not in headline.group()


def test_a_bare_assert_shows_its_line(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            dW = np.dot(dZ, A_prev.T) / m
            db = np.sum(dZ, axis=1, keepdims=True) / m
            dA_prev = np.dot(W.T, dZ)
            assert (db.shape == (1, 1))
            return dA_prev, dW, db
        ''', "-k", "layer.deep.linear_backward and samples")  # fmt: skip
    assert "exit 1" in out
    assert "linear_backward failed an assert: assert (db.shape == (1, 1)) " in out, out
    assert "(at line 9 of submission.py in linear_backward)" in out


def test_each_failure_hypothesis_finds_is_told(tmp_path: Path) -> None:
    # Two bugs: a crash for one example, and a wrong dW for more than one.
    out = gate(tmp_path, '''
        def linear_backward(dZ, cache):
            A_prev, W, b = cache
            m = A_prev.shape[1]
            if m == 1:
                raise ZeroDivisionError("one example")
            dW = np.dot(dZ, A_prev.T)
            db = np.sum(dZ, axis=1, keepdims=True) / m
            return np.dot(W.T, dZ), dW, db
        ''', "-k", "test_property and layer.deep.linear_backward")  # fmt: skip
    assert "exit 1" in out
    assert "hypothesis found 2 distinct failures:" in out, out
    assert re.search(r"1\. .*(raised ZeroDivisionError: one example|dW: )", out)
    assert re.search(r"2\. .*(raised ZeroDivisionError: one example|dW: )", out)
    assert out.count("inputs: dZ=") >= 2  # each failure with its own counterexample


def test_an_initialization_from_another_seed_is_named(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def initialize_parameters(n_x, n_h, n_y):
            np.random.seed(3)
            W1 = np.random.randn(n_h, n_x) * 0.01
            W2 = np.random.randn(n_y, n_h) * 0.01
            return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}

        def layer_sizes(X, Y):
            return X.shape[0], 4, Y.shape[0]
        ''', "-k", "init.shallow.initialize_parameters and samples")  # fmt: skip
    assert "exit 1" in out
    assert "yours matches the initialization seed 3, randn * 0.01" in out, out
    assert "all 6 values differ" in out or "values differ" in out


def test_a_warning_is_a_note_not_the_verdict(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def sigmoid(z):
            return 1 / (1 + np.exp(-z))
        ''', "-k", "activation.course_sigmoid")  # fmt: skip
    assert "exit 0" in out, out
    assert "course versions recognised" in out
    assert re.search(r"note: sigmoid warned: RuntimeWarning: overflow encountered in exp", out)


def test_a_signature_no_version_has_is_not_provided(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def compute_cost(AL, Y, parameters, lambd):
            return 0.0
        ''', "-k", "cost.deep.compute_cost")  # fmt: skip
    assert "exit 0" in out, out  # nothing failed: the function is listed, not failed
    assert "FAILED" not in out
    assert "not provided: compute_cost(AL, Y, parameters, lambd) cannot be called as the course " \
        "calls compute_cost(AL, Y)" in out  # fmt: skip


def test_a_version_is_recognised(tmp_path: Path) -> None:
    out = gate(tmp_path, '''
        def compute_cost(A2, Y, parameters):
            m = Y.shape[1]
            logprobs = np.multiply(np.log(A2), Y) + np.multiply(np.log(1 - A2), 1 - Y)
            return float(np.squeeze(-np.sum(logprobs) / m))

        def layer_sizes(X, Y):
            return X.shape[0], 4, Y.shape[0]
        ''', "-k", "cost.shallow.compute_cost")  # fmt: skip
    assert "exit 0" in out, out
    assert "shallow.compute_cost: signature compute_cost(A2, Y, parameters) (the course " \
        "before 2021)" in out  # fmt: skip


@pytest.mark.parametrize(
    ("source", "said"),
    [
        ("def sigmoid(z)\n    return z\n", "SyntaxError at line 2 of broken.py"),
        ("import no_such_module_anywhere\n", "No module named 'no_such_module_anywhere'"),
        ("x = 1 / 0\n", "ZeroDivisionError at line 2 of broken.py while importing it"),
    ],
    ids=["syntax", "import", "raises"],
)
def test_a_submission_that_does_not_load_stops_the_run(
    tmp_path: Path, source: str, said: str
) -> None:
    out = gate(tmp_path, source, name="broken.py")
    assert not out.startswith("exit 0")
    assert f"--impl {tmp_path / 'broken.py'}: cannot load it: " in out, out
    assert said in out
    assert "passed" not in out  # nothing ran
