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
import itertools
import logging
import sys
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass
class _Import:
    """What the loader's thread found out: it holds no Qt object, so the thread never owns (nor deletes) one."""

    modules: tuple[str, ...]
    key: int
    failure: BaseException | None = None
    thread_name: str | None = None


class _Relay(QObject):
    """Carries an import's end from the loader's thread to the loader on the GUI thread (one, living there)."""

    imported = Signal(int, object)  # the loader's key, and None or the exception that stopped the import

    def __init__(self) -> None:
        super().__init__()
        from PySide6.QtCore import Qt

        self.imported.connect(self.deliver, Qt.ConnectionType.QueuedConnection)

    def deliver(self, key: int, outcome: BaseException | None) -> None:
        loader = _loaders.get(key)
        if loader is not None:  # a loader gone meanwhile has nobody waiting
            loader._on_imported(outcome)


_keys = itertools.count(1)
_loaders: weakref.WeakValueDictionary[int, ChartModules] = weakref.WeakValueDictionary()
_relay: _Relay | None = None


def _gui_thread_owns(obj: QObject) -> None:
    """Give ``obj`` to the application's thread (made on a worker, it would never hear from the loader)."""
    from PySide6.QtCore import QCoreApplication

    app = QCoreApplication.instance()
    if app is not None and obj.thread() is not app.thread():
        obj.moveToThread(app.thread())


def _import(job: _Import, relay: _Relay) -> None:
    """The loader's thread: import ``job.modules`` in order, then say so through ``relay``."""
    try:
        for name in job.modules:
            importlib.import_module(name)
        if "matplotlib" in sys.modules:
            from matplotlib.font_manager import FontProperties, findfont

            findfont(FontProperties())  # the default font's lookup, cached for every thread
        job.thread_name = threading.current_thread().name
    except BaseException as exc:  # reported on the GUI thread, where the chart says it could not be drawn
        log.exception("matplotlib could not be imported")
        job.failure = exc
    finally:
        with contextlib.suppress(RuntimeError):  # the application has quit meanwhile: nobody is waiting
            relay.imported.emit(job.key, job.failure)


class ChartModules(QObject):
    """Imports ``modules`` (by default ``MODULES``) once, on a thread of its own; says so on the GUI thread
    with ``ready``. Make it on the GUI thread."""

    ready = Signal()

    def __init__(self, modules: tuple[str, ...] = MODULES, parent: QObject | None = None) -> None:
        super().__init__(parent)
        global _relay
        if _relay is None:
            _relay = _Relay()
            _gui_thread_owns(_relay)
        self._key = next(_keys)
        _loaders[self._key] = self
        self.modules = modules
        self._thread: threading.Thread | None = None
        self._job = _Import(modules, self._key)
        self._lock = threading.Lock()  # start() may be called on a worker (ensure_loaded) and on the GUI thread
        self.loaded = self._all_imported()
        self.error: BaseException | None = None

    @property
    def imported_on(self) -> str | None:
        """The name of the thread that imported the modules (None until it has)."""
        return self._job.thread_name

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
            assert _relay is not None
            # Not a daemon: quitting while it imports waits for the import to end (a second at most) rather
            # than tearing the interpreter down under it.
            self._thread = threading.Thread(target=_import, args=(self._job, _relay), name="smoplanner-charts")
            self._thread.start()

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
        if self._job.failure is not None:
            raise self._job.failure


_instance: ChartModules | None = None
_instance_lock = threading.Lock()


def chart_modules() -> ChartModules:
    """The application's one loader (made on the GUI thread at its first use)."""
    global _instance
    with _instance_lock:  # two first callers on two threads must not make two loaders
        if _instance is None:
            made = ChartModules()
            _gui_thread_owns(made)
            _instance = made
    return _instance


def warm_up() -> None:
    """The Results area's warm-up: import matplotlib on the loader's thread while the window is idle."""
    chart_modules().start()
