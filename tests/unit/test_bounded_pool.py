"""One pathological document cannot hang, crash or exhaust a batch."""

from __future__ import annotations

import os
import time

from archive.errors import ProcessingTimeoutError, ResourceLimitError, RulingsError
from ingest.bounded import BoundedPool


def _work(task: str) -> str:
    if task == "slow":
        time.sleep(30)
    if task == "crash":
        os._exit(7)
    if task == "hog":
        blocks = []
        for _ in range(10_000):
            blocks.append(bytearray(50 * 1024 * 1024))
    if task == "bad":
        raise RulingsError("bad document")
    return task.upper()


def test_every_task_gets_an_outcome_and_the_batch_goes_on() -> None:
    pool = BoundedPool(_work, processes=2, timeout_s=2, memory_mb=256)
    tasks = ["a", "slow", "b", "crash", "hog", "bad", "c"]
    results = dict(pool.map(list(enumerate(tasks))))
    assert set(results) == set(range(len(tasks)))
    assert results[0] == "A" and results[2] == "B" and results[6] == "C"
    assert isinstance(results[1], ProcessingTimeoutError)
    assert isinstance(results[3], ResourceLimitError)
    assert isinstance(results[4], ResourceLimitError)
    assert isinstance(results[5], RulingsError) and results[5].message == "bad document"


def test_empty_batch() -> None:
    assert list(BoundedPool(_work, processes=2, timeout_s=1, memory_mb=0).map([])) == []


def _broken_init() -> None:
    os._exit(3)


def test_workers_that_cannot_start_raise_a_clear_error() -> None:
    import pytest

    from archive.errors import ConfigurationError

    pool = BoundedPool(_work, processes=1, timeout_s=5, memory_mb=0, init=_broken_init)
    with pytest.raises(ConfigurationError):
        list(pool.map([(0, "a")]))
