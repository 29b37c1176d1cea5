"""How a test waits: for a condition, with a deadline, never for a length of time.

A test that sleeps "long enough" is slow on a fast machine and flaky on a loaded one; one that waits for what it
needs (a row's state, a file, a process's trace) is neither. This is the only module under tests/ allowed to
pause (tests/test_guardrails.py), and only between two checks of the condition."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(
    condition: Callable[[], object],
    *,
    what: str,
    seconds: float = 30.0,
    every: float = 0.05,
) -> None:
    """Return as soon as `condition()` is true; raise AssertionError naming `what` after `seconds` (a deadline
    for a broken run, not a length the test relies on)."""
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")
        time.sleep(every)
