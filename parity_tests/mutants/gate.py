"""The mutation gate: the suite must fail on every catalogued mutant and pass on the correct one.

Runs the parity tests once, in one pytest session, with ``--impl`` for the independent correct
implementation and for every mutant; reads the recorded results; prints one line per mutant with
the first case that caught it; writes ``mutants.json`` (which cases caught which mutant) beside the
results; exits 1 if any mutant survives or the correct implementation fails anything.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from pathlib import Path
from typing import Any

from parity_tests.mutants.catalogue import MUTANTS

CORRECT = "parity_tests.mutants.correct"
PREFIX = "parity_tests.mutants."


def run(
    out: Path | None = None, workers: int = 2, profile: str = "gate", only: list[str] | None = None
) -> int:
    mutants = [m for m in MUTANTS if not only or m.id in only]
    impls = [CORRECT] + [PREFIX + m.id for m in mutants]
    results = Path(tempfile.mkdtemp(prefix="scratchnn-gate-")) if out is None else out
    suite = Path(__file__).resolve().parents[1] / "test_parity.py"
    cmd = [
        sys.executable,
        "-m",
        "pytest",
        str(suite),
        "-q",
        "-p",
        "no:cacheprovider",
        "--results",
        str(results),
        "-k",
        "not deterministic",
        "--no-header",
        "-rN",
    ]
    if workers > 1:
        cmd += ["-n", str(workers)]
    for impl in impls:
        cmd += ["--impl", impl]
    print(
        f"mutation gate: {len(mutants)} mutants and the correct implementation, "
        f"profile {profile}, {workers} worker(s)",
        flush=True,
    )
    env = {**os.environ, "HYPOTHESIS_PROFILE": profile}
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True)
    entries = _read(results)
    if not entries:
        print(proc.stdout[-3000:], proc.stderr[-3000:], sep="\n")
        print("mutation gate: the suite recorded no results")
        return 2
    failures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    ran: dict[str, int] = defaultdict(int)
    for entry in entries:
        if entry["outcome"] in ("pass", "fail"):
            ran[entry["impl"]] += 1
        if entry["outcome"] == "fail":
            failures[entry["impl"]].append(entry)
    order = _case_order()
    report: dict[str, Any] = {"profile": profile, "mutants": {}, "correct": {}}
    width = max(len(m.id) for m in mutants)
    killed = 0
    for mutant in mutants:
        caught = sorted(
            failures.get(PREFIX + mutant.id, []),
            key=lambda e: (order.get(e["id"], 10**6), e["test"] != "samples"),
        )
        if caught:
            killed += 1
            first = caught[0]
            print(
                f"  killed    {mutant.id:<{width}}  first by {first['id']} ({first['test']}); "
                f"{len({e['id'] for e in caught})} case(s) failed"
            )
        else:
            print(f"  SURVIVED  {mutant.id:<{width}}  {mutant.fault}")
        report["mutants"][mutant.id] = {
            "module": mutant.module,
            "erratum": mutant.erratum,
            "fault": mutant.fault,
            "caught_by": sorted({e["id"] for e in caught}, key=lambda i: order.get(i, 10**6)),
            "first": caught[0]["id"] if caught else None,
        }
    bad = failures.get(CORRECT, [])
    report["correct"] = {"cases_run": ran.get(CORRECT, 0), "failed": [e["id"] for e in bad]}
    if bad:
        print(f"  the correct implementation FAILED {len(bad)} case(s):")
        for entry in bad:
            print(f"    {entry['id']}: {entry.get('message', '')[:300]}")
    else:
        print(
            f"  the correct implementation passed all {ran.get(CORRECT, 0)} case runs it provides"
        )
    (results / "mutants.json").write_text(json.dumps(report, indent=1), encoding="utf-8")
    print(f"{killed}/{len(mutants)} mutants killed (record: {results / 'mutants.json'})")
    return 0 if killed == len(mutants) and not bad else 1


def _read(results: Path) -> list[dict[str, Any]]:
    entries = []
    for path in sorted(results.glob("cases-*.jsonl")):
        with open(path, encoding="utf-8") as f:
            entries += [json.loads(line) for line in f if line.strip()]
    return entries


def _case_order() -> dict[str, int]:
    from parity_tests.registry import CASES

    return {case.id: i for i, case in enumerate(CASES)}
