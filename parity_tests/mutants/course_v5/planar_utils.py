"""The staff's planar_utils helpers that the week-3 notebook's graded code uses (sigmoid only)."""

import numpy as np


def sigmoid(x):
    """
    Logistic sigmoid, elementwise.

    Arguments:
    x -- a number or an array

    Return:
    s -- 1 / (1 + exp(-x)), same shape as x
    """
    s = 1 / (1 + np.exp(-x))
    return s
