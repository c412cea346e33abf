"""The .ics export: one event per post and platform that calendar apps accept and update in place."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from icalendar import Calendar

from smoplanner.core.posts import PostRecord
from smoplanner.formats.ics import write_ics

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def records() -> list[PostRecord]:
    return [
        PostRecord(
            title="Black Friday teaser, carousel",
            text="Caption draft; 20% off — ünïcödé " * 4,
            platforms=("instagram", "facebook"),
            scheduled_at=datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN),
            status="scheduled",
            link="https://example.com/bf",
            campaign="Black Friday",
            variants=(("instagram", "Insta caption 🥐"),),
        ),
        PostRecord(
            title="Summer hours",
            text="Open till 8",
            platforms=("x",),
            scheduled_at=datetime(2026, 7, 1, 7, 0, tzinfo=UTC),
            status="draft",
        ),
        PostRecord(title="Idea", text="Someday", platforms=("x",), scheduled_at=None, status="idea"),
    ]


def test_export_parses_back_with_one_event_per_post_and_platform(tmp_path):
    path = tmp_path / "plan.ics"
    write_ics(path, records(), tz=BERLIN, calendar_name="Bakery plan", now=NOW)
    cal = Calendar.from_ical(path.read_bytes())
    events = cal.walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == [
        "Instagram: Black Friday teaser, carousel",
        "Facebook: Black Friday teaser, carousel",
        "X: Summer hours",
    ]
    insta = events[0]
    assert insta.decoded("DTSTART") == datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN)
    assert insta["DTSTART"].params["TZID"] == "Europe/Berlin"
    assert insta.decoded("DTEND") - insta.decoded("DTSTART") == timedelta(minutes=30)
    assert insta.decoded("DTSTAMP") == NOW
    assert str(insta["DESCRIPTION"]).startswith("Insta caption 🥐\n\nhttps://example.com/bf?utm_source=instagram")
    assert "utm_campaign=black_friday" in str(insta["DESCRIPTION"])
    assert str(events[1]["DESCRIPTION"]).startswith("Caption draft; 20% off")
    summer = events[2].decoded("DTSTART")
    assert (summer.hour, summer.utcoffset()) == (9, timedelta(hours=2))
    assert [tz["TZID"] for tz in cal.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert cal["X-WR-CALNAME"] == "Bakery plan"
    uids = [str(e["UID"]) for e in events]
    assert len(set(uids)) == 3
    assert all(uid.startswith("post-") and uid.endswith("@smoplanner") for uid in uids)
    assert uids[0].endswith("-instagram@smoplanner")


def test_lines_are_crlf_and_folded_to_75_octets(tmp_path):
    path = tmp_path / "plan.ics"
    write_ics(path, records(), tz=BERLIN, calendar_name="Bakery plan", now=NOW)
    data = path.read_bytes()
    assert data.endswith(b"\r\n")
    assert b"\n" not in data.replace(b"\r\n", b"")
    lines = data.split(b"\r\n")
    assert max(len(line) for line in lines) <= 75
    assert any(line.startswith(b" ") for line in lines)  # the long description was folded
    for line in lines:
        line.decode("utf-8")  # folding never splits a multi-byte character
    assert b"UID:" in data and b"DTSTAMP:20261120T090000Z" in data


def test_uids_are_stable_across_exports_and_follow_given_ids(tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    items = records()
    write_ics(first, items, tz=BERLIN, calendar_name="Plan", now=NOW)
    write_ics(second, items, tz=BERLIN, calendar_name="Plan", now=NOW + timedelta(days=3))

    def uids(path):
        return [str(e["UID"]) for e in Calendar.from_ical(path.read_bytes()).walk("VEVENT")]

    assert uids(first) == uids(second)
    moved = PostRecord(
        **{
            **{f: getattr(items[0], f) for f in items[0].__dataclass_fields__},
            "scheduled_at": datetime(2026, 11, 27, 10, 0, tzinfo=BERLIN),
        }
    )
    write_ics(first, [items[0]], tz=BERLIN, calendar_name="Plan", ids=[42], now=NOW)
    write_ics(second, [moved], tz=BERLIN, calendar_name="Plan", ids=[42], now=NOW)
    assert uids(first) == uids(second) == ["post-42-instagram@smoplanner", "post-42-facebook@smoplanner"]


def test_only_unscheduled_posts_give_an_empty_but_valid_calendar(tmp_path):
    path = tmp_path / "empty.ics"
    write_ics(path, records()[2:], tz=BERLIN, calendar_name="Plan", now=NOW)
    cal = Calendar.from_ical(path.read_bytes())
    assert cal.walk("VEVENT") == []
    assert cal["VERSION"] == "2.0" and "PRODID" in cal


def test_control_characters_never_reach_the_file_and_line_breaks_survive(tmp_path):
    controls = "".join(chr(c) for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)])
    breaks = "\t\n\x0b\x0c\r\x85"
    others = "".join(c for c in controls if c not in breaks)  # none of these may reach the file
    record = PostRecord(
        title=f"Title{controls}end",
        text=f"first\x0bsecond\r\nthird\rfourth\x0cfifth\x85sixth{others}last\ttabbed",
        platforms=("instagram",),
        scheduled_at=datetime(2026, 11, 26, 14, 35, tzinfo=BERLIN),
        status="scheduled",
        pillar=f"Pillar{controls}",
    )
    out = tmp_path / "posts.ics"
    write_ics(out, [record], tz=BERLIN, calendar_name=f"Café{controls}", now=NOW)
    raw = out.read_bytes()
    # Only CRLF line ends; no other control character anywhere (RFC 5545 forbids them in TEXT).
    body = raw.replace(b"\r\n", b"")
    assert [b for b in body if (b < 0x20 and b != 0x09) or b == 0x7F] == []
    assert not any(0x80 <= ord(ch) < 0xA0 for ch in body.decode("utf-8"))
    cal = Calendar.from_ical(raw)
    (event,) = cal.walk("VEVENT")
    assert str(event["description"]) == "first\nsecond\nthird\nfourth\nfifth\nsixthlast\ttabbed"
    assert str(event["summary"]) == "Instagram: Title end"  # a title stays on one line
    assert str(cal["x-wr-calname"]) == "Café"
