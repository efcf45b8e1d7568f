"""The rubric: points per graded course function, and the cases whose details stay hidden.

A TOML file with one table, ``[functions]``, mapping ``"scope.name"`` to ``{ points = 2,
hidden = ["case id", ...] }``; the default (``default_rubric.toml``) covers every graded function
of the course. A function's points are shared by its cases: every registry row that tests it.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from parity_tests import versions

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@dataclass(frozen=True)
class Item:
    """One graded function."""

    function: str  # "deep.L_model_backward"
    points: float
    hidden: frozenset[str] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Rubric:
    items: tuple[Item, ...]
    source: str

    @property
    def max_score(self) -> float:
        return sum(item.points for item in self.items)


class RubricError(ValueError):
    """A rubric that cannot be used, with the file and the entry at fault."""


def load_rubric(path: Path | None = None) -> Rubric:
    """The rubric at ``path``, or the default one."""
    if path is None:
        text = resources.files("parity_tests.grading").joinpath("default_rubric.toml").read_text()
        source = "the default rubric"
    else:
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise RubricError(f"rubric {path}: {exc.strerror}") from exc
        source = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RubricError(f"rubric {source}: {exc}") from exc
    table = data.get("functions")
    if not isinstance(table, dict) or not table:
        raise RubricError(f"rubric {source}: needs a [functions] table of 'scope.name' entries")
    from parity_tests.registry import BY_ID

    items = []
    for name, entry in table.items():
        if name not in versions.BY_NAME:
            raise RubricError(f"rubric {source}: {name!r} is not a graded course function")
        if not isinstance(entry, dict) or not isinstance(entry.get("points"), (int, float)):
            raise RubricError(f"rubric {source}: {name} needs points = <number>")
        hidden = entry.get("hidden", [])
        unknown = [h for h in hidden if h not in BY_ID]
        if unknown:
            raise RubricError(f"rubric {source}: {name}: no case {unknown[0]!r} to hide")
        items.append(Item(name, float(entry["points"]), frozenset(hidden)))
    return Rubric(tuple(items), source)
