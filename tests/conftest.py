"""Shared test set-up: headless Qt, isolated config and cache folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_dirs(tmp_path_factory, monkeypatch):
    """Each test gets its own config and cache folders, so recent files and working copies never leak."""
    base = tmp_path_factory.mktemp("appdirs")
    monkeypatch.setenv("SMOPLANNER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("SMOPLANNER_CACHE_DIR", str(base / "cache"))
    yield
