"""``scratchnn-parity`` (also ``python -m parity_tests``): the parity suite's command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parity_tests.bench import add_command as add_bench
from parity_tests.report.cli import add_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scratchnn-parity", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gate = sub.add_parser("mutants", help="the mutation gate: every catalogued mutant must fail")
    gate.add_argument("--out", type=Path, default=None, help="keep results and mutants.json here")
    gate.add_argument("-n", "--workers", type=int, default=2)
    gate.add_argument("--profile", default="gate", help="hypothesis profile (default: gate)")
    gate.add_argument("--only", action="append", default=None, metavar="ID", help="one mutant")
    add_commands(sub)  # report, merge
    add_bench(sub)
    args = parser.parse_args(argv)
    if args.command == "mutants":
        from parity_tests.mutants import gate as gate_module

        return gate_module.run(args.out, args.workers, args.profile, args.only)
    if hasattr(args, "run"):
        return int(args.run(args))
    parser.error(f"unknown command {args.command}")  # pragma: no cover
    return 2


if __name__ == "__main__":
    sys.exit(main())
