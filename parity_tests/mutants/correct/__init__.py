"""An independent, correct, plain-NumPy implementation of the course-1 API.

Three self-contained modules (each imports only NumPy): ``logistic`` (week 2), ``shallow``
(week 3) and ``deep`` (week 4). The mutant catalogue (``parity_tests.mutants.catalogue``) derives
each faulty implementation from one of these sources by a single textual replacement.
"""

from . import deep, logistic, shallow

__all__ = ["deep", "logistic", "shallow"]
