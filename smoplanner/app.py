"""Starting the window: Qt set-up, crash reporting, recovery of unsaved work, the first plan."""

from __future__ import annotations

import builtins
import contextlib
import functools
import importlib
import logging
import os
import sys
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from smoplanner.paths import log_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from smoplanner.store.planfile import PlanFile, Recovery
    from smoplanner.ui.mainwindow import MainWindow

log = logging.getLogger("smoplanner")

# Python's own __import__, kept before PySide6 is imported and replaces it (see past_pysides_hook).
_PLAIN_IMPORT = builtins.__import__


def _setup_logging() -> None:
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.FileHandler(folder / "smoplanner.log", encoding="utf-8")
    except OSError:
        handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)


def _install_excepthook() -> None:
    """An error in a slot is logged and shown, and the window stays open with nothing lost."""

    def hook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        text = "".join(traceback.format_exception(kind, value, tb))
        log.error("Unexpected error:\n%s", text)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            box = QMessageBox(
                QMessageBox.Icon.Critical,
                "Something Went Wrong",
                f"smoplanner hit an unexpected problem: {value}\n\nYour plan is safe: every "
                f"change is kept in its working copy. Details are in the log at {log_dir()}.",
            )
            box.setDetailedText(text)
            box.exec()

    sys.excepthook = hook


def run(plan_path: str | None = None, *, new_instance: bool = False) -> int:
    from smoplanner.qtplatform import platform_problem

    problem = platform_problem()
    if problem is not None:
        print(problem, file=sys.stderr)  # instead of Qt's abort, which rarely names what is missing
        return 2
    # Single instance: a file opened while smoplanner runs goes to the running window.
    import PySide6.QtCore  # noqa: F401  (PySide6's import hook is in place before it is stepped past)

    with past_pysides_hook():
        from smoplanner.ui import single_instance

    if not new_instance and single_instance.hand_over(plan_path):
        return 0
    from PySide6.QtWidgets import QApplication

    with past_pysides_hook():
        from smoplanner.ui.appsettings import AppSettings
        from smoplanner.ui.mainwindow import MainWindow

    _install_excepthook()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
        if sys.platform != "darwin":
            app.setStyle("Fusion")
    else:
        # Fusion follows the palette in dark mode, where some native styles do not. Asked for on the
        # command line, it is set up by Qt alone (setStyle would build PySide6's QStyle type first).
        app = QApplication([sys.argv[0]] if sys.platform == "darwin" else [sys.argv[0], "-style", "fusion"])
    app.setApplicationName("smoplanner")
    app.setOrganizationName("smoplanner")
    app.setApplicationDisplayName("smoplanner")
    app.setDesktopFileName("org.smoplanner.smoplanner")  # packaging/linux's .desktop file

    settings = AppSettings.load()
    missing = Path(plan_path) if plan_path and not Path(plan_path).exists() else None
    first = None if missing else _first_plan(plan_path, settings.recent)
    # With a plan to open, the window's first frame is its light shell saying so; the rest is built
    # once that frame is on the screen.
    window = MainWindow(settings, opening=first)
    requests = single_instance.OpenRequests(app, window)  # second launches and QFileOpenEvent
    window.show()
    # However the event loop ends (Quit, logging out), the open plan is saved and its lock released.
    app.aboutToQuit.connect(window.close_plan)
    quit_when = os.environ.get("SMOPLANNER_QUIT_WHEN_SHOWN")  # "window" or "plan": benchmarks/startup.py

    def shown() -> None:
        # The benchmark's mark: it reads this line, then the window quits.
        print("shown", time.process_time(), flush=True)
        app.quit()

    def load_first_plan() -> None:
        if quit_when == "window":
            shown()
            return
        with past_pysides_hook():
            _setup_logging()
            _open_first_plan(window, first)
            from smoplanner.ui.app_icon import app_icon  # after the first paint: it reads resources/

        app.setWindowIcon(app_icon())
        if missing is not None:
            window.welcome.show_missing(missing)  # said on the page, not in a box
        requests.ready(listen=not new_instance)
        if quit_when:
            _after_next_paint(window, shown)

    # The database layer takes longer to import than the window takes to appear: it is imported once the
    # window has been painted, so the window never sits black (or empty) meanwhile.
    _after_next_paint(window, load_first_plan)
    return app.exec()


def _open_first_plan(window: MainWindow, first: Path | None) -> None:
    """Completes the window, then opens ``first`` (or unsaved work to recover) in it."""
    window.finish_building()
    _import_database_layer()
    try:
        if not _offer_recovery(window) and first is not None:
            window.open_plan(first)
    finally:
        window.show_opening(None)  # the welcome page, if nothing opened


def _first_plan(plan_path: str | None, recent: list[str]) -> Path | None:
    """The plan the window opens at start: the one asked for, else the last one used if it is there."""
    if plan_path:
        return Path(plan_path).absolute()
    if recent and Path(recent[0]).exists():
        return Path(recent[0])
    return None


def _after_next_paint(widget: QWidget, callback: Callable[[], object], wait_ms: int = 1000) -> None:
    """Calls ``callback`` once ``widget`` has next been painted and the frame is on the screen, or after
    ``wait_ms`` if it is not painted by then (a window started minimised).

    The filter watches ``widget`` alone: one on the whole application would see Qt's internal objects
    too, and PySide6 builds every one of its lazily loaded classes to find a Python type for such an
    object (a few dozen milliseconds, before the first frame).
    """
    from PySide6.QtCore import QEvent, QObject, QTimer

    class NextPaint(QObject):
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                widget.removeEventFilter(self)
                # The paint is in the back buffer; the frame is flushed when this event is done.
                QTimer.singleShot(0, self, self.fire)
            return False

        def fire(self) -> None:
            if self.fired:
                return
            self.fired = True
            widget.removeEventFilter(self)
            self.deleteLater()
            callback()

    watch = NextPaint(widget)
    widget.installEventFilter(watch)
    QTimer.singleShot(wait_ms, watch, watch.fire)


@contextlib.contextmanager
def past_pysides_hook() -> Iterator[None]:
    """Imports made meanwhile (on any thread) use Python's own import machinery, not PySide6's.

    PySide6 replaces ``__import__`` with a hook that reads the source of every module imported after it
    (looking for "PySide6", for its ``__feature__`` switches) and loads everything on a star import:
    about a quarter of a second over SQLAlchemy's hundreds of modules and smoplanner's own, while the
    window waits. smoplanner uses no ``__feature__`` switch and no star import (ruff's F403), so the
    hook has nothing to do for it; it is back in place afterwards, for modules imported later.
    """
    hooked = builtins.__import__
    builtins.__import__ = _PLAIN_IMPORT
    try:
        yield
    finally:
        builtins.__import__ = hooked


def _import_database_layer() -> None:
    """Imports SQLAlchemy and the plan file code past PySide6's import hook."""
    with past_pysides_hook():
        importlib.import_module("smoplanner.store.planfile")


def _recover(recovery: Recovery, _progress: Callable[..., None]) -> PlanFile:
    from smoplanner.store.planfile import PlanFile

    return PlanFile.recover(recovery)


def _offer_recovery(window: MainWindow) -> bool:
    from smoplanner.store.errors import PlanError
    from smoplanner.store.planfile import PlanFile
    from smoplanner.ui import dialogs
    from smoplanner.ui.tasks import Cancelled

    for recovery in PlanFile.recoverable():
        answer = dialogs.ask_recover(window, recovery)
        if answer is None:
            continue
        if not answer:
            PlanFile.discard_recovery(recovery)
            continue
        try:
            # The copy is checked on a worker, while the window stays responsive.
            plan = window._in_background(
                "Recover",
                f"Recovering {recovery.name}…",
                functools.partial(_recover, recovery),
                cancel=False,
            )
        except Cancelled:
            continue
        except PlanError as exc:
            dialogs.show_error(window, "Cannot Recover", str(exc))
            continue
        window.show_plan(plan)
        return True
    return False
