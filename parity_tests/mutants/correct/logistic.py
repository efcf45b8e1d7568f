"""Week 2: logistic regression as a neural network (the course's graded API).

Plain NumPy, written independently of scratchnn. Examples are columns: X (n_x, m), Y (1, m),
w (n_x, 1), b a Python float. Only Python scalars meet the arrays, so float32 stays float32.
"""

import numpy as np


def sigmoid(z):
    """Compute 1 / (1 + exp(-z)) without overflow for any finite z."""
    z = np.asarray(z)
    e = np.exp(-np.abs(z))  # in (0, 1]: never overflows
    s = np.where(z >= 0, 1 / (1 + e), e / (1 + e))
    return s.astype(e.dtype, copy=False)


def initialize_with_zeros(dim):
    """Return w of zeros (dim, 1) and b = 0.0."""
    w = np.zeros((dim, 1))
    b = 0.0
    return w, b


def propagate(w, b, X, Y):
    """Forward and backward pass: the mean cross-entropy cost and its gradients dw, db."""
    m = X.shape[1]

    # forward pass
    A = sigmoid(w.T @ X + b)  # (1, m)
    with np.errstate(divide="ignore"):  # log(0) = -inf, clamped at -100 as torch's BCELoss does
        log_a = np.maximum(np.log(A), -100)
        log_one_minus_a = np.maximum(np.log(1 - A), -100)
    cost = -np.sum(Y * log_a + (1 - Y) * log_one_minus_a) / m

    # backward pass
    dZ = A - Y  # (1, m)
    dw = (X @ dZ.T) / m  # (n_x, 1)
    db = float(np.sum(dZ) / m)

    grads = {"dw": dw, "db": db}
    return grads, float(cost)


def optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False):
    """Run gradient descent; costs holds the cost of every 100th iteration, before its update."""
    costs = []
    if num_iterations <= 0:
        grads, _ = propagate(w, b, X, Y)
    for i in range(num_iterations):
        grads, cost = propagate(w, b, X, Y)
        dw = grads["dw"]
        db = grads["db"]

        w = w - learning_rate * dw
        b = b - learning_rate * db

        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost}")

    params = {"w": w, "b": b}
    return params, grads, costs


def predict(w, b, X):
    """Label each column of X: 1.0 where sigmoid(w.T X + b) > 0.5, else 0.0; shape (1, m)."""
    w = w.reshape(X.shape[0], 1)
    probabilities = sigmoid(np.dot(w.T, X) + b)
    Y_prediction = (probabilities > 0.5).astype(probabilities.dtype)
    return Y_prediction


def model(
    X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False
):
    """Train logistic regression from zeros and predict on the train and test sets."""
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
    w = params["w"]
    b = params["b"]

    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)

    d = {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
    return d
