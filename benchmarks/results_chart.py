"""Timings of the Results tab on three years of daily results for six platforms, each run in a fresh process:

- the first chart (reading the plan and drawing it) when the tab is opened after the window's warm-up has
  imported matplotlib (two seconds after a plan is shown), and when it is opened before that (matplotlib is
  then imported on its own thread meanwhile), with the GUI thread's longest stall in each;
- a redraw after a change of metric, period or granularity.

Targets: first chart 500 ms, redraw 100 ms. Run: QT_QPA_PLATFORM=offscreen python benchmarks/results_chart.py"""

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
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from smoplanner.store.planfile import PlanFile
from smoplanner.ui.chart_modules import chart_modules
from smoplanner.ui.document import PlanDocument
from smoplanner.ui.results.tab import ResultsTab
from smoplanner.ui.tasks import runner_for
plan = PlanFile.open(Path(sys.argv[1]), lock="none")
tab = ResultsTab(PlanDocument(plan))
tab.resize(1366, 768)


def stalls():  # a 5 ms timer on the GUI thread, noting when it fires; longest(): the longest gap between two
    ticks = [time.perf_counter()]
    timer = QTimer(interval=5)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    return timer, lambda: max(b - a for a, b in zip(ticks, ticks[1:] + [time.perf_counter()]))


warm_up_stall = 0.0
if sys.argv[2] == "warm":  # the window's warm-up has run (two seconds after the plan was shown)
    timer, longest = stalls()
    chart_modules().start()
    while not chart_modules().loaded:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    timer.stop()
    warm_up_stall = longest()
# Each time the canvas has drawn the figure (as the window does: on its idle draw after a change).
draws = []
make_canvas = ResultsTab._make_canvas


def watched(self):
    make_canvas(self)
    self.canvas.mpl_connect("draw_event", lambda _event: draws.append(time.perf_counter()))


ResultsTab._make_canvas = watched


def until_drawn(count):
    while len(draws) < count:
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    app.processEvents()  # and painted on the screen


# The GUI thread's longest stall while the first chart comes.
timer, longest = stalls()
started = time.perf_counter()
tab.show()  # a worker reads the plan; matplotlib is imported on the loader's thread unless it is in
until_drawn(1)
first = time.perf_counter() - started
assert tab.artists is not None and len(draws) == 1, "the first chart is drawn once, with its data"
timer.stop()
stall = longest()


def timed(box, values):
    out = []
    for value in values:
        started = time.perf_counter()
        box.setCurrentIndex(box.findData(value))
        until_drawn(len(draws) + 1)
        out.append(time.perf_counter() - started)
        runner_for(tab).wait_all()  # a change of period reads what worked again, on a worker
    return sorted(out)[len(out) // 2] * 1000


metric = timed(tab.metric_box, ("clicks", "impressions", "reach", "engagements", "conversions") * 4)
period = timed(tab.period_box, ("year", "month", "quarter", "all") * 3)
granularity = timed(tab.granularity_box, ("day", "month", "week") * 3)
print(f"{first * 1000:.0f} {stall * 1000:.0f} {metric:.0f} {period:.0f} {granularity:.0f} {warm_up_stall * 1000:.0f} "
      f"{len(tab.data.periods)}")  # fmt: skip
plan.close(save=False)
"""


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.smoplan"
        make_plan(path)
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        figures: dict[str, list[list[int]]] = {"warm": [], "cold": []}
        for _ in range(5):
            for mode in figures:
                out = subprocess.run([sys.executable, "-c", FIRST_DRAW, str(path), mode], capture_output=True,
                                     text=True, env=env, check=True).stdout.split()  # fmt: skip
                figures[mode].append([int(v) for v in out[:6]])
        warm, cold = ([statistics.median(r[i] for r in figures[m]) for i in range(6)] for m in ("warm", "cold"))
        print(f"the warm-up (matplotlib imported on its thread while the window is idle): GUI thread's longest"
              f" stall {warm[5]} ms")  # fmt: skip
        print(f"first chart after the window's warm-up (read, draw; {out[6]} weekly bars): median {warm[0]} ms,"
              f" GUI thread's longest stall {warm[1]} ms")  # fmt: skip
        print(f"first chart before the warm-up (matplotlib's import on its thread, read, draw): median {cold[0]} ms,"
              f" GUI thread's longest stall {cold[1]} ms")  # fmt: skip
        runs = figures["warm"] + figures["cold"]
        metric, period, granularity = (statistics.median(r[i] for r in runs) for i in (2, 3, 4))
        print(f"redraw after a change of metric: median {metric} ms")
        print(f"redraw after a change of period: median {period} ms")
        print(f"redraw after a change of granularity (day: 1,095 bars): median {granularity} ms")
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", IMPORT_ONLY], env=env, check=True)
        print(f"(matplotlib's import alone, in a fresh process: {(time.perf_counter() - started) * 1000:.0f} ms "
              f"with the interpreter's start)")  # fmt: skip


IMPORT_ONLY = "import matplotlib.figure, matplotlib.backends.backend_qtagg, matplotlib.dates"


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"(ran in {time.perf_counter() - started:.1f} s)")
