"""Where smoplanner keeps its own files: settings, recent plans, working copies, logs."""

from __future__ import annotations

import os
from pathlib import Path

APP = "smoplanner"


def config_dir() -> Path:
    """Settings and the recent-plans list (SMOPLANNER_CONFIG_DIR overrides, for tests and portable use)."""
    override = os.environ.get("SMOPLANNER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # imported only when needed: the window's start-up counts milliseconds

    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def cache_dir() -> Path:
    """Working copies of open plans and crash-recovery data (SMOPLANNER_CACHE_DIR overrides)."""
    override = os.environ.get("SMOPLANNER_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def documents_dir() -> Path:
    """The default folder for new plans."""
    override = os.environ.get("SMOPLANNER_DOCUMENTS_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_documents_dir())


def log_dir() -> Path:
    return cache_dir() / "logs"
