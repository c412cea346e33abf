"""Start-up time of `smoplanner PLAN` against two references: a bare PySide6 window, and the same window
that then imports SQLAlchemy's ORM (what any Qt + SQLAlchemy app has to load).

Run: python benchmarks/startup.py [--runs 7]. Everything is measured side by side in one run, offscreen,
as the wall-clock time from starting a fresh process to its mark:

- bare PySide6 window: its first paint;
- bare window + import sqlalchemy.orm: the import, made after the window's first paint;
- smoplanner PLAN, window painted: the main window's first paint (its shell: the title, the menu bar's
  titles, "Opening cafe…"; before any plan is read);
- smoplanner PLAN, demo plan shown: the main window's first paint after the plan's tabs are built.

Each process says when it reaches its mark (a line on its standard output, with the CPU time it has
used), and the time is taken then: quitting and tearing down are not part of starting.

Targets: window painted <= 1.2x the bare window; plan shown <= 1.3x the bare window + sqlalchemy.orm.
The machine may be shared and noisy: the medians are compared, and the runs interleave the four.
Python's byte-code caches are on for every run (in a temporary folder), as they are for an installed
smoplanner, even where PYTHONDONTWRITEBYTECODE is set: the warm-up run writes them.
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

# Says so (and quits) as soon as the window has been painted once, or imports SQLAlchemy first.
BARE = """
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

def then():
    if "--sqlalchemy" in sys.argv:
        import sqlalchemy.orm
    print("shown", time.process_time(), flush=True)
    app.quit()

class FirstPaint(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self)
            QTimer.singleShot(0, then)
        return False

app = QApplication(sys.argv[:1])
first_paint = FirstPaint()
app.installEventFilter(first_paint)
w = QMainWindow()
w.setWindowTitle("bare")
w.resize(1100, 720)
w.show()
app.exec()
"""

LABELS = {
    "bare": "bare PySide6 window",
    "bare_sa": "bare window + import sqlalchemy.orm",
    "window": "smoplanner PLAN, window painted",
    "plan": "smoplanner PLAN, demo plan shown",
}


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall-clock and CPU (user + system) seconds of one run of ``cmd`` up to its mark: the line
    "shown <CPU seconds>" it prints then (what it does to quit afterwards is not counted)."""
    start = time.perf_counter()
    with subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as child:
        assert child.stdout is not None
        line = child.stdout.readline()
        wall = time.perf_counter() - start
        child.stdout.read()
    if child.returncode != 0 or not line.startswith("shown "):
        raise RuntimeError(f"{cmd} ended with {child.returncode} before its mark")
    return wall, float(line.split()[1])


def measure(runs: int) -> dict[str, list[tuple[float, float]]]:
    """The (wall, CPU) times of each of the four starts, ``runs`` of each, interleaved."""
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(
            os.environ,
            QT_QPA_PLATFORM="offscreen",
            SMOPLANNER_CONFIG_DIR=f"{tmp}/config",
            SMOPLANNER_CACHE_DIR=f"{tmp}/cache",
            # Byte-compiled as an installed smoplanner is (pip compiles it), whatever the shell says:
            # the warm-up run writes the caches, outside the source tree.
            PYTHONPYCACHEPREFIX=f"{tmp}/pycache",
        )
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        plan = Path(tmp) / "cafe.smoplan"
        subprocess.run(
            [sys.executable, "-m", "smoplanner", "new", str(plan), "--demo"],
            check=True,
            env=env,
            stdout=subprocess.DEVNULL,
        )
        app = [sys.executable, "-m", "smoplanner", str(plan)]
        starts = {
            "bare": ([sys.executable, "-c", BARE], env),
            "bare_sa": ([sys.executable, "-c", BARE, "--sqlalchemy"], env),
            "window": (app, dict(env, SMOPLANNER_QUIT_WHEN_SHOWN="window")),
            "plan": (app, dict(env, SMOPLANNER_QUIT_WHEN_SHOWN="plan")),
        }
        for cmd, cmd_env in starts.values():  # warm the disk cache for all
            timed(cmd, cmd_env)
        times: dict[str, list[tuple[float, float]]] = {key: [] for key in starts}
        for _ in range(runs):
            for key, (cmd, cmd_env) in starts.items():
                times[key].append(timed(cmd, cmd_env))
    return times


def report(times: dict[str, list[tuple[float, float]]]) -> str:
    walls = {key: [wall for wall, _ in values] for key, values in times.items()}
    cpus = {key: [cpu for _, cpu in values] for key, values in times.items()}
    wall = {key: statistics.median(values) for key, values in walls.items()}
    cpu = {key: statistics.median(values) for key, values in cpus.items()}
    lines = [
        f"{LABELS[key]:38s} median {wall[key] * 1000:5.0f} ms  min {min(walls[key]) * 1000:5.0f} ms"
        f"  (CPU median {cpu[key] * 1000:5.0f} ms)"
        for key in times
    ]
    # CPU time is told too: on a busy machine it varies much less than wall-clock time.
    for label, mark, reference, target in (
        ("window painted / bare window", "window", "bare", 1.2),
        ("plan shown / bare window + sqlalchemy", "plan", "bare_sa", 1.3),
    ):
        lines.append(
            f"{label + ':':38s} {wall[mark] / wall[reference]:.2f}x wall-clock, "
            f"{cpu[mark] / cpu[reference]:.2f}x CPU (target <= {target}x)"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    print(report(measure(args.runs)))


if __name__ == "__main__":
    main()
