"""Generate the bundled, SYNTHETIC sample city (清河市, "Qinghe") deterministically.

Run from the repository root::

    python tools/make_sample_city.py            # writes src/sportsgov/data/sample_city/
    python tools/make_sample_city.py --out DIR  # somewhere else (tests compare the bytes)

Everything here is invented: names, codes (the 99xxxx prefix is not used by any real
Chinese administrative division), coordinates, populations and figures. It is shaped like a
prefecture-level city so that every calculator of sportsgov has something realistic to chew on:
urban districts with streets, mixed and rural counties, a population grid, a facility inventory
(some coordinates recorded in GCJ-02, as map apps deliver them), a walkable road network, a
talent pipeline, budget lines, a ski subsidy program with claims, an event catalog and
observations against the Zhengzhou-2024-style work points.

The output is byte-for-byte reproducible: a fixed seed, sorted rows, fixed float formatting and
gzip files with mtime 0.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import math
from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from sportsgov.coverage.geo import wgs84_to_gcj02
from sportsgov.facilities import CSV_COLUMNS

SEED = 20241231
LON0, LAT0 = 113.65, 34.75  # synthetic city centre (WGS-84)
EARTH_R = 6_371_008.8
AS_OF = date(2024, 9, 30)
YEARS = (2021, 2022, 2023, 2024)

# code, name, level, settlement, centre offset (km east, km north), 2024 population, spread [km],
# yearly growth, facility richness (scales venue area per resident)
DISTRICTS: list[tuple[str, str, str, str, tuple[float, float], int, float, float, float]] = [
    ("990102", "东城区", "district", "urban", (-3.0, 2.0), 0, 3.2, 0.012, 1.10),
    ("990103", "西城区", "district", "urban", (-12.0, 1.0), 690_000, 3.6, 0.010, 0.95),
    ("990104", "南湖区", "district", "urban", (-6.0, -7.0), 540_000, 3.8, 0.015, 1.20),
    ("990105", "高新区", "district", "mixed", (6.0, -2.0), 380_000, 5.0, 0.030, 1.35),
    ("990121", "北山县", "county", "rural", (-8.0, 28.0), 420_000, 10.0, -0.006, 0.80),
    ("990122", "河口县", "county", "rural", (30.0, -6.0), 460_000, 11.0, -0.004, 0.90),
    ("990123", "青松县", "county", "rural", (-35.0, -20.0), 360_000, 12.0, -0.008, 0.70),
    ("990181", "临江市", "county", "mixed", (28.0, 22.0), 510_000, 7.0, 0.004, 1.05),
]
# Streets of 东城区: the district has no figure of its own; it rolls up from these.
STREETS: list[tuple[str, str, tuple[float, float], int]] = [
    ("990102001", "文化路街道", (-1.5, 1.5), 236_000),
    ("990102002", "人民路街道", (1.5, 1.5), 198_000),
    ("990102003", "解放路街道", (-1.5, -1.5), 214_000),
    ("990102004", "滨河街道", (1.5, -1.5), 172_000),
]

# kind code, Chinese name, share of facilities, median area [m²], log-sd, length range [m] or None
KINDS: list[tuple[str, str, float, float, float, tuple[float, float] | None]] = [
    ("fitness_path", "全民健身路径", 0.300, 320, 0.35, None),
    ("basketball", "篮球场", 0.170, 560, 0.20, None),
    ("table_tennis", "乒乓球场", 0.060, 110, 0.30, None),
    ("badminton", "羽毛球场", 0.060, 420, 0.40, None),
    ("gym", "健身房", 0.075, 650, 0.60, None),
    ("multi_purpose", "多功能运动场", 0.075, 1800, 0.50, None),
    ("football_5", "五人制足球场", 0.050, 1000, 0.15, None),
    ("tennis", "网球场", 0.040, 680, 0.15, None),
    ("football_7", "七人制足球场", 0.030, 3000, 0.12, None),
    ("volleyball", "排球场", 0.020, 360, 0.15, None),
    ("swimming_pool", "游泳池", 0.020, 1600, 0.40, None),
    ("trail", "健身步道", 0.030, 0, 0.0, (1_500.0, 15_000.0)),
    ("football_11", "十一人制足球场", 0.015, 8000, 0.10, None),
    ("sports_hall", "体育馆", 0.014, 5000, 0.40, None),
    ("stadium", "体育场", 0.003, 28000, 0.20, None),
    ("ice_rink", "滑冰场", 0.004, 1800, 0.30, None),
    ("ski_slope", "滑雪场", 0.002, 60000, 0.50, None),
]
N_FACILITIES = 6_000
N_GRID = 60_000
GCJ_SHARE = 0.3


def _offset(km_east: float, km_north: float) -> tuple[float, float]:
    lat = LAT0 + math.degrees(km_north * 1000 / EARTH_R)
    lon = LON0 + math.degrees(km_east * 1000 / (EARTH_R * math.cos(math.radians(LAT0))))
    return lon, lat


def _metres_to_deg(dx: np.ndarray, dy: np.ndarray, lat: float) -> tuple[np.ndarray, np.ndarray]:
    return (
        np.degrees(dx / (EARTH_R * math.cos(math.radians(lat)))),
        np.degrees(dy / EARTH_R),
    )


def _haversine(
    lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray, lat2: np.ndarray
) -> np.ndarray:
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi = p2 - p1
    dlmb = np.radians(lon2 - lon1)
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_R * np.arcsin(np.sqrt(np.minimum(a, 1.0)))


def _largest_remainder(total: int, weights: np.ndarray) -> np.ndarray:
    quotas = weights / weights.sum() * total
    base = np.floor(quotas).astype(np.int64)
    left = total - int(base.sum())
    order = np.argsort(-(quotas - base), kind="stable")
    base[order[:left]] += 1
    return base


class _Writer:
    def __init__(self, out: Path) -> None:
        self.out = out
        out.mkdir(parents=True, exist_ok=True)

    def csv(self, name: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(rows)
        data = buf.getvalue().encode("utf-8")
        path = self.out / name
        if name.endswith(".gz"):
            with (
                path.open("wb") as raw,
                gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as gz,
            ):
                gz.write(data)
        else:
            path.write_bytes(data)

    def text(self, name: str, text: str) -> None:
        (self.out / name).write_text(text, encoding="utf-8")


def _units() -> list[dict[str, object]]:
    """Leaf population units (streets of 东城区, other districts) with their geometry."""
    units: list[dict[str, object]] = []
    dc = next(d for d in DISTRICTS if d[0] == "990102")
    for code, name, (dx, dy), pop in STREETS:
        cx, cy = dc[4][0] + dx, dc[4][1] + dy
        units.append(
            {
                "code": code,
                "name": name,
                "settlement": "urban",
                "centre": (cx, cy),
                "pop": pop,
                "spread": 1.3,
                "growth": dc[7],
                "richness": dc[8],
                "district": "990102",
            }
        )
    for code, name, _lvl, settlement, centre, pop, spread, growth, richness in DISTRICTS:
        if code == "990102":
            continue
        units.append(
            {
                "code": code,
                "name": name,
                "settlement": settlement,
                "centre": centre,
                "pop": pop,
                "spread": spread,
                "growth": growth,
                "richness": richness,
                "district": code,
            }
        )
    return units


def _towns(
    rng: np.random.Generator, unit: dict[str, object]
) -> list[tuple[float, float, float, float]]:
    """Clusters (km east, km north, sigma km, weight) making up a unit's population."""
    cx, cy = unit["centre"]  # type: ignore[misc]
    spread = float(unit["spread"])  # type: ignore[arg-type]
    if unit["settlement"] == "urban":
        return [(cx, cy, spread * 0.6, 1.0)]
    towns = [(cx, cy, 2.0 if unit["settlement"] == "rural" else 3.0, 0.45)]
    n = 10 if unit["settlement"] == "rural" else 6
    for _ in range(n):
        ang = rng.uniform(0, 2 * math.pi)
        r = rng.uniform(0.35, 1.0) * spread
        towns.append(
            (cx + r * math.cos(ang), cy + r * math.sin(ang), rng.uniform(0.5, 1.1), 0.55 / n)
        )
    return towns


def generate(out: Path) -> dict[str, int]:
    rng = np.random.default_rng(SEED)
    w = _Writer(out)
    units = _units()

    # --- regions -------------------------------------------------------------------------
    region_rows: list[list[object]] = [["990100", "清河市", "city", "", "mixed"]]
    for code, name, level, settlement, *_ in DISTRICTS:
        region_rows.append([code, name, level, "990100", settlement])
    for code, name, _c, _p in STREETS:
        region_rows.append([code, name, "street", "990102", "urban"])
    w.csv("regions.csv", ["code", "name", "level", "parent", "settlement"], region_rows)

    # --- population by year (year-end resident population, 常住人口) ---------------------
    pop_rows: list[list[object]] = []
    for u in units:
        for year in YEARS:
            pop = round(int(u["pop"]) / (1 + float(u["growth"])) ** (2024 - year))  # type: ignore[arg-type]
            pop_rows.append([u["code"], year, pop])
    pop_rows.sort()
    w.csv("population.csv", ["region", "year", "population"], pop_rows)

    # --- population grid (WGS-84), 2024 population ------------------------------------------
    pops = np.array([int(u["pop"]) for u in units], dtype=float)  # type: ignore[arg-type]
    n_points = _largest_remainder(N_GRID, pops**0.8)
    g_lon: list[np.ndarray] = []
    g_lat: list[np.ndarray] = []
    g_pop: list[np.ndarray] = []
    g_reg: list[str] = []
    unit_towns: dict[str, list[tuple[float, float, float, float]]] = {}
    for u, k in zip(units, n_points, strict=True):
        towns = _towns(rng, u)
        unit_towns[str(u["code"])] = towns
        tw = np.array([t[3] for t in towns])
        per_town = _largest_remainder(int(k), tw)
        xs, ys = [], []
        for (tx, ty, sig, _), m in zip(towns, per_town, strict=True):
            xs.append(rng.normal(tx, sig, m))
            ys.append(rng.normal(ty, sig, m))
        x = np.concatenate(xs) * 1000
        y = np.concatenate(ys) * 1000
        lon, lat = _metres_to_deg(x, y, LAT0)
        weights = rng.lognormal(0.0, 0.6, len(x))
        g_lon.append(LON0 + lon)
        g_lat.append(LAT0 + lat)
        g_pop.append(_largest_remainder(int(u["pop"]), weights))  # type: ignore[arg-type]
        g_reg.extend([str(u["code"])] * len(x))
    lon_all = np.concatenate(g_lon)
    lat_all = np.concatenate(g_lat)
    pop_all = np.concatenate(g_pop)
    w.csv(
        "population_grid.csv.gz",
        ["lon", "lat", "population", "region"],
        (
            [f"{a:.6f}", f"{b:.6f}", int(p), r]
            for a, b, p, r in zip(lon_all, lat_all, pop_all, g_reg, strict=True)
        ),
    )

    # --- facilities ------------------------------------------------------------------------
    richness = np.array([float(u["richness"]) for u in units])  # type: ignore[arg-type]
    n_fac = _largest_remainder(N_FACILITIES, pops * richness)
    kind_codes = [k[0] for k in KINDS]
    kind_p = np.array([k[2] for k in KINDS])
    kind_p = kind_p / kind_p.sum()
    fac_rows: list[list[object]] = []
    start = date(1995, 1, 1)
    span = (date(2024, 9, 15) - start).days
    offsets = np.cumsum([0, *[len(a) for a in g_lon]])
    fid = 0
    for ui, (u, k) in enumerate(zip(units, n_fac, strict=True)):
        lo, hi = offsets[ui], offsets[ui + 1]
        # Facilities cluster at hubs (sports parks, school grounds, township centres): a third
        # as many hubs as facilities, chosen by population; rural hubs favour the county seat.
        p = pop_all[lo:hi].astype(float)
        n_hubs = max(3, int(k) // (3 if u["settlement"] == "urban" else 5))
        hubs = rng.choice(np.arange(lo, hi), size=n_hubs, replace=False, p=p / p.sum())
        picks = hubs[rng.integers(0, n_hubs, size=int(k))]
        kinds = rng.choice(len(KINDS), size=int(k), p=kind_p)
        for pick, ki in zip(picks, kinds, strict=True):
            code, kzh, _share, median, sd, length_range = KINDS[ki]
            if code == "ski_slope" and u["settlement"] == "urban":
                code, kzh, _share, median, sd, length_range = KINDS[0]
            fid += 1
            jitter = rng.normal(0, 150, 2)
            dlon, dlat = _metres_to_deg(np.array([jitter[0]]), np.array([jitter[1]]), LAT0)
            lon = float(lon_all[pick] + dlon[0])
            lat = float(lat_all[pick] + dlat[0])
            if length_range is not None:
                length = float(rng.uniform(*length_range))
                area = length * 2.5
            else:
                length = None
                area = float(median * rng.lognormal(0.0, sd) * float(u["richness"]))  # type: ignore[arg-type]
            # more facilities opened recently (a sqrt ramp), a few closed
            opened = start + timedelta(days=int(span * math.sqrt(rng.uniform())))
            closed = ""
            if rng.uniform() < 0.03:
                closed_d = opened + timedelta(days=int(rng.uniform(200, 4000)))
                if closed_d < date(2024, 9, 1):
                    closed = closed_d.isoformat()
            datum = "wgs84"
            if rng.uniform() < GCJ_SHARE:
                glon, glat = wgs84_to_gcj02(np.array([lon]), np.array([lat]))
                lon, lat = float(glon[0]), float(glat[0])
                datum = "gcj02"
            public = "true" if rng.uniform() < 0.92 else "false"
            fac_rows.append(
                [
                    f"F{fid:06d}",
                    f"{u['name']}{kzh}{fid}",
                    code,
                    u["code"],
                    f"{area:.1f}",
                    "" if length is None else f"{length:.1f}",
                    f"{lon:.6f}",
                    f"{lat:.6f}",
                    datum,
                    opened.isoformat(),
                    closed,
                    public,
                ]
            )
    w.csv(
        "facilities.csv",
        CSV_COLUMNS,
        fac_rows,
    )
    _ = kind_codes

    # --- road network (walkable; lattice in the city core, town lattices, connectors) -------
    nodes_x: list[np.ndarray] = []
    nodes_y: list[np.ndarray] = []
    edges: list[np.ndarray] = []
    count = 0

    def lattice(x0: float, x1: float, y0: float, y1: float, step: float) -> None:
        nonlocal count
        xs = np.arange(x0, x1 + 1e-9, step)
        ys = np.arange(y0, y1 + 1e-9, step)
        gx, gy = np.meshgrid(xs, ys)
        jx = rng.normal(0, step * 0.12, gx.shape)
        jy = rng.normal(0, step * 0.12, gy.shape)
        ids = np.arange(gx.size).reshape(gx.shape) + count
        nodes_x.append((gx + jx).ravel())
        nodes_y.append((gy + jy).ravel())
        right = np.stack([ids[:, :-1].ravel(), ids[:, 1:].ravel()], axis=1)
        down = np.stack([ids[:-1, :].ravel(), ids[1:, :].ravel()], axis=1)
        e = np.concatenate([right, down])
        keep = rng.uniform(size=len(e)) > 0.07  # some blocks have no through street
        edges.append(e[keep])
        count += gx.size

    lattice(-17_000, 12_000, -12_500, 6_500, 120.0)  # city core
    core_n = count
    for u in units:
        if u["settlement"] == "urban":
            continue
        for tx, ty, sig, _ in unit_towns[str(u["code"])]:
            half = max(1.2, 1.6 * sig) * 1000
            first = count
            lattice(tx * 1000 - half, tx * 1000 + half, ty * 1000 - half, ty * 1000 + half, 200.0)
            # connector: a straight road from the town to the nearest core node, nodes every 400 m
            cx = np.clip(tx * 1000, -17_000, 12_000)
            cy = np.clip(ty * 1000, -12_500, 6_500)
            core_x = np.concatenate(nodes_x)[:core_n]
            core_y = np.concatenate(nodes_y)[:core_n]
            target = int(np.argmin((core_x - cx) ** 2 + (core_y - cy) ** 2))
            start_node = first
            sx, sy = float(nodes_x[-1][0]), float(nodes_y[-1][0])
            dist = math.hypot(core_x[target] - sx, core_y[target] - sy)
            steps = max(1, int(dist // 400))
            if steps > 1:
                fx = np.linspace(sx, core_x[target], steps + 1)[1:-1]
                fy = np.linspace(sy, core_y[target], steps + 1)[1:-1]
                ids = np.arange(len(fx)) + count
                nodes_x.append(fx)
                nodes_y.append(fy)
                count += len(fx)
                chain = np.concatenate([[start_node], ids, [target]])
            else:
                chain = np.array([start_node, target])
            edges.append(np.stack([chain[:-1], chain[1:]], axis=1))
    nx_ = np.concatenate(nodes_x)
    ny_ = np.concatenate(nodes_y)
    nlon, nlat = _metres_to_deg(nx_, ny_, LAT0)
    nlon = nlon + LON0
    nlat = nlat + LAT0
    e = np.concatenate(edges)
    length = _haversine(nlon[e[:, 0]], nlat[e[:, 0]], nlon[e[:, 1]], nlat[e[:, 1]])
    length = length * rng.uniform(1.0, 1.08, len(length))
    w.csv(
        "roads_nodes.csv.gz",
        ["id", "lon", "lat"],
        ([i, f"{a:.6f}", f"{b:.6f}"] for i, (a, b) in enumerate(zip(nlon, nlat, strict=True))),
    )
    w.csv(
        "roads_edges.csv.gz",
        ["source", "target", "length"],
        ([int(a), int(b), f"{c:.1f}"] for (a, b), c in zip(e, length, strict=True)),
    )

    # --- social sports instructors (社会体育指导员) ----------------------------------------
    instr_rows: list[list[object]] = []
    for u in units:
        rate = rng.uniform(1.9, 3.4)
        for year in YEARS:
            pop = int(u["pop"]) / (1 + float(u["growth"])) ** (2024 - year)  # type: ignore[arg-type]
            instr_rows.append([u["code"], year, round(pop / 1000 * (rate - 0.12 * (2024 - year)))])
    instr_rows.sort()
    w.csv("instructors.csv", ["region", "year", "instructors"], instr_rows)

    district_codes = [d[0] for d in DISTRICTS]
    district_pop = {d[0]: (d[5] or sum(s[3] for s in STREETS)) for d in DISTRICTS}
    counts = _programs(w, rng, district_codes, district_pop)
    counts["projects"] = _projects(w)

    n_districts = _boundaries(w, lon_all, lat_all, g_reg)

    return {
        **counts,
        "boundaries": n_districts,
        "regions": len(region_rows),
        "population_rows": len(pop_rows),
        "grid_points": len(lon_all),
        "facilities": len(fac_rows),
        "road_nodes": len(nx_),
        "road_edges": len(e),
    }


def _programs(
    w: _Writer, rng: np.random.Generator, districts: list[str], district_pop: dict[str, int]
) -> dict[str, int]:
    """Events, budget lines, the ski subsidy, talent, observations and the manifest."""
    # --- event catalog 2024, as recorded up to AS_OF (赛事活动) -----------------------------
    models = ["government_hosted", "purchased_service", "partial_subsidy", "market_operated"]
    event_rows: list[list[object]] = []
    plan_counts = {"mass": 790, "youth": 330, "elite": 24}
    quarter_share = np.array([0.22, 0.34, 0.44])  # Q1-Q3 2024; Q4 still to come
    quarter_start = [date(2024, 1, 1), date(2024, 4, 1), date(2024, 7, 1)]
    quarter_days = [91, 91, 92]
    n_event = 0
    for category, total in plan_counts.items():
        per_q = _largest_remainder(total, quarter_share)
        for q, k in enumerate(per_q):
            for _ in range(int(k)):
                n_event += 1
                day = quarter_start[q] + timedelta(days=int(rng.integers(0, quarter_days[q])))
                level = (
                    "district"
                    if category != "elite" and rng.uniform() < 0.7
                    else ("city" if rng.uniform() < 0.8 else "provincial")
                )
                model = models[int(rng.choice(4, p=[0.35, 0.25, 0.25, 0.15]))]
                cost = rate = cap = ""
                base = int(rng.integers(2, 60)) * 1000 * (8 if category == "elite" else 1)
                if model in ("government_hosted", "purchased_service"):
                    cost = f"{base}元"
                elif model == "partial_subsidy":
                    cost, rate, cap = f"{base}元", "0.3", f"{max(5000, base // 5)}元"
                region = str(rng.choice(districts)) if level == "district" else "990100"
                event_rows.append(
                    [
                        day.isoformat(),
                        f"{_EVENT_NAMES[category]}{n_event:04d}",
                        level,
                        category,
                        model,
                        cost,
                        rate,
                        cap,
                        "清河市体育局" if region == "990100" else f"{region}体育局",
                        region,
                    ]
                )
    event_rows.sort()
    w.csv(
        "events.csv",
        [
            "date",
            "name",
            "level",
            "category",
            "model",
            "cost",
            "rate",
            "cap",
            "organizer",
            "region",
        ],
        event_rows,
    )

    # --- budget lines 2024 (预算执行) --------------------------------------------------------
    lines = [
        ("全民健身工程", "990100", 1800),
        ("体育场地设施建设补助", "990100", 3200),
        ("青少年体育赛事", "990100", 650),
        ("竞技体育后备人才专项", "990100", 2556.09),
        ("体育彩票公益金项目", "990100", 1200),
        ("社会体育指导员培训", "990100", 180),
        ("国民体质监测", "990100", 120),
        ("冰雪运动进校园", "990100", 300),
    ]
    budget_rows: list[list[object]] = []
    for i, (name, region, wan) in enumerate(lines, start=1):
        pace = float(rng.uniform(0.45, 0.95))
        spent = round(wan * pace, 2)
        budget_rows.append([f"B{i:02d}", name, region, f"{wan:.2f}万元", f"{spent:.2f}万元"])
    for code in districts:
        wan = round(district_pop[code] / 10_000 * float(rng.uniform(3.0, 5.0)), 2)
        spent = round(wan * float(rng.uniform(0.5, 0.9)), 2)
        budget_rows.append(
            [f"D{code}", "区县全民健身补助", code, f"{wan:.2f}万元", f"{spent:.2f}万元"]
        )
    w.csv("budget_lines.csv", ["line", "name", "region", "budget", "spent"], budget_rows)

    # --- 乐冰雪-style ski subsidy: program + claims -------------------------------------------
    w.text(
        "subsidy_program.toml",
        "# A synthetic 乐冰雪-style ski consumption subsidy\n"
        "# (see 張家口冬奧人才工作報道, 張家口新聞傳媒集團, 2021-10)\n"
        'name = "乐冰雪 2023—2024 雪季消费补贴 (synthetic)"\n'
        'kinds = ["ski_ticket", "coaching", "training"]\n'
        'rate = "0.5"\n'
        'per_person_cap = "600元"\n'
        'budget = "60万元"\n'
        'period = "2023-12/2024-03"\n'
        "[per_claim_cap]\n"
        'ski_ticket = "100元"\n'
        'coaching = "200元"\n'
        'training = "300元"\n',
    )
    claim_rows: list[list[object]] = []
    people = [f"P{i:05d}" for i in range(1, 2201)]
    day0 = date(2023, 12, 1)
    for i in range(1, 6001):
        kind = ["ski_ticket", "coaching", "training"][int(rng.choice(3, p=[0.6, 0.25, 0.15]))]
        base = {"ski_ticket": 260, "coaching": 480, "training": 900}[kind]
        amount = round(base * float(rng.lognormal(0, 0.35)), 2)
        # a few claims outside the season are rejected by the ledger
        on = day0 + timedelta(days=int(rng.integers(-3, 124)))
        claim_rows.append(
            [f"C{i:06d}", str(rng.choice(people)), kind, f"{amount:.2f}", on.isoformat()]
        )
    claim_rows.sort(key=lambda r: (str(r[4]), str(r[0])))
    w.csv("subsidy_claims.csv", ["claim_id", "person", "kind", "amount", "on"], claim_rows)

    # --- talent: 一二三线 pipeline rates, stocks, traditional schools ("2351") ---------------
    tiers = ["三线 传统校/俱乐部", "二线 体校", "一线 省队"]
    w.csv(
        "talent_rates.csv",
        ["from", "to", "rate"],
        [
            [tiers[0], tiers[0], "0.62"],
            [tiers[0], tiers[1], "0.12"],
            [tiers[1], tiers[1], "0.70"],
            [tiers[1], tiers[2], "0.08"],
            [tiers[2], tiers[2], "0.80"],
        ],
    )
    stock_rows: list[list[object]] = []
    for code in districts:
        scale = district_pop[code] / 500_000
        stock_rows.append([code, tiers[0], round(480 * scale * float(rng.uniform(0.8, 1.2)))])
        stock_rows.append([code, tiers[1], round(90 * scale * float(rng.uniform(0.8, 1.2)))])
        stock_rows.append([code, tiers[2], round(9 * scale * float(rng.uniform(0.6, 1.4)))])
    w.csv("talent_stock.csv", ["region", "tier", "stock"], stock_rows)
    school_rows: list[list[object]] = []
    share = np.array([district_pop[c] for c in districts], dtype=float)
    per_district = _largest_remainder(130, share)
    n_school = 0
    for code, k in zip(districts, per_district, strict=True):
        for _ in range(int(k)):
            n_school += 1
            coaches = int(rng.choice([1, 2, 2, 2, 3]))
            athletes = int(rng.integers(18, 42))
            school_rows.append([f"S{n_school:03d}", code, coaches, athletes])
    w.csv("schools.csv", ["school", "region", "coaches", "athletes"], school_rows)

    # --- observations against the Zhengzhou-2024-style work points (as of AS_OF) -----------
    obs_rows: list[list[object]] = []
    city_values: dict[str, tuple[object, str]] = {
        "physique-monitoring-city": (2480, "人次"),
        "fields-built": (318, "块"),
        "regular-exercisers": (44.1, "%"),
        "industry-output": (352, "亿元"),
        "industry-value-added": (168, "亿元"),
        "industry-gdp-share": (1.43, "%"),
        "event-catalog": (3, "次"),
        "new-facilities": (171, "个"),
        "associations-city": (52, "个"),
        "instructor-training": (2210, "人次"),
        "guidance-events-city": (61, "场"),
        "health-promotion-centres": (2, "个"),
        "physique-pass-rate": (92.4, "%"),
        "student-activity-hours": (1, "hour/day"),
        "champion-school-visits": (3, "场"),
        "high-risk-licence-rate": (100, "%"),
        "proposal-completion": (100, "%"),
        "inquiry-completion": (96, "%"),
    }
    for target, (value, unit) in city_values.items():
        obs_rows.append([target, "990100", value, unit, AS_OF.isoformat()])
    district_targets = {
        "themed-activities-district": (6, 1.1),
        "community-games-district": (20, 1.0),
        "sports-park-district": (1, 1.6),
        "associations-district": (35, 1.05),
        "guidance-events-district": (20, 1.0),
        "physique-monitoring-district": (2000, 1.0),
        "school-coach-pilot-district": (1, 1.4),
        "new-type-school-district": (1, 1.5),
        "demonstration-district": (1, 1.3),
    }
    for code in districts:
        for target, (goal, spread) in district_targets.items():
            frac = float(rng.uniform(0.45, 1.15)) * spread
            value = (
                round(goal * frac) if goal > 1 else int(rng.uniform() < 0.8 * spread / 1.6 + 0.3)
            )
            obs_rows.append([target, code, value, "", AS_OF.isoformat()])
    w.csv("observations.csv", ["target", "region", "value", "unit", "as_of"], obs_rows)

    # --- manifest ----------------------------------------------------------------------------
    w.text(
        "city.toml",
        "# 清河市 (Qinghe): a SYNTHETIC prefecture-level city bundled with sportsgov.\n"
        "# Generated by tools/make_sample_city.py; every name and figure is invented.\n"
        'name = "清河市"\n'
        'name_en = "Qinghe (synthetic)"\n'
        'code = "990100"\n'
        "synthetic = true\n"
        'as_of = "2024-09-30"\n'
        'plan = "zhengzhou-2024"\n'
        'scheme = "zhengzhou-2024-districts"\n'
        "\n[talent]\n"
        "horizon = 2026\n"
        "start = 2024\n"
        f'entry = "{tiers[0]}"\n'
        "[talent.target]\n"
        f'"{tiers[0]}" = 4000\n'
        f'"{tiers[2]}" = 150\n'
        "\n[standard]\n"
        'name = "2351"\n'
        "coaches = 2\n"
        "athletes = 30\n"
        "reserve_target = 4000\n",
    )
    w.text(
        "README.md",
        "# 清河市 sample city (SYNTHETIC)\n\n"
        "Invented data generated by `tools/make_sample_city.py` (seed "
        f"{SEED}). Region codes use the unused 99xxxx prefix. The layout is the one "
        "`sportsgov report --data DIR` reads; see docs/howto/own-data.md.\n\n"
        "`projects.csv` is a SYNTHETIC list of candidate projects (id, name, district, "
        "kind, area in m², cost, WGS-84 location; district sports parks have no "
        "location): invented sites among the residents no fitness circle reaches yet, "
        "with invented costs. The report's next-year plan section and `sportsgov whatif "
        "--projects` choose among them.\n",
    )
    return {"events": len(event_rows), "claims": len(claim_rows), "observations": len(obs_rows)}


def _boundaries(w: _Writer, lon: np.ndarray, lat: np.ndarray, regions: list[str]) -> int:
    """District boundaries (``boundaries.geojson``): each ~1 km cell of a lattice over the
    city goes to the district of its nearest population point, cells farther than 4 km
    from every point are left out, and each district's cells are merged and simplified
    without gaps or overlaps (``shapely.coverage_simplify``). Needs shapely (dev only)."""
    import json

    import shapely
    from scipy.spatial import cKDTree

    street_parent = {code: "990102" for code, *_ in STREETS}
    district = np.array([street_parent.get(r, r) for r in regions])
    scale = math.cos(math.radians(LAT0))
    tree = cKDTree(np.column_stack([lon * scale, lat]))
    step = 0.01
    xs = np.arange(np.floor(lon.min() / step) * step - 0.03, lon.max() + 0.03, step)
    ys = np.arange(np.floor(lat.min() / step) * step - 0.03, lat.max() + 0.03, step)
    gx, gy = np.meshgrid(xs + step / 2, ys + step / 2)
    dist, nearest = tree.query(np.column_stack([gx.ravel() * scale, gy.ravel()]))
    km = dist * 111.2
    owner = np.where(km <= 4.0, district[nearest], "")
    codes = [d[0] for d in DISTRICTS]
    merged = []
    for code in codes:
        mask = owner == code
        boxes = shapely.box(
            gx.ravel()[mask] - step / 2,
            gy.ravel()[mask] - step / 2,
            gx.ravel()[mask] + step / 2,
            gy.ravel()[mask] + step / 2,
        )
        merged.append(shapely.union_all(boxes, grid_size=1e-6))
    smooth = shapely.coverage_simplify(np.array(merged, dtype=object), 0.012)
    smooth = shapely.set_precision(smooth, 1e-6)
    features = []
    for (code, name, level, settlement, *_), geom in zip(DISTRICTS, smooth.tolist(), strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "code": code,
                    "name": name,
                    "level": level,
                    "parent": "990100",
                    "settlement": settlement,
                },
                "geometry": json.loads(shapely.to_geojson(shapely.normalize(geom))),
            }
        )
    collection = {
        "type": "FeatureCollection",
        "name": "清河市 districts (SYNTHETIC)",
        "datum": "wgs84",
        "features": features,
    }
    w.text(
        "boundaries.geojson",
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n",
    )
    return len(features)


# kind, Chinese name, area range [m²], unit cost range [yuan/m²] of candidate projects
PROJECT_KINDS: list[tuple[str, str, tuple[int, int], tuple[int, int]]] = [
    ("fitness_path", "社区健身点", (300, 900), (300, 600)),
    ("multi_purpose", "多功能运动场", (1_200, 3_000), (500, 900)),
    ("football_5", "五人制足球场", (800, 1_200), (450, 700)),
    ("gym", "全民健身中心", (2_000, 6_000), (2_500, 4_000)),
]
N_PROJECTS = 60


def _projects(w: _Writer) -> int:
    """``projects.csv``: SYNTHETIC candidate projects for the "next year" plan section.

    Sites are drawn (own seed, so no other file changes) among the grid residents that
    no facility's fitness circle reaches yet, weighted by population, so that each
    candidate brings someone inside a circle; a few district sports parks have no
    location (they add area only). Costs are whole 万元.
    """
    from sportsgov.citydata import CityData
    from sportsgov.coverage import FITNESS_CIRCLES, circle_coverage

    rng = np.random.default_rng(SEED + 17)
    city = CityData.load(w.out)
    assert city.grid is not None and city.grid_regions is not None
    root = city.root_code
    district_of: dict[str, str] = {}
    for d in city.regions.children(root):
        for r in city.regions.descendants(d.code, include_self=True):
            district_of[r.code] = d.code
    by = np.array([district_of.get(str(c), str(c)) for c in city.grid_regions])
    settlement = {d: city.regions.get(d).settlement for d in set(by.tolist())}
    facilities = city.facilities.to_points(datum="wgs84", as_of=AS_OF)
    covered = np.asarray(
        circle_coverage(
            city.grid, facilities, radius=FITNESS_CIRCLES, by=by, regions=settlement
        ).covered
    )
    open_idx = np.flatnonzero(~covered)
    weight = np.asarray(city.grid.weight, dtype=float)[open_idx]
    picks = rng.choice(open_idx, size=N_PROJECTS, replace=False, p=weight / weight.sum())
    names = {r.code: r.name for r in city.regions}
    lon = np.asarray(city.grid.lon)
    lat = np.asarray(city.grid.lat)
    rows: list[list[object]] = []
    for k, i in enumerate(sorted(picks.tolist()), start=1):
        kind, label, (a0, a1), (c0, c1) = PROJECT_KINDS[int(rng.integers(len(PROJECT_KINDS)))]
        area = int(rng.integers(a0, a1 + 1)) // 10 * 10
        cost_wan = max(10, round(area * int(rng.integers(c0, c1 + 1)) / 10_000))
        dx, dy = _metres_to_deg(rng.normal(0, 80, 1), rng.normal(0, 80, 1), float(lat[i]))
        region = str(by[i])
        rows.append(
            [
                f"P{k:03d}",
                f"{names[region]}{label}{k:02d}",
                region,
                kind,
                area,
                f"{cost_wan}万元",
                f"{float(lon[i] + dx[0]):.6f}",
                f"{float(lat[i] + dy[0]):.6f}",
            ]
        )
    districts = sorted(r.code for r in city.regions.children(root))
    for k, d in enumerate(districts, start=N_PROJECTS + 1):
        area = int(rng.integers(40, 160)) * 1000
        cost = f"{area * 350 // 10_000}万元"
        rows.append([f"P{k:03d}", f"{names[d]}体育公园", d, "multi_purpose", area, cost, "", ""])
    header = ["id", "name", "region", "kind", "area_m2", "cost", "lon", "lat"]
    w.csv("projects.csv", header, rows)
    return len(rows)


_EVENT_NAMES = {"mass": "全民健身赛事", "youth": "青少年赛事", "elite": "竞技赛事"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    default = Path(__file__).resolve().parent.parent / "src" / "sportsgov" / "data" / "sample_city"
    parser.add_argument("--out", type=Path, default=default)
    args = parser.parse_args(argv)
    sizes = generate(args.out)
    for key, value in sizes.items():
        print(f"{key:>16}: {value:,}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
