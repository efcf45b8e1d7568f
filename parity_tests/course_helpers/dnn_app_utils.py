"""Stand-in for the course's ``dnn_app_utils_v2`` / ``dnn_app_utils_v3``.

Only the activation helpers (as in `dnn_utils`) are real. Every other name (``load_data``,
``L_model_forward``, ``predict``, ...) is an `Unavailable`: importing it works, calling it raises
`NotProvidedError`. ``from dnn_app_utils_v3 import *`` gives the four helpers only.
"""

from __future__ import annotations

from parity_tests.course_helpers._unavailable import Unavailable, course_name
from parity_tests.course_helpers.dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward

__all__ = ["relu", "relu_backward", "sigmoid", "sigmoid_backward"]


def __getattr__(name: str) -> Unavailable:
    if name.startswith("__") and name.endswith("__"):
        raise AttributeError(name)
    module = course_name(__name__)
    return Unavailable(
        f"{module}.{name}",
        f"the grader's stand-in for the course's {module} provides only {', '.join(__all__)}",
    )
