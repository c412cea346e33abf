"""The Results tab in the plan's locale: its KPIs, numbers table, period labels and chart axes follow a
de_DE plan (1.234, 1.234,50 €, German month names) and an en_US plan (1,234, €1,234.50, English months)."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from helpers import demo_plan_file, shown_results_tab

from smoplanner.ui.results.tab import ResultsTab

GERMAN_MONTHS = ("Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez.")
ENGLISH_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def german(value: int | Decimal, places: int = 0) -> str:
    return f"{value:,.{places}f}".translate(str.maketrans(",.", ".,"))


@pytest.fixture(scope="module", params=["de_DE", "en_US"])
def plan_path(request, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory, request.param)


@pytest.fixture
def tab(qtbot, plan_path: Path):
    with shown_results_tab(qtbot, plan_path) as tab:
        yield tab


def _locale(tab: ResultsTab) -> str:
    with tab.document.plan.session() as s:
        from smoplanner.store.settings import get_settings

        return get_settings(s).locale


def _kpi(tab: ResultsTab, key: str) -> str:
    return tab.kpi_labels[key][0].text()


def test_kpis_follow_the_plans_locale(tab: ResultsTab) -> None:
    assert tab.data is not None
    values = {k.key: k.value for k in tab.data.kpis}
    reach, spend, rate = values["organic_reach"], values["spend"], values["engagement_rate"]
    assert isinstance(reach, int) and reach >= 1000  # the demo's reach needs a thousands mark
    assert isinstance(spend, Decimal) and spend > 0 and isinstance(rate, Decimal)
    if _locale(tab) == "de_DE":
        assert _kpi(tab, "organic_reach") == german(reach)
        assert _kpi(tab, "spend") == f"{german(spend, 2)}\xa0€"
        assert _kpi(tab, "engagement_rate") == f"{german(rate * 100, 1)}\xa0%"
    else:
        assert _kpi(tab, "organic_reach") == f"{reach:,}"
        assert _kpi(tab, "spend") == f"€{spend:,.2f}"
        assert _kpi(tab, "engagement_rate") == f"{rate * 100:.1f}%"
    roas = values["roas"]
    if roas is not None:
        assert _kpi(tab, "roas") == (german(roas, 2) if _locale(tab) == "de_DE" else f"{roas:,.2f}")


def test_the_numbers_table_and_its_periods_follow_the_plans_locale(tab: ResultsTab) -> None:
    model = tab.table_model
    data = tab.data
    assert data is not None and model.rowCount() > 3
    german_plan = _locale(tab) == "de_DE"
    big = max(range(model.rowCount()), key=lambda r: data.organic[r])
    assert data.organic[big] >= 1000
    organic = model.index(big, 1).data()
    assert organic == (german(data.organic[big]) if german_plan else f"{data.organic[big]:,}")
    spent = max(range(model.rowCount()), key=lambda r: data.spend[r])
    assert model.index(spent, 3).data() == (
        german(data.spend[spent], 2) if german_plan else f"{data.spend[spent]:,.2f}"
    )
    first = data.periods[0]
    months = GERMAN_MONTHS if german_plan else ENGLISH_MONTHS
    week = model.index(0, 0).data()  # the tab opens by week
    assert data.granularity == "week"
    if german_plan:
        assert week == f"Week of {first.day}. {months[first.month - 1]} {first.year}"
    else:
        assert week == f"Week of {months[first.month - 1]} {first.day}, {first.year}"
    tab.granularity_box.setCurrentIndex(tab.granularity_box.findData("month"))
    labels = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert labels == [f"{months[d.month - 1]} {d.year}" for d in tab.data.periods]


def test_the_chart_axes_follow_the_plans_locale(tab: ResultsTab) -> None:
    german_plan = _locale(tab) == "de_DE"
    tab.granularity_box.setCurrentIndex(tab.granularity_box.findData("month"))
    tab.canvas.draw()
    ax = tab.artists.axes
    ticks = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert ticks
    names = GERMAN_MONTHS if german_plan else ENGLISH_MONTHS
    assert all(any(name in t for name in names) for t in ticks), ticks
    counts = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    big = [t for t in counts if len(t.replace(".", "").replace(",", "")) >= 4]
    assert big, counts  # the demo's counts reach the thousands
    assert all(("." in t) == german_plan and ("," in t) != german_plan for t in big), counts


def test_the_period_labels_keep_their_english_default() -> None:
    from smoplanner.report.results import ResultsData

    data = ResultsData("reach", "week", date(2026, 6, 29), date(2026, 7, 5), (), (date(2026, 6, 29),), (1,), (0,),
                       (Decimal(0),), (), (), "EUR")  # fmt: skip
    assert data.period_label(0) == "Week of 29 Jun 2026"
    assert data.period_label(0, "de_DE") == "Week of 29. Juni 2026"
    month = dataclasses.replace(data, granularity="month")
    assert (month.period_label(0), month.period_label(0, "de_DE")) == ("Jun 2026", "Juni 2026")
    day = dataclasses.replace(data, granularity="day")
    assert (day.period_label(0), day.period_label(0, "de_DE")) == ("Mon 29 Jun 2026", "Mo., 29. Juni 2026")
