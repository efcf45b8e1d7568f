"""The HTML report: collection, rendering, escaping, merge, and the command end to end.

Most tests render from small synthetic results directories written to tmp_path; two run the
``report`` command in a subprocess on one case; one opens a report in headless Chromium.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("jinja2", reason="the report needs the 'report' extra (jinja2, matplotlib)")
pytest.importorskip("matplotlib", reason="the report needs the 'report' extra (jinja2, matplotlib)")

from parity_tests.__main__ import main
from parity_tests.report import (
    collect,
    docmath,
    evidence,
    plots,
    render,
    trajectories,
)

XSS = "<script>alert(1)</script>"
CHROMIUM = Path("/usr/bin/chromium")


def entry(
    case_id: str, outcome: str, test: str = "samples", impl: str = "scratchnn", **kw: Any
) -> dict[str, Any]:
    from parity_tests.registry import BY_ID

    case = BY_ID[case_id]
    nodeid = f"parity_tests/test_parity.py::test_{test}[{case_id}]"
    base = {
        "id": case_id,
        "family": case.family,
        "function": case.qualname,
        "impl": impl,
        "test": test,
        "outcome": outcome,
        "tol": case.tol.describe(),
        "tol_why": case.tol.why,
        "known_deviation": case.known_deviation,
        "rerun": f"pytest '{nodeid}'" + ("" if impl == "scratchnn" else f" --impl {impl}"),
        "nodeid": nodeid,
        "examples": 3,
        "max_abs": 1e-16,
        "max_rel": 2e-16,
        "worst_output": "dW",
        "worst_input": "dZ=[[1.0, 2.0]]",
        "log10_errors": [-15.7, -15.9, -20.0],
        "seconds": 0.01,
    }
    return {**base, **kw}


def write_results(
    directory: Path, entries: list[dict[str, Any]], *, complete: bool = True, numpy: str = "2.4.6"
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    with open(directory / "cases-gw0.jsonl", "w", encoding="utf-8") as f:
        for item in entries:
            f.write(json.dumps(item) + "\n")
    impls = sorted({e["impl"] for e in entries}) or ["scratchnn"]
    run = {
        "impls": impls,
        "profile": "ci",
        "max_examples": 100,
        "derandomized": True,
        "started": 1_800_000_000.0,
        "finished": 1_800_000_100.0 if complete else None,
        "complete": complete,
        "exitstatus": int(any(e["outcome"] == "fail" for e in entries)) if complete else None,
        "environment": {
            **{"python": "3.11.7", "numpy": numpy, "torch": "2.13.0+cpu"},
            **{"hypothesis": "6.170", "blas": "openblas", "platform": "Linux"},
        },
        "args": [],
    }
    (directory / "run.json").write_text(json.dumps(run), encoding="utf-8")
    return directory


def mixed_entries(impl: str = "scratchnn") -> list[dict[str, Any]]:
    fail_message = f"layer.deep.linear_backward disagrees: ValueError('{XSS}')"
    return [
        entry("activation.sigmoid", "pass", "property", impl, log10_errors=[-16.0] * 50 + [-20.0]),
        entry("activation.sigmoid", "pass", "samples", impl),
        entry("layer.deep.linear_backward", "fail", "property", impl, message=fail_message),
        entry("convention.relu_prime_at_zero[lecture]", "known deviation", impl=impl,
              message="dZ: 3 of 12 value(s) differ", examples=0, log10_errors=[]),
        entry("cost.compute_cost", "not run", "resolve", impl,
              reason=f"not provided: {XSS} has no deep.compute_cost"),
    ]  # fmt: skip


def rendered(directory: Path, record: dict[str, Any] | None = None) -> str:
    return render.render_report(collect.load_run(directory), record or {})


def test_collect_combines_tests_into_one_status(tmp_path: Path) -> None:
    run = collect.load_run(write_results(tmp_path / "r", mixed_entries()))
    status = {cid: run.result(cid, "scratchnn").status for cid, _ in run.results}
    assert status["activation.sigmoid"] == "pass"
    assert status["layer.deep.linear_backward"] == "fail"
    assert status["convention.relu_prime_at_zero[lecture]"] == "known deviation"
    assert status["cost.compute_cost"] == "not run"
    assert status["activation.tanh"] == "not run"  # not in the results: not selected
    assert run.result("activation.sigmoid", "scratchnn").examples == 6
    assert run.failed and run.counts()["fail"] == 1


def test_xpass_of_a_known_deviation_is_a_failure(tmp_path: Path) -> None:
    item = entry("convention.relu_prime_at_zero[lecture]", "xpass")
    run = collect.load_run(write_results(tmp_path / "r", [item]))
    res = run.result("convention.relu_prime_at_zero[lecture]", "scratchnn")
    assert res.status == "fail" and "update the row" in res.reason


def test_report_shows_grid_details_and_verdict(tmp_path: Path) -> None:
    html = rendered(write_results(tmp_path / "r", mixed_entries()))
    assert 'id="grid"' in html and "Summary grid" in html
    assert "FAIL: 1 case(s) fail (scratchnn)" in html
    assert "case(s) not selected in this run" in html  # the rest of the registry (-k)
    assert 'id="case-layer.deep.linear_backward"' in html
    assert (
        "HYPOTHESIS_PROFILE=ci pytest "
        "&#39;parity_tests/test_parity.py::test_property[layer.deep.linear_backward]&#39;" in html
    )
    assert "dW = 1/m dZ A_prev^T" in html  # the docstring's math, in plain text
    assert "not provided:" in html and "<svg" in html  # a not-run reason, a histogram
    assert 'class="badge known-deviation"' in html


def test_text_from_cases_and_implementations_is_escaped(tmp_path: Path) -> None:
    bad_impl = '"><img src=x onerror=alert(2)>'
    html = rendered(write_results(tmp_path / "r", mixed_entries(impl=bad_impl)))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "<img" not in html and "&lt;img src=x" in html


def test_docstring_literals_and_fallback_page_are_escaped(tmp_path: Path) -> None:
    assert str(render.rst(f"``{XSS}`` and <b>")) == (
        "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code> and &lt;b&gt;"
    )
    run = collect.load_run(write_results(tmp_path / "r", mixed_entries()))
    page = render.fallback(run, {}, f"Traceback: {XSS}")
    assert "&lt;script&gt;" in page and "<script" not in page and "id='grid'" in page


def test_seed_is_shown() -> None:
    assert "derandomized" in render.seed_text({"derandomized": True})
    meta = {"derandomized": False, "profile": "dev", "args": ["-q", "--hypothesis-seed=1234"]}
    text = render.seed_text(meta)
    assert "random seed 1234" in text and "--hypothesis-seed=1234" in text
    assert render.rerun("pytest parity_tests -k 'x'", meta).endswith(
        "-k 'x' --hypothesis-seed=1234"
    )


def test_no_remote_resource(tmp_path: Path) -> None:
    html = rendered(write_results(tmp_path / "r", mixed_entries()))
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.I)
    assert not re.search(r"url\(\s*['\"]?(?:https?:)?//", html, re.I)
    assert "@import" not in html and "<link" not in html and "<script" not in html


def test_incomplete_run_says_so(tmp_path: Path) -> None:
    directory = write_results(tmp_path / "r", mixed_entries()[:2], complete=False)
    html = rendered(directory, {"command": {"interrupted": True}})
    assert "INCOMPLETE" in html and "interrupted" in html
    assert "no result: the run stopped before this case" in html
    (directory / "run.json").unlink()  # stopped before pytest wrote it: still a report
    assert "INCOMPLETE" in rendered(directory)


def test_not_run_trajectories_are_visible(tmp_path: Path) -> None:
    why = "not run: data absent (x.npz); set SCRATCHNN_CAT_DATA or --cat-data"
    record = {
        "command": {},
        "evidence": {
            f"trajectory/cat4/{d}": {"status": "not run", "reason": why}
            for d in ("float64", "float32")
        },
    }
    html = rendered(write_results(tmp_path / "r", mixed_entries()[:2]), record)
    assert "not run: data absent (x.npz)" in html


def test_bench_runs_and_the_report_shows_its_tables(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "bench"
    argv = ["bench", "--only", "planar", "--dtype", "float32", "--no-scaling", "--threads", "1"]
    argv += ["--repeats", "2", "--seconds", "0.01", "--cool-down", "0.02", "--out", str(out)]
    assert main(argv) == 0
    printed = capsys.readouterr().out
    result = json.loads((out / "bench.json").read_text())
    (row,) = result["rows"]
    assert row["net"] == "planar" and row["dtype"] == "float32" and row["dims"] == [2, 4, 1]
    for who in ("ours", "torch", "course", "torch_dX", "gemm", "gemm_dX"):
        assert len(row["samples_s"][who]) == 2 and row["median_s"][who] > 0
    # each runner also timed alone, in a process of its own; the goals judge the two apart
    alone, med = row["alone_median_s"], row["median_s"]
    assert set(alone) == {"ours", "torch", "course", "torch_dX"} and min(alone.values()) > 0
    assert len(row["alone_samples_s"]["torch"]) == 2
    assert row["side_by_side_over_alone"]["torch"] == med["torch"] / alone["torch"]
    # the ratios take torch's faster figure and ours' slower one
    slower_ours, faster_torch = max(med["ours"], alone["ours"]), min(med["torch"], alone["torch"])
    assert row["ratios"]["train"] == slower_ours / faster_torch
    assert {g["goal"] for g in result["goals"]} >= {
        "train step ours / torch <= 0.7",
        "course step ours / torch <= 0.8",
        "torch side by side / alone <= 1.1",
        "ours side by side / alone >= 0.9",
        "no memory growth across iterations (bytes)",
    }
    assert "Training step" in printed and "planar" in printed and "Goals" in printed
    assert f"{alone['torch'] * 1e3:9.3f}" in printed  # the table's "alone" column
    record = {"command": {"bench": str(out / "bench.json")}, "evidence": {}}
    html = rendered(write_results(tmp_path / "r", mixed_entries()[:2]), record)
    section = html[html.index('<section id="performance">') :]
    assert "[2, 4, 1] x 400" in section and "float32" in section
    assert f"{row['ratios']['train']:.2f}" in section and "not measured" not in section
    assert f"{alone['torch_dX'] * 1e3:.3f}" in section  # the "alone" columns
    assert f"allocator side by side: {result['environment']['allocator']}" in section
    # a run with --no-alone: the columns say so
    for each in result["rows"]:
        each["alone_median_s"] = {}
    (out / "bench.json").write_text(json.dumps(result))
    html = rendered(write_results(tmp_path / "r3", mixed_entries()[:2]), record)
    section = html[html.index('<section id="performance">') :]
    assert f'{med["torch"] * 1e3:.3f}</td>\n    <td class="num">-</td>' in section
    # without the file, the section says how to make it
    html = rendered(write_results(tmp_path / "r2", mixed_entries()[:2]))
    assert "not measured for this report" in html and "tox -e bench" in html


def test_the_goals_take_torchs_faster_figure_and_ours_slower() -> None:
    from parity_tests.bench import run

    side = {"ours": 2.0, "torch": 4.0, "course": 3.0, "torch_dX": 5.0, "gemm": 1.0}
    alone = {"ours": 2.5, "torch": 3.0, "course": 2.0, "torch_dX": 6.0}
    assert run.judged_medians(side, alone) == {
        "ours": 2.5,  # slower: alone
        "torch": 3.0,  # faster: alone
        "course": 3.0,  # slower: side by side
        "torch_dX": 5.0,  # faster: side by side
        "gemm": 1.0,  # not timed alone
    }


@pytest.mark.parametrize(
    ("runner", "ratio", "met"),
    [
        ("torch", 1.12, False),  # torch slowed down side by side: its figure there is not its best
        ("torch", 0.80, True),  # faster side by side than alone: no handicap
        ("torch_dX", 1.09, True),
        ("ours", 0.88, False),  # ours faster side by side than alone: flatters us
        ("ours", 1.30, True),
        ("course", 0.91, True),
    ],
)
def test_the_fairness_goals_fail_only_where_they_would_flatter_us(
    runner: str, ratio: float, met: bool
) -> None:
    from parity_tests.bench import run

    row = {
        "net": "cat-4",
        "dtype": "float64",
        "ratios": {"train": 0.5, "course": 0.5, "step_over_gemm": 1.0},
        "side_by_side_over_alone": {runner: ratio},
    }
    (verdict,) = [v for v in run.judge([row], None) if v.get("runner") == runner]
    assert verdict["met"] is met and verdict["value"] == ratio


def test_the_course_runner_keeps_its_last_step_alive_between_calls() -> None:
    """As a user's loop (and torch's runner) does: freed at the end of each call, the step's
    X-sized dA0 went back to the system, and the next call's first steps paid page faults."""
    import gc
    import tracemalloc

    from parity_tests.bench import workloads

    p = workloads.problem(workloads.NETS[0], "float64")
    run = workloads.ours_course(p)
    tracemalloc.start()
    try:
        run(2)
        gc.collect()
        held, _ = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert held >= p.X.nbytes  # the last dA0, as large as X, at least


ALLOCATION = """
import resource, sys
import numpy as np
from parity_tests.bench.sampling import steady_allocator
if sys.argv[1] == "steady":
    steady_allocator()
n = (20 << 20) // 8
np.ones(n)  # glibc now serves blocks of this size from its heap
a, b = np.ones(n), np.ones(n)
del a, b  # 40 MiB free at the heap's top
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
c = np.ones(n)
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


@pytest.mark.skipif(
    not sys.platform.startswith("linux") or not os.confstr("CS_GNU_LIBC_VERSION"),
    reason="glibc's allocator: mallopt and its trimming of the heap",
)
def test_the_benchmarks_process_keeps_freed_memory_for_the_next_array() -> None:
    """Side by side, one runner's frees must not make another's next array take fresh pages."""

    def faults(mode: str) -> int:
        command = [sys.executable, "-c", ALLOCATION, mode]
        return int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)

    assert faults("default") > 0  # glibc gave the heap's top back: the array faulted it in again
    assert faults("steady") == 0


def test_a_runner_that_fails_alone_says_why() -> None:
    from parity_tests.bench import alone, workloads

    args = argparse.Namespace(cool_down=0.0, threads=None)
    with (
        alone.Alone(workloads.NETS[0], "float64", ["no_such_runner"], args) as timer,
        pytest.raises(RuntimeError, match=r"(?s)no_such_runner alone failed.*unknown net"),
    ):
        timer(3)


def test_merge_builds_a_matrix(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = [entry("activation.sigmoid", "pass")]
    write_results(tmp_path / "results" / "py311-numpy126", good, numpy="1.26.4")
    write_results(tmp_path / "results" / "py311-numpy20", mixed_entries(), numpy="2.0.2")
    assert main(["merge", "--out", str(tmp_path)]) == 1  # one environment fails a case
    html = (tmp_path / "parity-matrix.html").read_text(encoding="utf-8")
    assert "py311-numpy126" in html and "py311-numpy20" in html
    assert "1.26.4" in html and "2.0.2" in html and "&lt;script&gt;" in html
    assert "<script" not in html
    assert (
        main(["merge", str(tmp_path / "results" / "py311-numpy126"), "--out", str(tmp_path)]) == 0
    )
    assert "py311-numpy126" in capsys.readouterr().out


def test_math_block_and_pretty_math() -> None:
    doc = (
        "Summary.\n\nNotes\n-----\n.. math::\n    dW = \\frac{1}{m} dZ A^T, \\quad\n    db = x\n\n"
    )
    assert docmath.math_block(doc) == "dW = \\frac{1}{m} dZ A^T, \\quad\ndb = x"
    assert docmath.pretty_math("\\sigma(z) = \\frac{1}{1 + e^{-z}}") == "σ(z) = 1/(1 + e^-z)"
    math, summary = docmath.docstring_math("deep", "L_model_backward")
    assert "dW" in math and summary


def test_convention_measurements() -> None:
    found = evidence.conventions()
    keepdims = dict(found["keepdims"]["measured"])
    assert keepdims["b - lr * db, db without keepdims"].startswith("(4, 4)")
    relu = dict(found["relu"]["measured"])
    assert relu["torch F.relu"] == "0" and relu["torch.maximum(z, 0)"] == "0.5"
    assert (
        dict(found["scaling"]["measured"])["dA_prev / torch input.grad, elementwise (min .. max)"]
        == "5 .. 5"
    )


def test_short_trajectory_agrees_and_plots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(trajectories.MODELS["flower"], "iterations", 60)
    pairs = {d: trajectories.run_pair("flower", d) for d in ("float64", "float32")}
    assert pairs["float64"]["max_cost_diff"] < 1e-12
    assert pairs["float64"]["max_param_diff"] < 1e-12
    assert len(pairs["float32"]["param_iters"]) == 7  # 0, 10, ..., 60
    figure = plots.trajectory(pairs)
    assert figure.startswith("<svg") and "http://www.w3.org/Graphics" not in figure


def _bad_impl(tmp_path: Path) -> Path:
    package = tmp_path / "impls" / "bad_course"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "deep.py").write_text(
        f"def linear_backward(dZ, cache):\n    raise ValueError({XSS!r})\n", encoding="utf-8"
    )
    return tmp_path / "impls"


def _command(tmp_path: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(_bad_impl(tmp_path)), *sys.path])}
    cmd = [sys.executable, "-m", "parity_tests", "report", "--out", str(tmp_path / "reports"),
           "-n", "1", "--no-trajectories", *args]  # fmt: skip
    return cmd, env


def test_report_command_against_a_failing_implementation(tmp_path: Path) -> None:
    cmd, env = _command(tmp_path, "--impl", "bad_course", "-k", "layer.deep.linear_backward")
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-3000:]
    html = (tmp_path / "reports" / "parity-report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert" not in html
    assert "FAIL" in html and "--impl bad_course" in html
    results = tmp_path / "reports" / "results" / "report"
    assert (results / "run.json").exists() and (results / "report.json").exists()
    assert "[evidence] conventions: done" in proc.stdout


def test_report_command_interrupted_still_writes(tmp_path: Path) -> None:
    # about a minute of cases, so the run is still going when the first result appears (not the
    # multi-minute cat runs, which would not stop within the timeout)
    cmd, env = _command(tmp_path, "-k", "(trajectory or fd.) and not cat")

    # A command started in the background of a non-interactive shell (as CI may run us) inherits
    # SIGINT as ignored, and Python then never raises KeyboardInterrupt: give the child the
    # terminal's default, as a user pressing Ctrl-C has it.
    def default_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    proc = subprocess.Popen(
        cmd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
        preexec_fn=default_sigint,
    )
    results = tmp_path / "reports" / "results" / "report"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not list(results.glob("cases-*.jsonl")):
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C reaches the whole process group
    out, _ = proc.communicate(timeout=120)
    assert proc.returncode == 130, out[-3000:]
    html = (tmp_path / "reports" / "parity-report.html").read_text(encoding="utf-8")
    assert "INCOMPLETE" in html or "FAIL" in html
    assert "The run is incomplete" in html


@pytest.mark.skipif(
    not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install chromium)"
)
def test_report_renders_in_headless_chromium(tmp_path: Path) -> None:
    from matplotlib import image

    page = tmp_path / "parity-report.html"
    page.write_text(rendered(write_results(tmp_path / "r", mixed_entries())), encoding="utf-8")
    base = [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--window-size=1280,2000"]  # fmt: skip
    profile = tmp_path / "profile"
    dom = subprocess.run(
        [*base, f"--user-data-dir={profile}-dom", "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert 'id="grid"' in dom.stdout and "activation.sigmoid" in dom.stdout, dom.stderr[-2000:]
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*base, f"--user-data-dir={profile}-png", f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120, check=True,
    )  # fmt: skip
    pixels = image.imread(str(shot))
    assert pixels.shape[:2] == (2000, 1280)
    assert float(np.std(pixels[..., :3])) > 0.05  # not blank
    shutil.rmtree(f"{profile}-dom", ignore_errors=True)


def test_the_conventions_section_names_rows_of_the_registry() -> None:
    # the page drops a row absent from a run (a -k subset); a renamed row must not vanish silently
    from parity_tests.registry import BY_ID
    from parity_tests.report.views import CONVENTION_ROWS

    assert [i for ids in CONVENTION_ROWS.values() for i in ids if i not in BY_ID] == []
