"""PNG charts for reports (``plot`` extra). Every function returns ``None`` without matplotlib."""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

import numpy as np

_CJK_FONTS = [
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
]


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg", force=True)
        import matplotlib.pyplot as plt
        from matplotlib import font_manager
    except ImportError:
        return None
    names = {f.name for f in font_manager.fontManager.ttflist}
    available = [f for f in _CJK_FONTS if f in names]
    plt.rcParams["font.sans-serif"] = [*available, "DejaVu Sans"]
    plt.rcParams["axes.unicode_minus"] = False
    return plt


def has_cjk_font() -> bool:
    """Whether a font able to draw Chinese labels is installed (else charts use codes)."""
    try:
        from matplotlib import font_manager
    except ImportError:
        return False
    names = {f.name for f in font_manager.fontManager.ttflist}
    return any(f in names for f in _CJK_FONTS)


def _png(fig: Any, plt: Any) -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def bars_vs_target(
    labels: Sequence[str],
    values: Sequence[float],
    target: float | None,
    *,
    ylabel: str,
    title: str,
) -> bytes | None:
    """Bar per region with a horizontal target line."""
    plt = _pyplot()
    if plt is None:
        return None
    import warnings

    fig, ax = plt.subplots(figsize=(7.5, 3.6))
    colors = ["#3e7cb1" if target is None or v >= target else "#e8833a" for v in values]
    ax.bar(range(len(values)), values, color=colors)
    if target is not None:
        ax.axhline(target, color="#c0392b", linestyle="--", linewidth=1.2)
    ax.set_xticks(range(len(labels)), labels, rotation=30, ha="right")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # missing glyph warnings when no CJK font is installed
        return _png(fig, plt)


def execution_bars(
    labels: Sequence[str], rates: Sequence[float], time_progress: float, *, title: str, xlabel: str
) -> bytes | None:
    """Horizontal bars of execution rates with the time-progress line (序时进度)."""
    plt = _pyplot()
    if plt is None:
        return None
    import warnings

    fig, ax = plt.subplots(figsize=(7.5, 0.32 * len(labels) + 1.2))
    y = np.arange(len(labels))
    colors = ["#3e7cb1" if r >= time_progress - 0.05 else "#e8833a" for r in rates]
    ax.barh(y, rates, color=colors)
    ax.axvline(time_progress, color="#c0392b", linestyle="--", linewidth=1.2)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()
    ax.set_xlim(0, max(1.0, max(rates, default=0) * 1.05))
    ax.set_xlabel(xlabel)
    ax.set_title(title)
    ax.spines[["top", "right"]].set_visible(False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _png(fig, plt)


def coverage_map(
    lon: np.ndarray[Any, Any],
    lat: np.ndarray[Any, Any],
    covered: np.ndarray[Any, Any],
    fac_lon: np.ndarray[Any, Any],
    fac_lat: np.ndarray[Any, Any],
    site_lon: np.ndarray[Any, Any],
    site_lat: np.ndarray[Any, Any],
    *,
    title: str,
    legend: Sequence[str],
) -> bytes | None:
    """Scatter map: covered and uncovered residents, facilities and suggested sites."""
    plt = _pyplot()
    if plt is None:
        return None
    import warnings

    fig, ax = plt.subplots(figsize=(7.5, 6.2))
    ax.scatter(lon[covered], lat[covered], s=0.4, c="#9fc5e8", label=legend[0], rasterized=True)
    ax.scatter(lon[~covered], lat[~covered], s=1.5, c="#e8833a", label=legend[1], rasterized=True)
    ax.scatter(fac_lon, fac_lat, s=0.8, c="#1f4e79", label=legend[2], rasterized=True)
    if len(site_lon):
        ax.scatter(site_lon, site_lat, s=60, marker="*", c="#c0392b", label=legend[3])
    ax.set_aspect(1 / np.cos(np.radians(float(np.mean(lat)))))
    ax.set_xlabel("lon (WGS-84)")
    ax.set_ylabel("lat")
    ax.set_title(title)
    legend_box = ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8, frameon=False)
    for handle in getattr(legend_box, "legend_handles", getattr(legend_box, "legendHandles", [])):
        handle.set_sizes([36])  # same legible marker size for every layer (the map uses tiny dots)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _png(fig, plt)


def stock_lines(
    years: Sequence[int], series: dict[str, Sequence[float]], *, title: str, ylabel: str
) -> bytes | None:
    """Projected stock per tier over the years."""
    plt = _pyplot()
    if plt is None:
        return None
    import warnings

    fig, ax = plt.subplots(figsize=(7.5, 3.4))
    for name, values in series.items():
        ax.plot(years, values, marker="o", label=name)
    ax.set_xticks(list(years))
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    ax.legend(fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return _png(fig, plt)
