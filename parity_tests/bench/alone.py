"""One runner timed alone: in a process of its own, on default threads, while nothing else runs.

``python -m parity_tests.bench.alone NET DTYPE RUNNER K [--cool-down S] [--threads N]`` builds
RUNNER (a name of :data:`parity_tests.bench.workloads.RUNNERS`) on the benchmark's problem for NET
in DTYPE, takes one warm-up step and prints ``ready``. Then, for every line ``sample`` it reads,
it takes one sample as the benchmark does side by side (a pause of S seconds, one untimed step, K
timed steps) and prints the per-step time in seconds; it stops at the end of its input. The
benchmark keeps one such process per runner and asks it for a sample between its own rounds of
side-by-side samples, waiting for the answer: both medians then meet the same drift of the
machine, and each runner's side-by-side median must match its median here.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parity_tests.bench.alone")
    parser.add_argument("net")
    parser.add_argument("dtype", choices=("float64", "float32"))
    parser.add_argument("runner")
    parser.add_argument("k", type=int)
    parser.add_argument("--cool-down", type=float, default=0.0, help="seconds of pause first")
    parser.add_argument("--threads", type=int, default=None, help="default: each library's own")
    args = parser.parse_args(argv)

    from parity_tests.bench import workloads as w
    from parity_tests.bench.run import sample, set_threads

    if args.threads:
        set_threads(args.threads)
    net = next((net for net in w.NETS if net.name == args.net), None)
    if net is None or args.runner not in w.RUNNERS:
        parser.error(f"unknown net {args.net!r} or runner {args.runner!r}")
    run = w.RUNNERS[args.runner](w.problem(net, args.dtype))
    run(1)  # warm-up: first-call costs, allocator, thread pools
    print("ready", flush=True)
    for line in sys.stdin:
        if line.strip() != "sample":
            parser.error(f"expected 'sample', got {line.strip()!r}")
        print(repr(sample(run, args.k, args.cool_down)), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
