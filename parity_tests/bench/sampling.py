"""How the benchmark takes a sample of a runner, side by side or in a process of its own."""

from __future__ import annotations

import ctypes
import time
from collections.abc import Callable

#: A runner takes k steps of one library's training.
Runner = Callable[[int], None]


def sample(run: Runner, k: int, cool_down: float) -> float:
    """One sample: a pause, one untimed step, then the per-step time of k steps.

    The untimed step puts the runner where a user's loop is after its first step: its arrays in
    the caches, its thread pools awake. Without it, a runner sampled after a long wait (another
    runner's turn, or a process of its own waiting for its turn) ran up to 1.35x slower.
    """
    idle(cool_down)
    run(1)
    start = time.perf_counter()
    run(k)
    return (time.perf_counter() - start) / k


def timed_step(run: Runner) -> float:
    """Seconds of one step."""
    start = time.perf_counter()
    run(1)
    return time.perf_counter() - start


def idle(seconds: float) -> None:
    """Wait ``seconds`` on the main thread, busy: no other thread runs meanwhile, but the core
    stays awake (after a sleep of 0.1-0.3 s, the next sample ran up to 1.4x slower here, even
    on one thread: a virtual machine's idle core takes a while to come back to speed)."""
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass


def set_threads(threads: int) -> Callable[[], None]:
    """Give torch and NumPy's BLAS ``threads`` threads each; returns what restores the defaults."""
    import torch
    from threadpoolctl import threadpool_limits

    torch_threads = torch.get_num_threads()
    torch.set_num_threads(threads)
    limits = threadpool_limits(threads)

    def restore() -> None:
        limits.restore_original_limits()
        torch.set_num_threads(torch_threads)

    return restore


#: glibc's ``mallopt`` parameters (malloc.h), and what the benchmark's own process sets them to.
M_TRIM_THRESHOLD, M_MMAP_THRESHOLD = -1, -3
MMAP_THRESHOLD = 32 << 20  # glibc's largest
TRIM_THRESHOLD = 1 << 30


def steady_allocator() -> str:
    """Keep the C allocator from handing freed memory back to the system, and say what it did.

    Runners that share a process share its heap. With glibc's defaults, a runner's free could
    leave enough at the heap's top to trim it, and the next X-sized array of another runner
    (torch's gradient for X) came in fresh pages: 500-1300 page faults a step, and torch's
    cat-4 step up to 3x slower than in a process of its own. With freed blocks kept (and blocks
    up to 32 MiB served from the heap), neither runner pays for the other's frees. The processes
    that time a runner alone keep the defaults: they check that this flatters neither side.
    Elsewhere than glibc, nothing is changed.
    """
    try:
        libc = ctypes.CDLL(None)
        mallopt = libc.mallopt
    except (OSError, AttributeError, TypeError):  # no C library by that name (Windows), no mallopt
        return "default (no mallopt)"
    kept = mallopt(M_MMAP_THRESHOLD, MMAP_THRESHOLD) and mallopt(M_TRIM_THRESHOLD, TRIM_THRESHOLD)
    if not kept:
        return "default (mallopt refused)"
    return f"glibc: freed memory kept (mmap threshold {MMAP_THRESHOLD >> 20} MiB, no trim)"
