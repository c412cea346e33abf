"""Starting the window: a light shell is painted first, before the database layer (which PySide6's import hook
skips) and everything the first frame does without; then the plan opens."""

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
    lines = [line for line in result.stdout.splitlines() if not line.startswith("shown ")]
    assert lines == [
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
    app._after_next_paint(label, lambda: calls.append("painted"), wait_ms=60_000)
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
    label = QLabel("never shown")
    qtbot.addWidget(label)
    app._after_next_paint(label, lambda: calls.append("called"), wait_ms=1)
    qtbot.waitUntil(lambda: calls == ["called"])


# Reports the window's state at its first frame and once the plan is shown (the two marks of
# benchmarks/startup.py), as JSON lines.
REPORT_FRAMES = textwrap.dedent(
    """
    import json, sys
    from smoplanner import app

    real = app._after_next_paint
    DEFERRED = [
        "sqlalchemy", "smoplanner.store.planfile", "smoplanner.core.plan_settings", "smoplanner.areas",
        "smoplanner.ui.welcome", "smoplanner.ui.plan_dialogs", "smoplanner.ui.settings_form",
        "smoplanner.ui.document", "smoplanner.ui.noticebar", "platformdirs",
    ]

    def after_next_paint(widget, callback, wait_ms=1000):
        def report():
            from PySide6 import QtCore, QtWidgets
            hooked = sys.modules["shibokensupport.feature"].pyside_feature_dict
            current = widget.centralWidget().currentWidget()
            print(json.dumps({
                "title": widget.windowTitle(),
                "page": "opening" if current is widget.opening_page else "other",
                "opening": widget.opening_page.label.text(),
                "menus": [action.text() for action in widget.menuBar().actions()],
                "menus_enabled": [action.isEnabled() for action in widget.menuBar().actions()],
                "tabs": [widget.tabs.tabText(i) for i in range(widget.tabs.count())] if widget.built else [],
                "imported": [name for name in DEFERRED if name in sys.modules],
                "qt_namespace": "Qt" in vars(QtCore),
                "dialog_classes": [name for name in ("QMessageBox", "QFileDialog") if name in vars(QtWidgets)],
                "lazy_pyside": "QSharedMemory" not in vars(QtCore),
                "through_hook": sorted(name for name in hooked if name.startswith("smoplanner")),
            }), flush=True)
            callback()
        real(widget, report, wait_ms)

    app._after_next_paint = after_next_paint
    sys.exit(app.run(sys.argv[1]))
    """
)


def test_the_first_frame_is_a_light_shell_saying_which_plan_opens(tmp_path: Path) -> None:
    """The first frame is the real window (its title, the bars, "Opening cafe…"), painted before the
    database layer, the dialogs, the welcome page and the tabs are loaded; then the plan is shown."""
    import json

    path = make_plan_file(tmp_path / "cafe.smoplan")
    result = subprocess.run(
        [sys.executable, "-c", REPORT_FRAMES, str(path)],
        capture_output=True,
        text=True,
        env=_env(tmp_path, SMOPLANNER_QUIT_WHEN_SHOWN="plan"),
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    first, shown = (json.loads(line) for line in result.stdout.splitlines() if line.startswith("{"))

    assert first["title"] == "cafe.smoplan — smoplanner"
    assert first["page"] == "opening"
    assert first["opening"] == "Opening cafe…"
    # The menu bar shows the menus' titles (so nothing moves when they are built), the menus come next.
    assert first["menus"] == ["&File", "&Edit", "Calen&dar", "&Help"]
    assert first["menus_enabled"] == [False, False, False, False]
    assert first["imported"] == []
    # None of smoplanner's modules went through PySide6's import hook (it reads each one's source).
    assert first["through_hook"] == []
    if first["lazy_pyside"]:
        # Qt's namespace (hundreds of enums) is built after the first frame, not before it.
        assert first["qt_namespace"] is False
        assert first["dialog_classes"] == []  # built when a dialog is first shown

    assert shown["page"] == "other"
    assert shown["title"].startswith("Bäckerei Sonne — cafe.smoplan")
    assert shown["menus"] == ["&File", "&Edit", "Calen&dar", "&Help"]
    assert shown["menus_enabled"] == [True, True, True, True]
    assert shown["tabs"][0] == "&Overview"
    assert "smoplanner.store.planfile" in shown["imported"]


def test_without_a_plan_to_open_the_first_frame_is_the_whole_window(qtbot) -> None:
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    window = MainWindow(AppSettings())
    qtbot.addWidget(window)
    assert window.built
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "smoplanner"


def test_the_shell_says_which_plan_opens_until_it_is_shown(qtbot, tmp_path: Path) -> None:
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    path = make_plan_file(tmp_path / "cafe.smoplan")
    window = MainWindow(AppSettings(), opening=path)
    qtbot.addWidget(window)
    assert not window.built
    assert window.stack.currentWidget() is window.opening_page
    assert window.opening_page.label.text() == "Opening cafe…"
    assert window.windowTitle() == "cafe.smoplan — smoplanner"
    assert window.close_plan()  # nothing is open yet: closing (or quitting) now is harmless

    app._open_first_plan(window, path)
    assert window.built
    assert window.document is not None
    assert window.stack.currentWidget() is window.plan_page
    assert window.windowTitle().startswith("Bäckerei Sonne — cafe.smoplan")
    assert window.close_plan()
    assert window.stack.currentWidget() is window.welcome  # not "Opening cafe…" again


def test_a_first_plan_that_cannot_open_leaves_the_welcome_page(qtbot, tmp_path: Path, monkeypatch) -> None:
    from smoplanner.ui import dialogs
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    path = tmp_path / "notes.smoplan"
    path.write_text("not a plan", encoding="utf-8")
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _parent, title, _text: errors.append(title))
    window = MainWindow(AppSettings(), opening=path)
    qtbot.addWidget(window)

    app._open_first_plan(window, path)
    assert errors == ["Cannot Open Plan"]
    assert window.document is None
    assert window.stack.currentWidget() is window.welcome
    assert window.windowTitle() == "smoplanner"


def test_a_plan_opened_in_the_shell_completes_the_window_first(qtbot, tmp_path: Path) -> None:
    from smoplanner.ui.appsettings import AppSettings
    from smoplanner.ui.mainwindow import MainWindow

    path = make_plan_file(tmp_path / "cafe.smoplan")
    window = MainWindow(AppSettings(), opening=path)
    qtbot.addWidget(window)
    assert window.open_plan(path)
    assert window.built and window.stack.currentWidget() is window.plan_page
    assert window.save_action.isEnabled()
    assert window.close_plan()
