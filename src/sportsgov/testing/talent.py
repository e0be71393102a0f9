"""Strategies for talent: pipeline tiers and models, school and instructor tables, medal
tables, games results and points."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from sportsgov.testing._compat import renamed

__all__ = [
    "games_points",
    "games_results",
    "instructor_tables",
    "medal_tables",
    "pipeline_models",
    "school_tables",
    "tiers",
]

_REGION_CODES = st.from_regex(r"[1-9][0-9]{5}", fullmatch=True)


def tiers(
    *, min_size: int = 1, max_size: int = 5, max_tiers: int | None = None
) -> st.SearchStrategy[Any]:
    """Tuples of ``min_size`` to ``max_size`` :class:`sportsgov.talent.Tier` with unique codes.

    ``max_tiers`` is the deprecated old name of ``max_size``.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import tiers
    >>> @given(tiers())
    ... def test_codes_unique(ts):
    ...     assert len({t.code for t in ts}) == len(ts)
    >>> test_codes_unique()
    """
    from sportsgov.talent import Tier

    names = ["三线", "二线", "一线", "grassroots", "city", "province", "national", "club"]
    high = renamed("tiers", "max_tiers", max_tiers, "max_size", max_size)
    return st.lists(
        st.sampled_from(names),
        min_size=max(1, min_size),
        max_size=min(high, len(names)),
        unique=True,
    ).map(lambda codes: tuple(Tier(c, line=i + 1) for i, c in enumerate(codes)))


def pipeline_models(
    *,
    max_size: int = 5,
    denominator: int = 20,
    min_attrition: int = 1,
    max_tiers: int | None = None,
) -> st.SearchStrategy[Any]:
    """Valid :class:`sportsgov.talent.PipelineModel` instances of 1 to ``max_size`` tiers.

    ``max_tiers`` is the deprecated old name of ``max_size``.

    Rates are multiples of ``1/denominator``; every tier loses at least
    ``min_attrition/denominator`` a year (so ``I - P`` is invertible and
    :meth:`~sportsgov.talent.PipelineModel.required_intake` has a closed form).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import pipeline_models
    >>> @given(pipeline_models())
    ... def test_rows(m):
    ...     assert all(sum(r) + a == 1 for r, a in zip(m.transitions, m.attrition))
    >>> test_rows()
    """
    from fractions import Fraction

    from sportsgov.talent import PipelineModel

    room = denominator - min_attrition
    high = renamed("pipeline_models", "max_tiers", max_tiers, "max_size", max_size)

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        ts = draw(tiers(max_size=high))
        k = len(ts)
        rows = []
        for _ in range(k):
            cuts = sorted(draw(st.lists(st.integers(0, room), min_size=k, max_size=k)))
            parts = [b - a for a, b in zip([0, *cuts[:-1]], cuts, strict=True)]
            rows.append([Fraction(x, denominator) for x in parts])
        return PipelineModel(ts, rows)

    return build()


def school_tables(*, max_size: int = 8) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.SchoolTable` of 0..``max_size`` schools with unique names.

    Names mix ids and Chinese names (``S01``, ``一中``); regions are 6-digit codes;
    counts up to 500 coaches and 100,000 athletes.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import school_tables
    >>> @given(school_tables())
    ... def test_totals(t):
    ...     assert t.totals()["coaches"] == sum(s.coaches for s in t)
    >>> test_totals()
    """
    from sportsgov.talent import School, SchoolTable

    names = st.text(
        alphabet=st.sampled_from(list("S0123456789一二中小学体校")), min_size=1, max_size=5
    )

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        chosen = draw(st.lists(names, max_size=max_size, unique=True))
        return SchoolTable(
            tuple(
                School(
                    name,
                    draw(_REGION_CODES),
                    draw(st.integers(0, 500)),
                    draw(st.integers(0, 100_000)),
                )
                for name in chosen
            )
        )

    return build()


def instructor_tables(*, max_size: int = 8) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.InstructorTable` of 0..``max_size`` counts.

    Each (region, year) pair at most once; regions are 6-digit codes, years
    1990..2035, counts up to 10 million.

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import instructor_tables
    >>> @given(instructor_tables())
    ... def test_years_sorted(t):
    ...     assert list(t.years()) == sorted({r.year for r in t})
    >>> test_years_sorted()
    """
    from sportsgov.talent import InstructorCount, InstructorTable

    @st.composite
    def build(draw: st.DrawFn) -> Any:
        keys = draw(
            st.lists(
                st.tuples(_REGION_CODES, st.integers(1990, 2035)), max_size=max_size, unique=True
            )
        )
        return InstructorTable(
            tuple(InstructorCount(r, y, draw(st.integers(0, 10**7))) for r, y in keys)
        )

    return build()


def medal_tables(
    *, max_size: int = 8, shared: bool = False, max_units: int | None = None
) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.MedalTable` with 0..``max_size`` units.

    ``max_units`` is the deprecated old name of ``max_size``.

    With ``shared=True`` counts may be halves (0.5/0.5 shared credit).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import medal_tables
    >>> @given(medal_tables())
    ... def test_ranks_start_at_one(t):
    ...     assert not t.entries or t.ranking()[0].rank == 1
    >>> test_ranks_start_at_one()
    """
    from fractions import Fraction

    from sportsgov.talent import Medals, MedalTable

    step = Fraction(1, 2) if shared else Fraction(1)
    count = st.integers(0, 12).map(lambda n: n * step)
    medals = st.builds(Medals, count, count, count)
    units = st.text("ABCDEFGH甲乙丙丁", min_size=1, max_size=3)
    high = renamed("medal_tables", "max_units", max_units, "max_size", max_size)
    return st.dictionaries(units, medals, max_size=high).map(MedalTable)


def games_results(units: tuple[str, ...] = ("A", "B", "C", "D")) -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.GamesResult` with valid shares (some shared 双计分).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import games_results
    >>> @given(games_results())
    ... def test_shares(r):
    ...     assert sum(r.units.values()) == 1
    >>> test_shares()
    """
    from fractions import Fraction

    from sportsgov.talent import GamesResult

    @st.composite
    def shares(draw: st.DrawFn) -> dict[str, Fraction]:
        chosen = draw(st.lists(st.sampled_from(units), min_size=1, max_size=3, unique=True))
        weights = draw(st.lists(st.integers(1, 4), min_size=len(chosen), max_size=len(chosen)))
        total = sum(weights)
        return {u: Fraction(w, total) for u, w in zip(chosen, weights, strict=True)}

    return st.builds(
        GamesResult,
        event=st.sampled_from(["100m", "4x100m relay", "karate -55kg", "basketball"]),
        place=st.integers(1, 12),
        units=shares(),
        kind=st.sampled_from(["individual", "relay", "team"]),
        level=st.sampled_from(["games", "games", "olympic"]),
        trained_by=st.none() | shares(),
    )


def games_points() -> st.SearchStrategy[Any]:
    """:class:`sportsgov.talent.GamesPoints` rule sets (tables, multipliers, extra credit).

    Examples
    --------
    >>> from hypothesis import given
    >>> from sportsgov.testing import games_points
    >>> @given(games_points())
    ... def test_first_place_scores(g):
    ...     assert g.points_for(1) >= 0
    >>> test_first_place_scores()
    """
    from sportsgov.talent import ExtraCredit, GamesPoints

    table = st.lists(st.integers(0, 20), min_size=1, max_size=10).map(
        lambda xs: sorted(xs, reverse=True)
    )
    mult = st.fixed_dictionaries(
        {}, optional={"relay": st.integers(1, 3), "team": st.integers(1, 3)}
    )
    extra = st.lists(st.builds(ExtraCredit, st.just("olympic"), st.integers(1, 3)), max_size=1)
    return st.builds(
        GamesPoints, table, multipliers=mult, extra=extra, delivery_share=st.sampled_from([0, 1])
    )
