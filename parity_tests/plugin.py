"""The parity suite's pytest plugin: options, hypothesis profiles, implementations, results.

Registered through the ``pytest11`` entry point, so it is loaded by every pytest run in an
environment where scratchnn is installed. It acts only in a run that collects the parity suite
(``pytest parity_tests`` in a checkout, ``pytest --pyargs parity_tests``, or any run with
``--impl``): elsewhere it prints no header, imports no torch, changes no thread count and reads no
``HYPOTHESIS_PROFILE``. Its state lives in ``config.stash`` (:class:`State`).

Results: each test appends one JSON line per case to ``<results>/cases-<worker>.jsonl`` the moment
it ends (so an interrupted run keeps what it did, and xdist workers never share a file); the session
writes ``<results>/run.json`` with the environment and whether the run completed.
"""

from __future__ import annotations

import json
import os
import platform
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

#: profile -> examples per property. "gate" is the mutation gate's: derandomized, no shrinking
#: (it only needs to know that a mutant fails, not its smallest counterexample).
PROFILES = {"dev": 25, "ci": 100, "thorough": 1000, "gate": 100}
RESULTS_ENV = "SCRATCHNN_RESULTS"
CAT_ENV = "SCRATCHNN_CAT_DATA"
SUITE = Path(__file__).resolve().parent


@dataclass
class State:
    """What the plugin keeps for one run (in ``config.stash``)."""

    profile: str
    start: float
    results: Path | None
    threads: int = 1
    limits: Any = None  # threadpoolctl's limiter, kept alive for the run
    impls: list[Any] = field(default_factory=list)
    cat: Any = None  # catdata.Located, found once


STATE = pytest.StashKey[State]()


def state(config: pytest.Config) -> State:
    """The run's state; only hooks of an active run (see :func:`collects_suite`) call it."""
    return config.stash[STATE]


def active(config: pytest.Config) -> bool:
    return STATE in config.stash


def collects_suite(config: pytest.Config) -> bool:
    """Whether this run collects the parity suite: an argument inside it (or holding it), the
    suite named with --pyargs, or --impl given."""
    if config.getoption("--impl", default=None):
        return True
    pyargs = bool(config.getoption("pyargs", default=False))
    for arg in config.args:
        text = str(arg).split("::")[0]
        if pyargs and (text == "parity_tests" or text.startswith("parity_tests.")):
            return True
        path = Path(config.invocation_params.dir, text).resolve()
        if path == SUITE or SUITE in path.parents or path in SUITE.parents:
            return True
    return False


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("scratchnn parity")
    group.addoption(
        "--impl",
        action="append",
        default=[],
        metavar="SUBMISSION",
        help="an implementation of the course API to test: a module name, a .py file, a package "
        "or a folder of course files, a .ipynb notebook (repeatable; default: scratchnn)",
    )
    group.addoption(
        "--results",
        default=os.environ.get(RESULTS_ENV),
        metavar="DIR",
        help=f"write machine-readable results of every case under DIR (env {RESULTS_ENV})",
    )
    group.addoption(
        "--cat-data",
        default=None,
        metavar="PATH",
        help=f"the course's cat data (.npz or .h5); default ${CAT_ENV}, ../shared/data/cat.npz, "
        "else a verified copy downloaded once into the cache",
    )
    group.addoption(
        "--isolation",
        choices=("process", "none"),
        default="process",
        help="run a submission in a process of its own (default), or in the suite's (debugging)",
    )
    group.addoption(
        "--call-timeout",
        type=float,
        default=None,
        metavar="SECONDS",
        help="the time limit of one call of a submission's function (default 120; 10x that for "
        "the cat runs)",
    )
    group.addoption(
        "--memory-limit",
        type=int,
        default=4096,
        metavar="MB",
        help="the address-space limit of a submission's process (default 4096 MB)",
    )


def pytest_configure(config: pytest.Config) -> None:
    if not collects_suite(config):
        return  # another project's run: nothing of ours happens
    from hypothesis import HealthCheck, Phase, settings

    common: dict[str, Any] = {
        "deadline": None,  # torch's first call can take 300 ms
        "print_blob": True,
        "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large],
    }
    settings.register_profile("dev", max_examples=PROFILES["dev"], **common)
    settings.register_profile(
        "ci",
        max_examples=PROFILES["ci"],
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate, Phase.target, Phase.shrink],
        **common,
    )
    settings.register_profile("thorough", max_examples=PROFILES["thorough"], **common)
    settings.register_profile(
        "gate",
        max_examples=PROFILES["gate"],
        derandomize=True,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        **common,
    )
    profile = os.environ.get("HYPOTHESIS_PROFILE", "dev")
    if profile not in PROFILES:
        raise pytest.UsageError(f"HYPOTHESIS_PROFILE={profile!r}: expected one of {list(PROFILES)}")
    settings.load_profile(profile)
    results = config.getoption("--results")
    config.stash[STATE] = State(profile, time.time(), Path(results) if results else None)
    _share_cores(config)
    _load_implementations(config)


def _load_implementations(config: pytest.Config) -> None:
    """Load every --impl now: one that cannot be loaded stops the run at once, with one line."""
    from parity_tests.impl import SubmissionError, load, load_isolated

    isolated = config.getoption("--isolation") == "process"
    limits: dict[str, Any] = {"memory": config.getoption("--memory-limit") << 20}
    if config.getoption("--call-timeout"):
        limits["timeout"] = config.getoption("--call-timeout")
    limits["threads"] = state(config).threads
    impls = []
    for name in impl_names(config):
        try:
            impls.append(load_isolated(name, **limits) if isolated else load(name))
        except SubmissionError as exc:
            for impl in impls:
                impl.close()
            raise pytest.UsageError(f"--impl {name}: cannot load it: {exc}") from exc
    state(config).impls = impls


def pytest_unconfigure(config: pytest.Config) -> None:
    if active(config):
        for impl in state(config).impls:
            impl.close()


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Under --impl only the parity tests run: scratchnn's own tests are not the learner's."""
    if not active(config) or impl_names(config) == ["scratchnn"]:
        return None
    suite = SUITE
    path = collection_path.resolve()
    if path == suite or suite not in path.parents:
        return None
    if path.is_dir():
        return True  # unit/, mutants/, report/, ...
    return path.suffix == ".py" and path.name.startswith("test_") and path.name != "test_parity.py"


def _share_cores(config: pytest.Config) -> None:
    """Keep BLAS and torch threads from fighting over the cores.

    torch's intra-op threads next to OpenBLAS's spinning threads make a small torch step ~50 times
    slower on a 2-core machine (measured: 1000 steps of the flower net, 16.7 s with 2 torch
    threads, 0.36 s with 1), and two pytest-xdist workers each running OpenBLAS on 2 threads make
    a skinny product such as the cat model's W1 @ X 100 times slower (760 ms instead of 5 ms). The
    references are oracles, not benchmarks: torch runs on one thread, and NumPy's BLAS gets the
    cores divided among the workers. NumPy is imported first (threadpoolctl limits only the
    libraries already loaded), and the worker count comes from xdist's ``workerinput``.
    """
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        workers = int(workerinput.get("workercount", 1))
    else:
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
    import numpy  # noqa: F401  (threadpoolctl limits only the libraries already loaded)
    from threadpoolctl import threadpool_limits

    limit = max(1, (os.cpu_count() or 1) // max(1, workers))
    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        value = os.environ.get(var, "")
        if value.isdigit() and int(value) > 0:  # a caller's limit (the gate's, the report's) wins
            limit = min(limit, int(value))
    state(config).limits = threadpool_limits(limit)
    state(config).threads = limit
    import torch

    torch.set_num_threads(1)


def _cat(config: pytest.Config) -> Any:
    """Where the cat data is (found once per process): see :func:`parity_tests.catdata.locate`."""
    run = state(config)
    if run.cat is None:
        from parity_tests import catdata

        run.cat = catdata.locate(config.getoption("--cat-data"), rootdir=Path(config.rootpath))
    return run.cat


def cat_data_path(config: pytest.Config) -> Path | None:
    """The cat data: --cat-data, $SCRATCHNN_CAT_DATA, ../shared/data/cat.npz, the cache, a
    download; None when none can be had (the cat cases then say why, see cat_data_reason)."""
    path: Path | None = _cat(config).path
    return path


def cat_data_reason(config: pytest.Config) -> str:
    """Why the cat cases do not run (offline and no cached copy, a failed hash, a missing file)."""
    found = _cat(config)
    if found.path is not None and not found.path.exists():
        return f"not run: the cat data {found.path} does not exist"
    return str(found.reason)


def impl_names(config: pytest.Config) -> list[str]:
    return list(config.getoption("--impl")) or ["scratchnn"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every test that takes ``impl`` runs once per ``--impl`` (an import error is loud)."""
    if "impl" not in metafunc.fixturenames:
        return
    config = metafunc.config
    if not active(config):
        return
    impls = state(config).impls
    metafunc.parametrize("impl", impls, ids=[f"impl={i.name}" for i in impls])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """A submission is tested on the course's functions only: scratchnn's own rows are not run."""
    if not active(config):
        return
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec is not None else {}
        impl, case = params.get("impl"), params.get("case")
        if (
            impl is not None
            and case is not None
            and not impl.is_default
            and case.scope
            in (
                "scratchnn",
                "suite",
            )
        ):
            drop.append(item)
            continue
        keep.append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """Which course version each function follows, and what the submission warned of."""
    if not active(config):
        return
    notes: dict[str, set[str]] = {}
    warned: list[str] = []
    for kind in ("passed", "failed", "skipped"):
        for report in terminalreporter.stats.get(kind, []):
            for key, value in getattr(report, "user_properties", ()):
                if key == "scratchnn" and isinstance(value, dict):
                    for note in value.get("notes", ()):
                        name, _, what = note.partition(": ")
                        notes.setdefault(name, set()).add(what)
                    warned += [w for w in value.get("warnings", ()) if w not in warned]
    if not notes and not warned:
        return
    terminalreporter.section("course versions recognised")
    for name in sorted(notes):
        terminalreporter.write_line(f"{name}: {'; '.join(sorted(notes[name]))}")
    for line in warned[:10]:
        terminalreporter.write_line(f"note: {line}")
    if len(warned) > 10:
        terminalreporter.write_line(f"note: ... and {len(warned) - 10} more warnings")


def pytest_report_header(config: pytest.Config) -> list[str] | None:
    if not active(config):
        return None
    import numpy

    lines = [
        f"scratchnn parity: impl {', '.join(impl_names(config))}; "
        f"hypothesis profile {state(config).profile}; numpy {numpy.__version__}"
    ]
    path = cat_data_path(config)
    where = f"{path} ({_cat(config).source})" if path and path.exists() else cat_data_reason(config)
    lines.append(f"cat data: {where}")
    for impl in state(config).impls:
        sub = impl.submission
        if sub is None:
            continue
        weeks = ", ".join(f"{s}: {', '.join(m.rpartition('.')[2] for m in ms)}"
                          for s, ms in impl.weeks.items() if ms)  # fmt: skip
        lines.append(f"{impl.name}: a {sub.kind}; {weeks or 'no course functions found'}")
        if sub.provided:
            lines.append(f"  the grader's stand-ins used: {', '.join(sub.provided)}")
        for skipped in sub.skipped[:20]:
            lines.append(
                f"  left out: {skipped.file} cell {skipped.cell} line {skipped.line} "
                f"({skipped.reason}): {skipped.statement[:80]}"
            )
        if len(sub.skipped) > 20:
            lines.append(f"  left out: ... and {len(sub.skipped) - 20} more statements")
    return lines


# --- results -------------------------------------------------------------------------------------


def _worker(config: pytest.Config) -> str:
    return os.environ.get("PYTEST_XDIST_WORKER", "main")


def record(config: pytest.Config, entry: dict[str, Any]) -> None:
    """Append one case's result as a JSON line (called by the tests as each case ends)."""
    directory = state(config).results if active(config) else None
    if directory is None:
        return
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / f"cases-{_worker(config)}.jsonl", "a", encoding="utf-8") as f:
        f.write(json.dumps(entry, default=str) + "\n")


def environment() -> dict[str, Any]:
    import hypothesis
    import numpy

    env: dict[str, Any] = {
        "python": sys.version.split()[0],
        "numpy": numpy.__version__,
        "hypothesis": hypothesis.__version__,
        "platform": platform.platform(),
    }
    try:
        import torch

        env["torch"] = torch.__version__
    except ImportError:  # pragma: no cover - the suite needs torch, but the header must not
        env["torch"] = "absent"
    try:
        config = numpy.show_config(mode="dicts")
        blas = config.get("Build Dependencies", {}).get("blas", {})
        env["blas"] = f"{blas.get('name', '?')} {blas.get('version', '')}".strip()
    except (TypeError, AttributeError):  # numpy 1.26 has no mode="dicts"
        env["blas"] = "unknown"
    return env


def pytest_sessionstart(session: pytest.Session) -> None:
    config = session.config
    directory = state(config).results if active(config) else None
    if directory is None or _worker(config) != "main":
        return
    directory.mkdir(parents=True, exist_ok=True)
    for old in directory.glob("cases-*.jsonl"):
        old.unlink()
    _write_run(config, complete=False, exitstatus=None)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    config = session.config
    if not active(config) or state(config).results is None or _worker(config) != "main":
        return
    _write_run(config, complete=exitstatus in (0, 1), exitstatus=int(exitstatus))


def _write_run(config: pytest.Config, *, complete: bool, exitstatus: int | None) -> None:
    run = state(config)
    meta = {
        "impls": impl_names(config),
        "profile": run.profile,
        "max_examples": PROFILES[run.profile],
        "derandomized": run.profile in ("ci", "gate"),
        "started": run.start,
        "finished": time.time() if exitstatus is not None else None,
        "complete": complete,
        "exitstatus": exitstatus,
        "environment": environment(),
        "args": config.invocation_params.args,
        "submissions": {
            impl.name: {
                "kind": impl.submission.kind,
                "provided": list(impl.submission.provided),
                "skipped": [
                    f"{s.file} cell {s.cell} line {s.line} ({s.reason}): {s.statement[:80]}"
                    for s in impl.submission.skipped
                ],
            }
            for impl in run.impls
            if impl.submission is not None
        },
    }
    if run.results is None:
        return
    path = run.results / "run.json"
    path.write_text(json.dumps(meta, indent=1, default=str), encoding="utf-8")
