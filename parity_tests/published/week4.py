"""The course's own published test cases and expected outputs, week 4 (data only).

Conventions as in ``week2.py`` (``RandomState(k).randn`` == ``np.random.seed(k);
np.random.randn``; printed 8 decimals -> atol 5e-9). Step by step: the v8a notebook
(``Building_your_Deep_Neural_Network_Step_by_Step_v8a.ipynb`` with ``testCases_v4a.py``,
``dnn_utils_v2.py``) and the 2021 W4A1 notebook (``testCases.py``, ``public_tests.py``; its
testCases.py was not read, but it calls generators of the same names and prints the same values);
2021 also prints dA0, dW2, db2 of L_model_backward.
Application: ``Deep Neural Network - Application v8.ipynb`` with ``dnn_app_utils_v3.py``, and the
2021 W4A2 notebook. Older "v4" test cases (before v4a) differ; see the notes at the end.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .week2 import AT6, AT8, legacy_rng

# The data tables keep each printed row on one line; the formatter is off for this module.
# fmt: off

SRC_V8A = (
    "KashmalCh/Building_your_Deep_Neural_Network_Step_by_Step_v8a: "
    "Building_your_Deep_Neural_Network_Step_by_Step_v8a.ipynb; generators in "
    "amanchadha/coursera-deep-learning-specialization: C1 - Neural Networks and Deep Learning/"
    "Week 4/Building your Deep Neural Network - Step by Step/testCases_v4a.py "
    "(same text: MohammadMdv/DNN-from-scratch: testCases_v4a.py)"
)
SRC_W4A1 = "2021 W4A1 Building_your_Deep_Neural_Network_Step_by_Step.ipynb (a learner's copy)"
SRC_APP_V8 = (
    "Deep Neural Network - Application v8.ipynb (amanchadha/coursera-deep-learning-specialization, "
    "Subangkar/Neural-Networks-and-Deep-Learning-deeplearning.ai-Coursera-Assignments) with "
    "amanchadha/...: Week 4/Deep Neural Network Application_ Image Classification/"
    "dnn_app_utils_v3.py"
)
SRC_W4A2_PT = "guangfjy/dlcatclassifier: public_tests.py (2021 W4A2)"


# ---------------------------------------------------------------- step by step (v8a == 2021)


def initialize_parameters_case() -> dict[str, Any]:
    # np.random.seed(1) inside; W1 = randn(n_h, n_x)*0.01, W2 = randn(n_y, n_h)*0.01.
    return {
        "inputs": {"n_x": 3, "n_h": 2, "n_y": 1, "seed": 1, "scale": 0.01},
        "expected": {
            "W1": np.array([[0.01624345, -0.00611756, -0.00528172],
                            [-0.01072969, 0.00865408, -0.02301539]]),
            "b1": np.zeros((2, 1)),
            "W2": np.array([[0.01744812, -0.00761207]]),
            "b2": np.zeros((1, 1)),
        },
        "atol": AT8,
    }


def initialize_parameters_deep_case() -> dict[str, Any]:
    # Step-by-step notebook: np.random.seed(3) inside, randn(n_l, n_{l-1}) * 0.01, layers in order.
    # (dnn_app_utils_v3's version differs: seed 1 and / sqrt(n_{l-1}); see CAT_L_LAYER.)
    return {
        "inputs": {"layer_dims": [5, 4, 3], "seed": 3, "scale": 0.01},
        "expected": {
            "W1": np.array([[0.01788628, 0.0043651, 0.00096497, -0.01863493, -0.00277388],
                            [-0.00354759, -0.00082741, -0.00627001, -0.00043818, -0.00477218],
                            [-0.01313865, 0.00884622, 0.00881318, 0.01709573, 0.00050034],
                            [-0.00404677, -0.0054536, -0.01546477, 0.00982367, -0.01101068]]),
            "b1": np.zeros((4, 1)),
            "W2": np.array([[-0.01185047, -0.0020565, 0.01486148, 0.00236716],
                            [-0.01023785, -0.00712993, 0.00625245, -0.00160513],
                            [-0.00768836, -0.00230031, 0.00745056, 0.01976111]]),
            "b2": np.zeros((3, 1)),
        },
        "atol": AT8,
    }


def linear_forward_case() -> dict[str, Any]:
    # linear_forward_test_case: seed 1; A = randn(3,2); W = randn(1,3); b = randn(1,1).
    rs = legacy_rng(1)
    A, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
    return {"inputs": {"A": A, "W": W, "b": b},
            "expected": {"Z": np.array([[3.26295337, -1.23429987]])}, "atol": AT8}


def linear_activation_forward_case() -> dict[str, Any]:
    # linear_activation_forward_test_case: seed 2; A_prev = randn(3,2); W = randn(1,3);
    # b = randn(1,1).
    rs = legacy_rng(2)
    A_prev, W, b = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1)
    return {
        "inputs": {"A_prev": A_prev, "W": W, "b": b},
        "expected": {"sigmoid": np.array([[0.96890023, 0.11013289]]),
                     "relu": np.array([[3.43896131, 0.0]])},
        "atol": AT8,
    }


def L_model_forward_case() -> dict[str, Any]:
    # L_model_forward_test_case_2hidden: seed 6; X = randn(5,4); then W1 (4,5), b1 (4,1),
    # W2 (3,4), b2 (3,1), W3 (1,3), b3 (1,1) in that order. 3 layers -> 3 caches.
    rs = legacy_rng(6)
    X = rs.randn(5, 4)
    params = {}
    for layer, (n, k) in enumerate([(4, 5), (3, 4), (1, 3)], start=1):
        params[f"W{layer}"] = rs.randn(n, k)
        params[f"b{layer}"] = rs.randn(n, 1)
    return {
        "inputs": {"X": X, "parameters": params},
        "expected": {"AL": np.array([[0.03921668, 0.70498921, 0.19734387, 0.04728177]]),
                     "n_caches": 3},
        "atol": AT8,
    }


def compute_cost_case() -> dict[str, Any]:
    # compute_cost_test_case (v4a: "now includes tests for Y = 0 as well as Y = 1").
    # Recomputation gives ...93423 (1 ulp off the published ...93422).
    return {
        "inputs": {"AL": np.array([[0.8, 0.9, 0.4]]), "Y": np.array([[1, 1, 0]])},
        "expected": {"cost": 0.2797765635793422},
        "atol": 1e-15,
    }


def linear_backward_case() -> dict[str, Any]:
    # linear_backward_test_case (v4a): seed 1; dZ = randn(3,4); A = randn(5,4); W = randn(3,5);
    # b = randn(3,1).
    rs = legacy_rng(1)
    dZ, A, W, b = rs.randn(3, 4), rs.randn(5, 4), rs.randn(3, 5), rs.randn(3, 1)
    return {
        "inputs": {"dZ": dZ, "linear_cache": (A, W, b)},
        "expected": {
            "dA_prev": np.array([[-1.15171336, 0.06718465, -0.3204696, 2.09812712],
                                 [0.60345879, -3.72508701, 5.81700741, -3.84326836],
                                 [-0.4319552, -1.30987417, 1.72354705, 0.05070578],
                                 [-0.38981415, 0.60811244, -1.25938424, 1.47191593],
                                 [-2.52214926, 2.67882552, -0.67947465, 1.48119548]]),
            "dW": np.array([[0.07313866, -0.0976715, -0.87585828, 0.73763362, 0.00785716],
                            [0.85508818, 0.37530413, -0.59912655, 0.71278189, -0.58931808],
                            [0.97913304, -0.24376494, -0.08839671, 0.55151192, -0.10290907]]),
            "db": np.array([[-0.14713786], [-0.11313155], [-0.13209101]]),
        },
        "atol": AT8,
    }


def linear_activation_backward_case() -> dict[str, Any]:
    # linear_activation_backward_test_case: seed 2; dA = randn(1,2); A = randn(3,2); W = randn(1,3);
    # b = randn(1,1); Z = randn(1,2); cache = ((A, W, b), Z). ReLU: dZ[Z <= 0] = 0 (dnn_utils).
    rs = legacy_rng(2)
    dA, A, W, b, Z = rs.randn(1, 2), rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
    return {
        "inputs": {"dA": dA, "cache": ((A, W, b), Z)},
        "expected": {
            "sigmoid": {
                "dA_prev": np.array([[0.11017994, 0.01105339], [0.09466817, 0.00949723],
                                     [-0.05743092, -0.00576154]]),
                "dW": np.array([[0.10266786, 0.09778551, -0.01968084]]),
                "db": np.array([[-0.05729622]]),
            },
            "relu": {
                "dA_prev": np.array([[0.44090989, 0.0], [0.37883606, 0.0], [-0.2298228, 0.0]]),
                "dW": np.array([[0.44513824, 0.37371418, -0.10478989]]),
                "db": np.array([[-0.20837892]]),
            },
        },
        "atol": AT8,
    }


def L_model_backward_case() -> dict[str, Any]:
    # L_model_backward_test_case: seed 3; AL = randn(1,2); Y = [[1, 0]]; then A1 (4,2), W1 (3,4),
    # b1 (3,1), Z1 (3,2), A2 (3,2), W2 (1,3), b2 (1,1), Z2 (1,2). Note AL is NOT sigmoid(Z2):
    # the backward pass must use the given AL for dAL and Z2 for sigmoid'(Z2).
    rs = legacy_rng(3)
    AL = rs.randn(1, 2)
    A1, W1, b1, Z1 = rs.randn(4, 2), rs.randn(3, 4), rs.randn(3, 1), rs.randn(3, 2)
    A2, W2, b2, Z2 = rs.randn(3, 2), rs.randn(1, 3), rs.randn(1, 1), rs.randn(1, 2)
    return {
        "inputs": {"AL": AL, "Y": np.array([[1, 0]]),
                   "caches": (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))},
        "expected": {
            "dA0": np.array([[0.0, 0.52257901], [0.0, -0.3269206], [0.0, -0.32070404],
                             [0.0, -0.74079187]]),  # 2021 only
            "dA1": np.array([[0.12913162, -0.44014127], [-0.14175655, 0.48317296],
                             [0.01663708, -0.05670698]]),
            "dW1": np.array([[0.41010002, 0.07807203, 0.13798444, 0.10502167],
                             [0.0, 0.0, 0.0, 0.0],
                             [0.05283652, 0.01005865, 0.01777766, 0.0135308]]),
            "dW2": np.array([[-0.39202432, -0.13325855, -0.04601089]]),  # 2021 only
            "db1": np.array([[-0.22007063], [0.0], [-0.02835349]]),
            "db2": np.array([[0.15187861]]),  # 2021 only
        },
        "atol": AT8,
    }


def update_parameters_case() -> dict[str, Any]:
    # update_parameters_test_case: seed 2 -> W1 (3,4), b1 (3,1), W2 (1,3), b2 (1,1);
    # seed 3 -> dW1, db1, dW2, db2 (same shapes); learning_rate 0.1.
    rs = legacy_rng(2)
    params = {k: rs.randn(*shape) for k, shape in [("W1", (3, 4)), ("b1", (3, 1)), ("W2", (1, 3)),
                                                    ("b2", (1, 1))]}
    rs = legacy_rng(3)
    grads = {"d" + k: rs.randn(*v.shape) for k, v in params.items()}
    return {
        "inputs": {"parameters": params, "grads": grads, "learning_rate": 0.1},
        "expected": {
            "W1": np.array([[-0.59562069, -0.09991781, -2.14584584, 1.82662008],
                            [-1.76569676, -0.80627147, 0.51115557, -1.18258802],
                            [-1.0535704, -0.86128581, 0.68284052, 2.20374577]]),
            "b1": np.array([[-0.04659241], [-1.28888275], [0.53405496]]),
            "W2": np.array([[-0.55569196, 0.0354055, 1.32964895]]),
            "b2": np.array([[-0.84610769]]),
        },
        "atol": AT8,
    }


# ---------------------------------------------------------------- application: the cat models
# Both: np.random.seed(1) then dnn_app_utils_v3 init (which seeds 1 itself), lr 0.0075, 2500
# iterations, cost printed at i % 100 == 0 (before update i), 2021 also at i = 2499. Accuracy from
# dnn_app_utils_v3.predict: np.sum((p == y) / m), hence 0.9999999999999998 for 209/209
# (v8's printed "Accuracy: 1.0" came from an older predict with / float(m)).
CAT_TWO_LAYER: dict[str, Any] = {  # [12288, 7, 1], W = randn * 0.01 (initialize_parameters, seed 1)
    "source": SRC_APP_V8 + "; 2021 W4A2 printed outputs",
    "layers_dims": (12288, 7, 1),
    "costs_full": {  # the v8 notebook's expected table (0, 100, 2400); 2499 from 2021 prints
        0: 0.6930497356599888, 100: 0.6464320953428849, 200: 0.6325140647912677,
        300: 0.6015024920354665, 2400: 0.048554785628770206, 2499: 0.04421498215868956,
    },
    "rtol": 1e-12,  # copies differ in the last 2-3 digits (BLAS); recomputed 2400: ...77021
    "costs": [  # every 100, rounded to 6 dp from the printed full-precision values
        0.693050, 0.646432, 0.632514, 0.601502, 0.560197, 0.515830, 0.475490, 0.433916,
        0.400798, 0.358071, 0.339428, 0.305275, 0.274914, 0.246818, 0.198507, 0.174483,
        0.170808, 0.113065, 0.096294, 0.083426, 0.074391, 0.066307, 0.059193, 0.053361,
        0.048555,
    ],
    "atol": AT6,
    "train_accuracy": 0.9999999999999998,  # 1.0 in v8
    "test_accuracy": 0.72,
}

# [12288, 20, 7, 5, 1], W = randn(n_l, n_{l-1}) / sqrt(n_{l-1}), seed 1
CAT_L_LAYER: dict[str, Any] = {
    "source": SRC_APP_V8 + "; 2021 W4A2 printed outputs",
    "layers_dims": (12288, 20, 7, 5, 1),
    "costs": [  # v8 prints "%f"-like 6 dp (expected table: 0.771749, 0.672053, ..., 0.092878)
        0.771749, 0.672053, 0.648263, 0.611507, 0.567047, 0.540138, 0.527930, 0.465477,
        0.369126, 0.391747, 0.315187, 0.272700, 0.237419, 0.199601, 0.189263, 0.161189,
        0.148214, 0.137775, 0.129740, 0.121225, 0.113821, 0.107839, 0.102855, 0.100897,
        0.092878,
    ],
    "atol": AT6,
    "costs_full": {  # 2021 prints
        0: 0.7717493284237686, 100: 0.6720534400822914, 200: 0.6482632048575212,
        2400: 0.09287821526472398, 2499: 0.08843994344170202,
    },
    "rtol": 1e-12,
    "train_accuracy": 0.9856459330143539,  # 206/209
    "test_accuracy": 0.8,  # 40/50
}


def two_layer_model_case_public_tests() -> dict[str, Any]:
    # SRC_W4A2_PT two_layer_model_test: seed 1; X = randn(10, 10); Y = randn(1, 10) (real-valued
    # "labels"); (10, 4, 1); lr 0.0075; 2 iterations; the model re-seeds 1 for its init.
    rs = legacy_rng(1)
    X, Y = rs.randn(10, 10), rs.randn(1, 10)
    return {
        "inputs": {"X": X, "Y": Y, "layers_dims": (10, 4, 1), "learning_rate": 0.0075,
                   "num_iterations": 2},
        "expected": {
            "costs": [0.69315968],
            "W1_row0": np.array([0.01624965, -0.00610741, -0.00528734, -0.01072836, 0.008664,
                                 -0.02301103, 0.01745639, -0.00760949, 0.0031934, -0.00248971]),
            "b1": np.array([[1.10437111e-05], [1.78437869e-05], [3.74879549e-05],
                            [-4.42988824e-05]]),
            "W2": np.array([[-0.00200283, -0.00888593, -0.00751122, 0.01688162]]),
            "b2": np.array([[-0.00689018]]),
        },
        "atol": AT8,
        "rtol": 5.01e-9,
    }


def L_layer_model_case_public_tests() -> dict[str, Any]:
    # SRC_W4A2_PT L_layer_model_test: seed 1; X = randn(10, 10); Y literal; (10, 5, 6, 1);
    # lr 0.0075; 2 iterations; /sqrt init with seed 1 inside the model.
    X = legacy_rng(1).randn(10, 10)
    return {
        "inputs": {"X": X, "Y": np.array([[1, 1, 1, 1, 0, 0, 0, 1, 1, 0]]),
                   "layers_dims": (10, 5, 6, 1), "learning_rate": 0.0075, "num_iterations": 2},
        "expected": {
            "costs": [0.70723944],
            "W1_row0": np.array([0.51384638, -0.19333098, -0.16705238, -0.33923196, 0.273477,
                                 -0.72775498, 0.55170785, -0.24077478, 0.10082452, -0.07882423]),
            "b1": np.array([[-2.16491028e-04], [1.50999130e-04], [8.71516045e-06],
                            [5.57557615e-05], [-2.90746349e-05]]),
            "W3": np.array([[-0.09079199, -0.08117381, 0.07667568, 0.16665535, 0.08029575,
                             0.04805811]]),
            "b3": np.array([[0.0013201]]),
        },
        "atol": AT8,
        "rtol": 5.01e-9,
    }


# Older versions (not the latest; kept for reference, recomputed from the generators):
#  * testCases_v4 (pre-4a; also found mislabelled as testCases_v4a.py in JB775/image_classifier_nn):
#    compute_cost Y = [[1, 1, 1]] -> 0.414931599615397; linear_backward seed 1 with dZ (1,2),
#    A (3,2), W (1,3), b (1,1) -> dA_prev [[0.51822968, -0.19517421], [-0.40506361, 0.15255393],
#    [2.37496825, -0.89445391]], dW [[-0.10076895, 1.40685096, 1.64992505]], db [[0.50629448]].
# fmt: on
