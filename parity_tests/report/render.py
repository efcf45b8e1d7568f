"""Render the report and the matrix: Jinja2 templates with autoescape on, CSS and SVG inline.

Every string that comes from a case, an implementation, an exception or the environment goes
through autoescaping; the only markup inserted as is are matplotlib's SVGs (numbers only).
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup, escape

from parity_tests.cases import FAMILIES
from parity_tests.report.collect import LABELS, STATUSES, Run
from parity_tests.report.docmath import pretty_math
from parity_tests.report.views import (
    CONVENTION_ROWS,
    bench_view,
    case_views,
    relu_view,
    slugs,
    trajectory_views,
)

TEMPLATES = Path(__file__).parent / "templates"


@functools.cache
def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(num=num, when=when, duration=duration, pretty_math=pretty_math, rst=rst)
    env.globals.update(when=when, LABELS=LABELS, STATUSES=STATUSES, css=css_class, rerun=rerun)
    return env


def rst(text: str) -> Markup:
    """Docstring text with ``literals`` as <code>: escaped first, so only our tags are markup."""
    escaped = str(escape(text))
    return Markup(re.sub(r"``(.+?)``", r"<code>\1</code>", escaped))


def css_class(status: str) -> str:
    return status.replace(" ", "-")


def num(x: Any, digits: int = 3) -> str:
    """A float for a table: 0 as 0, tiny and huge in scientific notation."""
    if x is None:
        return "–"
    x = float(x)
    if x == 0:
        return "0"
    if math.isnan(x) or math.isinf(x):
        return str(x)
    return f"{x:.{digits}g}" if 1e-3 <= abs(x) < 1e5 else f"{x:.{max(digits - 1, 1)}e}"


def when(epoch: Any) -> str:
    if not epoch:
        return "–"
    return dt.datetime.fromtimestamp(float(epoch), dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def duration(seconds: Any) -> str:
    if seconds is None:
        return "–"
    seconds = float(seconds)
    return f"{seconds:.1f} s" if seconds < 120 else f"{int(seconds // 60)} min {seconds % 60:.0f} s"


def _seed(meta: dict[str, Any]) -> str | None:
    args = [str(a) for a in meta.get("args") or []]
    seed = None
    for i, arg in enumerate(args):
        if arg.startswith("--hypothesis-seed="):
            seed = arg.split("=", 1)[1]
        elif arg == "--hypothesis-seed" and i + 1 < len(args):
            seed = args[i + 1]
    return seed


def rerun(command: str, meta: dict[str, Any]) -> str:
    """A case's rerun command with this run's profile (and seed, when it was random)."""
    if not command:
        return ""
    profile, seed = meta.get("profile"), _seed(meta)
    prefix = f"HYPOTHESIS_PROFILE={profile} " if profile and profile != "dev" else ""
    suffix = f" --hypothesis-seed={seed}" if seed and not meta.get("derandomized") else ""
    return prefix + command + suffix


def seed_text(meta: dict[str, Any]) -> str:
    seed = _seed(meta)
    if meta.get("derandomized"):
        return "derandomized: the same examples on every run"
    if seed is not None:
        return f"random seed {seed} (rerun with --hypothesis-seed={seed})"
    return "random (seed not recorded)"


def verdict(run: Run, command: dict[str, Any] | None = None) -> dict[str, str]:
    """The banner: fail, incomplete, error or pass, with one line of detail."""
    command = command or {}
    counts = run.counts()
    total = sum(counts.values())
    ran = counts["pass"] + counts["known deviation"] + counts["fail"]
    failing = sorted({impl for (_, impl), res in run.results.items() if res.status == "fail"})
    incomplete = command.get("interrupted") or not run.complete
    if counts["fail"]:
        status = "fail"
        head = f"FAIL: {counts['fail']} case(s) fail ({', '.join(failing)})"
    elif command.get("suite_exit") == 1:
        status, head = "fail", "FAIL: a suite test outside the registry's cases failed (see log)"
    elif incomplete and ran:
        status, head = "incomplete", f"INCOMPLETE: the run stopped early; no failure among {ran}"
    elif not ran:
        said = next(
            (line.strip() for line in command.get("log_tail") or () if "cannot load it" in line),
            "",
        )
        status, head = (
            "error",
            "NO RESULTS: the suite recorded no case"
            + (f" ({said.removeprefix('ERROR: ')})" if said else ""),
        )
    else:
        impls = ", ".join(run.impls)
        status, head = "pass", f"PASS: {impls} agrees with PyTorch on every case that ran"
    detail = (
        f"{counts['pass']} of {total} agree, {counts['fail']} fail, "
        f"{counts['known deviation']} known deviation(s), {counts['not run']} not run"
    )
    if len(run.impls) > 1:
        detail += f" (cases x implementations: {', '.join(run.impls)})"
    detail += f"; {run.unselected} not selected (-k)." if run.unselected else "."
    if incomplete:
        why = "interrupted" if command.get("interrupted") else "the suite did not finish"
        detail += f" The run is incomplete ({why}); cases without a result are listed as not run."
    return {"status": status, "headline": head, "detail": detail}


def render_report(run: Run, record: dict[str, Any] | None = None) -> str:
    """The HTML report of one run; ``record`` is the command's report.json (may be empty)."""
    record = record or {}
    command, evidence = record.get("command") or {}, record.get("evidence") or {}
    families = case_views(run)
    known = {row["case"].id: row for fam in families for row in fam["rows"]}
    conventions = evidence.get("conventions") or {}
    took = command.get("seconds")
    if took is None and run.meta.get("finished") and run.meta.get("started"):
        took = run.meta["finished"] - run.meta["started"]
    context = {
        "took": took,
        "run": run,
        "meta": run.meta,
        "env": run.meta.get("environment") or {},
        "command": command,
        "seed": seed_text(run.meta),
        "verdict": verdict(run, command),
        "counts": run.counts(),
        "families": families,
        "failures": [r for f in families for r in f["rows"] if r["status"] == "fail"],
        "conventions": conventions.get("result") if conventions.get("status") == "done" else None,
        "conventions_reason": conventions.get("reason") or conventions.get("error") or "",
        "convention_rows": {
            key: [known[i] for i in ids if i in known] for key, ids in CONVENTION_ROWS.items()
        },
        "convention_family": next((f for f in families if f["key"] == "conventions"), None),
        "relu": relu_view(evidence),
        "trajectories": trajectory_views(evidence, command.get("cat_data") or ""),
        "bench": bench_view(Path(command["bench"]))
        if command.get("bench")
        else {"done": False, "path": "reports/bench/bench.json"},
    }
    return environment().get_template("report.html").render(**context)


def render_matrix(runs: list[Run]) -> str:
    """One grid of environments (results directories) by case."""
    order: list[Any] = []
    seen: set[str] = set()
    for run in runs:
        for case in run.cases:
            if case.id not in seen:
                seen.add(case.id)
                order.append(case)
    columns = [(run, impl) for run in runs for impl in run.impls]
    ids = slugs([c.id for c in order])
    families: dict[str, list[dict[str, Any]]] = {}
    for case in order:
        cells = [run.results.get((case.id, impl)) for run, impl in columns]
        row = {"case": case, "slug": ids[case.id], "cells": cells}
        families.setdefault(case.family, []).append(row)
    keys = [k for k in FAMILIES if k in families] + [k for k in families if k not in FAMILIES]
    grouped = [(FAMILIES.get(k, k), families[k]) for k in keys]
    context = {
        "runs": runs,
        "columns": columns,
        "families": grouped,
        "verdicts": [verdict(run) for run in runs],
        "failed": any(run.failed for run in runs),
        "generated": dt.datetime.now(dt.timezone.utc).timestamp(),
    }
    return environment().get_template("matrix.html").render(**context)


def fallback(run: Run, record: dict[str, Any], error: str) -> str:
    """A minimal page when rendering fails: the verdict, every case's status, the error."""
    import html

    v = verdict(run, record.get("command") or {})
    rows = "".join(
        f"<tr><td>{html.escape(cid)}</td><td>{html.escape(impl)}</td>"
        f"<td>{html.escape(res.label)}</td><td>{html.escape(res.reason)}</td></tr>"
        for (cid, impl), res in run.results.items()
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>scratchnn parity report: {html.escape(v['headline'])}</title></head><body>"
        f"<h1>{html.escape(v['headline'])}</h1><p>{html.escape(v['detail'])}</p>"
        f"<p>The full report could not be rendered:</p><pre>{html.escape(error)}</pre>"
        f"<table id='grid'>{rows}</table></body></html>"
    )
