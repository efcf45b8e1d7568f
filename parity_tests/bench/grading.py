"""``scratchnn-parity bench --grade``: the grader's throughput over a batch of 20 submissions.

The batch: the four correct bases and 16 of the catalogue's mutants (spread over the bases), each
graded as an educator grades (``scratchnn-parity grade``: the suite in its own pytest process, the
submission in a worker process, the torch references of the batch cached). Figures:

- one submission, cold (an empty reference cache): its wall time;
- the batch, warm: wall time per submission, with the machine's cores grading in parallel;
- the share of the batch's process time spent computing references (goal: under 10%);
- the overhead per submission beyond its own functions' time (goal: at most 25%): the suite's
  process time (pytest, hypothesis, torch's import, comparisons, the pipe) over the time the
  submission's own functions ran, as its worker measured it, minus one.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from parity_tests.mutants.catalogue import BASES, MUTANTS

GOALS = {"reference share": 0.10, "overhead": 0.25}


def batch() -> list[str]:
    """20 submissions: the correct bases, then 16 mutants, each on a base in turn."""
    specs = [f"parity_tests.mutants.{base}" for base in BASES]
    for i, mutant in enumerate(MUTANTS[:16]):
        base = BASES[i % len(BASES)]
        specs.append(f"parity_tests.mutants.{base}.{mutant.id}")
    return specs


def _seconds(folder: Path) -> dict[str, float]:
    """The suite's own accounts in one submission's results: references, own functions, tests."""
    totals = {"reference": 0.0, "own": 0.0, "tests": 0.0}
    for path in folder.glob("results/cases-*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            totals["reference"] += float(entry.get("reference_seconds") or 0.0)
            totals["own"] += float(entry.get("own_seconds") or 0.0)
            totals["tests"] += float(entry.get("seconds") or 0.0)
    return totals


def run(out: Path, workers: int | None = None) -> dict[str, Any]:
    from parity_tests.grading.grade import grade
    from parity_tests.grading.rubric import load_rubric

    rubric = load_rubric()
    specs = batch()
    workers = workers or os.cpu_count() or 1
    work = Path(tempfile.mkdtemp(prefix="scratchnn-bench-grade-"))
    try:
        start = time.perf_counter()
        cold = grade(specs[:1], work / "cold", rubric, workers=1)
        cold_seconds = time.perf_counter() - start
        start = time.perf_counter()
        graded = grade(specs, work / "batch", rubric, workers=workers)
        batch_seconds = time.perf_counter() - start
        sums = {"reference": 0.0, "own": 0.0, "suite": 0.0}
        for g in graded:
            own = _seconds(work / "batch" / g.name)
            sums["reference"] += own["reference"]
            sums["own"] += own["own"]
            sums["suite"] += g.seconds
        figures = {
            "submissions": len(specs),
            "workers": workers,
            "cold seconds": cold_seconds,
            "cold graded": cold[0].score,
            "batch seconds": batch_seconds,
            "per submission": batch_seconds / len(specs),
            "suite seconds": sums["suite"],
            "own seconds": sums["own"],
            "reference seconds": sums["reference"],
            "reference share": sums["reference"] / max(sums["suite"], 1e-9),
            "overhead": (sums["suite"] - sums["own"]) / max(sums["own"], 1e-9),
            "complete": all(g.complete for g in graded),
            "scores": {g.name: g.score for g in graded},
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)
    out.mkdir(parents=True, exist_ok=True)
    (out / "grade.json").write_text(json.dumps(figures, indent=1), encoding="utf-8")
    return figures


def table(figures: dict[str, Any]) -> str:
    rows = [
        ("time for one submission, cold", f"{figures['cold seconds']:.1f} s", "(reported)"),
        (
            "time per submission in the batch",
            f"{figures['per submission']:.1f} s ({figures['submissions']} submissions, "
            f"{figures['workers']} at a time, {figures['batch seconds']:.0f} s in all)",
            "(reported)",
        ),
        (
            "share of the batch spent on references",
            f"{100 * figures['reference share']:.1f}%",
            _judge(figures["reference share"], GOALS["reference share"]),
        ),
        (
            "overhead beyond the submissions' own function time",
            f"{100 * figures['overhead']:.0f}% ({figures['suite seconds']:.0f} s of suite for "
            f"{figures['own seconds']:.0f} s in the submissions' functions)",
            _judge(figures["overhead"], GOALS["overhead"]),
        ),
    ]
    width = max(len(r[0]) for r in rows)
    lines = [f"{'figure':<{width}}  value  goal"]
    lines += [f"{name:<{width}}  {value}  {goal}" for name, value, goal in rows]
    return "\n".join(lines)


def _judge(value: float, limit: float) -> str:
    verdict = "met" if value <= limit else "MISSED"
    return f"under {100 * limit:.0f}%: {verdict}"
