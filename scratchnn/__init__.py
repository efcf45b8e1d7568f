"""scratchnn: the networks of Andrew Ng's course 1, from scratch in NumPy.

Arrays follow the course: examples are columns, ``X`` (n_x, m), ``W[l]`` (n_l, n_{l-1}),
``b[l]`` (n_l, 1). The course's graded function names live in :mod:`scratchnn.course`.
"""

from scratchnn import data
from scratchnn.activations import (
    ACTIVATIONS,
    Activation,
    get_activation,
    identity,
    identity_backward,
    leaky_relu,
    leaky_relu_backward,
    relu,
    relu_backward,
    sigmoid,
    sigmoid_backward,
    sigmoid_backward_from_A,
    silu,
    silu_backward,
    tanh,
    tanh_backward,
    tanh_backward_from_A,
)
from scratchnn.init import SCHEMES, initialize_parameters
from scratchnn.kernels import LayerCache, LinearCache
from scratchnn.layers import (
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
)
from scratchnn.losses import (
    compute_cost,
    compute_cost_backward,
    cross_entropy_from_logits,
    cross_entropy_from_logits_backward,
    mean_squared_error,
    mean_squared_error_backward,
    sigmoid_cross_entropy_dZ,
)
from scratchnn.network import default_activations, model_backward, model_forward
from scratchnn.training import History, accuracy, predict, train, update_parameters

__version__ = "0.1.0"

__all__ = [
    "ACTIVATIONS",
    "SCHEMES",
    "Activation",
    "History",
    "LayerCache",
    "LinearCache",
    "accuracy",
    "compute_cost",
    "compute_cost_backward",
    "cross_entropy_from_logits",
    "cross_entropy_from_logits_backward",
    "data",
    "default_activations",
    "get_activation",
    "identity",
    "identity_backward",
    "initialize_parameters",
    "leaky_relu",
    "leaky_relu_backward",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "mean_squared_error",
    "mean_squared_error_backward",
    "model_backward",
    "model_forward",
    "predict",
    "relu",
    "relu_backward",
    "sigmoid",
    "sigmoid_backward",
    "sigmoid_backward_from_A",
    "sigmoid_cross_entropy_dZ",
    "silu",
    "silu_backward",
    "tanh",
    "tanh_backward",
    "tanh_backward_from_A",
    "train",
    "update_parameters",
]
