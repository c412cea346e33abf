"""The command line: new, check and report, their exit codes and messages."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import make_plan_file, snapshot
from helpers import run_cli as run


def test_new_demo_then_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "cafe.smoplan"
    code, out, err = run(capsys, "new", str(plan), "--demo")
    assert (code, err) == (0, "")
    assert "Café Lumen" in out and plan.exists()
    code, out, err = run(capsys, "check", str(plan))
    assert code == 0, err
    assert out.startswith("cafe.smoplan: OK.") and "Café Lumen" in out


def test_new_with_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "salon.smoplan"
    code, _out, err = run(
        capsys, "new", str(plan), "--name", "Salon Mira", "--currency", "chf", "--timezone", "Europe/Zurich"
    )
    assert code == 0, err
    code, out, _ = run(capsys, "report", str(plan), "--month", "2026-12", "--json")
    report = json.loads(out)
    assert report["month"] == "2026-12" and report["currency"] == "CHF"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--currency", "EURO"], "not a currency code"),
        (["--currency", "XQQ"], "not a currency code"),
        (["--timezone", "Mars/Olympus"], "not a time zone"),
        (["--name", "   "], "business name"),
    ],
)
def test_new_rejects_bad_settings_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    plan = tmp_path / "bad.smoplan"
    code, out, err = run(capsys, "new", str(plan), *args)
    assert code == 1 and out == ""
    assert words in err and err.count("\n") == 1
    assert not plan.exists()
    assert not list(tmp_path.iterdir())


def test_new_refuses_an_existing_file_and_wrong_extension(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = make_plan_file(tmp_path / "a.smoplan")
    before = snapshot(plan)
    code, _, err = run(capsys, "new", str(plan))
    assert code == 1 and "already exists" in err
    assert snapshot(plan) == before
    code, _, err = run(capsys, "new", str(tmp_path / "a.txt"))
    assert code == 1 and ".smoplan" in err
    assert not (tmp_path / "a.txt").exists()


def test_check_bad_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "notes.smoplan"
    text.write_text("hello")
    code, out, err = run(capsys, "check", str(text))
    assert code == 1 and out == "" and "not a smoplanner plan" in err
    code, _, err = run(capsys, "check", str(tmp_path / "missing.smoplan"))
    assert code == 1 and "no plan at" in err


def test_report_json_keys_and_bad_month(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = make_plan_file(tmp_path / "a.smoplan")
    code, out, _ = run(capsys, "report", str(plan), "--month", "2026-12", "--json")
    assert code == 0
    report = json.loads(out)
    assert report["month"] == "2026-12" and report["currency"] == "EUR"
    code, out, err = run(capsys, "report", str(plan), "--month", "2026-13")
    assert code == 1 and out == "" and "YYYY-MM" in err
    code, out, _ = run(capsys, "report", str(plan), "--month", "2026-12")
    assert code == 0 and out.startswith("Bäckerei Sonne: 2026-12 (EUR)")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert run(capsys, "report", str(tmp_path / "a.smoplan"))[0] == 2  # --month is required
    assert run(capsys, "new")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2
    assert run(capsys, "--no-such-option")[0] == 2
    code, out, _ = run(capsys, "--help")
    assert code == 0
    for command in ("new", "check", "report"):
        assert command in out


def test_the_installed_entry_point(tmp_path: Path) -> None:
    plan = tmp_path / "x.smoplan"
    env = dict(os.environ)
    result = subprocess.run(
        [sys.executable, "-m", "smoplanner", "new", str(plan), "--demo"], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "smoplanner", "check", str(plan)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0 and "OK" in result.stdout
    result = subprocess.run(
        [sys.executable, "-m", "smoplanner", "check", str(tmp_path / "nope.smoplan")],
        capture_output=True,
        text=True,
        env=env,
    )
    assert result.returncode == 1 and result.stderr.count("\n") == 1


_NO_ALEMBIC = """
import sys
from smoplanner.cli import main
codes = [main(["check", sys.argv[1]]), main(["report", sys.argv[1], "--month", "2026-12", "--json"])]
print(codes, "alembic" in sys.modules)
"""


def test_check_and_report_of_a_current_plan_do_not_load_alembic(tmp_path: Path) -> None:
    """Alembic is only for upgrading old files; checking or reporting a current one stays quick."""
    plan = make_plan_file(tmp_path / "a.smoplan")
    result = subprocess.run([sys.executable, "-c", _NO_ALEMBIC, str(plan)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[0, 0] False"


def test_check_of_an_old_plan_compares_the_upgraded_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import shutil

    old = tmp_path / "old.smoplan"
    shutil.copyfile(Path(__file__).parent / "data" / "plans" / "format1-cafe.smoplan", old)
    code, out, err = run(capsys, "check", str(old))
    assert code == 0, err
    assert "upgraded in memory from format 1" in out
