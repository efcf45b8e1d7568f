"""What the templates iterate over: families of cases with their histograms, trajectories, ReLU'(0).

:mod:`~parity_tests.report.render` builds the page from these views; the figures are made here,
one per case and implementation (histograms) and one per model (trajectories).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from parity_tests.report import plots
from parity_tests.report.collect import STATUSES, Run
from parity_tests.report.trajectories import MODELS

#: The conventions section: which registry rows hold each convention's evidence.
CONVENTION_ROWS = {
    "layout": ["layer.scratchnn.linear_forward", "layer.deep.linear_forward"],
    "scaling": [
        "contract.dW_db_of_the_mean_cost",
        "contract.dA_prev_per_example",
        "contract.sum_reduction_is_the_mean_without_1_over_m",
    ],
    "keepdims": ["contract.db_keeps_its_column", "update.scratchnn.update_parameters"],
    "relu": [
        "convention.relu_prime_at_zero[lecture]",
        "convention.leaky_relu_prime_at_zero[lecture]",
        "derivative.relu_backward",
        "derivative.leaky_relu_backward",
    ],
    "clamp": [
        "convention.cross_entropy_unclamped[course formula]",
        "convention.dAL_at_saturation[course formula]",
        "cost.compute_cost",
        "cost.compute_cost_backward",
    ],
    "saturation": ["convention.sigmoid_overflow[naive formula]", "activation.sigmoid"],
    "symmetry": ["init.zero_weights_keep_symmetry", "init.random_weights_break_symmetry"],
}


def slugs(ids: list[str]) -> dict[str, str]:
    """An HTML id per case id (unique, no whitespace or brackets)."""
    out: dict[str, str] = {}
    for case_id in ids:
        slug = "case-" + re.sub(r"[^A-Za-z0-9_.-]+", "-", case_id).strip("-")
        while slug in out.values():
            slug += "-"
        out[case_id] = slug
    return out


def _rtol(tol: str) -> float | None:
    match = re.search(r"rtol ([0-9.e+-]+)", tol or "")
    return float(match.group(1)) if match and float(match.group(1)) > 0 else None


def case_views(run: Run) -> list[dict[str, Any]]:
    """Families, with every case's results and histograms, for the grid and the details."""
    ids = slugs([c.id for c in run.cases])
    families = []
    for key, title, cases in run.families():
        rows = []
        for case in cases:
            results: list[dict[str, Any]] = []
            for impl in run.impls:
                res = run.result(case.id, impl)
                hist = plots.histogram(res.log10_errors, _rtol(case.tol))
                results.append({"impl": impl, "res": res, "histogram": hist})
            if not any(r["res"].selected for r in results):
                continue  # deselected by -k: counted in the verdict, not listed
            worst = [r["res"].status for r in results]
            status = next(s for s in STATUSES if s in worst)
            rows.append({"case": case, "slug": ids[case.id], "results": results, "status": status})
        if rows:
            families.append({"key": key, "title": title, "rows": rows})
    return families


def trajectory_views(evidence: dict[str, Any], cat: str) -> list[dict[str, Any]]:
    views = []
    for model, spec in MODELS.items():
        pairs, reasons, timings = {}, [], []
        for dtype in ("float64", "float32"):
            item = evidence.get(f"trajectory/{model}/{dtype}") or {}
            if item.get("status") == "done":
                pairs[dtype] = item["result"]
            else:
                reasons.append(item.get("reason") or "not run: not computed for this report")
            timings.append(item.get("seconds"))
        rows = []
        for dtype, pair in pairs.items():
            row = {"dtype": dtype, **pair}
            row["bound"] = 1e-12 if dtype == "float64" else 1e-5
            row["agree_until"] = first_over(pair["costs_ours"], pair["costs_torch"], row["bound"])
            ref64 = pairs.get("float64")
            if dtype == "float32" and ref64:
                gap = [
                    abs(a - b)
                    for a, b in zip(pair["costs_torch"], ref64["costs_torch"], strict=False)
                ]
                row["vs64"] = (max(gap), gap.index(max(gap))) if gap else None
            rows.append(row)
        views.append(
            {
                "key": model,
                "spec": spec,
                "figure": plots.trajectory(pairs) if pairs else None,
                "rows": rows,
                "reasons": list(dict.fromkeys(reasons)),
                "needs_cat": spec["data"] == "cat",
                "cat": cat,
            }
        )
    return views


def relu_view(evidence: dict[str, Any]) -> dict[str, Any]:
    lecture = evidence.get("relu_at_zero") or {}
    default = evidence.get("trajectory/cat4/float64") or {}
    if lecture.get("status") != "done" or default.get("status") != "done":
        why = lecture.get("reason") or default.get("reason") or "not computed for this report"
        return {"done": False, "reason": why}
    a, b = default["result"], lecture["result"]
    at = [i for i in (0, 1000, 2400, 2499) if i < len(b["costs"])]
    return {
        "done": True,
        "figure": plots.relu_costs(a["costs_ours"], b["costs"]),
        "rows": [
            ["ReLU'(0) = 0", *[a["costs_ours"][i] for i in at], a["accuracy_ours"]],
            ["ReLU'(0) = 1", *[b["costs"][i] for i in at], b["accuracy"]],
        ],
        "at": at,
        "parted": first_over(a["costs_ours"], b["costs"], 0.0),
        "zeros": b.get("zeros_early") or [],
    }


def first_over(a: list[float], b: list[float], bound: float) -> int | None:
    """The first iteration where |a - b| exceeds ``bound`` (None: never)."""
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if abs(x - y) > bound), None)


def bench_view(path: Path) -> dict[str, Any]:
    """The performance section: the benchmark's results file, if one has been written."""
    if not path.is_file():
        return {"done": False, "path": str(path)}
    try:
        result = json.loads(path.read_text(encoding="utf-8"))
        from parity_tests.bench.tables import format_tables

        return {
            "done": True,
            "path": str(path),
            "result": result,
            "text": format_tables(result),
            "missed": [g for g in result["goals"] if not g["met"]],
            "figure": plots.step_scaling(result["scaling"]) if result.get("scaling") else None,
        }
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return {"done": False, "path": str(path), "error": f"{type(exc).__name__}: {exc}"}
