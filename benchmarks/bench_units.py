"""Units: registry build (import cost), string parsing, array conversion."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import numpy as np
import pint

from benchmarks.run import Case
from sportsgov import units
from sportsgov.units import Q_, as_quantity, magnitude_in


def _import_time_ms() -> float:
    """Import time of sportsgov.units in a fresh interpreter, pint already imported."""
    code = (
        "import time, pint\n"
        "t = time.perf_counter()\n"
        "import sportsgov.units\n"
        "print((time.perf_counter() - t) * 1e3)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def cases(quick: bool) -> list[Case]:
    n_parse = 200 if quick else 5_000
    n_array = 10_000 if quick else 1_000_000
    strings = ["6.1万亩", "2.65 m²", "200万 m^2", "3 公顷", "5 km", "45%"]
    default_strings = ["2.65 m**2", "200e4 m**2", "3 hectare", "5 km", "45 percent", "7 m"]
    default = pint.UnitRegistry()
    arr = np.random.default_rng(0).uniform(0, 50, n_array)

    def import_ours() -> None:
        # Execute sportsgov/units.py afresh in a new module object: the whole
        # import cost (registry build, regexes) with pint and numpy already imported.
        spec = importlib.util.spec_from_file_location("_bench_units_copy", units.__file__)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.Q_(3, "ha").to("mu_cn")

    def build_default() -> None:
        ureg = pint.UnitRegistry()
        ureg.Quantity(3, "ha").to("m**2")

    def parse_ours() -> None:
        for i in range(n_parse):
            as_quantity(strings[i % 6])

    def parse_default() -> None:
        for i in range(n_parse):
            default.Quantity(default_strings[i % 6])

    cases = [
        Case(
            "import sportsgov.units + 1 conversion",
            import_ours,
            build_default,
            "pint.UnitRegistry()",
            target="well under 100 ms; ratio < 1",
            max_seconds=0.1,
            max_ratio=1.0,
            notes=[f"import in a fresh interpreter after pint: {_import_time_ms():.1f} ms"],
        ),
        Case(
            f"as_quantity(str) x{n_parse}",
            parse_ours,
            parse_default,
            "default-registry Quantity(str)",
            target="ratio <= 2 (we also parse 万/亿 and Chinese units)",
            max_ratio=2.0,
        ),
        Case(
            f"magnitude_in(Q_(km array {n_array}), 'm')",
            lambda: magnitude_in(Q_(arr, "km"), "m"),
            lambda: arr * 1000.0,
            "numpy arr*1000",
            target="ratio <= 3",
            max_ratio=3.0,
        ),
        Case(
            f"Q_(array {n_array}, 'm') (unit in constructor)",
            lambda: Q_(arr, "m"),
            lambda: arr * units.registry.m,
            "array * ureg.m (pint#1915)",
            target="ratio <= 1",
            max_ratio=1.0,
        ),
    ]
    if not quick:
        for case in cases[:1]:
            print(f"  units: {case.notes[0]}", file=sys.stderr)
    return cases
