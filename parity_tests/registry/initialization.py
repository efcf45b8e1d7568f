"""Rows of the initialization family: the course's seeded draws, the schemes' moments, symmetry."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import numpy as np

from parity_tests.cases import ParityCase, Tolerance, row
from parity_tests.course_api import CourseCall
from parity_tests.registry.training import call_train, course_init, initializations, ref_train

# --- initialization: moments, not elements (torch's RNG stream is another) ----------------------

SAMPLING = Tolerance(
    rtol=0.0,
    atol=0.03,
    why="a statistic of at least 20,000 draws: the sample mean's standard error is at most "
    "0.007 sigma and the sample std's 0.005 sigma, so 0.03 sigma is over 4 standard errors",
)
BIG = (200, 150, 120)  # every W has at least 18,000 entries


def moments(sigma: Callable[[int], float]) -> Callable[[Any, Mapping[str, Any]], Any]:
    """Call ours, then measure each W's mean and std in units of the scheme's sigma."""

    def call(fn: Any, kw: Mapping[str, Any]) -> dict[str, Any]:
        parameters = fn(**kw)
        return _measure(parameters, sigma)

    return call


def _measure(parameters: dict[str, Any], sigma: Callable[[int], float]) -> dict[str, Any]:
    out = {}
    for key, value in parameters.items():
        if key.startswith("W"):
            s = sigma(value.shape[1])
            out[key] = (float(value.mean()) / s, float(value.std()) / s, value.shape)
        else:
            out[key] = value
    return out


def expected_moments(dims: list[int]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for layer in range(1, len(dims)):
        out[f"W{layer}"] = (0.0, 1.0, (dims[layer], dims[layer - 1]))
        out[f"b{layer}"] = np.zeros((dims[layer], 1))
    return out


def ref_dims(**kw: Any) -> dict[str, Any]:
    return expected_moments(kw.get("layer_dims") or [kw["n_x"], kw["n_h"], kw["n_y"]])


# The course's initializations are numbers, not statistics: np.random.seed(k), then randn in
# layer order (NumPy's legacy generator, which torch does not have), b zeros.
COURSE_INIT = "the course's initialization (np.random.seed(k); randn in layer order)"


def _three(source: Any) -> dict[str, Any]:
    return {"n_x": source.integer(1, 6), "n_h": source.integer(1, 6), "n_y": source.integer(1, 3)}


def _dims(source: Any) -> dict[str, Any]:
    return {"layer_dims": [source.integer(1, 6) for _ in range(source.integer(2, 5))]}


def ref_course_init(seed: int, scale: str) -> Callable[..., Any]:
    def reference(**kw: Any) -> dict[str, np.ndarray]:
        dims = kw.get("layer_dims") or [kw["n_x"], kw["n_h"], kw["n_y"]]
        return course_init(list(dims), np.random.RandomState(seed), scale)

    return reference


def _init_call(
    name: str, args: tuple[str, ...], accepted: dict[tuple[int, str], str]
) -> CourseCall:
    alternatives, diagnoses = initializations(ref_course_init, accepted)
    first = next(iter(accepted.values()))
    return CourseCall(
        name,
        args,
        reference_behaviour=first,
        alternatives=alternatives[1:],
        diagnoses=diagnoses,
    )


def course_init_rows() -> list[ParityCase]:
    three = ("n_x", "n_h", "n_y")
    specs = [
        ("shallow", "initialize_parameters", three, _three, {(2, "scaled"): ""}, "seed 2"),
        ("deep", "initialize_parameters", three, _three, {(1, "scaled"): ""}, "seed 1"),
        (
            "deep",
            "initialize_parameters_deep",
            ("layer_dims",),
            _dims,
            {(3, "scaled"): "step by step", (1, "sqrt_fan_in"): "application"},
            "seed 3 with randn * 0.01 (the step-by-step notebook), or seed 1 with "
            "randn / sqrt(n_prev) (the application's helper)",
        ),
    ]
    rows = [
        init(
            f"{scope}.{name}",
            ref_course_init(*next(iter(accepted))),
            ("parameters",),
            inputs,
            course=_init_call(f"{scope}.{name}", args, accepted),
            oracle=COURSE_INIT,
            convention=f"The course's numbers exactly: {where}, b zeros, drawn in layer order. "
            "The call is made after np.random.seed as the course's tests do, so a function that "
            "seeds inside and one whose caller seeds (2021+) give the same numbers.",
        )
        for scope, name, args, inputs, accepted, where in specs
    ]
    rows.append(
        init(
            "logistic.initialize_with_zeros",
            lambda dim: (np.zeros((dim, 1)), 0.0),
            ("w", "b"),
            lambda source: {"dim": source.integer(1, 8)},
            args=("dim",),
            oracle="zeros",
            convention="w zeros of shape (dim, 1) and b = 0 (an int before 2021, 0.0 since).",
        )
    )
    return rows  # fmt: skip


init = partial(row, "init")
#: scratchnn's own rows here are evidence on fixed draws, not searched.
evidence = partial(init, search=False)


def init_rows() -> list[ParityCase]:
    rows = course_init_rows()
    rows += [
        evidence("scratchnn.initialize_parameters", ref_dims, ("moments",), _core_init(scheme),
                 variant=scheme, call=moments(sigma), tol=SAMPLING,
                 convention=f"scheme={scheme!r}: mean 0 and std as its formula.")
        for scheme, sigma in (
            ("scaled", lambda n: 0.01),
            ("sqrt_fan_in", lambda n: 1 / np.sqrt(n)),
            ("he", lambda n: np.sqrt(2 / n)),
        )
    ]  # fmt: skip
    symmetry = partial(evidence, "scratchnn.train", ref_train, ("result",), call=call_train)
    rows += [
        symmetry(symmetric_net(zero=True), id="init.zero_weights_keep_symmetry",
                 check=_symmetric(expect=True),
                 convention="W = 0 makes every hidden unit compute the same thing: after "
                 "training, all rows of W1 are still equal, in scratchnn and in torch alike."),
        symmetry(symmetric_net(zero=False), id="init.random_weights_break_symmetry",
                 check=_symmetric(expect=False),
                 convention="Random W: the hidden units differ, in both frameworks."),
    ]  # fmt: skip
    return rows


def _core_init(scheme: str) -> Callable[[Any], dict[str, Any]]:
    return lambda source: {
        "layer_dims": list(BIG),
        "scheme": scheme,
        "rng": np.random.default_rng(source.integer(0, 2**31 - 1)),
    }


def symmetric_net(zero: bool) -> Callable[[Any], dict[str, Any]]:
    def inputs(source: Any) -> dict[str, Any]:
        m = source.integer(4, 8)
        X = source.array((3, m), "normal")
        rng = np.random.default_rng(source.integer(0, 2**31 - 1))
        W1 = np.zeros((4, 3)) if zero else rng.standard_normal((4, 3))
        W2 = np.zeros((1, 4)) if zero else rng.standard_normal((1, 4))
        parameters = {"W1": W1, "b1": np.zeros((4, 1)), "W2": W2, "b2": np.zeros((1, 1))}
        Y = np.tile([[0.0, 1.0]], (1, m))[:, :m]
        return {
            "X": X,
            "Y": Y,
            "parameters": parameters,
            "activations": ["tanh", "sigmoid"],
            "learning_rate": 0.5,
            "num_iterations": 30,
        }

    return inputs


def _symmetric(expect: bool) -> Callable[[Any, Any], None]:
    def check(ours: Any, reference: Any) -> None:
        for side, result in (("scratchnn", ours), ("torch", reference)):
            W1 = result["parameters"]["W1"]
            same = bool(np.all(W1 == W1[0]))
            assert same == expect, (
                f"{side}: rows of W1 {'differ' if expect else 'are all equal'} after training "
                f"(W1 = {W1.tolist()})"
            )

    return check


CASES = init_rows()
