"""Open the sample report in headless Chromium: it loads cleanly, the scorecard and charts show.

Needs the ``chromium`` binary (Debian package ``chromium``; ``.ci/run`` installs it, with
``fonts-noto-cjk`` for the Chinese labels). Skipped cleanly when it is absent.

Run as a script to refresh the screenshot on the docs' front page::

    .venv/bin/python tests/report/test_screenshot.py   # docs/assets/report-*.png
"""

from __future__ import annotations

import base64
import html
import io
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium")
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
)
DOCS_PNG = Path(__file__).resolve().parents[2] / "docs" / "assets" / "report-screenshot.png"
DOCS_MAP_PNG = DOCS_PNG.with_name("report-map.png")

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)"
)


def chromium(url: str, work: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run headless Chromium once on ``url`` with a private profile; capture output and logs."""
    assert CHROMIUM is not None
    profile = Path(tempfile.mkdtemp(dir=work, prefix="profile-"))
    return subprocess.run(
        [
            CHROMIUM,
            *FLAGS,
            f"--user-data-dir={profile}",
            "--enable-logging=stderr",
            "--v=0",
            *args,
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def console_messages(log: str) -> list[str]:
    """Lines of page console output or uncaught errors in Chromium's stderr log."""
    return [line for line in log.splitlines() if ":CONSOLE" in line or "Uncaught" in line]


def screenshot(
    html_file: Path, png: Path, work: Path, *, size: str = "1280,2400"
) -> subprocess.CompletedProcess[str]:
    proc = chromium(
        html_file.resolve().as_uri(), work, f"--screenshot={png}", f"--window-size={size}"
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return proc


def write_sample_html(out: Path) -> Path:
    from sportsgov.report import build_report, write_report

    return write_report(build_report(lang="zh"), out, formats=("html",))["html"]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_sample_html(tmp_path_factory.mktemp("report"))


def test_screenshot_is_a_real_picture_and_the_page_logs_nothing(
    page: Path, tmp_path: Path
) -> None:
    png = tmp_path / "shot.png"
    proc = screenshot(page, png, tmp_path)
    assert console_messages(proc.stderr) == []
    data = png.read_bytes()
    assert data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) > 50_000
    pil = pytest.importorskip("PIL.Image")
    with pil.open(io.BytesIO(data)) as image:
        assert image.size == (1280, 2400)
        rgb = image.convert("RGB")
        colours = rgb.getcolors(maxcolors=1_000_000)
        assert (
            colours is not None and len(colours) > 200
        )  # text, tables, charts: not one flat colour
        # the status colours of the scorecard rows are on screen (met = #e3f9e5, behind = #fff3c4)
        present = {c for _, c in colours}
        assert (0xE3, 0xF9, 0xE5) in present and (0xFF, 0xF3, 0xC4) in present


def test_dom_has_the_scorecard_and_decodable_charts(page: Path, tmp_path: Path) -> None:
    proc = chromium(page.resolve().as_uri(), tmp_path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    assert 'class="scorecard"' in dom and "<caption>" in dom
    images = re.findall(r'<img src="data:image/png;base64,([^"]+)"', dom)
    assert len(images) == 6  # indicators, coverage, talent, budget + the two plan charts
    pil = pytest.importorskip("PIL.Image")
    for encoded in images:
        with pil.open(io.BytesIO(base64.b64decode(encoded))) as chart:
            chart.verify()
    assert console_messages(proc.stderr) == []


def test_the_coverage_map_renders_its_layers_offline(page: Path, tmp_path: Path) -> None:
    """The interactive map: districts drawn as SVG paths, every layer filled, no request out."""
    text = page.read_text(encoding="utf-8")
    assert 'id="coverage-map"' in text and "Leaflet 1.9.4" in text
    assert not re.search(r"<(script|link)[^>]+(src|href)=", text)  # everything inline
    proc = chromium(page.resolve().as_uri(), tmp_path, "--dump-dom")
    assert proc.returncode == 0, proc.stderr[-2000:]
    dom = proc.stdout
    found = re.search(r'id="coverage-map"[^>]*data-layers="([^"]+)"', dom) or re.search(
        r'data-layers="([^"]+)"[^>]*id="coverage-map"', dom
    )
    assert found, "the map script did not run"
    layers = json.loads(html.unescape(found.group(1)))
    assert layers["districts"] == 8 and layers["sites"] == 10
    assert layers["facilities"] > 1000 and layers["uncovered"] > 100
    assert dom.count('<path class="leaflet-interactive"') >= 8  # district polygons
    assert dom.count("sg-site") >= 10  # numbered site markers
    assert "leaflet-control-layers-base" in dom  # the coverage / per-capita switch
    assert console_messages(proc.stderr) == []


def write_map_png(png: Path, work: Path) -> None:
    """A screenshot of the map alone (English labels), for the docs' front page."""
    from sportsgov.report import build_report

    report = build_report(lang="en", charts=False)
    fragment = next(s.html for s in report.sections if s.html)
    page = work / "map.html"
    page.write_text(
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"></head>'
        f'<body style="margin:0">{fragment.replace("height:560px", "height:640px")}</body></html>',
        encoding="utf-8",
    )
    screenshot(page, png, work, size="1100,640")


def test_console_detector_catches_a_page_error(tmp_path: Path) -> None:
    """The check above could fail: a page that logs an error is caught."""
    bad = tmp_path / "bad.html"
    bad.write_text(
        '<html><body><script>console.error("boom")</script></body></html>', encoding="utf-8"
    )
    proc = chromium(bad.resolve().as_uri(), tmp_path, "--dump-dom")
    assert any('"boom"' in line for line in console_messages(proc.stderr))


def main() -> int:
    """Refresh ``docs/assets/report-screenshot.png`` from the sample report."""
    if CHROMIUM is None:
        print("chromium is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        html_file = write_sample_html(work / "report")
        screenshot(html_file, work / "shot.png", work, size="1280,2000")
        DOCS_PNG.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(work / "shot.png", DOCS_PNG)
        write_map_png(work / "map.png", work)
        shutil.copy(work / "map.png", DOCS_MAP_PNG)
    print(f"wrote {DOCS_PNG} and {DOCS_MAP_PNG}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
