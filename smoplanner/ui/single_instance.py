"""One smoplanner per user: a file opened while the app runs goes to the running window.

A second launch (a double-clicked ``.smoplan``, ``smoplanner PLAN``) connects to the first one's local
socket, named per user and settings folder, sends the plan's absolute path, waits for the first to
acknowledge it and exits 0; the first opens the plan with the window's usual ``open_plan`` (which asks
about unsaved or locked plans) and raises its window. ``smoplanner --new-instance`` skips all of this.

macOS sends a file opened from Finder as a ``QFileOpenEvent`` to the running application, not as an
argument: an event filter on the application routes it the same way.

Cost at start-up: on Unix the socket is a file in the temporary folder, so a launch with no instance
running looks for that file and nothing else (QtNetwork is not even imported); the first instance
listens only once its window has been painted and its first plan loaded.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import zlib
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

from smoplanner.paths import config_dir

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtNetwork import QLocalServer, QLocalSocket

    from smoplanner.ui.mainwindow import MainWindow

log = logging.getLogger(__name__)

#: How long a second launch waits for the running instance to connect and to acknowledge its file.
CONNECT_MS = 500
ACKNOWLEDGE_MS = 5000
ACK = b"ok\n"


def server_name() -> str:
    """The local socket's name: one per user and settings folder (tests and portable copies, which set
    their own folder, never meet the user's running app). zlib, not hashlib: loaded already, while
    hashlib would load OpenSSL before the first paint."""
    user = next((os.environ[k] for k in ("LOGNAME", "USER", "LNAME", "USERNAME") if os.environ.get(k)), "")
    if not user and hasattr(os, "getuid"):
        user = str(os.getuid())
    key = f"{user}\n{config_dir()}".encode()
    return f"smoplanner-{zlib.crc32(key):08x}"


def _may_be_running(name: str) -> bool:
    """False when no instance can be listening: on Unix, Qt's socket file is missing from the temporary
    folder (QDir::tempPath: $TMPDIR, else /tmp). Windows' named pipes have no such file: always try."""
    if sys.platform == "win32":
        return True
    return os.path.exists(os.path.join(os.environ.get("TMPDIR") or "/tmp", name))


def message_for(plan_path: str | os.PathLike[str] | None) -> bytes:
    """What a second launch sends: one JSON line with the plan's absolute path (or null: just raise)."""
    path = str(Path(plan_path).absolute()) if plan_path else None
    return json.dumps({"open": path}).encode("utf-8") + b"\n"


def hand_over(plan_path: str | os.PathLike[str] | None, name: str | None = None) -> bool:
    """Passes ``plan_path`` to the instance already running for this user; True once it has taken it
    (the caller then exits 0), False when none runs or it did not answer in time (start normally)."""
    name = name or server_name()
    if not _may_be_running(name):
        return False
    from PySide6.QtNetwork import QLocalSocket

    socket = QLocalSocket()
    socket.connectToServer(name)
    if not socket.waitForConnected(CONNECT_MS):
        return False  # a socket file left by a crash: the new instance replaces it when it listens
    socket.write(message_for(plan_path))
    if not socket.waitForBytesWritten(ACKNOWLEDGE_MS):
        log.warning("The running smoplanner did not take the file: starting another one")
        return False
    while not socket.canReadLine():
        if not socket.waitForReadyRead(ACKNOWLEDGE_MS):
            log.warning("The running smoplanner did not answer: starting another one")
            return False
    answer = bytes(socket.readLine().data())
    socket.disconnectFromServer()
    return answer == ACK


def raise_window(window: MainWindow) -> None:
    if window.isMinimized():
        from PySide6.QtCore import Qt  # Qt's namespace is large: built when first needed, not at start-up

        window.setWindowState(window.windowState() & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()


class OpenRequests(QObject):
    """Plans asked for from outside the window: by a second launch (over the local socket) or by the
    system (``QFileOpenEvent``). Requests that come before the first plan is loaded wait for it
    (``ready``); one that comes while a plan is being opened waits for that to finish."""

    def __init__(
        self, app: QCoreApplication, window: MainWindow, *, file_open_events: bool = sys.platform == "darwin"
    ) -> None:
        super().__init__(app)
        self.window = window
        self.server: QLocalServer | None = None
        self._ready = False
        self._busy = False
        self._pending: list[str | None] = []
        if file_open_events:
            # Only where the system sends them (macOS): a filter on the application sees every event.
            app.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen:
            path = event.file()  # type: ignore[attr-defined]
            if path:
                QTimer.singleShot(0, self, partial(self.request, path))
            return True
        return False

    def ready(self, *, listen: bool = True) -> None:
        """The first plan is loaded: serve the requests that waited, and listen for second launches."""
        if listen:
            self.listen()
        self._ready = True
        self._next()

    def request(self, path: str | None) -> None:
        self._pending.append(path)
        self._next()

    def _next(self) -> None:
        if not self._ready or self._busy or not self._pending:
            return
        # Only the latest file counts: opening each in turn would only close the one before.
        path = next((p for p in reversed(self._pending) if p), None)
        self._pending.clear()
        self._busy = True
        try:
            raise_window(self.window)
            if path:
                self.window.open_plan(Path(path))
        finally:
            self._busy = False
        self._next()

    # --- the local socket -------------------------------------------------------------------------

    def listen(self, name: str | None = None) -> bool:
        from PySide6.QtNetwork import QLocalServer

        name = name or server_name()
        if _may_be_running(name) and _answers(name):
            # Another instance started at the same moment and listens already. (Qt would not refuse:
            # with socket options set it binds elsewhere and renames the socket over the other one's.)
            log.warning("Not listening for other launches: another smoplanner listens already")
            return False
        QLocalServer.removeServer(name)  # a socket file left behind by an instance that crashed
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)  # this user only
        if not server.listen(name):
            log.warning("Not listening for other launches: %s", server.errorString())
            server.deleteLater()
            return False
        server.newConnection.connect(self._accept)
        self.server = server
        return True

    def _accept(self) -> None:
        assert self.server is not None
        while self.server.hasPendingConnections():
            socket = self.server.nextPendingConnection()
            socket.disconnected.connect(socket.deleteLater)
            socket.readyRead.connect(partial(self._read, socket))
            self._read(socket)

    def _read(self, socket: QLocalSocket) -> None:
        if not socket.canReadLine():
            return
        line = bytes(socket.readLine().data())
        try:
            message = json.loads(line)
            path = message["open"]
            if path is not None and not isinstance(path, str):
                raise ValueError(path)
        except (ValueError, KeyError, TypeError):
            log.warning("Ignored a malformed message from another launch: %r", line[:200])
            socket.abort()
            return
        socket.write(ACK)
        socket.flush()
        # Opened once this slot has returned: open_plan may show dialogs and wait for the user.
        QTimer.singleShot(0, self, partial(self.request, path))


def _answers(name: str) -> bool:
    from PySide6.QtNetwork import QLocalSocket

    probe = QLocalSocket()
    probe.connectToServer(name)
    alive = probe.waitForConnected(CONNECT_MS)
    probe.abort()
    return alive
