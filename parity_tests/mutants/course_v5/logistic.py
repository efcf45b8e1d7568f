"""Week 2: Logistic Regression with a Neural Network mindset (v5-v8 era notebook)."""

# The course's own names and idioms, kept as the notebooks have them: the template's unused locals,
# the notebook's isinstance assert, the notebooks' print formatting.
# ruff: noqa: RUF059, SIM101, UP031, UP032

import numpy as np


# GRADED FUNCTION: sigmoid
def sigmoid(z):
    """
    Logistic function of z.

    Arguments:
    z -- a number or an array

    Returns:
    s -- sigmoid(z), same shape as z
    """
    s = 1 / (1 + np.exp(-z))

    return s


# GRADED FUNCTION: initialize_with_zeros
def initialize_with_zeros(dim):
    """
    Build a zero weight vector of shape (dim, 1) and a zero bias.

    Arguments:
    dim -- number of weights (number of input features)

    Returns:
    w -- zero vector of shape (dim, 1)
    b -- the bias, the integer 0
    """
    w = np.zeros((dim, 1))
    b = 0

    assert w.shape == (dim, 1)
    assert isinstance(b, float) or isinstance(b, int)

    return w, b


# GRADED FUNCTION: propagate
def propagate(w, b, X, Y):
    """
    One forward pass (the cost) and one backward pass (its gradients).

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a scalar
    X -- data, numpy array of shape (n_x, m)
    Y -- labels (0 or 1), numpy array of shape (1, m)

    Returns:
    grads -- dictionary with "dw" (same shape as w) and "db" (a scalar)
    cost -- the cross-entropy cost averaged over the m examples
    """
    m = X.shape[1]

    # forward pass: activations and cost
    A = sigmoid(np.dot(w.T, X) + b)
    cost = -(1 / m) * np.sum(np.multiply(Y, np.log(A)) + np.multiply(1 - Y, np.log(1 - A)))

    # backward pass: gradients of the mean cost
    dw = (1 / m) * np.dot(X, (A - Y).T)
    db = (1 / m) * np.sum(A - Y)

    assert dw.shape == w.shape
    assert db.dtype == float
    cost = np.squeeze(cost)
    assert cost.shape == ()

    grads = {"dw": dw, "db": db}

    return grads, cost


# GRADED FUNCTION: optimize
def optimize(w, b, X, Y, num_iterations, learning_rate, print_cost=False):
    """
    Learn w and b by plain gradient descent.

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a scalar
    X -- data, numpy array of shape (n_x, m)
    Y -- labels (0 or 1), numpy array of shape (1, m)
    num_iterations -- how many descent steps to take
    learning_rate -- step size of the update
    print_cost -- if True, print the cost every 100 steps

    Returns:
    params -- dictionary with the learnt "w" and "b"
    grads -- dictionary with the gradients "dw" and "db" of the last step
    costs -- the cost every 100 steps (computed before that step's update)
    """
    costs = []

    for i in range(num_iterations):
        # cost and gradients at the current w, b
        grads, cost = propagate(w, b, X, Y)

        dw = grads["dw"]
        db = grads["db"]

        # step against the gradient
        w = w - learning_rate * dw
        b = b - learning_rate * db

        # keep every 100th cost
        if i % 100 == 0:
            costs.append(cost)

        # report it too if asked
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))

    params = {"w": w, "b": b}

    grads = {"dw": dw, "db": db}

    return params, grads, costs


# GRADED FUNCTION: predict
def predict(w, b, X):
    """
    Label each example 1 if its probability exceeds 0.5, else 0.

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a scalar
    X -- data, numpy array of shape (n_x, m)

    Returns:
    Y_prediction -- numpy array (1, m) of 0./1. predictions
    """
    m = X.shape[1]
    Y_prediction = np.zeros((1, m))
    w = w.reshape(X.shape[0], 1)

    # probability of label 1 for each column of X
    A = sigmoid(np.dot(w.T, X) + b)

    for i in range(A.shape[1]):
        # 1 above one half, else 0
        Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0

    assert Y_prediction.shape == (1, m)

    return Y_prediction


# GRADED FUNCTION: model
def model(
    X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, print_cost=False
):
    """
    Put initialize_with_zeros, optimize and predict together.

    Arguments:
    X_train -- training set, numpy array of shape (n_x, m_train)
    Y_train -- training labels, numpy array of shape (1, m_train)
    X_test -- test set, numpy array of shape (n_x, m_test)
    Y_test -- test labels, numpy array of shape (1, m_test)
    num_iterations -- number of gradient descent steps
    learning_rate -- step size used by optimize()
    print_cost -- True to print the cost every 100 steps

    Returns:
    d -- dictionary with what the model learnt and predicted
    """
    # start from zeros
    w, b = initialize_with_zeros(X_train.shape[0])

    # train
    parameters, grads, costs = optimize(
        w, b, X_train, Y_train, num_iterations, learning_rate, print_cost
    )

    # the learnt w and b
    w = parameters["w"]
    b = parameters["b"]

    # label both sets
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)

    # accuracies on both sets
    print("train accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100))
    print("test accuracy: {} %".format(100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100))

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
