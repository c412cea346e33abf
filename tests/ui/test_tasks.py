"""The task runner: work off the GUI thread with progress, cancel, errors, one writer at a time; and the window
staying responsive while a big import runs and a plan with large pictures saves."""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import make_plan_file
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QPushButton

from smoplanner.store import posts as store
from smoplanner.store.planfile import PlanFile
from smoplanner.store.profiles import Image
from smoplanner.store.settings import get_settings
from smoplanner.ui import dialogs
from smoplanner.ui.calendar import asks
from smoplanner.ui.calendar.transfer import ImportDialog
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.tasks import Cancelled, Task, TaskBusyError, TaskRunner

ROWS = 20_000


def big_posts_csv(path: Path, rows: int = ROWS) -> Path:
    lines = ["date,time,title,text,platforms,status"]
    for i in range(rows):
        day, month, minute = 1 + i % 28, 1 + (i // 28) % 12, (i * 7) % 60
        when = f"2027-{month:02d}-{day:02d},{8 + i % 10:02d}:{minute:02d}"
        lines.append(f"{when},Post {i},Text of post {i},instagram,draft")
    path.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return path


class Ticker:
    """A timer on the GUI thread that counts how often the event loop got to run it."""

    def __init__(self) -> None:
        self.count = 0
        self.timer = QTimer()
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        self.count += 1

    def __enter__(self) -> Ticker:
        self.timer.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.timer.stop()


@pytest.fixture
def told(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(dialogs, "show_info", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(asks, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    monkeypatch.setattr(asks, "show_info", lambda _p, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def window(qtbot, told: list[str], tmp_path: Path):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert win.open_plan(make_plan_file(tmp_path / "bakery.smoplan"))
    yield win
    win.close_plan()


def _post_count(win: MainWindow) -> int:
    assert win.document is not None
    with win.document.plan.session() as s:
        return store.count_posts(s)


def _accept_when_read(qtbot) -> Callable[[ImportDialog], bool]:
    def accept(dialog: ImportDialog) -> bool:
        qtbot.waitUntil(lambda: dialog.preview is not None, timeout=60_000)
        return dialog.import_button.isEnabled()

    return accept


# -- the runner -------------------------------------------------------------------------------


def test_the_result_and_progress_come_back_on_the_gui_thread(qtbot) -> None:
    runner = TaskRunner()
    gui_thread = threading.get_ident()
    worker_threads: list[int] = []

    def work(progress: Callable[..., None]) -> int:
        worker_threads.append(threading.get_ident())
        for i in range(1, 4):
            progress(i, 3, f"step {i}")
        return 42

    task = Task("Count", work)
    seen: list[tuple[int, int, str]] = []
    task.progress_changed.connect(lambda done, total, text: seen.append((done, total, text)))
    with qtbot.waitSignal(task.succeeded, timeout=10_000) as blocker:
        runner.start(task)
    assert blocker.args == [42]
    assert task.result == 42 and task.outcome == "ok"
    assert seen == [(1, 3, "step 1"), (2, 3, "step 2"), (3, 3, "step 3")]
    assert worker_threads and worker_threads[0] != gui_thread
    assert runner.running == []


def test_an_error_in_the_work_is_reported_not_raised(qtbot) -> None:
    runner = TaskRunner()

    def work(_progress: Callable[..., None]) -> None:
        raise ValueError("the file is not what it seems")

    task = Task("Fail", work)
    with qtbot.waitSignal(task.failed, timeout=10_000) as blocker:
        runner.start(task)
    assert isinstance(blocker.args[0], ValueError)
    assert task.outcome == "error" and str(task.error) == "the file is not what it seems"


def test_cancel_stops_the_work_at_its_next_progress_report(qtbot) -> None:
    runner = TaskRunner()
    begun = threading.Event()
    go_on = threading.Event()
    reached: list[int] = []

    def work(progress: Callable[..., None]) -> None:
        begun.set()
        go_on.wait(10)
        for i in range(100):
            progress(i, 100)
            reached.append(i)

    task = Task("Long", work)
    runner.start(task)
    begun.wait(10)
    task.cancel()
    go_on.set()
    with qtbot.waitSignal(task.cancelled, timeout=10_000):
        pass
    assert task.outcome == "cancelled" and reached == []


def test_only_one_writer_runs_at_a_time(qtbot) -> None:
    runner = TaskRunner()
    release = threading.Event()
    writer = Task("Import", lambda _p: release.wait(10), writes=True)
    runner.start(writer)
    assert runner.writer is writer
    with pytest.raises(TaskBusyError, match="Import"):
        runner.start(Task("Another import", lambda _p: None, writes=True))
    reader = Task("Read", lambda _p: "read")  # a task that only reads may run meanwhile
    with qtbot.waitSignal(reader.succeeded, timeout=10_000):
        runner.start(reader)
    release.set()
    with qtbot.waitSignal(writer.finished, timeout=10_000):
        pass
    after = Task("Next import", lambda _p: "done", writes=True)
    with qtbot.waitSignal(after.succeeded, timeout=10_000):
        runner.start(after)


def test_cancelled_is_raised_by_progress_once_cancelled() -> None:
    task = Task("Any", lambda _p: None)
    task.progress(1, 2)
    task.cancel()
    with pytest.raises(Cancelled):
        task.progress(2, 2)


# -- the window -------------------------------------------------------------------------------


def test_a_big_import_shows_progress_to_100_percent_and_the_window_stays_responsive(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    path = big_posts_csv(tmp_path / "many.csv")
    monkeypatch.setattr(asks, "ask_import_path", lambda _p: path)
    monkeypatch.setattr(asks, "ask_import", _accept_when_read(qtbot))
    progress: list[tuple[int, int]] = []
    ticks_while_importing: list[int] = []
    ticker = Ticker()

    def started(task: Task) -> None:
        start = ticker.count
        task.progress_changed.connect(lambda done, total, _text: progress.append((done, total)))
        task.finished.connect(lambda: ticks_while_importing.append(ticker.count - start))

    window.tasks.started.connect(started)
    with ticker:
        window.area_actions["import_posts"].trigger()
    assert _post_count(window) == ROWS
    assert progress[-1] == (ROWS, ROWS)
    assert len(progress) > 10, "the bar moves as the rows go in"
    assert ticks_while_importing[0] >= 3, "the GUI thread kept processing events during the import"
    assert told[-1].startswith(f"Import Finished: {ROWS} new")
    window.undo_action.trigger()
    assert _post_count(window) == 0


def test_cancelling_a_big_import_leaves_the_plan_unchanged(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    small = big_posts_csv(tmp_path / "few.csv", rows=3)
    monkeypatch.setattr(asks, "ask_import_path", lambda _p: small)
    monkeypatch.setattr(asks, "ask_import", _accept_when_read(qtbot))
    window.area_actions["import_posts"].trigger()
    assert _post_count(window) == 3
    steps = window.document.undo_stack.count()  # type: ignore[union-attr]

    path = big_posts_csv(tmp_path / "many.csv")
    monkeypatch.setattr(asks, "ask_import_path", lambda _p: path)
    cancelled_at: list[int] = []

    def press_cancel_once_rows_go_in(done: int, _total: int, _text: str) -> None:
        dialog = window.tasks.progress_dialog
        if done > 0 and not cancelled_at and dialog is not None:
            cancelled_at.append(done)
            button = dialog.findChild(QPushButton)
            assert button is not None and button.text() == "Cancel"
            button.click()

    window.tasks.started.connect(lambda task: task.progress_changed.connect(press_cancel_once_rows_go_in))
    window.area_actions["import_posts"].trigger()
    assert cancelled_at and 0 < cancelled_at[0] < ROWS
    assert _post_count(window) == 3, "the cancelled import added nothing"
    assert window.document.undo_stack.count() == steps  # type: ignore[union-attr]
    assert not any("Import Finished: " + str(ROWS) in t for t in told)


def test_an_import_that_fails_is_reported_and_changes_nothing(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    path = big_posts_csv(tmp_path / "few.csv", rows=5)
    monkeypatch.setattr(asks, "ask_import_path", lambda _p: path)
    monkeypatch.setattr(asks, "ask_import", _accept_when_read(qtbot))
    real = store.import_records

    def half_then_fail(s, records, progress=None):  # type: ignore[no-untyped-def]
        real(s, records[:2], progress)
        raise OSError("the disk is full")

    monkeypatch.setattr(store, "import_records", half_then_fail)
    window.area_actions["import_posts"].trigger()
    assert told[-1] == "Could Not Import: Nothing was imported: the disk is full"
    assert _post_count(window) == 0
    assert window.document.undo_stack.count() == 0  # type: ignore[union-attr]


def _add_large_pictures(plan: PlanFile, megabytes: int = 10) -> None:
    with plan.session() as s:
        for i in range(megabytes):
            data = os.urandom(1 << 20)  # incompressible, like real photos
            s.add(
                Image(
                    sha256=hashlib.sha256(data).hexdigest(),
                    mime="image/jpeg",
                    width=2000 + i,
                    height=1000,
                    byte_size=len(data),
                    data=data,
                )
            )


def test_saving_a_plan_with_large_pictures_keeps_the_window_responsive(
    window: MainWindow, qtbot, tmp_path: Path
) -> None:
    assert window.document is not None
    plan = window.document.plan
    window.autosave_timer.stop()
    _add_large_pictures(plan)
    window.autosave_timer.stop()
    ticker = Ticker()
    with ticker:
        window.save()
        task = window.save_task
        assert task is not None, "the save runs on a worker"
        start = ticker.count
        with qtbot.waitSignal(task.finished, timeout=60_000):
            pass
        ticks = ticker.count - start
    assert ticks >= 3, "the GUI thread kept processing events during the save"
    assert not plan.is_dirty
    assert plan.path is not None and plan.path.stat().st_size > 10 << 20
    window.close_plan()
    reopened = PlanFile.open(tmp_path / "bakery.smoplan", lock="none")
    with reopened.session() as s:
        assert s.query(Image).count() == 10
    reopened.close(save=False)


def test_an_edit_while_the_save_runs_waits_and_is_saved_next(window: MainWindow, qtbot, tmp_path: Path) -> None:
    from smoplanner.store.settings import update_settings

    assert window.document is not None
    plan = window.document.plan
    _add_large_pictures(plan, megabytes=2)
    window.autosave_timer.stop()
    window.save()
    task = window.save_task
    assert task is not None
    with plan.session() as s:  # on the GUI thread, while the save runs
        update_settings(s, get_settings(s).with_changes(business_name="Edited During the Save"))
    with qtbot.waitSignal(task.finished, timeout=60_000):
        pass
    # Saved either in that snapshot or by the save that follows an edit made after it.
    qtbot.waitUntil(lambda: not plan.is_dirty and window.save_task is None, timeout=60_000)
    window.close_plan()
    reopened = PlanFile.open(tmp_path / "bakery.smoplan", lock="none")
    with reopened.session() as s:
        assert get_settings(s).business_name == "Edited During the Save"
    reopened.close(save=False)


def test_opening_runs_on_a_worker_and_reports_its_steps(qtbot, told: list[str], tmp_path: Path) -> None:
    path = make_plan_file(tmp_path / "bakery.smoplan")
    win = MainWindow()
    qtbot.addWidget(win)
    steps: list[tuple[int, int]] = []
    threads: list[int] = []
    win.tasks.started.connect(
        lambda task: task.progress_changed.connect(
            lambda done, total, _t: (steps.append((done, total)), threads.append(threading.get_ident()))
        )
    )
    real_open = PlanFile.open

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.get_ident())
        return real_open(*args, **kwargs)

    gui = threading.get_ident()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(PlanFile, "open", staticmethod(spy))
        assert win.open_plan(path)
    assert steps[-1] == (3, 3)
    assert threads[0] != gui, "the plan was opened on a worker thread"
    win.close_plan()


def test_an_import_waits_for_a_save_on_its_way(
    window: MainWindow, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, told: list[str]
) -> None:
    assert window.document is not None
    plan = window.document.plan
    path = big_posts_csv(tmp_path / "few.csv", rows=5)
    monkeypatch.setattr(asks, "ask_import_path", lambda _p: path)
    monkeypatch.setattr(asks, "ask_import", _accept_when_read(qtbot))
    release = threading.Event()
    real_save = plan.save

    def slow_save(progress=None):  # type: ignore[no-untyped-def]
        release.wait(30)
        return real_save(progress)

    monkeypatch.setattr(plan, "save", slow_save)
    _add_large_pictures(plan, megabytes=1)
    window.autosave_timer.stop()
    window.save()
    save = window.save_task
    assert save is not None and window.tasks.writer is save
    waited: list[bool] = []

    def wait_for_save() -> None:
        waited.append(save.done)
        release.set()  # the save ends once the import is waiting for it
        Task.wait(save)

    monkeypatch.setattr(save, "wait", wait_for_save)
    window.area_actions["import_posts"].trigger()
    release.set()
    assert waited == [False], "the import waited for the running save"
    assert save.outcome == "ok"
    assert _post_count(window) == 5
    assert told[-1].startswith("Import Finished: 5 new")
