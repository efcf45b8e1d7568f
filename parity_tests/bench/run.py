"""The benchmark's protocol: calibrate, interleave, take medians, judge the goals, print, save."""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import replace
from typing import Any

import numpy as np

from parity_tests.bench import BENCH_FILE
from parity_tests.bench import workloads as w
from parity_tests.bench.alone import Alone
from parity_tests.bench.sampling import (
    Runner,
    idle,
    sample,
    set_threads,
    steady_allocator,
    timed_step,
)
from parity_tests.bench.tables import format_tables, ms

COURSE_NETS = ("planar", "cat-2", "cat-4")
GEMM_NETS = ("mlp", "wide")

#: (kind, ratio name, limit, which nets): the performance goals, as ratios of medians.
GOALS = (
    ("train", "ours / torch", 0.7, COURSE_NETS),
    ("train", "ours / torch", 1.0, GEMM_NETS),
    ("train", "step / its GEMMs", 1.18, GEMM_NETS),
    ("course", "ours / torch", 0.9, ("cat-2", "cat-4")),
    ("course", "ours / torch", 0.8, ("planar",)),
)

#: Seconds of pause before each sample. After a call, NumPy's OpenBLAS worker threads busy-wait
#: for about 0.1 s before they sleep (torch's OpenMP threads spin too, more briefly). A sample
#: that starts while the other library's threads still spin shares the cores with them: torch's
#: cat-4 step ran about 1.35x slower right after a burst of NumPy products, and at its own speed
#: after a 0.3 s pause, or with OpenBLAS's spin cut short (``OPENBLAS_THREAD_TIMEOUT=4``).
COOL_DOWN_S = 0.3

#: The runners also timed alone, each in a process of its own, and how far apart the two may be.
ALONE = ("ours", "torch", "course", "torch_dX")
ALONE_TOLERANCE = 0.10
#: torch's runners: the goals take the faster of each one's two medians (side by side, alone),
#: and ours the slower, so that a difference between the two can only count against us.
PEERS = ("torch", "torch_dX")

#: Steps per sample, at least.
MIN_STEPS = 3

#: The step-time curves: the course's deep net over m, and a 3-hidden-layer net over width.
M_SERIES = (32, 64, 128, 209, 512, 1024, 2048)
WIDTH_SERIES = (16, 32, 64, 128, 256, 512, 1024)


def interleaved(
    runners: dict[str, Runner],
    *,
    repeats: int,
    seconds: float,
    cool_down: float = 0.0,
    k: int | None = None,
    alone: Callable[[int], dict[str, float]] | None = None,
) -> tuple[int, dict[str, list[float]], dict[str, list[float]]]:
    """Per-step times of every runner: one warm-up, a common k, samples in alternating order.

    Each sample starts after a pause of ``cool_down`` seconds, so that the previous runner's worker
    threads have stopped spinning (:data:`COOL_DOWN_S`), and one untimed step, which brings the
    runner's data back into the caches (:func:`sample`). ``k`` None calibrates it to ``seconds``.
    ``alone(k)``, if given, is called after every round of samples and returns one sample of each
    runner timed alone (:class:`Alone`), so both medians meet the same drift of the machine.
    """
    single = {}
    for name, run in runners.items():
        run(1)  # warm-up: first-call costs, allocator, thread pools
        idle(cool_down)
        # the fastest of three: one slow step (page faults, a neighbour's burst) must not cut k
        single[name] = min(timed_step(run) for _ in range(3))
    if k is None:
        # at least MIN_STEPS a sample: a train call's own start (its checks, fresh buffers) is
        # then shared by several steps even on the largest net, where one step takes 0.3-0.7 s
        k = max(MIN_STEPS, min(2000, round(seconds / max(single.values()))))
    samples: dict[str, list[float]] = {name: [] for name in runners}
    alone_samples: dict[str, list[float]] = {}
    names = list(runners)
    for r in range(repeats):
        for name in names if r % 2 == 0 else names[::-1]:
            samples[name].append(sample(runners[name], k, cool_down))
        if alone is not None:
            for name, seconds_per_step in alone(k).items():
                alone_samples.setdefault(name, []).append(seconds_per_step)
    return k, samples, alone_samples


def time_net(net: w.Net, dtype: str, args: argparse.Namespace) -> dict[str, Any]:
    p = w.problem(net, dtype)
    runners = {name: make(p) for name, make in w.RUNNERS.items()}
    with nullcontext() if args.no_alone else Alone(net, dtype, ALONE, args) as alone:
        k, samples, alone_samples = interleaved(
            runners,
            repeats=args.repeats,
            seconds=args.seconds,
            cool_down=args.cool_down,
            alone=alone,
        )
    med = {name: statistics.median(times) for name, times in samples.items()}
    alone_med = {name: statistics.median(times) for name, times in alone_samples.items()}
    judged = judged_medians(med, alone_med)
    flops = w.gemm_flops(net)
    return {
        "net": net.name,
        "dims": list(net.dims),
        "m": net.m,
        "gemm_bound": net.gemm_bound,
        "dtype": dtype,
        "steps_per_sample": k,
        "median_s": med,
        "samples_s": samples,
        "cool_down_s": args.cool_down,
        "alone_median_s": alone_med,
        "alone_samples_s": alone_samples,
        "side_by_side_over_alone": {r: med[r] / alone_med[r] for r in alone_med},
        "judged_s": judged,
        "gflops": flops / med["gemm"] / 1e9,
        "gflops_dX": w.gemm_flops(net, input_grad=True) / med["gemm_dX"] / 1e9,
        "ratios": {
            "train": judged["ours"] / judged["torch"],
            "course": judged["course"] / judged["torch_dX"],
            "step_over_gemm": med["ours"] / med["gemm"],
        },
    }


def judged_medians(med: dict[str, float], alone: dict[str, float]) -> dict[str, float]:
    """The figure each goal takes: torch's faster median of the two, ours' slower one (a runner
    not timed alone keeps its side-by-side median)."""
    return {name: (min if name in PEERS else max)(t, alone.get(name, t)) for name, t in med.items()}


def scaling(args: argparse.Namespace) -> list[dict[str, Any]]:
    """Step time of ours and torch (float64) against m, and against the hidden width."""
    cat4 = next(net for net in w.NETS if net.name == "cat-4")
    series = [("m", m, replace(cat4, name=f"cat-4 m={m}", m=m)) for m in M_SERIES]
    series += [("width", n, w.Net(f"width {n}", (1024, n, n, n, 1), 1024)) for n in WIDTH_SERIES]
    out = []
    for axis, value, net in series:
        p = w.problem(net, "float64")
        runners = {"ours": w.ours_train(p), "torch": w.torch_train(p)}
        _, samples, _ = interleaved(
            runners,
            repeats=max(3, args.repeats // 2),
            seconds=args.seconds,
            cool_down=args.cool_down,
        )
        med = {name: statistics.median(times) for name, times in samples.items()}
        out.append(
            {"axis": axis, "value": value, "dims": list(net.dims), "m": net.m, "median_s": med}
        )
        _say(f"  {axis} = {value:5d}: ours {ms(med['ours'])}  torch {ms(med['torch'])}")
    return out


def memory(net: w.Net) -> dict[str, Any]:
    """Peak traced allocation of ``train`` after 3 and after 30 iterations, float64 and float32.

    The costs array grows by 8 bytes an iteration by design; anything else would be a leak.
    float32 training that allocated only float32 peaks at half the float64 figure.
    """
    peaks: dict[str, dict[int, int]] = {}
    for dtype in ("float64", "float32"):
        p = w.problem(net, dtype)
        peaks[dtype] = {}
        for n in (3, 30):
            tracemalloc.start()
            w.ours_train(p)(n)
            peaks[dtype][n] = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    growth = {dtype: by_n[30] - by_n[3] - 27 * 8 for dtype, by_n in peaks.items()}
    return {
        "net": net.name,
        "dims": net.label,
        "peak_bytes": {dtype: by_n[30] for dtype, by_n in peaks.items()},
        "growth_bytes_27_iterations": growth,
        "float32_over_float64": peaks["float32"][30] / peaks["float64"][30],
    }


def judge(rows: Sequence[dict[str, Any]], mem: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every goal of the issue, for every row it applies to: the figure, the limit, met or not."""
    verdicts = []
    for kind, ratio, limit, nets in GOALS:
        for row in rows:
            if row["net"] not in nets:
                continue
            key = "step_over_gemm" if ratio.startswith("step") else kind
            value = row["ratios"][key]
            verdicts.append(
                {
                    "goal": f"{kind} step {ratio} <= {limit}",
                    "net": row["net"],
                    "dtype": row["dtype"],
                    "value": value,
                    "limit": limit,
                    "met": bool(value <= limit),
                }
            )
    for row in rows:
        for runner, ratio_alone in row.get("side_by_side_over_alone", {}).items():
            # torch must not run slower side by side than alone, nor ours faster
            peer = runner in PEERS
            limit = 1 + ALONE_TOLERANCE if peer else 1 - ALONE_TOLERANCE
            verdicts.append(
                {
                    "goal": f"{runner} side by side / alone {'<=' if peer else '>='} {limit:g}",
                    "runner": runner,
                    "net": row["net"],
                    "dtype": row["dtype"],
                    "value": ratio_alone,
                    "limit": limit,
                    "met": bool(ratio_alone <= limit if peer else ratio_alone >= limit),
                }
            )
    if mem is not None:
        for dtype, grown in mem["growth_bytes_27_iterations"].items():
            verdicts.append(
                {
                    "goal": "no memory growth across iterations (bytes)",
                    "net": mem["net"],
                    "dtype": dtype,
                    "value": grown,
                    "limit": 0,
                    "met": bool(grown <= 0),
                }
            )
        verdicts.append(
            {
                "goal": "float32 peak / float64 peak (float32 only: 0.5)",
                "net": mem["net"],
                "dtype": "float32",
                "value": mem["float32_over_float64"],
                "limit": 0.55,
                "met": bool(mem["float32_over_float64"] <= 0.55),
            }
        )
    return verdicts


def environment() -> dict[str, Any]:
    import torch
    from threadpoolctl import threadpool_info

    blas = [
        f"{info.get('internal_api')} {info.get('version')} ({info.get('num_threads')} threads)"
        for info in threadpool_info()
        if info.get("user_api") == "blas"
    ]
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "torch": torch.__version__,
        "numpy_blas": blas,
        "torch_blas": "MKL" if torch.backends.mkl.is_available() else "other",
        "threads": torch.get_num_threads(),
        "cpu_count": os.cpu_count(),
        "platform": platform.platform(),
        "date": time.strftime("%Y-%m-%d %H:%M:%S %Z"),
    }


def main(args: argparse.Namespace) -> int:
    # Default threads unless asked: the peer runs as a user runs it (torch: one per core).
    restore = set_threads(args.threads) if args.threads else None
    nets = [net for net in w.NETS if not args.only or net.name in args.only]
    dtypes = args.dtype or ["float64", "float32"]
    env = environment()
    env["allocator"] = steady_allocator()  # this process only: see its docstring
    _say(
        f"bench: numpy {env['numpy']} ({', '.join(env['numpy_blas'])}), torch {env['torch']} "
        f"({env['torch_blas']}, {env['threads']} threads); medians of {args.repeats} samples, "
        f"a {args.cool_down:g} s pause before each; allocator: {env['allocator']}"
    )
    started = time.perf_counter()
    rows = []
    for net in nets:
        for dtype in dtypes:
            row = time_net(net, dtype, args)
            rows.append(row)
            med, alone = row["median_s"], row["alone_median_s"]
            _say(
                f"  {net.name:7s} {dtype}: ours {ms(med['ours'])}  torch {ms(med['torch'])}  "
                f"ratio {row['ratios']['train']:.2f}"
                + (f"  (torch alone {ms(alone['torch'])})" if alone else "")
            )
    curves = [] if args.no_scaling else scaling(args)
    mem = memory(next((net for net in nets if net.name == "cat-4"), nets[0]))
    verdicts = judge(rows, mem)
    if restore is not None:
        restore()
    result = {
        "environment": env,
        "repeats": args.repeats,
        "seconds": time.perf_counter() - started,
        "rows": rows,
        "scaling": curves,
        "memory": mem,
        "goals": verdicts,
    }
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / BENCH_FILE).write_text(json.dumps(result, indent=1))
    print(format_tables(result))
    _say(f"bench: wrote {args.out / BENCH_FILE} in {result['seconds']:.0f} s")
    missed = [v for v in verdicts if not v["met"]]
    return 1 if args.check and missed else 0


def _say(message: str, out: Callable[[str], Any] = sys.stderr.write) -> None:
    out(message + "\n")
    sys.stderr.flush()
