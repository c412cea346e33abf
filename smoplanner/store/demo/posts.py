"""The sample café's posts: three months of them, with content pillars, repeats and hashtag groups."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from smoplanner.core.money import currency, parse_amount, to_minor
from smoplanner.core.posts import PostRecord
from smoplanner.core.recurrence import Recurrence, occurrences
from smoplanner.store.posts import (
    create_pillar,
    create_posts,
    create_series,
    get_post,
    save_hashtag_group,
    set_status,
    update_post,
)
from smoplanner.store.settings import get_settings

_DEMO_URLS = {
    "instagram": "https://www.instagram.com/p/{code}/",
    "facebook": "https://www.facebook.com/cafelumen/posts/{number}",
    "google_business": "https://g.page/cafelumen/posts/{number}",
    "tiktok": "https://www.tiktok.com/@cafelumen/video/{number}",
    "pinterest": "https://www.pinterest.com/pin/{number}/",
}


def _demo_url(platforms: tuple[str, ...], title: str) -> str:
    """A stable, realistic-looking address of a published post (the same every time the demo is made)."""
    digest = hashlib.sha256(title.encode("utf-8")).hexdigest()
    platform = next((code for code in platforms if code in _DEMO_URLS), "facebook")
    return _DEMO_URLS[platform].format(code="C" + digest[:10], number=int(digest[:15], 16))


def _demo_status(when: datetime, anchor: datetime, explicit: str | None) -> str:
    if explicit:
        return explicit
    if when < anchor:
        return "published"
    return "scheduled" if (when - anchor).days < 14 else "draft"


def _demo_today() -> date:
    return date.today()


def fill_posts_demo(session: Session, demo_json: dict[str, Any]) -> None:
    """The sample café's three months of posts (written for Nov 2026 to Jan 2027), pillars and hashtag groups.

    The sample must look alive whenever it is opened: posts before today are published (with an
    address), the next two weeks scheduled, later ones drafts. Made outside the months it was written
    for, the whole plan moves by whole weeks so that its "today" (``anchor_date``) falls on this week,
    keeping every post on its weekday.
    """
    raw = demo_json.get("posts") or {}
    if not raw:
        return
    settings = get_settings(session)
    tz = ZoneInfo(settings.timezone)
    money = currency(settings.currency)
    today = _demo_today()
    written_for = [date.fromisoformat(e["on"][:10]) for e in raw.get("posts", ())]
    written_for += [date.fromisoformat(e["until"]) for e in raw.get("series", ())]
    written_for += [date.fromisoformat(e["first"][:10]) for e in raw.get("series", ())]
    shift = timedelta(0)
    if written_for and not min(written_for) <= today <= max(written_for):
        shift = timedelta(weeks=round((today - date.fromisoformat(raw["anchor_date"])).days / 7))
    anchor = datetime.combine(today, time(0), tz)
    pillars = {
        p["name"]: create_pillar(session, p["name"], p["color"], int(p["target"])) for p in raw.get("pillars", ())
    }
    for group in raw.get("hashtag_groups", ()):
        save_hashtag_group(session, group["name"], group["tags"])

    def record_of(entry: dict[str, Any], when: datetime | None, status: str) -> PostRecord:
        text = "\n".join(entry["text_lines"]) if "text_lines" in entry else entry.get("text", "")
        platforms = tuple(entry.get("platforms", "").split())
        boost = entry.get("boost")
        return PostRecord(
            title=entry["title"],
            text=text,
            platforms=platforms,
            scheduled_at=when,
            status=status,
            link=entry.get("link", ""),
            campaign=entry.get("campaign", ""),
            variants=tuple((entry.get("variants") or {}).items()),
            media_notes=entry.get("media", ""),
            alt_text=entry.get("alt", ""),
            boosted=boost is not None,
            boost_minor=to_minor(parse_amount(boost, money), money) if boost else 0,
            notes=entry.get("notes", ""),
            published_url=_demo_url(platforms, f"{entry['title']} {when}") if status == "published" else "",
        )

    def local(text: str) -> datetime:
        return (datetime.fromisoformat(text) + shift).replace(tzinfo=tz)

    for entry in raw.get("series", ()):
        rule = Recurrence(
            entry["freq"], int(entry.get("interval", 1)), until=date.fromisoformat(entry["until"]) + shift
        )
        first = local(entry["first"])
        _series_id, ids = create_series(
            session, record_of(entry, first, "draft"), rule, pillar_id=pillars.get(entry.get("pillar", ""))
        )
        for post_id, when in zip(ids, occurrences(first, rule), strict=True):
            status = _demo_status(when, anchor, entry.get("status"))
            if status == "published":
                url = _demo_url(tuple(entry["platforms"].split()), f"{entry['title']} {when}")
                row = get_post(session, post_id)
                record = replace(row.to_record(), status=status, published_url=url)
                update_post(session, post_id, record, pillar_id=row.pillar_id)
            else:
                set_status(session, [post_id], status)
    items = []
    for entry in raw.get("posts", ()):
        when = local(entry["on"])
        items.append(
            (
                record_of(entry, when, _demo_status(when, anchor, entry.get("status"))),
                pillars.get(entry.get("pillar", "")),
            )
        )
    for entry in raw.get("ideas", ()):
        items.append((record_of(entry, None, "idea"), pillars.get(entry.get("pillar", ""))))
    create_posts(session, items)
    session.flush()
