"""Coordinate cells (``sportsgov/_common/degrees.py``): decimal, DMS and DDM text, exactly.

Oracle: the sexagesimal definition, D + M/60 + S/3600 in exact fractions.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov._common.degrees import degrees
from sportsgov.errors import InvalidInputError


def _dms(x: float, *, axis: str, places: int = 6) -> str:
    """``x`` degrees written as D°M′S.s″ with a hemisphere letter (seconds to ``places``)."""
    letters = ("E", "W") if axis == "lon" else ("N", "S")
    total = Fraction(abs(Decimal(x))) * 3600  # seconds, exact
    scale = 10**places
    units = round(total * scale)  # seconds in 10**-places, nearest
    d, rest = divmod(units, 3600 * scale)
    m, s = divmod(rest, 60 * scale)
    sec = f"{s // scale}.{s % scale:0{places}d}"
    return f"{d}°{m}′{sec}″{letters[1] if x < 0 else letters[0]}"


@given(st.floats(min_value=-180, max_value=180, allow_nan=False))
def test_dms_of_a_decimal_degree_reads_back_within_1e9(x: float) -> None:
    text = _dms(x, axis="lon")
    assert abs(degrees(text, "lon", axis="lon") - x) <= 1e-9


@given(
    st.integers(0, 89),
    st.integers(0, 59),
    st.decimals(0, "59.999999", places=6),
    st.sampled_from(["N", "S"]),
    st.sampled_from(["{d}°{m}′{s}″{h}", "{h}{d}°{m}'{s}\"", "{d}度{m}分{s}秒{h}"]),
)
def test_dms_is_exact(d: int, m: int, s: Decimal, h: str, form: str) -> None:
    text = form.format(d=d, m=m, s=s, h=h)
    exact = (d + Fraction(m, 60) + Fraction(s) / 3600) * (-1 if h == "S" else 1)
    assert degrees(text, "lat", axis="lat") == float(exact)  # one rounding, at the end


@pytest.mark.parametrize(
    ("text", "axis", "expected"),
    [
        ("113.6", "lon", 113.6),
        ("１１３.６", "lon", 113.6),
        (" 113.6E ", "lon", 113.6),
        ("W0.5", "lon", -0.5),
        ("-0.5", "lon", -0.5),
        ("113°", "lon", 113.0),
        ("34°46′", "lat", float(34 + Fraction(46, 60))),
        ("34°46.5′S", "lat", -34.775),
        ("113°36'12''", "lon", float(113 + Fraction(36, 60) + Fraction(12, 3600))),
        ("113° 36′ 12″", "lon", float(113 + Fraction(36, 60) + Fraction(12, 3600))),
        ("113°36’12”", "lon", float(113 + Fraction(36, 60) + Fraction(12, 3600))),
        ("东经113°36′12″", "lon", float(113 + Fraction(36, 60) + Fraction(12, 3600))),
        ("南纬34°46′", "lat", -float(34 + Fraction(46, 60))),
        (113, "lon", 113.0),
        (34.5, "lat", 34.5),
    ],
)
def test_accepted_forms(text: object, axis: str, expected: float) -> None:
    assert degrees(text, "x", axis=axis) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "axis", "message"),
    [
        ("113°61′", "lon", "lon='113°61′': minutes must be < 60"),
        ("113°6′60″", "lon", "lon='113°6′60″': seconds must be < 60"),
        ("113.5°30′", "lon", "lon='113.5°30′': only the last part"),
        ("113°12″", "lon", "lon='113°12″': seconds without minutes"),
        (
            "34°46′E",
            "lat",
            "lat='34°46′E': hemisphere E is not one of a latitude: expected N or S",
        ),
        ("113°N", "lon", "lon='113°N': hemisphere N is not one of a longitude: expected E or W"),
        ("-113°W", "lon", "lon='-113°W': a sign and a hemisphere letter (W) together"),
        ("north", "lat", "lat='north': expected degrees such as 113.6, 113°36′12″"),
        ("", "lat", "lat='': expected degrees"),
        (True, "lat", "lat=True: expected degrees"),
        ([1], "lat", "lat=[1]: expected degrees"),
    ],
)
def test_refused_with_the_field_named(text: object, axis: str, message: str) -> None:
    with pytest.raises(InvalidInputError) as info:
        degrees(text, axis, axis=axis)  # type: ignore[arg-type]
    assert str(info.value).startswith(message)
