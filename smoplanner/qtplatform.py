"""Whether Qt's X11 platform plugin can load, and which system packages to install when it cannot.

Qt's own message for a plugin that cannot load names one library at best (often not the missing one)
and then aborts; smoplanner checks first and names every missing library and its package.
"""

from __future__ import annotations

import importlib.util
import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

#: The system libraries Qt's xcb plugin loads (``ldd`` on PySide6's ``libqxcb.so``, the C library and
#: what every system has left out), each with the Debian and Ubuntu package that holds it.
XCB_LIBRARIES: Mapping[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
}

Loader = Callable[[str], object]


def _dlopen(name: str) -> object:
    import ctypes  # only on Linux, before the window: a few milliseconds

    return ctypes.CDLL(name)


def xcb_plugin(environ: Mapping[str, str] | None = None, platform: str | None = None) -> Path | None:
    """PySide6's xcb plugin when Qt will use it to open the window (on Linux, under X11); else None."""
    environ = os.environ if environ is None else environ
    if (platform or sys.platform) != "linux":
        return None
    chosen = environ.get("QT_QPA_PLATFORM", "")
    if chosen:
        if not chosen.startswith("xcb"):
            return None  # offscreen, wayland, …
    elif environ.get("XDG_SESSION_TYPE") == "wayland" or environ.get("WAYLAND_DISPLAY"):
        return None  # Qt may open the window through Wayland
    if environ.get("QT_PLUGIN_PATH") or environ.get("QT_QPA_PLATFORM_PLUGIN_PATH"):
        return None  # plugins from elsewhere: Qt says for itself what they lack
    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    plugin = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    return plugin if plugin.exists() else None


def plugin_problem(plugin: Path, load: Loader | None = None) -> str | None:
    """One line saying why ``plugin`` cannot load and what to install; None when it loads."""
    load = load or _dlopen
    try:
        load(str(plugin))  # loads what Qt would load a moment later anyway
    except OSError as exc:
        named = re.match(r"([^:\s]+\.so[.\d]*):", str(exc))
        missing = [name for name in XCB_LIBRARIES if not _loads(load, name)]
        if named and named.group(1) not in missing and named.group(1) != plugin.name:
            missing.insert(0, named.group(1))
        if not missing:
            return f"smoplanner cannot open its window: Qt's X11 platform plugin does not load ({exc})."
        return describe_missing(missing)
    return None


def _loads(load: Loader, name: str) -> bool:
    try:
        load(name)
    except OSError:
        return False
    return True


def describe_missing(missing: list[str]) -> str:
    """One line for the user: the missing libraries and the command that installs them."""
    packages = [XCB_LIBRARIES[name] for name in missing if name in XCB_LIBRARIES]
    line = (
        f"smoplanner cannot open its window: Qt's X11 support needs "
        f"{'a library' if len(missing) == 1 else 'libraries'} that {'is' if len(missing) == 1 else 'are'} "
        f"not installed ({', '.join(missing)})."
    )
    if packages:
        line += f" On Debian or Ubuntu: sudo apt install {' '.join(packages)}"
    return line


def platform_problem(
    environ: Mapping[str, str] | None = None, platform: str | None = None, load: Loader | None = None
) -> str | None:
    """What stops the window from opening, in one line; None when nothing does (as far as can be seen)."""
    plugin = xcb_plugin(environ, platform)
    return None if plugin is None else plugin_problem(plugin, load)
