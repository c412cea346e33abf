"""Exported CSVs open safely in a spreadsheet and read back unchanged."""

from __future__ import annotations

import csv
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smoplanner.formats.csvwrite import FORMULA_TRIGGERS, restore_cell, safe_cell, write_csv


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ('=HYPERLINK("http://evil.example","click")', '\'=HYPERLINK("http://evil.example","click")'),
        ("+1", "'+1"),
        ("-1+2", "'-1+2"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tTAB", "'\tTAB"),
        ("\rCR", "'\rCR"),
        ("\nLF", "'\nLF"),
        ("'=already", "''=already"),
        ("plain text", "plain text"),
        ("it's fine", "it's fine"),
        ("'quoted", "'quoted"),
        ("", ""),
    ],
)
def test_formula_triggers_are_guarded_and_restored(text, written):
    assert safe_cell(text) == written
    assert restore_cell(written) == text


def test_numbers_stay_numbers():
    assert safe_cell(Decimal("-12.50")) == "-12.50"
    assert safe_cell(-3) == "-3"
    assert safe_cell(None) == ""
    assert safe_cell(True) == "yes"


def test_write_csv_is_utf8_bom_crlf_rfc4180(tmp_path):
    path = tmp_path / "out.csv"
    write_csv(path, ["name", "amount"], [['Café, "crème"\nnew line', Decimal("-2.50")], ["=1+1", 7]])
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert data.count(b"\r\n") == 3
    assert b'"Caf\xc3\xa9, ""cr\xc3\xa8me""\nnew line",-2.50\r\n' in data
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["name", "amount"], ['Café, "crème"\nnew line', "-2.50"], ["'=1+1", "7"]]
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]  # no temporary file left behind


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",))))
def test_restore_cell_undoes_safe_cell_for_any_text(text):
    assert restore_cell(safe_cell(text)) == text
    assert not safe_cell(text).startswith(FORMULA_TRIGGERS)


def test_an_exported_file_follows_the_umask_and_keeps_a_replaced_files_mode(tmp_path) -> None:
    import os
    import stat

    from smoplanner.formats.csvwrite import write_csv

    old = os.umask(0o022)
    try:
        new = tmp_path / "new.csv"
        write_csv(new, ["title"], [["Rye loaf"]])
        assert stat.S_IMODE(new.stat().st_mode) == 0o644  # like any new file, not 0600
        os.umask(0o077)
        private = tmp_path / "private.csv"
        write_csv(private, ["title"], [["Rye loaf"]])
        assert stat.S_IMODE(private.stat().st_mode) == 0o600  # the user asked for private files
        os.umask(0o022)
        new.chmod(0o664)
        write_csv(new, ["title"], [["Stollen"]])
        assert stat.S_IMODE(new.stat().st_mode) == 0o664  # overwriting keeps the file's own mode
    finally:
        os.umask(old)


def test_user_text_keeps_the_formula_guard_in_the_posts_csv(tmp_path) -> None:
    import csv
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from smoplanner.core.money import currency
    from smoplanner.core.posts import PostRecord
    from smoplanner.formats.posts_csv import write_posts_csv

    berlin = ZoneInfo("Europe/Berlin")
    record = PostRecord("=SUM(A1)", "+49 call us", ("instagram",), datetime(2026, 11, 26, 9, tzinfo=berlin))
    path = tmp_path / "posts.csv"
    write_posts_csv(path, [record], tz=berlin, currency=currency("EUR"))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert (row["title"], row["text"], row["utc_offset"]) == ("'=SUM(A1)", "'+49 call us", "UTC+01:00")
