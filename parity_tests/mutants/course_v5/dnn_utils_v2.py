"""The staff's activation helpers for the step-by-step notebook (dnn_utils_v2)."""

import numpy as np


def sigmoid(Z):
    """
    Sigmoid activation, elementwise.

    Arguments:
    Z -- numpy array of any shape

    Returns:
    A -- sigmoid(Z), same shape as Z
    cache -- Z itself, kept for the backward pass
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
    cache -- Z itself, kept for the backward pass
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
    cache -- 'Z', stored by relu() during the forward pass

    Returns:
    dZ -- the gradient with respect to Z, shaped like Z
    """
    Z = cache
    dZ = np.array(dA, copy=True)  # a copy: dA itself stays untouched

    # The slope is 0 where z <= 0 (z = 0 included).
    dZ[Z <= 0] = 0

    assert dZ.shape == Z.shape

    return dZ


def sigmoid_backward(dA, cache):
    """
    Backward pass through a SIGMOID unit.

    Arguments:
    dA -- gradient with respect to the unit's output A
    cache -- 'Z', stored by sigmoid() during the forward pass

    Returns:
    dZ -- the gradient with respect to Z, shaped like Z
    """
    Z = cache

    s = 1 / (1 + np.exp(-Z))
    dZ = dA * s * (1 - s)

    assert dZ.shape == Z.shape

    return dZ
