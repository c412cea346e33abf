"""matplotlib, imported on a background thread, never on the GUI thread and never at start-up.

Importing matplotlib (with numpy, its fonts and its Qt canvas) takes about half a second, more on a slow
machine: too long to freeze the window for, and too long to pay when the Results tab is opened. It is
imported here on a thread of its own, whichever comes first:

- the Results area's warm-up, once the window has settled after a plan opened (``warm_up``): by the time
  the tab is opened, its first chart only has to be drawn;
- the first chart asked for before that (``ChartModules.when_ready``): the tab shows its table and KPIs
  at once and "Drawing the chart…" until the chart comes.

Code that needs matplotlib otherwise (printing a plan with its Results page, on a worker) calls
``ensure_loaded`` first: only the loader's thread imports them, so two threads never import matplotlib's
modules at the same time (which can deadlock on Python's import locks).
"""

from __future__ import annotations

import contextlib
import importlib
import logging
import sys
import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)

#: What a chart needs, imported in this order on the loader's thread.
MODULES = (
    "numpy",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.dates",
    "matplotlib.ticker",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_qtagg",
    "smoplanner.report.results_chart",
)


class ChartModules(QObject):
    """Imports ``modules`` (by default ``MODULES``) once, on a thread of its own; says so on the GUI thread
    with ``ready``."""

    ready = Signal()
    _imported = Signal(object)  # emitted on the loader's thread: None, or the exception that stopped it

    def __init__(self, modules: tuple[str, ...] = MODULES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        from PySide6.QtCore import Qt

        self.modules = modules
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()  # start() may be called on a worker (ensure_loaded) and on the GUI thread
        self._failure: BaseException | None = None  # set on the loader's thread when the import failed
        self.loaded = self._all_imported()
        self.error: BaseException | None = None
        self.imported_on: str | None = None  # the name of the thread that imported them
        self._imported.connect(self._on_imported, Qt.ConnectionType.QueuedConnection)

    def _all_imported(self) -> bool:
        return all(name in sys.modules for name in self.modules)

    @property
    def loading(self) -> bool:
        """Whether the loader's thread is importing now."""
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        """Start importing on the loader's thread, unless that has started or they are all in already."""
        with self._lock:
            if self.loaded or self._thread is not None:
                return
            if self._all_imported():  # something else imported them meanwhile
                self.loaded = True
                return
            # Not a daemon: quitting while it imports waits for the import to end (a second at most) rather
            # than tearing the interpreter down under it.
            self._thread = threading.Thread(target=self._import, name="smoplanner-charts")
            self._thread.start()

    def _import(self) -> None:
        try:
            for name in self.modules:
                importlib.import_module(name)
            if "matplotlib" in sys.modules:
                from matplotlib.font_manager import FontProperties, findfont

                findfont(FontProperties())  # the default font's lookup, cached for every thread
            self.imported_on = threading.current_thread().name
        except BaseException as exc:  # reported on the GUI thread, where the chart says it could not be drawn
            log.exception("matplotlib could not be imported")
            self._failure = exc
        finally:
            with contextlib.suppress(RuntimeError):  # the application has quit meanwhile: nobody is waiting
                self._imported.emit(self._failure)

    def _on_imported(self, outcome: BaseException | None) -> None:
        if outcome is None:
            self.loaded = True
        else:
            self.error = outcome
        self.ready.emit()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` on the GUI thread once the modules are imported (or failed to be: see
        ``error``), at once if they are; starts the import if it has not started.

        ``callback`` should be a method of a QObject: were that object deleted before the import ends,
        Qt drops the call.
        """
        self.start()
        if self.loaded or self.error is not None:
            callback()
            return
        from PySide6.QtCore import Qt

        self.ready.connect(callback, Qt.ConnectionType.SingleShotConnection)

    def ensure_loaded(self) -> None:
        """Return once the modules are imported: start the loader's thread if need be and wait for it
        (any thread may call this, e.g. a worker about to draw the printed plan's chart); raises what
        stopped the import."""
        self.start()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join()
        if self._failure is not None:
            raise self._failure


_instance: ChartModules | None = None
_instance_lock = threading.Lock()


def chart_modules() -> ChartModules:
    """The application's one loader (made on the GUI thread at its first use)."""
    global _instance
    with _instance_lock:  # two first callers on two threads must not make two loaders
        if _instance is None:
            from PySide6.QtCore import QCoreApplication

            made = ChartModules()
            app = QCoreApplication.instance()
            if app is not None:  # made on a worker, it would never hear from the loader: it belongs to the GUI
                made.moveToThread(app.thread())
            _instance = made
    return _instance


def warm_up() -> None:
    """The Results area's warm-up: import matplotlib on the loader's thread while the window is idle."""
    chart_modules().start()
