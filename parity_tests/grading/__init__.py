"""Grading learners' submissions: the rubric, the grader, Gradescope's results.json, the class
summary (``scratchnn-parity grade``)."""
