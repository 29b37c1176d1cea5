"""Job kinds of the worker tests, registered in the test process (through monkeypatch) and in the worker
processes they start (run.py)."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from waiting import wait_until

SLOW = "tests.slow"
EXPLODE = "tests.explode"
RECORD = "tests.record"


def slow(job, progress):
    """Runs until the file named by `release` exists (never, when the test kills its worker in the middle);
    without one it ends at once. Recurring, like the platform's own long jobs."""
    if release := job.params.get("release"):
        wait_until(Path(release).exists, what=f"{release} to exist", seconds=120)
    return {"message": "Gotowe."}


def explode(job, progress):
    raise RuntimeError("awaria w kodzie zadania")


def record(job, progress):
    """Each execution leaves a trace outside the database, so that a job run twice is seen even though the
    second run would find the job's row already finished."""
    import redis

    connection = redis.Redis.from_url(os.environ["ZIT_TEST_EXECUTIONS_URL"])
    key = os.environ["ZIT_TEST_EXECUTIONS_KEY"]
    connection.rpush(key, f"{job.pk}:{os.getpid()}")
    if job.params.get("until_both_workers"):
        # held until the other worker has run a job too, so that each is seen taking some, however fast
        # one of them starts; a job delivered twice would meanwhile run again and be recorded twice
        def both() -> bool:
            return len({entry.split(b":")[1] for entry in connection.lrange(key, 0, -1)}) >= 2

        with contextlib.suppress(AssertionError):  # the test then sees one worker only and says so
            wait_until(both, what="the other worker's first job", seconds=30)
    return {"message": "Zapisano."}


KINDS = {
    SLOW: (slow, "Powolne zadanie testowe", dt.timedelta(hours=1)),
    EXPLODE: (explode, "Zadanie testowe z błędem", None),
    RECORD: (record, "Zapis wykonania", None),
}


def install(setitem) -> None:
    """`setitem(mapping, key, value)`: monkeypatch.setitem in a test, plain assignment in a worker."""
    from zit.core import jobs

    for kind, (handler, title, every) in KINDS.items():
        setitem(jobs._HANDLERS, kind, handler)
        setitem(jobs._TITLES, kind, title)
        if every is not None:
            setitem(jobs._RECURRING, kind, every)
