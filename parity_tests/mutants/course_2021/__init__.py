"""A learner's completed course-1 code as the 2021+ notebooks (W2A2, W3A1, W4A1, W4A2) have it.

Plain NumPy, one file per assignment, in the style of the rewritten templates (graded against
``public_tests.py``): ``logistic`` (W2A2), ``shallow`` (W3A1, with ``planar_utils``), ``deep``
(W4A1, with ``dnn_utils``) and ``app`` (W4A2, with ``dnn_app_utils_v3``). Test material for the
gate: every function is correct and seeds the global ``np.random`` where the notebooks do.
"""
