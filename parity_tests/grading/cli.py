"""``scratchnn-parity grade``: grade submissions, a folder of them, or both."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any


def add_command(sub: Any) -> None:
    grade = sub.add_parser(
        "grade",
        help="grade learners' submissions: points per function, results.json, a class summary",
        description="Grade each SUBMISSION (a .py file, a notebook, a folder of course files, a "
        "module name) with the parity suite, each in a process of its own; write "
        "OUT/<submission>/results.json (Gradescope's format) and report.html, and "
        "OUT/summary.csv and OUT/summary.html for the class.",
    )
    grade.add_argument("submissions", nargs="*", metavar="SUBMISSION")
    grade.add_argument(
        "--from-folder",
        type=Path,
        action="append",
        default=[],
        metavar="DIR",
        help="grade every entry of DIR (each file or subfolder is one submission)",
    )
    grade.add_argument("--out", type=Path, default=Path("reports/grades"))
    grade.add_argument("--rubric", type=Path, default=None, help="a TOML rubric (default: ours)")
    grade.add_argument("--feedback", choices=("hint", "full"), default="hint")
    grade.add_argument("-n", "--workers", type=int, default=os.cpu_count() or 1)
    grade.add_argument("--profile", default="ci", help="hypothesis profile (default: ci)")
    grade.add_argument(
        "--timeout", type=float, default=3600.0, help="seconds for one submission's whole run"
    )
    grade.add_argument(
        "--call-timeout", type=float, default=None, help="seconds for one call (default 120)"
    )
    grade.add_argument("--cat-data", type=Path, default=None)
    grade.add_argument(
        "--memory-limit", type=int, default=None, metavar="MB", help="per submission (default 4096)"
    )
    grade.add_argument(
        "-k", dest="select", default=None, metavar="EXPRESSION", help="only these cases (pytest -k)"
    )
    grade.set_defaults(run=run_grade)


def entries(folder: Path) -> list[str]:
    """The submissions in a folder: its notebooks, .py files and subfolders, by name."""
    keep = [
        p
        for p in sorted(folder.iterdir())
        if not p.name.startswith((".", "_")) and (p.is_dir() or p.suffix in (".py", ".ipynb"))
    ]
    return [str(p) for p in keep]


def run_grade(args: argparse.Namespace) -> int:
    from parity_tests.console import say
    from parity_tests.grading.grade import grade
    from parity_tests.grading.rubric import RubricError, load_rubric
    from parity_tests.report.cli import cat_data

    try:
        rubric = load_rubric(args.rubric)
    except RubricError as exc:
        say(f"scratchnn-parity grade: {exc}")
        return 2
    specs = list(args.submissions)
    for folder in args.from_folder:
        if not folder.is_dir():
            say(f"scratchnn-parity grade: --from-folder {folder}: not a folder")
            return 2
        specs += entries(folder)
    if not specs:
        say("scratchnn-parity grade: no submission given")
        return 2
    cat = cat_data(args.cat_data)
    say(
        f"scratchnn-parity grade: {len(specs)} submission(s), {args.workers} at a time, "
        f"{rubric.source}, feedback {args.feedback}"
    )
    graded = grade(
        specs,
        args.out,
        rubric,
        feedback=args.feedback,
        workers=args.workers,
        profile=args.profile,
        timeout=args.timeout,
        call_timeout=args.call_timeout,
        cat=cat,
        memory_mb=args.memory_limit,
        select=args.select,
    )
    for g in graded:
        state = "" if g.complete else "  (the run did not complete)"
        say(f"  {g.name:<30} {g.score:6.2f} / {rubric.max_score:g}{state}")
    say(f"summary: {args.out / 'summary.html'}, {args.out / 'summary.csv'}")
    return 0 if all(g.complete for g in graded) else 1
