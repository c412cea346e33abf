"""The Results tab: the chart draws the sample plan's results, the table matches it, KPIs, lazy matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import demo_plan_file, shown_results_tab
from PySide6.QtCore import QPoint

from smoplanner.store.planfile import PlanFile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab
from smoplanner.ui.tasks import runner_for

ROOT = Path(__file__).resolve().parents[2]
GERMAN_DAYS = ("Mo.", "Di.", "Mi.", "Do.", "Fr.", "Sa.", "So.")
GERMAN_MONTHS = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")


def german_money(value: Decimal) -> str:
    """Euros as German writes them: 1.234,50 € (a no-break space before the sign)."""
    return f"{value:,.2f}".translate(str.maketrans(",.", ".,")) + "\xa0€"


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory)


@pytest.fixture
def tab(qtbot, demo_path: Path):
    with shown_results_tab(qtbot, demo_path) as tab:
        yield tab


def bar_heights(bars) -> list[int]:
    """The heights of the bars as the chart holds them (its rectangles' polygons)."""
    from smoplanner.report.results_chart import bar_heights as heights

    return [round(h) for h in heights(bars)]


def test_the_chart_draws_the_sample_plans_results(tab: ResultsTab) -> None:
    data = tab.data
    assert data is not None and data.total_organic > 0 and data.total_paid > 0
    assert bar_heights(tab.artists.organic) == list(data.organic)
    assert bar_heights(tab.artists.paid) == list(data.paid)
    # the bars hold the sample's whole organic reach and paid reach
    source = tab.source
    assert sum(bar_heights(tab.artists.organic)) == sum(d.reach for d in source.organic)
    assert sum(bar_heights(tab.artists.paid)) == sum(p.reach for p in source.paid)
    spend = tab.artists.spend.get_ydata()
    assert round(sum(spend), 2) == float(sum(p.spend_minor for p in source.paid)) / 100
    assert {c.name for c in data.campaigns} >= {"autumn_brunch", "winter_drinks"}


def test_a_campaign_lifts_organic_reach(tab: ResultsTab) -> None:
    tab.granularity_box.setCurrentIndex(tab.granularity_box.findData("day"))
    data = tab.data
    assert data is not None
    brunch = next(c for c in data.campaigns if c.name == "autumn_brunch")
    by_day = dict(zip(data.periods, data.organic, strict=True))
    during = [v for d, v in by_day.items() if brunch.start <= d <= brunch.end]
    before = [v for d, v in by_day.items() if d < brunch.start][-len(during) :]
    assert sum(during) / len(during) > 1.2 * sum(before) / len(before)


def test_changing_the_metric_redraws_and_the_table_matches(tab: ResultsTab) -> None:
    first = bar_heights(tab.artists.organic)
    tab.metric_box.setCurrentIndex(tab.metric_box.findData("clicks"))
    assert tab.data is not None and tab.data.metric == "clicks"
    clicks = bar_heights(tab.artists.organic)
    assert clicks != first and sum(clicks) == sum(d.clicks for d in tab.source.organic)
    model = tab.table_model
    assert model.rowCount() == len(tab.data.periods) == len(clicks)
    for row in range(model.rowCount()):
        assert model.index(row, 1).data() == f"{clicks[row]:,}"
        assert model.index(row, 2).data() == f"{bar_heights(tab.artists.paid)[row]:,}"


def test_a_platform_narrows_the_chart(tab: ResultsTab) -> None:
    tab.platform_box.setCurrentIndex(tab.platform_box.findData("tiktok"))
    assert tab.data is not None
    assert sum(tab.data.organic) == sum(d.reach for d in tab.source.organic if d.platform == "tiktok")


def test_kpis_show_a_dash_for_a_zero_denominator_and_the_formula(tab: ResultsTab) -> None:
    value, _ = tab.kpi_labels["engagement_rate"]
    assert value.text().endswith("%") and "Engagements ÷ organic reach" in value.toolTip()
    tab.platform_box.setCurrentIndex(tab.platform_box.findData("pinterest"))  # no results there
    assert tab.kpi_labels["engagement_rate"][0].text() == "–"
    assert tab.kpi_labels["cpc"][0].text() == "–"


def test_the_table_model_passes_the_model_tester(tab: ResultsTab, qtmodeltester) -> None:
    qtmodeltester.check(tab.table_model)


def run_script(script: str, *args: str) -> str:
    """Run ``script`` in a fresh Python (its own sys.modules), offscreen; its standard output."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, env=env, check=False, timeout=300
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_matplotlib_is_imported_off_the_gui_thread_only_when_the_tab_is_shown(demo_path: Path) -> None:
    script = f"""
import sys, threading
from pathlib import Path
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication
app = QApplication([])
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.chart_modules import chart_modules
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab
plan = PlanFile.open(Path({str(demo_path)!r}), lock="none")
tab = ResultsTab(PlanDocument(plan))
tab.resize(1100, 720)
assert not any(m == "matplotlib" or m.startswith("matplotlib.") for m in sys.modules), "imported too early"
tab.show()
# The tab is on the screen and says the chart is coming; matplotlib is imported by the loader's thread.
assert tab.chart_note.isVisible() and tab.chart_note.text() == "Drawing the chart…"
assert tab.canvas is None
while tab.artists is None or tab.loading:
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
assert "matplotlib" in sys.modules and not tab.chart_note.isVisible()
assert chart_modules().imported_on == "smoplanner-charts" != threading.current_thread().name
plan.close(save=False)
print("ok")
"""
    assert run_script(script) == "ok"


# --- what worked ------------------------------------------------------------------------------------------


def shown(model) -> list[tuple[str, ...]]:
    return [tuple(model.index(r, c).data() for c in range(model.columnCount())) for r in range(model.rowCount())]


def expected_worked(tab: ResultsTab):
    from zoneinfo import ZoneInfo

    from smoplanner.report.results import what_worked
    from smoplanner.store.settings import get_settings
    from smoplanner.ui.results.tab import day_span_utc

    with tab.document.plan.session() as s:
        settings = get_settings(s)
        tz = ZoneInfo(settings.timezone)
        names = {p.code: p.name for p in settings.platforms}
        return what_worked(s, tz, *day_span_utc(*tab.span(), tz)), names, tz


def test_what_worked_shows_what_the_report_computes(tab: ResultsTab) -> None:
    from smoplanner.core.results import THIN_SAMPLE

    tab.pages.setCurrentWidget(tab.worked_panel)
    worked, names, tz = expected_worked(tab)
    models = tab.worked_panel.models
    assert worked.top_posts and worked.by_pillar and worked.campaigns
    # the top posts, best first, each with its rate, engagements and audience
    rows = shown(models["top_posts"])
    assert len(rows) == len(worked.top_posts)
    with tab.document.plan.session() as s:
        from smoplanner.store.posts.tables import Post

        titles = {p.post_id: s.get(Post, p.post_id).title for p in worked.top_posts if p.post_id is not None}
    assert any(titles.values())  # the demo's top posts are matched to calendar posts: named by their titles

    # the demo plan is German: rates, counts, dates and money as de_DE writes them
    def german(value: Decimal | int) -> str:
        return f"{value:,}".replace(",", ".")

    def rate(value: Decimal) -> str:
        return f"{value * 100:.1f}".replace(".", ",") + "\xa0%"

    for row, post in zip(rows, worked.top_posts, strict=True):
        assert row[0] == (titles.get(post.post_id) or " ".join(post.text.split()) or post.permalink)
        assert row[1] == names.get(post.platform, post.platform)
        assert row[3] == rate(post.engagement_rate)
        assert (row[4], row[5]) == (german(post.engagements), german(post.audience))
        local = post.published_at.astimezone(tz)
        weekday, month = GERMAN_DAYS[local.weekday()], GERMAN_MONTHS[local.month - 1]
        assert row[2] == f"{weekday}, {local.day}. {month} {local.year}, {local:%H:%M}"
    # each breakdown: its groups in the same order, the rate and the number of posts behind it
    days = dict(zip(("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"), GERMAN_DAYS, strict=True))
    for key in ("by_pillar", "by_platform", "by_weekday", "by_hour"):
        groups = getattr(worked, key)
        rows = shown(models[key])
        labels = {"by_platform": names, "by_weekday": days}.get(key, {})
        assert [r[0] for r in rows] == [labels.get(g.key, g.key) for g in groups]
        for row, group in zip(rows, groups, strict=True):
            assert row[1] == ("–" if group.rate is None else rate(group.rate))
            assert row[2].split(" ")[0] == german(group.posts)
            assert row[2].endswith("few") == (group.posts < THIN_SAMPLE)
    # campaigns, cheapest result first, their money in euros as German writes them
    rows = shown(models["campaigns"])
    assert [r[0] for r in rows] == [c.name for c in worked.campaigns]
    assert [r[2] for r in rows] == [german(c.results) for c in worked.campaigns]
    assert [r[3] for r in rows] == ["–" if c.cost_per_result is None else german_money(c.cost_per_result)
                                    for c in worked.campaigns]  # fmt: skip


def test_thin_samples_are_marked_in_italics_with_a_tooltip(tab: ResultsTab) -> None:
    from PySide6.QtCore import Qt

    model = tab.worked_panel.models["by_hour"]
    thin = [r for r in range(model.rowCount()) if model.index(r, 2).data().endswith("few")]
    solid = [r for r in range(model.rowCount()) if r not in thin]
    assert thin and solid  # the demo's posts leave some hours with few posts
    for r in thin:
        assert model.index(r, 1).data(Qt.ItemDataRole.FontRole).italic()
        assert "too few" in model.index(r, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(solid[0], 1).data(Qt.ItemDataRole.FontRole) is None


def test_what_worked_follows_the_period(qtbot, tab: ResultsTab) -> None:
    everything = sum(g.posts for g in tab.worked_panel.worked.by_platform)
    tab.period_box.setCurrentIndex(tab.period_box.findData("month"))
    qtbot.waitUntil(lambda: not tab.loading)
    worked, _names, _tz = expected_worked(tab)
    assert sum(g.posts for g in worked.by_platform) < everything
    assert tab.worked_panel.worked == worked


def test_the_worked_models_pass_the_model_tester(tab: ResultsTab, qtmodeltester) -> None:
    for model in tab.worked_panel.models.values():
        qtmodeltester.check(model)


# --- reading on a worker, refreshing after changes -------------------------------------------------------------


@pytest.fixture
def editable_tab(qtbot, demo_path: Path, tmp_path: Path):
    plan = PlanFile.open(demo_path, lock="copy")  # an untitled copy: edits allowed, the demo file untouched
    tab = ResultsTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitUntil(lambda: tab.artists is not None and not tab.loading)
    yield tab
    runner_for(tab).wait_all()
    tab.close()
    plan.close(save=False)


def test_a_new_paid_result_redraws_the_chart_and_undo_takes_it_back(qtbot, editable_tab: ResultsTab) -> None:
    from smoplanner.core.budget import PaidResult
    from smoplanner.ui.budget.commands import SavePaidResultCommand

    tab = editable_tab
    failures: list[str] = []
    tab.document.edit_failed.connect(failures.append)

    before_paid = tab.data.total_paid
    before_source = tab.source
    day = tab.span()[1]
    result = PaidResult(day, day, "autumn_brunch", spend_minor=12_345, reach=4_321, platform="instagram")
    tab.document.push(SavePaidResultCommand(tab.document, result))
    assert not failures
    assert tab.loading  # read on a worker, not on the GUI thread
    qtbot.waitUntil(lambda: tab.source is not before_source and not tab.loading)
    assert tab.data.total_paid == before_paid + 4_321
    assert sum(bar_heights(tab.artists.paid)) == before_paid + 4_321
    reread = tab.source
    tab.document.undo_stack.undo()
    qtbot.waitUntil(lambda: tab.source is not reread and not tab.loading)
    assert tab.data.total_paid == before_paid


def test_changes_elsewhere_do_not_read_the_plan_again(qtbot, tab: ResultsTab) -> None:
    from smoplanner.ui.changes import Change

    tab.document.changed.emit(Change.ENGAGEMENT | Change.HASHTAGS)
    assert not tab.loading
    tab.document.changed.emit(Change.RESULTS)
    assert tab.loading
    qtbot.waitUntil(lambda: not tab.loading)


# --- look -------------------------------------------------------------------------------------------------


def icon_ink_lightness(toolbar) -> int:
    """The lightness of the most opaque pixel of the toolbar's Home icon (its ink)."""
    from PySide6.QtCore import QSize

    action = next(a for a in toolbar.actions() if a.text() == "Home")
    image = action.icon().pixmap(QSize(24, 24)).toImage()
    best = max(
        (image.pixelColor(x, y) for x in range(image.width()) for y in range(image.height())),
        key=lambda c: c.alpha(),
    )
    assert best.alpha() > 200
    return best.lightness()


def test_the_toolbar_icons_follow_the_palette(qtbot, tab: ResultsTab) -> None:
    from PySide6.QtGui import QColor, QPalette

    assert icon_ink_lightness(tab.toolbar) < 100  # dark ink on a light window
    dark = QPalette(tab.palette())
    dark.setColor(QPalette.ColorRole.Window, QColor("#2b2b2b"))
    dark.setColor(QPalette.ColorRole.WindowText, QColor("#e6e6e6"))
    tab.setPalette(dark)
    assert icon_ink_lightness(tab.toolbar) > 180  # light ink on a dark window
    # and the chart follows too
    assert tab.figure.get_facecolor()[0] < 0.3


def test_the_numbers_table_shows_its_last_column_whole(qtbot, tab: ResultsTab) -> None:
    table = tab.table
    header = table.horizontalHeader()
    last = tab.table_model.columnCount() - 1

    def fits() -> bool:
        return header.sectionViewportPosition(last) + header.sectionSize(last) <= table.viewport().width()

    qtbot.waitUntil(fits)
    assert header.sectionSize(last) >= header.sectionSizeHint(last)


def test_a_column_is_measured_on_its_widest_row_as_wide_as_on_every_row(qtbot, tab: ResultsTab) -> None:
    """The table measures a column on its longest text alone (a redraw of three years of days stays quick);
    that is never narrower than Qt's own measure over every row."""
    from PySide6.QtWidgets import QTableView

    tab.granularity_box.setCurrentIndex(tab.granularity_box.findData("day"))
    model, table = tab.table_model, tab.table
    assert model.rowCount() > 150
    table.horizontalHeader().setResizeContentsPrecision(-1)  # Qt's measure looks at every row
    for column in (1, 2, 3):
        texts = [model.text(row, column) for row in range(model.rowCount())]
        assert len(texts[model.widest_row(column)]) == max(map(len, texts))
        assert table.sizeHintForColumn(column) >= QTableView.sizeHintForColumn(table, column) > 0


# --- the chart's parts -----------------------------------------------------------------------------------


def _grey(colour) -> float:  # type: ignore[no-untyped-def]
    red, green, blue = colour[:3]
    return 255 * (0.299 * red + 0.587 * green + 0.114 * blue)


def test_organic_and_paid_differ_in_hatching_and_in_grey(qtbot, tab: ResultsTab) -> None:
    """Readable in black and white: organic and paid bars are hatched differently where the bars are wide
    enough, and their colours stay far apart in grey everywhere (thin bars carry no hatching)."""
    from matplotlib.colors import to_rgba

    from smoplanner.report.results_chart import DARK, LIGHT

    assert (tab.artists.organic.get_hatch(), tab.artists.paid.get_hatch()) == ("//", "xx")
    for palette in (LIGHT, DARK):
        assert abs(_grey(to_rgba(palette.organic)) - _grey(to_rgba(palette.paid))) >= 50
    tab.granularity_box.setCurrentIndex(tab.granularity_box.findData("day"))
    assert len(tab.data.periods) > 120 and not tab.artists.organic.get_hatch()
    organic, paid = tab.artists.organic.get_facecolor(), tab.artists.paid.get_facecolor()
    assert abs(_grey(organic) - _grey(paid)) >= 50


def test_spend_is_a_line_on_a_second_axis_sharing_the_dates(tab: ResultsTab) -> None:
    artists = tab.artists
    assert artists.spend.axes is artists.spend_axes is not artists.axes
    assert artists.spend_axes.get_xlim() == artists.axes.get_xlim()
    assert artists.spend_axes.get_ylabel() == "Ad spend (EUR)" and artists.axes.get_ylabel() == "Reach"
    assert [round(v, 2) for v in artists.spend.get_ydata()] == [float(v) for v in tab.data.spend]


def test_each_campaign_is_shaded_over_its_days_and_labelled(tab: ResultsTab) -> None:
    from matplotlib.dates import date2num
    from matplotlib.patches import Polygon, Rectangle
    from matplotlib.text import Text

    chart, data = tab.chart, tab.data
    assert data.campaigns
    shades = [a for a in chart.campaign_artists if isinstance(a, Polygon | Rectangle)]
    labels = [a for a in chart.campaign_artists if isinstance(a, Text)]
    assert [label.get_text().strip() for label in labels] == [c.name for c in data.campaigns]
    for shade, campaign in zip(shades, data.campaigns, strict=True):
        xs = [x for x, _y in shade.get_xy()] if isinstance(shade, Polygon) else [shade.get_x()]
        assert min(xs) == date2num(max(campaign.start, data.start))


def test_hovering_a_bar_shows_its_period_and_values(qtbot, tab: ResultsTab) -> None:
    from matplotlib.dates import date2num

    tab.canvas.draw()
    data, row = tab.data, len(tab.data.periods) // 2
    first, last = data.periods[row], data.period_end(row)
    x = (date2num(first) + date2num(last) + 1) / 2
    px, py = tab.artists.axes.transData.transform((x, data.organic[row] / 2))
    ratio = tab.canvas.device_pixel_ratio
    qtbot.mouseMove(tab.canvas, QPoint(round(px / ratio), round(tab.canvas.height() - py / ratio)))
    qtbot.waitUntil(lambda: tab.canvas.toolTip() != "")
    tip = tab.canvas.toolTip().splitlines()
    assert tip[0] == data.period_label(row, tab.fmt.code)
    assert tip[1] == f"Organic: {tab.fmt.number(data.organic[row])}" and tip[2].startswith("Paid: ")


def test_the_toolbar_zooms_back_home_and_saves_png_svg_and_pdf(qtbot, tab: ResultsTab, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    toolbar, axes = tab.toolbar, tab.artists.axes
    assert {"png", "svg", "pdf"} <= set(tab.canvas.get_supported_filetypes())
    home = axes.get_xlim()
    toolbar.zoom()
    assert toolbar.mode.name == "ZOOM"
    toolbar.push_current()
    axes.set_xlim(home[0] + 10, home[0] + 40)  # as a dragged zoom rectangle sets it
    toolbar.push_current()
    toolbar.home()
    assert axes.get_xlim() == home
    toolbar.zoom()  # off again
    for suffix, magic in (("png", b"\x89PNG"), ("svg", b"<?xml"), ("pdf", b"%PDF")):
        path = tmp_path / f"chart.{suffix}"
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args, path=path, **kw: (str(path), ""))
        toolbar.save_figure()
        assert path.read_bytes().startswith(magic)


def test_a_plan_without_results_says_how_to_bring_them_in(qtbot, tmp_path) -> None:
    from helpers import make_plan_file

    with shown_results_tab(qtbot, make_plan_file(tmp_path / "new.smoplan")) as tab:
        assert tab.empty_label.isVisible()
        assert "Enter results" in tab.empty_label.text() and "File ▸ Import Results…" in tab.empty_label.text()
        assert tab.data is not None and tab.data.total_organic == tab.data.total_paid == 0
