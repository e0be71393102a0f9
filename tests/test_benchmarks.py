"""The benchmark runner's machine-checked targets (verdicts only: no timing here)."""

from __future__ import annotations

import pytest
from benchmarks.run import Case, report_checks, verdict


def _noop() -> None:
    return None


def test_verdict_against_seconds_and_ratio() -> None:
    case = Case("c", _noop, _noop, "ref", max_seconds=1.0, max_ratio=2.0)
    assert verdict(case, 0.5, 0.5) == ("PASS", ["500.0 ms <= 1.00 s", "ratio 1.00 <= 2"])
    status, reasons = verdict(case, 1.5, 1.0)
    assert status == "MISS"
    assert reasons == ["1.50 s > 1.00 s", "ratio 1.50 <= 2"]
    assert verdict(case, 0.9, 0.3)[0] == "MISS"  # ratio 3 > 2
    assert verdict(Case("words only", _noop, target="a few seconds"), 9.0, None) == ("-", [])


def test_ratio_target_needs_a_reference() -> None:
    with pytest.raises(ValueError, match=r"max_ratio=0\.1 needs a reference"):
        Case("c", _noop, max_ratio=0.1)


def test_exit_status(capsys: pytest.CaptureFixture[str]) -> None:
    rows = [("t", "a", "PASS", ["x"]), ("t", "b", "MISS", ["y"]), ("t", "c", "-", [])]
    assert report_checks(rows, fail=True) == 1
    out = capsys.readouterr().out
    assert "PASS  t: a: x" in out and "MISS  t: b: y" in out
    assert "1 PASS, 1 MISS, 1 without a numeric target" in out
    assert report_checks(rows, fail=False) == 0  # quick: reported, not failed
    assert "--strict to fail" in capsys.readouterr().out
    assert report_checks(rows[:1], fail=True) == 0
