"""One runner timed alone: in a process of its own, on default threads, with nothing else running.

``python -m parity_tests.bench.alone NET DTYPE RUNNER K REPEATS [--threads N]`` builds RUNNER
(a name of :data:`parity_tests.bench.workloads.RUNNERS`) on the benchmark's problem for NET in
DTYPE, takes one warm-up step, then REPEATS samples of K steps back to back, and prints their
per-step times in seconds as a JSON list. The benchmark runs it for every row: each runner's
median side by side must match its median here, or the side-by-side figures are not its best.
"""

from __future__ import annotations

import argparse
import json
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m parity_tests.bench.alone")
    parser.add_argument("net")
    parser.add_argument("dtype", choices=("float64", "float32"))
    parser.add_argument("runner")
    parser.add_argument("k", type=int)
    parser.add_argument("repeats", type=int)
    parser.add_argument("--threads", type=int, default=None, help="default: each library's own")
    args = parser.parse_args(argv)

    from parity_tests.bench import workloads as w
    from parity_tests.bench.run import interleaved, set_threads

    restore = set_threads(args.threads) if args.threads else None
    net = next((net for net in w.NETS if net.name == args.net), None)
    if net is None or args.runner not in w.RUNNERS:
        parser.error(f"unknown net {args.net!r} or runner {args.runner!r}")
    run = w.RUNNERS[args.runner](w.problem(net, args.dtype))
    _, samples = interleaved(
        {args.runner: run}, repeats=args.repeats, seconds=0.0, cool_down=0.0, k=args.k
    )
    if restore is not None:
        restore()
    json.dump(samples[args.runner], sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
