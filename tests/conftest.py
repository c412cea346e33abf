"""Shared test set-up: headless Qt, isolated config and cache folders."""

from __future__ import annotations

import gc
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Each test gets its own config and cache folders, so recent files and working copies never leak."""
    base = tmp_path_factory.mktemp("appdirs")
    monkeypatch.setenv("SMOPLANNER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("SMOPLANNER_CACHE_DIR", str(base / "cache"))
    yield


@pytest.fixture(autouse=True)
def _no_warm_ups(monkeypatch):
    """No area warm-up starts on a timer during a test (the warm-up tests start it themselves)."""
    if "smoplanner.ui.mainwindow" in sys.modules:
        monkeypatch.setattr(sys.modules["smoplanner.ui.mainwindow"], "WARM_UP_AFTER_MS", None)
    yield


@pytest.fixture(autouse=True)
def _collect_garbage_between_tests():
    """Collect each test's garbage as it ends, once its widgets are closed and its tasks are done.

    Left to chance, the collector runs at an arbitrary later allocation and may free one test's Qt
    wrappers in the middle of another test's set-up; here it runs at a known, quiet moment.
    """
    yield
    if "PySide6.QtCore" in sys.modules:
        gc.collect()
