"""Week 3: one hidden layer (tanh) and a sigmoid output (the course's graded API).

Plain NumPy, written independently of scratchnn. Examples are columns: X (n_x, m), Y (1, m),
W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1).
"""

import numpy as np


def sigmoid(z):
    """Compute 1 / (1 + exp(-z)) without overflow for any finite z."""
    z = np.asarray(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return s.astype(e.dtype, copy=False)


def _standard_normal(rng, rows, cols):
    """Draw a (rows, cols) standard normal matrix from a RandomState or a Generator."""
    if isinstance(rng, np.random.Generator):
        return rng.standard_normal((rows, cols))
    return rng.randn(rows, cols)


def layer_sizes(X, Y):
    """Return (n_x, n_h, n_y) with the course's n_h = 4."""
    n_x = X.shape[0]
    n_h = 4
    n_y = Y.shape[0]
    return n_x, n_h, n_y


def initialize_parameters(n_x, n_h, n_y, rng=None):
    """Small random weights (randn * 0.01) and zero biases; rng None is the notebook's seed 2."""
    if rng is None:
        rng = np.random.RandomState(2)
    W1 = _standard_normal(rng, n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = _standard_normal(rng, n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """LINEAR -> TANH -> LINEAR -> SIGMOID; returns A2 and the cache of Z1, A1, Z2, A2."""
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    Z1 = W1 @ X + b1
    A1 = np.tanh(Z1)
    Z2 = W2 @ A1 + b2
    A2 = sigmoid(Z2)

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    return A2, cache


def compute_cost(A2, Y):
    """Mean cross-entropy cost as a Python float (each log clamped at -100, like torch)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore"):
        log_a = np.maximum(np.log(A2), -100)
        log_one_minus_a = np.maximum(np.log(1 - A2), -100)
    logprobs = Y * log_a + (1 - Y) * log_one_minus_a
    cost = -np.sum(logprobs) / m
    return float(cost)


def backward_propagation(parameters, cache, X, Y):
    """Gradients of the mean cost with respect to W1, b1, W2, b2."""
    m = X.shape[1]
    W2 = parameters["W2"]
    A1 = cache["A1"]
    A2 = cache["A2"]

    dZ2 = A2 - Y
    dW2 = (dZ2 @ A1.T) / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (W2.T @ dZ2) * (1 - A1**2)
    dW1 = (dZ1 @ X.T) / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m

    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient descent step; returns a new dict and leaves the input untouched."""
    W1 = parameters["W1"] - learning_rate * grads["dW1"]
    b1 = parameters["b1"] - learning_rate * grads["db1"]
    W2 = parameters["W2"] - learning_rate * grads["dW2"]
    b2 = parameters["b2"] - learning_rate * grads["db2"]
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, rng=None):
    """Train the shallow network with learning rate 1.2; returns the learned parameters."""
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)

    for i in range(num_iterations):
        A2, cache = forward_propagation(X, parameters)
        cost = compute_cost(A2, Y)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)

        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {cost}")

    return parameters


def predict(parameters, X):
    """Label each column of X: 1.0 where A2 > 0.5, else 0.0; shape (1, m)."""
    A2, _ = forward_propagation(X, parameters)
    predictions = (A2 > 0.5).astype(A2.dtype)
    return predictions
