"""sportsgov: typed, exact domain models for sports governance.

The package root is the front door: every public name is importable from here
and from its topic module (``sportsgov.money``, ``sportsgov.coverage`` ...).
Names are loaded lazily (PEP 562) so ``import sportsgov`` stays fast and does not
pull in scipy or pint until a calculator that needs them is used.

Examples
--------
>>> import sportsgov
>>> sportsgov.__version__
'0.1.0'
>>> from sportsgov import Money
>>> Money.parse("7668.28万元")
Money('76682800.00')
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sportsgov._version import __version__

# Public name -> module that defines it. Keep in step with the TYPE_CHECKING
# block below (tests/test_public_api.py checks both agree and are documented).
_EXPORTS: dict[str, str] = {
    # --- foundation ---
    "SportsgovError": "sportsgov.errors",
    "InvalidInputError": "sportsgov.errors",
    "UnitError": "sportsgov.errors",
    "DataError": "sportsgov.errors",
    "DatumError": "sportsgov.errors",
    "NotFoundError": "sportsgov.errors",
    "InfeasibleError": "sportsgov.errors",
    "TieError": "sportsgov.errors",
    "BudgetExceededError": "sportsgov.errors",
    # --- end foundation ---
    # --- units ---
    "Q_": "sportsgov.units",
    "Quantity": "sportsgov.units",
    "as_quantity": "sportsgov.units",
    "check_dimension": "sportsgov.units",
    "format_quantity": "sportsgov.units",
    "magnitude_in": "sportsgov.units",
    # --- end units ---
    # --- money ---
    "Allocation": "sportsgov.money",
    "Money": "sportsgov.money",
    "allocate": "sportsgov.money",
    "allocate_detailed": "sportsgov.money",
    # --- end money ---
    # --- periods ---
    "Period": "sportsgov.periods",
    "as_date": "sportsgov.periods",
    "time_progress": "sportsgov.periods",
    # --- end periods ---
    # --- apportion ---
    "Apportionment": "sportsgov.apportion",
    "apportion": "sportsgov.apportion",
    # --- end apportion ---
    # --- io ---
    "from_json": "sportsgov.io",
    "from_toml": "sportsgov.io",
    "to_json": "sportsgov.io",
    "to_toml": "sportsgov.io",
    # --- end io ---
    # --- regions-facilities-indicators ---
    "Region": "sportsgov.regions",
    "RegionTree": "sportsgov.regions",
    "PopulationTable": "sportsgov.regions",
    "PopulationMismatch": "sportsgov.regions",
    "FacilityKind": "sportsgov.facilities",
    "FacilityKinds": "sportsgov.facilities",
    "Facility": "sportsgov.facilities",
    "Location": "sportsgov.facilities",
    "Inventory": "sportsgov.facilities",
    "LoadResult": "sportsgov.facilities",
    "IndicatorValue": "sportsgov.indicators",
    "IndicatorTable": "sportsgov.indicators",
    "per_capita_area": "sportsgov.indicators",
    "pitches_per_10k": "sportsgov.indicators",
    "instructors_per_1000": "sportsgov.indicators",
    "indicator_table": "sportsgov.indicators",
    "population_year": "sportsgov.indicators",
    "ratio": "sportsgov.indicators",
    "share": "sportsgov.indicators",
    # --- end regions-facilities-indicators ---
    # --- coverage ---
    # coverage part 1: geo, presets, circle coverage, road networks, tiling
    "Points": "sportsgov.coverage.geo",
    "wgs84_to_gcj02": "sportsgov.coverage.geo",
    "gcj02_to_wgs84": "sportsgov.coverage.geo",
    "gcj02_to_bd09": "sportsgov.coverage.geo",
    "bd09_to_gcj02": "sportsgov.coverage.geo",
    "wgs84_to_bd09": "sportsgov.coverage.geo",
    "bd09_to_wgs84": "sportsgov.coverage.geo",
    "great_circle_distance": "sportsgov.coverage.geo",
    "pairs_within": "sportsgov.coverage.geo",
    "nearest_neighbours": "sportsgov.coverage.geo",
    "FitnessCircle": "sportsgov.coverage.presets",
    "SettlementCircles": "sportsgov.coverage.presets",
    "URBAN_FITNESS_CIRCLE": "sportsgov.coverage.presets",
    "RURAL_FITNESS_CIRCLE": "sportsgov.coverage.presets",
    "LIFE_CIRCLE_5": "sportsgov.coverage.presets",
    "LIFE_CIRCLE_10": "sportsgov.coverage.presets",
    "LIFE_CIRCLE_15": "sportsgov.coverage.presets",
    "FITNESS_CIRCLES": "sportsgov.coverage.presets",
    "radius_by_settlement": "sportsgov.coverage.presets",
    "circle_coverage": "sportsgov.coverage.circle",
    "CoverageResult": "sportsgov.coverage.circle",
    "RegionCoverage": "sportsgov.coverage.circle",
    "RoadNetwork": "sportsgov.coverage.network",
    "Snap": "sportsgov.coverage.network",
    "tiled_circle_coverage": "sportsgov.coverage.tiling",
    # coverage part 2: 2SFCA and siting
    "AccessSummary": "sportsgov.coverage.fca",
    "Accessibility": "sportsgov.coverage.fca",
    "CostTable": "sportsgov.coverage.fca",
    "catchment_costs": "sportsgov.coverage.fca",
    "enhanced_two_step_fca": "sportsgov.coverage.fca",
    "network_costs": "sportsgov.coverage.fca",
    "two_step_fca": "sportsgov.coverage.fca",
    "SiteSelection": "sportsgov.coverage.siting",
    "suggest_sites": "sportsgov.coverage.siting",
    # --- end coverage ---
    # --- talent ---
    "IntakePlan": "sportsgov.talent.pipeline",
    "PipelineModel": "sportsgov.talent.pipeline",
    "Projection": "sportsgov.talent.pipeline",
    "Tier": "sportsgov.talent.pipeline",
    "INDIVIDUAL_SPORTS": "sportsgov.talent.standards",
    "TEAM_SPORTS": "sportsgov.talent.standards",
    "QuotaAllocation": "sportsgov.talent.standards",
    "QuotaStandard": "sportsgov.talent.standards",
    "RatioBreach": "sportsgov.talent.standards",
    "RatioCheck": "sportsgov.talent.standards",
    "RatioRule": "sportsgov.talent.standards",
    "StandardGaps": "sportsgov.talent.standards",
    "allocate_quota": "sportsgov.talent.standards",
    "check_ratios": "sportsgov.talent.standards",
    "MedalDelta": "sportsgov.talent.medals",
    "MedalRank": "sportsgov.talent.medals",
    "MedalTable": "sportsgov.talent.medals",
    "Medals": "sportsgov.talent.medals",
    "CreditLine": "sportsgov.talent.points",
    "ExtraCredit": "sportsgov.talent.points",
    "GamesPoints": "sportsgov.talent.points",
    "GamesResult": "sportsgov.talent.points",
    "GamesScore": "sportsgov.talent.points",
    "PointsRank": "sportsgov.talent.points",
    # --- end talent ---
    # --- budget ---
    "BandedRule": "sportsgov.budget",
    "ClaimResult": "sportsgov.budget",
    "CofundingSplit": "sportsgov.budget",
    "EvaluationResult": "sportsgov.budget",
    "Event": "sportsgov.budget",
    "EventCatalog": "sportsgov.budget",
    "ExecutionRate": "sportsgov.budget",
    "ExecutionTable": "sportsgov.budget",
    "FactorAllocation": "sportsgov.budget",
    "FundingModel": "sportsgov.budget",
    "PerformanceIndicator": "sportsgov.budget",
    "MetRule": "sportsgov.budget",
    "PerformanceEvaluation": "sportsgov.budget",
    "ProportionalRule": "sportsgov.budget",
    "SubsidyLedger": "sportsgov.budget",
    "SubsidyProgram": "sportsgov.budget",
    "cofunding": "sportsgov.budget",
    "execution_rate": "sportsgov.budget",
    "execution_table": "sportsgov.budget",
    "factor_allocation": "sportsgov.budget",
    # --- end budget ---
    # --- plans-assessment ---
    "Baseline": "sportsgov.plans",
    "Milestone": "sportsgov.plans",
    "Phase": "sportsgov.plans",
    "Plan": "sportsgov.plans",
    "SourceRef": "sportsgov.plans",
    "Target": "sportsgov.plans",
    "Task": "sportsgov.plans",
    "Assessment": "sportsgov.assessment",
    "AssessmentRow": "sportsgov.assessment",
    "ItemScore": "sportsgov.assessment",
    "Observation": "sportsgov.assessment",
    "ObservationTable": "sportsgov.assessment",
    "QuarterPace": "sportsgov.assessment",
    "RegionScore": "sportsgov.assessment",
    "Scheme": "sportsgov.assessment",
    "Scorecard": "sportsgov.assessment",
    "assess": "sportsgov.assessment",
    "pace_by_quarter": "sportsgov.assessment",
    "score": "sportsgov.assessment",
    # --- end plans-assessment ---
    # --- report ---
    # --- end report ---
}

if TYPE_CHECKING:
    # --- foundation ---
    from sportsgov.errors import (
        BudgetExceededError,
        DataError,
        DatumError,
        InfeasibleError,
        InvalidInputError,
        NotFoundError,
        SportsgovError,
        TieError,
        UnitError,
    )
    # --- end foundation ---
    # --- units ---
    from sportsgov.units import Q_ as Q_
    from sportsgov.units import Quantity as Quantity
    from sportsgov.units import as_quantity as as_quantity
    from sportsgov.units import check_dimension as check_dimension
    from sportsgov.units import format_quantity as format_quantity
    from sportsgov.units import magnitude_in as magnitude_in
    # --- end units ---
    # --- money ---
    from sportsgov.money import Allocation as Allocation
    from sportsgov.money import Money as Money
    from sportsgov.money import allocate as allocate
    from sportsgov.money import allocate_detailed as allocate_detailed
    # --- end money ---
    # --- periods ---
    from sportsgov.periods import Period as Period
    from sportsgov.periods import as_date as as_date
    from sportsgov.periods import time_progress as time_progress
    # --- end periods ---
    # --- apportion ---
    from sportsgov.apportion import Apportionment, apportion
    # --- end apportion ---
    # --- io ---
    from sportsgov.io import from_json, from_toml, to_json, to_toml
    # --- end io ---
    # --- regions-facilities-indicators ---
    from sportsgov.facilities import (
        Facility,
        FacilityKind,
        FacilityKinds,
        Inventory,
        LoadResult,
        Location,
    )
    from sportsgov.indicators import (
        IndicatorTable,
        IndicatorValue,
        indicator_table,
        instructors_per_1000,
        per_capita_area,
        pitches_per_10k,
        population_year,
        ratio,
        share,
    )
    from sportsgov.regions import PopulationMismatch, PopulationTable, Region, RegionTree
    # --- end regions-facilities-indicators ---
    # --- coverage ---
    # coverage part 1: geo, presets, circle coverage, road networks, tiling
    from sportsgov.coverage.circle import CoverageResult, RegionCoverage, circle_coverage
    from sportsgov.coverage.geo import (
        Points,
        bd09_to_gcj02,
        bd09_to_wgs84,
        gcj02_to_bd09,
        gcj02_to_wgs84,
        great_circle_distance,
        nearest_neighbours,
        pairs_within,
        wgs84_to_bd09,
        wgs84_to_gcj02,
    )
    from sportsgov.coverage.network import RoadNetwork, Snap
    from sportsgov.coverage.presets import (
        FITNESS_CIRCLES,
        LIFE_CIRCLE_5,
        LIFE_CIRCLE_10,
        LIFE_CIRCLE_15,
        RURAL_FITNESS_CIRCLE,
        URBAN_FITNESS_CIRCLE,
        FitnessCircle,
        SettlementCircles,
        radius_by_settlement,
    )
    from sportsgov.coverage.tiling import tiled_circle_coverage

    # coverage part 2: 2SFCA and siting
    from sportsgov.coverage.fca import (
        Accessibility,
        AccessSummary,
        CostTable,
        catchment_costs,
        enhanced_two_step_fca,
        network_costs,
        two_step_fca,
    )
    from sportsgov.coverage.siting import SiteSelection, suggest_sites
    # --- end coverage ---
    # --- talent ---
    from sportsgov.talent.medals import (
        MedalDelta,
        MedalRank,
        Medals,
        MedalTable,
    )
    from sportsgov.talent.pipeline import (
        IntakePlan,
        PipelineModel,
        Projection,
        Tier,
    )
    from sportsgov.talent.points import (
        CreditLine,
        ExtraCredit,
        GamesPoints,
        GamesResult,
        GamesScore,
        PointsRank,
    )
    from sportsgov.talent.standards import (
        INDIVIDUAL_SPORTS,
        TEAM_SPORTS,
        QuotaAllocation,
        QuotaStandard,
        RatioBreach,
        RatioCheck,
        RatioRule,
        StandardGaps,
        allocate_quota,
        check_ratios,
    )
    # --- end talent ---
    # --- budget ---
    from sportsgov.budget import (
        BandedRule,
        ClaimResult,
        CofundingSplit,
        EvaluationResult,
        Event,
        EventCatalog,
        ExecutionRate,
        ExecutionTable,
        FactorAllocation,
        FundingModel,
        MetRule,
        PerformanceEvaluation,
        PerformanceIndicator,
        ProportionalRule,
        SubsidyLedger,
        SubsidyProgram,
        cofunding,
        execution_rate,
        execution_table,
        factor_allocation,
    )
    # --- end budget ---
    # --- plans-assessment ---
    from sportsgov.assessment import (
        Assessment,
        AssessmentRow,
        ItemScore,
        Observation,
        ObservationTable,
        QuarterPace,
        RegionScore,
        Scheme,
        Scorecard,
        assess,
        pace_by_quarter,
        score,
    )
    from sportsgov.plans import (
        Baseline,
        Milestone,
        Phase,
        Plan,
        SourceRef,
        Target,
        Task,
    )
    # --- end plans-assessment ---
    # --- report ---
    # --- end report ---

__all__ = ["__version__", *sorted(_EXPORTS)]


# Topic modules reachable as attributes (``sportsgov.plans.load(...)``) without an import.
_SUBMODULES = frozenset(
    {
        "apportion", "assessment", "budget", "citydata", "cli", "coverage", "errors",
        "facilities", "indicators", "io", "money", "periods", "plans", "regions",
        "report", "talent", "testing", "units",
    }
)  # fmt: skip


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        if name in _SUBMODULES:
            return importlib.import_module(f"sportsgov.{name}")
        raise AttributeError(f"module 'sportsgov' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS))
