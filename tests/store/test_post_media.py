"""Posts' pictures in a real plan file: kept once per content hash, shared, pruned, undone and checksummed."""

from __future__ import annotations

import sqlite3
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from helpers import new_plan
from PySide6.QtCore import QBuffer, QIODevice
from PySide6.QtGui import QColor, QImage

from smoplanner.core.posts import PostRecord
from smoplanner.store.planfile import PlanFile
from smoplanner.store.posts import create_post, delete_posts, get_post, restore_posts, snapshot_posts, update_post
from smoplanner.store.posts.media import MediaError, count_media_files, media_bytes, picture_item, video_item

BERLIN = ZoneInfo("Europe/Berlin")


def image_bytes(width: int, height: int, fmt: str = "PNG", color: str = "#c0804a") -> bytes:
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    assert image.save(buffer, fmt)
    return bytes(buffer.data().data())


def record(title: str, media: tuple = ()) -> PostRecord:
    return PostRecord(
        title=title,
        text=f"{title} today.",
        platforms=("instagram",),
        scheduled_at=datetime(2026, 12, 4, 15, 0, tzinfo=BERLIN),
        media=media,
    )


@pytest.fixture
def plan(tmp_path: Path) -> PlanFile:
    plan = new_plan(tmp_path / "plan.smoplan")
    yield plan
    if not plan.closed:
        plan.close(save=False)


def test_a_picture_is_read_from_its_header() -> None:
    item = picture_item(image_bytes(1080, 1350, "JPEG"), "Buns")
    assert (item.kind, item.mime, item.width, item.height, item.alt_text) == (
        "picture",
        "image/jpeg",
        1080,
        1350,
        "Buns",
    )
    with pytest.raises(MediaError, match="not a picture"):
        picture_item(b"hello, not a picture at all")
    with pytest.raises(MediaError, match="empty"):
        picture_item(b"")


def test_one_content_is_stored_once_and_shared_between_posts(plan: PlanFile) -> None:
    data = image_bytes(800, 800)
    with plan.session() as s:
        first = create_post(s, record("Buns", (picture_item(data, "Buns on a tray"),)))
        second = create_post(s, record("Buns again", (picture_item(data, "The same buns"),)))
        assert count_media_files(s) == 1
        assert media_bytes(s, get_post(s, first).media[0].sha256) == data
        assert [m.alt_text for m in get_post(s, second).media] == ["The same buns"]
        assert get_post(s, first).media[0].data is None  # read back without the bytes
    path = plan.path
    plan.close(save=True)
    reopened = PlanFile.open(path)
    try:
        with reopened.session() as s:
            assert count_media_files(s) == 1
            assert get_post(s, first).media[0].width == 800
    finally:
        reopened.close(save=False)
    con = sqlite3.connect(path)
    assert con.execute("SELECT COUNT(*) FROM media_files").fetchone() == (1,)
    assert con.execute("SELECT COUNT(*) FROM post_media").fetchone() == (2,)
    con.close()


def test_order_videos_removal_pruning_and_undo(plan: PlanFile) -> None:
    a, b = image_bytes(800, 800, color="#ff0000"), image_bytes(900, 900, color="#00ff00")
    video = video_item("/home/anna/Videos/oven.mp4", 12_000_000, "Buns rising")
    with plan.session() as s:
        post_id = create_post(s, record("Buns", (picture_item(a), video, picture_item(b))))
        assert [m.kind for m in get_post(s, post_id).media] == ["picture", "video", "picture"]
        before = snapshot_posts(s, [post_id])
        row = get_post(s, post_id)
        reordered = (row.media[2], row.media[0])  # b first, a second, the video removed
        update_post(s, post_id, record("Buns", reordered), pillar_id=None)
        assert [(m.width, m.kind) for m in get_post(s, post_id).media] == [(900, "picture"), (800, "picture")]
        update_post(s, post_id, record("Buns", ()), pillar_id=None)
        assert count_media_files(s) == 0  # nothing shows them: dropped from the plan
        restore_posts(s, before)  # undo brings the pictures back from the snapshot
        media = get_post(s, post_id).media
        assert [m.kind for m in media] == ["picture", "video", "picture"]
        assert media[1].path.endswith("oven.mp4") and media[1].byte_size == 12_000_000
        assert media_bytes(s, media[0].sha256) == a
        gone = delete_posts(s, [post_id])
        assert count_media_files(s) == 0
        restore_posts(s, gone)
        assert count_media_files(s) == 2


def test_the_checksum_covers_the_pictures(plan: PlanFile) -> None:
    with plan.session() as s:
        create_post(s, record("Buns", (picture_item(image_bytes(640, 640)),)))
    path = plan.path
    plan.close(save=True)
    con = sqlite3.connect(path)
    con.execute("UPDATE media_files SET data = ?", (image_bytes(640, 640, color="#000000"),))
    con.commit()
    con.close()
    with pytest.raises(Exception, match=r"(?i)changed|checksum|damaged"):
        PlanFile.open(path).close(save=False)


def test_a_post_breaking_a_media_rule_is_marked(plan: PlanFile) -> None:
    with plan.session() as s:
        ok = create_post(s, record("Square", (picture_item(image_bytes(1080, 1080)),)))
        tall = create_post(s, record("Too tall", (picture_item(image_bytes(400, 1000)),)))
        assert get_post(s, ok).has_problems is False
        assert get_post(s, tall).has_problems is True
