"""Timings of the Results tab on three years of daily results for six platforms: the first chart (matplotlib's
import, reading the plan and drawing, in a fresh process, as when the tab is first shown) and a redraw after a
change of metric (targets: 500 ms and 100 ms). Run: QT_QPA_PLATFORM=offscreen python benchmarks/results_chart.py"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
PLATFORMS = ("instagram", "facebook", "x", "tiktok", "linkedin", "youtube")
ROOT = Path(__file__).resolve().parents[1]


def make_plan(path: Path) -> None:
    from smoplanner.core.budget import PaidResult
    from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
    from smoplanner.core.results import OrganicDay
    from smoplanner.store.budget import import_paid_results
    from smoplanner.store.planfile import PlanFile
    from smoplanner.store.results import import_organic

    settings = PlanSettingsData(
        business_name="Bench", currency="EUR", timezone="Europe/Berlin", locale="de_DE",
        platforms=tuple(platform_entry(code) for code in PLATFORMS),
    )  # fmt: skip
    first = date.today() - timedelta(days=3 * 365)

    def fill(session: object) -> None:
        days = [
            OrganicDay(
                first + timedelta(days=i),
                code,
                followers=1000 + i,
                reach=500 + i % 97,
                impressions=700 + i,
                engagements=20 + i % 13,
                clicks=5 + i % 7,
            )
            for i in range(3 * 365)
            for code in PLATFORMS
        ]
        import_organic(session, days)  # type: ignore[arg-type]
        paid = [
            PaidResult(
                first + timedelta(days=i),
                first + timedelta(days=i),
                f"c{i // 60}",
                spend_minor=1000 + i,
                impressions=900,
                reach=700,
                link_clicks=9,
                results=1,
                platform="instagram",
            )
            for i in range(0, 3 * 365, 2)
        ]
        import_paid_results(session, paid)  # type: ignore[arg-type]

    PlanFile.create(path, settings, fill=fill).close()


FIRST_DRAW = """
import sys, time
from pathlib import Path
from PySide6.QtWidgets import QApplication
app = QApplication([])
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab
from smoplanner.ui.tasks import runner_for
plan = PlanFile.open(Path(sys.argv[1]), lock="none")
tab = ResultsTab(PlanDocument(plan))
tab.resize(1366, 768)
started = time.perf_counter()
tab.show()  # starts reading the plan on a worker, imports matplotlib meanwhile
runner_for(tab).wait_all()
tab.canvas.draw()
app.processEvents()
first = time.perf_counter() - started


def timed(box, values):
    out = []
    for value in values:
        started = time.perf_counter()
        box.setCurrentIndex(box.findData(value))
        tab.canvas.draw()
        out.append(time.perf_counter() - started)
        runner_for(tab).wait_all()  # a change of period reads what worked again, on a worker
    return sorted(out)[len(out) // 2] * 1000


metric = timed(tab.metric_box, ("clicks", "impressions", "reach", "engagements", "conversions") * 4)
period = timed(tab.period_box, ("year", "month", "quarter", "all") * 3)
granularity = timed(tab.granularity_box, ("day", "month", "week") * 3)
print(f"{first * 1000:.0f} {metric:.0f} {period:.0f} {granularity:.0f} {len(tab.data.periods)}")
plan.close(save=False)
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.smoplan"
        make_plan(path)
        runs: list[list[int]] = []
        for _ in range(3):
            env = {**os.environ, "PYTHONPATH": str(ROOT)}
            out = subprocess.run([sys.executable, "-c", FIRST_DRAW, str(path)], capture_output=True, text=True,
                                 env=env, check=True).stdout.split()  # fmt: skip
            runs.append([int(v) for v in out[:4]])
        first, metric, period, granularity = (statistics.median(r[i] for r in runs) for i in range(4))
        print(f"first chart (matplotlib import, read, draw; {out[4]} weekly bars): median {first} ms")
        print(f"redraw after a change of metric: median {metric} ms")
        print(f"redraw after a change of period: median {period} ms")
        print(f"redraw after a change of granularity (day: 1,095 bars): median {granularity} ms")
        started = time.perf_counter()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        subprocess.run([sys.executable, "-c", IMPORT_ONLY], env=env, check=True)
        print(f"(matplotlib's import alone, in a fresh process: {(time.perf_counter() - started) * 1000:.0f} ms "
              f"with the interpreter's start)")  # fmt: skip


IMPORT_ONLY = "import matplotlib.figure, matplotlib.backends.backend_qtagg, matplotlib.dates"


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(ran in {time.perf_counter() - started:.1f} s)")
