"""The mutation gate: the suite must fail on every catalogued mutant and pass on the correct ones.

For each base (``correct`` and the course-family packages ``course_v1``, ``course_v5``,
``course_2021``; ``--base`` chooses), runs the parity tests against the base itself (every case;
it must pass them all) and against each mutant that applies to it (the samples first, then the
hypothesis search, then the cat-image trainings; stopping at the first failure), a few pytest
processes at a time; prints one line per (base, mutant) with the first case that caught it and a
summary per base; writes ``mutants.json`` (per base: which case caught which mutant, with its
message, and the times) beside the results; exits 1 if any mutant survives on any base or any
base fails anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parity_tests.mutants import import_name
from parity_tests.mutants.catalogue import BASES, MUTANTS, Mutant, NotApplicable

PREFIX = "parity_tests.mutants."
CORRECT = PREFIX + "correct"  # the default base's package
SUITE = Path(__file__).resolve().parents[1] / "test_parity.py"


@dataclass(frozen=True)
class Job:
    """One run of the suite: a base itself (``mutant`` None) or one mutant on it."""

    base: str
    mutant: Mutant | None

    @property
    def impl(self) -> str:
        """What ``--impl`` is given."""
        if self.mutant is None:
            return PREFIX + self.base
        return import_name(self.mutant.id, self.base)

    @property
    def label(self) -> str:
        """The results folder under the base's: ``correct`` for the base itself, else the id."""
        return "correct" if self.mutant is None else self.mutant.id


def plan(bases: Sequence[str] | None = None, only: Sequence[str] | None = None) -> list[Job]:
    """The jobs of a gate run, base by base: the base first, then its applicable mutants."""
    chosen = list(dict.fromkeys(bases)) if bases else list(BASES)
    unknown = [b for b in chosen if b not in BASES]
    if unknown:
        raise ValueError(f"unknown base(s) {', '.join(unknown)}; expected some of {BASES}")
    mutants = [m for m in MUTANTS if not only or m.id in only]
    jobs = []
    for base in chosen:
        jobs.append(Job(base, None))
        jobs += [Job(base, m) for m in mutants if m.applies_to(base)]
    return jobs


def run(
    out: Path | None = None,
    workers: int = 2,
    profile: str = "gate",
    only: list[str] | None = None,
    bases: list[str] | None = None,
) -> int:
    """Run the gate with ``workers`` pytest processes at a time; return the exit status."""
    jobs = plan(bases, only)
    chosen = list(dict.fromkeys(job.base for job in jobs))
    mutants = [m for m in MUTANTS if not only or m.id in only]
    results = Path(tempfile.mkdtemp(prefix="scratchnn-gate-")) if out is None else out
    print(
        f"mutation gate: {len(mutants)} mutants on {len(chosen)} base(s) ({', '.join(chosen)}) "
        f"and the bases themselves, profile {profile}, {workers} at a time",
        flush=True,
    )
    report: dict[str, Any] = {"profile": profile, "workers": workers, "bases": {}}
    started = time.monotonic()
    # one pool for all bases, fed base by base (each base's own run first: it runs every case,
    # the longest job), so that no worker waits for a base's last job; lines print in order
    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        futures = {(j.base, j.label): pool.submit(_timed, j, results, profile) for j in jobs}
        for base in chosen:
            mine = {label: f for (b, label), f in futures.items() if b == base}
            report["bases"][base] = _report_base(base, mutants, mine, started)
    total = time.monotonic() - started
    report["seconds"] = round(total, 1)
    (results / "mutants.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    entries = report["bases"].values()
    killed = sum(e["killed"] for e in entries)
    applicable = sum(e["applicable"] for e in entries)
    failed = any(e["survived"] or e["correct"]["failed"] for e in entries)
    print(
        f"{killed}/{applicable} applicable mutants killed on {len(chosen)} base(s), "
        f"{'some base FAILED' if failed else 'every base passed'}, in {_minutes(total)} "
        f"(record: {results / 'mutants.json'})"
    )
    return 1 if failed else 0


_Outcome = tuple[list[dict[str, Any]], float, float]  # entries, start, end (time.monotonic)


def _report_base(
    base: str,
    mutants: list[Mutant],
    futures: dict[str, Future[_Outcome]],
    origin: float,
) -> dict[str, Any]:
    """Wait for one base's jobs; print their lines and the base's summary; its record."""
    width = max((len(m.id) for m in mutants), default=0)
    name = f"{base:<{max(len(b) for b in BASES)}}"
    record: dict[str, Any] = {}
    survived: list[str] = []
    spans: list[tuple[float, float]] = []
    applicable = 0
    for mutant in mutants:
        site = mutant.site(base)
        if isinstance(site, NotApplicable):
            print(f"  n/a       {name}  {mutant.id:<{width}}  {site.reason}", flush=True)
            record[mutant.id] = {"applicable": False, "reason": site.reason}
            continue
        applicable += 1
        entries, start, end = futures[mutant.id].result()
        spans.append((start, end))
        caught = [e for e in entries if e["outcome"] == "fail"]
        first = caught[0] if caught else None
        if first:
            print(
                f"  killed    {name}  {mutant.id:<{width}}  first caught by {first['id']} "
                f"({first['test']})",
                flush=True,
            )
        else:
            survived.append(mutant.id)
            print(f"  SURVIVED  {name}  {mutant.id:<{width}}  {mutant.fault}", flush=True)
        record[mutant.id] = {
            "applicable": True,
            "impl": import_name(mutant.id, base),
            "module": site.module,
            "erratum": mutant.erratum,
            "fault": mutant.fault,
            "first": first["id"] if first else None,
            "test": first["test"] if first else None,
            "message": first.get("message", "")[:2000] if first else None,
            "seconds": round(end - start, 1),
        }
    correct, start, end = futures["correct"].result()
    spans.append((start, end))
    bad = [e for e in correct if e["outcome"] == "fail"]
    ran = sum(e["outcome"] in ("pass", "fail") for e in correct)
    if bad:
        print(f"  the base {base} itself FAILED {len(bad)} case run(s):")
        for entry in bad:
            print(f"    {entry['id']} ({entry['test']}): {entry.get('message', '')[:300]}")
    wall = max(e for _, e in spans) - min(s for s, _ in spans)
    busy = sum(e - s for s, e in spans)
    verdict = f"FAILED {len(bad)} of its {ran}" if bad else f"passed all {ran}"
    print(
        f"{base}: {applicable - len(survived)}/{applicable} killed "
        f"({len(mutants) - applicable} not applicable), correct {verdict} case runs; "
        f"{_minutes(wall)} wall, {_minutes(busy)} of pytest runs",
        flush=True,
    )
    return {
        "impl": PREFIX + base,
        "killed": applicable - len(survived),
        "applicable": applicable,
        "survived": survived,
        "wall_seconds": round(wall, 1),  # first job's start to last job's end
        "job_seconds": round(busy, 1),  # the base's pytest runs added up
        "correct": {
            "case_runs": ran,
            "failed": [e["id"] for e in bad],
            "seconds": round(end - start, 1),
        },
        "mutants": record,
        "start_offset_seconds": round(min(s for s, _ in spans) - origin, 1),  # since the run's
    }


def _minutes(seconds: float) -> str:
    return f"{int(seconds // 60)} min {seconds % 60:04.1f} s"


def _timed(job: Job, results: Path, profile: str) -> _Outcome:
    start = time.monotonic()
    entries = _suite(job.impl, results / job.base / job.label, profile, job.mutant is not None)
    return entries, start, time.monotonic()


#: The suite's runs, in order: (results folder, pytest -k expression). The fixed samples but the
#: cat-image trainings (seconds), the hypothesis search (under a minute), then the two cat
#: trainings (2500 iterations each, minutes): a mutant stops at its first failure, and one that
#: only the step-by-step file holds (the application's models use the staff's helpers) would
#: otherwise wait for the cat runs to pass before the rows that catch it.
PHASES = (
    ("test_samples", "test_samples and not cat"),
    ("test_property", "test_property"),
    ("test_samples_cat", "test_samples and cat"),
)
_NO_TESTS_COLLECTED = 5  # pytest's exit status when -k selects nothing


def _suite(impl: str, results: Path, profile: str, stop_early: bool) -> list[dict[str, Any]]:
    """The recorded results of the suite against one implementation.

    The runs of :data:`PHASES` one after another; a mutant stops at its first failure, so the
    first failing entry is the case that caught it.
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
    for folder, selection in PHASES:
        directory = results / folder
        cmd = [sys.executable, "-m", "pytest", str(SUITE), "-q", "-p", "no:cacheprovider"]
        cmd += ["--impl", impl, "--results", str(directory), "-k", selection]
        if stop_early:
            cmd.append("-x")
        proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        found = _read(directory)
        if not found and proc.returncode == _NO_TESTS_COLLECTED:
            continue  # e.g. no cat rows in this registry
        if not found:
            tail = (proc.stdout + proc.stderr)[-1500:]
            return [
                {
                    "id": "(no results)",
                    "test": folder,
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
