"""Faulty implementations of the course API, each one small source change to ``correct``.

A mutant replaces the snippet ``old`` (which must occur exactly once in the source of
``parity_tests/mutants/correct/<module>.py``) by ``new``. ``erratum`` is the number of the erratum
of the seed notes (``shared/NOTES.md``) the mutant reproduces, if any. The parity suite must catch
every mutant: a mutant it lets through marks a property the suite does not check.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Mutant:
    """One faulty variant of a correct module."""

    id: str
    module: str  # "logistic" | "shallow" | "deep"
    old: str  # exact source snippet replaced (occurs exactly once in that module's source)
    new: str
    fault: str  # what is wrong and what it breaks, for a learner
    erratum: int | None = None  # number of the NOTES.md erratum it reproduces, if any


_SHALLOW_DZ1 = "dZ1 = (W2.T @ dZ2) * (1 - A1**2)"
_DRAW = "return rng.standard_normal((rows, cols))\n    return rng.randn(rows, cols)"
_DRAW_UNIFORM = "return rng.random((rows, cols))\n    return rng.rand(rows, cols)"
_DAL = "dAL = -(Y / AL - (1 - Y) / (1 - AL))"
_W_UPDATE = 'new_parameters["W" + k] = parameters["W" + k] - learning_rate * grads["dW" + k]'
_B_UPDATE = 'new_parameters["b" + k] = parameters["b" + k] - learning_rate * grads["db" + k]'

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
    ),
    Mutant(
        "logistic_forward_elementwise",
        "logistic",
        "A = sigmoid(w.T @ X + b)",
        "A = sigmoid(w.T * X + b)",
        "w.T * X multiplies elementwise where the product w.T X is meant: it crashes for most "
        "shapes, is silently right only for n_x = 1, and for n_x = m broadcasts to an (m, m) A.",
        erratum=6,
    ),
    Mutant(
        "logistic_dw_elementwise",
        "logistic",
        "dw = (X @ dZ.T) / m",
        "dw = (X * dZ.T) / m",
        "X * dZ.T multiplies elementwise where X dZ.T is meant: right only for m = 1, a crash "
        "for most shapes, and an (m, m) dw that silently reshapes w when n_x is 1 or m.",
        erratum=6,
    ),
    Mutant(
        "logistic_dw_no_mean",
        "logistic",
        "dw = (X @ dZ.T) / m",
        "dw = X @ dZ.T",
        "dw lacks the 1/m of the mean cost: it is m times too large, so the effective learning "
        "rate of w grows with the number of examples.",
    ),
    Mutant(
        "logistic_db_no_mean",
        "logistic",
        "db = float(np.sum(dZ) / m)",
        "db = float(np.sum(dZ))",
        "db sums over the examples without dividing by m: the bias moves m times too fast.",
    ),
    Mutant(
        "logistic_cost_logs_swapped",
        "logistic",
        "Y * log_a + (1 - Y) * log_one_minus_a",
        "Y * log_one_minus_a + (1 - Y) * log_a",
        "the cost pairs y with log(1 - a) and 1 - y with log(a): the reported cost rises as "
        "the model improves (the gradients are computed separately and stay right).",
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
    ),
    Mutant(
        "shallow_layer1_sigmoid_derivative",
        "shallow",
        _SHALLOW_DZ1,
        'dZ1 = (W2.T @ dZ2) * (sigmoid(cache["Z1"]) * (1 - sigmoid(cache["Z1"])))',
        "dZ1 uses g[2]' (the sigmoid's derivative) at Z1 instead of the hidden layer's own tanh' "
        "= 1 - A1**2: the hidden layer's gradient is wrong.",
        erratum=2,
    ),
    Mutant(
        "shallow_init_uniform_rand",
        "shallow",
        _DRAW,
        _DRAW_UNIFORM,
        "the weights are drawn with rand (uniform on [0, 1)) instead of randn (standard normal): "
        "all weights are positive and the initial parameters differ from the course's.",
        erratum=7,
    ),
    Mutant(
        "shallow_tanh_derivative_from_z",
        "shallow",
        _SHALLOW_DZ1,
        'dZ1 = (W2.T @ dZ2) * (1 - cache["Z1"] ** 2)',
        "tanh' is computed as 1 - Z1**2 from the pre-activation instead of 1 - A1**2 from the "
        "activation: the hidden gradient is wrong, badly so for |Z1| near or above 1.",
    ),
    Mutant(
        "shallow_dz1_missing_w2t",
        "shallow",
        _SHALLOW_DZ1,
        "dZ1 = dZ2 * (1 - A1**2)",
        "dZ1 forgets W2.T: the (1, m) dZ2 silently broadcasts against the (n_h, m) tanh', so no "
        "shape error warns that every hidden unit gets the same, unweighted error signal.",
    ),
    Mutant(
        "shallow_dw2_transposed",
        "shallow",
        "dW2 = (dZ2 @ A1.T) / m",
        "dW2 = (A1 @ dZ2.T) / m",
        "dW2 is computed transposed, (n_h, n_y) instead of (n_y, n_h): the update silently "
        "broadcasts W2 to (n_h, n_h) and the network's output gets n_h rows.",
    ),
    Mutant(
        "shallow_cost_summed",
        "shallow",
        "cost = -np.sum(logprobs) / m",
        "cost = -np.sum(logprobs)",
        "the cost is summed over the examples instead of averaged: it is m times the mean "
        "cross-entropy the gradients belong to.",
    ),
    Mutant(
        "shallow_update_forgets_b1",
        "shallow",
        'b1 = parameters["b1"] - learning_rate * grads["db1"]',
        'b1 = parameters["b1"]',
        "the update forgets b1, which stays at zero forever: the hidden layer cannot shift its "
        "units and the trajectory differs from gradient descent's.",
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
    ),
    Mutant(
        "deep_db_no_keepdims",
        "deep",
        "db = np.sum(dZ, axis=1, keepdims=True) / m",
        "db = np.sum(dZ, axis=1) / m",
        "db is summed without keepdims, shape (n_l,) instead of (n_l, 1): b - lr * db silently "
        "broadcasts b to (n_l, n_l).",
    ),
    Mutant(
        "deep_dw_no_mean",
        "deep",
        "dW = (dZ @ A_prev.T) / m",
        "dW = dZ @ A_prev.T",
        "dW lacks the 1/m of the mean cost: every weight gradient is m times too large.",
    ),
    Mutant(
        "deep_da_prev_elementwise",
        "deep",
        "dA_prev = W.T @ dZ",
        "dA_prev = W.T * dZ",
        "dA_prev multiplies elementwise where W.T dZ is meant: right by accident for a one-unit "
        "layer (the output), but wrong or a crash for hidden layers.",
        erratum=6,
    ),
    Mutant(
        "deep_da_prev_extra_one_over_m",
        "deep",
        "dA_prev = W.T @ dZ",
        "dA_prev = (W.T @ dZ) / m",
        "dA_prev gets a 1/m although it is a per-example derivative: every layer below shrinks "
        "its gradient by another factor m.",
        erratum=8,
    ),
    Mutant(
        "deep_dal_summed_over_examples",
        "deep",
        _DAL,
        "dAL = np.sum(-(Y / AL - (1 - Y) / (1 - AL)), axis=1, keepdims=True)",
        "dAL is summed over the examples instead of kept elementwise: a (1, 1) dAL silently "
        "broadcasts and every example receives the same total error.",
        erratum=4,
    ),
    Mutant(
        "deep_dal_extra_one_over_m",
        "deep",
        _DAL,
        "dAL = -(Y / AL - (1 - Y) / (1 - AL)) / AL.shape[1]",
        "dAL gets a 1/m although it is a per-example derivative (dW and db already have theirs): "
        "all gradients are m times too small.",
        erratum=8,
    ),
    Mutant(
        "deep_relu_derivative_one_at_zero",
        "deep",
        "dZ[Z <= 0] = 0",
        "dZ[Z < 0] = 0",
        "ReLU'(0) is taken as 1 instead of 0 (the assignment's and torch's convention): units "
        "with Z exactly 0 (b = 0 and all inputs off, as on the cat data) pass gradient.",
        erratum=9,
    ),
    Mutant(
        "deep_leaky_relu_backward_as_relu",
        "deep",
        "dZ[Z <= 0] *= LEAKY_SLOPE",
        "dZ[Z <= 0] = 0",
        "the leaky ReLU's backward zeroes the negative side like a ReLU instead of scaling it by "
        "the slope 0.01: negative units get no gradient.",
    ),
    Mutant(
        "deep_init_uniform_rand",
        "deep",
        _DRAW,
        _DRAW_UNIFORM,
        "the weights are drawn with rand (uniform on [0, 1)) instead of randn (standard normal): "
        "all weights are positive and the initial parameters differ from the course's.",
        erratum=7,
    ),
    Mutant(
        "deep_float32_forward",
        "deep",
        "Z = W @ A + b",
        "Z = (W.astype(np.float32) @ A.astype(np.float32)) + b",
        "the linear step is computed in float32 inside a float64 implementation: results carry "
        "float32 rounding (~1e-7) that loose tolerances let through and long training amplifies.",
    ),
    Mutant(
        "deep_sigmoid_backward_drops_da",
        "deep",
        "dZ = dA * s * (1 - s)",
        "dZ = s * (1 - s)",
        "the sigmoid's backward returns g'(Z) without multiplying by the incoming dA: the "
        "chain rule is broken and the gradient no longer depends on the labels.",
    ),
    Mutant(
        "deep_sigmoid_derivative_one_plus_s",
        "deep",
        "dZ = dA * s * (1 - s)",
        "dZ = dA * s * (1 + s)",
        "the sigmoid's derivative is written s(1 + s) instead of s(1 - s): dZ[L] becomes "
        "(AL - Y)(1 + AL)/(1 - AL) instead of AL - Y, exploding as AL nears 1.",
    ),
    Mutant(
        "deep_last_layer_relu_backward",
        "deep",
        'linear_activation_backward(dAL, current_cache, "sigmoid")',
        'linear_activation_backward(dAL, current_cache, "relu")',
        "L_model_backward backpropagates the sigmoid output layer with ReLU's derivative: dZ[L] "
        "is dAL (or 0) instead of AL - Y.",
    ),
    Mutant(
        "deep_hidden_sigmoid_backward",
        "deep",
        'grads["dA" + str(l + 1)], current_cache, "relu"',
        'grads["dA" + str(l + 1)], current_cache, "sigmoid"',
        "the hidden ReLU layers are backpropagated with the sigmoid's derivative (another "
        "layer's activation): their gradients are wrong.",
    ),
    Mutant(
        "deep_cost_summed",
        "deep",
        "cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a) / m",
        "cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a)",
        "the cost is summed over the examples instead of averaged: it is m times the mean "
        "cross-entropy the gradients belong to.",
    ),
    Mutant(
        "deep_update_plus_sign",
        "deep",
        _W_UPDATE,
        _W_UPDATE.replace("] - learning_rate", "] + learning_rate"),
        "the weights are updated with += (gradient ascent): the cost rises instead of falling.",
    ),
    Mutant(
        "deep_update_forgets_b",
        "deep",
        _B_UPDATE,
        'new_parameters["b" + k] = parameters["b" + k]',
        "the update forgets the biases, which stay at zero: the trajectory is not gradient "
        "descent's and units cannot shift their thresholds.",
    ),
)

BY_ID: dict[str, Mutant] = {mutant.id: mutant for mutant in MUTANTS}
