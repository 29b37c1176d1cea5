"""Job kinds of the worker tests, registered in the test process (through monkeypatch) and in the worker
processes they start (run.py)."""

from __future__ import annotations

import datetime as dt
import os
import time

SLOW = "tests.slow"
EXPLODE = "tests.explode"
RECORD = "tests.record"


def slow(job, progress):
    """Long enough to be killed in the middle; recurring, like the platform's own long jobs."""
    seconds = float(job.params.get("seconds", 120))
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(0.1)
    return {"message": "Gotowe."}


def explode(job, progress):
    raise RuntimeError("awaria w kodzie zadania")


def record(job, progress):
    """Each execution leaves a trace outside the database, so that a job run twice is seen even though the
    second run would find the job's row already finished."""
    import redis

    connection = redis.Redis.from_url(os.environ["ZIT_TEST_EXECUTIONS_URL"])
    connection.rpush(os.environ["ZIT_TEST_EXECUTIONS_KEY"], f"{job.pk}:{os.getpid()}")
    time.sleep(float(job.params.get("seconds", 0.2)))
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
