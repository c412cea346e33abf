"""Small helpers shared by the tests."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

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


def post_row(title: str, text: str, scheduled_at: datetime, *, post_id: int = 1, **changes: Any) -> Any:
    """A calendar row (``store.PostRow``) for one Instagram post with nothing else set; ``changes`` override."""
    from smoplanner.store.posts import PostRow

    values: dict[str, Any] = dict(
        id=post_id, title=title, text=text, scheduled_at=scheduled_at, status="draft", pillar_id=None,
        pillar_name="", pillar_color="", campaign="", link="", platforms=("instagram",), variants=(),
        media_notes="", alt_text="", boosted=False, boost_minor=0, notes="", published_url="", series_id=None,
        has_problems=False, media=(),
    )  # fmt: skip
    values.update(changes)
    return PostRow(**values)


@contextmanager
def shown_results_tab(qtbot: Any, path: Path) -> Iterator[Any]:
    """The Results tab on the plan at ``path``, shown at 1100×720 once its first chart is drawn."""
    from smoplanner.ui.document import PlanDocument
    from smoplanner.ui.results.tab import ResultsTab
    from smoplanner.ui.tasks import runner_for

    plan = PlanFile.open(path, lock="none")
    tab = ResultsTab(PlanDocument(plan))
    qtbot.addWidget(tab)
    tab.resize(1100, 720)
    tab.show()
    qtbot.waitUntil(lambda: tab.artists is not None and not tab.loading)
    try:
        yield tab
    finally:
        runner_for(tab).wait_all()  # a read still on its way ends before the plan closes
        tab.close()
        plan.close(save=False)


def demo_plan_file(tmp_path_factory: pytest.TempPathFactory, locale: str | None = None) -> Path:
    """A new file of the sample plan (in ``locale`` when given), in a folder of its own."""
    import dataclasses

    from smoplanner.store.demo import demo_settings, fill_demo

    settings = demo_settings() if locale is None else dataclasses.replace(demo_settings(), locale=locale)
    path = tmp_path_factory.mktemp("demo") / f"demo-{locale or 'sample'}.smoplan"
    PlanFile.create(path, settings, fill=fill_demo).close()
    return path
