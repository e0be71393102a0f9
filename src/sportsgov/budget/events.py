"""Event funding models (办赛经费投入模型) and event catalogs.

Zhengzhou's 2024 work points (2024年郑州市体育工作要点, 郑州市体育局, 2024-07-25, 索引号
005252290/2024-00022) name four funding models for events —
以政府主办、购买服务、部分补贴、市场化运作等作为办赛经费投入模型 — ask for ≥ 1,000
fitness events and ≥ 500 youth events in the year, and publish the event catalog every
quarter (每季度向社会公布赛事活动目录). This module types each event's funding model,
computes its public cost, and totals a catalog by quarter and by model;
:meth:`EventCatalog.count_by_quarter` gives the event counts that paced targets are
assessed against.

Public cost by model:

==================== ============ =================================================
model                Chinese      public cost
==================== ============ =================================================
``government_hosted`` 政府主办     the full cost
``purchased_service`` 购买服务     the contract price
``partial_subsidy``   部分补贴     ``min(rate × cost, cap)``, rate × cost rounded half-up
``market_operated``   市场化运作   zero
==================== ============ =================================================
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Hashable, Iterable, Iterator, Mapping
from fractions import Fraction
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from attrs import field, frozen

from sportsgov._common.tablefile import RegionTableFile
from sportsgov.budget._numbers import as_date, as_fraction, as_money_fen, money, round_half_up
from sportsgov.errors import DataError, InvalidInputError
from sportsgov.money import Money
from sportsgov.periods import Period

if TYPE_CHECKING:
    from sportsgov.regions import RegionTree

__all__ = ["MODEL_LABELS", "Event", "EventCatalog", "FundingModel"]

ModelKind = Literal["government_hosted", "purchased_service", "partial_subsidy", "market_operated"]
CostBy = Literal["quarter", "model", "region", "category", "level", "organizer"]

MODEL_LABELS: dict[str, str] = {
    "government_hosted": "政府主办",
    "purchased_service": "购买服务",
    "partial_subsidy": "部分补贴",
    "market_operated": "市场化运作",
}
_FROM_LABEL = {v: k for k, v in MODEL_LABELS.items()}


def _opt_money(value: object, argument: str) -> Money | None:
    fen = as_money_fen(value, argument, allow_none=True)
    return None if fen is None else money(fen)


def _cost(value: object) -> Money | None:
    return _opt_money(value, "cost")


def _cap(value: object) -> Money | None:
    return _opt_money(value, "cap")


def _opt_rate(value: object) -> Fraction | None:
    if value is None:
        return None
    r = as_fraction(value, "rate")
    if not 0 < r <= 1:
        raise InvalidInputError.bad("rate", value, "must be > 0 and <= 1")
    return r


def _kind(value: object) -> ModelKind:
    if isinstance(value, str):
        text = value.strip()
        text = _FROM_LABEL.get(text, text)
        if text in MODEL_LABELS:
            return text  # type: ignore[return-value]
    raise InvalidInputError.bad(
        "kind",
        value,
        "expected one of 'government_hosted', 'purchased_service', 'partial_subsidy', "
        "'market_operated' (or 政府主办, 购买服务, 部分补贴, 市场化运作)",
    )


@frozen
class FundingModel:
    """How an event is funded, and so what it costs the public budget.

    Use the constructors :meth:`government_hosted`, :meth:`purchased_service`,
    :meth:`partial_subsidy` and :meth:`market_operated`.

    Attributes
    ----------
    kind : {"government_hosted", "purchased_service", "partial_subsidy", "market_operated"}
        The model (Chinese labels are accepted too).
    cost : Money or None
        Full cost (政府主办), contract price (购买服务), the eligible cost the rate
        applies to (部分补贴), or the organiser's total cost for information (市场化运作).
    rate : Fraction or None
        Subsidy rate, partial subsidy only.
    cap : Money or None
        Most the subsidy pays, partial subsidy only (None: uncapped).

    Examples
    --------
    >>> from sportsgov import Money
    >>> FundingModel.partial_subsidy(Money.yuan(200000), "30%", cap=Money.yuan(50000)).public_cost
    Money('50000.00')
    >>> FundingModel.market_operated().public_cost, FundingModel.market_operated().label
    (Money('0.00'), '市场化运作')
    """

    kind: ModelKind = field(converter=_kind)
    cost: Money | None = field(default=None, converter=_cost)
    rate: Fraction | None = field(default=None, converter=_opt_rate)
    cap: Money | None = field(default=None, converter=_cap)

    def __attrs_post_init__(self) -> None:
        k = self.kind
        if (
            k in ("government_hosted", "purchased_service", "partial_subsidy")
            and self.cost is None
        ):
            what = "contract price" if k == "purchased_service" else "cost"
            raise InvalidInputError.bad("cost", None, f"a {k} event needs its {what}")
        if k == "partial_subsidy":
            if self.rate is None:
                raise InvalidInputError.bad("rate", None, "a partial_subsidy event needs a rate")
        elif self.rate is not None or self.cap is not None:
            raise InvalidInputError.bad(
                "rate" if self.rate is not None else "cap",
                self.rate if self.rate is not None else self.cap,
                f"only a partial_subsidy event has a rate and cap, not {k}",
            )

    @classmethod
    def government_hosted(cls, cost: Money) -> FundingModel:
        """政府主办: the public budget pays the full ``cost``."""
        return cls("government_hosted", cost)

    @classmethod
    def purchased_service(cls, contract_price: Money) -> FundingModel:
        """购买服务: the government buys the event at ``contract_price``."""
        return cls("purchased_service", contract_price)

    @classmethod
    def partial_subsidy(
        cls, cost: Money, rate: object, *, cap: Money | None = None
    ) -> FundingModel:
        """部分补贴: the budget pays ``rate × cost`` (half-up to the fen), at most ``cap``."""
        return cls("partial_subsidy", cost, rate, cap)

    @classmethod
    def market_operated(cls, cost: Money | None = None) -> FundingModel:
        """市场化运作: organised and paid by the market; public cost zero."""
        return cls("market_operated", cost)

    @property
    def label(self) -> str:
        """The Chinese name of the model."""
        return MODEL_LABELS[self.kind]

    @property
    def public_cost(self) -> Money:
        """What the event costs the public budget."""
        return money(self.public_cost_fen)

    @property
    def public_cost_fen(self) -> int:
        """:attr:`public_cost` in integer fen."""
        if self.kind == "market_operated":
            return 0
        assert self.cost is not None
        if self.kind != "partial_subsidy":
            return self.cost.fen
        assert self.rate is not None
        paid = round_half_up(self.rate * self.cost.fen)
        if self.cap is not None:
            paid = min(paid, self.cap.fen)
        return paid


def _text(value: object, argument: str, *, required: bool = True) -> str:
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()):
        raise InvalidInputError.bad(argument, value, "must be a non-empty string")
    return value.strip()


def _event_date(value: object) -> _dt.date:
    return as_date(value, "date")


def _name(value: object) -> str:
    return _text(value, "name")


def _level(value: object) -> str:
    return _text(value, "level")


def _category(value: object) -> str:
    return _text(value, "category")


def _organizer(value: object) -> str:
    return _text(value, "organizer", required=False)


def _region(value: object) -> str:
    return _text(value, "region", required=False)


def _events(value: Iterable[Event]) -> tuple[Event, ...]:
    return tuple(value)


@frozen
class Event:
    """One sports event (赛事活动) with its funding model.

    Attributes
    ----------
    date : date or ISO string
        When it takes place (its start date; it counts in that quarter).
    name : str
        Event name.
    level : str
        Level, e.g. ``"international"``, ``"national"``, ``"city"``, ``"district"``.
    category : str
        Category, e.g. ``"mass"`` (全民健身), ``"youth"`` (青少年), ``"elite"``.
    funding_model : FundingModel
        How it is funded.
    organizer : str
        Organising body (承办单位), optional.
    region : str
        Region code, optional.

    Examples
    --------
    >>> from sportsgov import Money
    >>> e = Event("2024-05-01", "行走大运河", "city", "mass",
    ...           FundingModel.purchased_service(Money.yuan(80000)))
    >>> e.quarter, e.public_cost
    (Period('2024-Q2'), Money('80000.00'))
    """

    date: _dt.date = field(converter=_event_date)
    name: str = field(converter=_name)
    level: str = field(converter=_level)
    category: str = field(converter=_category)
    funding_model: FundingModel = field()
    organizer: str = field(default="", converter=_organizer)
    region: str = field(default="", converter=_region)

    @funding_model.validator
    def _check_model(self, _attr: object, value: object) -> None:
        if not isinstance(value, FundingModel):
            raise InvalidInputError.bad("funding_model", value, "expected a FundingModel")

    @property
    def quarter(self) -> Period:
        """The calendar quarter the event falls in."""
        return Period.quarter(self.date.year, (self.date.month - 1) // 3 + 1)

    @property
    def public_cost(self) -> Money:
        """What the event costs the public budget (see :class:`FundingModel`)."""
        return self.funding_model.public_cost


_RECORD_FIELDS = ("date", "name", "level", "category")


def _blank(value: object) -> object:
    return None if isinstance(value, str) and not value.strip() else value


@frozen
class EventCatalog(RegionTableFile):
    """A catalog of events (赛事活动目录): counts and public cost by quarter and model.

    :meth:`from_file` reads a CSV in any encoding or a workbook with the Chinese
    headers 日期, 赛事名称, 级别, 类别, 办赛模式, 费用 (the columns of :meth:`from_records`).

    Examples
    --------
    >>> from sportsgov import Money
    >>> cat = EventCatalog.from_records([
    ...     {"date": "2024-02-10", "name": "A", "level": "city", "category": "mass",
    ...      "model": "政府主办", "cost": "12万元"},
    ...     {"date": "2024-05-01", "name": "B", "level": "city", "category": "youth",
    ...      "model": "部分补贴", "cost": "20万元", "rate": "30%", "cap": "5万元"},
    ...     {"date": "2024-05-20", "name": "C", "level": "district", "category": "mass",
    ...      "model": "市场化运作"},
    ... ])
    >>> [(str(q), n) for q, n in cat.count_by_quarter(year=2024).items()]
    [('2024-Q1', 1), ('2024-Q2', 2), ('2024-Q3', 0), ('2024-Q4', 0)]
    >>> cat.public_cost(by="model")["partial_subsidy"], cat.total_public_cost
    (Money('50000.00'), Money('170000.00'))
    """

    table_kind: ClassVar[str] = "events"

    events: tuple[Event, ...] = field(converter=_events)

    @events.validator
    def _check(self, _attr: object, value: tuple[object, ...]) -> None:
        for i, e in enumerate(value):
            if not isinstance(e, Event):
                raise InvalidInputError.bad(f"events[{i}]", e, "expected an Event")

    def __len__(self) -> int:
        return len(self.events)

    def __iter__(self) -> Iterator[Event]:
        return iter(self.events)

    @classmethod
    def from_records(
        cls,
        records: Iterable[Mapping[str, Any]],
        *,
        source: str | None = None,
        tree: RegionTree | None = None,
    ) -> EventCatalog:
        """Build a catalog from mappings.

        Keys: ``date``, ``name``, ``level``, ``category``, ``model`` (or
        ``funding_model``: a kind or its Chinese label), ``cost`` (money string or
        Money; the contract price for 购买服务), ``rate`` and ``cap`` (部分补贴),
        and optional ``organizer``, ``region``. Empty strings count as missing.

        With ``tree``, a ``region`` naming a region of the tree is stored as
        its code (the rules of :meth:`from_file`); without it cells are kept
        as given.

        Raises
        ------
        DataError
            Says which row and field is wrong.
        """
        from sportsgov.regions._names import region_records

        records = region_records(records, tree, source=source)  # names -> codes
        events: list[Event] = []
        for row, rec in enumerate(records, start=1):
            if not isinstance(rec, Mapping):
                raise DataError("expected a mapping", source=source, row=row)
            for key in _RECORD_FIELDS:
                if _blank(rec.get(key)) is None:
                    raise DataError(f"{key}: missing", source=source, row=row, field=key)
            kind_key = "model" if "model" in rec else "funding_model"
            kind = rec.get(kind_key)
            if _blank(kind) is None:
                raise DataError("model: missing", source=source, row=row, field="model")
            current = kind_key
            try:
                model = (
                    kind
                    if isinstance(kind, FundingModel)
                    else FundingModel(
                        kind,
                        _blank(rec.get("cost")),
                        _blank(rec.get("rate")),
                        _blank(rec.get("cap")),
                    )
                )
                current = "date"
                events.append(
                    Event(
                        rec["date"],
                        rec["name"],
                        rec["level"],
                        rec["category"],
                        model,
                        _blank(rec.get("organizer")),
                        _blank(rec.get("region")),
                    )
                )
            except InvalidInputError as exc:
                fld = (
                    exc.argument
                    if exc.argument in rec or exc.argument in ("cost", "rate", "cap")
                    else current
                )
                if exc.argument == "kind":
                    fld = kind_key
                raise DataError(str(exc), source=source, row=row, field=fld) from None
        return cls(tuple(events))

    def __repr__(self) -> str:
        """Short: the number of events, the public cost and the first events.

        Examples
        --------
        >>> EventCatalog.from_records([{"date": "2024-02-10", "name": "A", "level": "city",
        ...     "category": "mass", "model": "政府主办", "cost": "12万元"}])
        EventCatalog(public_cost=Money('120000.00'), events=[2024-02-10 A])
        """
        from sportsgov._common.display import text_repr

        return text_repr(
            "EventCatalog",
            [("public_cost", self.total_public_cost)],
            (f"{e.date} {e.name}" for e in self.events),
            count=len(self.events),
            label="events",
        )

    def _repr_html_(self) -> str:
        """A notebook table of the first events, columns as :meth:`to_frame`."""
        from sportsgov._common.display import html_table

        return html_table(
            f"EventCatalog: {len(self.events):,} events, "
            f"{self.total_public_cost} yuan public cost",
            [
                *("date", "name", "level", "category", "model", "cost_yuan", "rate"),
                *("cap_yuan", "organizer", "region", "public_cost_yuan"),
            ],
            (
                (
                    *(e.date, e.name, e.level, e.category, e.funding_model.kind),
                    *(e.funding_model.cost, e.funding_model.rate, e.funding_model.cap),
                    *(e.organizer, e.region, e.public_cost),
                )
                for e in self.events
            ),
            count=len(self.events),
        )

    def to_frame(self) -> Any:
        """The catalog as a pandas DataFrame in the :meth:`from_records` layout.

        Columns: ``date`` (:class:`datetime.date`), ``name, level, category``,
        ``model`` (the kind, e.g. ``"partial_subsidy"``), ``cost_yuan``, ``rate``
        (exact :class:`~fractions.Fraction`), ``cap_yuan``, ``organizer``, ``region``,
        ``public_cost_yuan``. Money is exact :class:`~decimal.Decimal` yuan (None where
        the event has none); :meth:`from_frame` reads the frame back
        (``public_cost_yuan`` is derived and ignored there). Needs the ``pandas`` extra.

        Examples
        --------
        >>> from sportsgov import Money
        >>> cat = EventCatalog([Event("2024-05-01", "B", "city", "youth",
        ...                           FundingModel.partial_subsidy(Money.yuan(200), "30%"))])
        >>> cat.to_frame()[["model", "cost_yuan", "rate", "public_cost_yuan"]].values.tolist()
        [['partial_subsidy', Decimal('200.00'), Fraction(3, 10), Decimal('60.00')]]
        >>> EventCatalog.from_frame(cat.to_frame()) == cat
        True
        """
        from sportsgov._common.frames import pandas

        pd = pandas("EventCatalog.to_frame")

        def yuan(m: Money | None) -> Any:
            return None if m is None else m.to_decimal()

        columns = ["date", "name", "level", "category", "model", "cost_yuan", "rate"]
        columns += ["cap_yuan", "organizer", "region", "public_cost_yuan"]
        rows = [
            [e.date, e.name, e.level, e.category, e.funding_model.kind,
             yuan(e.funding_model.cost), e.funding_model.rate, yuan(e.funding_model.cap),
             e.organizer, e.region, e.public_cost.to_decimal()]
            for e in self.events
        ]  # fmt: skip
        return pd.DataFrame(rows, columns=columns)

    def filter(
        self,
        *,
        year: int | None = None,
        category: str | None = None,
        level: str | None = None,
        region: str | None = None,
        model: str | None = None,
        period: Period | None = None,
    ) -> EventCatalog:
        """The events matching every criterion given.

        Examples
        --------
        >>> from sportsgov import Money
        >>> cat = EventCatalog([Event("2024-01-05", "A", "city", "youth",
        ...                           FundingModel.market_operated())])
        >>> len(cat.filter(category="youth")), len(cat.filter(model="政府主办"))
        (1, 0)
        """
        kind = _kind(model) if model is not None else None
        out = []
        for e in self.events:
            if year is not None and e.date.year != year:
                continue
            if category is not None and e.category != category:
                continue
            if level is not None and e.level != level:
                continue
            if region is not None and e.region != region:
                continue
            if kind is not None and e.funding_model.kind != kind:
                continue
            if period is not None and not (period.start <= e.date <= period.end):
                continue
            out.append(e)
        return EventCatalog(tuple(out))

    def _quarters(self, year: int | None) -> list[Period]:
        if year is not None:
            return [Period.quarter(year, q) for q in range(1, 5)]
        if not self.events:
            return []
        first = min(e.date for e in self.events)
        last = max(e.date for e in self.events)
        out = []
        y, q = first.year, (first.month - 1) // 3 + 1
        end = (last.year, (last.month - 1) // 3 + 1)
        while (y, q) <= end:
            out.append(Period.quarter(y, q))
            y, q = (y + 1, 1) if q == 4 else (y, q + 1)
        return out

    def count_by_quarter(
        self, *, year: int | None = None, cumulative: bool = False, **criteria: Any
    ) -> dict[Period, int]:
        """Number of events per calendar quarter, zero-filled.

        With ``year``, the four quarters of that year; otherwise every quarter from
        the catalog's first event to its last. ``cumulative=True`` gives running totals
        (events held up to the end of each quarter), the figure a paced annual target
        such as "≥ 1,000 events in 2024" is checked against quarter by quarter.
        ``criteria`` are passed to :meth:`filter` (``category="mass"``, ``level=...``,
        ``region=...``, ``model=...``).

        Examples
        --------
        >>> from sportsgov import Money
        >>> m = FundingModel.market_operated()
        >>> cat = EventCatalog([Event(d, "x", "city", "mass", m)
        ...                     for d in ("2024-01-05", "2024-02-01", "2024-08-01")])
        >>> running = cat.count_by_quarter(year=2024, cumulative=True)
        >>> [f"{q}: {n}" for q, n in running.items()]
        ['2024-Q1: 2', '2024-Q2: 2', '2024-Q3: 3', '2024-Q4: 3']
        """
        cat = self.filter(year=year, **criteria)
        counts = dict.fromkeys(self._quarters(year), 0)
        for e in cat.events:
            counts[e.quarter] += 1
        if cumulative:
            running = 0
            for q in counts:
                running += counts[q]
                counts[q] = running
        return counts

    @property
    def total_public_cost(self) -> Money:
        """Public cost of every event in the catalog."""
        return money(sum(e.funding_model.public_cost_fen for e in self.events))

    def public_cost(
        self, by: CostBy = "quarter", *, year: int | None = None
    ) -> dict[Hashable, Money]:
        """Public cost totals by ``"quarter"`` (zero-filled, Period keys), ``"model"``
        (all four models, zero-filled), or by ``"region"``, ``"category"``, ``"level"``,
        ``"organizer"`` (keys in first-seen order). ``year`` restricts to one year."""
        if by not in ("quarter", "model", "region", "category", "level", "organizer"):
            raise InvalidInputError.bad(
                "by",
                by,
                "expected one of 'quarter', 'model', 'region', 'category', 'level', 'organizer'",
            )
        cat = self.filter(year=year) if year is not None else self
        totals: dict[Hashable, int]
        if by == "quarter":
            totals = dict.fromkeys(self._quarters(year), 0)
        elif by == "model":
            totals = dict.fromkeys(MODEL_LABELS, 0)
        else:
            totals = {}
        for e in cat.events:
            key: Hashable
            if by == "quarter":
                key = e.quarter
            elif by == "model":
                key = e.funding_model.kind
            else:
                key = getattr(e, by)
            totals[key] = totals.get(key, 0) + e.funding_model.public_cost_fen
        return {k: money(v) for k, v in totals.items()}
