"""Private: one mixed-integer program, several solvers (siting and location models).

A model is ``minimize c @ x`` subject to ``row_lower <= A @ x <= row_upper``,
``lower <= x <= upper`` and ``x[integral]`` whole. :func:`solve` runs it on

* ``"highs"`` (default): HiGHS through ``highspy``, its own Python package (a
  dependency of sportsgov), which accepts a starting solution (the greedy one) as
  the first incumbent; where ``highspy`` cannot be imported, the HiGHS bundled
  with scipy through :func:`scipy.optimize.milp` (same optimum, slower: it takes
  no start and no solver options);
* ``"highspy"``: HiGHS through ``highspy`` only (an error if it is missing);
* ``"cbc"``: COIN-OR CBC through PuLP (its wheel ships the CBC binary).

The answer carries the solution, its objective value, the solver's proven bound
and whether optimality was proven. A time limit is not an error: the caller gets
the incumbent (or none) with the bound, and decides.
"""

from __future__ import annotations

import math
import warnings
from typing import Any, Literal

import numpy as np
from attrs import frozen
from numpy.typing import NDArray

from sportsgov.errors import InfeasibleError, InvalidInputError

__all__ = ["SOLVERS", "MilpAnswer", "Solver", "check_solver", "solve"]

Solver = Literal["highs", "highspy", "cbc"]
SOLVERS: tuple[str, ...] = ("highs", "highspy", "cbc")
_EXTRA = {"highspy": "highspy", "cbc": "pulp"}


def _import_problem(module: str) -> str | None:
    """``None`` if ``module`` imports; else why not (not installed, or the import's error).

    An import, not just a look-up: a package that is found but fails to load (a wheel
    built for another platform, a missing shared library) must count as absent.
    """
    import importlib

    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if exc.name == module:
            return "not installed"
        return f"cannot be imported ({exc})"
    except ImportError as exc:
        return f"cannot be imported ({exc})"
    return None


def _highs_backend() -> str:
    """The HiGHS ``solver="highs"`` runs: ``"highspy"``, or ``"scipy"`` if highspy won't import."""
    return "highspy" if _import_problem("highspy") is None else "scipy"


@frozen
class MilpAnswer:
    """Outcome of one solve: ``x`` is ``None`` when no feasible point was found."""

    x: NDArray[np.float64] | None
    value: float  # objective at x (minimization); inf without x
    bound: float  # proven lower bound on the optimum (minimization); -inf if unknown
    optimal: bool  # the solver's own stop rule (HiGHS: relative gap <= 1e-4)
    limit_reached: bool
    solver: str


def check_solver(solver: object) -> str:
    """Validate ``solver=`` and check the package behind it is installed."""
    if not isinstance(solver, str) or solver not in SOLVERS:
        raise InvalidInputError.bad(
            "solver", solver, "expected one of " + ", ".join(repr(s) for s in SOLVERS)
        )
    module = _EXTRA.get(solver)
    problem = None if module is None else _import_problem(module)
    if module is not None and problem is not None:
        # highspy is a dependency of sportsgov; PuLP comes with the solvers extra
        install = (
            "pip install highspy" if module == "highspy" else "pip install 'sportsgov[solvers]'"
        )
        if problem == "not installed":
            hint = f"which is not installed ({install}); solver='highs' needs nothing extra"
        else:
            hint = f"which {problem}; reinstall it ({install}) or use solver='highs'"
        raise InvalidInputError.bad("solver", solver, f"needs the {module!r} package, {hint}")
    return solver


def solve(
    c: NDArray[np.float64],
    a: Any,
    row_lower: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    integral: NDArray[np.bool_],
    *,
    solver: str = "highs",
    time_limit: float | None = None,
    start: NDArray[np.float64] | None = None,
    rel_gap: float | None = None,
    restart: bool = True,
) -> MilpAnswer:
    """Minimize ``c @ x``; raise :class:`InfeasibleError` on infeasible/unbounded/failure.

    ``rel_gap`` is the relative gap at which the solver may stop and call the
    solution optimal (HiGHS's default is 1e-4). ``restart=False`` turns off
    HiGHS's root restarts, which redo the reduced-cost fixing a caller has
    already done, and solves the MIP's LPs by interior point (on the fixed
    coverage model about 40 % less CPU than simplex). ``start`` and ``restart``
    reach HiGHS through highspy only; scipy's :func:`~scipy.optimize.milp`
    (``solver="highs"`` without highspy) passes neither.
    """
    from scipy import sparse

    a = sparse.csr_array(a)
    if solver == "highspy" or (solver == "highs" and _highs_backend() == "highspy"):
        return _highspy(
            c,
            a,
            row_lower,
            row_upper,
            lower,
            upper,
            integral,
            time_limit,
            start,
            rel_gap,
            restart,
            name=solver,
        )
    if solver == "cbc":
        return _cbc(c, a, row_lower, row_upper, lower, upper, integral, time_limit, start, rel_gap)
    return _scipy(c, a, row_lower, row_upper, lower, upper, integral, time_limit, rel_gap)


def _optimal_bound(bound: float | None, value: float) -> float:
    """The solver's dual bound at an "optimal" stop (``value`` if it gave none)."""
    if bound is None or not math.isfinite(bound):
        return value
    return min(float(bound), value)


def _failed(solver: str, what: str) -> InfeasibleError:
    return InfeasibleError(
        f"solver={solver!r}: {what}; no solution is reported. Check the inputs "
        "(every constraint must be satisfiable) or use the heuristic method"
    )


def _scipy(
    c: NDArray[np.float64],
    a: Any,
    row_lower: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    integral: NDArray[np.bool_],
    time_limit: float | None,
    rel_gap: float | None,
) -> MilpAnswer:
    import scipy.optimize

    options: dict[str, Any] = {}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    if rel_gap is not None:
        options["mip_rel_gap"] = float(rel_gap)
    constraints = [scipy.optimize.LinearConstraint(a, row_lower, row_upper)] if a.shape[0] else []
    res = scipy.optimize.milp(
        c,
        constraints=constraints,
        integrality=integral.astype(np.int8),
        bounds=scipy.optimize.Bounds(lower, upper),
        options=options,
    )
    status = int(res.status)
    if status == 0 and res.x is not None:
        value = float(c @ res.x)
        # HiGHS stops at a relative gap of 1e-4 by default: keep its proven bound
        bound = _optimal_bound(getattr(res, "mip_dual_bound", None), value)
        return MilpAnswer(np.asarray(res.x, dtype=np.float64), value, bound, True, False, "highs")
    if status == 1:
        dual = getattr(res, "mip_dual_bound", None)
        x = None if res.x is None else np.asarray(res.x, dtype=np.float64)
        return MilpAnswer(
            x,
            math.inf if x is None else float(c @ x),
            -math.inf if dual is None or not math.isfinite(dual) else float(dual),
            False,
            True,
            "highs",
        )
    reason = {2: "the problem is infeasible", 3: "the problem is unbounded"}.get(
        status, "the solver failed"
    )
    raise _failed("highs", f"{reason} (status={status}; HiGHS says {res.message!r})")


def _highspy(
    c: NDArray[np.float64],
    a: Any,
    row_lower: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    integral: NDArray[np.bool_],
    time_limit: float | None,
    start: NDArray[np.float64] | None,
    rel_gap: float | None,
    restart: bool = True,
    *,
    name: str = "highspy",
) -> MilpAnswer:
    """HiGHS through highspy; ``name`` is the ``solver=`` the caller chose."""
    import highspy

    csc = a.tocsc()
    # The plain binding: highspy.Highs() prints a licence banner on stdout once per
    # process (from its callback set-up), which an embedded library must not do.
    new_highs: Any = getattr(highspy, "_Highs", highspy.Highs)
    h = new_highs()
    h.setOptionValue("output_flag", False)
    if time_limit is not None:
        h.setOptionValue("time_limit", float(time_limit))
    if rel_gap is not None:
        h.setOptionValue("mip_rel_gap", float(rel_gap))
    if not restart:
        h.setOptionValue("mip_allow_restart", False)
        h.setOptionValue("mip_lp_solver", "ipm")
    lp = highspy.HighsLp()
    lp.num_col_ = int(c.size)
    lp.num_row_ = int(a.shape[0])
    lp.col_cost_ = np.asarray(c, dtype=np.float64)
    lp.col_lower_ = np.asarray(lower, dtype=np.float64)
    lp.col_upper_ = np.asarray(upper, dtype=np.float64)
    lp.row_lower_ = np.asarray(row_lower, dtype=np.float64)
    lp.row_upper_ = np.asarray(row_upper, dtype=np.float64)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = np.asarray(csc.indptr, dtype=np.int32)
    lp.a_matrix_.index_ = np.asarray(csc.indices, dtype=np.int32)
    lp.a_matrix_.value_ = np.asarray(csc.data, dtype=np.float64)
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if flag else highspy.HighsVarType.kContinuous
        for flag in integral.tolist()
    ]
    h.passModel(lp)
    if start is not None:
        sol = highspy.HighsSolution()
        sol.col_value = np.asarray(start, dtype=np.float64).tolist()
        h.setSolution(sol)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    feasible = int(info.primal_solution_status) == 2
    x = np.asarray(h.getSolution().col_value, dtype=np.float64) if feasible else None
    if status == highspy.HighsModelStatus.kOptimal and x is not None:
        value = float(c @ x)
        bound = _optimal_bound(float(info.mip_dual_bound), value)
        return MilpAnswer(x, value, bound, True, False, name)
    limits = {
        highspy.HighsModelStatus.kTimeLimit,
        highspy.HighsModelStatus.kIterationLimit,
        highspy.HighsModelStatus.kSolutionLimit,
        highspy.HighsModelStatus.kInterrupt,
    }
    if status in limits:
        bound = float(info.mip_dual_bound)
        return MilpAnswer(
            x,
            math.inf if x is None else float(c @ x),
            bound if math.isfinite(bound) else -math.inf,
            False,
            True,
            name,
        )
    reason = {
        highspy.HighsModelStatus.kInfeasible: "the problem is infeasible",
        highspy.HighsModelStatus.kUnbounded: "the problem is unbounded",
        highspy.HighsModelStatus.kUnboundedOrInfeasible: "the problem is infeasible or unbounded",
    }.get(status, "the solver failed")
    raise _failed(name, f"{reason} (HiGHS says {h.modelStatusToString(status)!r})")


def _cbc(
    c: NDArray[np.float64],
    a: Any,
    row_lower: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    integral: NDArray[np.bool_],
    time_limit: float | None,
    start: NDArray[np.float64] | None,
    rel_gap: float | None,
) -> MilpAnswer:
    import pulp

    nvar = int(c.size)
    prob = pulp.LpProblem("sportsgov", pulp.LpMinimize)
    add = getattr(prob, "add_variable", None)  # PuLP >= 3.3; LpVariable(...) is deprecated

    def variable(k: int) -> Any:
        lo = None if math.isinf(lower[k]) else float(lower[k])
        hi = None if math.isinf(upper[k]) else float(upper[k])
        cat = pulp.LpInteger if integral[k] else pulp.LpContinuous
        if add is not None:
            return add(f"x{k}", lo, hi, cat=cat)
        return pulp.LpVariable(f"x{k}", lowBound=lo, upBound=hi, cat=cat)

    xs = [variable(k) for k in range(nvar)]
    nz = np.flatnonzero(c)
    prob += pulp.LpAffineExpression([(xs[k], float(c[k])) for k in nz.tolist()])
    for r in range(a.shape[0]):
        lo, hi = float(row_lower[r]), float(row_upper[r])
        cols = a.indices[a.indptr[r] : a.indptr[r + 1]].tolist()
        vals = a.data[a.indptr[r] : a.indptr[r + 1]].tolist()
        expr = pulp.LpAffineExpression(list(zip((xs[k] for k in cols), vals, strict=True)))
        if lo == hi:
            prob += expr == lo
            continue
        if math.isfinite(lo):
            prob += expr >= lo
        if math.isfinite(hi):
            prob += expr <= hi
    if start is not None:
        for var, val in zip(xs, start.tolist(), strict=True):
            var.setInitialValue(val)
    options = {
        "msg": False,
        "timeLimit": None if time_limit is None else float(time_limit),
        "warmStart": start is not None,
    }
    if rel_gap is not None:
        options["gapRel"] = float(rel_gap)
    with warnings.catch_warnings():
        # PuLP 3.3 deprecates the CBC binary bundled in its wheel (PULP_CBC_CMD) in
        # favour of a separately installed one (COIN_CMD, `pip install pulp[cbc]`):
        # use that when present, else the bundled one, which still works.
        warnings.simplefilter("ignore", DeprecationWarning)
        coin = pulp.COIN_CMD(**options)
        cmd = coin if coin.available() else pulp.PULP_CBC_CMD(**options)
        prob.solve(cmd)
    sol_status = int(prob.sol_status)
    if sol_status == pulp.LpSolutionOptimal:
        best = np.array([v.varValue or 0.0 for v in xs], dtype=np.float64)
        value = float(c @ best)
        return MilpAnswer(best, value, value, True, False, "cbc")
    if sol_status in (pulp.LpSolutionIntegerFeasible, pulp.LpSolutionNoSolutionFound):
        x: NDArray[np.float64] | None = None
        if sol_status == pulp.LpSolutionIntegerFeasible:
            x = np.array([v.varValue or 0.0 for v in xs], dtype=np.float64)
        # PuLP does not report CBC's bound: the caller falls back to the LP relaxation.
        return MilpAnswer(
            x, math.inf if x is None else float(c @ x), -math.inf, False, True, "cbc"
        )
    raise _failed("cbc", f"status {pulp.LpStatus.get(prob.status, prob.status)!r}")


def relaxation_bound(
    c: NDArray[np.float64],
    a: Any,
    row_lower: NDArray[np.float64],
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    *,
    time_limit: float | None = None,
) -> float:
    """Lower bound from the LP relaxation (minimization); ``-inf`` if it fails."""
    from scipy import sparse
    from scipy.optimize import linprog

    a = sparse.csr_array(a)
    finite_hi = np.isfinite(row_upper)
    finite_lo = np.isfinite(row_lower)
    a_ub = sparse.vstack([a[finite_hi], -a[finite_lo]]).tocsr()
    b_ub = np.concatenate([row_upper[finite_hi], -row_lower[finite_lo]])
    options: dict[str, Any] = {}
    if time_limit is not None:
        options["time_limit"] = float(time_limit)
    res = linprog(
        c,
        A_ub=a_ub if a_ub.shape[0] else None,
        b_ub=b_ub if a_ub.shape[0] else None,
        bounds=np.column_stack([lower, upper]),
        method="highs",
        options=options,
    )
    if res.status != 0:
        return -math.inf
    return float(res.fun)


def relaxation(
    c: NDArray[np.float64],
    a: Any,
    row_upper: NDArray[np.float64],
    lower: NDArray[np.float64],
    upper: NDArray[np.float64],
    *,
    time_limit: float | None = None,
) -> tuple[float, NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]] | None:
    """LP relaxation of ``min c @ x, a @ x <= row_upper``: value, x and reduced costs.

    Returns ``(value, x, at_lower, at_upper)``: the reduced costs of the lower
    bounds (``>= 0``) and of the upper bounds (``<= 0``), which give the bound
    ``c @ y >= value + at_lower[j] * (y[j] - lower[j]) + at_upper[j] * (y[j] - upper[j])``
    for every feasible ``y``; ``None`` when the LP fails. Interior point with
    crossover: on coverage models it is about twice as fast as dual simplex.
    """
    from scipy import sparse
    from scipy.optimize import linprog

    res = linprog(
        c,
        A_ub=sparse.csr_array(a),
        b_ub=row_upper,
        bounds=np.column_stack([lower, upper]),
        method="highs-ipm",
        options={} if time_limit is None else {"time_limit": float(time_limit)},
    )
    if res.status != 0 or res.x is None:
        return None
    return (
        float(res.fun),
        np.asarray(res.x, dtype=np.float64),
        np.asarray(res.lower.marginals, dtype=np.float64),
        np.asarray(res.upper.marginals, dtype=np.float64),
    )
