r"""The course's week-4 API: the L-layer network, step by step and as an application.

The graded names and signatures of "Building your Deep Neural Network: Step by Step" and "Deep
Neural Network - Application", over :mod:`scratchnn`'s core. Where the course calls
``np.random.seed(k)`` these functions take ``rng`` and use the notebook's seed when it is None.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from scratchnn import init, layers, losses, network, training
from scratchnn._validate import Array, as_array, count
from scratchnn.init import RandomGenerator, course_rng
from scratchnn.kernels import LayerCache, LayerCacheLike, LinearCache

__all__ = [
    "L_layer_model",
    "L_model_backward",
    "L_model_forward",
    "compute_cost",
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_activation_backward",
    "linear_activation_forward",
    "linear_backward",
    "linear_forward",
    "predict",
    "two_layer_model",
    "update_parameters",
]


def initialize_parameters(
    n_x: int, n_h: int, n_y: int, rng: RandomGenerator | None = None
) -> dict[str, Array]:
    """Two-layer parameters: W drawn ``randn * 0.01``, b zeros; rng None is the course's seed 1."""
    return init.initialize_parameters([n_x, n_h, n_y], scheme="scaled", rng=course_rng(rng, 1))


def initialize_parameters_deep(
    layer_dims: Sequence[int], rng: RandomGenerator | None = None
) -> dict[str, Array]:
    """L-layer parameters as the application does: ``randn(n_l, n_{l-1}) / sqrt(n_{l-1})``.

    rng None is the course's seed 1 (``dnn_app_utils``). The step-by-step notebook's variant
    (seed 3, ``* 0.01``) is ``scratchnn.initialize_parameters(dims, scheme="scaled",
    rng=np.random.RandomState(3))``.
    """
    return init.initialize_parameters(layer_dims, scheme="sqrt_fan_in", rng=course_rng(rng, 1))


def linear_forward(A: Array, W: Array, b: Array) -> tuple[Array, LinearCache]:
    """``Z = W A + b`` and the cache ``(A, W, b)``; see :func:`scratchnn.linear_forward`."""
    return layers.linear_forward(A, W, b)


def linear_activation_forward(
    A_prev: Array, W: Array, b: Array, activation: str
) -> tuple[Array, LayerCache]:
    """``A = g(W A_prev + b)`` and the cache ``((A_prev, W, b), Z)``."""
    return layers.linear_activation_forward(A_prev, W, b, _name(activation))


def L_model_forward(X: Array, parameters: Mapping[str, Array]) -> tuple[Array, list[LayerCache]]:
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID; returns AL (1, m) and the L caches."""
    return network.model_forward(X, parameters)


def compute_cost(AL: Array, Y: Array) -> float:
    """Cross-entropy cost, mean over m, as the course computes it (no clamp, any real Y).

    An error where the course's formula would not be finite; see :func:`scratchnn.compute_cost`
    for PyTorch's clamped form.
    """
    return losses.course_cost(AL, Y)


def linear_backward(
    dZ: Array, cache: LinearCache | tuple[Array, Array, Array]
) -> tuple[Array, Array, Array]:
    """``(dA_prev, dW, db)`` from ``dZ`` and the cache ``(A_prev, W, b)``."""
    return layers.linear_backward(dZ, cache)


def linear_activation_backward(
    dA: Array, cache: LayerCacheLike, activation: str
) -> tuple[Array, Array, Array]:
    """``(dA_prev, dW, db)`` through the activation and the linear step."""
    return layers.linear_activation_backward(dA, cache, _name(activation))


def L_model_backward(AL: Array, Y: Array, caches: Sequence[LayerCacheLike]) -> dict[str, Array]:
    """Gradients ``dA0 .. dA{L-1}``, ``dW1 .. dWL``, ``db1 .. dbL`` of the L-layer model.

    Starts from the course's ``dAL = -(Y/AL - (1-Y)/(1-AL))`` as the course computes it, for any
    finite AL and Y (the course's own test feeds an AL drawn from randn); an error only where it
    divides by zero. :func:`scratchnn.compute_cost_backward` is PyTorch's clamped form.
    """
    dAL = losses.course_cost_backward(AL, Y)  # refuses a dAL that is not finite
    return network.backward_checked(dAL, caches, dAL_finite=True)


def update_parameters(
    parameters: Mapping[str, Array], grads: Mapping[str, Array], learning_rate: float
) -> dict[str, Array]:
    """One gradient-descent step; returns a new dict (the input is left unchanged)."""
    return training.update_parameters(parameters, grads, learning_rate)


def two_layer_model(
    X: Array,
    Y: Array,
    layers_dims: Sequence[int],
    learning_rate: float = 0.0075,
    num_iterations: int = 3000,
    print_cost: bool = False,
    rng: RandomGenerator | None = None,
) -> tuple[dict[str, Array], list[float]]:
    """LINEAR->RELU->LINEAR->SIGMOID trained by gradient descent; costs every 100 iterations.

    ``layers_dims`` is ``(n_x, n_h, n_y)``; initialization as :func:`initialize_parameters`.
    """
    if len(layers_dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y); got {list(layers_dims)!r}")
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)
    return _fit(X, Y, parameters, learning_rate, num_iterations, print_cost)


def L_layer_model(
    X: Array,
    Y: Array,
    layers_dims: Sequence[int],
    learning_rate: float = 0.0075,
    num_iterations: int = 3000,
    print_cost: bool = False,
    rng: RandomGenerator | None = None,
) -> tuple[dict[str, Array], list[float]]:
    """[LINEAR->RELU] x (L-1) -> LINEAR->SIGMOID trained by gradient descent.

    Initialization as :func:`initialize_parameters_deep`; returns the parameters and the cost at
    iterations 0, 100, 200, ... (each computed before that iteration's update).
    """
    parameters = initialize_parameters_deep(layers_dims, rng=rng)
    return _fit(X, Y, parameters, learning_rate, num_iterations, print_cost)


def predict(X: Array, y: Array, parameters: Mapping[str, Array]) -> Array:
    """Predictions (1, m) of 0. and 1. (AL > 0.5); ``y`` (1, m) is checked against them.

    The course's version also prints the accuracy; here ``scratchnn.accuracy(p, y)`` gives it.
    """
    p = training.predict(X, parameters)
    training.accuracy(p, y, y_name="y")  # validates y against p
    return p


def _fit(
    X: Array,
    Y: Array,
    parameters: dict[str, Array],
    learning_rate: float,
    num_iterations: int,
    print_cost: bool,
) -> tuple[dict[str, Array], list[float]]:
    num_iterations = count(num_iterations, "num_iterations")
    X = as_array(X, "X")
    parameters = {k: v.astype(X.dtype, copy=False) for k, v in parameters.items()}
    parameters, history = training.train(
        X,
        Y,
        parameters,
        learning_rate=learning_rate,
        num_iterations=num_iterations,
        loss="course_cross_entropy",
        callback=_cost_printer(print_cost, every=100),
    )
    return parameters, history.every(100)


def _cost_printer(print_cost: bool, every: int) -> training.Callback | None:
    if not print_cost:
        return None

    def show(i: int, cost: float) -> None:
        if i % every == 0:
            print(f"Cost after iteration {i}: {cost}")  # asked for by print_cost=True

    return show


def _name(activation: str) -> str:
    if not isinstance(activation, str):
        raise TypeError(f"activation must be a name; got {type(activation).__name__}")
    return activation
