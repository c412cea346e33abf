"""The sample café's profiles, some in good shape and some with things to fix, and their pictures."""

from __future__ import annotations

import math
import struct
import zlib
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from smoplanner.store.profiles import TEXT_FIELDS, ImageRef, add_custom_item, set_tick, store_image, update_profile


def solid_png(width: int, height: int, colour: tuple[int, int, int], ring: tuple[int, int, int] | None = None) -> bytes:
    """A PNG of one colour, with an optional centred ring: small sample pictures without any image library."""
    rows = []
    cx, cy = width / 2, height / 2
    outer, inner = min(width, height) * 0.38, min(width, height) * 0.28
    plain = bytes(colour) * width
    for y in range(height):
        dy2 = (y + 0.5 - cy) ** 2
        if ring is None or dy2 > outer * outer:
            rows.append(b"\x00" + plain)
            continue
        line = bytearray(plain)
        far = int(math.sqrt(outer * outer - dy2))
        near = int(math.sqrt(max(inner * inner - dy2, 0.0)))
        for start, end in ((cx - far, cx - near), (cx + near, cx + far)):
            a, b = max(int(start), 0), min(int(end), width)
            line[3 * a : 3 * b] = bytes(ring) * (b - a)
        rows.append(b"\x00" + bytes(line))
    raw = zlib.compress(b"".join(rows), 9)

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", raw) + chunk(b"IEND", b"")


_DEMO_PICTURES = {
    "logo": lambda: solid_png(400, 400, (46, 64, 54), ring=(242, 201, 76)),
    "old_logo": lambda: solid_png(400, 400, (120, 72, 40), ring=(250, 250, 250)),
    "banner": lambda: solid_png(1600, 600, (201, 148, 92)),
}


def fill_profiles_demo(session: Session, demo_json: Mapping[str, Any]) -> None:
    """The sample café's profiles: some in good shape, some with things to fix."""
    raw = demo_json.get("profiles") or {}
    images: dict[str, ImageRef] = {}

    def picture(name: str | None) -> int | None:
        if not name:
            return None
        if name not in images:
            images[name] = store_image(session, _DEMO_PICTURES[name]())
        return images[name].id

    today = date.today()
    for platform, entry in raw.items():
        fields = {name: entry.get(name, "") for name in TEXT_FIELDS}
        days = entry.get("reviewed_days_ago")
        update_profile(
            session,
            platform,
            **fields,
            picture_id=picture(entry.get("picture")),
            banner_id=picture(entry.get("banner")),
            last_reviewed=None if days is None else today - timedelta(days=int(days)),
        )
        for code, state in (entry.get("ticks") or {}).items():
            set_tick(session, platform, code, state)
        for item in entry.get("custom_items") or ():
            add_custom_item(session, platform, item["label"], item.get("state", "open"))
