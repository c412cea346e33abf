"""The Qt binding in use survives a long session (PySide6 6.12.0 on Python 3.11 crashed after ~10,000 calls)."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

_MANY_CALLS = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QModelIndex
    from PySide6.QtWidgets import QApplication, QLabel
    app = QApplication([])
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(50_000):
        label.setText("x")
        QModelIndex().data()
    print(sys.getrefcount(None) - before)
    """
)


def test_many_qt_calls_do_not_corrupt_none() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run([sys.executable, "-c", _MANY_CALLS], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-500:]
    assert abs(int(result.stdout.strip())) < 10
