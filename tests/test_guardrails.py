"""Rules the test suite keeps about itself.

No test waits for a length of time (time.sleep, asyncio.sleep, Playwright's page.wait_for_timeout): it waits for
a condition with a deadline (tests/waiting.py, Playwright's expect and wait_for_*), or moves a clock on (a
function's `now`, a patched module clock), so that it asserts the same on a fast machine and a loaded one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent
# the one place a test pauses, between two checks of the condition it waits for
ALLOWED = {TESTS / "waiting.py"}
SLEEPING_MODULES = {"time", "asyncio"}


def timed_waits(source: str) -> list[str]:
    """Each call in `source` that waits for a length of time, as "line: call"."""
    tree = ast.parse(source)
    modules = set()  # the names `time` and `asyncio` are bound to in this module
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules |= {alias.asname or alias.name for alias in node.names if alias.name in SLEEPING_MODULES}
        elif isinstance(node, ast.ImportFrom) and node.module in SLEEPING_MODULES:
            found += [
                f"{node.lineno}: from {node.module} import sleep" for a in node.names if a.name == "sleep"
            ]
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
            continue
        func = node.func
        if func.attr == "wait_for_timeout" or (
            func.attr == "sleep" and isinstance(func.value, ast.Name) and func.value.id in modules
        ):
            found.append(f"{node.lineno}: {ast.unparse(func)}()")
    return found


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import time\ntime.sleep(1)", ["2: time.sleep()"]),
        ("import time as t\nt.sleep(0.1)", ["2: t.sleep()"]),
        ("from time import sleep\nsleep(1)", ["1: from time import sleep"]),
        ("import asyncio\nasync def f():\n    await asyncio.sleep(1)", ["3: asyncio.sleep()"]),
        ("page.wait_for_timeout(300)", ["1: page.wait_for_timeout()"]),
        ("import time\ntime.monotonic()\npage.wait_for_function('() => true')", []),
    ],
)
def test_the_check_finds_timed_waits(source, expected):
    assert timed_waits(source) == expected


def test_no_test_waits_for_a_length_of_time():
    offenders = [
        f"{path.relative_to(TESTS.parent)}:{hit}"
        for path in sorted(TESTS.rglob("*.py"))
        if path not in ALLOWED
        for hit in timed_waits(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "wait for a condition (tests/waiting.py) or move a clock instead:\n" + "\n".join(
        offenders
    )
