"""The known versions of the course's graded API, as data.

The course's notebooks changed between cohorts: a parameter added, a dict key renamed, a seed moved
from one function into its caller. Code that follows any of these versions is correct course code,
and the gate must pass it. This table says, function by function, which forms exist and whose they
are; :mod:`parity_tests.course_api` uses it to call a submission as the course calls it and to say
which version each of its functions follows.

Eras (the notebooks' own version suffixes differ by week, so the table names eras and suffixes):

- ``2017``: the first notebooks (step by step v1-v4, week 2-3 v1-v3, ``dnn_app_utils_v2``).
- ``2018``: the revisions of 2018-2020 (step by step v5-v8a, week 2 v4-v6a, week 3 v4-v6c,
  ``dnn_app_utils_v3`` from v8).
- ``2021``: the rewrite (W2A2, W3A1, W4A1, W4A2 with ``public_tests.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

ERAS = {
    "2017": "the 2017 notebooks (v1-v4)",
    "2018": "the 2018-2020 notebooks (v5-v8)",
    "2021": "the 2021+ rewrite",
}


@dataclass(frozen=True)
class Signature:
    """The parameters of one function in one version, in the course's order."""

    params: tuple[str, ...]
    required: int  # how many of them have no default
    versions: str  # whose signature this is, in words

    def describe(self, name: str) -> str:
        shown = [p if i < self.required else f"{p}=..." for i, p in enumerate(self.params)]
        return f"{name}({', '.join(shown)})"


@dataclass(frozen=True)
class Behaviour:
    """A way a version's function behaves that a caller can see (keys, returns, seeds, updates)."""

    key: str  # a short machine name, e.g. "keys dA1..dAL"
    label: str  # what a learner reads: "keys dA1..dAL (the course before v8)"


@dataclass(frozen=True)
class CourseFunction:
    """One graded function: its signatures by version and its version-dependent behaviours."""

    scope: str  # "logistic" | "shallow" | "deep"
    name: str
    signatures: tuple[Signature, ...]
    behaviours: tuple[Behaviour, ...] = ()
    seed: int | None = None  # np.random.seed(k) the course's own tests set before calling
    uses: tuple[str, ...] = ()  # the graded functions of its week it calls (in the course's code)

    @property
    def qualname(self) -> str:
        return f"{self.scope}.{self.name}"

    def behaviour(self, key: str) -> Behaviour:
        for b in self.behaviours:
            if b.key == key:
                return b
        raise KeyError(f"{self.qualname} has no behaviour {key!r}")


ALL = "every version"
BEFORE_2021 = "the course before 2021"
SINCE_2021 = "the 2021+ rewrite"


def _sig(*params: str, required: int | None = None, versions: str = ALL) -> Signature:
    return Signature(params, len(params) if required is None else required, versions)


PREDICTIONS = (
    Behaviour("booleans", "True/False predictions (as in week 3 of the 2021+ rewrite)"),
    Behaviour("integers", "0/1 integer predictions (a later copy of the helper file)"),
)

FUNCTIONS: tuple[CourseFunction, ...] = (
    # --- week 2: logistic regression ---------------------------------------------------------
    CourseFunction("logistic", "sigmoid", (_sig("z"),)),
    CourseFunction(
        "logistic",
        "initialize_with_zeros",
        (_sig("dim"),),
        (
            Behaviour("b int", f"b = 0, an int ({BEFORE_2021})"),
            Behaviour("b float", f"b = 0.0, a float ({SINCE_2021})"),
        ),
    ),
    CourseFunction("logistic", "propagate", (_sig("w", "b", "X", "Y"),)),
    CourseFunction(
        "logistic",
        "optimize",
        (
            _sig(
                "w",
                "b",
                "X",
                "Y",
                "num_iterations",
                "learning_rate",
                "print_cost",
                required=6,
                versions=BEFORE_2021,
            ),
            _sig(
                "w",
                "b",
                "X",
                "Y",
                "num_iterations",
                "learning_rate",
                "print_cost",
                required=4,
                versions=SINCE_2021,
            ),
        ),
    ),
    CourseFunction("logistic", "predict", (_sig("w", "b", "X"),), PREDICTIONS),
    CourseFunction(
        "logistic",
        "model",
        (
            _sig(
                "X_train",
                "Y_train",
                "X_test",
                "Y_test",
                "num_iterations",
                "learning_rate",
                "print_cost",
                required=4,
            ),
        ),
    ),
    # --- week 3: one hidden layer ------------------------------------------------------------
    CourseFunction("shallow", "layer_sizes", (_sig("X", "Y"),)),
    CourseFunction(
        "shallow",
        "initialize_parameters",
        (_sig("n_x", "n_h", "n_y"),),
        (
            Behaviour("seeds inside", f"np.random.seed(2) inside ({BEFORE_2021} and early 2021)"),
            Behaviour("caller seeds", f"no seed inside, the caller seeds ({SINCE_2021})"),
        ),
        seed=2,
    ),
    CourseFunction("shallow", "forward_propagation", (_sig("X", "parameters"),)),
    CourseFunction(
        "shallow",
        "compute_cost",
        (
            _sig("A2", "Y", "parameters", versions=BEFORE_2021),
            _sig("A2", "Y", versions=SINCE_2021),
        ),
    ),
    CourseFunction("shallow", "backward_propagation", (_sig("parameters", "cache", "X", "Y"),)),
    CourseFunction(
        "shallow",
        "update_parameters",
        (_sig("parameters", "grads", "learning_rate", required=2),),
        (
            Behaviour("copies", "returns a new dict"),
            Behaviour("in place", "updates the arrays in place"),
        ),
    ),
    CourseFunction(
        "shallow",
        "nn_model",
        (_sig("X", "Y", "n_h", "num_iterations", "print_cost", required=3),),
        (
            Behaviour(
                "init seed 2",
                f"initialized from seed 2: np.random.seed(3), then initialize_parameters "
                f"reseeds 2 ({BEFORE_2021} and early 2021)",
            ),
            Behaviour("init seed 3", f"initialized from seed 3, nn_model's own ({SINCE_2021})"),
        ),
        seed=3,
    ),
    CourseFunction(
        "shallow",
        "predict",
        (_sig("parameters", "X"),),
        PREDICTIONS,
    ),
    # --- week 4: the L-layer network -----------------------------------------------------------
    CourseFunction("deep", "initialize_parameters", (_sig("n_x", "n_h", "n_y"),), seed=1),
    CourseFunction(
        "deep",
        "initialize_parameters_deep",
        (_sig("layer_dims"),),
        (
            Behaviour(
                "step by step", "randn * 0.01 from seed 3 (the step-by-step notebook's version)"
            ),
            Behaviour(
                "application",
                "randn / sqrt(n_prev) from seed 1 (the application's dnn_app_utils version)",
            ),
        ),
        seed=3,
    ),
    CourseFunction("deep", "linear_forward", (_sig("A", "W", "b"),)),
    CourseFunction("deep", "linear_activation_forward", (_sig("A_prev", "W", "b", "activation"),)),
    CourseFunction("deep", "L_model_forward", (_sig("X", "parameters"),)),
    CourseFunction("deep", "compute_cost", (_sig("AL", "Y"),)),
    CourseFunction(
        "deep",
        "linear_backward",
        (_sig("dZ", "cache"),),
        (Behaviour("db float", "db a float for a one-unit layer (the 2017 notebook's assert)"),),
    ),
    CourseFunction("deep", "linear_activation_backward", (_sig("dA", "cache", "activation"),)),
    CourseFunction(
        "deep",
        "L_model_backward",
        (_sig("AL", "Y", "caches"),),
        (
            Behaviour("keys dA1..dAL", "keys dA1..dAL, shifted by one (the course before v8)"),
            Behaviour("keys dA0..", "keys dA0..dA{L-1} (v8 and the 2021+ rewrite)"),
        ),
    ),
    CourseFunction(
        "deep",
        "update_parameters",
        (
            _sig("parameters", "grads", "learning_rate", versions=BEFORE_2021),
            _sig("params", "grads", "learning_rate", versions=SINCE_2021),
        ),
        (
            Behaviour("in place", f"updates the passed dict in place ({BEFORE_2021})"),
            Behaviour("copies", f"returns an updated copy ({SINCE_2021})"),
        ),
    ),
    CourseFunction(
        "deep",
        "two_layer_model",
        (
            _sig(
                "X",
                "Y",
                "layers_dims",
                "learning_rate",
                "num_iterations",
                "print_cost",
                required=3,
            ),
        ),
        (
            Behaviour("parameters only", f"returns parameters only ({BEFORE_2021})"),
            Behaviour("with costs", f"returns (parameters, costs) ({SINCE_2021})"),
        ),
        seed=1,
    ),
    CourseFunction(
        "deep",
        "L_layer_model",
        (
            _sig(
                "X",
                "Y",
                "layers_dims",
                "learning_rate",
                "num_iterations",
                "print_cost",
                required=3,
            ),
        ),
        (
            Behaviour("parameters only", f"returns parameters only ({BEFORE_2021})"),
            Behaviour("with costs", f"returns (parameters, costs) ({SINCE_2021})"),
            Behaviour(
                "application init", "initialized as the application: seed 1, randn / sqrt(n_prev)"
            ),
            Behaviour(
                "step-by-step init",
                "initialized by the step-by-step notebook's initialize_parameters_deep "
                "(seed 3, randn * 0.01)",
            ),
        ),
        seed=1,
    ),
    CourseFunction("deep", "predict", (_sig("X", "y", "parameters"),), PREDICTIONS),
)

#: The graded functions each one calls, in the course's own code: a failure of one of these is
#: the cause of the caller's (a grader charges it once, to the helper).
USES = {
    "logistic.propagate": ("sigmoid",),
    "logistic.optimize": ("propagate",),
    "logistic.predict": ("sigmoid",),
    "logistic.model": ("initialize_with_zeros", "optimize", "predict"),
    "shallow.nn_model": (
        "layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost",
        "backward_propagation", "update_parameters",
    ),
    "shallow.predict": ("forward_propagation",),
    "deep.linear_activation_forward": ("linear_forward",),
    "deep.L_model_forward": ("linear_activation_forward",),
    "deep.linear_activation_backward": ("linear_backward",),
    "deep.L_model_backward": ("linear_activation_backward",),
    "deep.two_layer_model": (
        "initialize_parameters", "linear_activation_forward", "compute_cost",
        "linear_activation_backward", "update_parameters",
    ),
    "deep.L_layer_model": (
        "initialize_parameters_deep", "L_model_forward", "compute_cost", "L_model_backward",
        "update_parameters",
    ),
    "deep.predict": ("L_model_forward",),
}  # fmt: skip
FUNCTIONS = tuple(
    CourseFunction(f.scope, f.name, f.signatures, f.behaviours, f.seed, USES.get(f.qualname, ()))
    for f in FUNCTIONS
)

BY_NAME: dict[str, CourseFunction] = {f.qualname: f for f in FUNCTIONS}

#: The course's initializations, for naming the one a submission used: (seed, scheme) -> where.
INITIALIZATIONS = {
    (1, "scaled"): "seed 1, randn * 0.01 (week 4's initialize_parameters, two_layer_model)",
    (1, "sqrt_fan_in"): "seed 1, randn / sqrt(n_prev) (the week-4 application)",
    (2, "scaled"): "seed 2, randn * 0.01 (week 3 before 2021)",
    (3, "scaled"): "seed 3, randn * 0.01 (the 2021+ flower notebook; the step-by-step "
    "initialize_parameters_deep)",
    (3, "sqrt_fan_in"): "seed 3, randn / sqrt(n_prev) (no course version)",
    (2, "sqrt_fan_in"): "seed 2, randn / sqrt(n_prev) (no course version)",
}


def function(qualname: str) -> CourseFunction:
    """The table's entry for ``scope.name``; a KeyError names the known ones."""
    try:
        return BY_NAME[qualname]
    except KeyError:
        raise KeyError(f"{qualname} is not a course function; known: {sorted(BY_NAME)}") from None
