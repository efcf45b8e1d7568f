"""Stand-in for the course's week-2 ``lr_utils``: ``load_dataset()`` from the cat data, if given.

``load_dataset()`` returns the course's five values (``train_set_x_orig`` (m, 64, 64, 3) uint8,
``train_set_y`` (1, m), ``test_set_x_orig``, ``test_set_y``, ``classes`` as bytes) read with
`scratchnn.data.load_cat_raw` from ``$SCRATCHNN_CAT_DATA``; without it, a clear error.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np
from numpy.typing import NDArray

from parity_tests.course_helpers._unavailable import NotProvidedError

__all__ = ["load_dataset"]

CAT_ENV = "SCRATCHNN_CAT_DATA"


def load_dataset() -> tuple[NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any], NDArray[Any]]:
    """The course's cat images, unprocessed, from ``$SCRATCHNN_CAT_DATA``."""
    path = os.environ.get(CAT_ENV)
    if not path:
        raise NotProvidedError(
            f"lr_utils.load_dataset: the grader has no cat data (set ${CAT_ENV} to cat.npz or to "
            "the folder of the course's .h5 files)"
        )
    from scratchnn.data import load_cat_raw

    raw = load_cat_raw(path)
    classes = np.array([name.encode() for name in raw.classes])
    return (
        raw.train_x,
        raw.train_y.reshape(1, -1),
        raw.test_x,
        raw.test_y.reshape(1, -1),
        classes,
    )
