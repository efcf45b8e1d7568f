"""A submission runs in a process of its own: hostile code fails its own function, nothing more.

Each test loads a small submission into a :class:`parity_tests.isolation.Worker` and checks what a
call gives: a hang, an exit, a crash, a MemoryError, megabytes printed, each a failure naming what
happened, the other functions still answering, global state kept in the worker, arrays crossing
intact. The last test runs the suite on a submission that exits inside ``sigmoid``: the run fails.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from parity_tests.impl import SubmissionError, load_isolated
from parity_tests.isolation import Failure, Worker

HOSTILE = """
import numpy as np

def linear_forward(A, W, b):
    return np.dot(W, A) + b, (A, W, b)

def L_model_backward(AL, Y, caches):
    while True:
        pass

def compute_cost(AL, Y):
    import os
    os._exit(0)

def linear_backward(dZ, cache):
    import ctypes
    ctypes.string_at(0)  # a segfault

def L_model_forward(X, parameters):
    return np.ones((200_000_000,)), []  # 1.6 GB: beyond the limit of 1 GiB, not of the machine

def update_parameters(parameters, grads, learning_rate):
    print("x" * 200_000)
    return parameters

def initialize_parameters(n_x, n_h, n_y):
    return [[0.0] * n_x] * n_h  # lists, not arrays
"""


@pytest.fixture
def worker(tmp_path: Path) -> Iterator[Worker]:
    path = tmp_path / "hostile.py"
    path.write_text(HOSTILE, encoding="utf-8")
    w = Worker(str(path), timeout=3, memory=1 << 30, output=100_000)
    yield w
    w.close()


X = np.arange(6.0).reshape(2, 3)
W = np.ones((1, 2))
b = np.zeros((1, 1))


def test_a_working_function_answers(worker: Worker) -> None:
    Z, cache = worker.call("deep", "linear_forward", [X, W, b], None)
    np.testing.assert_array_equal(Z, W @ X + b)
    assert len(cache) == 3


def test_a_hang_is_a_failure_and_is_not_waited_for_twice(worker: Worker) -> None:
    start = time.monotonic()
    with pytest.raises(Failure, match=r"did not return within 3 s") as info:
        worker.call("deep", "L_model_backward", [X, X, []], None)
    assert info.value.kind == "hang"
    with pytest.raises(Failure, match="did not return"):  # at once, the same reason
        worker.call("deep", "L_model_backward", [X, X, []], None)
    assert time.monotonic() - start < 20
    assert worker.call("deep", "linear_forward", [X, W, b], None)[0].shape == (1, 3)


def test_an_exit_is_a_failure_not_a_pass(worker: Worker) -> None:
    with pytest.raises(Failure, match=r"exited its process \(exit code 0") as info:
        worker.call("deep", "compute_cost", [X, X], None)
    assert info.value.kind == "exit"
    assert worker.call("deep", "linear_forward", [X, W, b], None)[0].shape == (1, 3)


def test_a_crash_is_a_failure(worker: Worker) -> None:
    with pytest.raises(Failure, match=r"crashed its process \(SIGSEGV\)") as info:
        worker.call("deep", "linear_backward", [X, (X, W, b)], None)
    assert info.value.kind == "crash"
    assert worker.call("deep", "linear_forward", [X, W, b], None)[0].shape == (1, 3)


def test_memory_beyond_the_limit_is_a_failure(worker: Worker) -> None:
    with pytest.raises(Failure, match="ran out of memory") as info:
        worker.call("deep", "L_model_forward", [X, {}], None)
    assert info.value.kind == "memory"


def test_megabytes_printed_are_a_failure(worker: Worker) -> None:
    with pytest.raises(Failure, match=r"printed 0.2 MB") as info:
        worker.call("deep", "update_parameters", [{}, {}, 0.1], None)
    assert info.value.kind == "output"


def test_lists_cross_as_lists(worker: Worker) -> None:
    got = worker.call("deep", "initialize_parameters", [2, 3, 1], None)
    assert isinstance(got, list)  # the comparison then says "expected a dict, got list"


def test_arrays_cross_intact(tmp_path: Path) -> None:
    path = tmp_path / "same.py"
    path.write_text(
        "def linear_forward(A, W, b):\n    return A, (A, W, b)\n"
        "def update_parameters(parameters, grads, learning_rate):\n"
        "    parameters['W1'] -= learning_rate * grads['dW1']\n    return parameters\n",
        encoding="utf-8",
    )
    w = Worker(str(path))
    try:
        A = np.asfortranarray(np.arange(6, dtype=np.float32).reshape(2, 3))
        got, _ = w.call("deep", "linear_forward", [A, W, b], None)
        assert got.dtype == np.float32 and got.shape == (2, 3) and got.flags.f_contiguous
        params = {"W1": np.ones((2, 2))}
        out = w.call("deep", "update_parameters", [params, {"dW1": np.ones((2, 2))}, 0.5], None)
        assert out is params  # returned its argument: the caller's own dict
        np.testing.assert_array_equal(params["W1"], 0.5)  # changed in place, as in the worker
    finally:
        w.close()


def _global_key() -> list[int]:
    """The first words of the global generator's key (its legacy state is a tuple: MT19937)."""
    state = np.random.get_state()
    assert isinstance(state, tuple)
    key: list[int] = state[1][:3].tolist()
    return key


def test_global_state_stays_in_the_submission(tmp_path: Path) -> None:
    path = tmp_path / "state.py"
    path.write_text(
        "import numpy as np\nnp.seterr(all='raise')\nnp.random.seed(99)\nnp.dot = None\n"
        "def sigmoid(z):\n    return 1 / (1 + np.exp(-z))\n",
        encoding="utf-8",
    )
    before = np.geterr(), _global_key()
    impl = load_isolated(str(path))
    try:
        assert (np.geterr(), _global_key()) == before
        assert callable(np.dot)
        with pytest.raises(Failure, match="FloatingPointError"):  # its own error state, there
            impl.scopes["logistic"][0].sigmoid(np.array([-1000.0]))
    finally:
        impl.close()


def test_an_exception_at_import_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.py"
    path.write_text("import numpy as np\nraise NotImplementedError('todo')\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"NotImplementedError at line 2 of broken.py"):
        load_isolated(str(path))


def test_an_exit_at_import_is_no_pass(tmp_path: Path) -> None:
    path = tmp_path / "leaves.py"
    path.write_text("import os\nos._exit(0)\n", encoding="utf-8")
    with pytest.raises(SubmissionError, match=r"exited its process \(exit code 0"):
        load_isolated(str(path))


def test_a_submission_that_exits_in_sigmoid_fails_the_run(tmp_path: Path) -> None:
    path = tmp_path / "exits.py"
    path.write_text(
        textwrap.dedent("""
        import os
        import numpy as np

        def sigmoid(z):
            os._exit(0)
        """),
        encoding="utf-8",
    )
    suite = Path(__file__).resolve().parent / "test_parity.py"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "ci"}
    cmd = [sys.executable, "-m", "pytest", str(suite), "-q", "-p", "no:cacheprovider"]
    cmd += ["--impl", str(path), "-k", "course_sigmoid", "--tb=line"]
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert proc.returncode == 1, proc.stdout
    assert "sigmoid exited its process (exit code 0" in proc.stdout


def test_a_staff_helper_file_serves_week_4_only(tmp_path: Path) -> None:
    # dnn_app_utils' sigmoid returns (A, cache): it is no week-2 sigmoid
    path = tmp_path / "dnn_app_utils_v3.py"
    path.write_text(
        "import numpy as np\ndef sigmoid(Z):\n    return 1 / (1 + np.exp(-Z)), Z\n"
        "def linear_forward(A, W, b):\n    return W @ A + b, (A, W, b)\n",
        encoding="utf-8",
    )
    impl = load_isolated(str(path))
    try:
        assert impl.scopes["logistic"] == [] and impl.scopes["shallow"] == []
        assert hasattr(impl.scopes["deep"][0], "linear_forward")
    finally:
        impl.close()
