"""``scratchnn-parity merge``: one matrix report from the results of several runs.

Each results directory is one environment (a tox env such as ``reports/results/py311-numpy126``,
written by the suite's ``--results``); the matrix shows environments by cases.
"""

from __future__ import annotations

from pathlib import Path

from parity_tests.console import say
from parity_tests.report import MATRIX_FILE, collect, render


def merge(dirs: list[Path], out: Path) -> int:
    """Write ``out/parity-matrix.html`` from ``dirs`` (default: every ``out/results/*``).

    Returns 1 if a case fails in any of them, 2 if there is nothing to merge, else 0.
    """
    if not dirs:
        base = out / "results"
        dirs = sorted(
            d
            for d in (base.iterdir() if base.is_dir() else [])
            if d.is_dir() and ((d / "run.json").exists() or any(d.glob("cases-*.jsonl")))
        )
    missing = [d for d in dirs if not d.is_dir()]
    if not dirs or missing:
        gone = f" (missing: {', '.join(map(str, missing))})" if missing else ""
        say(f"merge: no results directories{gone}")
        return 2
    runs = [collect.load_run(d) for d in dirs]
    for run in runs:
        counts = run.counts()
        numpy = (run.meta.get("environment") or {}).get("numpy", "?")
        say(
            f"  {run.name}: numpy {numpy}; "
            + ", ".join(f"{k} {v}" for k, v in counts.items())
            + ("" if run.complete else " (incomplete)")
        )
    html = render.render_matrix(runs)
    out.mkdir(parents=True, exist_ok=True)
    path = out / MATRIX_FILE
    path.write_text(html, encoding="utf-8")
    failed = any(run.failed for run in runs)
    say(f"matrix of {len(runs)} run(s): {'FAIL' if failed else 'PASS'}; {path}")
    return 1 if failed else 0
