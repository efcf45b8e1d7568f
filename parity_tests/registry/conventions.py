"""Rows of the conventions family: where the course's formulas and PyTorch differ, with evidence.

Each is a known deviation: its samples are built to show the difference, and the row is a strict
xfail, so the day the two sides agree the suite says so.
"""

from __future__ import annotations

from functools import partial
from typing import Any

import numpy as np

from parity_tests import references as ref
from parity_tests.cases import row


def with_zeros(source: Any) -> dict[str, Any]:
    """dA and Z where Z has exact zeros (the kink) and dA is nonzero there."""
    n, m = source.integer(2, 6), source.integer(2, 6)
    Z = source.array((n, m), "normal")
    Z[0, :] = 0.0
    dA = source.array((n, m), "grad")
    dA[0, :] = 1.0 + np.abs(dA[0, :])
    return {"dA": dA, "Z": Z}


def saturated(source: Any) -> dict[str, Any]:
    """AL with exact 0s and 1s that are certain wrong predictions (Y the other label)."""
    m = source.integer(2, 6)
    Y = source.array((1, m), "labels")
    Y[0, 0], Y[0, 1] = 0.0, 1.0
    AL = source.array((1, m), "prob_open")
    AL[0, 0], AL[0, 1] = 1.0, 0.0  # sigmoid(z) is exactly 1.0 for z > 36.7 in float64
    return {"AL": AL, "Y": Y}


def very_negative(source: Any) -> dict[str, Any]:
    n, m = source.integer(1, 4), source.integer(1, 4)
    Z = source.array((n, m), "wide")
    Z[0, 0] = -800.0
    return {"Z": Z}


#: A row of evidence: a formula of the course's, shown on the samples built to tell it apart.
evidence = partial(row, "convention", search=False)

CASES = [
    evidence("suite.relu_backward_lecture", ref.act_backward("relu"), ("dZ",), with_zeros,
             id="convention.relu_prime_at_zero[lecture]",
             convention="The lecture: 'treat z = 0 as z > 0' (ReLU'(0) = 1). The course's code "
             "(dZ[Z <= 0] = 0), scratchnn's default and F.relu use 0.",
             known_deviation="ReLU'(0): 1 (lecture, relu_backward(at_zero=1.0)) vs 0 (torch). It "
             "matters on real data: Z is exactly 0 when b = 0 and every unit below is off. On the "
             "course's cat data the 4-layer model reaches cost 0.2544 at iteration 1000 with "
             "ReLU'(0) = 1 and 0.3152 with 0."),
    evidence("suite.leaky_relu_backward_lecture", ref.act_backward("leaky_relu"), ("dZ",),
             with_zeros, id="convention.leaky_relu_prime_at_zero[lecture]",
             convention="F.leaky_relu's gradient at 0 is negative_slope (0.01), scratchnn's "
             "default.",
             known_deviation="Leaky ReLU'(0): 1 (treating 0 as positive) vs the slope 0.01 "
             "(torch)."),
    evidence("suite.course_cost", ref.bce_cost, ("cost",), saturated,
             id="convention.cross_entropy_unclamped[course formula]",
             convention="scratchnn.compute_cost clamps each log at -100 as torch does.",
             known_deviation="The course's formula gives inf (and a divide-by-zero warning) for a "
             "certain wrong prediction, AL exactly 0 or 1 as a saturated sigmoid gives; "
             "F.binary_cross_entropy clamps log at -100 and gives 100 per such example."),
    evidence("suite.course_dAL", ref.bce_dAL, ("dAL",), saturated,
             id="convention.dAL_at_saturation[course formula]",
             convention="scratchnn.compute_cost_backward divides by max(a(1-a), 1e-12) as torch "
             "does.",
             known_deviation="-(Y/AL - (1-Y)/(1-AL)) divides by zero at AL = 0 or 1; torch's "
             "backward divides by max(a(1-a), 1e-12) and stays finite."),
    evidence("suite.naive_sigmoid", ref.act_forward("sigmoid"), ("A",), very_negative,
             id="convention.sigmoid_overflow[naive formula]",
             convention="scratchnn.sigmoid uses exp(-|z|), which never overflows.",
             known_deviation="1/(1 + exp(-z)) overflows in exp for z < -709 (a RuntimeWarning; the "
             "value still rounds to 0); torch.sigmoid gives 0 silently."),
]  # fmt: skip
