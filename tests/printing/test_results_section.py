"""The printed plan's Results section: the Results tab's chart as vector paths, the KPIs against the previous
month, what worked, and an empty month that says how to bring results in; read back with pypdf."""

from __future__ import annotations

import json
import re
import unicodedata
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import new_plan, run_cli
from pypdf import PdfReader

from smoplanner.core.dates import Month
from smoplanner.core.results import KPI_DEFINITIONS, THIN_SAMPLE
from smoplanner.store.planfile import PlanFile


@pytest.fixture(autouse=True)
def _app(qapp):  # the one application of the test run (the command line reuses it instead of making its own)
    return qapp


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from smoplanner.cli import main

    path = tmp_path_factory.mktemp("demo") / "cafe.smoplan"
    assert main(["new", str(path), "--demo"]) == 0
    return path


def _texts(pdf: Path) -> list[str]:
    return [
        unicodedata.normalize("NFKC", (page.extract_text() or "").replace("\t", " ")) for page in PdfReader(pdf).pages
    ]


def _report(path: Path, month: Month) -> dict:
    from smoplanner.report.summary import month_report

    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return json.loads(json.dumps(month_report(s, month)))
    finally:
        plan.close(save=False)


def _plan_data(path: Path, month: Month, sections: tuple[str, ...] = ("results",)):  # type: ignore[no-untyped-def]
    from smoplanner.report.month_plan import build_month_plan

    plan = PlanFile.open(path, lock="none")
    try:
        with plan.session() as s:
            return build_month_plan(s, month, sections)
    finally:
        plan.close(save=False)


def _percent(numerator: int, denominator: int) -> str:
    return f"{Decimal(numerator) / Decimal(denominator) * 100:.1f} %"


def _change(now: int, before: int) -> str:
    percent = ((Decimal(now) - Decimal(before)) / Decimal(before) * 100).quantize(Decimal(1))
    return f"{percent:+} %"


def test_the_demo_month_prints_its_kpis_with_the_reports_figures(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "december.pdf"
    assert run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(out))[0] == 0
    texts = _texts(out)
    pages = [i for i, t in enumerate(texts) if "Results: December 2026" in t]
    assert pages, "no Results page"
    budget = next(i for i, t in enumerate(texts) if "Budget: December 2026" in t)
    assert budget < pages[0] and "Notes for the meeting" in texts[-1] and pages[-1] < len(texts) - 1
    assert "In this plan: Calendar, Posts, Profiles, Engagement, Budget, Results, Notes." in texts[0]
    results = " ".join(" ".join(texts[i] for i in pages).split())  # a table's cells read as one row
    for _key, label, *_rest in KPI_DEFINITIONS:
        assert label in results
    now, before = _report(demo, Month(2026, 12)), _report(demo, Month(2026, 11))
    organic, paid = now["organic"], now["paid"]
    assert organic["reach"] and paid["spend"] != "0.00"  # the demo month has both to print
    expected = [
        f"Organic reach {organic['reach']:,} {before['organic']['reach']:,} "
        f"{_change(organic['reach'], before['organic']['reach'])}",
        f"Follower growth {organic['follower_growth']:+,} {before['organic']['follower_growth']:+,}",
        f"Engagement rate {_percent(organic['engagements'], organic['reach'])}",
        f"Website traffic {organic['clicks'] + paid['clicks']:,} "
        f"{before['organic']['clicks'] + before['paid']['clicks']:,}",
        f"Paid reach {paid['reach']:,} {before['paid']['reach']:,}",
        f"Ad spend {paid['spend']} EUR {before['paid']['spend']} EUR",
        f"CPC {paid['cpc']} EUR {before['paid']['cpc']} EUR",
        f"CPM {paid['cpm']} EUR {before['paid']['cpm']} EUR",
        f"CPA {paid['cpa']} EUR {before['paid']['cpa']} EUR",
        f"ROAS {paid['roas']:.2f} {before['paid']['roas']:.2f}",
    ]
    for row in expected:
        assert row in results
    assert "What worked" in results


def test_what_worked_names_the_top_posts_and_the_posts_behind_each_figure(demo: Path) -> None:
    from smoplanner.report.results import what_worked
    from smoplanner.store.posts import get_post

    data = _plan_data(demo, Month(2026, 12))
    assert data.results is not None
    lines = data.results.worked
    plan = PlanFile.open(demo, lock="none")
    try:
        with plan.session() as s:
            from zoneinfo import ZoneInfo

            tz = ZoneInfo("Europe/Berlin")
            worked = what_worked(s, tz, *Month(2026, 12).utc_span(tz))
            top = [get_post(s, p.post_id).title for p in worked.top_posts[:3] if p.post_id is not None]
    finally:
        plan.close(save=False)
    assert top and [line.text.split(" (")[0] for line in lines if line.topic == "Top post"] == top
    groups = {"Best weekday": worked.by_weekday, "Best hour": worked.by_hour, "Best platform": worked.by_platform}
    for topic, ranked in groups.items():
        best = next(g for g in ranked if g.rate is not None)
        line = next(x for x in lines if x.topic == topic)
        assert f"over {best.posts} post" in line.text
        assert line.thin == (best.posts < THIN_SAMPLE) == ("thin sample" in line.text)
    assert {line.thin for line in lines} == {True, False}  # the demo month has both, so both are shown


def test_the_chart_is_the_results_tabs_chart_drawn_as_vector_paths(
    demo: Path, tmp_path: Path, capsys, monkeypatch
) -> None:
    from smoplanner.report import results_chart

    drawn = []
    real = results_chart.build_results_figure

    def spy(figure, data, *, palette=results_chart.LIGHT):  # type: ignore[no-untyped-def]
        drawn.append((data, palette))
        return real(figure, data, palette=palette)

    monkeypatch.setattr(results_chart, "build_results_figure", spy)
    out = tmp_path / "results.pdf"
    assert run_cli(capsys, "print", str(demo), "--month", "2026-12", "-o", str(out), "--sections", "results")[0] == 0
    report = _report(demo, Month(2026, 12))
    [(data, palette)] = drawn
    assert palette is results_chart.LIGHT
    assert data.metric == "reach" and data.granularity == "day" and len(data.periods) == 31
    assert data.total_organic == report["organic"]["reach"] and data.total_paid == report["paid"]["reach"]
    assert f"{data.total_spend:.2f}" == report["paid"]["spend"]
    page = PdfReader(out).pages[0]
    text = _texts(out)[0]
    assert "Organic reach" in text and "Paid reach" in text and "Ad spend (EUR)" in text  # the legend, as text
    content = page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    ops = re.findall(r"\s(m|l|c|re|f|S|B)\n", content)
    assert ops.count("l") > 500 and ops.count("m") > 200 and ({"f", "S", "B"} & set(ops))
    assert _images(page["/Resources"]) == 0  # paths, not a picture: not even as a pattern's tile
    assert out.stat().st_size < 500_000  # (a pattern's tile as a picture made it megabytes)


def _images(resources) -> int:  # type: ignore[no-untyped-def]
    """The pictures a page's resources hold, also inside its patterns and forms."""
    found = 0
    resources = resources.get_object()
    for kind in ("/XObject", "/Pattern"):
        for item in resources.get(kind, {}).values():
            item = item.get_object()
            if item.get("/Subtype") == "/Image":
                found += 1
            if "/Resources" in item:
                found += _images(item["/Resources"])
    return found


def test_only_the_results_section_prints_when_asked(demo: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "results.pdf"
    code, stdout, err = run_cli(
        capsys, "print", str(demo), "--month", "2026-12", "-o", str(out), "--sections", "results"
    )
    assert (code, err) == (0, "")
    texts = _texts(out)
    assert f"({len(texts)} page" in stdout
    assert "Results: December 2026" in texts[0]
    others = ("Monthly plan for", "Calendar: December", "Posts: December", "Budget: December", "Notes for the")
    assert not any(other in text for other in others for text in texts)


def test_a_month_whose_previous_month_has_no_results_shows_a_dash_for_each_change(demo: Path) -> None:
    data = _plan_data(demo, Month(2026, 7))  # the demo's first month of results
    assert data.results is not None and data.results.data is not None
    assert {k.change for k in data.results.kpis} == {"–"}
    assert {k.previous for k in data.results.kpis} <= {"–", "0", "+0", "0.00 EUR"}
    reach = next(k for k in data.results.kpis if k.key == "organic_reach")
    assert reach.value == f"{_report(demo, Month(2026, 7))['organic']['reach']:,}"


def test_an_empty_plan_says_there_are_no_results_yet_and_how_to_import_them(tmp_path: Path, capsys) -> None:
    path = tmp_path / "empty.smoplan"
    new_plan(path).close()
    out = tmp_path / "empty.pdf"
    assert run_cli(capsys, "print", str(path), "--month", "2027-02", "-o", str(out), "--sections", "results")[0] == 0
    [text] = _texts(out)
    flat = " ".join(text.split())
    assert "No results for February 2027 yet." in flat
    assert "File ▸ Import Results..." in flat and "smoplanner import PLAN FILE --kind metrics" in flat
    assert "Organic reach" not in flat and "Change" not in flat  # no empty chart (its legend), no KPI table
    content = PdfReader(out).pages[0].get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]
    assert len(re.findall(r"\sl\n", content)) < 50  # the header and footer rules, not a chart


def test_a_transparent_figure_leaves_no_frame_and_hatching_stays_vector(qapp, tmp_path: Path) -> None:
    from matplotlib.figure import Figure
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QPainter, QPdfWriter

    from smoplanner.printing.figures import paint_figure

    def draw(figure: Figure) -> str:
        out = tmp_path / "figure.pdf"
        writer = QPdfWriter(str(out))
        painter = QPainter(writer)
        paint_figure(painter, figure, QRectF(0, 0, 4000, 2000))
        painter.end()
        del writer
        page = PdfReader(out).pages[0]
        assert _images(page["/Resources"]) == 0
        return page.get_contents().get_data().decode("latin-1")  # type: ignore[union-attr]

    empty = Figure(figsize=(4, 2))
    empty.add_subplot().set_axis_off()
    assert not re.findall(r"\s(f|S|B)\n", draw(empty))  # nothing to see: no outline of the figure or the axes
    hatched = Figure(figsize=(4, 2))
    axes = hatched.add_subplot()
    axes.set_axis_off()
    axes.bar([0], [1], width=1, hatch="//", color="#2e7d5b", edgecolor="none")
    axes.set_xlim(-0.5, 0.5)
    axes.set_ylim(0, 1)
    content = draw(hatched)
    lines = re.findall(r"\sl\n", content)
    assert len(lines) > 20  # the hatch's diagonals, each a path of its own clipped to the bar


def test_printed_hatching_stays_inside_each_bar(demo: Path) -> None:
    """A series of bars is one compound shape: its hatching is drawn bar by bar, never across the gaps between
    the bars nor over a day without results (a bar of no height)."""
    from dataclasses import replace

    from matplotlib.figure import Figure

    from smoplanner.printing.figures import _subpaths, figure_svg
    from smoplanner.report.results import load_results_source, results_data
    from smoplanner.report.results_chart import LIGHT, build_results_figure

    plan = PlanFile.open(demo, lock="none")
    try:
        with plan.session() as s:
            source = load_results_source(s)
    finally:
        plan.close(save=False)
    data = results_data(source, Month(2026, 10).first_day, Month(2026, 11).last_day, granularity="week")
    data = replace(data, campaigns=())  # only the bars are hatched
    assert 0 in data.paid  # a week without paid results: a bar of no height
    figure = Figure(figsize=(7, 3))
    build_results_figure(figure, data, palette=LIGHT)
    svg = figure_svg(figure).decode()
    shape_then_hatching = (
        r'<g[^>]*><path d="([^"]*)" style="fill: #[0-9a-f]+[^"]*"/>'  # a hatched shape's background
        r'((?:<path d="[^"]*" style="[^"]*"/>)*)</g>'  # then its hatching (and its outline)
    )
    shapes = re.findall(shape_then_hatching, svg)
    assert len(shapes) >= 2  # organic and paid
    inside = outside = 0
    for shape, hatching in shapes:
        boxes = []
        for _lines, points in _subpaths(shape):
            xs, ys = [x for x, _ in points], [y for _, y in points]
            boxes.append((min(xs), min(ys), max(xs), max(ys)))
        for path in re.findall(r'<path d="([^"]*)"', hatching):
            for _lines, points in _subpaths(path):
                (ax, ay), (bx, by) = points[0], points[-1]
                mx, my = (ax + bx) / 2, (ay + by) / 2
                if any(x0 - 0.01 <= mx <= x1 + 0.01 and y0 - 0.01 <= my <= y1 + 0.01 for x0, y0, x1, y1 in boxes):
                    inside += 1
                else:
                    outside += 1
    assert inside > 100 and outside == 0
