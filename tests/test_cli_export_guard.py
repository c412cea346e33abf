"""`smoplanner export` never writes over a plan: not the plan it reads, not another plan, under any name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run


@pytest.fixture
def plan(tmp_path: Path) -> Path:
    return make_plan_file(tmp_path / "sonne.smoplan")


def test_export_onto_the_plan_itself_is_refused(plan: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = snapshot(plan)
    code, _out, err = run(capsys, "export", str(plan), "posts", "-o", str(plan), "--format", "csv")
    assert code == 1
    assert "plan file" in err and "never writes over a plan" in err
    assert snapshot(plan) == before


def test_export_onto_another_plan_is_refused_whatever_its_name(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = make_plan_file(tmp_path / "client.smoplan", name="Client")
    renamed = tmp_path / "client-backup.csv"
    os.link(other, renamed)  # a plan under a CSV's name is still a plan
    kept = snapshot(other)
    for target in (other, renamed, tmp_path / "new.SMOPLAN"):
        code, _out, err = run(capsys, "export", str(plan), "posts", "-o", str(target))
        assert code == 1, target
        assert "never writes over a plan" in err
    assert snapshot(other) == kept
    assert not (tmp_path / "new.SMOPLAN").exists()


def test_export_through_a_link_to_the_plan_is_refused(
    plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    link = tmp_path / "posts.ics"
    link.symlink_to(plan)
    before = snapshot(plan)
    code, _out, _err = run(capsys, "export", str(plan), "posts", "-o", str(link))
    assert code == 1
    assert snapshot(plan) == before


def test_export_to_an_ordinary_file_still_works(plan: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "posts.csv"
    out.write_text("old export\n", encoding="utf-8")
    code, stdout, _err = run(capsys, "export", str(plan), "posts", "-o", str(out))
    assert code == 0 and "Exported" in stdout
    assert out.read_text(encoding="utf-8-sig").startswith("date,")
