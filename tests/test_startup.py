"""Starting the window: it is painted before the database layer is imported, which PySide6's hook skips."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers import make_plan_file
from PySide6.QtWidgets import QLabel

from smoplanner import app


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        SMOPLANNER_CONFIG_DIR=str(tmp_path / "config"),
        SMOPLANNER_CACHE_DIR=str(tmp_path / "cache"),
        **extra,
    )


def test_the_window_is_painted_before_the_database_layer_is_imported(tmp_path: Path) -> None:
    """No black window while SQLAlchemy and the plan file code load: the window is painted first."""
    path = make_plan_file(tmp_path / "cafe.smoplan")
    script = textwrap.dedent(
        """
        import sys
        from smoplanner import app
        from smoplanner.ui.mainwindow import MainWindow
        from PySide6.QtWidgets import QMainWindow

        def paintEvent(self, event):
            if not hasattr(self, "painted"):
                self.painted = True
                print("first paint, database layer imported:", "sqlalchemy" in sys.modules, flush=True)
            QMainWindow.paintEvent(self, event)

        MainWindow.paintEvent = paintEvent
        code = app.run(sys.argv[1])
        print("plan shown, database layer imported:", "smoplanner.store.planfile" in sys.modules)
        sys.exit(code)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(path)],
        capture_output=True,
        text=True,
        env=_env(tmp_path, SMOPLANNER_QUIT_WHEN_SHOWN="plan"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "first paint, database layer imported: False",
        "plan shown, database layer imported: True",
    ]


def test_the_database_layer_is_imported_past_pysides_import_hook(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import builtins, sys
        from smoplanner import app  # before PySide6, as `python -m smoplanner` imports it
        from PySide6.QtWidgets import QApplication
        qapp = QApplication([])
        hooked = builtins.__import__
        app._import_database_layer()
        from smoplanner.ui.welcome import WelcomePage
        seen = sys.modules["shibokensupport.feature"].pyside_feature_dict
        print(hooked is not app._PLAIN_IMPORT, builtins.__import__ is hooked)
        print("sqlalchemy.orm" in seen, "smoplanner.store.schema" in seen, "smoplanner.ui.welcome" in seen)
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=_env(tmp_path), timeout=60
    )
    assert result.returncode == 0, result.stderr
    # PySide6 hooks __import__; the hook is back in place afterwards and inspects the modules imported
    # later, but it inspected none of the database layer.
    assert result.stdout.split() == ["True", "True", "False", "False", "True"]


def test_after_next_paint_waits_for_a_paint(qtbot, qapp) -> None:
    calls: list[str] = []
    label = QLabel("hello")
    qtbot.addWidget(label)
    app._after_next_paint(qapp, lambda: calls.append("painted"), wait_ms=60_000)
    qapp.processEvents()
    assert calls == []
    label.show()
    qtbot.waitUntil(lambda: calls == ["painted"])
    label.update()
    qtbot.waitExposed(label)
    qapp.processEvents()
    assert calls == ["painted"]  # once only


def test_after_next_paint_does_not_wait_for_ever(qtbot, qapp) -> None:
    calls: list[str] = []
    app._after_next_paint(qapp, lambda: calls.append("called"), wait_ms=1)
    qtbot.waitUntil(lambda: calls == ["called"])
