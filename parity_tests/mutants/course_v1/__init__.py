"""A learner's completed course-1 code as the 2017 notebooks (v1-v4 era) have it.

Plain NumPy, one file per notebook, in the style of that era's templates: ``logistic`` (week 2),
``shallow`` (week 3, with ``planar_utils``), ``deep`` (week 4 step by step, with
``dnn_utils_v2``; its L_model_backward stores dA1 ... dAL, shifted by one) and ``app`` (week 4
application, with ``dnn_app_utils_v2``, whose L_model_backward is shifted the same way). Test
material for the gate: every function is correct and seeds the global ``np.random`` where the
notebooks do.
"""
