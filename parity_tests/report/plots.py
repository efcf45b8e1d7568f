"""The report's figures: matplotlib (Agg) rendered to SVG strings that are inlined in the HTML.

Text stays text (``svg.fonttype = "none"``) so figures are small; the XML prologue, DOCTYPE and
metadata are stripped. No figure carries text from a case or an implementation.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import numpy as np
from markupsafe import Markup

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

OURS, TORCH, CONTEXT = "#1f5fa8", "#e07b00", "#777777"
EXACT = -20.0  # what the suite records as log10 of an exactly zero error

STYLE: dict[RcKeyType, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": None,
    "font.size": 8,
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
}


def svg(fig: Any) -> Markup:
    """The figure as an inline ``<svg>`` element (marked safe: it is matplotlib's own markup)."""
    buffer = io.StringIO()
    fig.savefig(buffer, format="svg", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    text = re.sub(r"<!DOCTYPE[^>]*>\s*", "", text)
    text = re.sub(r"<metadata>.*?</metadata>\s*", "", text, flags=re.S)
    text = re.sub(r"(\d\.\d\d)\d+", r"\1", text)  # coordinates: 0.01 pt is plenty
    text = re.sub(
        r' id="(?:figure|patch|axes|matplotlib|[xy]tick|line2d|text|legend)[^"]*"', "", text
    )
    text = re.sub(r' transform="rotate\(-0 [^)]*\)"', "", text)
    text = re.sub(r"\s*\n\s*", "\n", text)
    text = re.sub(r"\n(?=[LMzC])", " ", text)  # path data on one line
    return Markup(text.strip())  # matplotlib's markup, from numbers only


def histogram(log10_errors: Sequence[float], rtol: float | None = None) -> Markup | None:
    """Errors of every generated example: a histogram of log10 relative error.

    None when there is nothing to draw: no example, or every error exactly 0.
    """
    values = np.asarray(log10_errors, dtype=float)
    exact = int(np.sum(values <= EXACT))
    rest = values[values > EXACT]
    if not rest.size:
        return None
    lo = 2 * math.floor(min(rest.min(), -16) / 2)
    hi = math.ceil(max(rest.max(), math.log10(rtol) if rtol else -8, -8) + 0.5)
    edges = np.arange(lo, hi + 0.5, 0.5)
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(3.6, 1.5))
        fig.subplots_adjust(left=0.15, right=0.98, bottom=0.27, top=0.95)  # one draw, no layout
        ax.grid(False)
        counts, _ = np.histogram(np.clip(rest, lo, hi), bins=edges)
        ax.stairs(counts, edges, fill=True, color=OURS, alpha=0.85)
        ticks = list(range(lo, hi + 1, 2 if hi - lo <= 12 else 4))
        labels = [str(t).replace("-", "−") for t in ticks]
        if exact:
            ax.bar([lo - 1.5], [exact], width=0.9, color="#2e8b57", label=f"exactly 0: {exact}")
            ax.legend(loc="upper left", fontsize=7)
            ticks, labels = [lo - 1.5, *ticks], ["0", *labels]
        ax.set_xticks(ticks, labels)
        if rtol:
            ax.axvline(math.log10(rtol), color="#c0392b", linestyle="--", linewidth=1)
            ax.text(
                math.log10(rtol),
                ax.get_ylim()[1] * 0.95,
                " rtol",
                color="#c0392b",
                va="top",
                fontsize=7,
            )
        ax.set_xlabel("log10 relative error")
        ax.set_ylabel("examples")
        ax.set_xlim(lo - 2.3, hi)
        return svg(fig)


def _thin(y: np.ndarray, points: int = 700) -> tuple[np.ndarray, np.ndarray]:
    step = max(1, len(y) // points)
    x = np.arange(0, len(y), step)
    return x, y[::step]


def _envelope(y: np.ndarray, points: int = 400) -> tuple[np.ndarray, np.ndarray]:
    """The maximum of each of ``points`` windows: thins a noisy curve without hiding its peaks.

    A window where the difference is exactly 0 throughout becomes a gap (NaN) on the log axis.
    """
    step = max(1, math.ceil(len(y) / points))
    n = math.ceil(len(y) / step)
    padded = np.full(n * step, -np.inf)
    padded[: len(y)] = y
    top = padded.reshape(n, step).max(axis=1)
    return np.arange(n) * step, np.where(top > 0, top, np.nan)


def trajectory(pairs: dict[str, dict[str, Any]]) -> Markup:
    """Costs of both sides overlaid (top) and their divergence on a log scale (bottom).

    ``pairs`` maps "float64" / "float32" to :func:`~parity_tests.report.trajectories.run_pair`
    results (either may be missing).
    """
    dtypes = [d for d in ("float64", "float32") if d in pairs]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(
            2,
            len(dtypes),
            figsize=(4.6 * len(dtypes), 4.8),
            squeeze=False,
            sharex="col",
            layout="constrained",
        )
        for col, dtype in enumerate(dtypes):
            pair = pairs[dtype]
            ours, theirs = np.asarray(pair["costs_ours"]), np.asarray(pair["costs_torch"])
            top, bottom = axes[0][col], axes[1][col]
            top.plot(*_thin(ours), color=OURS, linewidth=1.6, label="scratchnn")
            top.plot(*_thin(theirs), color=TORCH, linewidth=1.1, linestyle="--", label="torch")
            top.set_title(f"{dtype}: cost per iteration")
            top.set_ylabel("cost J")
            top.legend(loc="upper right")
            diff = np.abs(ours - theirs)
            bottom.semilogy(*_envelope(diff), color=OURS, linewidth=1, label="|cost difference|")
            params = np.asarray(pair["param_diff"], dtype=float)
            params = np.where(params > 0, params, np.nan)
            bottom.semilogy(
                pair["param_iters"],
                params,
                color=TORCH,
                marker="." if len(params) <= 200 else None,
                markersize=3,
                linewidth=0.8,
                label="max |parameter difference|",
            )
            if dtype == "float32" and "float64" in pairs:
                ref64 = np.asarray(pairs["float64"]["costs_torch"])
                if len(ref64) == len(theirs):
                    context = np.abs(theirs - ref64)
                    bottom.semilogy(
                        *_envelope(context),
                        color=CONTEXT,
                        linewidth=0.8,
                        linestyle=":",
                        label="|torch f32 - torch f64| cost",
                    )
            bottom.set_title(f"{dtype}: |scratchnn - torch| (gaps: exactly 0)")
            bottom.set_xlabel("iteration")
            bottom.set_ylabel("difference")
        handles, labels = axes[1][-1].get_legend_handles_labels()
        fig.legend(handles, labels, loc="outside lower center", ncols=len(labels), fontsize=8)
        return svg(fig)


def relu_costs(default: Sequence[float], lecture: Sequence[float]) -> Markup:
    """The cat 4-layer cost with ReLU'(0) = 0 and with ReLU'(0) = 1."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5.6, 2.6), layout="constrained")
        ax.plot(
            *_thin(np.asarray(default)),
            color=OURS,
            linewidth=1.4,
            label="ReLU'(0) = 0 (course code, PyTorch, scratchnn)",
        )
        ax.plot(
            *_thin(np.asarray(lecture)),
            color=TORCH,
            linewidth=1.4,
            label="ReLU'(0) = 1 (the lecture)",
        )
        ax.set_xlabel("iteration")
        ax.set_ylabel("cost J")
        ax.set_title("Cat 4-layer model, float64, same start")
        ax.legend(loc="upper right")
        return svg(fig)


def step_scaling(points: Sequence[dict[str, Any]]) -> Markup:
    """The benchmark's step time (ms, log-log) against m and against width: scratchnn and torch."""
    axes_names = [("m", "examples m (the course's deep net)"), ("width", "hidden width (m = 1024)")]
    with plt.rc_context(STYLE):
        fig, axes = plt.subplots(1, 2, figsize=(7.6, 2.6), layout="constrained")
        for ax, (axis, label) in zip(axes, axes_names, strict=True):
            series = [p for p in points if p["axis"] == axis]
            x = [p["value"] for p in series]
            for who, color, name in (("ours", OURS, "scratchnn"), ("torch", TORCH, "torch eager")):
                y = [p["median_s"][who] * 1e3 for p in series]
                ax.plot(x, y, "o-", color=color, markersize=3, linewidth=1.2, label=name)
            ax.set_xscale("log", base=2)
            ax.set_yscale("log")
            ax.set_xlabel(label)
            ax.set_ylabel("ms per training step")
        axes[0].legend(loc="upper left")
        return svg(fig)


def score_distribution(scores: Sequence[float], max_score: float) -> Markup:
    """A histogram of a class's scores, 0 to the rubric's maximum."""
    with plt.rc_context(STYLE):
        fig, ax = plt.subplots(figsize=(5.5, 2.2))
        bins = np.linspace(0, max_score, min(21, max(2, int(max_score) + 1)))
        ax.hist(np.clip(scores, 0, max_score), bins=bins.tolist(), color=OURS, edgecolor="white")
        ax.set_xlabel("score")
        ax.set_ylabel("submissions")
        ax.set_xlim(0, max_score)
        return svg(fig)
