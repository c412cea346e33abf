"""Starting the window: Qt set-up, crash reporting, recovery of unsaved work, the first plan."""

from __future__ import annotations

import builtins
import importlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from smoplanner.paths import log_dir

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

log = logging.getLogger("smoplanner")

# Python's own __import__, kept before PySide6 is imported and replaces it (see _import_database_layer).
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
    # What the window needs that has no Qt in it is imported before PySide6 hooks __import__ (see
    # _import_database_layer): the hook would read each module's source.
    for name in ("smoplanner.core.plan_settings", "smoplanner.store.errors", "smoplanner.store.fileformat"):
        importlib.import_module(name)
    # Single instance (issue 14): a file opened while smoplanner runs goes to the running window.
    from smoplanner.ui import single_instance

    if not new_instance and single_instance.hand_over(plan_path):
        return 0
    from PySide6.QtWidgets import QApplication

    _setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("smoplanner")
    app.setOrganizationName("smoplanner")
    app.setApplicationDisplayName("smoplanner")
    app.setDesktopFileName("org.smoplanner.smoplanner")  # packaging/linux's .desktop file (issue 14)
    if sys.platform != "darwin":
        app.setStyle("Fusion")  # follows the palette in dark mode, where some native styles do not
    _install_excepthook()

    from smoplanner.ui.mainwindow import MainWindow

    window = MainWindow()
    requests = single_instance.OpenRequests(app, window)  # second launches and QFileOpenEvent (issue 14)
    window.show()
    # However the event loop ends (Quit, logging out), the open plan is saved and its lock released.
    app.aboutToQuit.connect(window.close_plan)
    quit_when = os.environ.get("SMOPLANNER_QUIT_WHEN_SHOWN")  # "window" or "plan": benchmarks/startup.py

    def load_first_plan() -> None:
        if quit_when == "window":
            app.quit()
            return
        from smoplanner.ui.app_icon import app_icon  # issue 14; after the first paint: it reads resources/

        app.setWindowIcon(app_icon())
        _import_database_layer()
        if not _offer_recovery(window):
            if plan_path and not Path(plan_path).exists():
                window.welcome.show_missing(Path(plan_path))  # issue 14: said on the page, not in a box
            elif plan_path:
                window.open_plan(Path(plan_path))
            elif window.app_settings.recent and Path(window.app_settings.recent[0]).exists():
                window.open_plan(Path(window.app_settings.recent[0]))
        requests.ready(listen=not new_instance)  # issue 14
        if quit_when:
            _after_next_paint(app, app.quit)

    # The database layer takes longer to import than the window takes to appear: it is imported once the
    # window has been painted, so the window never sits black (or empty) meanwhile.
    _after_next_paint(app, load_first_plan)
    return app.exec()


def _after_next_paint(app: QApplication, callback: Callable[[], object], wait_ms: int = 1000) -> None:
    """Calls ``callback`` once the next widget has been painted and the frame is on the screen, or after
    ``wait_ms`` if nothing is painted by then (a window started minimised)."""
    from PySide6.QtCore import QEvent, QObject, QTimer

    class NextPaint(QObject):
        fired = False

        def eventFilter(self, watched: QObject, event: QEvent) -> bool:
            if event.type() == QEvent.Type.Paint:
                app.removeEventFilter(self)
                # The paint is in the back buffer; the frame is flushed when this event is done.
                QTimer.singleShot(0, self, self.fire)
            return False

        def fire(self) -> None:
            if self.fired:
                return
            self.fired = True
            app.removeEventFilter(self)
            self.deleteLater()
            callback()

    watch = NextPaint(app)
    app.installEventFilter(watch)
    QTimer.singleShot(wait_ms, watch, watch.fire)


def _import_database_layer() -> None:
    """Imports SQLAlchemy and the plan file code with Python's own import machinery.

    PySide6 replaces ``__import__`` with a hook that reads the source of every module imported after it
    (looking for "PySide6", for its ``__feature__`` switch): about a tenth of a second over SQLAlchemy's
    hundreds of modules, while the window waits. The database layer uses no Qt, so the hook has nothing
    to find there; modules imported later still go through it.
    """
    hooked = builtins.__import__
    builtins.__import__ = _PLAIN_IMPORT
    try:
        importlib.import_module("smoplanner.store.planfile")
    finally:
        builtins.__import__ = hooked


def _offer_recovery(window: object) -> bool:
    from smoplanner.store.errors import PlanError
    from smoplanner.store.planfile import PlanFile
    from smoplanner.ui import dialogs
    from smoplanner.ui.tasks import Cancelled

    for recovery in PlanFile.recoverable():
        answer = dialogs.ask_recover(window, recovery)  # type: ignore[arg-type]
        if answer is None:
            continue
        if not answer:
            PlanFile.discard_recovery(recovery)
            continue
        try:
            # The copy is checked on a worker, while the window stays responsive.
            plan = window._in_background(  # type: ignore[attr-defined]
                "Recover",
                f"Recovering {recovery.name}…",
                lambda _p, r=recovery: PlanFile.recover(r),
                cancel=False,
            )
        except Cancelled:
            continue
        except PlanError as exc:
            dialogs.show_error(window, "Cannot Recover", str(exc))  # type: ignore[arg-type]
            continue
        window.show_plan(plan)  # type: ignore[attr-defined]
        return True
    return False
