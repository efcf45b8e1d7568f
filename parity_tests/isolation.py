"""A submission in a process of its own: the suite calls its functions through a pipe.

The process that computes the references and writes the report never imports the learner's code.
:class:`Worker` starts a fresh interpreter (``multiprocessing``'s spawn), which loads the
submission (:func:`parity_tests.submission.load_submission`) and answers calls. Each call has a
time limit, the worker a memory limit, and what the learner prints is capped; whatever goes wrong
becomes a :class:`Failure` of that function, with a reason that names it:

- a hang (no answer within the time limit): the worker is killed and started afresh;
- an exit (``sys.exit``, ``os._exit``), a crash (a segfault), the memory limit reached;
- an exception, told with its line as :func:`parity_tests.course_api.explain_exception` does;
- megabytes printed.

A function that hung or killed its worker is not called again: its later calls fail at once with
the same reason, so a run's time stays bounded, and the other functions are still graded. Global
state the submission changes (numpy's error state, the global random generator, a monkeypatched
numpy) stays in its process. Arrays cross the pipe by pickle, which keeps their dtype, shape and
memory order; an argument the function changed in place is copied back into the caller's object,
and a result that *is* one of its arguments comes back as that argument.
"""

from __future__ import annotations

import contextvars
import inspect
import io
import multiprocessing
import multiprocessing.connection
import os
import signal
import sys
import time
import warnings
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: Defaults: seconds a call may take, bytes of address space, bytes it may print.
CALL_TIMEOUT = 120.0
MEMORY_LIMIT = 4 << 30
OUTPUT_LIMIT = 1 << 20

#: A longer time limit for the calls made inside a ``with`` of :func:`longer` (the cat runs).
CALL_LIMIT: contextvars.ContextVar[float | None] = contextvars.ContextVar("limit", default=None)


class Failure(Exception):
    """A call that did not return normally; the message says what happened, in the learner's terms
    and without the function's name, which the verdict puts first ("raised ValueError: ... (at
    line 12 of deep.py in L_model_backward)", "did not return within 120 s").

    ``kind``: "exception", "hang", "exit", "crash", "memory", "output", "import".
    """

    remote = True  # told as it is by course_api.explain_exception

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind


@dataclass
class Signature:
    """What the worker says of a function's parameters (enough to bind a course call)."""

    params: list[tuple[str, int, bool]]  # name, inspect kind, has a default

    def to_inspect(self) -> inspect.Signature:
        return inspect.Signature(
            [
                inspect.Parameter(
                    name, inspect._ParameterKind(kind), default=None if default else inspect._empty
                )
                for name, kind, default in self.params
            ]
        )


@dataclass
class Loaded:
    """What the worker found in the submission."""

    names: dict[str, dict[str, Signature | None]] = field(default_factory=dict)  # scope -> fn
    modules: dict[str, list[str]] = field(default_factory=dict)  # scope -> module names
    kind: str = ""
    provided: list[str] = field(default_factory=list)
    skipped: list[Any] = field(default_factory=list)
    error: str = ""  # the submission did not load


# --- the worker's side -------------------------------------------------------------------------


def _serve(
    conn: multiprocessing.connection.Connection, spec: str, memory: int, out_cap: int, threads: int
) -> None:
    """The worker's main loop: load, then answer calls until told to stop."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(threads)  # numpy is loaded: its BLAS gets the caller's share of the cores
    if memory:
        try:
            import resource

            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        except (ImportError, ValueError, OSError):  # pragma: no cover - not on this platform
            pass
    sys.stdout = sys.stderr = _Capped(out_cap)
    from parity_tests.impl import load

    try:
        impl = load(spec)
    except Exception as exc:  # the submission's failure to load, told in one line
        conn.send(Loaded(error=str(exc)))
        return
    loaded = Loaded(kind=impl.submission.kind if impl.submission else "module")
    if impl.submission is not None:
        loaded.provided = list(impl.submission.provided)
        loaded.skipped = list(impl.submission.skipped)
    functions: dict[tuple[str, str], Callable[..., Any]] = {}
    for scope, modules in impl.scopes.items():
        loaded.modules[scope] = [m.__name__ for m in modules]
        names: dict[str, Signature | None] = {}
        from parity_tests.course_helpers import is_unavailable
        from parity_tests.versions import FUNCTIONS

        for f in FUNCTIONS:
            if f.scope != scope:
                continue
            for module in modules:
                fn = getattr(module, f.name, None)
                if callable(fn) and not is_unavailable(fn):
                    functions[(scope, f.name)] = fn
                    names[f.name] = _signature(fn)
                    break
        loaded.names[scope] = names
    conn.send(loaded)
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message is None:
            return
        scope, name, args, seed = message
        if seed is not None:
            np.random.seed(seed)  # noqa: NPY002 (the course seeds the global generator)
        conn.send(_answer(functions[(scope, name)], args))


def _signature(fn: Callable[..., Any]) -> Signature | None:
    try:
        sig = inspect.signature(fn)
    except (TypeError, ValueError):
        return None
    return Signature(
        [(p.name, int(p.kind), p.default is not p.empty) for p in sig.parameters.values()]
    )


def _answer(fn: Callable[..., Any], args: list[Any]) -> tuple[Any, ...]:
    """("ok", result, args as after the call, index of an argument returned, warnings, printed)
    or ("error", kind, what happened, printed): the caller puts the function's name before it."""
    from parity_tests.course_api import explain_exception

    out = sys.stdout
    assert isinstance(out, _Capped)
    out.reset()
    start = time.perf_counter()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args)
        except MemoryError:
            return ("error", "memory", "ran out of memory (MemoryError)", out.size)
        except (Exception, SystemExit) as exc:
            return ("error", "exception", explain_exception(exc, "").strip(), out.size)
    if out.over:
        return ("error", "output", f"printed {out.size / 2**20:.1f} MB", out.size)
    same = next((i for i, a in enumerate(args) if result is a), None)
    warned = [(str(w.message), w.category.__name__, w.filename, w.lineno) for w in caught]
    own = time.perf_counter() - start
    return ("ok", None if same is not None else result, args, same, warned, out.size, own)


class _Capped(io.TextIOBase):
    """A stdout that keeps nothing and counts what was written (and says when over the cap)."""

    def __init__(self, cap: int) -> None:
        self.cap, self.size = cap, 0

    def reset(self) -> None:
        self.size = 0

    @property
    def over(self) -> bool:
        return self.size > self.cap

    def write(self, text: str) -> int:
        self.size += len(text)
        return len(text)

    def writable(self) -> bool:
        return True


# --- the suite's side ----------------------------------------------------------------------------


class Worker:
    """One submission's process. ``call`` runs one function there; ``close`` ends it."""

    def __init__(
        self,
        spec: str,
        *,
        timeout: float = CALL_TIMEOUT,
        memory: int = MEMORY_LIMIT,
        output: int = OUTPUT_LIMIT,
        load_timeout: float = 120.0,
        threads: int = 1,
    ) -> None:
        self.spec, self.timeout, self.memory, self.output = spec, timeout, memory, output
        self.load_timeout = load_timeout
        self.threads = threads
        self.broken: dict[tuple[str, str], Failure] = {}  # functions that hung or killed it
        self.own_seconds = 0.0  # time spent in the submission's own functions (measured there)
        self.loaded = Loaded()
        self._start()

    def _start(self) -> None:
        context = multiprocessing.get_context("spawn")
        self.conn, child = context.Pipe()
        self.process = context.Process(
            target=_serve,
            args=(child, self.spec, self.memory, self.output, self.threads),
            daemon=True,
        )
        self.process.start()
        child.close()
        if not self.conn.poll(self.load_timeout):
            self._kill()
            raise Failure("import", f"loading {self.spec} took over {self.load_timeout:g} s")
        try:
            self.loaded = self.conn.recv()
        except EOFError:
            raise Failure("import", self._death(f"loading {self.spec}")) from None
        if self.loaded.error:
            raise Failure("import", self.loaded.error)

    def call(
        self, scope: str, name: str, args: list[Any], seed: int | None, timeout: float | None = None
    ) -> Any:
        """The function's result; its in-place changes copied back into ``args``' objects.

        ``seed``: ``np.random.seed(seed)`` in the worker first (where the course's tests seed).
        """
        key = (scope, name)
        if key in self.broken:
            raise self.broken[key]
        if not self.process.is_alive():
            self._start()
        limit = self.timeout if timeout is None else timeout
        self.conn.send((scope, name, args, seed))
        start = time.monotonic()
        if not self.conn.poll(limit):
            self._kill()
            failure = Failure("hang", f"did not return within {limit:g} s (killed)")
            self.broken[key] = failure
            self._start()
            raise failure
        try:
            answer = self.conn.recv()
        except (EOFError, OSError):
            failure = Failure(*self._died())
            self.broken[key] = failure
            self._start()
            raise failure from None
        self.seconds = time.monotonic() - start
        if answer[0] == "error":
            _, kind, message, _printed = answer
            raise Failure(kind, message)
        _, result, after, same, warned, _printed, own = answer
        self.own_seconds += own
        for original, changed in zip(args, after, strict=True):
            copy_back(original, changed)
        for message, category, filename, lineno in warned:
            warnings.warn_explicit(message, _category(category), filename, lineno)
        return args[same] if same is not None else result

    def _died(self) -> tuple[str, str]:
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                sig = signal.Signals(-code).name
            except ValueError:
                sig = f"signal {-code}"
            return "crash", f"crashed its process ({sig})"
        return "exit", f"exited its process (exit code {code}: sys.exit or os._exit?)"

    def _death(self, what: str) -> str:
        return f"{what}: the submission {self._died()[1]}"

    def _kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)

    def close(self) -> None:
        try:
            if self.process.is_alive():
                self.conn.send(None)
                self.process.join(2)
        except (BrokenPipeError, OSError):
            pass
        self._kill()


def _category(name: str) -> type[Warning]:
    import builtins

    found = getattr(builtins, name, None)
    return found if isinstance(found, type) and issubclass(found, Warning) else UserWarning


def copy_back(original: Any, changed: Any) -> None:
    """Make ``original`` what the worker's copy became (in-place changes seen by the caller)."""
    if isinstance(original, np.ndarray) and isinstance(changed, np.ndarray):
        same_form = original.shape == changed.shape and original.dtype == changed.dtype
        if same_form and not np.array_equal(original, changed, equal_nan=True):
            original[...] = changed
        return
    if isinstance(original, dict) and isinstance(changed, Mapping):
        for key in list(original):
            if key not in changed:
                del original[key]
        for key, value in changed.items():
            if key in original and _same_kind(original[key], value):
                copy_back(original[key], value)
                if not isinstance(value, (np.ndarray, dict, list)):
                    original[key] = value
            else:
                original[key] = value
        return
    if isinstance(original, list) and isinstance(changed, list):
        original[:] = changed


def _same_kind(a: Any, b: Any) -> bool:
    if isinstance(a, np.ndarray) and isinstance(b, np.ndarray):
        return a.shape == b.shape and bool(a.dtype == b.dtype)
    return isinstance(a, dict) and isinstance(b, dict)


class RemoteFunction:
    """A submission's function seen from the suite: called through its worker."""

    def __init__(self, worker: Worker, scope: str, name: str, signature: Signature | None) -> None:
        self.worker, self.scope, self.name = worker, scope, name
        self.__name__ = self.__qualname__ = name
        if signature is not None:
            self.__signature__ = signature.to_inspect()

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs:  # the course API is called positionally; a keyword is our bug
            raise TypeError(f"{self.name} is called positionally; got keywords {sorted(kwargs)}")
        from parity_tests.course_api import COURSE_SEED

        return self.worker.call(
            self.scope, self.name, list(args), COURSE_SEED.get(), CALL_LIMIT.get()
        )

    def __repr__(self) -> str:
        return f"<{self.name} of {self.worker.spec}, in its own process (pid {os.getpid()})>"
