"""Faulty implementations of the course API, each one small source change to a correct one.

A mutant replaces the snippet ``old`` (which must occur exactly once in the source of
``parity_tests/mutants/correct/<module>.py``) by ``new``. ``erratum`` is the number of the classic
slip in :data:`ERRATA` (mistakes that circulate in learners' notes on the course) the mutant
reproduces, if any. The parity suite must catch every mutant: a mutant it lets through marks a
property the suite does not check.

The same faults are also applied to the other correct implementations, the *bases* (``BASES``):
``correct`` (the default, the fields ``module``, ``old``, ``new``) and one learner-style package
per course-version family, ``course_v1`` (2017), ``course_v5`` (2018-2020) and ``course_2021``.
``Mutant.on`` gives, for each family base, the same fault in that base's own wording, a
:class:`Site` (the snippet to replace and the module file it lives in, when that is not
``Mutant.module``: the course's ReLU and sigmoid derivatives are the staff's ``dnn_utils`` files),
or :class:`NotApplicable` with the reason the fault cannot exist in that base's code. A fault in
code that the application's helper file repeats (``linear_backward`` is in ``deep.py`` and in
``dnn_app_utils_v3.py``) is applied to the step-by-step ``deep.py``, where the suite looks first.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

#: The correct implementations a mutant applies to: the packages ``parity_tests.mutants.<base>``.
BASES: tuple[str, ...] = ("correct", "course_v1", "course_v5", "course_2021")
DEFAULT_BASE = "correct"
#: The learner-style bases, one per course-version family: each mutant says what it is on each.
FAMILY_BASES: tuple[str, ...] = tuple(b for b in BASES if b != DEFAULT_BASE)

#: Classic slips in notes on the course, each a bug a learner can copy (``Mutant.erratum``).
ERRATA: Mapping[int, str] = {
    1: "dW[1] and db[1] scaled by 1/n (the layer width) instead of 1/m (the number of examples)",
    2: "dZ[1] multiplied by the output layer's derivative g[2]' instead of the hidden one's g[1]'",
    3: "b[l] and db[l] shaped (n[l], m) instead of (n[l], 1), broadcast over the examples",
    4: "dA[L] summed over the examples instead of kept elementwise, one column per example",
    5: "the logistic dz written as a(1 - a) instead of a - y",
    6: "an elementwise * where a matrix product is meant (w.T * X, X * dZ.T)",
    7: "np.random.rand((n, m)) for randn(n, m): a tuple for dimensions, and a uniform draw",
    8: "1/m on a per-example derivative (dA, dZ), or none on a gradient of the mean cost (dW, db)",
    9: "ReLU'(0) taken as 1 (the z > 0 side) where the course's code and PyTorch use 0",
}


@dataclass(frozen=True)
class Site:
    """A mutant on one base: ``old`` (exactly once in the module's source) becomes ``new``."""

    old: str
    new: str
    module: str | None = None  # the base's module file (no .py); None: the mutant's module


@dataclass(frozen=True)
class NotApplicable:
    """A mutant whose fault cannot exist in a base's code, and why (one line)."""

    reason: str


@dataclass(frozen=True)
class Mutant:
    """One faulty variant of a correct module."""

    id: str
    module: str  # "logistic" | "shallow" | "deep"
    old: str  # exact source snippet replaced (occurs exactly once in that module's source)
    new: str
    fault: str  # what is wrong and what it breaks, for a learner
    erratum: int | None = None  # the key of the classic slip in ERRATA it reproduces, if any
    #: the same fault on each family base (see the module docstring)
    on: Mapping[str, Site | NotApplicable] = field(default_factory=dict, hash=False)

    def site(self, base: str = DEFAULT_BASE) -> Site | NotApplicable:
        """The mutant on ``base``: a Site with its module filled in, or NotApplicable."""
        if base == DEFAULT_BASE:
            return Site(self.old, self.new, self.module)
        if base not in self.on:
            raise KeyError(f"mutant {self.id!r} says nothing about base {base!r}")
        entry = self.on[base]
        if isinstance(entry, Site) and entry.module is None:
            return Site(entry.old, entry.new, self.module)
        return entry

    def applies_to(self, base: str) -> bool:
        """Whether the fault exists on ``base`` (a base the mutant does not name: no)."""
        return base == DEFAULT_BASE or isinstance(self.on.get(base), Site)


def _everywhere(old: str, new: str, module: str | None = None) -> dict[str, Site]:
    """The same snippet on every family base (their code reads the same there)."""
    return {base: Site(old, new, module) for base in FAMILY_BASES}


def _nowhere(reason: str) -> dict[str, NotApplicable]:
    return {base: NotApplicable(reason) for base in FAMILY_BASES}


# the staff's activation helpers the step-by-step deep.py imports its derivatives from
_DNN_UTILS = {"course_v1": "dnn_utils_v2", "course_v5": "dnn_utils_v2", "course_2021": "dnn_utils"}


def _in_dnn_utils(old: str, new: str) -> dict[str, Site]:
    return {base: Site(old, new, module) for base, module in _DNN_UTILS.items()}


_SHALLOW_DZ1 = "dZ1 = (W2.T @ dZ2) * (1 - A1**2)"
_DRAW = "return rng.standard_normal((rows, cols))\n    return rng.randn(rows, cols)"
_DRAW_UNIFORM = "return rng.random((rows, cols))\n    return rng.rand(rows, cols)"
_DAL = "dAL = -(Y / AL - (1 - Y) / (1 - AL))"
_W_UPDATE = 'new_parameters["W" + k] = parameters["W" + k] - learning_rate * grads["dW" + k]'
_B_UPDATE = 'new_parameters["b" + k] = parameters["b" + k] - learning_rate * grads["db" + k]'

# the family bases' wording, where course_v5 and course_2021 read the same
_DZ_V5 = Site(
    "dw = (1 / m) * np.dot(X, (A - Y).T)\n    db = (1 / m) * np.sum(A - Y)",
    "dw = (1 / m) * np.dot(X, (A * (1 - A)).T)\n    db = (1 / m) * np.sum(A * (1 - A))",
)
_DW_ELEMENTWISE_V5 = Site("dw = (1 / m) * np.dot(X, (A - Y).T)", "dw = (1 / m) * (X * (A - Y).T)")
_LOGS_SWAPPED = Site(
    "Y * np.log(A) + (1 - Y) * np.log(1 - A)", "Y * np.log(1 - A) + (1 - Y) * np.log(A)"
)
_DW1_OVER_N_X_V5 = Site(
    "dW1 = (1 / m) * np.dot(dZ1, X.T)\n    db1 = (1 / m) * np.sum(dZ1, axis=1, keepdims=True)",
    "dW1 = (1 / X.shape[0]) * np.dot(dZ1, X.T)\n"
    "    db1 = (1 / X.shape[0]) * np.sum(dZ1, axis=1, keepdims=True)",
)
_DZ1_V5 = "dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(A1, 2))"
_LAYER1_SIGMOID_V5 = Site(
    _DZ1_V5,
    'dZ1 = np.multiply(np.dot(W2.T, dZ2), sigmoid(cache["Z1"]) * (1 - sigmoid(cache["Z1"])))',
)
_TANH_FROM_Z_V5 = Site(
    _DZ1_V5, 'dZ1 = np.multiply(np.dot(W2.T, dZ2), 1 - np.power(cache["Z1"], 2))'
)
_MISSING_W2T_V5 = Site(_DZ1_V5, "dZ1 = np.multiply(dZ2, 1 - np.power(A1, 2))")
_RANDN_2_LAYER = (
    "W1 = np.random.randn(n_h, n_x) * 0.01\n"
    "    b1 = np.zeros((n_h, 1))\n"
    "    W2 = np.random.randn(n_y, n_h) * 0.01"
)
_RANDN_DEEP = 'parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01'
_COURSE_DAL = "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))"
_DAL_ONE_OVER_M_V5 = Site(
    _COURSE_DAL, "dAL = -(1 / m) * (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))"
)
_HIDDEN_SIGMOID_V5 = Site(
    'grads["dA" + str(l + 1)], current_cache, activation="relu"',
    'grads["dA" + str(l + 1)], current_cache, activation="sigmoid"',
)
_COURSE_W_UPDATE = 'parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]'
_COURSE_B_UPDATE = 'parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]'

MUTANTS: tuple[Mutant, ...] = (
    # --- week 2: logistic regression ---------------------------------------------------------
    Mutant(
        "logistic_dz_sigmoid_derivative",
        "logistic",
        "dZ = A - Y  # (1, m)",
        "dZ = A * (1 - A)  # (1, m)",
        "dz is written as the sigmoid's derivative a(1-a) instead of a - y, so the gradient "
        "ignores the labels and training does not fit Y.",
        erratum=5,
        on={
            "course_v1": Site(
                "dw = 1.0 / m * np.dot(X, (A - Y).T)\n    db = 1.0 / m * np.sum(A - Y)",
                "dw = 1.0 / m * np.dot(X, (A * (1 - A)).T)\n    db = 1.0 / m * np.sum(A * (1 - A))",
            ),
            "course_v5": _DZ_V5,
            "course_2021": _DZ_V5,
        },
    ),
    Mutant(
        "logistic_forward_elementwise",
        "logistic",
        "A = sigmoid(w.T @ X + b)",
        "A = sigmoid(w.T * X + b)",
        "w.T * X multiplies elementwise where the product w.T X is meant: it crashes for most "
        "shapes, is silently right only for n_x = 1, and for n_x = m broadcasts to an (m, m) A.",
        erratum=6,
        on=_everywhere(
            "# forward pass: activations and cost\n    A = sigmoid(np.dot(w.T, X) + b)",
            "# forward pass: activations and cost\n    A = sigmoid(w.T * X + b)",
        ),
    ),
    Mutant(
        "logistic_dw_elementwise",
        "logistic",
        "dw = (X @ dZ.T) / m",
        "dw = (X * dZ.T) / m",
        "X * dZ.T multiplies elementwise where X dZ.T is meant: right only for m = 1, a crash "
        "for most shapes, and an (m, m) dw that silently reshapes w when n_x is 1 or m.",
        erratum=6,
        on={
            "course_v1": Site(
                "dw = 1.0 / m * np.dot(X, (A - Y).T)", "dw = 1.0 / m * (X * (A - Y).T)"
            ),
            "course_v5": _DW_ELEMENTWISE_V5,
            "course_2021": _DW_ELEMENTWISE_V5,
        },
    ),
    Mutant(
        "logistic_dw_no_mean",
        "logistic",
        "dw = (X @ dZ.T) / m",
        "dw = X @ dZ.T",
        "dw lacks the 1/m of the mean cost: it is m times too large, so the effective learning "
        "rate of w grows with the number of examples.",
        on={
            "course_v1": Site("dw = 1.0 / m * np.dot(X, (A - Y).T)", "dw = np.dot(X, (A - Y).T)"),
            "course_v5": Site("dw = (1 / m) * np.dot(X, (A - Y).T)", "dw = np.dot(X, (A - Y).T)"),
            "course_2021": Site("dw = (1 / m) * np.dot(X, (A - Y).T)", "dw = np.dot(X, (A - Y).T)"),
        },
    ),
    Mutant(
        "logistic_db_no_mean",
        "logistic",
        "db = float(np.sum(dZ) / m)",
        "db = float(np.sum(dZ))",
        "db sums over the examples without dividing by m: the bias moves m times too fast.",
        on={
            "course_v1": Site("db = 1.0 / m * np.sum(A - Y)", "db = np.sum(A - Y)"),
            "course_v5": Site("db = (1 / m) * np.sum(A - Y)", "db = np.sum(A - Y)"),
            "course_2021": Site("db = (1 / m) * np.sum(A - Y)", "db = np.sum(A - Y)"),
        },
    ),
    Mutant(
        "logistic_cost_logs_swapped",
        "logistic",
        "Y * log_a + (1 - Y) * log_one_minus_a",
        "Y * log_one_minus_a + (1 - Y) * log_a",
        "the cost pairs y with log(1 - a) and 1 - y with log(a): the reported cost rises as "
        "the model improves (the gradients are computed separately and stay right).",
        on={
            "course_v1": _LOGS_SWAPPED,
            "course_v5": Site(
                "np.multiply(Y, np.log(A)) + np.multiply(1 - Y, np.log(1 - A))",
                "np.multiply(Y, np.log(1 - A)) + np.multiply(1 - Y, np.log(A))",
            ),
            "course_2021": _LOGS_SWAPPED,
        },
    ),
    # --- week 3: shallow network ---------------------------------------------------------------
    Mutant(
        "shallow_dw1_over_n_x",
        "shallow",
        "dW1 = (dZ1 @ X.T) / m\n    db1 = np.sum(dZ1, axis=1, keepdims=True) / m",
        "dW1 = (dZ1 @ X.T) / X.shape[0]\n    db1 = np.sum(dZ1, axis=1, keepdims=True) / X.shape[0]",
        "dW1 and db1 are divided by n_x instead of m, so the first layer's gradient is m/n_x "
        "times too large (right only when n_x happens to equal m).",
        erratum=1,
        on={
            "course_v1": Site(
                "dW1 = 1.0 / m * np.dot(dZ1, X.T)\n"
                "    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)",
                "dW1 = 1.0 / X.shape[0] * np.dot(dZ1, X.T)\n"
                "    db1 = 1.0 / X.shape[0] * np.sum(dZ1, axis=1, keepdims=True)",
            ),
            "course_v5": _DW1_OVER_N_X_V5,
            "course_2021": _DW1_OVER_N_X_V5,
        },
    ),
    Mutant(
        "shallow_layer1_sigmoid_derivative",
        "shallow",
        _SHALLOW_DZ1,
        'dZ1 = (W2.T @ dZ2) * (sigmoid(cache["Z1"]) * (1 - sigmoid(cache["Z1"])))',
        "dZ1 uses g[2]' (the sigmoid's derivative) at Z1 instead of the hidden layer's own tanh' "
        "= 1 - A1**2: the hidden layer's gradient is wrong.",
        erratum=2,
        on={
            "course_v1": Site(
                "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
                'dZ1 = np.dot(W2.T, dZ2) * (sigmoid(cache["Z1"]) * (1 - sigmoid(cache["Z1"])))',
            ),
            "course_v5": _LAYER1_SIGMOID_V5,
            "course_2021": _LAYER1_SIGMOID_V5,
        },
    ),
    Mutant(
        "shallow_init_uniform_rand",
        "shallow",
        _DRAW,
        _DRAW_UNIFORM,
        "the weights are drawn with rand (uniform on [0, 1)) instead of randn (standard normal): "
        "all weights are positive and the initial parameters differ from the course's.",
        erratum=7,
        on=_everywhere(_RANDN_2_LAYER, _RANDN_2_LAYER.replace("randn", "rand")),
    ),
    Mutant(
        "shallow_tanh_derivative_from_z",
        "shallow",
        _SHALLOW_DZ1,
        'dZ1 = (W2.T @ dZ2) * (1 - cache["Z1"] ** 2)',
        "tanh' is computed as 1 - Z1**2 from the pre-activation instead of 1 - A1**2 from the "
        "activation: the hidden gradient is wrong, badly so for |Z1| near or above 1.",
        on={
            "course_v1": Site(
                "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
                'dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(cache["Z1"], 2))',
            ),
            "course_v5": _TANH_FROM_Z_V5,
            "course_2021": _TANH_FROM_Z_V5,
        },
    ),
    Mutant(
        "shallow_dz1_missing_w2t",
        "shallow",
        _SHALLOW_DZ1,
        "dZ1 = dZ2 * (1 - A1**2)",
        "dZ1 forgets W2.T: the (1, m) dZ2 silently broadcasts against the (n_h, m) tanh', so no "
        "shape error warns that every hidden unit gets the same, unweighted error signal.",
        on={
            "course_v1": Site(
                "dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))",
                "dZ1 = dZ2 * (1 - np.power(A1, 2))",
            ),
            "course_v5": _MISSING_W2T_V5,
            "course_2021": _MISSING_W2T_V5,
        },
    ),
    Mutant(
        "shallow_dw2_transposed",
        "shallow",
        "dW2 = (dZ2 @ A1.T) / m",
        "dW2 = (A1 @ dZ2.T) / m",
        "dW2 is computed transposed, (n_h, n_y) instead of (n_y, n_h): the update silently "
        "broadcasts W2 to (n_h, n_h) and the network's output gets n_h rows.",
        on={
            "course_v1": Site(
                "dW2 = 1.0 / m * np.dot(dZ2, A1.T)", "dW2 = 1.0 / m * np.dot(A1, dZ2.T)"
            ),
            "course_v5": Site(
                "dW2 = (1 / m) * np.dot(dZ2, A1.T)", "dW2 = (1 / m) * np.dot(A1, dZ2.T)"
            ),
            "course_2021": Site(
                "dW2 = (1 / m) * np.dot(dZ2, A1.T)", "dW2 = (1 / m) * np.dot(A1, dZ2.T)"
            ),
        },
    ),
    Mutant(
        "shallow_cost_summed",
        "shallow",
        "cost = -np.sum(logprobs) / m",
        "cost = -np.sum(logprobs)",
        "the cost is summed over the examples instead of averaged: it is m times the mean "
        "cross-entropy the gradients belong to.",
        on={
            "course_v1": Site("cost = -np.sum(logprobs) / m", "cost = -np.sum(logprobs)"),
            "course_v5": Site("cost = -np.sum(logprobs) / m", "cost = -np.sum(logprobs)"),
            "course_2021": Site("cost = (-1 / m) * np.sum(logprobs)", "cost = -np.sum(logprobs)"),
        },
    ),
    Mutant(
        "shallow_update_forgets_b1",
        "shallow",
        'b1 = parameters["b1"] - learning_rate * grads["db1"]',
        'b1 = parameters["b1"]',
        "the update forgets b1, which stays at zero forever: the hidden layer cannot shift its "
        "units and the trajectory differs from gradient descent's.",
        on=_everywhere("b1 = b1 - learning_rate * db1", "b1 = b1"),
    ),
    # --- week 4: deep network ------------------------------------------------------------------
    Mutant(
        "deep_db_per_example",
        "deep",
        "db = np.sum(dZ, axis=1, keepdims=True) / m",
        "db = dZ / m",
        "db is kept per example, shape (n_l, m), instead of summed over the examples: b silently "
        "grows to (n_l, m) at the first update and each example gets its own bias.",
        erratum=3,
        on={
            "course_v1": Site(
                "db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)", "db = 1.0 / m * dZ"
            ),
            "course_v5": Site(
                "db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)", "db = (1 / m) * dZ"
            ),
            "course_2021": Site(
                "db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)", "db = (1 / m) * dZ"
            ),
        },
    ),
    Mutant(
        "deep_db_no_keepdims",
        "deep",
        "db = np.sum(dZ, axis=1, keepdims=True) / m",
        "db = np.sum(dZ, axis=1) / m",
        "db is summed without keepdims, shape (n_l,) instead of (n_l, 1): b - lr * db silently "
        "broadcasts b to (n_l, n_l).",
        on={
            "course_v1": Site(
                "db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)",
                "db = 1.0 / m * np.sum(dZ, axis=1)",
            ),
            "course_v5": Site(
                "db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)",
                "db = (1 / m) * np.sum(dZ, axis=1)",
            ),
            "course_2021": Site(
                "db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)",
                "db = (1 / m) * np.sum(dZ, axis=1)",
            ),
        },
    ),
    Mutant(
        "deep_dw_no_mean",
        "deep",
        "dW = (dZ @ A_prev.T) / m",
        "dW = dZ @ A_prev.T",
        "dW lacks the 1/m of the mean cost: every weight gradient is m times too large.",
        on={
            "course_v1": Site("dW = 1.0 / m * np.dot(dZ, A_prev.T)", "dW = np.dot(dZ, A_prev.T)"),
            "course_v5": Site("dW = (1 / m) * np.dot(dZ, A_prev.T)", "dW = np.dot(dZ, A_prev.T)"),
            "course_2021": Site("dW = (1 / m) * np.dot(dZ, A_prev.T)", "dW = np.dot(dZ, A_prev.T)"),
        },
    ),
    Mutant(
        "deep_da_prev_elementwise",
        "deep",
        "dA_prev = W.T @ dZ",
        "dA_prev = W.T * dZ",
        "dA_prev multiplies elementwise where W.T dZ is meant: right by accident for a one-unit "
        "layer (the output), but wrong or a crash for hidden layers.",
        erratum=6,
        on=_everywhere("dA_prev = np.dot(W.T, dZ)", "dA_prev = W.T * dZ"),
    ),
    Mutant(
        "deep_da_prev_extra_one_over_m",
        "deep",
        "dA_prev = W.T @ dZ",
        "dA_prev = (W.T @ dZ) / m",
        "dA_prev gets a 1/m although it is a per-example derivative: every layer below shrinks "
        "its gradient by another factor m.",
        erratum=8,
        on={
            "course_v1": Site("dA_prev = np.dot(W.T, dZ)", "dA_prev = 1.0 / m * np.dot(W.T, dZ)"),
            "course_v5": Site("dA_prev = np.dot(W.T, dZ)", "dA_prev = (1 / m) * np.dot(W.T, dZ)"),
            "course_2021": Site("dA_prev = np.dot(W.T, dZ)", "dA_prev = (1 / m) * np.dot(W.T, dZ)"),
        },
    ),
    Mutant(
        "deep_dal_summed_over_examples",
        "deep",
        _DAL,
        "dAL = np.sum(-(Y / AL - (1 - Y) / (1 - AL)), axis=1, keepdims=True)",
        "dAL is summed over the examples instead of kept elementwise: a (1, 1) dAL silently "
        "broadcasts and every example receives the same total error.",
        erratum=4,
        on=_everywhere(
            _COURSE_DAL,
            "dAL = np.sum(-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)), axis=1, keepdims=True)",
        ),
    ),
    Mutant(
        "deep_dal_extra_one_over_m",
        "deep",
        _DAL,
        "dAL = -(Y / AL - (1 - Y) / (1 - AL)) / AL.shape[1]",
        "dAL gets a 1/m although it is a per-example derivative (dW and db already have theirs): "
        "all gradients are m times too small.",
        erratum=8,
        on={
            "course_v1": Site(
                "dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
                "dAL = -1.0 / m * (np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))",
            ),
            "course_v5": _DAL_ONE_OVER_M_V5,
            "course_2021": _DAL_ONE_OVER_M_V5,
        },
    ),
    Mutant(
        "deep_relu_derivative_one_at_zero",
        "deep",
        "dZ[Z <= 0] = 0",
        "dZ[Z < 0] = 0",
        "ReLU'(0) is taken as 1 instead of 0 (the assignment's and torch's convention): units "
        "with Z exactly 0 (b = 0 and all inputs off, as on the cat data) pass gradient.",
        erratum=9,
        on=_in_dnn_utils("dZ[Z <= 0] = 0", "dZ[Z < 0] = 0"),
    ),
    Mutant(
        "deep_init_uniform_rand",
        "deep",
        _DRAW,
        _DRAW_UNIFORM,
        "the weights are drawn with rand (uniform on [0, 1)) instead of randn (standard normal): "
        "all weights are positive and the initial parameters differ from the course's.",
        erratum=7,
        on=_everywhere(_RANDN_DEEP, _RANDN_DEEP.replace("randn", "rand")),
    ),
    Mutant(
        "deep_float32_forward",
        "deep",
        "Z = W @ A + b",
        "Z = (W.astype(np.float32) @ A.astype(np.float32)) + b",
        "the linear step is computed in float32 inside a float64 implementation: results carry "
        "float32 rounding (~1e-7) that loose tolerances let through and long training amplifies.",
        on=_everywhere(
            "Z = np.dot(W, A) + b", "Z = np.dot(W.astype(np.float32), A.astype(np.float32)) + b"
        ),
    ),
    Mutant(
        "deep_sigmoid_backward_drops_da",
        "deep",
        "dZ = dA * s * (1 - s)",
        "dZ = s * (1 - s)",
        "the sigmoid's backward returns g'(Z) without multiplying by the incoming dA: the "
        "chain rule is broken and the gradient no longer depends on the labels.",
        on=_in_dnn_utils("dZ = dA * s * (1 - s)", "dZ = s * (1 - s)"),
    ),
    Mutant(
        "deep_sigmoid_derivative_one_plus_s",
        "deep",
        "dZ = dA * s * (1 - s)",
        "dZ = dA * s * (1 + s)",
        "the sigmoid's derivative is written s(1 + s) instead of s(1 - s): dZ[L] becomes "
        "(AL - Y)(1 + AL)/(1 - AL) instead of AL - Y, exploding as AL nears 1.",
        on=_in_dnn_utils("dZ = dA * s * (1 - s)", "dZ = dA * s * (1 + s)"),
    ),
    Mutant(
        "deep_last_layer_relu_backward",
        "deep",
        'linear_activation_backward(dAL, current_cache, "sigmoid")',
        'linear_activation_backward(dAL, current_cache, "relu")',
        "L_model_backward backpropagates the sigmoid output layer with ReLU's derivative: dZ[L] "
        "is dAL (or 0) instead of AL - Y.",
        on=_everywhere(
            'dAL, current_cache, activation="sigmoid"', 'dAL, current_cache, activation="relu"'
        ),
    ),
    Mutant(
        "deep_hidden_sigmoid_backward",
        "deep",
        'grads["dA" + str(l + 1)], current_cache, "relu"',
        'grads["dA" + str(l + 1)], current_cache, "sigmoid"',
        "the hidden ReLU layers are backpropagated with the sigmoid's derivative (another "
        "layer's activation): their gradients are wrong.",
        on={
            "course_v1": Site(
                'grads["dA" + str(l + 2)], current_cache, activation="relu"',
                'grads["dA" + str(l + 2)], current_cache, activation="sigmoid"',
            ),
            "course_v5": _HIDDEN_SIGMOID_V5,
            "course_2021": _HIDDEN_SIGMOID_V5,
        },
    ),
    Mutant(
        "deep_cost_summed",
        "deep",
        "cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a) / m",
        "cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a)",
        "the cost is summed over the examples instead of averaged: it is m times the mean "
        "cross-entropy the gradients belong to.",
        on={
            "course_v1": Site(
                "cost = -1.0 / m * (np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))",
                "cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T))",
            ),
            "course_v5": Site("cost = -(1 / m) * np.sum(logprobs)", "cost = -np.sum(logprobs)"),
            "course_2021": Site(
                "cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))",
                "cost = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))",
            ),
        },
    ),
    Mutant(
        "deep_update_plus_sign",
        "deep",
        _W_UPDATE,
        _W_UPDATE.replace("] - learning_rate", "] + learning_rate"),
        "the weights are updated with += (gradient ascent): the cost rises instead of falling.",
        on=_everywhere(
            _COURSE_W_UPDATE, _COURSE_W_UPDATE.replace("] - learning_rate", "] + learning_rate")
        ),
    ),
    Mutant(
        "deep_update_forgets_b",
        "deep",
        _B_UPDATE,
        'new_parameters["b" + k] = parameters["b" + k]',
        "the update forgets the biases, which stay at zero: the trajectory is not gradient "
        "descent's and units cannot shift their thresholds.",
        on=_everywhere(_COURSE_B_UPDATE, 'parameters["b" + str(l + 1)]'),
    ),
)

BY_ID: dict[str, Mutant] = {mutant.id: mutant for mutant in MUTANTS}
