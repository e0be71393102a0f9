"""Results of the 一二三线 pipeline model: a projection's stocks and flows, and an intake plan.

:meth:`PipelineModel.project <sportsgov.talent.PipelineModel.project>` returns a
:class:`Projection` (stocks, intake, retained, promoted, leavers per year and
tier); :meth:`PipelineModel.required_intake
<sportsgov.talent.PipelineModel.required_intake>` returns an :class:`IntakePlan`.
Both hold their numbers only; the model and its equations are in
:mod:`sportsgov.talent.pipeline`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import numpy as np
from attrs import field, frozen

from sportsgov._exact import to_fraction
from sportsgov.errors import InvalidInputError
from sportsgov.talent.tiers import Tier, as_tiers

if TYPE_CHECKING:
    from sportsgov.talent.pipeline import PipelineModel

__all__ = ["IntakePlan", "Projection"]

Mode: TypeAlias = Literal["float", "exact", "integer"]
MODES = ("float", "exact", "integer")


@frozen(eq=False)
class Projection:
    """Result of :meth:`PipelineModel.project`: stocks and flows per year.

    Arrays have a leading ``units`` axis when several units were projected and
    none for a single unit. ``stocks[..., t, j]`` is the stock of tier ``j`` at
    the end of year ``t`` (``t = 0`` is the starting stock); yearly arrays
    (``intake``, ``leavers``, ``promoted_in`` …) have one row per year
    ``1..years``. Arrays are read-only.

    Attributes
    ----------
    tiers : tuple of Tier
    mode : str
        ``"float"``, ``"exact"`` (object arrays of Fraction) or ``"integer"``.
    stocks : numpy.ndarray [people]
    intake : numpy.ndarray [people per year]

    Examples
    --------
    >>> from sportsgov.talent import PipelineModel
    >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    >>> p = m.project([[100, 10], [40, 0]], 1, intake=[50, 0])
    >>> p.stocks.shape, p.final.tolist()
    ((2, 2, 2), [[100.0, 34.0], [70.0, 10.0]])
    >>> p.leavers.tolist()
    [[[25.0, 1.0]], [[10.0, 0.0]]]
    """

    tiers: tuple[Tier, ...]
    mode: str
    stocks: np.ndarray[Any, Any]
    intake: np.ndarray[Any, Any]
    _p: np.ndarray[Any, Any] = field(repr=False)
    _leave: np.ndarray[Any, Any] = field(repr=False)
    _moves: np.ndarray[Any, Any] | None = field(repr=False)
    single: bool = False

    @classmethod
    def _build(
        cls,
        model: PipelineModel,
        mode: str,
        stocks: np.ndarray[Any, Any],
        intake: np.ndarray[Any, Any],
        p: np.ndarray[Any, Any],
        leave: np.ndarray[Any, Any],
        moves: np.ndarray[Any, Any] | None,
        single: bool,
    ) -> Projection:
        if single:
            stocks, intake = stocks[0], intake[0]
            moves = None if moves is None else moves[0]
        for arr in (stocks, intake, moves):
            if arr is not None:
                arr.flags.writeable = False
        return cls(model.tiers, mode, stocks, intake, p, leave, moves, single)

    def to_data(self) -> dict[str, Any]:
        """Plain data for JSON/TOML (:mod:`sportsgov.io`): tiers, mode, stocks, intake, flows.

        Fractions (exact mode) are written as ``"p/q"`` strings, so nothing is lost.

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a"], [["0.5"]])
        >>> d = m.project({"a": 3}, 1, mode="exact").to_data()
        >>> d["stocks"], d["leavers"]
        ([[3], ['3/2']], [['3/2']])
        >>> Projection.from_data(d).stock(1)
        {'a': Fraction(3, 2)}
        """
        return {
            "tiers": [{"code": t.code, "name": t.name, "line": t.line} for t in self.tiers],
            "mode": self.mode,
            "stocks": _encode(self.stocks.tolist()),
            "intake": _encode(self.intake.tolist()),
            "flows": _encode(self.flows.tolist()),
            "leavers": _encode(self.leavers.tolist()),
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Projection:
        """Rebuild a projection written by :meth:`to_data` (validated shapes and values)."""
        if not isinstance(data, Mapping):
            raise InvalidInputError.bad("data", data, "expected a mapping")
        missing = [k for k in ("tiers", "mode", "stocks", "intake", "flows", "leavers")
                   if k not in data]  # fmt: skip
        if missing:
            raise InvalidInputError.bad("data", sorted(data), f"missing keys {missing}")
        mode = data["mode"]
        if mode not in MODES:
            raise InvalidInputError.bad(
                "mode", mode, "expected one of 'float', 'exact', 'integer'"
            )
        tiers = as_tiers(data["tiers"])
        k = len(tiers)

        def arr(name: str) -> np.ndarray[Any, Any]:
            raw = data[name]
            if mode == "float":
                return np.asarray(raw, dtype=float)
            decoded = np.asarray(raw, dtype=object)
            out = np.empty(decoded.shape, dtype=object)
            for pos, value in np.ndenumerate(decoded):
                frac = to_fraction(value, name, floats="shortest")
                out[pos] = frac if mode == "exact" else frac.numerator
            return out.astype(np.int64) if mode == "integer" else out

        stocks, intake, flows, leavers = (arr(n) for n in ("stocks", "intake", "flows", "leavers"))
        single = stocks.ndim == 2
        lead = stocks.shape[:-2]
        years = stocks.shape[-2] - 1
        if (
            stocks.ndim not in (2, 3)
            or stocks.shape[-1] != k
            or intake.shape != (*lead, years, k)
            or flows.shape != (*lead, years, k, k)
            or leavers.shape != (*lead, years, k)
        ):
            raise InvalidInputError.bad(
                "data", {n: data[n] for n in ("stocks",)}, "arrays have inconsistent shapes"
            )
        moves = np.concatenate([flows, leavers[..., None]], axis=-1)
        for a in (stocks, intake, moves):
            a.flags.writeable = False
        dummy = np.zeros((k, k), dtype=object)
        return cls(tiers, mode, stocks, intake, dummy, np.zeros(k, dtype=object), moves, single)

    @property
    def codes(self) -> tuple[str, ...]:
        """Tier codes in model order."""
        return tuple(t.code for t in self.tiers)

    @property
    def years(self) -> int:
        """Number of projected years."""
        return int(self.stocks.shape[-2]) - 1

    @property
    def final(self) -> np.ndarray[Any, Any]:
        """Stock at the end of the last year, ``(..., k)`` [people]."""
        return self.stocks[..., -1, :]

    @property
    def flows(self) -> np.ndarray[Any, Any]:
        """People moving from tier ``i`` to tier ``j`` in each year, ``(..., years, k, k)``.

        ``flows[..., t-1, i, i]`` are the people retained in tier ``i`` during year ``t``.
        """
        k = len(self.tiers)
        if self._moves is not None:
            out: np.ndarray[Any, Any] = self._moves[..., :k]
            return out
        flows: np.ndarray[Any, Any] = self.stocks[..., :-1, :, None] * self._p
        return flows

    @property
    def leavers(self) -> np.ndarray[Any, Any]:
        """Attrition (people leaving the pipeline) per year and tier, ``(..., years, k)``."""
        if self._moves is not None:
            out: np.ndarray[Any, Any] = self._moves[..., -1]
            return out
        leavers: np.ndarray[Any, Any] = self.stocks[..., :-1, :] * self._leave
        return leavers

    @property
    def retained(self) -> np.ndarray[Any, Any]:
        """People staying in their tier per year, ``(..., years, k)``."""
        out: np.ndarray[Any, Any] = np.diagonal(self.flows, axis1=-2, axis2=-1)
        return out

    @property
    def promoted_out(self) -> np.ndarray[Any, Any]:
        """People leaving each tier for another tier per year, ``(..., years, k)``."""
        out: np.ndarray[Any, Any] = self.flows.sum(axis=-1) - self.retained
        return out

    @property
    def promoted_in(self) -> np.ndarray[Any, Any]:
        """People arriving in each tier from another tier per year, ``(..., years, k)``."""
        out: np.ndarray[Any, Any] = self.flows.sum(axis=-2) - self.retained
        return out

    def stock(self, year: int, unit: int | None = None) -> dict[str, Any]:
        """Stock per tier at the end of ``year`` (0 = start) as ``{tier: n}``.

        For a multi-unit projection pass ``unit`` (row index).

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a"], [["0.5"]])
        >>> m.project({"a": 10}, 1, mode="integer").stock(1)
        {'a': 5}
        """
        if not 0 <= year <= self.years:
            raise InvalidInputError.bad("year", year, f"must be in 0..{self.years}")
        row = self.stocks[year] if self.single else self.stocks[self._unit(unit), year]
        return {c: plain(v) for c, v in zip(self.codes, row, strict=True)}

    def _unit(self, unit: int | None) -> int:
        n_units = int(self.stocks.shape[0])
        if unit is None or not 0 <= unit < n_units:
            raise InvalidInputError.bad("unit", unit, f"must be a row index in 0..{n_units - 1}")
        return unit

    def rows(self, unit: int | None = None) -> list[dict[str, Any]]:
        """One record per year and tier: stock, intake, retained, promotions, leavers.

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> row = m.project({"a": 100, "b": 10}, 1, mode="integer").rows()[0]
        >>> row["opening"], row["retained"], row["promoted_out"], row["leavers"], row["closing"]
        (100, 50, 25, 25, 50)
        """
        sel: tuple[Any, ...] = () if self.single else (self._unit(unit),)
        stocks, intake = self.stocks[sel], self.intake[sel]
        ret, out_, in_, leave = (
            a[sel] for a in (self.retained, self.promoted_out, self.promoted_in, self.leavers)
        )
        records = []
        for t in range(self.years):
            for j, code in enumerate(self.codes):
                records.append(
                    {
                        "year": t + 1,
                        "tier": code,
                        "opening": plain(stocks[t, j]),
                        "intake": plain(intake[t, j]),
                        "retained": plain(ret[t, j]),
                        "promoted_out": plain(out_[t, j]),
                        "promoted_in": plain(in_[t, j]),
                        "leavers": plain(leave[t, j]),
                        "closing": plain(stocks[t + 1, j]),
                    }
                )
        return records

    def __repr__(self) -> str:
        """Short: mode, units, years and the tiers' final stocks (never the arrays).

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> m.project([[100, 10], [40, 0]], 1, intake=[50, 0])
        Projection(mode='float', units=2, years=1, final=[a: 170.0, b: 44.0])
        """
        from sportsgov._common.display import text_repr

        units = 1 if self.single else int(self.stocks.shape[0])
        total = self.final.sum(axis=0) if not self.single else self.final
        return text_repr(
            "Projection",
            [("mode", self.mode), ("units", units), ("years", self.years)],
            (f"{c}: {plain(v)}" for c, v in zip(self.codes, total, strict=True)),
            count=len(self.codes),
            label="final",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first year × tier rows, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        names = ["opening", "intake", "retained", "promoted_out", "promoted_in", "leavers"]
        names.append("closing")
        units: list[int | None] = [None] if self.single else list(range(self.stocks.shape[0]))
        rows = (
            ([] if u is None else [u]) + [r["year"], r["tier"], *(r[n] for n in names)]
            for u in units
            for r in self.rows(u)
        )
        columns = ["year", "tier", *(f"{n}_persons" for n in names)]
        return html_table(
            f"Projection ({self.mode}): {len(units):,} units, {self.years} years, "
            f"{len(self.codes)} tiers",
            columns if self.single else ["unit", *columns],
            rows,
            count=len(units) * self.years * len(self.codes),
        )

    def to_frame(self) -> Any:
        """The projection as a long pandas DataFrame: one row per (unit,) year and tier.

        Columns: ``unit`` (row index; multi-unit projections only), ``year``
        (1..years), ``tier`` (code), then ``opening_persons``, ``intake_persons``,
        ``retained_persons``, ``promoted_out_persons``, ``promoted_in_persons``,
        ``leavers_persons``, ``closing_persons`` [people] as :meth:`rows` gives them:
        floats, exact :class:`~fractions.Fraction` or ints by :attr:`mode`. Needs
        the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
        >>> df = m.project({"a": 100, "b": 10}, 1, mode="integer").to_frame()
        >>> df[["year", "tier", "opening_persons", "closing_persons"]].values.tolist()
        [[1, 'a', 100, 50], [1, 'b', 10, 34]]
        """
        from sportsgov._common.frames import pandas

        pd = pandas("Projection.to_frame")
        names = ["opening", "intake", "retained", "promoted_out", "promoted_in", "leavers"]
        names.append("closing")
        columns = ["year", "tier", *(f"{n}_persons" for n in names)]
        units: list[int | None] = [None] if self.single else list(range(self.stocks.shape[0]))
        rows = []
        for u in units:
            lead = [] if u is None else [u]
            rows += [[*lead, r["year"], r["tier"], *(r[n] for n in names)] for r in self.rows(u)]
        return pd.DataFrame(rows, columns=columns if self.single else ["unit", *columns])


def _encode(value: Any) -> Any:
    """Nested lists of numbers -> JSON-safe (Fractions as "p/q" strings)."""
    if isinstance(value, list):
        return [_encode(v) for v in value]
    if isinstance(value, Fraction):
        return str(value)
    return plain(value)


def plain(value: Any) -> Any:
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, np.floating):
        return float(value)
    return value


@frozen
class IntakePlan:
    """Result of :meth:`PipelineModel.required_intake`.

    Attributes
    ----------
    tiers : tuple of Tier
    years : int
        Horizon in years.
    per_year : tuple of Fraction [people per year]
        Constant intake per tier that reaches the target (exact for the
        closed form).
    whole_per_year : tuple of int [people per year]
        ``per_year`` rounded up per tier: whole recruits that reach at least
        the target (the projection is monotone in the intake).
    method : str
        ``"closed-form"`` or ``"linprog"``.
    target : tuple of Fraction or None
        Target per tier (None: not constrained).
    reached : tuple of Fraction
        Stock reached with ``per_year`` (expected values).

    Examples
    --------
    >>> from sportsgov.talent import PipelineModel
    >>> m = PipelineModel(["a"], [["0.5"]])
    >>> m.required_intake({"a": 30}, 1, stock={"a": 20}).as_dict()
    {'a': Fraction(20, 1)}
    """

    tiers: tuple[Tier, ...]
    years: int
    per_year: tuple[Fraction, ...]
    whole_per_year: tuple[int, ...]
    method: str
    target: tuple[Fraction | None, ...]
    reached: tuple[Fraction, ...]

    def as_dict(self, *, whole: bool = False) -> dict[str, Fraction | int]:
        """Intake per year as ``{tier: n}`` (``whole=True`` for the rounded-up ints).

        Examples
        --------
        >>> from sportsgov.talent import PipelineModel
        >>> m = PipelineModel(["a"], [["0.5"]])
        >>> m.required_intake({"a": 30}, 1, stock={"a": 21}).as_dict(whole=True)
        {'a': 20}
        """
        values: Sequence[Fraction | int] = self.whole_per_year if whole else self.per_year
        return {t.code: v for t, v in zip(self.tiers, values, strict=True)}
