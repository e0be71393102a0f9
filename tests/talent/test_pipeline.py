"""sportsgov.talent.pipeline: Markov manpower model, projections, required intake."""

from __future__ import annotations

import re
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from sportsgov.errors import InfeasibleError, InvalidInputError, NotFoundError
from sportsgov.talent import IntakePlan, PipelineModel, Projection
from sportsgov.testing import pipeline_models

# --- published worked cases ---------------------------------------------------------------
# (a) "Markov analysis example" (sales force: part-time SP, full-time SF, assistant
#     sales manager ASM, regional sales manager RSM), https://docsbay.net/markov-analysis-example
#     Transition probabilities and 2013 headcounts; its forecast table gives
#     SP 150+10+2.5+0 -> "163", SF 150, ASM 75, RSM 26, exits "167".
SALES = PipelineModel(
    ["SP", "SF", "ASM", "RSM"],
    [
        ["0.50", "0.10", "0.05", "0.00"],
        ["0.05", "0.60", "0.10", "0.00"],
        ["0.05", "0.00", "0.80", "0.10"],
        ["0.00", "0.00", "0.00", "0.70"],
    ],
    attrition=["0.35", "0.25", "0.05", "0.30"],
    source="https://docsbay.net/markov-analysis-example",
)
SALES_2013 = {"SP": 300, "SF": 200, "ASM": 50, "RSM": 30}

# (b) Tanglewood planning case (a staffing case study), "Table 1.1 Markov Analysis Information",
#     https://www.caseforest.com/case-study-Planning-Analysis.aspx : current workforce
#     8,500 / 1,200 / 850 / 150 / 50 and the projected flows (3655, 510, 4335 exits, ...).
TANGLEWOOD = PipelineModel(
    ["associate", "shift_leader", "dept_manager", "asst_manager", "store_manager"],
    {
        "associate": {"associate": "0.43", "shift_leader": "0.06"},
        "shift_leader": {"shift_leader": "0.54", "dept_manager": "0.16"},
        "dept_manager": {"dept_manager": "0.64", "asst_manager": "0.06"},
        "asst_manager": {"dept_manager": "0.06", "asst_manager": "0.52", "store_manager": "0.08"},
        "store_manager": {"store_manager": "0.66"},
    },
    source="https://www.caseforest.com/case-study-Planning-Analysis.aspx",
)
TANGLEWOOD_NOW = [8500, 1200, 850, 150, 50]


def test_sales_case_expected_stocks_exact() -> None:
    p = SALES.project(SALES_2013, 1, mode="exact")
    assert p.stock(1) == {"SP": Fraction(325, 2), "SF": 150, "ASM": 75, "RSM": 26}
    assert sum(p.leavers[0]) == Fraction(333, 2)  # 166.5, shown rounded as 167 in the source
    assert p.flows[0][2].tolist() == [Fraction(5, 2), 0, 40, 5]  # ASM row: 2.5, 0, 40, 5


def test_sales_case_integer_mode_conserves_people() -> None:
    # The source rounds 162.5 -> 163 and 166.5 -> 167 independently: 581 people from 580.
    # Largest remainder keeps every person: the ASM tie (2.5 to SP vs 2.5 exits) goes to
    # the earlier destination in tier order.
    p = SALES.project(SALES_2013, 1, mode="integer")
    assert p.stock(1) == {"SP": 163, "SF": 150, "ASM": 75, "RSM": 26}
    assert int(p.leavers.sum()) == 166
    assert int(p.stocks[1].sum() + p.leavers.sum()) == 580


def test_sales_case_required_intake_names_surplus_tier() -> None:
    # 2014 requirements 400 / 150 / 55 / 25: ASM (75 available) and RSM (26) are in
    # surplus in the source's reconciliation, so no non-negative intake reaches them.
    target = {"SP": 400, "SF": 150, "ASM": 55, "RSM": 25}
    with pytest.raises(InfeasibleError, match=r"target\['ASM'\]=55: cannot be reached.*RSM"):
        SALES.required_intake(target, 1, stock=SALES_2013)
    plan = SALES.required_intake(target, 1, stock=SALES_2013, match="at_least")
    assert plan.per_year == (Fraction(475, 2), 0, 0, 0)  # the SP shortage: 400 - 162.5
    assert plan.whole_per_year == (238, 0, 0, 0)


def test_tanglewood_case_reproduces_table() -> None:
    p = TANGLEWOOD.project(TANGLEWOOD_NOW, 1, mode="integer")
    flows = p.flows[0]
    assert flows[0].tolist() == [3655, 510, 0, 0, 0]
    assert flows[3].tolist() == [0, 0, 9, 78, 12]
    assert p.leavers[0].tolist() == [4335, 360, 255, 51, 17]
    assert p.final.tolist() == [3655, 1158, 745, 129, 45]
    exact = TANGLEWOOD.project(TANGLEWOOD_NOW, 1, mode="exact")
    assert exact.final.tolist() == [3655, 1158, 745, 129, 45]


def test_tanglewood_required_intake_closed_form_round_trip() -> None:
    target = {"associate": 8500, "shift_leader": 1200, "dept_manager": 850,
              "asst_manager": 150, "store_manager": 50}  # fmt: skip
    plan = TANGLEWOOD.required_intake(target, 1, stock=TANGLEWOOD_NOW)
    assert plan.method == "closed-form"
    # one year: intake = target - n·P = 8500-3655, 1200-1158, 850-745, 150-129, 50-45
    assert plan.per_year == (4845, 42, 105, 21, 5)
    again = TANGLEWOOD.project(TANGLEWOOD_NOW, 1, plan.per_year, mode="integer")
    assert again.final.tolist() == [8500, 1200, 850, 150, 50]


# --- independent brute force ---------------------------------------------------------------


def _brute_project(rates: list[list[Fraction]], stock: list[Fraction], intake, years):
    """Plain nested loops, one person-share at a time: the textbook recurrence."""
    k = len(stock)
    out = [list(stock)]
    for t in range(years):
        nxt = [Fraction(0)] * k
        for i in range(k):
            for j in range(k):
                nxt[j] += out[-1][i] * rates[i][j]
        out.append([nxt[j] + intake[t][j] for j in range(k)])
    return out


@given(
    model=pipeline_models(max_size=4),
    data=st.data(),
)
def test_exact_and_float_match_brute_force(model: PipelineModel, data: st.DataObject) -> None:
    k = len(model.tiers)
    years = data.draw(st.integers(1, 5))
    stock = data.draw(st.lists(st.integers(0, 500), min_size=k, max_size=k))
    intake = data.draw(
        st.lists(
            st.lists(st.integers(0, 50), min_size=k, max_size=k), min_size=years, max_size=years
        )
    )
    want = _brute_project([list(r) for r in model.transitions], stock, intake, years)
    exact = model.project(stock, years, intake, mode="exact")
    assert exact.stocks.tolist() == want
    fast = model.project(stock, years, intake)
    np.testing.assert_allclose(fast.stocks, np.array(want, dtype=float), rtol=1e-12, atol=1e-9)


@given(model=pipeline_models(max_size=5), data=st.data())
def test_conservation_every_mode(model: PipelineModel, data: st.DataObject) -> None:
    k = len(model.tiers)
    units = data.draw(st.integers(1, 3))
    stock = data.draw(
        st.lists(
            st.lists(st.integers(0, 10_000), min_size=k, max_size=k),
            min_size=units,
            max_size=units,
        )
    )
    intake = data.draw(st.lists(st.integers(0, 300), min_size=k, max_size=k))
    for mode in ("integer", "exact"):
        p = model.project(stock, 4, intake, mode=mode)
        lhs = p.stocks[:, :-1] + p.intake - p.leavers - p.promoted_out + p.promoted_in
        assert (lhs == p.stocks[:, 1:]).all()
    p = model.project(stock, 4, intake, mode="integer")
    assert p.stocks.dtype.kind in "iO" and (p.flows >= 0).all() and (p.leavers >= 0).all()
    # whole people stay within one person of the expected flows
    exact_flows = np.array(p.stocks[:, :-1, :, None] * model.matrix(exact=True), dtype=object)
    assert all(abs(a - b) < 1 for a, b in zip(p.flows.ravel(), exact_flows.ravel(), strict=True))
    f = model.project(stock, 4, intake)
    lhs_f = f.stocks[:, :-1] + f.intake - f.leavers - f.promoted_out + f.promoted_in
    np.testing.assert_allclose(lhs_f, f.stocks[:, 1:], rtol=1e-12, atol=1e-8)


@given(model=pipeline_models(max_size=4), data=st.data())
def test_required_intake_then_project_reaches_target(
    model: PipelineModel, data: st.DataObject
) -> None:
    k = len(model.tiers)
    years = data.draw(st.integers(1, 4))
    stock = data.draw(st.lists(st.integers(0, 200), min_size=k, max_size=k))
    intake = data.draw(st.lists(st.integers(0, 200), min_size=k, max_size=k))
    # a target that is reachable by construction
    target = model.project(stock, years, intake, mode="exact").final.tolist()
    plan = model.required_intake(target, years, stock=stock)
    reached = model.project(stock, years, plan.per_year, mode="exact").final.tolist()
    assert reached == target
    assert all(x >= 0 for x in plan.per_year)
    assert plan.reached == tuple(target)


@given(data=st.data())
def test_single_entry_whole_intake_is_brute_force_minimum(data: st.DataObject) -> None:
    retain = data.draw(st.sampled_from(["0.5", "0.6", "0.7"]))
    promote = data.draw(st.sampled_from(["0.1", "0.2", "0.25"]))
    model = PipelineModel(["base", "top"], [[retain, promote], [0, "0.8"]])
    years = data.draw(st.integers(2, 4))  # intake of the last year cannot be promoted yet
    stock = [data.draw(st.integers(0, 100)), data.draw(st.integers(0, 30))]
    target = {"base": data.draw(st.integers(0, 300)), "top": data.draw(st.integers(0, 80))}
    plan = model.required_intake(target, years, stock=stock, entry=["base"], match="at_least")

    def ok(r: int) -> bool:
        final = model.project(stock, years, [r, 0], mode="exact").final
        return final[0] >= target["base"] and final[1] >= target["top"]

    # smallest whole r with ok(r): ok is monotone in r (P >= 0), so bisect [0, 10_000]
    lo, hi = 0, 10_000
    assert ok(hi)
    while lo < hi:
        mid = (lo + hi) // 2
        lo, hi = (lo, mid) if ok(mid) else (mid + 1, hi)
    brute = lo
    assert plan.whole_per_year[0] == brute
    assert plan.whole_per_year[1] == 0


def test_required_intake_unreachable_tier_named() -> None:
    m = PipelineModel(["base", "mid", "top"], [["0.6", "0.2", 0], [0, "0.7", "0.1"], [0, 0, 1]])
    with pytest.raises(InfeasibleError, match=r"target\['top'\]=10: .*no promotion path"):
        m.required_intake({"top": 10}, 1, stock=[0, 0, 0], entry=["base"], match="at_least")
    plan = m.required_intake({"top": 10}, "2026" if False else 2026, stock=[0, 0, 0],
                             start=2023, entry=["base"], match="at_least")  # fmt: skip
    assert plan.years == 3 and plan.reached[2] >= 10


def test_required_intake_exact_with_entry_uses_linprog() -> None:
    m = PipelineModel(["base", "top"], [["0.5", "0.25"], [0, "0.5"]])
    # two years of intake r into base: base = r·0.5 + r = 1.5 r, top = 0.25 r
    plan = m.required_intake({"base": 60, "top": 10}, 2, stock=[0, 0], entry=["base"])
    assert plan.method == "linprog"
    assert plan.per_year == (40, 0)
    assert m.project([0, 0], 2, plan.per_year, mode="exact").final.tolist() == [60, 10]
    with pytest.raises(InfeasibleError, match=r"target\['(base|top)'\]=.*cannot be reached"):
        m.required_intake({"base": 60, "top": 30}, 2, stock=[0, 0], entry=["base"])
    # intake arriving in the last year is not promoted within a one-year horizon
    with pytest.raises(InfeasibleError, match=r"target\['top'\]=10: .*within 1 year"):
        m.required_intake({"base": 60, "top": 10}, 1, stock=[0, 0], entry=["base"])


# --- vectorized and shapes -------------------------------------------------------------------


def test_many_units_match_one_by_one() -> None:
    rng = np.random.default_rng(1)
    stock = rng.integers(0, 1000, size=(50, 4))
    intake = rng.integers(0, 100, size=(50, 6, 4))
    many = SALES.project(stock, 6, intake)
    for u in (0, 17, 49):
        one = SALES.project(stock[u], 6, intake[u])
        np.testing.assert_allclose(many.stocks[u], one.stocks)
    assert many.stocks.shape == (50, 7, 4) and many.flows.shape == (50, 6, 4, 4)
    ints = SALES.project(stock, 6, intake, mode="integer")
    assert ints.stocks.dtype == np.int64
    with pytest.raises(ValueError, match="read-only"):
        many.stocks[0, 0, 0] = 1


def test_intake_forms_agree() -> None:
    by_map = SALES.project(SALES_2013, 2, {"SP": [10, 20]}, mode="exact")
    by_arr = SALES.project(SALES_2013, 2, [[10, 0, 0, 0], [20, 0, 0, 0]], mode="exact")
    assert by_map.stocks.tolist() == by_arr.stocks.tolist()
    rows = by_map.rows()
    assert rows[0] == {"year": 1, "tier": "SP", "opening": 300, "intake": 10, "retained": 150,
                       "promoted_out": 45, "promoted_in": Fraction(25, 2), "leavers": 105,
                       "closing": Fraction(345, 2)}  # fmt: skip


# --- bad input ---------------------------------------------------------------------------------


def test_bad_rates() -> None:
    with pytest.raises(
        InvalidInputError, match=r"transitions\['a'\]\['b'\]=1.5: must be in \[0, 1\]"
    ):
        PipelineModel(["a", "b"], [[0, "1.5"], [0, 0]])
    with pytest.raises(InvalidInputError, match=r"transitions\['a'\]\['a'\]=-0.1: must be in"):
        PipelineModel(["a", "b"], [["-0.1", 0], [0, 0]])
    with pytest.raises(InvalidInputError, match=r"transitions\['a'\]=1.1: row sums above 1"):
        PipelineModel(["a", "b"], [["0.6", "0.5"], [0, 0]])
    with pytest.raises(
        InvalidInputError, match=r"attrition\['a'\]=0.3: must equal 1 - row sum = 0.2"
    ):
        PipelineModel(["a"], [["0.8"]], attrition={"a": "0.3"})
    with pytest.raises(InvalidInputError, match=r"transitions=.*expected a 2 × 2 matrix"):
        PipelineModel(["a", "b"], [[0, 0]])
    with pytest.raises(
        InvalidInputError, match=r"transitions\['a'\]\['a'\]=nan: must be a finite"
    ):
        PipelineModel(["a"], [[float("nan")]])
    with pytest.raises(
        InvalidInputError, match=r"tiers=.*codes must be unique; repeated: \['a'\]"
    ):
        PipelineModel(["a", "a"], [[0, 0], [0, 0]])


def test_unknown_tiers() -> None:
    with pytest.raises(NotFoundError, match=r"transitions='x': unknown tier; expected one of 'a'"):
        PipelineModel(["a"], {"x": {"a": 1}})
    m = PipelineModel(["a"], [["0.5"]])
    with pytest.raises(NotFoundError, match=r"stock='b': unknown tier"):
        m.project({"b": 1}, 1)
    with pytest.raises(NotFoundError, match=r"intake='b': unknown tier"):
        m.project({"a": 1}, 1, {"b": 1})
    with pytest.raises(NotFoundError, match=r"target='b': unknown tier"):
        m.required_intake({"b": 1}, 1, stock={"a": 1})
    with pytest.raises(NotFoundError, match=r"tier='b': unknown tier"):
        m.rate("a", "b")


def test_bad_stocks_and_options() -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    with pytest.raises(InvalidInputError, match=r"stock\['b'\]=-3: must be a finite number >= 0"):
        m.project([1, -3], 1)
    with pytest.raises(InvalidInputError, match=r"stock\['a'\]=-1: must be >= 0 \[people\]"):
        m.project({"a": -1}, 1, mode="exact")
    with pytest.raises(InvalidInputError, match=r"intake\['a'\]=inf: must be a finite"):
        m.project([1, 3], 1, [float("inf"), 0])
    with pytest.raises(InvalidInputError, match=r"stock\['a'\]=1.5: must be whole people"):
        m.project([1.5, 3], 1, mode="integer")
    with pytest.raises(InvalidInputError, match=r"mode='fast': expected one of 'float'"):
        m.project([1, 3], 1, mode="fast")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match=r"years=0: must be an int >= 1"):
        m.project([1, 3], 0)
    with pytest.raises(InvalidInputError, match=r"intake=.*expected \{tier: n\}, shape \(2,\)"):
        m.project([1, 3], 2, [[1, 2, 3]])
    with pytest.raises(InvalidInputError, match=r"stock=.*expected \{tier: n\}, a length-2"):
        m.project([1, 2, 3], 2)
    with pytest.raises(InvalidInputError, match=r"target\['a'\]=-5: must be >= 0"):
        m.required_intake({"a": -5}, 1, stock=[0, 0])
    with pytest.raises(InvalidInputError, match=r"year=2020: must be after start=2024"):
        m.required_intake({"a": 5}, 2020, stock=[0, 0], start=2024)
    with pytest.raises(InvalidInputError, match=r"match='close': expected one of 'exact'"):
        m.required_intake({"a": 5}, 1, stock=[0, 0], match="close")  # type: ignore[arg-type]
    p = m.project([1, 3], 1)
    with pytest.raises(InvalidInputError, match=r"year=5: must be in 0..1"):
        p.stock(5)


@pytest.mark.parametrize("mode", ["float", "exact", "integer"])
def test_stock_mapping_with_list_values(mode: str) -> None:
    # the fuzz suite's long run: {tier: [1], ...} became a third array axis and
    # numpy's broadcast ValueError escaped
    m = PipelineModel(["a", "b", "c"], [["0.5", "0.25", 0], [0, "0.6", "0.3"], [0, 0, "0.9"]])
    with pytest.raises(
        InvalidInputError, match=r"^stock\['a'\]=\[1\]: expected an int, Fraction, Decimal"
    ):
        m.project({"a": [1], "b": [1], "c": [1]}, 1, mode=mode)  # type: ignore[arg-type]


def test_models_and_results_pickle() -> None:
    import pickle

    again = pickle.loads(pickle.dumps(SALES))
    assert again == SALES and again.attrition == SALES.attrition
    p = SALES.project(SALES_2013, 2, mode="integer")
    q = pickle.loads(pickle.dumps(p))
    assert q.stocks.tolist() == p.stocks.tolist() and q.flows.tolist() == p.flows.tolist()


def test_winter_school_selection_shares() -> None:
    # 張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10: 宣化二中
    # (张家口市青少年冬季奥林匹克运动学校) 注册运动员
    # 320人, 其中32人入选国家集训队, 28人入选省集训队. As one selection step with the
    # observed shares 32/320 and 28/320, whole-people mode gives back exactly 32 and 28.
    m = PipelineModel(
        ["registered", "provincial", "national"],
        {"registered": {"registered": Fraction(260, 320), "provincial": Fraction(28, 320),
                        "national": Fraction(32, 320)},
         "provincial": {"provincial": 1}, "national": {"national": 1}},
    )  # fmt: skip
    assert m.project({"registered": 320}, 1, mode="integer").stock(1) == {
        "registered": 260,
        "provincial": 28,
        "national": 32,
    }


@given(model=pipeline_models(max_size=4), data=st.data())
def test_integer_split_matches_apportion_hamilton(
    model: PipelineModel, data: st.DataObject
) -> None:
    """Independent oracle: each tier's yearly split is Hamilton apportionment of its stock."""
    from sportsgov.apportionment import apportion

    k = len(model.tiers)
    stock = data.draw(st.lists(st.integers(0, 5000), min_size=k, max_size=k))
    p = model.project(stock, 1, mode="integer")
    for i in range(k):
        weights = [*model.transitions[i], model.attrition[i]]
        if stock[i] == 0 or not any(weights):
            continue
        ref = apportion(stock[i], weights, method="hamilton", ties="order").seats
        assert [*p.flows[0][i].tolist(), int(p.leavers[0][i])] == list(ref)


def test_from_csv_and_errors(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sportsgov.errors import DataError

    good = tmp_path / "rates.csv"
    good.write_text(
        "from,to,rate\nSP,SP,0.50\nSP,SF,0.10\nSP,ASM,0.05\nSF,SP,0.05\nSF,SF,0.60\n"
        "SF,ASM,0.10\nASM,SP,0.05\nASM,ASM,0.80\nASM,RSM,0.10\nRSM,RSM,0.70\n",
        encoding="utf-8",
    )
    m = PipelineModel.from_csv(good)
    assert m.codes == ("SP", "SF", "ASM", "RSM")
    assert m.transitions == SALES.transitions and m.attrition == SALES.attrition
    bad = tmp_path / "bad.csv"
    bad.write_text("from,to,rate\nSP,SP,0.5\nSP,SF,1.5\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"bad.csv, row 3, field rate: rate=1.5: must be in"):
        PipelineModel.from_csv(bad)
    over = tmp_path / "over.csv"
    over.write_text("from,to,rate\nSP,SP,0.7\nSP,SF,0.5\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"over.csv: transitions\['SP'\]=1.2: row sums above 1"):
        PipelineModel.from_csv(over)
    cols = tmp_path / "cols.csv"
    cols.write_text("src,dst,rate\n", encoding="utf-8")
    with pytest.raises(
        DataError,
        match=r"cols.csv, row 1: missing columns from \(起始层级, 从, 来源层级\); to",
    ):
        PipelineModel.from_csv(cols)
    twice = tmp_path / "twice.csv"
    twice.write_text("from,to,rate\nA,A,0.5\nA,A,0.4\n", encoding="utf-8")
    with pytest.raises(DataError, match=r"row 3, field to: from='A', to='A': given twice"):
        PipelineModel.from_csv(twice)
    with pytest.raises(NotFoundError, match=r"path=.*file not found"):
        PipelineModel.from_csv(tmp_path / "none.csv")


@pytest.mark.parametrize("mode", ["float", "exact", "integer"])
def test_io_round_trip(mode: str) -> None:
    io = pytest.importorskip("sportsgov.io")
    assert io.from_json(io.to_json(SALES), PipelineModel) == SALES
    assert io.from_json(io.to_json(TANGLEWOOD), PipelineModel) == TANGLEWOOD
    stock = [[300, 200, 50, 30], [10, 0, 3, 1]]
    p = SALES.project(stock, 3, [5, 1, 0, 0], mode=mode)  # type: ignore[arg-type]
    q = io.from_json(io.to_json(p), Projection)
    assert q.mode == mode and q.stocks.dtype == p.stocks.dtype
    for name in ("stocks", "intake", "flows", "leavers", "promoted_in"):
        assert getattr(q, name).tolist() == getattr(p, name).tolist()
    plan = SALES.required_intake({"SP": 400, "SF": 150, "ASM": 75, "RSM": 26}, 1, stock=SALES_2013)
    assert io.from_json(io.to_json(plan), IntakePlan) == plan
    with pytest.raises(InvalidInputError, match=r"data=.*missing keys"):
        Projection.from_data({"tiers": ["a"]})


def test_partial_target_leaves_other_tiers_free() -> None:
    # Only the top tier is targeted: the other tiers are unconstrained (linear programme).
    m = PipelineModel(["base", "top"], [["0.5", "0.25"], [0, "0.5"]])
    plan = m.required_intake({"top": 10}, 2, stock=[0, 0], entry=["base"])
    assert plan.method == "linprog" and plan.target == (None, 10)
    assert plan.per_year == (40, 0)  # 0.25 × 40 promoted in year 2
    assert m.project([0, 0], 2, plan.per_year, mode="exact").stock(2)["top"] == 10


def test_multi_unit_accessors() -> None:
    p = SALES.project([[300, 200, 50, 30], [0, 0, 0, 10]], 1, mode="integer")
    assert p.stock(1, unit=1) == {"SP": 0, "SF": 0, "ASM": 0, "RSM": 7}
    assert p.rows(unit=0)[0]["closing"] == 163
    with pytest.raises(InvalidInputError, match=r"unit=None: must be a row index in 0..1"):
        p.stock(1)
    with pytest.raises(InvalidInputError, match=r"unit=2: must be a row index in 0..1"):
        p.rows(unit=2)


def test_ragged_and_text_input() -> None:
    with pytest.raises(InvalidInputError, match=r"stock=.*expected a rectangular array"):
        SALES.project([[1, 2, 3, 4], [1]], 1)
    with pytest.raises(InvalidInputError, match=r"stock\['SP'\]=.*expected"):
        SALES.project(["x", 1, 2, 3], 1)
    with pytest.raises(InvalidInputError, match=r"stock\['SP'\]='x': expected a finite number"):
        SALES.project(["x", 1, 2, 3], 1, mode="exact")


# -- bounds that keep float projections finite (hardening) ---------------------------


@pytest.mark.parametrize("mode", ["float", "exact", "integer"])
@pytest.mark.parametrize(
    ("stock", "intake", "argument"),
    [
        ({"a": 1e308, "b": 1e308}, None, "stock['a']"),
        ({"a": 10**13}, None, "stock['a']"),
        (np.array([[1.0, 2e12]]), None, "stock['b']"),
        ({"a": 1}, {"a": 10**15}, "intake['a']"),
    ],
)
def test_stocks_and_intakes_beyond_the_bound_are_refused(
    mode: str, stock: object, intake: object, argument: str
) -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    pattern = re.escape(argument) + r"=.*: must be <= 1,000,000,000,000 \[people\]$"
    with pytest.raises(InvalidInputError, match=pattern):
        m.project(stock, 3, intake=intake, mode=mode)  # type: ignore[arg-type]


def test_years_beyond_the_bound_are_refused() -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    with pytest.raises(InvalidInputError, match=r"^years=1001: must be <= 1000$"):
        m.project({"a": 1}, 1001)


def test_largest_float_projection_is_finite_and_matches_exact() -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    top = {"a": 10**12, "b": 10**12}
    fast = m.project(top, 1000, intake=top).stock(1000)
    exact = m.project(top, 1000, intake=top, mode="exact").stock(1000)
    for tier in ("a", "b"):
        assert np.isfinite(fast[tier])
        assert fast[tier] == pytest.approx(float(exact[tier]), rel=1e-9)


@pytest.mark.parametrize("stock", [{"a": 10**5000}, [10**400, 1]])
def test_ints_beyond_the_float_range_are_refused_in_float_mode(stock: object) -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    with pytest.raises(
        InvalidInputError, match=r"^stock\['a'\]=<int of about \d+ digits>: must be <="
    ):
        m.project(stock, 2)  # type: ignore[arg-type]


@pytest.mark.parametrize("mode", ["exact", "integer"])
def test_a_5000_digit_stock_is_refused_in_exact_modes(mode: str) -> None:
    m = PipelineModel(["a", "b"], [["0.5", "0.25"], [0, "0.9"]])
    with pytest.raises(
        InvalidInputError, match=r"^stock\['a'\]=<int of about 5001 digits>: must be <="
    ):
        m.project({"a": 10**5000}, 2, mode=mode)  # type: ignore[arg-type]
