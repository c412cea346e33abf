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
