"""The one table of coordinate datum names and their aliases.

``wgs84`` (GPS, EPSG:4326), ``gcj02`` (Amap/高德, Tencent/腾讯, Google China: the
"Mars" datum) and ``bd09`` (Baidu/百度). Names are matched case-insensitively after
removing blanks, ``-`` and ``_``, so ``"WGS-84"``, ``"gcj_02"`` and ``"BD-09"`` all work.
"""

from __future__ import annotations

from typing import Literal

from sportsgov.errors import DatumError

__all__ = ["DATUMS", "DATUM_ALIASES", "DATUM_CHOICES", "Datum", "datum_key", "normalize_datum"]

Datum = Literal["wgs84", "gcj02", "bd09"]
DATUMS: tuple[Datum, ...] = ("wgs84", "gcj02", "bd09")
DATUM_CHOICES = "expected one of 'wgs84', 'gcj02', 'bd09'"

#: alias (lower case, without blanks, '-' or '_') -> datum
DATUM_ALIASES: dict[str, Datum] = {
    "wgs84": "wgs84",
    "epsg4326": "wgs84",
    "epsg:4326": "wgs84",
    "gps": "wgs84",
    "gcj02": "gcj02",
    "mars": "gcj02",
    "amap": "gcj02",
    "gaode": "gcj02",
    "高德": "gcj02",
    "tencent": "gcj02",
    "qq": "gcj02",
    "腾讯": "gcj02",
    "火星": "gcj02",
    "bd09": "bd09",
    "bd09ll": "bd09",
    "baidu": "bd09",
    "百度": "bd09",
}


def datum_key(text: str) -> str:
    """The lookup key of a datum name: lower case without blanks, ``-`` and ``_``."""
    return text.strip().lower().replace("-", "").replace("_", "").replace(" ", "")


def normalize_datum(value: object, argument: str = "datum") -> Datum:
    """The canonical datum name of ``value``; :class:`DatumError` when unknown.

    Examples
    --------
    >>> normalize_datum("GPS"), normalize_datum("GCJ-02"), normalize_datum("baidu")
    ('wgs84', 'gcj02', 'bd09')
    >>> normalize_datum("utm")
    Traceback (most recent call last):
    ...
    sportsgov.errors.DatumError: datum='utm': expected one of 'wgs84', 'gcj02', 'bd09'
    """
    if isinstance(value, str):
        datum = DATUM_ALIASES.get(datum_key(value))
        if datum is not None:
            return datum
    raise DatumError.bad(argument, value, DATUM_CHOICES)
