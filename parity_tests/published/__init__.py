"""The course's own published test cases and expected outputs, as data (weeks 2, 3 and 4).

Each case is a function returning ``{"inputs": ..., "expected": ..., "atol"/"rtol": ...}``, the
inputs rebuilt exactly as the course's test generators build them. The registry's ``published``
family (:mod:`parity_tests.registry.published`) checks any implementation against them.
"""
