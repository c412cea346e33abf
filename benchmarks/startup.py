"""Start-up time of `smoplanner PLAN` (until the window shows the plan) against a bare PySide6 window.

Run: python benchmarks/startup.py [--runs 7]. Both are measured side by side in one run, offscreen,
as wall-clock time of a fresh process that quits as soon as its window is shown.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow()
w.setWindowTitle("bare")
w.resize(1100, 720)
w.show()
QTimer.singleShot(0, app.quit)
app.exec()
"""


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            SMOPLANNER_CONFIG_DIR=f"{tmp}/config",
            SMOPLANNER_CACHE_DIR=f"{tmp}/cache",
        )
        window_env = dict(env, SMOPLANNER_QUIT_WHEN_SHOWN="window")
        plan_env = dict(env, SMOPLANNER_QUIT_WHEN_SHOWN="plan")
        plan = Path(tmp) / "cafe.smoplan"
        subprocess.run(
            [sys.executable, "-m", "smoplanner", "new", str(plan), "--demo"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        bare, window, shown = [], [], []
        cmd = [sys.executable, "-m", "smoplanner", str(plan)]
        timed([sys.executable, "-c", BARE], env)  # warm the disk cache for both
        timed(cmd, plan_env)
        for _ in range(args.runs):
            bare.append(timed([sys.executable, "-c", BARE], env))
            window.append(timed(cmd, window_env))
            shown.append(timed(cmd, plan_env))
    b = statistics.median(bare)
    for label, times in (
        ("bare PySide6 window", bare),
        ("smoplanner PLAN, window shown", window),
        ("smoplanner PLAN, demo plan shown", shown),
    ):
        m = statistics.median(times)
        print(f"{label:34s} median {m * 1000:4.0f} ms  min {min(times) * 1000:4.0f} ms  ({m / b:.2f}x bare)")


if __name__ == "__main__":
    main()
