"""The course's own published test cases and expected outputs, week 3 (data only).

Planar data classification with one hidden layer: the v6c notebook with ``testCases_v2.py`` and
the 2021 W3A1 notebook with ``public_tests.py``. Conventions as in ``week2.py``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .week2 import AT6, AT8, legacy_rng

SRC_W3_V6C = (
    "amanchadha/coursera-deep-learning-specialization: .../Week 3/Planar data classification with "
    "one hidden layer/testCases_v2.py and Planar_data_classification_with_onehidden_layer_v6c.ipynb"
)
SRC_W3A1_NB = "2021 W3A1 Planar_data_classification_with_one_hidden_layer.ipynb (a learner's copy)"
SRC_W3A1_PT = "TrishamBP/Shallow-Neural-Network: public_tests.py (2021 W3A1)"


# ---------------------------------------------------------------- week 3: planar, one hidden layer
# Fixed literals of testCases_v2.py (the same literals appear in the 2021 W3A1 public_tests.py).
W1_T = np.array(
    [
        [-0.00416758, -0.00056267],
        [-0.02136196, 0.01640271],
        [-0.01793436, -0.00841747],
        [0.00502881, -0.01245288],
    ]
)
W2_T = np.array([[-0.01057952, -0.00909008, 0.00551454, 0.02292208]])
A2_T = np.array([[0.5002307, 0.49985831, 0.50023963]])
P_UPD = {
    "W1": np.array(
        [
            [-0.00615039, 0.0169021],
            [-0.02311792, 0.03137121],
            [-0.0169217, -0.01752545],
            [0.00935436, -0.05018221],
        ]
    ),
    "b1": np.array([[-8.97523455e-07], [8.15562092e-06], [6.04810633e-07], [-2.54560700e-06]]),
    "W2": np.array([[-0.0104319, -0.04019007, 0.01607211, 0.04440255]]),
    "b2": np.array([[9.14954378e-05]]),
}


def layer_sizes_case() -> dict[str, Any]:
    # SRC_W3_V6C / SRC_W3A1_PT: seed 1; X = randn(5, 3); Y = randn(2, 3); n_h is hard-coded 4.
    rs = legacy_rng(1)
    X = rs.randn(5, 3)
    Y = rs.randn(2, 3)
    return {"inputs": {"X": X, "Y": Y}, "expected": {"n_x": 5, "n_h": 4, "n_y": 2}}


def initialize_parameters_case() -> dict[str, Any]:
    # (n_x, n_h, n_y) = (2, 4, 1), randn(n_h, n_x)*0.01 then randn(n_y, n_h)*0.01 under seed 2.
    # v6c: np.random.seed(2) INSIDE initialize_parameters. 2021: no seed inside; the test cell
    # calls np.random.seed(2) first. Same numbers either way.
    return {
        "inputs": {"n_x": 2, "n_h": 4, "n_y": 1, "seed": 2},
        "expected": {"W1": W1_T, "b1": np.zeros((4, 1)), "W2": W2_T, "b2": np.zeros((1, 1))},
        "atol": AT8,
    }


def initialize_parameters_case_public_tests() -> dict[str, Any]:
    # SRC_W3A1_PT initialize_parameters_test: np.random.seed(2); (3, 5, 2).
    return {
        "inputs": {"n_x": 3, "n_h": 5, "n_y": 2, "seed": 2},
        "expected": {
            "W1": np.array(
                [
                    [-0.00416758, -0.00056267, -0.02136196],
                    [0.01640271, -0.01793436, -0.00841747],
                    [0.00502881, -0.01245288, -0.01057952],
                    [-0.00909008, 0.00551454, 0.02292208],
                    [0.00041539, -0.01117925, 0.00539058],
                ]
            ),
            "W2": np.array(
                [
                    [
                        -5.96159700e-03,
                        -1.91304965e-04,
                        1.17500122e-02,
                        -7.47870949e-03,
                        9.02525097e-05,
                    ],
                    [
                        -8.78107893e-03,
                        -1.56434170e-03,
                        2.56570452e-03,
                        -9.88779049e-03,
                        -3.38821966e-03,
                    ],
                ]
            ),
        },
        "atol": AT8,
    }


def forward_propagation_case() -> dict[str, Any]:
    # seed 1; X = randn(2, 3); b1 = randn(4, 1); b2 = [[-1.3]]; W1, W2 literals.
    # v6c prints means of Z1, A1, Z2, A2; 2021 prints A2; W3A1 public_tests checks Z1 too.
    rs = legacy_rng(1)
    X = rs.randn(2, 3)
    b1 = rs.randn(4, 1)
    params = {"W1": W1_T, "b1": b1, "W2": W2_T, "b2": np.array([[-1.3]])}
    return {
        "inputs": {"X": X, "parameters": params},
        "expected": {
            # v6c prints the means with Python 2's str: 12 significant digits -> means_rtol.
            "means": (0.262818640198, 0.091999045227, -1.30766601287, 0.212877681719),
            "A2": np.array([[0.21292656, 0.21274673, 0.21295976]]),  # 2021
            "Z1": np.array(
                [
                    [1.7386459, 1.74687437, 1.74830797],  # SRC_W3A1_PT
                    [-0.81350569, -0.73394355, -0.78767559],
                    [0.29893918, 0.32272601, 0.34788465],
                    [-0.2278403, -0.2632236, -0.22336567],
                ]
            ),
            "Z2": np.array([[-1.30737426, -1.30844761, -1.30717618]]),
        },
        "atol": AT8,
        "means_rtol": 5e-12,
    }


def compute_cost_case() -> dict[str, Any]:
    # seed 1; Y = randn(1, 3) > 0 (bool: [[True, False, False]]); A2 literal.
    # v6c prints 0.693058761039 (parameters arg unused); 2021 prints the full float.
    return {
        "inputs": {"A2": A2_T, "Y": legacy_rng(1).randn(1, 3) > 0},
        "expected": {"cost": 0.6930587610394646},
        "atol": 1e-15,
    }


def compute_cost_case_public_tests() -> dict[str, Any]:
    # SRC_W3A1_PT compute_cost_test: seed 1; Y = randn(1, 5) > 0.
    return {
        "inputs": {
            "A2": np.array([[0.5002307, 0.49985831, 0.50023963, 0.25, 0.7]]),
            "Y": legacy_rng(1).randn(1, 5) > 0,
        },
        "expected": {"cost": 0.5447066599017815},
        "atol": 1e-15,
    }


def backward_propagation_case() -> dict[str, Any]:
    # seed 1; X = randn(2, 3); Y = randn(1, 3) > 0; parameters and cache literals (b's zero).
    rs = legacy_rng(1)
    X = rs.randn(2, 3)
    Y = rs.randn(1, 3) > 0
    params = {"W1": W1_T, "b1": np.zeros((4, 1)), "W2": W2_T, "b2": np.zeros((1, 1))}
    cache = {
        "A1": np.array(
            [
                [-0.00616578, 0.0020626, 0.00349619],
                [-0.05225116, 0.02725659, -0.02646251],
                [-0.02009721, 0.0036869, 0.02883756],
                [0.02152675, -0.01385234, 0.02599885],
            ]
        ),
        "A2": A2_T,
        "Z1": np.array(
            [
                [-0.00616586, 0.0020626, 0.0034962],
                [-0.05229879, 0.02726335, -0.02646869],
                [-0.02009991, 0.00368692, 0.02884556],
                [0.02153007, -0.01385322, 0.02600471],
            ]
        ),
        "Z2": np.array([[0.00092281, -0.00056678, 0.00095853]]),
    }
    return {
        "inputs": {"parameters": params, "cache": cache, "X": X, "Y": Y},
        "expected": {
            "dW1": np.array(
                [
                    [0.00301023, -0.00747267],
                    [0.00257968, -0.00641288],
                    [-0.00156892, 0.003893],
                    [-0.00652037, 0.01618243],
                ]
            ),
            "db1": np.array([[0.00176201], [0.00150995], [-0.00091736], [-0.00381422]]),
            "dW2": np.array([[0.00078841, 0.01765429, -0.00084166, -0.01022527]]),
            "db2": np.array([[-0.16655712]]),
        },
        "atol": AT8,
    }


def update_parameters_case() -> dict[str, Any]:
    # learning_rate 1.2 (the default of the week-3 update_parameters). b1 printed in e-notation.
    grads = {
        "dW1": np.array(
            [
                [0.00023322, -0.00205423],
                [0.00082222, -0.00700776],
                [-0.00031831, 0.0028636],
                [-0.00092857, 0.00809933],
            ]
        ),
        "db1": np.array([[1.05570087e-07], [-3.81814487e-06], [-1.90155145e-07], [5.46467802e-07]]),
        "dW2": np.array([[-1.75740039e-05, 3.70231337e-03, -1.25683095e-03, -2.55715317e-03]]),
        "db2": np.array([[-1.08923140e-05]]),
    }
    return {
        "inputs": {"parameters": P_UPD, "grads": grads, "learning_rate": 1.2},
        "expected": {
            "W1": np.array(
                [
                    [-0.00643025, 0.01936718],
                    [-0.02410458, 0.03978052],
                    [-0.01653973, -0.02096177],
                    [0.01046864, -0.05990141],
                ]
            ),
            "b1": np.array(
                [[-1.02420756e-06], [1.27373948e-05], [8.32996807e-07], [-3.20136836e-06]]
            ),
            "W2": np.array([[-0.01041081, -0.04463285, 0.01758031, 0.04747113]]),
            "b2": np.array([[0.00010457]]),
        },
        "atol": AT8,
        "rtol": 5.01e-9,
    }


def nn_model_case() -> dict[str, Any]:
    # seed 1; X = randn(2, 3); Y = randn(1, 3) > 0 ([[True, False, True]]); n_h 4, 10000 its,
    # lr 1.2.
    # The init differs by version (same randn(4,2)*0.01, randn(1,4)*0.01 order):
    #  v6c: seed 2 inside initialize_parameters (nn_model's own seed(3) is overridden);
    #  2021: initialize_parameters has no seed, nn_model (and W3A1 public_tests) seed 3.
    # Costs ("%f") at i = 0, 1000, ..., 9000: recomputed in full; the notebooks print a few.
    rs = legacy_rng(1)
    X = rs.randn(2, 3)
    Y = rs.randn(1, 3) > 0
    return {
        "inputs": {"X": X, "Y": Y, "n_h": 4, "num_iterations": 10000, "learning_rate": 1.2},
        "v6c": {  # SRC_W3_V6C (notebook table; cost after iteration 0 is 0.692739)
            "init_seed": 2,
            "costs": [
                0.692739,
                0.000218,
                0.000107,
                0.000071,
                0.000053,
                0.000042,
                0.000035,
                0.000030,
                0.000026,
                0.000023,
            ],
            "W1": np.array(
                [
                    [-0.65848169, 1.21866811],
                    [-0.76204273, 1.39377573],
                    [0.5792005, -1.10397703],
                    [0.76773391, -1.41477129],
                ]
            ),
            "b1": np.array([[0.287592], [0.3511264], [-0.2431246], [-0.35772805]]),
            "W2": np.array([[-2.45566237, -3.27042274, 2.00784958, 3.36773273]]),
            "b2": np.array([[0.20459656]]),
        },
        # SRC_W3A1_NB (prints 0: 0.693198, 1000: 0.000219, 2000: 0.000108, 9000: 0.000024);
        # W1..b2 also in SRC_W3A1_PT nn_model_test.
        "2021": {
            "init_seed": 3,
            "costs": [
                0.693198,
                0.000219,
                0.000108,
                0.000071,
                0.000053,
                0.000043,
                0.000035,
                0.000030,
                0.000027,
                0.000024,
            ],
            "W1": np.array(
                [
                    [0.56305445, -1.03925886],
                    [0.7345426, -1.36286875],
                    [-0.72533346, 1.33753027],
                    [0.74757629, -1.38274074],
                ]
            ),
            "b1": np.array([[-0.22240654], [-0.34662093], [0.33663708], [-0.35296113]]),
            "W2": np.array([[1.82196893, 3.09657075, -2.98193564, 3.19946508]]),
            "b2": np.array([[0.21344644]]),
        },
        "atol": AT8,
        "cost_atol": AT6,
    }


def predict_case() -> dict[str, Any]:
    # seed 1; X = randn(2, 3); parameters P_UPD. A2 = [[0.50154066, 0.49899566, 0.50213783]].
    return {
        "inputs": {"parameters": P_UPD, "X": legacy_rng(1).randn(2, 3)},
        "expected": {"predictions": np.array([[True, False, True]]), "mean": 0.6666666666666666},
    }


def planar_dataset() -> tuple[np.ndarray, np.ndarray]:
    """planar_utils.load_planar_dataset(): the flower, seed 1, X (2, 400), Y (1, 400) uint8."""
    rs, N, a = legacy_rng(1), 200, 4
    X = np.zeros((2 * N, 2))
    Y = np.zeros((2 * N, 1), dtype="uint8")
    for j in range(2):
        t = np.linspace(j * 3.12, (j + 1) * 3.12, N) + rs.randn(N) * 0.2
        r = a * np.sin(4 * t) + rs.randn(N) * 0.2
        X[N * j : N * (j + 1)] = np.c_[r * np.sin(t), r * np.cos(t)]
        Y[N * j : N * (j + 1)] = j
    return X.T, Y.T


# Flower run: nn_model(X, Y, n_h=4, num_iterations=10000, lr 1.2), "%f" cost at i = 0, 1000, ...
# The trajectory becomes sensitive after ~6000 iterations: published copies disagree among
# themselves in the 4th-5th decimal there (v6c 8000: 0.219454 / 0.219471, 9000: 0.218607 /
# 0.218612; 2021 7000: 0.220661 / 0.220628) and a float64 NumPy 2.4 run gives the last values
# below. Compare the first values at AT6 and the late ones at ~1e-4.
FLOWER: dict[str, Any] = {
    "v6c": {  # init seed 2; SRC_W3_V6C (table shows only "Cost after iteration 9000: 0.218607")
        "costs": [0.693048, 0.288083, 0.254385, 0.233864, 0.226792, 0.222644, 0.219731, 0.217504],
        "late_published": {8000: 0.219454, 9000: 0.218607},
        "late_recomputed": {8000: 0.219420, 9000: 0.218548},
    },
    "2021": {  # init seed 3; SRC_W3A1_NB (printed outputs in student copies)
        "costs": [0.693162, 0.258625, 0.239334, 0.230802, 0.225528, 0.221845, 0.219094],
        "late_published": {7000: 0.220661, 8000: 0.219409, 9000: 0.218485},
        "late_recomputed": {7000: 0.220609, 8000: 0.219395, 9000: 0.218481},
    },
    "late_atol": 1e-4,
    # Printed as "Accuracy: %d%%" of 100*(Y.p + (1-Y).(1-p))/m. Recomputed: 90.75 (363/400) for
    # both inits on OpenBLAS's Haswell kernel; 90.5 for one of them on SkylakeX (one borderline
    # point, see test_flower_run).
    "accuracy_percent_printed": 90,
    "accuracy_percent_recomputed": 90.75,
}
