"""``scratchnn-parity`` (also ``python -m parity_tests``): the parity suite's command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from parity_tests.bench import add_command as add_bench
from parity_tests.grading.cli import add_command as add_grade
from parity_tests.report.cli import add_commands


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="scratchnn-parity", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    gate = sub.add_parser("mutants", help="the mutation gate: every catalogued mutant must fail")
    gate.add_argument("--out", type=Path, default=None, help="keep results and mutants.json here")
    gate.add_argument("-n", "--workers", type=int, default=2)
    gate.add_argument("--profile", default="gate", help="hypothesis profile (default: gate)")
    gate.add_argument("--only", action="append", default=None, metavar="ID", help="one mutant")
    gate.add_argument(
        "--base",
        action="append",
        default=None,
        metavar="NAME",
        help="a correct implementation to mutate (repeatable; default: all, "
        "correct course_v1 course_v5 course_2021)",
    )
    add_commands(sub)  # report, merge
    add_bench(sub)
    add_grade(sub)
    args = parser.parse_args(argv)
    if args.command == "mutants":
        from parity_tests.mutants import gate as gate_module
        from parity_tests.mutants.catalogue import BASES, MUTANTS

        unknown = sorted(set(args.base or ()) - set(BASES))
        if unknown:
            parser.error(f"--base {unknown[0]}: not a base; choose from {', '.join(BASES)}")
        ids = {m.id for m in MUTANTS}
        strangers = sorted(set(args.only or ()) - ids)
        if strangers:
            parser.error(f"--only {strangers[0]}: no mutant has that id")
        return gate_module.run(args.out, args.workers, args.profile, args.only, args.base)
    if hasattr(args, "run"):
        return int(args.run(args))
    parser.error(f"unknown command {args.command}")  # pragma: no cover
    return 2


if __name__ == "__main__":
    sys.exit(main())
