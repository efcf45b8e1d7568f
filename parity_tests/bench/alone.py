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
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from contextlib import ExitStack
from types import TracebackType
from typing import IO, TYPE_CHECKING, cast

if TYPE_CHECKING:
    from parity_tests.bench.workloads import Net


class Alone:
    """One process of its own per runner (this module's :func:`main`), on default threads.

    Calling it with k takes one sample of each (:func:`~parity_tests.bench.sampling.sample`: the
    same pause and untimed step as side by side, in that process) while this one waits, blocked
    on the answer: nothing else runs.
    A context manager: leaving it stops the processes.
    """

    def __init__(self, net: Net, dtype: str, names: Sequence[str], args: argparse.Namespace):
        self.net, self.dtype, self.names, self.args = net, dtype, list(names), args
        self.processes: dict[str, subprocess.Popen[str]] = {}
        self.cool_down = args.cool_down
        self.stack = ExitStack()
        # their stderr: a file, which no child can fill up (a pipe blocks it when full)
        self.errors, self.errors_path = tempfile.mkstemp(prefix="bench-alone-", suffix=".txt")
        self.stack.callback(os.unlink, self.errors_path)
        self.stack.callback(os.close, self.errors)

    def __enter__(self) -> Alone:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        for process in self.processes.values():
            process.communicate()  # closes its input: it stops
        self.stack.close()

    def __call__(self, k: int) -> dict[str, float]:
        if not self.processes:
            for name in self.names:  # one at a time: each one's set-up and warm-up alone too
                self.processes[name] = self._start(name, k)
        out = {}
        for name, process in self.processes.items():
            stdin = cast("IO[str]", process.stdin)  # a pipe: Popen(stdin=PIPE)
            stdin.write("sample\n")
            stdin.flush()
            out[name] = float(self._line(name, process))
        return out

    def _start(self, name: str, k: int) -> subprocess.Popen[str]:
        command = [sys.executable, "-m", "parity_tests.bench.alone", self.net.name, self.dtype]
        command += [name, str(k), "--cool-down", str(self.cool_down)]
        if self.args.threads:
            command += ["--threads", str(self.args.threads)]
        process = subprocess.Popen(
            command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self.errors,
            text=True,
        )
        if self._line(name, process) != "ready":
            raise RuntimeError(f"timing {name} alone: the process did not start")
        return process

    def _line(self, name: str, process: subprocess.Popen[str]) -> str:
        line = cast("IO[str]", process.stdout).readline().strip()
        if not line:
            process.kill()
            process.communicate()
            with open(self.errors_path, encoding="utf-8", errors="replace") as errors:
                raise RuntimeError(f"timing {name} alone failed:\n{errors.read()}")
        return line


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
    from parity_tests.bench.sampling import sample, set_threads

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
