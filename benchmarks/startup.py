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
            SMOPLANNER_QUIT_WHEN_SHOWN="1",
        )
        plan = Path(tmp) / "cafe.smoplan"
        subprocess.run(
            [sys.executable, "-m", "smoplanner", "new", str(plan), "--demo"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        bare, ours = [], []
        timed([sys.executable, "-c", BARE], env)  # warm the disk cache for both
        timed([sys.executable, "-m", "smoplanner", str(plan)], env)
        for _ in range(args.runs):
            bare.append(timed([sys.executable, "-c", BARE], env))
            ours.append(timed([sys.executable, "-m", "smoplanner", str(plan)], env))
    b, o = statistics.median(bare), statistics.median(ours)
    print(f"bare PySide6 window:        median {b * 1000:.0f} ms  (min {min(bare) * 1000:.0f})")
    print(f"smoplanner PLAN (demo plan): median {o * 1000:.0f} ms  (min {min(ours) * 1000:.0f})")
    print(f"difference: {(o - b) * 1000:.0f} ms ({o / b:.2f}x)")


if __name__ == "__main__":
    main()
