"""Before the window opens on Linux: a missing library of Qt's X11 plugin is named, with its package."""

from __future__ import annotations

from pathlib import Path

import pytest

from smoplanner import app, qtplatform

X11 = {"DISPLAY": ":0"}


def _system_without(*missing: str, plugin_error: str | None = None) -> qtplatform.Loader:
    """A loader for a system where the libraries ``missing`` are not installed."""

    def load(name: str) -> object:
        if name.endswith("libqxcb.so"):
            if plugin_error is not None:
                raise OSError(plugin_error)
            if missing:
                raise OSError(f"{missing[0]}: cannot open shared object file: No such file or directory")
        elif name in missing:
            raise OSError(f"{name}: cannot open shared object file: No such file or directory")
        return object()

    return load


def test_every_missing_library_is_named_with_its_package() -> None:
    problem = qtplatform.platform_problem(X11, "linux", _system_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1"))
    assert problem == (
        "smoplanner cannot open its window: Qt's X11 support needs libraries that are not installed "
        "(libxcb-icccm.so.4, libxcb-keysyms.so.1). On Debian or Ubuntu: sudo apt install libxcb-icccm4 "
        "libxcb-keysyms1"
    )
    assert "\n" not in problem


def test_a_library_outside_the_known_list_is_still_named() -> None:
    problem = qtplatform.platform_problem(X11, "linux", _system_without("libfoo.so.2", "libxcb-cursor.so.0"))
    assert problem is not None
    assert "(libfoo.so.2, libxcb-cursor.so.0)" in problem
    assert problem.endswith("sudo apt install libxcb-cursor0")


def test_a_plugin_that_fails_for_another_reason_says_why() -> None:
    problem = qtplatform.platform_problem(X11, "linux", _system_without(plugin_error="libqxcb.so: bad ELF header"))
    assert problem == (
        "smoplanner cannot open its window: Qt's X11 platform plugin does not load (libqxcb.so: bad ELF header)."
    )


def test_nothing_is_said_when_everything_is_there() -> None:
    assert qtplatform.platform_problem(X11, "linux", _system_without()) is None


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({"QT_QPA_PLATFORM": "wayland"}, "linux"),
        ({"XDG_SESSION_TYPE": "wayland"}, "linux"),
        ({"QT_PLUGIN_PATH": "/opt/qt/plugins"}, "linux"),
        ({}, "darwin"),
        ({}, "win32"),
    ],
)
def test_only_the_x11_plugin_of_pyside6_is_checked(environ: dict[str, str], platform: str) -> None:
    assert qtplatform.platform_problem(environ, platform, _system_without("libxcb-icccm.so.4")) is None


def test_the_check_finds_pyside6s_own_plugin() -> None:
    plugin = qtplatform.xcb_plugin({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert plugin is not None and plugin.name == "libqxcb.so" and plugin.exists()


def test_the_window_is_not_started_when_a_library_is_missing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    monkeypatch.setattr("sys.platform", "linux")
    monkeypatch.setenv("QT_QPA_PLATFORM", "xcb")
    monkeypatch.setattr(qtplatform, "_dlopen", _system_without("libxcb-cursor.so.0"))
    assert app.run(str(tmp_path / "cafe.smoplan")) == 2
    err = capsys.readouterr().err
    assert err == (
        "smoplanner cannot open its window: Qt's X11 support needs a library that is not installed "
        "(libxcb-cursor.so.0). On Debian or Ubuntu: sudo apt install libxcb-cursor0\n"
    )
