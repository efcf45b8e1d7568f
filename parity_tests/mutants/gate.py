"""The mutation gate: the suite must fail on every catalogued mutant and pass on the correct one.

Runs the parity tests against the independent correct implementation (every case) and against each
mutant (samples first, then the hypothesis search, stopping at the first failure), a few pytest
processes at a time; prints one line per mutant with the first case that caught it; writes
``mutants.json`` (which case caught which mutant, with its message) beside the results; exits 1 if
any mutant survives or the correct implementation fails anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from parity_tests.mutants.catalogue import MUTANTS

CORRECT = "parity_tests.mutants.correct"
PREFIX = "parity_tests.mutants."
SUITE = Path(__file__).resolve().parents[1] / "test_parity.py"


def run(
    out: Path | None = None,
    workers: int = 2,
    profile: str = "gate",
    only: list[str] | None = None,
) -> int:
    """Run the gate with ``workers`` pytest processes at a time; return the exit status."""
    mutants = [m for m in MUTANTS if not only or m.id in only]
    results = Path(tempfile.mkdtemp(prefix="scratchnn-gate-")) if out is None else out
    print(
        f"mutation gate: {len(mutants)} mutants and the correct implementation, "
        f"profile {profile}, {workers} at a time",
        flush=True,
    )
    jobs = [(CORRECT, False)] + [(PREFIX + m.id, True) for m in mutants]
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        outcomes = list(pool.map(lambda job: _suite(job[0], results, profile, job[1]), jobs))
    by_impl = dict(zip([impl for impl, _ in jobs], outcomes, strict=True))

    report: dict[str, Any] = {"profile": profile, "mutants": {}, "correct": {}}
    width = max(len(m.id) for m in mutants)
    killed = 0
    for mutant in mutants:
        caught = [e for e in by_impl[PREFIX + mutant.id] if e["outcome"] == "fail"]
        first = caught[0] if caught else None
        if first:
            killed += 1
            print(
                f"  killed    {mutant.id:<{width}}  first caught by {first['id']} ({first['test']})"
            )
        else:
            print(f"  SURVIVED  {mutant.id:<{width}}  {mutant.fault}")
        report["mutants"][mutant.id] = {
            "module": mutant.module,
            "erratum": mutant.erratum,
            "fault": mutant.fault,
            "first": first["id"] if first else None,
            "test": first["test"] if first else None,
            "message": first.get("message", "")[:2000] if first else None,
        }
    correct = by_impl[CORRECT]
    bad = [e for e in correct if e["outcome"] == "fail"]
    ran = sum(e["outcome"] in ("pass", "fail") for e in correct)
    report["correct"] = {"case_runs": ran, "failed": [e["id"] for e in bad]}
    if bad:
        print(f"  the correct implementation FAILED {len(bad)} case run(s):")
        for entry in bad:
            print(f"    {entry['id']} ({entry['test']}): {entry.get('message', '')[:300]}")
    else:
        print(f"  the correct implementation passed all {ran} case runs of the course API")
    (results / "mutants.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"{killed}/{len(mutants)} mutants killed (record: {results / 'mutants.json'})")
    return 0 if killed == len(mutants) and not bad else 1


def _suite(impl: str, results: Path, profile: str, stop_early: bool) -> list[dict[str, Any]]:
    """The recorded results of the suite against one implementation.

    Samples run first (fixed inputs, fast), then the hypothesis search; a mutant stops at its
    first failure, so the first failing entry is the case that caught it.
    """
    # several pytest processes share the cores: one BLAS / torch thread each
    env = {
        **os.environ,
        "HYPOTHESIS_PROFILE": profile,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    entries: list[dict[str, Any]] = []
    for selection in ("test_samples", "test_property"):
        directory = results / impl.removeprefix(PREFIX) / selection
        cmd = [sys.executable, "-m", "pytest", str(SUITE), "-q", "-p", "no:cacheprovider"]
        cmd += ["--impl", impl, "--results", str(directory), "-k", selection]
        if stop_early:
            cmd.append("-x")
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        found = _read(directory)
        if not found:
            tail = (proc.stdout + proc.stderr)[-1500:]
            return [
                {
                    "id": "(no results)",
                    "test": selection,
                    "outcome": "fail",
                    "impl": impl,
                    "message": f"the suite recorded nothing (exit {proc.returncode}): {tail}",
                }
            ]
        failed = [e for e in found if e["outcome"] == "fail"]
        entries = (
            failed
            + [e for e in entries if e["outcome"] != "fail"]
            + [e for e in found if e["outcome"] != "fail"]
        )
        if stop_early and failed:
            return entries
    return entries


def _read(directory: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(directory.glob("cases-*.jsonl")):
        with open(path, encoding="utf-8") as f:
            entries += [json.loads(line) for line in f if line.strip()]
    return entries
