"""The course's own published test cases and expected outputs, week 2 (data only).

Week 3 is in ``week3.py``, week 4 in ``week4.py``; the conventions
below hold for all three. Every case is a function returning
``{"inputs": ..., "expected": ..., "atol"/"rtol": ...}``; the inputs are rebuilt exactly as the
course's generators build them: ``np.random.seed(k); np.random.randn(...)`` in the same draw
order is ``np.random.RandomState(k).randn(...)`` here (the legacy generator, same stream).

Versions. "v6a"/"v6c" are the 2018-2020 notebooks (``..._v6a.ipynb``, ``..._v6c.ipynb`` with
``testCases_v2.py``); "2021" is the current Coursera revision (folders W2A2, W3A1, notebooks
without a version suffix, ``public_tests.py``/``test_utils.py``). Where they differ, both are here.

Tolerances. Notebook values are printed, not exact: 8 decimals (``str(array)``) -> atol 5e-9,
``%f`` costs -> atol 5e-7, 8 significant digits in e-notation -> rtol 5e-9. Full-precision
values (``repr`` of a float) agree with a float64 recomputation to ~1e-15 relative.
Everything below was recomputed with the course's plain NumPy formulas and matched.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

AT8 = 5.01e-9  # half a unit in the 8th decimal (numpy's default print precision)
AT6 = 5.01e-7  # half a unit in the 6th decimal ("%f" cost prints)

# Sources (repository: path). "a learner's copy" = a public copy of the notebook whose
# repository is not recorded.
SRC_W2_V6A = (
    "amanchadha/coursera-deep-learning-specialization: C1 - Neural Networks and Deep Learning/"
    "Week 2/Logistic Regression as a Neural Network/"
    "Logistic_Regression_with_a_Neural_Network_mindset_v6a.ipynb (+ many student copies)"
)
SRC_W2A2_NB = "2021 W2A2 Logistic_Regression_with_a_Neural_Network_mindset.ipynb (a learner's copy)"
SRC_W2A2_PT = (
    "Overlrd/numpy_logistic_regression_classifier: public_tests.py (2021 W2A2); "
    "same text in another learner's copy"
)


def legacy_rng(seed: int) -> np.random.RandomState:
    """``np.random.seed(seed)``'s stream: ``legacy_rng(k).randn(...)`` == the course's draws."""
    return np.random.RandomState(seed)


# ---------------------------------------------------------------- week 2: logistic regression


def sigmoid_case() -> dict[str, Any]:
    # v6a notebook and 2021 W2A2 public_tests.sigmoid_test (which also checks sigmoid(1)).
    return {
        "inputs": {"z": np.array([0, 2])},
        "expected": {"s": np.array([0.5, 0.88079708]), "s_of_1": 0.7310585},
        "atol": AT8,
        "atol_s_of_1": 1e-7,  # the public_tests literal is cut at 7 decimals (0.7310585786...)
    }


def initialize_with_zeros_case() -> dict[str, Any]:
    # v6a: dim=2 -> w [[0.],[0.]], b 0 (int 0 in v6a; 2021 public_tests demand type float 0.0).
    return {"inputs": {"dim": 2}, "expected": {"w": np.zeros((2, 1)), "b": 0.0}}


def _v6a_wbXY() -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    return (
        np.array([[1.0], [2.0]]),
        2.0,
        np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]]),
        np.array([[1, 0, 1]]),
    )


def propagate_case_v6a() -> dict[str, Any]:
    # SRC_W2_V6A. db/cost printed at full precision by the notebook cell.
    w, b, X, Y = _v6a_wbXY()
    return {
        "inputs": {"w": w, "b": b, "X": X, "Y": Y},
        "expected": {
            "dw": np.array([[0.99845601], [2.39507239]]),
            "db": 0.001455578136784208,
            "cost": 5.801545319394553,
        },
        "atol": AT8,
    }


def optimize_case_v6a() -> dict[str, Any]:
    # SRC_W2_V6A: optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009).
    # dw/db are the gradients of the LAST iteration (computed before its update).
    w, b, X, Y = _v6a_wbXY()
    return {
        "inputs": {"w": w, "b": b, "X": X, "Y": Y, "num_iterations": 100, "learning_rate": 0.009},
        "expected": {
            "w": np.array([[0.19033591], [0.12259159]]),
            "b": 1.92535983008,  # full: 1.9253598300845747
            "dw": np.array([[0.67752042], [1.41625495]]),
            "db": 0.219194504541,  # full: 0.21919450454067657
            "costs": [5.801545319394553],  # costs[i // 100] is the cost at i, before update i
        },
        "atol": AT8,
    }


def predict_case_v6a() -> dict[str, Any]:
    # SRC_W2_V6A (and 2021 W2A2 notebook cell): A > 0.5 -> 1.
    return {
        "inputs": {
            "w": np.array([[0.1124579], [0.23106775]]),
            "b": -0.3,
            "X": np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]]),
        },
        "expected": {"Y_prediction": np.array([[1.0, 1.0, 0.0]])},
    }


def propagate_case_2021() -> dict[str, Any]:
    # SRC_W2A2_NB (notebook cell; also in another learner's copy).
    return {
        "inputs": {
            "w": np.array([[1.0], [2.0]]),
            "b": 1.5,
            "X": np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]]),
            "Y": np.array([[1, 1, 0]]),
        },
        "expected": {
            "dw": np.array([[0.25071532], [-0.06604096]]),
            "db": -0.1250040450043965,
            "cost": 0.15900537707692405,
        },
        "atol": AT8,
    }


def optimize_case_2021() -> dict[str, Any]:
    # SRC_W2A2_NB: optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009), inputs as above.
    case = propagate_case_2021()
    case["inputs"].update(num_iterations=100, learning_rate=0.009)
    case["expected"] = {
        "w": np.array([[0.80956046], [2.0508202]]),
        "b": 1.5948713189708588,
        "dw": np.array([[0.17860505], [-0.04840656]]),
        "db": -0.08888460336847771,
        "costs": [0.15900537707692405],
    }
    return case


def propagate_case_public_tests() -> dict[str, Any]:
    # SRC_W2A2_PT: propagate_test.
    return {
        "inputs": {
            "w": np.array([[1.0], [2.0], [-1.0]]),
            "b": 2.5,
            "X": np.array([[1.0, 2.0, -1.0, 0.0], [3.0, 4.0, -3.2, 1.0], [3.0, 4.0, -3.2, -3.5]]),
            "Y": np.array([[1, 1, 0, 0]]),
        },
        "expected": {
            "dw": np.array([[-0.03909333], [0.12501464], [-0.99960809]]),
            "db": 0.288106326429569,
            "cost": 2.0424567983978403,
        },
        "atol": AT8,
    }


def optimize_case_public_tests() -> dict[str, Any]:
    # SRC_W2A2_PT: optimize_test, v6a inputs, 101 iterations, lr 0.1 -> costs at i = 0 and 100.
    # The file's db literal -0.04709353 is truncated, not rounded (true -0.047093537632615166).
    w, b, X, Y = _v6a_wbXY()
    return {
        "inputs": {"w": w, "b": b, "X": X, "Y": Y, "num_iterations": 101, "learning_rate": 0.1},
        "expected": {
            "w": np.array([[-0.70916784], [-0.42390859]]),
            "b": 2.26891346,
            "dw": np.array([[0.06188603], [-0.01407361]]),
            "db": -0.04709353,
            "costs": [5.80154532, 0.31057104],
        },
        "atol": 1e-8,
    }


def predict_case_public_tests() -> dict[str, Any]:
    # SRC_W2A2_PT: predict_test (catches a forgotten b: without it the answer is [[1, 1, 1]]).
    return {
        "inputs": {
            "w": np.array([[0.3], [0.5], [-0.2]]),
            "b": -0.33333,
            "X": np.array([[1.0, -0.3, 1.5], [2.0, 0.0, 1.0], [0.0, -1.5, 2.0]]),
        },
        "expected": {"Y_prediction": np.array([[1.0, 0.0, 1.0]])},
    }


def model_case_public_tests() -> dict[str, Any]:
    # SRC_W2A2_PT: model_test. np.random.seed(0); X_train = randn(4, 7); X_test = randn(4, 3);
    # model starts from zeros, 50 iterations, lr 0.01 (the test's b = 1.5 is unused).
    rs = legacy_rng(0)
    X_train = rs.randn(4, 7)
    X_test = rs.randn(4, 3)
    return {
        "inputs": {
            "X_train": X_train,
            "Y_train": np.array([[1, 0, 0, 1, 0, 0, 1]]),
            "X_test": X_test,
            "Y_test": np.array([[0, 1, 0]]),
            "num_iterations": 50,
            "learning_rate": 0.01,
        },
        "expected": {
            "costs": [0.69314718],
            "w": np.array([[0.08639757], [-0.08231268], [-0.11798927], [0.12866053]]),
            "b": -0.03983236094816321,
            "Y_prediction_test": np.array([[1.0, 1.0, 0.0]]),
            "Y_prediction_train": np.array([[1.0, 1.0, 0.0, 1.0, 0.0, 0.0, 1.0]]),
        },
        "atol": AT8,
    }


# Cat model (v6a and 2021 identical): w, b = zeros, lr 0.005, 2000 iterations, "%f" prints of the
# cost at i = 0, 100, ..., 1900 (before update i). Accuracy = 100 - mean(|Y_pred - Y|) * 100.
# Recomputed: 0.6931471805599453, 0.5845083636993087, 0.46694904094655476, ..., 0.14087207570310156
CAT_LOGISTIC: dict[str, Any] = {
    "source": SRC_W2_V6A + "; " + SRC_W2A2_NB,
    "num_iterations": 2000,
    "learning_rate": 0.005,
    "costs": [
        0.693147,
        0.584508,
        0.466949,
        0.376007,
        0.331463,
        0.303273,
        0.279880,
        0.260042,
        0.242941,
        0.228004,
        0.214820,
        0.203078,
        0.192544,
        0.183033,
        0.174399,
        0.166521,
        0.159305,
        0.152667,
        0.146542,
        0.140872,
    ],
    "atol": AT6,
    "train_accuracy_percent": 99.04306220095694,  # 207/209
    "test_accuracy_percent": 70.0,  # 35/50
}


def load_cat(path: str | os.PathLike[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The course's preprocessing of data/cat.npz: X = x.reshape(m, -1).T / 255.; Y (1, m)."""
    d = np.load(path)
    tx, ty, vx, vy = d["train_x"], d["train_y"], d["test_x"], d["test_y"]
    return (
        tx.reshape(tx.shape[0], -1).T / 255.0,
        ty.reshape(1, -1),
        vx.reshape(vx.shape[0], -1).T / 255.0,
        vy.reshape(1, -1),
    )
