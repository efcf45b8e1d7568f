"""Week 3: Planar data classification with one hidden layer (2017 notebook, v1-v4 era)."""

# The course's own names and idioms, kept as the notebooks have them: the template's unused locals,
# global np.random seeding, the notebooks' print formatting.
# ruff: noqa: F841, NPY002, RUF059, UP031

import numpy as np

from .planar_utils import sigmoid


# GRADED FUNCTION: layer_sizes
def layer_sizes(X, Y):
    """
    Sizes of the three layers of the network.

    Arguments:
    X -- examples as columns, (n_x, m)
    Y -- labels, (n_y, m)

    Returns:
    n_x -- number of input features
    n_h -- number of hidden units (fixed at 4)
    n_y -- number of output units
    """
    n_x = X.shape[0]  # input features
    n_h = 4
    n_y = Y.shape[0]  # output units
    return (n_x, n_h, n_y)


# GRADED FUNCTION: initialize_parameters
def initialize_parameters(n_x, n_h, n_y):
    """
    Small random weights and zero biases for the two layers.

    Arguments:
    n_x -- number of input features
    n_h -- number of hidden units
    n_y -- number of output units

    Returns:
    parameters -- dictionary of
                    W1 -- (n_h, n_x) weights
                    b1 -- (n_h, 1) zeros
                    W2 -- (n_y, n_h) weights
                    b2 -- (n_y, 1) zeros
    """
    np.random.seed(2)  # seeded here, inside, in this version

    W1 = np.random.randn(n_h, n_x) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = np.random.randn(n_y, n_h) * 0.01
    b2 = np.zeros((n_y, 1))

    assert W1.shape == (n_h, n_x)
    assert b1.shape == (n_h, 1)
    assert W2.shape == (n_y, n_h)
    assert b2.shape == (n_y, 1)

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    return parameters


# GRADED FUNCTION: forward_propagation
def forward_propagation(X, parameters):
    """
    Forward pass: tanh hidden layer, sigmoid output.

    Arguments:
    X -- examples as columns, (n_x, m)
    parameters -- W1, b1, W2, b2 in a dictionary (as initialize_parameters makes it)

    Returns:
    A2 -- output probabilities, (1, m)
    cache -- the forward values "Z1", "A1", "Z2", "A2" in a dictionary
    """
    # unpack the parameters
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    # tanh hidden layer, sigmoid output
    Z1 = np.dot(W1, X) + b1
    A1 = np.tanh(Z1)
    Z2 = np.dot(W2, A1) + b2
    A2 = sigmoid(Z2)

    assert A2.shape == (1, X.shape[1])

    cache = {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}

    return A2, cache


# GRADED FUNCTION: compute_cost
def compute_cost(A2, Y, parameters):
    """
    Cross-entropy cost of the predictions A2.

    Arguments:
    A2 -- output probabilities, (1, m)
    Y -- labels (0 or 1), (1, m)
    parameters -- W1, b1, W2, b2 in a dictionary (unused: the signature keeps it)

    Returns:
    cost -- the cross-entropy cost
    """
    m = Y.shape[1]  # examples

    # mean cross-entropy
    logprobs = np.multiply(np.log(A2), Y) + np.multiply((1 - Y), np.log(1 - A2))
    cost = -np.sum(logprobs) / m

    cost = np.squeeze(cost)  # e.g. [[17]] becomes 17
    assert isinstance(cost, float)

    return cost


# GRADED FUNCTION: backward_propagation
def backward_propagation(parameters, cache, X, Y):
    """
    Backward pass through the two layers.

    Arguments:
    parameters -- dictionary of the weights and biases
    cache -- the forward values "Z1", "A1", "Z2", "A2" in a dictionary
    X -- the points as columns, (2, m)
    Y -- labels (0 or 1), (1, m)

    Returns:
    grads -- "dW1", "db1", "dW2", "db2" in a dictionary
    """
    m = X.shape[1]

    # the weights
    W1 = parameters["W1"]
    W2 = parameters["W2"]

    # the activations saved by the forward pass
    A1 = cache["A1"]
    A2 = cache["A2"]

    # gradients, output layer first
    dZ2 = A2 - Y
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dZ1 = np.dot(W2.T, dZ2) * (1 - np.power(A1, 2))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    grads = {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}

    return grads


# GRADED FUNCTION: update_parameters
def update_parameters(parameters, grads, learning_rate=1.2):
    """
    One gradient descent step on every parameter.

    Arguments:
    parameters -- dictionary of the weights and biases
    grads -- dictionary of the gradients

    Returns:
    parameters -- a new python dictionary with the updated parameters
    """
    # unpack the parameters
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    # unpack the gradients
    dW1 = grads["dW1"]
    db1 = grads["db1"]
    dW2 = grads["dW2"]
    db2 = grads["db2"]

    # one step against each gradient
    W1 = W1 - learning_rate * dW1
    b1 = b1 - learning_rate * db1
    W2 = W2 - learning_rate * dW2
    b2 = b2 - learning_rate * db2

    parameters = {"W1": W1, "b1": b1, "W2": W2, "b2": b2}

    return parameters


# GRADED FUNCTION: nn_model
def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False):
    """
    Train the one-hidden-layer network by gradient descent.

    Arguments:
    X -- the points as columns, (2, m)
    Y -- labels (0 or 1), (1, m)
    n_h -- number of hidden units
    num_iterations -- how many descent steps to take
    print_cost -- if True, print the cost every 1000 iterations

    Returns:
    parameters -- the learnt parameters, to be used by predict()
    """
    np.random.seed(3)
    n_x = layer_sizes(X, Y)[0]
    n_y = layer_sizes(X, Y)[2]

    # small random weights (initialize_parameters seeds 2 itself), unpacked as the template does
    parameters = initialize_parameters(n_x, n_h, n_y)
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    # gradient descent iterations
    for i in range(0, num_iterations):
        # forward pass
        A2, cache = forward_propagation(X, parameters)

        # cost of this iteration (the parameters argument is not used)
        cost = compute_cost(A2, Y, parameters)

        # backward pass
        grads = backward_propagation(parameters, cache, X, Y)

        # one descent step (learning rate: the default 1.2)
        parameters = update_parameters(parameters, grads)

        # report every 1000th iteration
        if print_cost and i % 1000 == 0:
            print("Cost after iteration %i: %f" % (i, cost))

    return parameters


# GRADED FUNCTION: predict
def predict(parameters, X):
    """
    Predict a class for each example in X with the learnt parameters.

    Arguments:
    parameters -- dictionary of the weights and biases
    X -- examples as columns, (n_x, m)

    Returns:
    predictions -- (1, m) booleans, True for class 1 (blue)
    """
    # probabilities from the forward pass, thresholded at 0.5
    A2, cache = forward_propagation(X, parameters)
    predictions = A2 > 0.5

    return predictions
