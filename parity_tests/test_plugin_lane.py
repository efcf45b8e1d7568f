"""The plugin stays in its lane: in another project's pytest run it does nothing at all.

Installed, scratchnn's pytest plugin is loaded by every pytest run of the environment. A run that
does not collect the parity suite must see no header of ours, no torch imported, no thread count
changed and no complaint about its own HYPOTHESIS_PROFILE.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

TINY = textwrap.dedent(
    """
    import os
    import sys

    import numpy as np
    from threadpoolctl import threadpool_info


    def test_an_unrelated_project():
        assert np.add(1, 1) == 2
        assert "torch" not in sys.modules, "a foreign run imported torch"
        blas = {i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"}
        assert blas == {os.cpu_count()}, f"BLAS threads changed to {blas}"
    """
)


def test_a_foreign_run_sees_nothing_of_ours(tmp_path: Path) -> None:
    (tmp_path / "test_tiny.py").write_text(TINY, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "OPENBLAS", "OMP"))}
    env["HYPOTHESIS_PROFILE"] = "their_own_profile"  # not one of ours: must not abort their run
    cmd = [sys.executable, "-m", "pytest", "test_tiny.py", "-p", "no:cacheprovider", "-n", "2"]
    proc = subprocess.run(
        cmd, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300, check=False
    )
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out
    assert "1 passed" in out
    assert "scratchnn parity" not in out and "cat data" not in out, out
