"""The benchmark's results as text tables (no torch import: the report uses this too)."""

from __future__ import annotations

from typing import Any


def format_tables(result: dict[str, Any]) -> str:
    """The tables the command prints (and the report shows), as text."""
    lines = ["", "Training step (forward, cost, backward, update; no dX), median ms per step"]
    head = (
        f"{'net':8s} {'dims x m':28s} {'dtype':7s} {'ours':>9s} {'torch':>9s} {'alone':>9s} "
        f"{'ratio':>6s}  {'GEMMs':>9s} {'GFLOP/s':>7s} {'step/GEMM':>9s}"
    )
    lines += [head, "-" * len(head)]
    for row in result["rows"]:
        med, ratios = row["median_s"], row["ratios"]
        lines.append(
            f"{row['net']:8s} {_label(row):28s} {row['dtype']:7s} {ms(med['ours'])} "
            f"{ms(med['torch'])} {_alone(row, 'torch')} {ratios['train']:6.2f}  "
            f"{ms(med['gemm'])} {row['gflops']:7.1f} {ratios['step_over_gemm']:9.2f}"
        )
    lines += ["", "Course API step (validated calls, returns dA0) vs torch with X's gradient"]
    head = (
        f"{'net':8s} {'dims x m':28s} {'dtype':7s} {'course':>9s} {'torch+dX':>9s} "
        f"{'alone':>9s} {'ratio':>6s}"
    )
    lines += [head, "-" * len(head)]
    for row in result["rows"]:
        med = row["median_s"]
        lines.append(
            f"{row['net']:8s} {_label(row):28s} {row['dtype']:7s} {ms(med['course'])} "
            f"{ms(med['torch_dX'])} {_alone(row, 'torch_dX')} {row['ratios']['course']:6.2f}"
        )
    lines += [
        "",
        "'alone': the same runner in a process of its own, sampled between the rounds. Ratios",
        "take torch's faster figure of the two and ours' slower one (see 'Fairness').",
    ]
    lines += _fairness(result)
    if result["scaling"]:
        lines += ["", "Step time against m and width (float64, ms): ours / torch"]
        for point in result["scaling"]:
            med = point["median_s"]
            lines.append(
                f"  {point['axis']:5s} {point['value']:5d} {point['dims']!s:26s} "
                f"x {point['m']:5d}: {ms(med['ours'])} {ms(med['torch'])} "
                f"{med['ours'] / med['torch']:6.2f}"
            )
    mem = result["memory"]
    lines += [
        "",
        f"Memory ({mem['net']}, {mem['dims']}): peak {mem['peak_bytes']}, growth over 27 more "
        f"iterations {mem['growth_bytes_27_iterations']} bytes, float32/float64 peak "
        f"{mem['float32_over_float64']:.3f}",
        "",
        "Goals",
    ]
    for v in result["goals"]:
        mark = "met " if v["met"] else "MISS"
        lines.append(
            f"  {mark} {v['goal']:48s} {v['net']:7s} {v['dtype']:7s} "
            f"{_num(v['value'])} (limit {_num(v['limit'])})"
        )
    return "\n".join(lines)


def _alone(row: dict[str, Any], runner: str) -> str:
    alone = row.get("alone_median_s", {})
    return ms(alone[runner]) if runner in alone else f"{'-':>9s}"


def _fairness(result: dict[str, Any]) -> list[str]:
    """Side by side over alone for each runner, and a warning where the goals found that it
    favours us: torch slower side by side than alone (not its best there), or ours faster."""
    rows = result["rows"]
    if not any(row.get("side_by_side_over_alone") for row in rows):
        return ["(not timed alone: --no-alone)"]
    fair = [v for v in result["goals"] if "runner" in v]  # the goals of side by side / alone
    lines = ["", "Fairness: side by side / alone (the limits: the Goals below)"]
    for row in rows:
        ratios = row.get("side_by_side_over_alone", {})
        cells = "  ".join(f"{runner} {ratio:.2f}" for runner, ratio in ratios.items())
        lines.append(f"  {row['net']:8s} {row['dtype']:7s} {cells}")
    for v in fair:
        if not v["met"]:
            lines.append(
                f"WARNING: {v['runner']} on {v['net']} {v['dtype']} ran {v['value']:.2f}x its "
                "time alone: the side-by-side figure flatters us (try a longer --cool-down)"
            )
    return lines


def _label(row: dict[str, Any]) -> str:
    return f"{row['dims']} x {row['m']}"


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f}"


def _num(value: float) -> str:
    return f"{value:.3f}" if isinstance(value, float) else str(value)
