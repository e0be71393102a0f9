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
from typing import Any

from sportsgov._version import __version__

# THE table of root names: public name -> module that defines it. It is the one
# source of truth: ``__all__``, ``__dir__``, the lazy ``__getattr__`` and the type
# stub ``__init__.pyi`` (written by ``python tools/gen_init_stub.py``; a test fails
# when the committed stub is stale) all come from it. Add a name here, rerun the
# generator, and document the name in docs/reference.
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
    "today": "sportsgov.periods",
    # apportionment
    "Apportionment": "sportsgov.apportionment",
    "apportion": "sportsgov.apportionment",
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
    "CoverageResult": "sportsgov.coverage.results",
    "RegionCoverage": "sportsgov.coverage.results",
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
    # coverage part 3: accessibility models and network queries
    "AccessScores": "sportsgov.coverage.access_models",
    "fca_ratio": "sportsgov.coverage.access_models",
    "gravity": "sportsgov.coverage.access_models",
    "raam": "sportsgov.coverage.access_models",
    "three_step_fca": "sportsgov.coverage.access_models",
    "weighted_catchment": "sportsgov.coverage.access_models",
    "Aggregation": "sportsgov.coverage.network_queries",
    "NearestFacilities": "sportsgov.coverage.network_queries",
    "impedance_from_edges": "sportsgov.coverage.network_queries",
    "impedance_from_speed": "sportsgov.coverage.network_queries",
    "low_connectivity_nodes": "sportsgov.coverage.network_queries",
    "nearest_facilities": "sportsgov.coverage.network_queries",
    "nodes_in_range": "sportsgov.coverage.network_queries",
    "shortest_path": "sportsgov.coverage.network_queries",
    "shortest_path_lengths": "sportsgov.coverage.network_queries",
    # coverage part 4: location-allocation
    "lscp": "sportsgov.coverage.location",
    "lscp_b": "sportsgov.coverage.location",
    "p_center": "sportsgov.coverage.location",
    "p_dispersion": "sportsgov.coverage.location",
    "p_median": "sportsgov.coverage.location",
    # coverage part 5: geography
    "Boundaries": "sportsgov.coverage.boundaries",
    "FacilityLocation": "sportsgov.coverage.boundaries",
    "RegionFinding": "sportsgov.coverage.boundaries",
    "coordinate_columns": "sportsgov.coverage.layers",
    "site_table": "sportsgov.coverage.layers",
    # coverage part 6: national scale
    "StreamedCoverage": "sportsgov.coverage.streaming",
    "streamed_circle_coverage": "sportsgov.coverage.streaming",
    "streamed_network_coverage": "sportsgov.coverage.streaming",
    "tiled_network_coverage": "sportsgov.coverage.tiling",
    # talent
    "IntakePlan": "sportsgov.talent.projection",
    "PipelineModel": "sportsgov.talent.pipeline",
    "Projection": "sportsgov.talent.projection",
    "Tier": "sportsgov.talent.tiers",
    "InstructorCount": "sportsgov.talent.instructors",
    "InstructorTable": "sportsgov.talent.instructors",
    "School": "sportsgov.talent.schools",
    "SchoolTable": "sportsgov.talent.schools",
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
    "BudgetLine": "sportsgov.budget",
    "BudgetLineTable": "sportsgov.budget",
    "ExecutionTable": "sportsgov.budget",
    "SubsidyClaim": "sportsgov.budget",
    "SubsidyClaimTable": "sportsgov.budget",
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
    # report
    "ReportSettings": "sportsgov.report",
    # data quality
    "Finding": "sportsgov.quality",
    "check_city": "sportsgov.quality",
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
    # population projection
    "PROJECTION_METHODS": "sportsgov.regions",
    "ProjectedPopulation": "sportsgov.regions",
    "ProjectionFit": "sportsgov.regions",
    "project_population": "sportsgov.regions",
    # planning
    "AddArea": "sportsgov.planning",
    "AddEvents": "sportsgov.planning",
    "AddFacility": "sportsgov.planning",
    "AreaPlan": "sportsgov.planning",
    "AreaRow": "sportsgov.planning",
    "ChangePopulation": "sportsgov.planning",
    "CloseFacilities": "sportsgov.planning",
    "CoverPlan": "sportsgov.planning",
    "GapRow": "sportsgov.planning",
    "Gaps": "sportsgov.planning",
    "Need": "sportsgov.planning",
    "OBJECTIVES": "sportsgov.planning",
    "Portfolio": "sportsgov.planning",
    "CandidateProject": "sportsgov.planning",
    "Project": "sportsgov.planning",
    "ProjectTable": "sportsgov.planning",
    "Scenario": "sportsgov.planning",
    "ScenarioDiff": "sportsgov.planning",
    "ScenarioResult": "sportsgov.planning",
    "Spend": "sportsgov.planning",
    "StatusFlip": "sportsgov.planning",
    "TalentPipeline": "sportsgov.planning",
    "area_to_add": "sportsgov.planning",
    "best_portfolio": "sportsgov.planning",
    "diff": "sportsgov.planning",
    "evaluate_city": "sportsgov.planning",
    "gaps": "sportsgov.planning",
    "months_between": "sportsgov.planning",
    "sites_to_reach": "sportsgov.planning",
}

__all__ = ["__version__", *sorted(_EXPORTS)]


# Topic modules reachable as attributes (``sportsgov.plans.load(...)``) without an import.
_SUBMODULES = frozenset(
    {
        "apportionment", "assessment", "budget", "citydata", "cli", "coverage", "errors",
        "facilities", "indicators", "io", "money", "periods", "planning", "plans",
        "quality", "regions", "report", "talent", "testing", "units",
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
