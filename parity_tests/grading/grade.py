"""Grade learners' submissions: the parity suite on each, points per function, Gradescope's JSON.

``scratchnn-parity grade SUBMISSION... --out DIR`` runs the suite on each submission (in parallel,
each in a pytest process of its own, the submission itself in a worker process of its own, see
:mod:`parity_tests.isolation`), then scores it with the rubric and writes, under
``DIR/<submission>/``, Gradescope's ``results.json`` and the HTML report; for the class,
``DIR/summary.csv`` and ``DIR/summary.html`` (:mod:`parity_tests.grading.summary`).

Scoring. A function's points are shared by its cases (registry rows): a function passing 3 of 4
cases gets 3/4 of its points. Its cases are fed inputs made by the references, so a function is
graded on its own. A model-level function (``L_layer_model`` calls ``L_model_backward``, ...) whose
cases fail while one of the graded functions it calls fails too is not charged: the failure is
attributed to that helper ("caused by linear_backward") and counted once, there.

The torch references of the fixed (derandomized) cases are computed once for the whole batch and
reused (``$SCRATCHNN_REF_CACHE``, a cache keyed by case, inputs and torch version).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from parity_tests import versions
from parity_tests.grading.rubric import Item, Rubric

SUITE = Path(__file__).resolve().parents[1] / "test_parity.py"
REF_CACHE_ENV = "SCRATCHNN_REF_CACHE"
FEEDBACK = ("hint", "full")

#: What a failure's words say about its cause: (pattern, the misconception's name). The suite's
#: messages are written to say it (compare.py's hints, course_api's headlines, isolation's reasons).
DIAGNOSES: tuple[tuple[str, str], ...] = (
    (r"np\.sum without keepdims=True", "a rank-1 array where a column is needed (keepdims=True?)"),
    (r"a wrong factor such as 1/m", "a wrong constant factor (a missing or extra 1/m?)"),
    (r"transposed \(columns are examples", "a transposed array"),
    (r"one value per example where one per unit", "a missing sum over the examples"),
    (r"yours matches the initialization", "an initialization of another seed or scale"),
    (r"dtype float32, expected float64", "float32 where float64 is expected"),
    (r"modified its input", "changes its input in place"),
    (r"non-finite values where the reference has not", "NaN or inf where the result is finite"),
    (r"expected a dict, got list|expected an array \S+ got list", "lists instead of arrays"),
    (r"did not return within", "does not return (a hang)"),
    (r"exited its process", "exits the process"),
    (r"crashed its process", "crashes the process"),
    (r"ran out of memory", "runs out of memory"),
    (r"printed [\d.]+ MB", "prints megabytes"),
    (r"failed an assert", "a failing assert"),
    (r"raised NotImplementedError", "not implemented (NotImplementedError)"),
    (r"raised (\w+)", "raises {0}"),
    (r"value\(s\) differ beyond|values differ beyond", "wrong values"),
)


def diagnoses(message: str) -> list[str]:
    """The misconceptions a failure message names (the first that applies to each line)."""
    found: list[str] = []
    for line in message.splitlines():
        for pattern, name in DIAGNOSES:
            match = re.search(pattern, line)
            if match:
                label = name.format(*match.groups())
                if label not in found:
                    found.append(label)
                break
    return found


@dataclass
class Score:
    """One graded function of one submission."""

    item: Item
    score: float
    passed: int = 0
    failed: int = 0
    output: list[str] = field(default_factory=list)  # what the learner reads
    diagnoses: list[str] = field(default_factory=list)
    caused_by: list[str] = field(default_factory=list)
    status: str = "passed"


@dataclass
class Graded:
    """One submission's grade."""

    name: str
    spec: str
    scores: list[Score]
    complete: bool
    seconds: float
    output: str = ""

    @property
    def score(self) -> float:
        return sum(s.score for s in self.scores)


def grade_results(
    name: str,
    spec: str,
    results: Path,
    rubric: Rubric,
    feedback: str,
    seconds: float,
    suite_said: str = "",
) -> Graded:
    """Score one submission's results directory with the rubric."""
    from parity_tests.registry import CASES
    from parity_tests.report.collect import load_run

    if "cannot load it" in suite_said:  # nothing of it can run: every function scores 0, said why
        zeros = [Score(item, 0.0, output=[suite_said], status="failed") for item in rubric.items]
        return Graded(name, spec, zeros, True, seconds, suite_said)
    run = load_run(results)
    impl = spec
    cases_of: dict[str, list[Any]] = {}
    for case in CASES:
        cases_of.setdefault(case.qualname, []).append(case)
    scores: dict[str, Score] = {}
    failing: set[str] = set()
    for item in rubric.items:
        score = Score(item, 0.0)
        scores[item.function] = score
        hidden_failed, reasons, messages = 0, [], []
        for case in cases_of.get(item.function, []):
            res = run.results.get((case.id, impl))
            if res is None or res.status == "not run":
                reason = res.reason if res is not None else "no result"
                if reason.startswith("not provided") or "did not finish" in reason:
                    reasons.append(reason)
                elif "no result" in reason and not run.complete:
                    reasons.append("not graded: the run did not complete")
                continue  # e.g. "data absent": not counted either way
            if res.status in ("pass", "known deviation"):
                score.passed += 1
                continue
            score.failed += 1
            found = diagnoses(res.message)
            score.diagnoses += [d for d in found if d not in score.diagnoses]
            if case.id in item.hidden:
                hidden_failed += 1
            else:
                messages.append((case.id, res.message, found))
        ran = score.passed + score.failed
        if ran == 0:
            score.status = "failed"
            why = reasons[0] if reasons else "not run (no case of this function ran)"
            score.output.append(why)
            continue
        if score.failed:
            failing.add(item.function)
            score.status = "failed"
        score.score = item.points * score.passed / ran
        score.output.append(f"{score.passed} of {ran} case(s) passed.")
        for case_id, message, found in messages:
            if feedback == "full":
                score.output.append(message)
            else:
                score.output.append(f"{case_id}: {'; '.join(found) or 'fails'}")
        if hidden_failed:
            score.output.append(f"{hidden_failed} hidden case(s) failed.")
    for function, score in scores.items():  # no cascade: a helper's failure is charged once
        if function in failing:
            causes = _failing_helpers(function, failing)
            if causes:
                score.caused_by = causes
                score.score = score.item.points
                score.status = "passed"
                score.output.append(f"Not charged: caused by {', '.join(causes)} (graded there).")
    output = []
    loaded = (run.meta.get("submissions") or {}).get(spec) or {}
    if loaded.get("skipped"):
        output.append("Left out of the notebook (not graded): " + "; ".join(loaded["skipped"]))
    if loaded.get("provided"):
        output.append("The grader's stand-ins used: " + ", ".join(loaded["provided"]))
    if not run.complete:
        output.append("The run did not complete: functions without a result score 0.")
    if suite_said:
        output.append(suite_said)
    return Graded(name, spec, list(scores.values()), run.complete, seconds, "\n".join(output))


def _failing_helpers(function: str, failing: set[str]) -> list[str]:
    """The failing graded functions ``function`` calls, directly or through others (the deepest)."""
    scope = function.split(".")[0]
    causes: list[str] = []
    seen: set[str] = set()

    def walk(name: str) -> None:
        for used in versions.BY_NAME[name].uses:
            qual = f"{scope}.{used}"
            if qual in seen:
                continue
            seen.add(qual)
            deeper_before = len(causes)
            walk(qual)
            if qual in failing and len(causes) == deeper_before:
                causes.append(used)

    walk(function)
    return causes


def results_json(graded: Graded, rubric: Rubric) -> dict[str, Any]:
    """Gradescope's results.json (its documented fields only)."""
    tests = []
    for number, s in enumerate(graded.scores, 1):
        tests.append(
            {
                "name": s.item.function,
                "number": str(number),
                "score": round(s.score, 4),
                "max_score": s.item.points,
                "status": s.status,
                "output": "\n".join(s.output),
                "visibility": "visible",
                "tags": s.diagnoses,
            }
        )
    return {
        "score": round(graded.score, 4),
        "execution_time": round(graded.seconds, 1),
        "output": graded.output or f"Graded with {rubric.source}.",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {"max_score": rubric.max_score, "complete": graded.complete},
        "tests": tests,
    }


# --- running the suite -----------------------------------------------------------------------


def submission_name(spec: str, taken: set[str]) -> str:
    base = Path(spec).stem if os.sep in spec or Path(spec).exists() else spec
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", base) or "submission"
    unique, n = name, 2
    while unique in taken:
        unique, n = f"{name}-{n}", n + 1
    taken.add(unique)
    return unique


def run_suite(
    spec: str, results: Path, *, profile: str, timeout: float, call_timeout: float | None,
    cache: Path, cat: Path | None, memory_mb: int | None = None, select: str | None = None,
) -> tuple[int | None, str, float]:  # fmt: skip
    """The parity suite on one submission: (exit status or None on timeout, last lines, seconds)."""
    results.mkdir(parents=True, exist_ok=True)
    cmd = [sys.executable, "-m", "pytest", str(SUITE), "-q", "-p", "no:cacheprovider"]
    cmd += ["--tb=no", "-rN", "--impl", spec, "--results", str(results)]
    if call_timeout:
        cmd += ["--call-timeout", str(call_timeout)]
    if cat is not None:
        cmd += ["--cat-data", str(cat)]
    if memory_mb:
        cmd += ["--memory-limit", str(memory_mb)]
    if select:
        cmd += ["-k", select]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_XDIST", "PYTEST_CUR"))}
    env.update(HYPOTHESIS_PROFILE=profile, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1")
    env[REF_CACHE_ENV] = str(cache)
    start = time.perf_counter()
    try:
        proc = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired as exc:
        out = exc.stdout.decode() if isinstance(exc.stdout, bytes) else (exc.stdout or "")
        return None, f"the suite took over {timeout:g} s and was stopped\n{out[-500:]}", timeout
    tail = (proc.stdout + proc.stderr)[-2000:]
    return proc.returncode, tail, time.perf_counter() - start


def grade(
    specs: Sequence[str],
    out: Path,
    rubric: Rubric,
    *,
    feedback: str = "hint",
    workers: int = 2,
    profile: str = "ci",
    timeout: float = 3600.0,
    call_timeout: float | None = None,
    cat: Path | None = None,
    memory_mb: int | None = None,
    select: str | None = None,
) -> list[Graded]:
    """Grade every submission; write each one's results.json and report, and the class summary.

    ``select``: a pytest ``-k`` expression restricting the cases (a short exercise, a test).
    """
    from parity_tests.grading import summary

    out.mkdir(parents=True, exist_ok=True)
    cache = out / ".references"
    taken: set[str] = set()
    named = [(submission_name(spec, taken), spec) for spec in specs]

    def one(job: tuple[str, str]) -> Graded:
        name, spec = job
        folder = out / name
        code, tail, seconds = run_suite(
            spec, folder / "results", profile=profile, timeout=timeout,
            call_timeout=call_timeout, cache=cache, cat=cat, memory_mb=memory_mb, select=select,
        )  # fmt: skip
        said = next((ln.strip() for ln in tail.splitlines() if "cannot load it" in ln), "")
        said = said.removeprefix("ERROR: ")
        if code is None:
            said = tail.splitlines()[0]
        graded = grade_results(name, spec, folder / "results", rubric, feedback, seconds, said)
        # graded to the end: the suite finished (1: cases failed), or the submission did not
        # load (4: it scores nothing, with the reason); anything else did not complete
        graded.complete = code in (0, 1) or (code == 4 and bool(said))
        write_one(graded, folder, rubric)
        return graded

    with ThreadPoolExecutor(max_workers=max(1, workers)) as pool:
        graded = list(pool.map(one, named))
    summary.write(graded, rubric, out)
    return graded


def write_one(graded: Graded, folder: Path, rubric: Rubric) -> None:
    from parity_tests.report import collect, render

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "results.json").write_text(
        json.dumps(results_json(graded, rubric), indent=1), encoding="utf-8"
    )
    run = collect.load_run(folder / "results")
    try:
        html = render.render_report(run, None)
    except Exception as exc:  # the grade stands without the page
        html = render.fallback(run, {}, f"{type(exc).__name__}: {exc}")
    (folder / "report.html").write_text(html, encoding="utf-8")
