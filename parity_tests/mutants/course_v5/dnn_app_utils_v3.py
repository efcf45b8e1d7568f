"""The staff's helper file of the week-4 application notebook (dnn_app_utils_v3).

The step-by-step notebook's functions as the staff wrote them for the application, except that
initialize_parameters_deep draws its weights with seed 1 and scales them by 1/sqrt(n_{l-1}).
L_model_backward stores dA0 ... dA{L-1}.
"""

# The course's own names and idioms, kept as the notebooks have them: the layer index l, the
# template's unused locals, global np.random seeding.
# ruff: noqa: E741, F841, NPY002, RUF059

import numpy as np


def sigmoid(Z):
    """
    Sigmoid activation, elementwise.

    Arguments:
    Z -- numpy array of any shape

    Returns:
    A -- sigmoid(Z), same shape as Z
    cache -- Z, for the backward pass
    """
    A = 1 / (1 + np.exp(-Z))
    cache = Z

    return A, cache


def relu(Z):
    """
    RELU activation, elementwise.

    Arguments:
    Z -- output of the linear layer, of any shape

    Returns:
    A -- max(0, Z), same shape as Z
    cache -- Z, for the backward pass
    """
    A = np.maximum(0, Z)

    assert A.shape == Z.shape

    cache = Z
    return A, cache


def relu_backward(dA, cache):
    """
    Backward pass through a RELU unit.

    Arguments:
    dA -- gradient with respect to the unit's output A
    cache -- 'Z', stored by relu() in the forward pass

    Returns:
    dZ -- the gradient with respect to Z, shaped like Z
    """
    Z = cache
    dZ = np.array(dA, copy=True)  # a copy, so dA itself is left alone

    # No gradient flows where z <= 0 (z = 0 included).
    dZ[Z <= 0] = 0

    assert dZ.shape == Z.shape

    return dZ


def sigmoid_backward(dA, cache):
    """
    Backward pass through a SIGMOID unit.

    Arguments:
    dA -- gradient with respect to the unit's output A
    cache -- 'Z', stored by sigmoid() in the forward pass

    Returns:
    dZ -- the gradient with respect to Z, shaped like Z
    """
    Z = cache

    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)

    assert dZ.shape == Z.shape

    return dZ


def load_data():
    """
    Read the cat / non-cat data set from datasets/*.h5 (relative to the working directory).

    Returns:
    train_set_x_orig -- training images, (m_train, 64, 64, 3) uint8
    train_set_y_orig -- training labels, (1, m_train)
    test_set_x_orig -- test images, (m_test, 64, 64, 3) uint8
    test_set_y_orig -- test labels, (1, m_test)
    classes -- the class names, [b'non-cat', b'cat']
    """
    import h5py  # only this function needs h5py

    train_dataset = h5py.File("datasets/train_catvnoncat.h5", "r")
    train_set_x_orig = np.array(train_dataset["train_set_x"][:])  # images
    train_set_y_orig = np.array(train_dataset["train_set_y"][:])  # labels

    test_dataset = h5py.File("datasets/test_catvnoncat.h5", "r")
    test_set_x_orig = np.array(test_dataset["test_set_x"][:])  # images
    test_set_y_orig = np.array(test_dataset["test_set_y"][:])  # labels

    classes = np.array(test_dataset["list_classes"][:])  # class names

    train_set_y_orig = train_set_y_orig.reshape((1, train_set_y_orig.shape[0]))
    test_set_y_orig = test_set_y_orig.reshape((1, test_set_y_orig.shape[0]))

    return train_set_x_orig, train_set_y_orig, test_set_x_orig, test_set_y_orig, classes


def initialize_parameters(n_x, n_h, n_y):
    """
    Random small weights (seed 1, * 0.01) and zero biases for a 2-layer network.

    Arguments:
    n_x -- number of input features
    n_h -- number of hidden units
    n_y -- number of output units

    Returns:
    parameters -- python dictionary with W1 (n_h, n_x), b1 (n_h, 1), W2 (n_y, n_h), b2 (n_y, 1)
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


def initialize_parameters_deep(layer_dims):
    """
    Random weights (seed 1, scaled by 1/sqrt of the fan-in) and zero biases for L layers.

    Arguments:
    layer_dims -- [n_x, n_1, ..., n_L]

    Returns:
    parameters -- dictionary of "W1", "b1", ..., "WL", "bL":
                    Wl -- (layer_dims[l], layer_dims[l-1]) weights
                    bl -- (layer_dims[l], 1) zeros
    """
    np.random.seed(1)
    parameters = {}
    L = len(layer_dims)  # the input layer counts too

    for l in range(1, L):
        parameters["W" + str(l)] = np.random.randn(layer_dims[l], layer_dims[l - 1]) / np.sqrt(
            layer_dims[l - 1]
        )
        parameters["b" + str(l)] = np.zeros((layer_dims[l], 1))

        assert parameters["W" + str(l)].shape == (layer_dims[l], layer_dims[l - 1])
        assert parameters["b" + str(l)].shape == (layer_dims[l], 1)

    return parameters


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
    Z = W.dot(A) + b

    assert Z.shape == (W.shape[0], A.shape[1])
    cache = (A, W, b)

    return Z, cache


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
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = sigmoid(Z)

    elif activation == "relu":
        Z, linear_cache = linear_forward(A_prev, W, b)
        A, activation_cache = relu(Z)

    assert A.shape == (W.shape[0], A_prev.shape[1])
    cache = (linear_cache, activation_cache)

    return A, cache


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

    assert AL.shape == (1, X.shape[1])

    return AL, caches


def compute_cost(AL, Y):
    """
    Cross-entropy cost of the predictions AL.

    Arguments:
    AL -- probabilities of label 1, (1, m)
    Y -- labels, 1 for cat and 0 for non-cat, (1, m)

    Returns:
    cost -- the mean cross-entropy, a 0-d value
    """
    m = Y.shape[1]

    # mean cross-entropy over the m examples
    cost = (1.0 / m) * (-np.dot(Y, np.log(AL).T) - np.dot(1 - Y, np.log(1 - AL).T))

    cost = np.squeeze(cost)  # e.g. [[17]] becomes 17
    assert cost.shape == ()

    return cost


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

    dW = 1.0 / m * np.dot(dZ, A_prev.T)
    db = 1.0 / m * np.sum(dZ, axis=1, keepdims=True)
    dA_prev = np.dot(W.T, dZ)

    assert dA_prev.shape == A_prev.shape
    assert dW.shape == W.shape
    assert db.shape == b.shape

    return dA_prev, dW, db


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
    grads["dA" + str(L - 1)], grads["dW" + str(L)], grads["db" + str(L)] = (
        linear_activation_backward(dAL, current_cache, activation="sigmoid")
    )

    for l in reversed(range(L - 1)):
        # hidden layer l + 1: relu, then linear
        current_cache = caches[l]
        dA_prev_temp, dW_temp, db_temp = linear_activation_backward(
            grads["dA" + str(l + 1)], current_cache, activation="relu"
        )
        grads["dA" + str(l)] = dA_prev_temp
        grads["dW" + str(l + 1)] = dW_temp
        grads["db" + str(l + 1)] = db_temp

    return grads


def update_parameters(parameters, grads, learning_rate):
    """
    One gradient descent step on every parameter, written into the given dictionary.

    Arguments:
    parameters -- dictionary of the weights and biases
    grads -- dW1, db1, ..., dWL, dbL (L_model_backward's output)

    Returns:
    parameters -- the same dictionary, holding the updated parameters
                  parameters["W" + str(l)] = ...
                  parameters["b" + str(l)] = ...
    """
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


def predict(X, y, parameters):
    """
    Predict the labels of X with an L-layer network and print the accuracy against y.

    Arguments:
    X -- examples to label, as columns
    y -- the true labels of X, shape (1, m)
    parameters -- trained weights and biases

    Returns:
    p -- 0./1. float labels, (1, m)
    """
    m = X.shape[1]
    n = len(parameters) // 2
    p = np.zeros((1, m))

    # forward pass
    probas, caches = L_model_forward(X, parameters)

    # threshold the probabilities at 0.5
    for i in range(0, probas.shape[1]):
        if probas[0, i] > 0.5:
            p[0, i] = 1
        else:
            p[0, i] = 0

    print("Accuracy: " + str(np.sum((p == y) / m)))

    return p


def print_mislabeled_images(classes, X, y, p):
    """
    Plot the images where the prediction and the truth differ.

    Arguments:
    classes -- the class names (bytes), as load_data() returns them
    X -- flattened images, shape (64*64*3, m)
    y -- true labels, shape (1, m)
    p -- predictions, shape (1, m)
    """
    import matplotlib.pyplot as plt  # only this function draws

    a = p + y
    mislabeled_indices = np.asarray(np.where(a == 1))
    plt.rcParams["figure.figsize"] = (40.0, 40.0)  # a large canvas
    num_images = len(mislabeled_indices[0])
    for i in range(num_images):
        index = mislabeled_indices[1][i]

        plt.subplot(2, num_images, i + 1)
        plt.imshow(X[:, index].reshape(64, 64, 3), interpolation="nearest")
        plt.axis("off")
        plt.title(
            "Prediction: "
            + classes[int(p[0, index])].decode("utf-8")
            + " \n Class: "
            + classes[y[0, index]].decode("utf-8")
        )
