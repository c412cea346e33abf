"""Starting the window: Qt set-up, crash reporting, recovery of unsaved work, the first plan."""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from smoplanner.paths import log_dir

log = logging.getLogger("smoplanner")


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


def run(plan_path: str | None = None) -> int:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    _setup_logging()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("smoplanner")
    app.setOrganizationName("smoplanner")
    app.setApplicationDisplayName("smoplanner")
    if sys.platform != "darwin":
        app.setStyle("Fusion")  # follows the palette in dark mode, where some native styles do not
    _install_excepthook()

    from smoplanner.ui.mainwindow import MainWindow

    window = MainWindow()
    window.show()
    # However the event loop ends (Quit, logging out), the open plan is saved and its lock released.
    app.aboutToQuit.connect(window.close_plan)
    quit_when = os.environ.get("SMOPLANNER_QUIT_WHEN_SHOWN")  # "window" or "plan": benchmarks/startup.py

    def load_first_plan() -> None:
        # After the window is on screen: the database layer is imported only now.
        if quit_when == "window":
            app.quit()
            return
        if not _offer_recovery(window):
            if plan_path:
                window.open_plan(Path(plan_path))
            elif window.app_settings.recent and Path(window.app_settings.recent[0]).exists():
                window.open_plan(Path(window.app_settings.recent[0]))
        if quit_when:
            QTimer.singleShot(0, app.quit)

    QTimer.singleShot(0, load_first_plan)
    return app.exec()


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
