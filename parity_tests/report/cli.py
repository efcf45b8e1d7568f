"""``scratchnn-parity report`` and ``scratchnn-parity merge``.

``report`` runs the parity suite (the same registry, ``test_parity.py``) in a pytest subprocess
and streams its progress; meanwhile worker processes compute the evidence (the conventions'
measurements and the training trajectories). Then it renders one self-contained HTML file from the
recorded results, also when the suite failed or was interrupted (the results are written as they
come; an incomplete run says so). Exit status: 1 if any case failed, 130 if interrupted, the
suite's own status if it could not run (2 to 5), else 0 (known deviations are not failures).

``merge`` renders one matrix (environments by cases) from several results directories, such as
the tox environments' ``reports/results/py311-numpy126``, ...
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shlex
import signal
import subprocess
import sys
import threading
import time
import traceback
from collections import deque
from pathlib import Path
from typing import Any

from parity_tests.bench import BENCH_FILE
from parity_tests.console import say
from parity_tests.report import EVIDENCE_FILE, REPORT_FILE
from parity_tests.report.jobs import (
    CAT_ENV,
    THREADS,
    compute_evidence,
    cpu_seconds,
    evidence_tasks,
    stop,
    stream,
    terminate,
)

SUITE = Path(__file__).resolve().parents[1] / "test_parity.py"
PROJECT = Path(__file__).resolve().parents[2]
PROFILES = ("dev", "ci", "thorough")
DERANDOMIZED = ("ci",)


def add_commands(sub: Any) -> None:
    """Add ``report`` and ``merge`` to the ``scratchnn-parity`` subparsers."""
    env_profile = os.environ.get("HYPOTHESIS_PROFILE", "ci")
    report = sub.add_parser(
        "report",
        help="run the parity suite and write the HTML report under reports/",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--impl",
        action="append",
        default=[],
        metavar="MODULE",
        help="an implementation of the course API (repeatable; default scratchnn)",
    )
    report.add_argument(
        "--profile",
        choices=PROFILES,
        default=env_profile if env_profile in PROFILES else "ci",
        help="hypothesis profile (default: $HYPOTHESIS_PROFILE or ci)",
    )
    report.add_argument(
        "--out",
        type=Path,
        default=Path("reports"),
        metavar="DIR",
        help="write DIR/parity-report.html and DIR/results/NAME (default reports)",
    )
    report.add_argument(
        "--cat-data",
        type=Path,
        default=None,
        metavar="PATH",
        help=f"the course's cat data (default ${CAT_ENV}, else ../shared/data/cat.npz if present)",
    )
    report.add_argument(
        "-n",
        "--workers",
        type=int,
        default=2,
        help="parallel workers for the suite and for the evidence (default 2)",
    )
    report.add_argument(
        "-k",
        dest="keyword",
        default=None,
        metavar="EXPR",
        help="only the cases matching EXPR (passed to pytest -k)",
    )
    report.add_argument(
        "--name",
        default="report",
        help="the results directory's name under DIR/results (default report)",
    )
    report.add_argument(
        "--bench",
        type=Path,
        default=None,
        metavar="FILE",
        help="the benchmark's results for the performance section (default DIR/bench/bench.json)",
    )
    report.add_argument(
        "--no-trajectories",
        action="store_true",
        help="skip the training runs (flower and cat trajectories, ReLU'(0))",
    )
    report.set_defaults(run=run_report)

    merge = sub.add_parser("merge", help="one matrix report from several results directories")
    merge.add_argument(
        "results",
        nargs="*",
        type=Path,
        metavar="RESULTS_DIR",
        help="results directories (default: every directory under DIR/results)",
    )
    merge.add_argument(
        "--out",
        type=Path,
        default=Path("reports"),
        metavar="DIR",
        help="write DIR/parity-matrix.html (default reports)",
    )
    merge.set_defaults(run=run_merge)


def run_merge(args: argparse.Namespace) -> int:
    from parity_tests.report.merge import merge

    return merge(list(args.results), args.out)


def cat_data(given: Path | None) -> Path | None:
    """--cat-data, $SCRATCHNN_CAT_DATA, ../shared/data/cat.npz, the cache, or a verified download
    (:func:`parity_tests.catdata.locate`, found once here for the suite and the evidence alike)."""
    from parity_tests import catdata

    found = catdata.locate(given, rootdir=PROJECT)
    if found.path is None:
        say(f"cat data: {found.reason}")
        return None
    return found.path.resolve()


def suite_command(args: argparse.Namespace, results: Path, cat: Path | None) -> list[str]:
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(SUITE),
        *["-p", "no:cacheprovider", "-q", "--tb=no", "-rfE"],
    ]
    cmd += ["--results", str(results)]
    if args.workers > 1:
        cmd += ["-n", str(args.workers)]
    for impl in args.impl:
        cmd += ["--impl", impl]
    if cat is not None and cat.exists():
        cmd += ["--cat-data", str(cat)]
    if args.keyword:
        cmd += ["-k", args.keyword]
    if args.profile not in DERANDOMIZED:
        cmd += [f"--hypothesis-seed={random.SystemRandom().randrange(2**32)}"]
    return cmd


def invocation(args: argparse.Namespace) -> list[str]:
    """The command as a user would type it (for the report's footer)."""
    words = ["scratchnn-parity", "report", "--profile", args.profile, "-n", str(args.workers)]
    words += [w for impl in args.impl for w in ("--impl", impl)]
    words += ["-k", args.keyword] if args.keyword else []
    words += ["--no-trajectories"] if args.no_trajectories else []
    return [*words, "--out", str(args.out)]


def run_report(args: argparse.Namespace) -> int:
    from parity_tests.report import collect, render

    started = time.time()
    results = args.out / "results" / args.name
    results.mkdir(parents=True, exist_ok=True)
    for old in [*results.glob("cases-*.jsonl"), results / "run.json", results / EVIDENCE_FILE]:
        old.unlink(missing_ok=True)  # nothing is kept from an earlier run
    cat = cat_data(args.cat_data)
    cmd = suite_command(args, results, cat)
    # A clean pytest: not an xdist worker of whatever pytest may have started this command.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CUR"))}
    env.update(HYPOTHESIS_PROFILE=args.profile, PYTHONUNBUFFERED="1")
    for key in THREADS:
        env.setdefault(key, "1")
    if cat is not None:
        env[CAT_ENV] = str(cat)
    present = cat is not None and cat.exists()
    record: dict[str, Any] = {
        "command": {
            "argv": invocation(args),
            "suite": cmd,
            "started": started,
            "profile": args.profile,
            "workers": args.workers,
            "cat_data": str(cat) if cat else None,
            "cat_data_present": present,
            "results": str(results),
            "bench": str(args.bench or args.out / "bench" / BENCH_FILE),
            "interrupted": False,
        },
        "evidence": {},
    }
    evidence = record["evidence"]
    tasks, skipped = evidence_tasks(str(cat) if present else None, not args.no_trajectories)
    evidence.update(skipped)
    say(
        f"scratchnn-parity report: impl {', '.join(args.impl) or 'scratchnn'}, profile "
        f"{args.profile}, {args.workers} worker(s); cat data: {cat if present else 'absent'}",
        f"  suite: {shlex.join(cmd)}",
        f"  evidence: {len(tasks)} task(s) in {max(args.workers, 1)} process(es) meanwhile",
    )

    def write_record() -> None:
        _write_json(results / EVIDENCE_FILE, record)

    write_record()

    def done(key: str, outcome: dict[str, Any]) -> None:
        evidence[key] = outcome
        seconds = outcome.get("seconds")
        extra = outcome.get("reason") or (f"{seconds:.1f} s" if seconds is not None else "")
        if outcome.get("cpu_seconds") is not None:
            extra += f", cpu {outcome['cpu_seconds']:.1f} s"
        sides = (outcome.get("result") or {}).get("seconds")
        if outcome["status"] == "done" and isinstance(sides, dict):
            extra += " (" + ", ".join(f"{k} {v:.1f} s" for k, v in sides.items()) + ")"
        say(f"[evidence] {key}: {outcome['status']} {extra}")
        write_record()

    tail: deque[str] = deque(maxlen=80)
    proc = subprocess.Popen(
        cmd,
        env=env,
        text=True,
        errors="replace",
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        bufsize=1,
    )
    reader = threading.Thread(target=stream, args=(proc, tail, say), daemon=True)
    reader.start()
    interrupted = False
    previous = signal.signal(signal.SIGTERM, terminate)  # a cancelled CI job: as Ctrl-C
    try:
        try:
            compute_evidence(tasks, max(args.workers, 1), done)
        except Exception as exc:  # the evidence is a part; the suite's verdict still stands
            say(f"[evidence] stopped by an error: {type(exc).__name__}: {exc}")
        proc.wait()
    except KeyboardInterrupt:
        interrupted = True
        say("interrupted: stopping, then writing the report from the results so far")
        stop(proc)
    finally:
        signal.signal(signal.SIGTERM, previous)
    reader.join(timeout=10)
    for key, _, _ in tasks:
        evidence.setdefault(key, {"status": "not run", "reason": "not run: interrupted"})
    finished = time.time()
    record["command"].update(finished=finished, seconds=finished - started, log_tail=list(tail))
    record["command"].update(interrupted=interrupted, suite_exit=proc.returncode, cpu=cpu_seconds())
    write_record()
    run = collect.load_run(results)
    try:
        html = render.render_report(run, record)
    except Exception:  # a bug of the report must not hide the suite's verdict
        html = render.fallback(run, record, traceback.format_exc())
    path = args.out / REPORT_FILE
    path.write_text(html, encoding="utf-8")
    verdict = render.verdict(run, record["command"])
    say(
        f"{verdict['headline']}",
        f"  {verdict['detail']}",
        f"report: {path} ({len(html.encode()) / 1e6:.2f} MB) in {finished - started:.0f} s "
        f"(cpu {record['command']['cpu']:.0f} s); results: {results}",
    )
    return exit_status(run, interrupted, proc.returncode)


def exit_status(run: Any, interrupted: bool, suite_exit: int | None) -> int:
    """0 only for a complete run without a failure: a run that did not finish never passes."""
    if interrupted:
        return 130
    if run.failed or suite_exit in (1, 4):  # 4: a submission that does not load
        return 1
    if suite_exit not in (0, None):
        return int(suite_exit)
    if not run.complete:
        return 1
    return 0


def _write_json(path: Path, data: Any) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(data, default=str), encoding="utf-8")
    tmp.replace(path)
