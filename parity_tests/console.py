"""Progress lines of the command-line tools, printed whole even when threads print at once."""

from __future__ import annotations

import threading

_print_lock = threading.Lock()


def say(*lines: str) -> None:
    """Print ``lines`` together (no other thread's line between them), flushed at once."""
    with _print_lock:
        for line in lines:
            print(line, flush=True)
