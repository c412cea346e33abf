"""Small helpers shared by the tests."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from smoplanner.cli import main
from smoplanner.core.plan_settings import PlanSettingsData, platform_entry
from smoplanner.store.planfile import PlanFile


def sample_settings(name: str = "Bäckerei Sonne") -> PlanSettingsData:
    return PlanSettingsData(
        business_name=name,
        website="https://baeckerei-sonne.de",
        keywords=("sourdough bread", "Hamburg bakery"),
        currency="EUR",
        timezone="Europe/Berlin",
        locale="de_DE",
        platforms=(platform_entry("instagram"), platform_entry("facebook")),
    )


def new_plan(path: Path, name: str = "Bäckerei Sonne") -> PlanFile:
    return PlanFile.create(path, sample_settings(name))


def make_plan_file(path: Path, name: str = "Bäckerei Sonne") -> Path:
    new_plan(path, name).close()
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def snapshot(path: Path) -> tuple[str, int]:
    """The file's content hash and mtime, to prove a refusal left it untouched."""
    return sha256(path), path.stat().st_mtime_ns


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Runs `smoplanner ARGV…` in-process: (exit code, stdout, stderr)."""
    try:
        code = main(list(argv))
    except SystemExit as exc:  # argparse's usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def crash_after_edit(path: Path, business_name: str) -> None:
    """In a child process: open the plan, rename the business, then exit without closing (a crash)."""
    import os

    from smoplanner.store.settings import get_settings, update_settings

    pid = os.fork()
    if pid == 0:
        try:
            plan = PlanFile.open(path)
            with plan.session() as s:
                update_settings(s, get_settings(s).with_changes(business_name=business_name))
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
