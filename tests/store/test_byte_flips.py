"""Property: a byte flipped anywhere in a saved plan is refused in one line, or changed nothing (issue 8).

With the checksum each save stores, a flip that SQLite's own checks miss (a byte inside a text or a number)
no longer opens with silently changed content. No command ends in a traceback, whatever the byte.
"""

from __future__ import annotations

import io
import shutil
import sqlite3
from contextlib import redirect_stderr, redirect_stdout
from datetime import UTC, datetime, timedelta
from pathlib import Path

from helpers import make_plan_file
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smoplanner.cli import main
from smoplanner.core.posts import PostRecord
from smoplanner.store.checksum import content_digest
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import import_records


def _small_plan(path: Path) -> Path:
    make_plan_file(path, name="Flip Bakery")
    plan = PlanFile.open(path)
    with plan.session() as s:
        start = datetime(2026, 12, 1, 9, tzinfo=UTC)
        import_records(
            s,
            [
                PostRecord(
                    title=f"Post {i}",
                    text=f"Fresh bread number {i} #sourdough",
                    platforms=("instagram",),
                    scheduled_at=start + timedelta(days=i),
                    status="scheduled",
                )
                for i in range(6)
            ],
        )
    plan.save()
    plan.close()
    return path


def _digest_of(path: Path, scratch: Path) -> str:
    shutil.copyfile(path, scratch)  # read a copy: SQLite never writes beside the file under test
    con = sqlite3.connect(scratch)
    try:
        # What smoplanner shows: the tables, with indexes rebuilt from them as opening does (a flipped byte
        # in an index page changes no content, but would change the order this raw reading goes by).
        con.execute("REINDEX")
        return content_digest(con)
    finally:
        con.close()
        scratch.unlink()


def _run(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(list(argv))  # anything but PlanError/UserError propagates: a traceback fails the test
    return code, out.getvalue(), err.getvalue()


def test_a_flipped_byte_is_refused_in_one_line_or_changes_nothing(tmp_path: Path) -> None:
    original = _small_plan(tmp_path / "original.smoplan")
    data = original.read_bytes()
    expected = _digest_of(original, tmp_path / "scratch.sqlite")
    flipped = tmp_path / "flipped.smoplan"
    outcomes = {"refused": 0, "unchanged": 0}

    @settings(max_examples=100, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow])
    @given(offset=st.integers(0, len(data) - 1), mask=st.integers(1, 255))
    def flip(offset: int, mask: int) -> None:
        changed = bytearray(data)
        changed[offset] ^= mask
        flipped.write_bytes(bytes(changed))
        code, out, err = _run("check", str(flipped))
        if code == 0:
            assert _digest_of(flipped, tmp_path / "scratch.sqlite") == expected, f"byte {offset} ^ {mask}"
            outcomes["unchanged"] += 1
        else:
            assert code == 1 and out == "", f"byte {offset} ^ {mask}: {err}"
            assert err.count("\n") == 1 and err.startswith("smoplanner check: "), f"byte {offset} ^ {mask}: {err}"
            outcomes["refused"] += 1
        for argv in (
            ("report", str(flipped), "--month", "2026-12"),
            ("export", str(flipped), "posts", "-o", str(tmp_path / "out.csv")),
        ):
            code, out, err = _run(*argv)
            assert code in (0, 1), f"byte {offset} ^ {mask}: {argv[0]} exited {code}"
            if code == 1:
                assert err.count("\n") == 1, f"byte {offset} ^ {mask}: {argv[0]}: {err}"
        (tmp_path / "out.csv").unlink(missing_ok=True)
        assert flipped.read_bytes() == bytes(changed), "no command writes to the plan it reads"

    flip()
    assert outcomes["refused"] > 0 and outcomes["unchanged"] > 0, outcomes
