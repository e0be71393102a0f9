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
    # foundation
    "SportsgovError": "sportsgov.errors",
    "InvalidInputError": "sportsgov.errors",
    "UnitError": "sportsgov.errors",
    "DataError": "sportsgov.errors",
    "DatumError": "sportsgov.errors",
    "NotFoundError": "sportsgov.errors",
    "InfeasibleError": "sportsgov.errors",
    "TieError": "sportsgov.errors",
    "BudgetExceededError": "sportsgov.errors",
    # units
    "Q_": "sportsgov.units",
    "Quantity": "sportsgov.units",
    "as_quantity": "sportsgov.units",
    "check_dimension": "sportsgov.units",
    "format_quantity": "sportsgov.units",
    "magnitude_in": "sportsgov.units",
    # money
    "Allocation": "sportsgov.money",
    "Money": "sportsgov.money",
    "allocate": "sportsgov.money",
    "allocate_detailed": "sportsgov.money",
    # periods
    "Period": "sportsgov.periods",
    "as_date": "sportsgov.periods",
    "time_progress": "sportsgov.periods",
    # apportion
    "Apportionment": "sportsgov.apportion",
    "apportion": "sportsgov.apportion",
    # io
    "from_json": "sportsgov.io",
    "from_toml": "sportsgov.io",
    "to_json": "sportsgov.io",
    "to_toml": "sportsgov.io",
    # regions-facilities-indicators
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
    # coverage
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
    # talent
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
    # budget
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
    # plans-assessment
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
    # report
}

if TYPE_CHECKING:  # explicit re-exports for type checkers (names as in _EXPORTS)
    from sportsgov.apportion import (
        Apportionment as Apportionment,
    )
    from sportsgov.apportion import (
        apportion as apportion,
    )
    from sportsgov.assessment import (
        Assessment as Assessment,
    )
    from sportsgov.assessment import (
        AssessmentRow as AssessmentRow,
    )
    from sportsgov.assessment import (
        ItemScore as ItemScore,
    )
    from sportsgov.assessment import (
        Observation as Observation,
    )
    from sportsgov.assessment import (
        ObservationTable as ObservationTable,
    )
    from sportsgov.assessment import (
        QuarterPace as QuarterPace,
    )
    from sportsgov.assessment import (
        RegionScore as RegionScore,
    )
    from sportsgov.assessment import (
        Scheme as Scheme,
    )
    from sportsgov.assessment import (
        Scorecard as Scorecard,
    )
    from sportsgov.assessment import (
        assess as assess,
    )
    from sportsgov.assessment import (
        pace_by_quarter as pace_by_quarter,
    )
    from sportsgov.assessment import (
        score as score,
    )
    from sportsgov.budget import (
        BandedRule as BandedRule,
    )
    from sportsgov.budget import (
        ClaimResult as ClaimResult,
    )
    from sportsgov.budget import (
        CofundingSplit as CofundingSplit,
    )
    from sportsgov.budget import (
        EvaluationResult as EvaluationResult,
    )
    from sportsgov.budget import (
        Event as Event,
    )
    from sportsgov.budget import (
        EventCatalog as EventCatalog,
    )
    from sportsgov.budget import (
        ExecutionRate as ExecutionRate,
    )
    from sportsgov.budget import (
        ExecutionTable as ExecutionTable,
    )
    from sportsgov.budget import (
        FactorAllocation as FactorAllocation,
    )
    from sportsgov.budget import (
        FundingModel as FundingModel,
    )
    from sportsgov.budget import (
        MetRule as MetRule,
    )
    from sportsgov.budget import (
        PerformanceEvaluation as PerformanceEvaluation,
    )
    from sportsgov.budget import (
        PerformanceIndicator as PerformanceIndicator,
    )
    from sportsgov.budget import (
        ProportionalRule as ProportionalRule,
    )
    from sportsgov.budget import (
        SubsidyLedger as SubsidyLedger,
    )
    from sportsgov.budget import (
        SubsidyProgram as SubsidyProgram,
    )
    from sportsgov.budget import (
        cofunding as cofunding,
    )
    from sportsgov.budget import (
        execution_rate as execution_rate,
    )
    from sportsgov.budget import (
        execution_table as execution_table,
    )
    from sportsgov.budget import (
        factor_allocation as factor_allocation,
    )
    from sportsgov.coverage.circle import (
        CoverageResult as CoverageResult,
    )
    from sportsgov.coverage.circle import (
        RegionCoverage as RegionCoverage,
    )
    from sportsgov.coverage.circle import (
        circle_coverage as circle_coverage,
    )
    from sportsgov.coverage.fca import (
        Accessibility as Accessibility,
    )
    from sportsgov.coverage.fca import (
        AccessSummary as AccessSummary,
    )
    from sportsgov.coverage.fca import (
        CostTable as CostTable,
    )
    from sportsgov.coverage.fca import (
        catchment_costs as catchment_costs,
    )
    from sportsgov.coverage.fca import (
        enhanced_two_step_fca as enhanced_two_step_fca,
    )
    from sportsgov.coverage.fca import (
        network_costs as network_costs,
    )
    from sportsgov.coverage.fca import (
        two_step_fca as two_step_fca,
    )
    from sportsgov.coverage.geo import (
        Points as Points,
    )
    from sportsgov.coverage.geo import (
        bd09_to_gcj02 as bd09_to_gcj02,
    )
    from sportsgov.coverage.geo import (
        bd09_to_wgs84 as bd09_to_wgs84,
    )
    from sportsgov.coverage.geo import (
        gcj02_to_bd09 as gcj02_to_bd09,
    )
    from sportsgov.coverage.geo import (
        gcj02_to_wgs84 as gcj02_to_wgs84,
    )
    from sportsgov.coverage.geo import (
        great_circle_distance as great_circle_distance,
    )
    from sportsgov.coverage.geo import (
        nearest_neighbours as nearest_neighbours,
    )
    from sportsgov.coverage.geo import (
        pairs_within as pairs_within,
    )
    from sportsgov.coverage.geo import (
        wgs84_to_bd09 as wgs84_to_bd09,
    )
    from sportsgov.coverage.geo import (
        wgs84_to_gcj02 as wgs84_to_gcj02,
    )
    from sportsgov.coverage.network import (
        RoadNetwork as RoadNetwork,
    )
    from sportsgov.coverage.network import (
        Snap as Snap,
    )
    from sportsgov.coverage.presets import (
        FITNESS_CIRCLES as FITNESS_CIRCLES,
    )
    from sportsgov.coverage.presets import (
        LIFE_CIRCLE_5 as LIFE_CIRCLE_5,
    )
    from sportsgov.coverage.presets import (
        LIFE_CIRCLE_10 as LIFE_CIRCLE_10,
    )
    from sportsgov.coverage.presets import (
        LIFE_CIRCLE_15 as LIFE_CIRCLE_15,
    )
    from sportsgov.coverage.presets import (
        RURAL_FITNESS_CIRCLE as RURAL_FITNESS_CIRCLE,
    )
    from sportsgov.coverage.presets import (
        URBAN_FITNESS_CIRCLE as URBAN_FITNESS_CIRCLE,
    )
    from sportsgov.coverage.presets import (
        FitnessCircle as FitnessCircle,
    )
    from sportsgov.coverage.presets import (
        SettlementCircles as SettlementCircles,
    )
    from sportsgov.coverage.presets import (
        radius_by_settlement as radius_by_settlement,
    )
    from sportsgov.coverage.siting import (
        SiteSelection as SiteSelection,
    )
    from sportsgov.coverage.siting import (
        suggest_sites as suggest_sites,
    )
    from sportsgov.coverage.tiling import (
        tiled_circle_coverage as tiled_circle_coverage,
    )
    from sportsgov.errors import (
        BudgetExceededError as BudgetExceededError,
    )
    from sportsgov.errors import (
        DataError as DataError,
    )
    from sportsgov.errors import (
        DatumError as DatumError,
    )
    from sportsgov.errors import (
        InfeasibleError as InfeasibleError,
    )
    from sportsgov.errors import (
        InvalidInputError as InvalidInputError,
    )
    from sportsgov.errors import (
        NotFoundError as NotFoundError,
    )
    from sportsgov.errors import (
        SportsgovError as SportsgovError,
    )
    from sportsgov.errors import (
        TieError as TieError,
    )
    from sportsgov.errors import (
        UnitError as UnitError,
    )
    from sportsgov.facilities import (
        Facility as Facility,
    )
    from sportsgov.facilities import (
        FacilityKind as FacilityKind,
    )
    from sportsgov.facilities import (
        FacilityKinds as FacilityKinds,
    )
    from sportsgov.facilities import (
        Inventory as Inventory,
    )
    from sportsgov.facilities import (
        LoadResult as LoadResult,
    )
    from sportsgov.facilities import (
        Location as Location,
    )
    from sportsgov.indicators import (
        IndicatorTable as IndicatorTable,
    )
    from sportsgov.indicators import (
        IndicatorValue as IndicatorValue,
    )
    from sportsgov.indicators import (
        indicator_table as indicator_table,
    )
    from sportsgov.indicators import (
        instructors_per_1000 as instructors_per_1000,
    )
    from sportsgov.indicators import (
        per_capita_area as per_capita_area,
    )
    from sportsgov.indicators import (
        pitches_per_10k as pitches_per_10k,
    )
    from sportsgov.indicators import (
        population_year as population_year,
    )
    from sportsgov.indicators import (
        ratio as ratio,
    )
    from sportsgov.indicators import (
        share as share,
    )
    from sportsgov.io import (
        from_json as from_json,
    )
    from sportsgov.io import (
        from_toml as from_toml,
    )
    from sportsgov.io import (
        to_json as to_json,
    )
    from sportsgov.io import (
        to_toml as to_toml,
    )
    from sportsgov.money import (
        Allocation as Allocation,
    )
    from sportsgov.money import (
        Money as Money,
    )
    from sportsgov.money import (
        allocate as allocate,
    )
    from sportsgov.money import (
        allocate_detailed as allocate_detailed,
    )
    from sportsgov.periods import (
        Period as Period,
    )
    from sportsgov.periods import (
        as_date as as_date,
    )
    from sportsgov.periods import (
        time_progress as time_progress,
    )
    from sportsgov.plans import (
        Baseline as Baseline,
    )
    from sportsgov.plans import (
        Milestone as Milestone,
    )
    from sportsgov.plans import (
        Phase as Phase,
    )
    from sportsgov.plans import (
        Plan as Plan,
    )
    from sportsgov.plans import (
        SourceRef as SourceRef,
    )
    from sportsgov.plans import (
        Target as Target,
    )
    from sportsgov.plans import (
        Task as Task,
    )
    from sportsgov.regions import (
        PopulationMismatch as PopulationMismatch,
    )
    from sportsgov.regions import (
        PopulationTable as PopulationTable,
    )
    from sportsgov.regions import (
        Region as Region,
    )
    from sportsgov.regions import (
        RegionTree as RegionTree,
    )
    from sportsgov.talent.medals import (
        MedalDelta as MedalDelta,
    )
    from sportsgov.talent.medals import (
        MedalRank as MedalRank,
    )
    from sportsgov.talent.medals import (
        Medals as Medals,
    )
    from sportsgov.talent.medals import (
        MedalTable as MedalTable,
    )
    from sportsgov.talent.pipeline import (
        IntakePlan as IntakePlan,
    )
    from sportsgov.talent.pipeline import (
        PipelineModel as PipelineModel,
    )
    from sportsgov.talent.pipeline import (
        Projection as Projection,
    )
    from sportsgov.talent.pipeline import (
        Tier as Tier,
    )
    from sportsgov.talent.points import (
        CreditLine as CreditLine,
    )
    from sportsgov.talent.points import (
        ExtraCredit as ExtraCredit,
    )
    from sportsgov.talent.points import (
        GamesPoints as GamesPoints,
    )
    from sportsgov.talent.points import (
        GamesResult as GamesResult,
    )
    from sportsgov.talent.points import (
        GamesScore as GamesScore,
    )
    from sportsgov.talent.points import (
        PointsRank as PointsRank,
    )
    from sportsgov.talent.standards import (
        INDIVIDUAL_SPORTS as INDIVIDUAL_SPORTS,
    )
    from sportsgov.talent.standards import (
        TEAM_SPORTS as TEAM_SPORTS,
    )
    from sportsgov.talent.standards import (
        QuotaAllocation as QuotaAllocation,
    )
    from sportsgov.talent.standards import (
        QuotaStandard as QuotaStandard,
    )
    from sportsgov.talent.standards import (
        RatioBreach as RatioBreach,
    )
    from sportsgov.talent.standards import (
        RatioCheck as RatioCheck,
    )
    from sportsgov.talent.standards import (
        RatioRule as RatioRule,
    )
    from sportsgov.talent.standards import (
        StandardGaps as StandardGaps,
    )
    from sportsgov.talent.standards import (
        allocate_quota as allocate_quota,
    )
    from sportsgov.talent.standards import (
        check_ratios as check_ratios,
    )
    from sportsgov.units import (
        Q_ as Q_,
    )
    from sportsgov.units import (
        Quantity as Quantity,
    )
    from sportsgov.units import (
        as_quantity as as_quantity,
    )
    from sportsgov.units import (
        check_dimension as check_dimension,
    )
    from sportsgov.units import (
        format_quantity as format_quantity,
    )
    from sportsgov.units import (
        magnitude_in as magnitude_in,
    )

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
