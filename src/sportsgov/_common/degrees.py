"""The one reader of a longitude or latitude cell: decimal degrees or degrees-minutes-seconds.

Surveyors' sheets and GPS exports write coordinates in many ways; every loader
that reads lon/lat cells (the facility inventory, ``Points.from_records`` /
``from_csv``, road-network node files, population grids, candidate projects)
parses them here, so they all accept the same forms and word errors alike:

* decimal degrees: ``113.6``, ``-0.5``, full-width ``１１３.６``;
* degrees-minutes-seconds (DMS): ``113°36′12″``, ``113°36'12"``, ``113°36′12.5″``,
  ``113度36分12秒``, ``113° 36' 12"`` (blanks between the parts are ignored);
* degrees and decimal minutes (DDM): ``34°46.5′``, ``34°46′``, and degrees alone
  ``113°``;
* a hemisphere letter before or after: ``E113°36′12″``, ``34°46′N``, ``113.6E``;
  ``W`` and ``S`` (西经, 南纬) are negative, ``E``/``N`` (东经, 北纬) positive. A
  longitude takes only E/W, a latitude only N/S, and a letter never comes with a
  sign.

The value is exact to the last bit: ``D + M/60 + S/3600`` is summed as a fraction
and rounded once to the nearest float, so a decimal degree written as D°M′S.s″
with enough second decimals reads back within 1e-9°. Minutes and seconds must be
below 60, a decimal part only on the last part written (``113.5°30′`` is
refused). Ranges ([-180, 180], [-90, 90]) are checked by the callers, which
know whether the columns may be swapped.
"""

from __future__ import annotations

import re
import unicodedata
from fractions import Fraction
from typing import Literal

from sportsgov._common.cells import sheet_text
from sportsgov.errors import InvalidInputError

__all__ = ["DEGREES_EXPECTED", "degrees"]

#: What a coordinate cell that does not parse is told (one wording everywhere).
DEGREES_EXPECTED = "expected degrees such as 113.6, 113°36′12″ or 113°36′12″E"

_HEMI_WORDS = {"东经": "E", "西经": "W", "北纬": "N", "南纬": "S"}
_NUM = r"(\d+(?:\.\d*)?|\.\d+)"
# after NFKC: ′ stays, ″ stays, ° stays; 度分秒 are the Chinese marks
_DMS_RE = re.compile(
    rf"^{_NUM}\s*[°度]"
    rf"(?:\s*{_NUM}\s*(?:[′'’‘`]|分)(?!['’‘′]))?"
    rf"(?:\s*{_NUM}\s*(?:[″\"”“]|''|′′|’’|秒))?$"
)
_PLAIN_RE = re.compile(rf"^{_NUM}$")
_AXIS_LETTERS = {"lon": ("E", "W"), "lat": ("N", "S")}


def _part(text: str) -> Fraction:
    return Fraction(text if not text.endswith(".") else text[:-1])


def degrees(value: object, field: str, *, axis: Literal["lon", "lat"]) -> float:
    """Decimal degrees [°] from a coordinate cell (number, decimal text or DMS text).

    Parameters
    ----------
    value : float, int, str
        The cell (see the module docstring for the forms of text accepted).
    field : str
        The column name used in error messages (``lon``, ``纬度`` ...).
    axis : {"lon", "lat"}
        Which coordinate: decides the hemisphere letters allowed.

    Returns
    -------
    float
        Degrees [°], negative west and south. Not range-checked.

    Raises
    ------
    InvalidInputError
        ``field=value: ...`` naming what is wrong: ``minutes must be < 60``,
        ``seconds must be < 60``, a hemisphere letter of the other axis, a sign
        together with a letter, a decimal part before the last part, or
        :data:`DEGREES_EXPECTED` for text that is no coordinate at all.

    Examples
    --------
    >>> degrees('113°36′12"', "lon", axis="lon"), degrees("113度36分12秒", "lon", axis="lon")
    (113.60333333333334, 113.60333333333334)
    >>> degrees("34°46.5′S", "lat", axis="lat"), degrees("W0.5", "lon", axis="lon")
    (-34.775, -0.5)
    >>> degrees("113°61′", "lon", axis="lon")
    Traceback (most recent call last):
    ...
    sportsgov.errors.InvalidInputError: lon='113°61′': minutes must be < 60
    """
    if isinstance(value, bool):
        raise InvalidInputError.bad(field, value, DEGREES_EXPECTED)
    if isinstance(value, int | float):
        return float(value)
    if hasattr(value, "dtype") and hasattr(value, "item"):  # numpy scalars
        return degrees(value.item(), field, axis=axis)
    if not isinstance(value, str):
        raise InvalidInputError.bad(field, value, DEGREES_EXPECTED)
    text = unicodedata.normalize("NFKC", sheet_text(value))  # '113.6 (Excel's text mark)
    for word, letter in _HEMI_WORDS.items():
        if text.startswith(word):
            text = letter + text[len(word) :].strip()
    letter = ""
    if text[:1].upper() in "NSEW" and text[:1]:
        letter, text = text[:1].upper(), text[1:].strip()
    elif text[-1:].upper() in "NSEW" and text[-1:]:
        letter, text = text[-1:].upper(), text[:-1].strip()
    sign = 1
    if text[:1] in "+-" and text[:1]:
        if letter:
            raise InvalidInputError.bad(
                field, value, f"a sign and a hemisphere letter ({letter}) together: give one"
            )
        sign, text = (-1 if text[0] == "-" else 1), text[1:].strip()
    if letter:
        allowed = _AXIS_LETTERS[axis]
        if letter not in allowed:
            raise InvalidInputError.bad(
                field,
                value,
                f"hemisphere {letter} is not one of a "
                f"{'longitude' if axis == 'lon' else 'latitude'}: expected {allowed[0]} or "
                f"{allowed[1]} (are lon and lat swapped?)",
            )
        if letter in ("W", "S"):
            sign = -1
    if _PLAIN_RE.match(text):
        return sign * float(_part(text))
    match = _DMS_RE.match(text)
    if not match:
        raise InvalidInputError.bad(field, value, DEGREES_EXPECTED)
    d_text, m_text, s_text = match.groups()
    parts = [p for p in (d_text, m_text, s_text) if p is not None]
    if m_text is None and s_text is not None:
        raise InvalidInputError.bad(field, value, "seconds without minutes: write 113°0′12″")
    if any("." in p for p in parts[:-1]):
        raise InvalidInputError.bad(
            field, value, "only the last part (degrees, minutes or seconds) may have decimals"
        )
    minutes = _part(m_text) if m_text is not None else Fraction(0)
    seconds = _part(s_text) if s_text is not None else Fraction(0)
    if minutes >= 60:
        raise InvalidInputError.bad(field, value, "minutes must be < 60")
    if seconds >= 60:
        raise InvalidInputError.bad(field, value, "seconds must be < 60")
    exact = _part(d_text) + minutes / 60 + seconds / 3600
    return sign * float(exact)
