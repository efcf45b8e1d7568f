"""The course's graded API: names and signatures of course 1's notebooks, over scratchnn's core.

- :mod:`scratchnn.course.logistic`: week 2, logistic regression.
- :mod:`scratchnn.course.shallow`: week 3, one hidden tanh layer.
- :mod:`scratchnn.course.deep`: week 4, the L-layer network.

These modules are also the contract by which the parity suite tests any implementation
(``pytest parity_tests --impl MODULE``).
"""

from scratchnn.course import deep, logistic, shallow

__all__ = ["deep", "logistic", "shallow"]
