"""Week 4: a deep network, [LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID (the course's graded API).

Plain NumPy, written independently of scratchnn. Examples are columns: A[l] (n_l, m),
W[l] (n_l, n_{l-1}), b[l] (n_l, 1). Only Python scalars meet the arrays, so float32 stays float32.
"""

# The course's names: l for a layer index, L_model_forward, L_model_backward, L_layer_model.
# ruff: noqa: E741

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


def initialize_parameters(n_x, n_h, n_y, rng=None):
    """Two-layer initialization: randn * 0.01 weights, zero biases; rng None is seed 1."""
    if rng is None:
        rng = np.random.RandomState(1)
    W1 = _standard_normal(rng, n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = _standard_normal(rng, n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def initialize_parameters_deep(layer_dims, rng=None):
    """W[l] = randn(n_l, n_{l-1}) / sqrt(n_{l-1}) in layer order, b[l] zeros; rng None is seed 1."""
    if rng is None:
        rng = np.random.RandomState(1)
    parameters = {}
    for l in range(1, len(layer_dims)):
        n_l, n_prev = layer_dims[l], layer_dims[l - 1]
        parameters["W" + str(l)] = _standard_normal(rng, n_l, n_prev) / np.sqrt(n_prev)
        parameters["b" + str(l)] = np.zeros((n_l, 1))
    return parameters


def linear_forward(A, W, b):
    """Z = W A + b; the cache is (A, W, b)."""
    Z = W @ A + b
    cache = (A, W, b)
    return Z, cache


def linear_activation_forward(A_prev, W, b, activation):
    """LINEAR -> ACTIVATION; the cache is (linear_cache, Z)."""
    Z, linear_cache = linear_forward(A_prev, W, b)
    if activation == "sigmoid":
        A = sigmoid(Z)
    elif activation == "relu":
        A = np.maximum(0, Z)
    else:
        raise ValueError(f"unknown activation {activation!r}")
    cache = (linear_cache, Z)
    return A, cache


def L_model_forward(X, parameters):
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID; returns AL and the list of L caches."""
    caches = []
    A = X
    L = sum(1 for key in parameters if key.startswith("W"))
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], "relu"
        )
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters["W" + str(L)], parameters["b" + str(L)], "sigmoid"
    )
    caches.append(cache)
    return AL, caches


def compute_cost(AL, Y):
    """Mean cross-entropy cost as a Python float (each log clamped at -100, like torch)."""
    m = Y.shape[1]
    with np.errstate(divide="ignore"):
        log_a = np.maximum(np.log(AL), -100)
        log_one_minus_a = np.maximum(np.log(1 - AL), -100)
    cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a) / m
    return float(cost)


def linear_backward(dZ, cache):
    """Gradients of the linear step: dA_prev = W.T dZ, dW = dZ A_prev.T / m, db = mean of dZ."""
    A_prev, W, _b = cache
    m = A_prev.shape[1]
    dW = (dZ @ A_prev.T) / m
    db = np.sum(dZ, axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_backward(dA, cache, activation):
    """ACTIVATION backward (dZ = dA * g'(Z)), then the linear step's backward."""
    linear_cache, Z = cache
    if activation == "sigmoid":
        s = sigmoid(Z)
        dZ = dA * s * (1 - s)
    elif activation == "relu":
        dZ = np.array(dA, copy=True)
        dZ[Z <= 0] = 0
    else:
        raise ValueError(f"unknown activation {activation!r}")
    return linear_backward(dZ, linear_cache)


def L_model_backward(AL, Y, caches):
    """Backward pass of L_model_forward; grads["dA" + str(l)] is the gradient w.r.t. A[l]."""
    grads = {}
    L = len(caches)
    Y = Y.reshape(AL.shape).astype(AL.dtype, copy=False)
    # the course's dAL, elementwise: the gradient of the cost per example
    dAL = -(Y / AL - (1 - Y) / (1 - AL))

    current_cache = caches[L - 1]
    dA_prev, dW, db = linear_activation_backward(dAL, current_cache, "sigmoid")
    grads["dA" + str(L - 1)] = dA_prev
    grads["dW" + str(L)] = dW
    grads["db" + str(L)] = db

    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev, dW, db = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, "relu"
        )
        grads["dA" + str(l)] = dA_prev
        grads["dW" + str(l + 1)] = dW
        grads["db" + str(l + 1)] = db
    return grads


def update_parameters(parameters, grads, learning_rate):
    """One gradient descent step; returns a new dict and leaves the input untouched."""
    new_parameters = dict(parameters)
    L = sum(1 for key in parameters if key.startswith("W"))
    for l in range(1, L + 1):
        k = str(l)
        new_parameters["W" + k] = parameters["W" + k] - learning_rate * grads["dW" + k]
        new_parameters["b" + k] = parameters["b" + k] - learning_rate * grads["db" + k]
    return new_parameters


def two_layer_model(
    X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None
):
    """LINEAR->RELU->LINEAR->SIGMOID trained by gradient descent; returns (parameters, costs)."""
    costs = []
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)

    for i in range(num_iterations):
        W1, b1 = parameters["W1"], parameters["b1"]
        W2, b2 = parameters["W2"], parameters["b2"]
        A1, cache1 = linear_activation_forward(X, W1, b1, "relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")

        cost = compute_cost(A2, Y)

        Y_cast = Y.reshape(A2.shape).astype(A2.dtype, copy=False)
        dA2 = (A2 - Y_cast) / np.maximum(A2 * (1 - A2), 1e-12)
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
        _, dW1, db1 = linear_activation_backward(dA1, cache1, "relu")
        grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

        parameters = update_parameters(parameters, grads, learning_rate)

        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost}")

    return parameters, costs


def L_layer_model(
    X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False, rng=None
):
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID trained by gradient descent."""
    costs = []
    parameters = initialize_parameters_deep(layers_dims, rng=rng)

    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        cost = compute_cost(AL, Y)
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)

        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost}")

    return parameters, costs


def predict(X, y, parameters):
    """Label each column of X: 1.0 where AL > 0.5, else 0.0; shape (1, m). Prints nothing."""
    AL, _ = L_model_forward(X, parameters)
    p = (AL > 0.5).astype(AL.dtype)
    return p
