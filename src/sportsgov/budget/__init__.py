"""Budget rules: factor allocation (因素法), co-funding, event funding, subsidies,
execution against time progress (序时进度) and performance evaluation (绩效评价).

All money is :class:`~sportsgov.money.Money` (integer fen) and every split is
exact: amounts always add up to the total, and the rule that placed each
remainder fen is reported with the result.

Modules: :mod:`~sportsgov.budget.allocation`, :mod:`~sportsgov.budget.cofunding`,
:mod:`~sportsgov.budget.events`, :mod:`~sportsgov.budget.subsidy`,
:mod:`~sportsgov.budget.execution`, :mod:`~sportsgov.budget.evaluation`, and the
typed tables of budget lines (:mod:`~sportsgov.budget.lines`) and subsidy claims
(:mod:`~sportsgov.budget.claims`).

Examples
--------
>>> from sportsgov.budget import factor_allocation
>>> from sportsgov import Money
>>> factor_allocation(Money.yuan(10), {"a": {"n": 1}, "b": {"n": 3}}, {"n": 1}).amounts
{'a': Money('2.50'), 'b': Money('7.50')}
"""

from __future__ import annotations

from sportsgov.budget.allocation import FactorAllocation, UnitAllocation, factor_allocation
from sportsgov.budget.claims import SubsidyClaim, SubsidyClaimTable
from sportsgov.budget.cofunding import CofundingSplit, cofunding
from sportsgov.budget.evaluation import (
    BandedRule,
    EvaluationResult,
    IndicatorScore,
    MetRule,
    PerformanceEvaluation,
    PerformanceIndicator,
    ProportionalRule,
)
from sportsgov.budget.events import Event, EventCatalog, FundingModel
from sportsgov.budget.execution import (
    ExecutionRate,
    ExecutionTable,
    execution_rate,
    execution_table,
)
from sportsgov.budget.lines import BudgetLine, BudgetLineTable
from sportsgov.budget.subsidy import ClaimRecord, ClaimResult, SubsidyLedger, SubsidyProgram

__all__ = [
    "BandedRule",
    "BudgetLine",
    "BudgetLineTable",
    "ClaimRecord",
    "ClaimResult",
    "CofundingSplit",
    "EvaluationResult",
    "Event",
    "EventCatalog",
    "ExecutionRate",
    "ExecutionTable",
    "FactorAllocation",
    "FundingModel",
    "IndicatorScore",
    "MetRule",
    "PerformanceEvaluation",
    "PerformanceIndicator",
    "ProportionalRule",
    "SubsidyClaim",
    "SubsidyClaimTable",
    "SubsidyLedger",
    "SubsidyProgram",
    "UnitAllocation",
    "cofunding",
    "execution_rate",
    "execution_table",
    "factor_allocation",
]
