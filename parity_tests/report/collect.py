"""Read a results directory into what the report shows: one status per case and implementation.

A directory holds ``cases-<worker>.jsonl`` (one JSON object per case and test kind, written the
moment each test ends) and ``run.json`` (environment, profile, whether the run completed); see
:mod:`parity_tests.plugin`. The case list comes from the registry (in its order), plus any case a
results file names that the registry no longer has.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parity_tests.cases import FAMILIES
from parity_tests.report.docmath import docstring_math

#: Case-level statuses, in the grid's order of severity.
STATUSES = ("fail", "known deviation", "not run", "pass")
LABELS = {
    "pass": "agree",
    "known deviation": "known deviation",
    "fail": "fail",
    "not run": "not run",
}
NOT_SELECTED = "not selected in this run (-k)"


@dataclass
class CaseInfo:
    """What the registry says about a case (or what its results say, if the registry lacks it)."""

    id: str
    family: str
    function: str
    convention: str = ""
    known_deviation: str = ""
    tol: str = ""
    tol_why: str = ""
    math: str = ""
    doc: str = ""
    searched: bool = False
    in_registry: bool = True


@dataclass
class CaseResult:
    """Every test of one case for one implementation, combined."""

    status: str
    reason: str = ""
    examples: int = 0
    max_abs: float | None = None
    max_rel: float | None = None
    worst_output: str = ""
    worst_input: str = ""
    message: str = ""
    rerun: str = ""
    seconds: float = 0.0
    log10_errors: list[float] = field(default_factory=list)
    tests: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # the course versions recognised
    warnings: list[str] = field(default_factory=list)  # what the implementation warned of

    @property
    def label(self) -> str:
        return LABELS[self.status]

    @property
    def selected(self) -> bool:
        return self.reason != NOT_SELECTED


@dataclass
class Run:
    """One results directory."""

    path: Path
    meta: dict[str, Any]
    entries: list[dict[str, Any]]
    cases: list[CaseInfo]
    impls: list[str]
    results: dict[tuple[str, str], CaseResult]

    @property
    def name(self) -> str:
        return self.path.name

    @property
    def complete(self) -> bool:
        return bool(self.meta.get("complete"))

    def result(self, case_id: str, impl: str) -> CaseResult:
        return self.results[(case_id, impl)]

    def counts(self) -> dict[str, int]:
        """Cases by status, over the cases this run selected."""
        counts = dict.fromkeys(STATUSES, 0)
        for res in self.results.values():
            if res.selected:
                counts[res.status] += 1
        return counts

    @property
    def unselected(self) -> int:
        return sum(not res.selected for res in self.results.values())

    @property
    def failed(self) -> bool:
        return self.counts()["fail"] > 0

    def families(self) -> list[tuple[str, str, list[CaseInfo]]]:
        """(key, title, cases) in the order of FAMILIES, then any unknown family."""
        order = list(FAMILIES) + sorted({c.family for c in self.cases} - set(FAMILIES))
        groups = []
        for key in order:
            cases = [c for c in self.cases if c.family == key]
            if cases:
                groups.append((key, FAMILIES.get(key, key), cases))
        return groups


def read_entries(directory: Path) -> list[dict[str, Any]]:
    """Every JSON line of ``cases-*.jsonl``; a torn last line (an interrupted write) is skipped."""
    entries = []
    for path in sorted(directory.glob("cases-*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            with contextlib.suppress(json.JSONDecodeError):
                if line.strip():
                    entries.append(json.loads(line))
    return entries


def read_meta(directory: Path) -> dict[str, Any]:
    path = directory / "run.json"
    if not path.exists():
        return {}
    try:
        return dict(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError:
        return {}


def load_run(directory: Path, *, registry: bool = True) -> Run:
    """Read ``directory``; ``registry=False`` builds the case list from the results alone."""
    directory = Path(directory)
    meta = read_meta(directory)
    entries = read_entries(directory)
    cases = registry_cases() if registry else []
    known = {c.id for c in cases}
    for entry in entries:
        if entry.get("id") not in known:
            known.add(entry["id"])
            cases.append(_info_from_entry(entry))
    impls = list(meta.get("impls") or [])
    for entry in entries:
        if entry.get("impl") not in impls:
            impls.append(entry["impl"])
    if not impls:
        impls = ["scratchnn"]
    by_key: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for entry in entries:
        by_key.setdefault((entry["id"], entry["impl"]), []).append(entry)
    complete = bool(meta.get("complete"))
    results = {
        (case.id, impl): combine(by_key.get((case.id, impl), []), complete)
        for case in cases
        for impl in impls
    }
    for (case_id, impl), res in results.items():
        scope = next((c.function for c in cases if c.id == case_id), "").partition(".")[0]
        if impl != "scratchnn" and scope in ("scratchnn", "suite") and res.reason == NOT_SELECTED:
            res.reason = "scratchnn's own row: a submission is tested on the course's functions"
    return Run(directory, meta, entries, cases, impls, results)


def combine(entries: list[dict[str, Any]], complete: bool = True) -> CaseResult:
    """One status from a case's tests: any fail (or unexpected pass) fails the case."""
    if not entries:
        why = NOT_SELECTED if complete else "no result: the run stopped before this case"
        return CaseResult("not run", reason=why)
    outcomes = [e.get("outcome") for e in entries]
    res = CaseResult("pass")
    if "fail" in outcomes or "xpass" in outcomes:
        res.status = "fail"
        if "xpass" in outcomes and "fail" not in outcomes:
            res.reason = (
                "agrees with PyTorch although the registry records a known deviation: "
                "update the row (a strict xfail)"
            )
    elif "known deviation" in outcomes:
        res.status = "known deviation"
    elif "pass" not in outcomes:
        res.status = "not run"
        res.reason = next((e.get("reason") or "" for e in entries), "") or "not run"
    for entry in sorted(entries, key=lambda e: e.get("test") != "property"):
        res.tests.append(entry)
        res.examples += int(entry.get("examples") or 0)
        res.seconds += float(entry.get("seconds") or 0.0)
        res.log10_errors += [float(x) for x in entry.get("log10_errors") or []]
        for key in ("max_abs", "max_rel"):
            value = entry.get(key) if entry.get("examples") else None  # none measured: "–"
            if value is not None and (getattr(res, key) is None or value > getattr(res, key)):
                setattr(res, key, float(value))
                if key == "max_rel":
                    res.worst_output = entry.get("worst_output") or ""
                    res.worst_input = entry.get("worst_input") or ""
        res.rerun = res.rerun or entry.get("rerun") or ""
        res.notes += [n for n in entry.get("notes") or [] if n not in res.notes]
        res.warnings += [w for w in entry.get("warnings") or [] if w not in res.warnings]
    # The shrunk counterexample of a failure (the property test's, listed first), else any note.
    messages = [e for e in res.tests if e.get("message")]
    failing = [e for e in messages if e.get("outcome") in ("fail", "xpass")]
    res.message = (failing or messages or [{"message": ""}])[0]["message"]
    if not res.worst_input:
        res.worst_input = next((e["worst_input"] for e in entries if e.get("worst_input")), "")
    return res


def _info_from_entry(entry: dict[str, Any]) -> CaseInfo:
    return CaseInfo(
        id=entry["id"],
        family=entry.get("family") or "unknown",
        function=entry.get("function") or "",
        known_deviation=entry.get("known_deviation") or "",
        tol=entry.get("tol") or "",
        tol_why=entry.get("tol_why") or "",
        in_registry=False,
    )


def registry_cases() -> list[CaseInfo]:
    from parity_tests.registry import CASES

    infos = []
    for case in CASES:
        math, doc = docstring_math(case.scope, case.ours)
        infos.append(
            CaseInfo(
                id=case.id,
                family=case.family,
                function=case.qualname,
                convention=case.convention,
                known_deviation=case.known_deviation,
                tol=case.tol.describe(),
                tol_why=case.tol.why,
                math=math,
                doc=doc,
                searched=case.search and not case.known_deviation,
            )
        )
    return infos
