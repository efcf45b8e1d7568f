"""The HTML parity report: ``scratchnn-parity report`` and ``scratchnn-parity merge``.

- :mod:`~parity_tests.report.cli`: the ``report`` subcommand (runs the suite in a subprocess,
  streams its progress, computes the evidence meanwhile, renders even when the suite fails or is
  interrupted); :mod:`~parity_tests.report.merge`: the ``merge`` subcommand (the matrix);
- :mod:`~parity_tests.report.collect`: reads a results directory (``cases-*.jsonl``, ``run.json``)
  into one status per case and implementation, with the registry's conventions and
  (:mod:`~parity_tests.report.docmath`) the math of each function's docstring;
- :mod:`~parity_tests.report.evidence`: the measured conventions (layout, 1/m, keepdims, ReLU'(0),
  the clamp, saturation, symmetry); :mod:`~parity_tests.report.trajectories`: training runs of
  scratchnn and torch side by side; :mod:`~parity_tests.report.jobs`: the worker processes;
- :mod:`~parity_tests.report.plots`: matplotlib figures as inline SVG;
- :mod:`~parity_tests.report.render`: Jinja2 (autoescaped) templates under ``templates/``.

The report is one self-contained HTML file: CSS and SVG inline, no script, no remote resource.
"""

from __future__ import annotations

REPORT_FILE = "parity-report.html"
MATRIX_FILE = "parity-matrix.html"
EVIDENCE_FILE = "report.json"
