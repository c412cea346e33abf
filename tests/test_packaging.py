"""Desktop packaging: the MIME magic against a real plan, the metadata files agreeing with each other and
the app, the icon writers, and the command line's `smoplanner WORD` (exit 2)."""

from __future__ import annotations

import configparser
import importlib.util
import plistlib
import sqlite3
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from helpers import make_plan_file

from smoplanner import __main__ as entry
from smoplanner import __version__
from smoplanner.store.fileformat import APPLICATION_ID, EXTENSION

CHECKOUT = Path(__file__).resolve().parents[1]
PACKAGING = CHECKOUT / "packaging"
APP_ID = "org.smoplanner.smoplanner"
MIME_TYPE = "application/x-smoplanner"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"


def _build_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("smoplanner_build", PACKAGING / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _mime_type() -> ET.Element:
    root = ET.parse(PACKAGING / "linux" / f"{APP_ID}.xml").getroot()
    (mime,) = root.findall(f"{MIME_NS}mime-type")
    assert mime.get("type") == MIME_TYPE
    return mime


def _value(match: ET.Element) -> bytes:
    """A shared-mime-info match's bytes (the spec's string escapes; bigN numbers)."""
    kind, value = match.get("type"), match.get("value", "")
    if kind == "string":
        return value.encode("latin-1").decode("unicode_escape").encode("latin-1")
    if kind == "big32":
        return struct.pack(">I", int(value, 0))
    raise AssertionError(f"unexpected match type {kind}")


def _matches(match: ET.Element, data: bytes) -> bool:
    offset = int(match.get("offset", "0"))
    value = _value(match)
    here = data[offset : offset + len(value)] == value
    children = match.findall(f"{MIME_NS}match")
    return here and (not children or any(_matches(child, data) for child in children))


def test_the_mime_magic_matches_a_plan_made_by_smoplanner_and_nothing_else(tmp_path: Path) -> None:
    mime = _mime_type()
    assert [g.get("pattern") for g in mime.findall(f"{MIME_NS}glob")] == [f"*{EXTENSION}"]
    (magic,) = mime.findall(f"{MIME_NS}magic")
    rules = magic.findall(f"{MIME_NS}match")
    plan = make_plan_file(tmp_path / f"cafe{EXTENSION}").read_bytes()[:100]
    assert any(_matches(rule, plan) for rule in rules)
    # Its header: the SQLite magic at 0, the application id at 68, as the rule says.
    (top,) = rules
    assert (top.get("offset"), _value(top)) == ("0", b"SQLite format 3\0")
    (inner,) = top.findall(f"{MIME_NS}match")
    assert inner.get("offset") == "68" and _value(inner) == struct.pack(">I", APPLICATION_ID) == b"SMOP"

    other = tmp_path / "other.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    assert not any(_matches(rule, other.read_bytes()[:100]) for rule in rules)
    assert mime.find(f"{MIME_NS}sub-class-of").get("type") == "application/vnd.sqlite3"  # type: ignore[union-attr]


def test_the_file_magic_says_the_same() -> None:
    lines = (PACKAGING / "magic" / "smoplanner.magic").read_text().splitlines()
    rules = [line.split("\t") for line in lines if line and not line.startswith("#")]
    assert rules[0][:3] == ["0", "string", "SQLite\\ format\\ 3"]
    assert rules[1][:3] == [">68", "belong", f"={APPLICATION_ID:#010X}".replace("0X", "0x")]
    assert ["!:mime", MIME_TYPE] in [r[:2] for r in rules]


def test_the_desktop_entry_and_metainfo_name_the_app_its_icon_and_file_type() -> None:
    desktop = configparser.ConfigParser(interpolation=None)
    desktop.optionxform = str  # type: ignore[assignment,method-assign]
    desktop.read(PACKAGING / "linux" / f"{APP_ID}.desktop")
    entry_ = desktop["Desktop Entry"]
    assert entry_["Exec"] == "smoplanner %f"
    assert entry_["Icon"] == APP_ID
    assert MIME_TYPE in entry_["MimeType"].split(";")
    assert desktop["Desktop Action new-window"]["Exec"] == f"smoplanner {entry.NEW_INSTANCE}"

    meta = ET.parse(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml").getroot()
    assert meta.findtext("id") == APP_ID
    assert meta.findtext("launchable") == f"{APP_ID}.desktop"
    assert meta.findtext("provides/mediatype") == MIME_TYPE
    assert meta.find("releases/release").get("version") == __version__  # type: ignore[union-attr]
    shots = [image.text or "" for image in meta.iter("image")]
    assert shots and all((CHECKOUT / "docs" / "screenshots" / s.rsplit("/", 1)[-1]).is_file() for s in shots)

    from smoplanner.ui.app_icon import DESKTOP_ID

    assert DESKTOP_ID == APP_ID


def test_the_macos_plist_exports_a_uti_for_plans_and_opens_them() -> None:
    info = plistlib.loads((PACKAGING / "macos" / "Info.plist").read_bytes())
    (uti,) = info["UTExportedTypeDeclarations"]
    assert uti["UTTypeTagSpecification"]["public.filename-extension"] == [EXTENSION.lstrip(".")]
    assert uti["UTTypeTagSpecification"]["public.mime-type"] == [MIME_TYPE]
    assert "public.data" in uti["UTTypeConformsTo"]
    (doc,) = info["CFBundleDocumentTypes"]
    assert doc["LSItemContentTypes"] == [uti["UTTypeIdentifier"]]
    assert (doc["CFBundleTypeRole"], doc["LSHandlerRank"]) == ("Editor", "Owner")
    assert info["CFBundleIdentifier"] == APP_ID


def test_the_windows_installer_is_per_user_and_registers_plans() -> None:
    script = (PACKAGING / "windows" / "smoplanner.iss").read_text()
    assert "PrivilegesRequired=lowest" in script
    assert 'Subkey: "Software\\Classes\\.smoplan"' in script
    assert "Open with smoplanner" in script
    assert '"{app}\\smoplannerw.exe"" ""%1"""' in script
    assert "{autoprograms}\\smoplanner" in script


def test_the_icon_writers_make_well_formed_ico_and_icns() -> None:
    build = _build_module()
    icons = CHECKOUT / "resources" / "icons"
    pngs = {size: (icons / f"smoplanner-{size}.png").read_bytes() for size in build.ICON_SIZES}
    assert all(png.startswith(b"\x89PNG\r\n\x1a\n") for png in pngs.values())
    assert all(struct.unpack(">II", png[16:24]) == (size, size) for size, png in pngs.items())

    small = {s: p for s, p in pngs.items() if s <= 256}
    ico = build.ico_bytes(small)
    assert struct.unpack("<HHH", ico[:6]) == (0, 1, len(small))
    for i, size in enumerate(sorted(small)):
        width, _h, _c, _r, _p, _bits, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        assert width == size % 256 and ico[offset : offset + length] == small[size]

    icns = build.icns_bytes(pngs)
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    kinds, at = [], 8
    while at < len(icns):
        kinds.append(icns[at : at + 4])
        at += struct.unpack(">I", icns[at + 4 : at + 8])[0]
    assert at == len(icns) and kinds == [kind for kind, _ in build.ICNS_TYPES]


def test_the_app_icon_has_every_size(qapp) -> None:
    from smoplanner.ui.app_icon import app_icon

    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(48, 48).width() == 48


# --- the command line -------------------------------------------------------------------------------


def test_a_word_that_is_neither_a_command_nor_a_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["frobnicate"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: smoplanner")
    assert "'frobnicate' is neither a command (new, check, report, print, import, export) nor a file" in err


def test_new_instance_takes_a_plan_not_a_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert entry.main(["--new-instance", "check", "x.smoplan"]) == 2
    assert entry.main(["--new-instance", "--help"]) == 2
    assert capsys.readouterr().err.count("usage: smoplanner") == 2


def test_what_opens_the_window(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    opened: list[tuple[str | None, bool]] = []
    import smoplanner.app

    monkeypatch.setattr(
        smoplanner.app, "run", lambda path=None, *, new_instance=False: opened.append((path, new_instance)) or 0
    )
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cafe").write_bytes(b"")  # an existing file, whatever its name
    assert entry.main(["cafe"]) == 0
    assert entry.main(["missing.smoplan"]) == 0  # the window says it is missing (tests/ui/test_single_instance.py)
    assert entry.main([]) == 0
    assert entry.main(["--new-instance", "cafe"]) == 0
    assert entry.main(["--new-instance"]) == 0
    assert opened == [("cafe", False), ("missing.smoplan", False), (None, False), ("cafe", True), (None, True)]
    assert capsys.readouterr().err == ""


def test_about_names_the_versions_and_folders(qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    import platform

    from PySide6.QtWidgets import QMessageBox

    from smoplanner.paths import config_dir, log_dir
    from smoplanner.ui.mainwindow import MainWindow

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    window = MainWindow()
    qtbot.addWidget(window)
    window.about()
    (text,) = shown
    assert f"Python {platform.python_version()}" in text
    assert f"SQLite {sqlite3.sqlite_version}" in text
    assert "Qt 6." in text and "PySide6 6." in text
    assert str(config_dir()) in text and str(log_dir()) in text
