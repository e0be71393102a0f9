"""Shared pytest set-up: hypothesis profiles and doctest namespace.

Profiles: ``ci`` (derandomized, fixed example count: what CI and ``make check`` use),
``dev`` (more examples, random), ``long`` (for a thorough local run:
``HYPOTHESIS_PROFILE=long pytest``) and ``fuzz-long`` (``tests/fuzz`` with 5,000
examples per entry point and shrinking: ``HYPOTHESIS_PROFILE=fuzz-long pytest tests/fuzz``).
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=60,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile("dev", max_examples=200, deadline=None)
settings.register_profile(
    "long",
    max_examples=3000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "fuzz-long",
    max_examples=5000,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev")
)
