"""Week 4: Building your Deep Neural Network: Step by Step (2021 W4A1 notebook)."""

# The course's own names and idioms, kept as the notebooks have them: the layer index l, the
# template's unused locals, global np.random seeding.
# ruff: noqa: E741, F841, NPY002, RUF059

import copy

import numpy as np

from .dnn_utils import relu, relu_backward, sigmoid, sigmoid_backward


# GRADED FUNCTION: initialize_parameters
def initialize_parameters(n_x, n_h, n_y):
    """
    Random small weights and zero biases for a 2-layer network.

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
    np.random.seed(1)

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


# GRADED FUNCTION: initialize_parameters_deep
def initialize_parameters_deep(layer_dims):
    """
    Random small weights and zero biases for an L-layer network.

    Arguments:
    layer_dims -- [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dictionary of "W1", "b1", ..., "WL", "bL":
                    Wl -- (layer_dims[l], layer_dims[l-1]) weights
                    bl -- (layer_dims[l], 1) zeros
    """
    np.random.seed(3)
    parameters = {}
    L = len(layer_dims)  # the input layer counts too

    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) * 0.01
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))

        assert parameters["W" + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters["b" + str(l)].shape == (layer_dims[l], 1)

    return parameters


# GRADED FUNCTION: linear_forward
def linear_forward(A, W, b):
    """
    Linear part of one layer's forward pass.

    Arguments:
    A -- output of layer l-1 (X for the first layer), (n_{l-1}, m)
    W -- weights of this layer, (n_l, n_{l-1})
    b -- biases of this layer, (n_l, 1)

    Returns:
    Z -- pre-activation of the current layer
    cache -- tuple (A, W, b), kept for the backward pass
    """
    Z = np.dot(W, A) + b
    cache = (A, W, b)

    return Z, cache


# GRADED FUNCTION: linear_activation_forward
def linear_activation_forward(A_prev, W, b, activation):
    """
    Forward pass of one LINEAR->ACTIVATION layer.

    Arguments:
    A_prev -- output of layer l-1 (X for the first layer), (n_{l-1}, m)
    W -- weights of this layer, (n_l, n_{l-1})
    b -- biases of this layer, (n_l, 1)
    activation -- "sigmoid" or "relu" (nothing else)

    Returns:
    A -- post-activation value of the layer
    cache -- tuple (linear_cache, activation_cache), kept for the backward pass
    """
    if activation == "sigmoid":
        # linear step, then the activation
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)

    elif activation == "relu":
        # linear step, then the activation
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    cache = (linear_cache, activation_cache)

    return A, cache


# GRADED FUNCTION: L_model_forward
def L_model_forward(X, parameters):
    """
    Forward pass of [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID.

    Arguments:
    X -- examples as columns, (n_x, m)
    parameters -- W1, b1, ..., WL, bL (e.g. from initialize_parameters_deep)

    Returns:
    AL -- output of the sigmoid layer, (1, m)
    caches -- one linear_activation_forward cache per layer, caches[0 .. L-1]
    """
    caches = []
    A = X
    L = len(parameters) // 2  # how many layers have weights

    # hidden layers 1 .. L-1: linear, then relu
    for l in range(1, L):
        A_prev = A
        A, cache = linear_activation_forward(
            A_prev, parameters["W" + str(l)], parameters["b" + str(l)], activation="relu"
        )
        caches.append(cache)

    # output layer: linear, then sigmoid
    AL, cache = linear_activation_forward(
        A, parameters["W" + str(L)], parameters["b" + str(L)], activation="sigmoid"
    )
    caches.append(cache)

    return AL, caches


# GRADED FUNCTION: compute_cost
def compute_cost(AL, Y):
    """
    Cross-entropy cost of the predictions AL.

    Arguments:
    AL -- probabilities of label 1, (1, m)
    Y -- labels (0 or 1), (1, m)

    Returns:
    cost -- the mean cross-entropy, a 0-d value
    """
    m = Y.shape[1]

    # mean cross-entropy over the m examples
    cost = (-1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))

    cost = np.squeeze(cost)  # e.g. [[17]] becomes 17

    return cost


# GRADED FUNCTION: linear_backward
def linear_backward(dZ, cache):
    """
    Linear part of one layer's backward pass (layer l).

    Arguments:
    dZ -- gradient with respect to Z of layer l
    cache -- tuple (A_prev, W, b) from the forward pass of layer l

    Returns:
    dA_prev -- gradient flowing into layer l-1's activation, shaped like A_prev
    dW -- dJ/dW of layer l, shaped like W
    db -- dJ/db of layer l, shaped like b
    """
    A_prev, W, b = cache
    m = A_prev.shape[1]

    dW = (1 / m) * np.dot(dZ, A_prev.T)
    db = (1 / m) * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    return dA_prev, dW, db


# GRADED FUNCTION: linear_activation_backward
def linear_activation_backward(dA, cache, activation):
    """
    Backward pass of one LINEAR->ACTIVATION layer.

    Arguments:
    dA -- gradient with respect to layer l's output A
    cache -- tuple (linear_cache, activation_cache) from the forward pass
    activation -- "sigmoid" or "relu" (nothing else)

    Returns:
    dA_prev -- gradient flowing into layer l-1's activation, shaped like A_prev
    dW -- dJ/dW of layer l, shaped like W
    db -- dJ/db of layer l, shaped like b
    """
    linear_cache, activation_cache = cache

    if activation == "relu":
        dZ = relu_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    elif activation == "sigmoid":
        dZ = sigmoid_backward(dA, activation_cache)
        dA_prev, dW, db = linear_backward(dZ, linear_cache)

    return dA_prev, dW, db


# GRADED FUNCTION: L_model_backward
def L_model_backward(AL, Y, caches):
    """
    Backward pass of [LINEAR->RELU]*(L-1) -> LINEAR->SIGMOID.

    Arguments:
    AL -- output probabilities from L_model_forward, (1, m)
    Y -- labels (0 or 1), (1, m)
    caches -- the forward caches, caches[0 .. L-2] of the relu layers and
              caches[L-1] of the sigmoid layer

    Returns:
    grads -- dictionary of the gradients, keyed as below
             grads["dA" + str(l)] = gradient of the activation of layer l (l = 0...L-1)
             grads["dW" + str(l)] = ...
             grads["db" + str(l)] = ...
    """
    grads = {}
    L = len(caches)  # one cache per layer
    m = AL.shape[1]
    Y = Y.reshape(AL.shape)  # Y now has AL's shape

    # gradient of the cost with respect to AL
    dAL = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))

    # output layer L: sigmoid, then linear
    current_cache = caches[L - 1]
    dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
        dAL, current_cache, activation="sigmoid"
    )
    grads["dA" + str(L - 1)] = dA_prev_temp
    grads["dW" + str(L)] = dW_temp
    grads["db" + str(L)] = db_temp

    # hidden layers, from l = L-2 down to l = 0: relu, then linear
    for l in reversed(range(L - 1)):
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, activation="relu"
        )
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp

    return grads


# GRADED FUNCTION: update_parameters
def update_parameters(params, grads, learning_rate):
    """
    One gradient descent step on every parameter.

    Arguments:
    params -- python dictionary with the parameters (left unchanged)
    grads -- dW1, db1, ..., dWL, dbL (L_model_backward's output)

    Returns:
    parameters -- a deep copy of params, holding the updated parameters
                  parameters["W" + str(l)] = ...
                  parameters["b" + str(l)] = ...
    """
    parameters = copy.deepcopy(params)
    L = len(parameters) // 2  # how many layers have weights

    # W := W - alpha dW and b := b - alpha db, layer by layer
    for l in range(L):
        parameters["W" + str(l + 1)] = (
            parameters["W" + str(l + 1)] - learning_rate * grads["dW" + str(l + 1)]
        )
        parameters["b" + str(l + 1)] = (
            parameters["b" + str(l + 1)] - learning_rate * grads["db" + str(l + 1)]
        )

    return parameters
