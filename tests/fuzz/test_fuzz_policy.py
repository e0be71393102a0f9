"""Fuzz the TOML loaders (plan files, scoring schemes, facility kinds) and scoring.

The TOML text is assembled from lines that broke loaders before (hardening): values
of the wrong shape (``targets = 5``, ``indicator = [1]``, ``partners = "abc"``),
numbers beyond every bound (``"1e999999999"``, 5000 digits, ``inf``, ``nan``),
arrays nested thousands deep, and tables in the wrong place. Invalid TOML is fine:
it must come back as a ``DataError``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from decimal import Decimal
from pathlib import Path
from typing import Any

from fuzzutil import HOSTILE, bounded, budget, call
from hypothesis import given
from hypothesis import strategies as st

from sportsgov import plans
from sportsgov.assessment import Observation, assess, load_scheme, load_scheme_file, score
from sportsgov.facilities import FacilityKinds
from sportsgov.plans import Plan

LEAVES: list[Any] = [
    1, -1, 0, 1.5, 1e308, math.inf, -math.inf, math.nan, True, 2**63 - 1,
    dt.date(2024, 1, 1), "abc", "", "2024", "2024-Q5", "2024-06/2022-08", "1e999999999",
    "Infinity", "sNaN", "1E+100000000", "9" * 5000, "mass_sports_events", "per_capita_area",
    ">=", "between", "万", "平方米/人", "m**99999999", "2 10**10**10", "given", "bands",
    "proportional", "threshold", "per_unit", "input:x", "target", "area", "length",
    "football", "2024-12-31", "0.01", "bonus", "deduction", "growth_percent",
]  # fmt: skip
PLAN_KEYS = [
    "name", "issuer", "period", "title", "region", "published", "source", "lead", "note",
    "phases", "targets", "tasks", "baselines", "id", "indicator", "comparator", "value",
    "upper", "unit", "scope", "partners", "baseline", "pace", "deadline", "milestones",
    "on", "what", "as_of", "last_verified", "verified", "document", "quote",
]  # fmt: skip
SCHEME_KEYS = [
    "name", "title", "items", "edges", "bonus_cap", "precision", "source", "id", "points",
    "rule", "group", "transform", "threshold", "direction", "step", "per_step", "required",
    "per_unit", "bands", "bands_otherwise", "choose_by", "weight", "measure", "lo", "hi",
    "lo_inclusive", "hi_inclusive",
]  # fmt: skip
KIND_KEYS = ["version", "title", "code", "name_zh", "name_en", "group", "measure",
             "counts_toward_area", "counts_as_pitch", "ball_court", "kind"]  # fmt: skip
DEEP = "[" * 3000 + "]" * 3000


def _toml(value: Any) -> str:
    """A TOML literal (inline arrays and tables), or raw text for ``DEEP``."""
    if value is DEEP:
        return DEEP
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, int | dt.date):
        return str(value) if isinstance(value, int) else value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + "}"


def documents(keys: list[str], base: dict[str, Any], rows: dict[str, Any]) -> Any:
    """TOML documents: ``base`` with keys set to hostile values, and sections (``rows``
    keys) that are arrays of tables with hostile entries, or not arrays at all."""
    leaf = st.sampled_from([*LEAVES, DEEP])
    value = st.recursive(
        leaf,
        lambda inner: st.one_of(
            st.lists(inner, max_size=3),
            st.dictionaries(st.sampled_from(keys), inner, max_size=3),
        ),
        max_leaves=6,
    )
    sections = {
        name: st.one_of(
            value,
            st.lists(
                st.builds(
                    lambda good, bad: {**good, **bad},
                    st.sampled_from([{}, row]),
                    st.dictionaries(st.sampled_from(keys), value, max_size=3),
                ),
                max_size=3,
            ),
        )
        for name, row in rows.items()
    }
    doc = st.builds(
        lambda top, extra: {**base, **top, **extra},
        st.fixed_dictionaries({}, optional=sections),
        st.dictionaries(st.sampled_from(keys), value, max_size=2),
    )
    return doc.map(lambda d: "\n".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in d.items()))


PLAN_BASE = {"name": "x", "issuer": "y", "period": "2024"}
TARGET = {"id": "a", "indicator": "mass_sports_events", "comparator": ">=", "value": 1}
TASK = {"title": "t", "milestones": [{"on": dt.date(2024, 6, 1), "what": "w"}]}
SCHEME_BASE = {"name": "s", "title": "t"}
ITEM = {"id": "1", "title": "t", "points": 1, "rule": "given", "measure": "m"}


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / f"f{abs(hash(text))}.toml"
    path.write_text(text, encoding="utf-8")
    return path


@budget
@given(documents(PLAN_KEYS, PLAN_BASE, {"targets": TARGET, "tasks": TASK, "phases": {},
                                        "baselines": {}}))  # fmt: skip
@bounded
def test_plans_load_file(tmp_path: Path, text: str) -> None:
    plan = call("plans.load_file", plans.load_file, _file(tmp_path, text))
    if plan is not None:
        assert isinstance(plan, Plan)
        for t in plan.targets:
            assert t.value.is_finite()
            assert all(isinstance(p, str) for p in t.partners)


@budget
@given(documents(SCHEME_KEYS, SCHEME_BASE, {"items": ITEM}))
@bounded
def test_load_scheme_file(tmp_path: Path, text: str) -> None:
    scheme = call("load_scheme_file", load_scheme_file, _file(tmp_path, text))
    if scheme is not None:
        # a loaded scheme scores any finite input without a bare exception
        measures = {it.measure or it.id: "1" for it in scheme.items}
        card = call("score", score, None, scheme, inputs={"X": measures})
        if card is not None:
            assert all(r.total.is_finite() for r in card.regions)


@budget
@given(documents(KIND_KEYS, {"version": 1}, {"kind": {"code": "k", "measure": "area"}}))
@bounded
def test_facility_kinds_load(tmp_path: Path, text: str) -> None:
    call("FacilityKinds.load", FacilityKinds.load, _file(tmp_path, text))


numbers = st.one_of(
    st.sampled_from(HOSTILE),
    st.decimals(allow_nan=True, allow_infinity=True),
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.sampled_from([10**5000, Decimal("1E+999999"), Decimal("-sNaN"), True, None, [1]]),
)
SCHEME_A = load_scheme("scheme-a")
MEASURES = sorted({it.measure for it in SCHEME_A.items if it.measure} | {"provincial_average"})


@budget
@given(
    st.sampled_from(["scheme-a", "scheme-b", "scheme-c", "zhengzhou-2024-districts"]),
    st.dictionaries(st.sampled_from(MEASURES + [m + "@previous" for m in MEASURES]), numbers),
)
@bounded
def test_score(name: str, inputs: dict[str, Any]) -> None:
    card = call("score", score, None, name, inputs={"X": inputs, "Y": {}})
    if card is not None:
        for r in card.regions:
            assert r.total.is_finite()
            assert all(i.points.is_finite() for i in r.items)


PLAN = plans.load("zhengzhou-2024")
TARGETS = [t.id for t in PLAN.targets][:8]


@budget
@given(
    st.lists(
        st.tuples(
            st.sampled_from(TARGETS),
            st.sampled_from(["city", "A", ""]),
            numbers,
            st.sampled_from(["2024-06-30", "2024-13-01", "1900-01-01", "9999-12-31"]),
        ),
        max_size=5,
    ),
    st.sampled_from(["2024-09-30", "2024-02-30", "0001-01-01"]),
)
@bounded
def test_assess(rows: list[tuple[Any, ...]], as_of: str) -> None:
    observations = []
    for target, region, value, on in rows:
        obs = call("Observation", Observation, target, region, value, on)
        if obs is not None:
            observations.append(obs)
    result = call("assess", assess, PLAN, observations, as_of=as_of)
    if result is not None:
        call("score", score, result, "zhengzhou-2024-districts")
