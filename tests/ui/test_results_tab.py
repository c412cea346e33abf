"""The Results tab: the chart draws the sample plan's results, the table matches it, KPIs, lazy matplotlib."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from smoplanner.store.demo import demo_settings, fill_demo
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.smoplan"
    PlanFile.create(path, demo_settings(), fill=fill_demo).close()
    return path


@pytest.fixture
def tab(qtbot, demo_path: Path):
    plan = PlanFile.open(demo_path, lock="none")
    tab = ResultsTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitUntil(lambda: tab.artists is not None and not tab.loading)
    yield tab
    qtbot.waitUntil(lambda: not tab.loading)
    tab.close()
    plan.close(save=False)


def bar_heights(container) -> list[int]:
    return [round(bar.get_height()) for bar in container]


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


def test_matplotlib_is_imported_only_when_the_tab_is_shown(demo_path: Path) -> None:
    script = f"""
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab
plan = PlanFile.open(Path({str(demo_path)!r}), lock="none")
tab = ResultsTab(PlanDocument(plan))
assert not any(m == "matplotlib" or m.startswith("matplotlib.") for m in sys.modules), "imported too early"
tab.show()
from smoplanner.ui.tasks import runner_for
runner_for(tab).wait_all()  # the plan is read on a worker
app.processEvents()
assert "matplotlib" in sys.modules and tab.artists is not None
plan.close(save=False)
print("ok")
"""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
