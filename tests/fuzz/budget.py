"""How much each property runs, and the deadline that turns a hang into a failure.

Two hypothesis profiles, registered here and never loaded globally (other suites, schemathesis, keep their own
settings): ``rulings-fuzz-ci`` (derandomized, no example database: reproducible) and ``rulings-fuzz-campaign``
(random, failures kept in ``var/hypothesis``), chosen by ``RULINGS_FUZZ_EXAMPLES`` (see the package doc).
"""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.paths import REPO

CAMPAIGN_EXAMPLES = os.environ.get("RULINGS_FUZZ_EXAMPLES", "").strip()

settings.register_profile("rulings-fuzz-ci", derandomize=True, database=None, deadline=None, print_blob=True)
if CAMPAIGN_EXAMPLES:  # the example database folder exists only for campaigns
    settings.register_profile(
        "rulings-fuzz-campaign", derandomize=False, deadline=None, print_blob=True,
        database=DirectoryBasedExampleDatabase(str(REPO / "var" / "hypothesis")),
    )
PROFILE = settings.get_profile("rulings-fuzz-campaign" if CAMPAIGN_EXAMPLES else "rulings-fuzz-ci")

F = TypeVar("F", bound=Callable[..., Any])


def fuzz(examples: int, *, suppress: tuple[HealthCheck, ...] = ()) -> Callable[[F], F]:
    """The settings of one property: ``examples`` in the suite, ``RULINGS_FUZZ_EXAMPLES`` in a campaign.

    ``deadline=None``: hypothesis' own deadline flags slow examples on a busy machine without telling a hang from
    a hiccup; :func:`deadline` bounds the calls under test instead.
    """
    count = int(CAMPAIGN_EXAMPLES) if CAMPAIGN_EXAMPLES else examples
    return settings(PROFILE, max_examples=count, suppress_health_check=[HealthCheck.too_slow, *suppress])


class Hang(BaseException):  # noqa: N818 - BaseException: the code under test must not be able to swallow it
    """A call ran past its deadline."""


@contextmanager
def deadline(seconds: float = 5.0) -> Iterator[None]:
    """Fail, rather than hang, when the block runs longer than ``seconds``.

    SIGALRM interrupts Python code; time spent in C (which delays the signal until it returns) is checked on the
    way out. An enclosing alarm (pytest-timeout's signal method) is put back with what is left of it.
    """
    def on_alarm(signum: int, frame: object) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        elapsed = time.monotonic() - started
        if outer_delay:
            signal.setitimer(signal.ITIMER_REAL, max(outer_delay - elapsed, 0.001), outer_interval)
    if elapsed > seconds:
        raise Hang(f"took {elapsed:.1f} s, deadline {seconds} s")
