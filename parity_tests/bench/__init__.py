"""``scratchnn-parity bench``: scratchnn against torch eager, side by side in one process.

Each group of runners (our training step, torch's, the course API step, torch with the input's
gradient, and the step's matrix products alone) shares one process, one thread setting and one
k (steps per sample); samples are interleaved, the order alternating, so the machine's drift
falls on all of them alike, and each sample starts after a pause (a busy wait), so that no
library's spinning worker threads slow the next one down, and one untimed step. Times are
medians of per-step times. Each runner is also timed alone, in a process of its own on default
threads, sampled between the rounds: the tables show both; ratios take torch's faster median
of the two and ours' slower one, and a goal is missed where torch ran over 10% slower side by
side than alone (or ours over 10% faster).
Writes ``DIR/bench.json`` (the report's performance section reads it) and prints the tables.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

BENCH_FILE = "bench.json"


def add_command(sub: Any) -> None:
    """Add ``bench`` to the ``scratchnn-parity`` subparsers."""
    bench = sub.add_parser(
        "bench",
        help="time scratchnn against torch eager, side by side (medians, ratios, goals)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    bench.add_argument(
        "--out",
        type=Path,
        default=Path("reports/bench"),
        metavar="DIR",
        help="write DIR/bench.json (default reports/bench)",
    )
    bench.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads for torch and for NumPy's BLAS alike (default: each library's own, "
        "one per core)",
    )
    bench.add_argument("--repeats", type=int, default=5, help="samples per runner (default 5)")
    bench.add_argument(
        "--seconds",
        type=float,
        default=0.2,
        help="target duration of one sample; sets steps per sample (default 0.2)",
    )
    bench.add_argument(
        "--only", action="append", default=None, metavar="NET", help="only this net (repeatable)"
    )
    bench.add_argument("--dtype", action="append", default=None, choices=("float64", "float32"))
    bench.add_argument(
        "--cool-down",
        type=float,
        default=None,
        metavar="S",
        help="seconds of pause before each sample, so the other library's threads stop spinning "
        "(default 0.3; 0 shows the contention)",
    )
    bench.add_argument(
        "--no-alone",
        action="store_true",
        help="skip timing each runner alone in its own process (the fairness check)",
    )
    bench.add_argument("--no-scaling", action="store_true", help="skip the step-time curves")
    bench.add_argument(
        "--check", action="store_true", help="exit 1 when a goal is missed (default: report only)"
    )
    bench.add_argument(
        "--grade",
        action="store_true",
        help="time the grader instead: 20 submissions (parity_tests.bench.grading)",
    )
    bench.set_defaults(run=_run)


def _run(args: argparse.Namespace) -> int:
    if args.grade:
        from parity_tests.bench import grading

        figures = grading.run(args.out)
        print(grading.table(figures))
        return 0
    from parity_tests.bench.run import COOL_DOWN_S, main

    if args.cool_down is None:
        args.cool_down = COOL_DOWN_S
    return main(args)
