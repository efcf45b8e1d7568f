"""Week 4: Deep Neural Network for Image Classification: Application (v8-era notebook).

The notebook's graded functions and its model constants; the helpers come from the staff's
dnn_app_utils_v3 by a star import, as in the notebook.
"""

# The course's own names and idioms, kept as the notebooks have them: the star import of the staff
# helpers, the template's unused locals, global np.random seeding, the notebooks' print formatting.
# ruff: noqa: F403, F405, F841, NPY002, RUF059, UP031, UP032

import matplotlib.pyplot as plt
import numpy as np

from .dnn_app_utils_v3 import *

# the 2-layer model's sizes (a notebook cell)
n_x = 12288  # 64 * 64 pixels * 3 channels
n_h = 7
n_y = 1
layers_dims = (n_x, n_h, n_y)


# GRADED FUNCTION: two_layer_model
def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """
    Train a two-layer network: LINEAR->RELU->LINEAR->SIGMOID.

    Arguments:
    X -- examples as columns, (n_x, m)
    Y -- labels, 1 for cat and 0 for non-cat, (1, m)
    layers_dims -- (n_x, n_h, n_y)
    num_iterations -- how many descent steps to take
    learning_rate -- step size alpha
    print_cost -- True to print and record every 100th cost

    Returns:
    parameters -- the trained W1, b1, W2, b2
    """
    np.random.seed(1)
    grads = {}
    costs = []  # the recorded costs
    m = X.shape[1]
    (n_x, n_h, n_y) = layers_dims

    # the staff's 2-layer initialization (seed 1, * 0.01)
    parameters = initialize_parameters(n_x, n_h, n_y)

    # unpack the parameters
    W1 = parameters["W1"]
    b1 = parameters["b1"]
    W2 = parameters["W2"]
    b2 = parameters["b2"]

    # gradient descent iterations

    for i in range(0, num_iterations):
        # forward pass: relu layer, then sigmoid layer
        A1, cache1 = linear_activation_forward(X, W1, b1, activation="relu")
        A2, cache2 = linear_activation_forward(A1, W2, b2, activation="sigmoid")

        # cost before this step's update
        cost = compute_cost(A2, Y)

        # gradient of the cost with respect to A2
        dA2 = -(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))

        # backward pass
        dA1, dW2, db2 = linear_activation_backward(dA2, cache2, activation="sigmoid")
        dA0, dW1, db1 = linear_activation_backward(dA1, cache1, activation="relu")

        # collect the weight and bias gradients
        grads["dW1"] = dW1
        grads["db1"] = db1
        grads["dW2"] = dW2
        grads["db2"] = db2

        # one descent step
        parameters = update_parameters(parameters, grads, learning_rate)

        # the updated weights and biases
        W1 = parameters["W1"]
        b1 = parameters["b1"]
        W2 = parameters["W2"]
        b2 = parameters["b2"]

        # report every 100th iteration
        if print_cost and i % 100 == 0:
            print("Cost after iteration {}: {}".format(i, np.squeeze(cost)))
        if print_cost and i % 100 == 0:
            costs.append(cost)

    # learning curve

    plt.plot(np.squeeze(costs))
    plt.ylabel("cost")
    plt.xlabel("iterations (per hundreds)")
    plt.title("Learning rate =" + str(learning_rate))
    plt.show()

    return parameters


# the 4-layer model's sizes (a notebook cell)
layers_dims = [12288, 20, 7, 5, 1]  # type: ignore[assignment]  # the cell rebinds the tuple


# GRADED FUNCTION: L_layer_model
def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000, print_cost=False):
    """
    Train an L-layer network: [LINEAR->RELU]*(L-1)->LINEAR->SIGMOID.

    Arguments:
    X -- flattened images as columns, (12288, m)
    Y -- labels, 1 for cat and 0 for non-cat, (1, m)
    layers_dims -- [n_x, n_1, ..., n_L]
    learning_rate -- step size alpha
    num_iterations -- how many descent steps to take
    print_cost -- True to print and record every 100th cost

    Returns:
    parameters -- the trained weights and biases
    """
    np.random.seed(1)
    costs = []  # the recorded costs

    # the staff's deep initialization (seed 1, 1/sqrt(fan-in))
    parameters = initialize_parameters_deep(layers_dims)

    # gradient descent iterations
    for i in range(0, num_iterations):
        # forward pass
        AL, caches = L_model_forward(X, parameters)

        # cost before this step's update
        cost = compute_cost(AL, Y)

        # backward pass
        grads = L_model_backward(AL, Y, caches)

        # one descent step
        parameters = update_parameters(parameters, grads, learning_rate)

        # report every 100th iteration
        if print_cost and i % 100 == 0:
            print("Cost after iteration %i: %f" % (i, cost))
        if print_cost and i % 100 == 0:
            costs.append(cost)

    # learning curve
    plt.plot(np.squeeze(costs))
    plt.ylabel("cost")
    plt.xlabel("iterations (per hundreds)")
    plt.title("Learning rate =" + str(learning_rate))
    plt.show()

    return parameters
