"""A learner's completed course-1 code as the 2018-2020 notebooks (v5-v8 era) have it.

Plain NumPy, one file per notebook, written in the style of that era's templates (v8 conventions
where v5 and v8 differ): ``logistic`` (week 2, ..._v6a), ``shallow`` (week 3, ..._v6c, with
``planar_utils``), ``deep`` (week 4 step by step, v8a, with ``dnn_utils_v2``) and ``app`` (week 4
application, v8, with ``dnn_app_utils_v3``). Test material for the gate: every function is
correct and seeds the global ``np.random`` where the notebooks do.
"""
