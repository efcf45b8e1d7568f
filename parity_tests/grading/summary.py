"""The class summary: ``summary.csv`` (a row per submission, a column per function) and
``summary.html`` (the distribution of scores and the misconceptions counted across the class).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from parity_tests.grading.grade import Graded
from parity_tests.grading.rubric import Rubric


def tally(graded: Sequence[Graded]) -> list[dict[str, Any]]:
    """Each diagnosis with the submissions (and functions) it names, the most common first."""
    seen: dict[str, dict[str, list[str]]] = {}
    for g in graded:
        for s in g.scores:
            for label in s.diagnoses:
                seen.setdefault(label, {}).setdefault(g.name, []).append(s.item.function)
    rows = [
        {"diagnosis": label, "count": len(by), "of": len(graded), "submissions": by}
        for label, by in seen.items()
    ]
    return sorted(rows, key=lambda r: (-r["count"], r["diagnosis"]))


def write_csv(graded: Sequence[Graded], rubric: Rubric, path: Path) -> None:
    functions = [item.function for item in rubric.items]
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["submission", "score", "max_score", "complete", *functions])
        for g in graded:
            by = {s.item.function: s.score for s in g.scores}
            row = [g.name, round(g.score, 4), rubric.max_score, g.complete]
            writer.writerow(row + [round(by.get(fn, 0.0), 4) for fn in functions])


def write(graded: Sequence[Graded], rubric: Rubric, out: Path) -> None:
    """summary.csv and summary.html under ``out``."""
    import jinja2

    from parity_tests.report import plots

    write_csv(graded, rubric, out / "summary.csv")
    scores = [g.score for g in graded]
    figure = plots.score_distribution(scores, rubric.max_score) if scores else None
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("parity_tests.grading", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
    )
    functions = [item for item in rubric.items]
    per_function = []
    for item in functions:
        got = [s.score for g in graded for s in g.scores if s.item.function == item.function]
        full = sum(1 for v in got if v >= item.points - 1e-9)
        per_function.append({"item": item, "mean": sum(got) / max(1, len(got)), "full": full})
    html = env.get_template("summary.html").render(
        graded=graded,
        rubric=rubric,
        tally=tally(graded),
        figure=figure,
        per_function=per_function,
    )
    (out / "summary.html").write_text(html, encoding="utf-8")
