"""The application's icon and desktop identity (window, task bar, About; the .desktop file's name)."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from smoplanner.resources import resource

#: The reverse-DNS id of packaging/linux's .desktop file, metainfo and MIME package.
DESKTOP_ID = "org.smoplanner.smoplanner"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def app_icon() -> QIcon:
    """The icon from its PNG sizes: read lazily, when a size is first drawn (no SVG plugin at start-up)."""
    icon = QIcon()
    for size in SIZES:
        icon.addFile(str(resource("icons", f"smoplanner-{size}.png")))
    return icon
