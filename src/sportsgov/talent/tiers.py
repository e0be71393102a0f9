"""Tiers of a training network (一线 / 二线 / 三线 or any other ladder).

A :class:`Tier` is one rung; :mod:`sportsgov.talent.pipeline` moves people
between them and :mod:`sportsgov.talent.projection` reports the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs
from attrs import field, frozen

from sportsgov.errors import InvalidInputError

__all__ = ["Tier"]


def _nonempty(instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError.bad(attribute.name, value, "must be a non-empty string")


@frozen
class Tier:
    """One level of the training network (一线 / 二线 / 三线 or any other rung).

    Parameters
    ----------
    code : str
        Short unique identifier used in mappings (``"grassroots"``).
    name : str
        Human-readable name, e.g. ``"三线 传统项目学校"``.
    line : int or None
        The 一二三线 line number (1 = provincial team, 3 = grassroots), if any.

    Examples
    --------
    >>> Tier("city", "二线 市县体校", line=2)
    Tier(code='city', name='二线 市县体校', line=2)
    """

    code: str = field(validator=_nonempty)
    name: str = ""
    line: int | None = None


def as_tiers(tiers: Iterable[Tier | str | Mapping[str, Any]]) -> tuple[Tier, ...]:
    if isinstance(tiers, str):
        raise InvalidInputError.bad("tiers", tiers, "expected a sequence of Tier or codes")
    out: list[Tier] = []
    for item in tiers:
        if isinstance(item, Tier):
            out.append(item)
        elif isinstance(item, str):
            out.append(Tier(item))
        elif isinstance(item, Mapping):
            out.append(Tier(**item))
        else:
            raise InvalidInputError.bad("tiers", item, "expected a Tier, a code or a mapping")
    if not out:
        raise InvalidInputError.bad("tiers", [], "must name at least one tier")
    codes = [t.code for t in out]
    dupes = sorted({c for c in codes if codes.count(c) > 1})
    if dupes:
        raise InvalidInputError.bad("tiers", codes, f"codes must be unique; repeated: {dupes}")
    return tuple(out)
