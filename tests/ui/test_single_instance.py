"""One smoplanner per user: a second launch hands its file to the running window; Finder's QFileOpenEvent."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from helpers import make_plan_file
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtNetwork import QLocalSocket

from smoplanner.ui import dialogs, single_instance
from smoplanner.ui.mainwindow import MainWindow
from smoplanner.ui.single_instance import OpenRequests

# The offscreen platform cannot raise a window; raising it is all the more visible on a desktop.
pytestmark = pytest.mark.qt_log_ignore("This plugin does not support raise", "propagateSizeHints")

CHECKOUT = Path(__file__).resolve().parents[2]


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda _p, title, text: shown.append(f"{title}: {text}"))
    return shown


@pytest.fixture
def window(qtbot, errors: list[str]):
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    yield win
    win.close_plan()


@pytest.fixture
def requests(qapp, window: MainWindow):
    handler = OpenRequests(qapp, window, file_open_events=True)  # as on macOS
    yield handler
    qapp.removeEventFilter(handler)
    if handler.server is not None:
        handler.server.close()
    handler.deleteLater()


def _open_path(window: MainWindow) -> Path | None:
    return None if window.document is None else window.document.plan.path


@pytest.fixture
def launches():
    """Processes started by a test; one still running when it ends (a failed hand-over) is killed."""
    started: list[subprocess.Popen[str]] = []
    yield started
    for process in started:
        if process.poll() is None:
            process.kill()
            process.wait()


def _launch(*args: str) -> subprocess.Popen[str]:
    """`smoplanner ARGS` in a process of its own, with this test's settings folder (so the same socket)."""
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(CHECKOUT), os.environ.get("PYTHONPATH", "")]))
    return subprocess.Popen(
        [sys.executable, "-m", "smoplanner", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_a_second_launch_hands_its_plan_to_the_first_and_exits_0(
    qtbot, window: MainWindow, requests: OpenRequests, tmp_path: Path, launches: list
) -> None:
    first = make_plan_file(tmp_path / "first.smoplan", "First")
    second = make_plan_file(tmp_path / "second.smoplan", "Second")
    assert window.open_plan(first)
    requests.ready()
    assert requests.server is not None and requests.server.isListening()

    launch = _launch(str(second))
    launches.append(launch)
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
    out, err = launch.communicate()
    assert launch.returncode == 0, err
    assert out == ""
    # The running window opens it (closing the first plan as usual) once the hand-over's slot returned.
    qtbot.waitUntil(lambda: _open_path(window) == second.absolute(), timeout=30_000)
    assert window.windowTitle().startswith("Second")


def test_a_second_launch_without_a_plan_only_raises_the_window(
    qtbot, window: MainWindow, requests: OpenRequests, tmp_path: Path, launches: list
) -> None:
    first = make_plan_file(tmp_path / "first.smoplan")
    assert window.open_plan(first)
    requests.ready()
    asked: list[str | None] = []
    requests.request = asked.append  # type: ignore[method-assign]

    launch = _launch()
    launches.append(launch)
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
    assert launch.returncode == 0, launch.communicate()[1]
    qtbot.waitUntil(lambda: asked == [None])
    assert _open_path(window) == first.absolute()


def test_requests_wait_for_the_first_plan_and_only_the_latest_is_opened(
    window: MainWindow, requests: OpenRequests, tmp_path: Path
) -> None:
    a = make_plan_file(tmp_path / "a.smoplan", "A")
    b = make_plan_file(tmp_path / "b.smoplan", "B")
    requests.request(str(a))
    requests.request(str(b))
    assert window.document is None  # the first plan is not loaded yet
    requests.ready(listen=False)
    assert _open_path(window) == b.absolute()


def test_a_file_opened_from_finder_goes_to_open_plan(
    qtbot, qapp, window: MainWindow, requests: OpenRequests, tmp_path: Path
) -> None:
    plan = make_plan_file(tmp_path / "finder.smoplan", "Finder")
    requests.ready(listen=False)
    QCoreApplication.postEvent(qapp, QFileOpenEvent(str(plan)))
    qtbot.waitUntil(lambda: _open_path(window) == plan.absolute(), timeout=30_000)


@pytest.mark.skipif(sys.platform == "win32", reason="a named pipe leaves no file behind")
def test_a_socket_left_by_a_crash_is_replaced(window: MainWindow, requests: OpenRequests) -> None:
    name = single_instance.server_name()
    left = Path(os.environ.get("TMPDIR") or "/tmp", name)
    left.touch()  # what a crash leaves: the socket's file, and nobody answering on it
    try:
        assert not single_instance.hand_over("cafe.smoplan")  # nobody answers: this launch starts
        assert requests.listen()
        probe = QLocalSocket()
        probe.connectToServer(name)
        assert probe.waitForConnected(5000)
        probe.abort()
    finally:
        left.unlink(missing_ok=True)


def test_a_malformed_message_is_ignored(qtbot, window: MainWindow, requests: OpenRequests) -> None:
    asked: list[str | None] = []
    requests.request = asked.append  # type: ignore[method-assign]
    assert requests.listen()
    client = QLocalSocket()
    client.connectToServer(single_instance.server_name())
    assert client.waitForConnected(5000)
    client.write(b'{"open": 42}\n')
    qtbot.waitUntil(lambda: client.state() == QLocalSocket.LocalSocketState.UnconnectedState, timeout=10_000)
    assert asked == []


def test_hand_over_finds_nobody_when_no_instance_runs() -> None:
    assert not single_instance.hand_over("cafe.smoplan")


def test_a_missing_plan_on_the_command_line_is_named_on_the_welcome_page(tmp_path: Path) -> None:
    script = textwrap.dedent(
        """
        import sys
        from smoplanner import app
        from smoplanner.ui import dialogs
        from smoplanner.ui.welcome import WelcomePage

        dialogs.show_error = lambda _p, title, text: print("error box:", title, text)
        shown = WelcomePage.show_missing

        def show_missing(self, path):
            shown(self, path)
            print("notice:", self.notice.text())

        WelcomePage.show_missing = show_missing
        sys.exit(app.run(sys.argv[1]))
        """
    )
    missing = tmp_path / "gone.smoplan"
    env = dict(os.environ, SMOPLANNER_QUIT_WHEN_SHOWN="plan", PYTHONPATH=str(CHECKOUT))
    result = subprocess.run(
        [sys.executable, "-c", script, str(missing)], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("notice: <b>gone.smoplan was not found.</b>"), result.stdout
    assert str(missing) in result.stdout
    assert "error box" not in result.stdout


def test_new_instance_starts_its_own_window_and_leaves_the_running_one_alone(
    qtbot, window: MainWindow, requests: OpenRequests, tmp_path: Path, launches: list
) -> None:
    plan = make_plan_file(tmp_path / "own.smoplan")
    requests.ready()
    asked: list[str | None] = []
    requests.request = asked.append  # type: ignore[method-assign]
    env = dict(
        os.environ,
        PYTHONPATH=str(CHECKOUT),
        SMOPLANNER_QUIT_WHEN_SHOWN="plan",
        # Its own working copies, so the plan's lock is its own and it does not ask about it.
        SMOPLANNER_CACHE_DIR=str(tmp_path / "other-cache"),
    )
    launch = subprocess.Popen(
        [sys.executable, "-m", "smoplanner", "--new-instance", str(plan)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    launches.append(launch)
    qtbot.waitUntil(lambda: launch.poll() is not None, timeout=60_000)
    assert launch.returncode == 0, launch.communicate()[1]
    assert asked == []
    assert requests.server is not None and requests.server.isListening()


def test_a_second_server_never_takes_over_a_live_one(window: MainWindow, requests: OpenRequests, qapp) -> None:
    assert requests.listen()
    other = OpenRequests(qapp, window, file_open_events=False)
    try:
        assert not other.listen()  # the name is taken by a server that answers: its socket stays
        assert requests.server is not None and requests.server.isListening()
        probe = QLocalSocket()
        probe.connectToServer(single_instance.server_name())
        assert probe.waitForConnected(5000)
        probe.abort()
    finally:
        other.deleteLater()
