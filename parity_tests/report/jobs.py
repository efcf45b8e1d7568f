"""The evidence tasks and the worker processes that run them while the suite runs.

Each task (the conventions' measurements, one trajectory, the ReLU'(0) experiment) is independent
and returns small JSON-ready results, so the report runs them in spawned worker processes, one BLAS
thread each, the longest first, and records each the moment it ends. A task never raises: it
returns ``{"status": "done" | "not run" | "error", ...}``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
import traceback
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

CAT_ENV = "SCRATCHNN_CAT_DATA"
THREADS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def evidence_tasks(
    cat: str | None, trajectories: bool
) -> tuple[list[tuple[str, str, dict[str, Any]]], dict[str, dict[str, Any]]]:
    """The tasks to run, (key, function, kwargs), the longest first; and those not run, with why.

    ``cat`` is the cat data's path (None: absent); ``trajectories`` False keeps the conventions.
    """
    cat_models = [("cat4", "float64"), ("cat2", "float64"), ("cat4", "float32")]
    tasks: list[tuple[str, str, dict[str, Any]]] = [("conventions", "conventions", {})]
    tasks += [
        (f"trajectory/{m}/{d}", "pair", {"model": m, "dtype": d, "cat_path": cat})
        for m, d in cat_models
    ]
    tasks += [("relu_at_zero", "relu", {"cat_path": cat})]
    tasks += [
        ("trajectory/cat2/float32", "pair", {"model": "cat2", "dtype": "float32", "cat_path": cat})
    ]
    tasks += [
        (f"trajectory/flower/{d}", "pair", {"model": "flower", "dtype": d})
        for d in ("float64", "float32")
    ]
    skipped = {}
    if not trajectories:
        why = "not run: --no-trajectories"
        skipped = {key: {"status": "not run", "reason": why} for key, *_ in tasks[1:]}
    elif cat is None:
        why = f"not run: data absent (the course's cat data; set {CAT_ENV} or --cat-data)"
        skipped = {
            key: {"status": "not run", "reason": why} for key, _, kw in tasks if "cat_path" in kw
        }
    return [t for t in tasks if t[0] not in skipped], skipped


def run_task(name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """One evidence task, in a worker: its result, or why it did not run (never raises)."""
    from parity_tests.report import evidence, trajectories

    functions: dict[str, Callable[..., Any]] = {
        "conventions": evidence.conventions,
        "pair": trajectories.run_pair,
        "relu": trajectories.run_relu_at_zero,
    }
    start, cpu = time.perf_counter(), time.process_time()
    try:
        result = functions[name](**kwargs)
    except FileNotFoundError as exc:
        reason = f"not run: data absent ({exc}); set {CAT_ENV} or --cat-data to the cat .npz"
        return {"status": "not run", "reason": reason}
    except Exception as exc:
        reason = f"error: {type(exc).__name__}: {exc}"
        return {"status": "error", "reason": reason, "traceback": traceback.format_exc()}
    return {
        "status": "done",
        "result": result,
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
    }


def _worker_init() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops the pool on Ctrl-C
    import torch

    torch.set_num_threads(1)


@contextmanager
def single_threaded() -> Iterator[None]:
    """Workers share 2 cores with the suite: one BLAS thread each (unless the user set it)."""
    old = {k: os.environ.get(k) for k in THREADS}
    for key in THREADS:
        os.environ.setdefault(key, "1")
    try:
        yield
    finally:
        for key, value in old.items():
            if value is None:
                os.environ.pop(key, None)


def compute_evidence(
    tasks: list[tuple[str, str, dict[str, Any]]],
    workers: int,
    done: Callable[[str, dict[str, Any]], None],
) -> None:
    """Run the tasks in ``workers`` spawned processes; call ``done(key, outcome)`` as each ends.

    On any exception (Ctrl-C included) the workers are terminated and the exception propagates.
    """
    import multiprocessing

    with single_threaded():
        pool = multiprocessing.get_context("spawn").Pool(workers, initializer=_worker_init)
    try:
        pending = {key: pool.apply_async(run_task, (name, kw)) for key, name, kw in tasks}
        while pending:
            for key in [k for k, r in pending.items() if r.ready()]:
                done(key, pending.pop(key).get())
            time.sleep(0.2)
        pool.close()
    except BaseException:
        pool.terminate()
        raise
    finally:
        pool.join()


# --- the suite's subprocess ------------------------------------------------------------------


def stream(proc: subprocess.Popen[str], tail: deque[str], say: Callable[..., None]) -> None:
    """Print the suite's output as it comes, keeping its last lines."""
    assert proc.stdout is not None
    for line in proc.stdout:
        tail.append(line.rstrip("\n"))
        say("  " + line.rstrip("\n"))


def terminate(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def stop(proc: subprocess.Popen[str]) -> None:
    """pytest got the same Ctrl-C (one process group); let it write run.json, then insist."""
    for sig, wait in ((None, 20), (signal.SIGINT, 10), (signal.SIGKILL, 5)):
        if sig is not None and proc.poll() is None:
            proc.send_signal(sig)
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue
        except KeyboardInterrupt:  # a second Ctrl-C: stop waiting politely
            continue


def cpu_seconds() -> float:
    """CPU seconds of this process and its finished children (the suite, the workers)."""
    import resource

    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
