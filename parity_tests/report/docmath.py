"""The math of the function a case compares: its docstring's ``.. math::`` block, as plain text.

The report shows it in a ``<pre>`` (no MathJax, nothing remote): :func:`pretty_math` turns
the simple LaTeX of our docstrings (fractions, sums, scripts, Greek) into readable Unicode text.
"""

from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from typing import Any


def lookup(scope: str, name: str) -> Any:
    """The function a row names: in scratchnn's core, scratchnn.course.<scope>, or the suite."""
    if scope == "suite":
        module = importlib.import_module("parity_tests.conventions")
    elif scope == "scratchnn":
        module = importlib.import_module("scratchnn")
    else:
        module = importlib.import_module(f"scratchnn.course.{scope}")
    return getattr(module, name, None)


#: Course names whose math lives in a core function of another name.
CORE_NAMES = {
    "L_model_forward": "model_forward",
    "L_model_backward": "model_backward",
    "L_layer_model": "train",
    "two_layer_model": "train",
    "nn_model": "train",
    "optimize": "train",
    "initialize_parameters_deep": "initialize_parameters",
}


def docstring_math(scope: str, name: str) -> tuple[str, str]:
    """(the ``.. math::`` block, the docstring's summary line) of ours.

    A course function that delegates to the core without its own math block shows the core
    function's (same name in :mod:`scratchnn`).
    """
    fn = lookup(scope, name)
    doc = inspect.getdoc(fn) or ""
    math = math_block(doc)
    if not math and scope != "scratchnn":
        core = lookup("scratchnn", CORE_NAMES.get(name, name))
        math = math_block(inspect.getdoc(core) or "")
    summary = doc.split("\n\n", 1)[0].replace("\n", " ").strip()
    return math, summary


def math_block(doc: str) -> str:
    """The text of the first ``.. math::`` directive: its first line and the indented ones after."""
    lines = doc.splitlines()
    for i, line in enumerate(lines):
        match = re.match(r"^(\s*)\.\. math::\s*(.*)$", line)
        if not match:
            continue
        indent = len(match.group(1))
        body = [match.group(2)] if match.group(2).strip() else []
        for more in lines[i + 1 :]:
            if more.strip() and len(more) - len(more.lstrip()) <= indent:
                break
            body.append(more)
        return textwrap.dedent("\n".join(body)).strip()
    return ""


_MACROS = {
    r"\alpha": "α", r"\sigma": "σ", r"\theta": "θ", r"\epsilon": "ε", r"\nabla": "∇",
    r"\odot": "⊙", r"\cdot": "·", r"\sim": "~", r"\in": "∈", r"\le": "≤", r"\ge": "≥",
    r"\prime": "′", r"\tanh": "tanh", r"\log": "log", r"\max": "max", r"\sqrt": "√",
    r"\mathcal{N}": "𝒩", r"\mathcal{L}": "ℒ", r"\mathbb{1}": "𝟙", r"\left": "", r"\right": "",
    r"\quad": "    ", r"\,": " ", r"\ ": " ", r"\{": "{", r"\}": "}", r"\_": "_",
    r"\lVert": "‖", r"\rVert": "‖",
}  # fmt: skip


def pretty_math(latex: str) -> str:
    """A plain-text rendering of simple LaTeX (fractions, sums, Greek): readable, not typeset."""
    text = latex.replace("\\\\", " ;  ")
    text = re.sub(r"\\$", "", text, flags=re.M)
    text = re.sub(r"\\sum_\{([^{}]*)\}\^\{?(\w+)\}?", r"Σ[\1..\2]", text)
    text = re.sub(r"\\sum_\{([^{}]*)\}", r"Σ[\1]", text)
    for _ in range(4):  # innermost braces first: scripts, then fractions
        text = re.sub(r"\^\{([^{}]*)\}", r"^\1", text)
        text = re.sub(r"_\{([^{}]*)\}", r"_\1", text)
        text = re.sub(r"\\[td]?frac\{([^{}]*)\}\{([^{}]*)\}", _fraction, text)
    text = text.replace(r"\sum", "Σ")
    text = re.sub(r"\\(?:text|mathrm)\{([^{}]*)\}", r"\1", text)
    text = re.sub(r"\\hat\{(\w)\}", "\\1\u0302", text)
    text = re.sub(r"\\begin\{cases\}(.*?)\\end\{cases\}", _cases, text, flags=re.S)
    for macro in sorted(_MACROS, key=len, reverse=True):
        text = text.replace(macro, _MACROS[macro])
    text = re.sub(r"[ \t]+", " ", text)
    return "\n".join(line.strip() for line in text.splitlines())


def _fraction(match: re.Match[str]) -> str:
    num, den = match.group(1).strip(), match.group(2).strip()

    def wrap(s: str) -> str:
        return s if re.fullmatch(r"[^\s+\-*/]+", s) else f"({s})"

    return f"{wrap(num)}/{wrap(den)} "


def _cases(match: re.Match[str]) -> str:
    parts = [p.replace("&", " if ").strip() for p in match.group(1).split(" ;  ")]
    return "{ " + "; ".join(p for p in parts if p) + " }"
