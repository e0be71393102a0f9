"""The facility kind taxonomy (体育场地类型): :class:`FacilityKind` and :class:`FacilityKinds`."""

from __future__ import annotations

import functools
import os
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import attrs
import numpy as np
import numpy.typing as npt
from attrs import field, frozen

from sportsgov._common.tomlfiles import read_toml
from sportsgov.errors import (
    DataError,
    InvalidInputError,
    NotFoundError,
    format_value,
)

__all__ = ["FacilityKind", "FacilityKinds", "Measure", "bool_validator"]

Measure = Literal["area", "length"]
"""How a facility kind's size is recorded: by ``area`` [m²] or by ``length`` [m]."""


# ----------------------------------------------------------------------------- kinds


def _tuple_of_str(value: Iterable[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _measure(value: object) -> str:
    if value not in ("area", "length"):
        raise InvalidInputError.bad("measure", value, "expected one of 'area', 'length'")
    return str(value)


def bool_validator(name: str) -> Callable[[Any, Any, Any], None]:
    def check(instance: Any, attribute: Any, value: Any) -> None:
        if not isinstance(value, bool):
            raise InvalidInputError.bad(name, value, "must be true or false")

    return check


@frozen
class FacilityKind:
    """One kind of sports facility (体育场地类型).

    Parameters
    ----------
    code : str
        Machine code, e.g. ``"football_11"``.
    name_zh : str
        Chinese name as in the venue census, e.g. ``"11人制足球场"``.
    name_en : str
        English name.
    measure : {"area", "length"}
        How the size is recorded: area [m²], or length [m] for trails and greenways
        (their area is then optional).
    counts_toward_area : bool
        Whether its area enters venue area (体育场地面积) and so per-capita area.
    counts_as_pitch : bool
        Football pitches: each record counts as one pitch (11-, 7-, 5-a-side alike).
    ball_court : bool
        One of the "three big balls" (三大球) courts: football, basketball, volleyball.
    group : str
        Broad group (``football``, ``ball``, ``aquatics`` …).
    aliases : tuple of str
        Other names accepted on input (Chinese variants).
    note : str
        Why the flags are set as they are, where not obvious.
    max_area : float, optional
        Largest area one real venue of this kind has [m²]; a record above it is
        reported as implausible by :func:`sportsgov.quality.check_city` (a warning,
        never a refusal). ``None``: no bound.
    bounds_source : str
        Where ``max_area`` comes from (the rules or standard giving the dimensions).

    Examples
    --------
    >>> FacilityKind("padel", "板式网球场", "padel court", group="ball").measure
    'area'
    """

    code: str = field()
    name_zh: str = field()
    name_en: str = field(default="")
    measure: Measure = field(default="area", converter=_measure)
    counts_toward_area: bool = field(default=True, validator=bool_validator("counts_toward_area"))
    counts_as_pitch: bool = field(default=False, validator=bool_validator("counts_as_pitch"))
    ball_court: bool = field(default=False, validator=bool_validator("ball_court"))
    group: str = field(default="other")
    aliases: tuple[str, ...] = field(default=(), converter=_tuple_of_str)
    note: str = field(default="")
    max_area: float | None = field(default=None)
    bounds_source: str = field(default="")

    @max_area.validator
    def _check_max_area(self, attribute: attrs.Attribute[float | None], value: object) -> None:
        if value is None:
            return
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise InvalidInputError.bad("max_area", value, "must be a number of m² > 0")

    @code.validator
    def _check_code(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip() or value != value.strip():
            raise InvalidInputError.bad("code", value, "must be a non-empty code without spaces")

    @name_zh.validator
    def _check_name(self, attribute: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not value.strip():
            raise InvalidInputError.bad("name_zh", value, "must be a non-empty string")

    def to_record(self) -> dict[str, Any]:
        """The kind as a TOML-ready record.

        Examples
        --------
        >>> FacilityKind("padel", "板式网球场").to_record()["code"]
        'padel'
        """
        record = attrs.asdict(
            self, value_serializer=lambda _i, _a, v: list(v) if isinstance(v, tuple) else v
        )
        return {k: v for k, v in record.items() if v is not None}


_KIND_KEYS = {a.name for a in attrs.fields(FacilityKind)}


def _kinds_converter(value: Iterable[FacilityKind]) -> tuple[FacilityKind, ...]:
    return tuple(value)


@frozen(eq=False)
class FacilityKinds:
    """A facility-kind taxonomy: an ordered, read-only collection of :class:`FacilityKind`.

    Use :meth:`default` for the bundled national-census taxonomy, :meth:`load`
    for a TOML file, and :meth:`extend` to add or override kinds.

    Parameters
    ----------
    kinds : iterable of FacilityKind
        Codes must be unique; an alias may not name another kind.
    source : str, optional
        Where the kinds came from.

    Raises
    ------
    DataError
        Duplicate code or clashing alias.

    Examples
    --------
    >>> kinds = FacilityKinds.default()
    >>> kinds["football_7"].counts_as_pitch
    True
    >>> kinds["健身步道"].code, kinds["trail"].measure
    ('trail', 'length')
    """

    kinds: tuple[FacilityKind, ...] = field(converter=_kinds_converter)
    source: str | None = field(default=None, kw_only=True)
    _lookup: dict[str, int] = field(init=False, repr=False)
    _flags: dict[str, npt.NDArray[np.bool_]] = field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        lookup: dict[str, int] = {}
        for i, kind in enumerate(self.kinds):
            if not isinstance(kind, FacilityKind):
                raise DataError(
                    f"expected a FacilityKind, got {format_value(kind)}",
                    source=self.source,
                    row=i + 1,
                )
            if kind.code in lookup:
                raise DataError(
                    f"code={kind.code!r}: duplicate facility kind",
                    source=self.source,
                    row=i + 1,
                    field="code",
                )
            lookup[kind.code] = i
        for i, kind in enumerate(self.kinds):
            for alias in (kind.name_zh, *kind.aliases):
                j = lookup.get(alias)
                if j is not None and j != i:
                    if alias == kind.name_zh:
                        continue  # a code that equals another kind's Chinese name: code wins
                    raise DataError(
                        f"aliases={alias!r}: already names kind {self.kinds[j].code!r}",
                        source=self.source,
                        row=i + 1,
                        field="aliases",
                    )
                lookup.setdefault(alias, i)
        flags = {
            name: np.array([getattr(k, name) for k in self.kinds], dtype=bool)
            for name in ("counts_toward_area", "counts_as_pitch", "ball_court")
        }
        flags["length"] = np.array([k.measure == "length" for k in self.kinds], dtype=bool)
        for arr in flags.values():
            arr.flags.writeable = False
        object.__setattr__(self, "_lookup", lookup)
        object.__setattr__(self, "_flags", flags)

    # -- constructors ---------------------------------------------------------

    @classmethod
    def default(cls) -> FacilityKinds:
        """The bundled taxonomy (``sportsgov/data/facility_kinds.toml``), loaded once.

        Examples
        --------
        >>> "football_11" in FacilityKinds.default().codes
        True
        """
        return _default_kinds()

    @classmethod
    def from_records(
        cls, records: Iterable[Mapping[str, Any]], *, source: str | None = None
    ) -> FacilityKinds:
        """Build from mappings with the :class:`FacilityKind` fields.

        Examples
        --------
        >>> FacilityKinds.from_records([{"code": "padel", "name_zh": "板式网球场"}]).codes
        ('padel',)
        """
        kinds: list[FacilityKind] = []
        for row, record in enumerate(records, start=1):
            if not isinstance(record, Mapping):
                raise DataError(
                    f"expected a table, got {format_value(record)}", source=source, row=row
                )
            unknown = sorted(set(record) - _KIND_KEYS)
            if unknown:
                raise DataError(
                    f"keys {unknown} unknown; expected some of {sorted(_KIND_KEYS)}",
                    source=source,
                    row=row,
                )
            try:
                kinds.append(FacilityKind(**record))
            except TypeError as exc:
                raise DataError(
                    f"code and name_zh are required ({exc})", source=source, row=row
                ) from None
            except InvalidInputError as exc:
                raise DataError(
                    exc.message, source=source, row=row, field=exc.argument, value=exc.value
                ) from None
        return cls(kinds, source=source)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> FacilityKinds:
        """Read a taxonomy from a TOML file (``[[kind]]`` tables, as the bundled file).

        If the file has a top-level ``extends = "default"``, its kinds extend the
        bundled taxonomy (a kind with an existing code replaces it). Loading never
        executes code.

        Raises
        ------
        DataError
            Invalid TOML, unknown keys, bad values; names the ``[[kind]]`` number.

        Examples
        --------
        >>> import pathlib, tempfile
        >>> p = pathlib.Path(tempfile.mkdtemp()) / "kinds.toml"
        >>> _ = p.write_text('extends = "default"\\n[[kind]]\\ncode = "padel"\\n'
        ...                  'name_zh = "板式网球场"\\n', encoding="utf-8")
        >>> kinds = FacilityKinds.load(p)
        >>> kinds["padel"].counts_toward_area, "football_11" in kinds
        (True, True)
        """
        p = Path(path)
        return cls._from_toml(read_toml(p), source=p.name)

    @classmethod
    def _from_toml(cls, data: Mapping[str, Any], *, source: str | None) -> FacilityKinds:
        records = data.get("kind", [])
        if not isinstance(records, list):
            raise DataError("kind: expected an array of tables [[kind]]", source=source)
        loaded = cls.from_records(records, source=source)
        base = data.get("extends")
        if base is None:
            return loaded
        if base != "default":
            raise DataError(
                f"extends={base!r}: expected 'default' (or no extends key)", source=source
            )
        return cls.default().extend(loaded, replace=True)

    def extend(
        self,
        other: FacilityKinds | Iterable[FacilityKind] | str | os.PathLike[str],
        *,
        replace: bool = False,
    ) -> FacilityKinds:
        """A new taxonomy with ``other``'s kinds added after these.

        Parameters
        ----------
        other : FacilityKinds, iterable of FacilityKind, or path to a TOML file
            The kinds to add.
        replace : bool, default False
            Let a kind with an existing code replace it (in place); otherwise a
            clash raises.

        Raises
        ------
        DataError
            A code already exists and ``replace`` is false.

        Examples
        --------
        >>> kinds = FacilityKinds.default().extend([FacilityKind("padel", "板式网球场")])
        >>> kinds.codes[-1]
        'padel'
        >>> kinds.extend([FacilityKind("padel", "板式网球场")])
        Traceback (most recent call last):
        ...
        sportsgov.errors.DataError: code='padel': kind already defined (pass replace=True ...)
        """
        if isinstance(other, str | os.PathLike):
            other = FacilityKinds.load(other)
        new = list(other.kinds if isinstance(other, FacilityKinds) else other)
        merged = list(self.kinds)
        position = {k.code: i for i, k in enumerate(merged)}
        for kind in new:
            if kind.code in position:
                if not replace:
                    raise DataError(
                        f"code={kind.code!r}: kind already defined (pass replace=True to override)"
                    )
                merged[position[kind.code]] = kind
            else:
                position[kind.code] = len(merged)
                merged.append(kind)
        return FacilityKinds(merged, source=self.source)

    # -- lookup ---------------------------------------------------------------

    @property
    def codes(self) -> tuple[str, ...]:
        """Kind codes in order."""
        return tuple(k.code for k in self.kinds)

    def __len__(self) -> int:
        return len(self.kinds)

    def __iter__(self) -> Iterator[FacilityKind]:
        return iter(self.kinds)

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and key in self._lookup

    def __getitem__(self, key: str) -> FacilityKind:
        return self.kinds[self.index(key)]

    def index(self, key: str) -> int:
        """Position of a kind given its code, Chinese name or an alias.

        Raises
        ------
        NotFoundError
            Unknown kind; the message lists the known codes.

        Examples
        --------
        >>> FacilityKinds.default().index("football_11")
        0
        >>> FacilityKinds.default().index("quidditch")
        Traceback (most recent call last):
        ...
        sportsgov.errors.NotFoundError: kind='quidditch': unknown facility kind; known kinds: ...
        """
        found = self._lookup.get(key) if isinstance(key, str) else None
        if found is None and isinstance(key, str):
            found = self._lookup.get(key.strip())
        if found is None:
            raise NotFoundError.bad("kind", key, unknown_kind(self))
        return found

    def flag(self, name: str) -> npt.NDArray[np.bool_]:
        """Boolean array over the kinds: ``counts_toward_area``, ``counts_as_pitch``,
        ``ball_court`` or ``length`` (measured by length).

        Examples
        --------
        >>> FacilityKinds.default().flag("counts_as_pitch")[:4].tolist()
        [True, True, True, True]
        """
        try:
            return self._flags[name]
        except KeyError:
            raise InvalidInputError.bad(
                "flag", name, "expected one of " + ", ".join(repr(k) for k in self._flags)
            ) from None

    def to_records(self) -> list[dict[str, Any]]:
        """Kinds as TOML-ready records (``FacilityKinds.from_records`` round-trips).

        Examples
        --------
        >>> k = FacilityKinds.default()
        >>> FacilityKinds.from_records(k.to_records()).kinds == k.kinds
        True
        """
        return [k.to_record() for k in self.kinds]

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML: ``{"kind": [records]}`` (the bundled file's layout)."""
        return {"kind": self.to_records()}

    @classmethod
    def from_data(cls, data: Any) -> FacilityKinds:
        """Inverse of :meth:`to_data` (``extends = "default"`` honoured)."""
        if not isinstance(data, Mapping):
            raise DataError("kinds: expected a table with [[kind]] entries")
        return cls._from_toml(data, source=None)

    def to_toml(self, path: str | os.PathLike[str]) -> None:
        """Write the taxonomy as TOML (``[[kind]]`` tables)."""
        import tomli_w

        Path(path).write_text(
            tomli_w.dumps({"version": 1, "kind": self.to_records()}), encoding="utf-8"
        )


@functools.cache
def _default_kinds() -> FacilityKinds:
    text = resources.files("sportsgov").joinpath("data/facility_kinds.toml").read_text("utf-8")
    return FacilityKinds._from_toml(tomllib.loads(text), source="facility_kinds.toml")


def unknown_kind(kinds: FacilityKinds) -> str:
    """The "what is allowed" part of an unknown-kind error: the known kind codes."""
    return "unknown facility kind; known kinds: " + ", ".join(kinds.codes)
