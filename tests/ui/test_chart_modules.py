"""matplotlib's loader: it imports on a thread of its own, calls back on the GUI thread, reports a failure
instead of raising it there, and is the only thread that imports even when a worker asks for the modules too."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from helpers import demo_plan_file
from PySide6.QtCore import QObject

from smoplanner.store.planfile import PlanFile
from smoplanner.ui import chart_modules as chart_modules_module
from smoplanner.ui.chart_modules import ChartModules

PROBE = """
import threading
import probe_registry
probe_registry.imported_on.append(threading.current_thread().name)
probe_registry.release.wait(60)
"""


@pytest.fixture
def probe(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A module whose import notes the thread it ran on and waits until the test releases it."""
    (tmp_path / "probe_registry.py").write_text("import threading\nimported_on = []\nrelease = threading.Event()\n")
    name = f"chart_probe_{abs(hash(tmp_path))}"
    (tmp_path / f"{name}.py").write_text(PROBE)
    monkeypatch.syspath_prepend(str(tmp_path))
    import probe_registry

    yield name, probe_registry
    probe_registry.release.set()
    for module in (name, "probe_registry"):
        sys.modules.pop(module, None)


class Receiver(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[str] = []

    def ready(self) -> None:
        self.calls.append(threading.current_thread().name)


def test_the_modules_are_imported_on_the_loaders_thread_and_the_call_back_comes_on_the_gui_thread(qtbot, probe):
    name, registry = probe
    loader = ChartModules((name,))
    receiver = Receiver()
    loader.when_ready(receiver.ready)
    assert receiver.calls == [] and not loader.loaded  # the GUI thread goes on meanwhile
    registry.release.set()
    qtbot.waitUntil(lambda: receiver.calls != [])
    assert registry.imported_on == ["smoplanner-charts"]
    assert receiver.calls == [threading.current_thread().name]
    assert loader.loaded and loader.error is None and name in sys.modules
    again = Receiver()
    loader.when_ready(again.ready)  # once loaded, at once
    assert again.calls == [threading.current_thread().name]


def test_only_the_loader_imports_when_a_worker_needs_the_modules_too(qtbot, probe):
    name, registry = probe
    loader = ChartModules((name,))
    loader.start()
    waited: list[bool] = []
    worker = threading.Thread(target=lambda: (loader.ensure_loaded(), waited.append(name in sys.modules)))
    worker.start()
    registry.release.set()
    worker.join(60)
    assert waited == [True]
    assert registry.imported_on == ["smoplanner-charts"]  # once, and not on the worker
    qtbot.waitUntil(lambda: loader.loaded)


def test_a_worker_asking_first_starts_the_loader_and_waits_for_it(qtbot, probe):
    name, registry = probe
    loader = ChartModules((name,))
    registry.release.set()
    worker = threading.Thread(target=loader.ensure_loaded)
    worker.start()
    worker.join(60)
    assert registry.imported_on == ["smoplanner-charts"] and name in sys.modules


def test_a_failed_import_is_reported_on_the_gui_thread_and_raised_to_a_worker(qtbot):
    loader = ChartModules(("smoplanner_no_such_module",))
    receiver = Receiver()
    loader.when_ready(receiver.ready)
    qtbot.waitUntil(lambda: receiver.calls != [])
    assert isinstance(loader.error, ModuleNotFoundError) and not loader.loaded
    with pytest.raises(ModuleNotFoundError):
        loader.ensure_loaded()


@pytest.fixture(scope="module")
def demo_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_plan_file(tmp_path_factory)


def test_without_matplotlib_the_results_tab_says_so_and_still_shows_its_numbers(qtbot, demo_path, monkeypatch):
    failing = ChartModules(("smoplanner_no_such_module",))
    monkeypatch.setattr("smoplanner.ui.results.tab.chart_modules", lambda: failing)
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.results.tab import ResultsTab
    from smoplanner.ui.tasks import runner_for

    plan = PlanFile.open(demo_path, lock="none")
    tab = ResultsTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: failing.error is not None and not tab.loading)
    qtbot.waitUntil(lambda: tab.chart_note.text().startswith("The chart could not be drawn:"))
    assert "smoplanner_no_such_module" in tab.chart_note.text()
    assert tab.canvas is None and tab.table_model.rowCount() > 0
    assert tab.kpi_labels["organic_reach"][0].text() not in ("", "–")
    runner_for(tab).wait_all()
    tab.close()
    plan.close(save=False)


def test_the_application_has_one_loader_that_lives_on_the_gui_thread(qapp):
    from PySide6.QtCore import QThread

    holder: list[ChartModules] = []
    made_on_a_worker = threading.Thread(target=lambda: holder.append(chart_modules_module.chart_modules()))
    previous = chart_modules_module._instance
    chart_modules_module._instance = None
    try:
        made_on_a_worker.start()
        made_on_a_worker.join(60)
        assert holder[0] is chart_modules_module.chart_modules()
        assert holder[0].thread() is qapp.thread() is QThread.currentThread()
    finally:
        chart_modules_module._instance = previous


@pytest.mark.parametrize("loader_kind", ["still importing", "failed"])
def test_the_tab_keeps_up_with_changes_before_its_chart_exists(qtbot, demo_path, monkeypatch, probe, loader_kind):
    from smoplanner.ui.changes import Change
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.results.tab import ResultsTab
    from smoplanner.ui.tasks import runner_for

    name, registry = probe
    loader = ChartModules((name,) if loader_kind == "still importing" else ("smoplanner_no_such_module",))
    monkeypatch.setattr("smoplanner.ui.results.tab.chart_modules", lambda: loader)
    plan = PlanFile.open(demo_path, lock="none")
    document = PlanDocument(plan)
    tab = ResultsTab(document)
    qtbot.addWidget(tab)
    tab.show()
    qtbot.waitUntil(lambda: tab.source is not None and not tab.loading)
    first = tab.source
    assert tab.canvas is None
    document.changed.emit(Change.RESULTS)  # e.g. File ▸ Import Results… has just written
    assert tab.loading  # read again, though the chart is not there yet
    qtbot.waitUntil(lambda: not tab.loading)
    assert tab.source is not first
    registry.release.set()
    qtbot.waitUntil(lambda: loader.loaded or loader.error is not None)  # its end heard before the tab goes
    runner_for(tab).wait_all()
    tab.close()
    plan.close(save=False)
