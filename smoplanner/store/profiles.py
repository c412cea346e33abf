"""The profiles area: profiles, their pictures, checklist ticks and limit overrides, on a caller's Session."""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from datetime import date
from types import MappingProxyType
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    delete,
    select,
)
from sqlalchemy.orm import Mapped, Session, mapped_column

from smoplanner.core.platforms import Rulebook, load_rulebook
from smoplanner.core.profile_rules import (
    CheckResult,
    ConsistencyMatrix,
    ImageInfo,
    PlanContext,
    ProfileInput,
    TickState,
    consistency_matrix,
    evaluate_profile,
    overall_score,
    profile_score,
)
from smoplanner.store.models import Base, Platform

MAX_IMAGE_BYTES = 10 * 1024 * 1024
TICK_STATES: tuple[str, ...] = ("done", "na", "open")

#: The text fields of a profile that ``update_profile`` accepts, besides pictures and the review date.
TEXT_FIELDS: tuple[str, ...] = (
    "handle",
    "display_name",
    "profile_url",
    "bio",
    "website",
    "category",
    "email",
    "phone",
    "address",
    "notes",
)
_OTHER_FIELDS = frozenset({"picture_id", "banner_id", "last_reviewed"})


# --- tables ------------------------------------------------------------------------------------


class Image(Base):
    """A picture kept inside the plan, so the file carries it wherever it goes."""

    __tablename__ = "images"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    mime: Mapped[str] = mapped_column(String(40))
    width: Mapped[int] = mapped_column(Integer)
    height: Mapped[int] = mapped_column(Integer)
    byte_size: Mapped[int] = mapped_column(Integer)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Profile(Base):
    """One profile per platform code; kept when the platform leaves the plan, so nothing is lost."""

    __tablename__ = "profiles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40), unique=True)
    handle: Mapped[str] = mapped_column(String(300), default="")
    display_name: Mapped[str] = mapped_column(String(300), default="")
    profile_url: Mapped[str] = mapped_column(String(500), default="")
    bio: Mapped[str] = mapped_column(Text, default="")
    website: Mapped[str] = mapped_column(String(500), default="")
    category: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str] = mapped_column(String(300), default="")
    phone: Mapped[str] = mapped_column(String(60), default="")
    address: Mapped[str] = mapped_column(Text, default="")
    picture_id: Mapped[int | None] = mapped_column(ForeignKey("images.id", ondelete="SET NULL"), nullable=True)
    banner_id: Mapped[int | None] = mapped_column(ForeignKey("images.id", ondelete="SET NULL"), nullable=True)
    last_reviewed: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class ChecklistTick(Base):
    """A manual item's state (or an item marked not applicable); a non-empty label marks the user's own item."""

    __tablename__ = "checklist_ticks"
    __table_args__ = (
        UniqueConstraint("platform", "code"),
        CheckConstraint("state IN ('done', 'na', 'open')", name="state"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    code: Mapped[str] = mapped_column(String(80))
    state: Mapped[str] = mapped_column(String(8), default="open")
    label: Mapped[str] = mapped_column(String(200), default="")


class LimitOverride(Base):
    """The user's own value for a platform limit (platforms change their rules)."""

    __tablename__ = "limit_overrides"
    __table_args__ = (UniqueConstraint("platform", "field"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    platform: Mapped[str] = mapped_column(String(40))
    field: Mapped[str] = mapped_column(String(60))
    value: Mapped[int] = mapped_column(Integer)


# --- plain data --------------------------------------------------------------------------------


class ImageError(ValueError):
    """A picture that cannot be stored; the message says why in plain words."""


@dataclass(frozen=True)
class ImageRef(ImageInfo):
    """A stored image: what the checks know of it, and its row and file type."""

    id: int = field(kw_only=True)
    mime: str = field(kw_only=True)

    @property
    def info(self) -> ImageInfo:
        return ImageInfo(self.sha256, self.width, self.height, self.byte_size)


@dataclass(frozen=True)
class ProfileData(ProfileInput):
    """A profile as stored (or blank, for a platform in use that has no row yet): what the checks read,
    with the platform's name, the user's notes and the stored images."""

    name: str = ""
    picture: ImageRef | None = None
    banner: ImageRef | None = None
    notes: str = ""

    def as_input(self) -> ProfileInput:
        """Just what the checks read, with plain image facts in place of stored images."""
        return ProfileInput(
            **{f.name: getattr(self, f.name) for f in fields(ProfileInput) if f.name not in ("picture", "banner")},
            picture=self.picture.info if self.picture else None,
            banner=self.banner.info if self.banner else None,
        )


@dataclass(frozen=True)
class Ticks:
    """One profile's manual states: code -> done/na/open, and the labels of the user's own items."""

    states: Mapping[str, TickState] = field(default_factory=lambda: MappingProxyType({}))
    custom_labels: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def na_codes(self) -> tuple[str, ...]:
        return tuple(code for code, state in self.states.items() if state == "na")


@dataclass(frozen=True)
class ProfilesSnapshot:
    """Everything the checks need, read once; evaluating it needs no database."""

    business_name: str
    website: str
    keywords: tuple[str, ...]
    profiles: tuple[ProfileData, ...]
    ticks: Mapping[str, Ticks]
    rulebook: Rulebook
    overrides: Mapping[tuple[str, str], int]
    locale: str = "en_US"

    def profile(self, platform: str) -> ProfileData | None:
        return next((p for p in self.profiles if p.platform == platform), None)


@dataclass(frozen=True)
class ProfileResult:
    platform: str
    name: str
    results: tuple[CheckResult, ...]
    score: float

    @property
    def failed(self) -> tuple[str, ...]:
        return tuple(r.code for r in self.results if r.status == "fail")


@dataclass(frozen=True)
class ProfilesEvaluation:
    profiles: tuple[ProfileResult, ...]
    overall: float
    matrix: ConsistencyMatrix

    def result(self, platform: str) -> ProfileResult | None:
        return next((p for p in self.profiles if p.platform == platform), None)


# --- images ------------------------------------------------------------------------------------


def image_size(data: bytes) -> tuple[str, int, int]:
    """(mime, width, height) read from a PNG, JPEG, GIF or WebP header; ImageError for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n") and len(data) >= 24 and data[12:16] == b"IHDR":
        width, height = struct.unpack(">II", data[16:24])
        return "image/png", width, height
    if data[:6] in (b"GIF87a", b"GIF89a") and len(data) >= 10:
        width, height = struct.unpack("<HH", data[6:10])
        return "image/gif", width, height
    if data.startswith(b"\xff\xd8"):
        size = _jpeg_size(data)
        if size is not None:
            return ("image/jpeg", *size)
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and len(data) >= 30:
        size = _webp_size(data)
        if size is not None:
            return ("image/webp", *size)
    raise ImageError("This file is not a picture smoplanner can read. Use a PNG, JPEG, GIF or WebP image.")


def _jpeg_size(data: bytes) -> tuple[int, int] | None:
    pos = 2
    while pos + 4 <= len(data):
        if data[pos] != 0xFF:
            return None
        marker = data[pos + 1]
        if marker == 0xFF:
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2 : pos + 4])
        # SOF0..SOF15, except DHT (C4), JPG (C8) and DAC (CC), carry the frame size.
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if pos + 9 > len(data):
                return None
            height, width = struct.unpack(">HH", data[pos + 5 : pos + 9])
            return width, height
        pos += 2 + length
    return None


def _webp_size(data: bytes) -> tuple[int, int] | None:
    chunk = data[12:16]
    if chunk == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":
        width, height = struct.unpack("<HH", data[26:30])
        return width & 0x3FFF, height & 0x3FFF
    if chunk == b"VP8L" and data[20] == 0x2F:
        bits = int.from_bytes(data[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if chunk == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
        return width, height
    return None


def _image_ref(row: Any) -> ImageRef:
    """The ImageRef of an ``Image``, or of a row of its columns."""
    return ImageRef(row.sha256, row.width, row.height, row.byte_size, id=row.id, mime=row.mime)


def check_image(data: bytes) -> tuple[str, int, int]:
    """(mime, width, height) of a picture smoplanner can keep; ImageError saying why it cannot."""
    if len(data) > MAX_IMAGE_BYTES:
        raise ImageError(
            f"This picture is {len(data) / 1024 / 1024:.1f} MB; the largest smoplanner keeps is "
            f"{MAX_IMAGE_BYTES // 1024 // 1024} MB. Save it smaller and try again."
        )
    if not data:
        raise ImageError("This file is empty.")
    mime, width, height = image_size(data)
    if width <= 0 or height <= 0:
        raise ImageError("This picture has no size in its header; save it again from an image editor.")
    return mime, width, height


def store_image(session: Session, data: bytes) -> ImageRef:
    """Keep a picture in the plan (once: the same bytes are stored only once) and return its reference."""
    mime, width, height = check_image(data)
    digest = hashlib.sha256(data).hexdigest()
    row = session.scalars(select(Image).where(Image.sha256 == digest)).one_or_none()
    if row is None:
        row = Image(sha256=digest, mime=mime, width=width, height=height, byte_size=len(data), data=data)
        session.add(row)
        session.flush()
    return _image_ref(row)


def image_data(session: Session, image_id: int) -> bytes | None:
    """The stored bytes of a picture (None if it is gone)."""
    return session.scalar(select(Image.data).where(Image.id == image_id))


def image_bytes(session: Session, sha256: str) -> bytes | None:
    """The stored bytes of the picture with this SHA-256 (None if it is gone).

    Look pictures up by content, not by id, wherever they are kept for later: a removed picture's id is
    given to the next picture stored.
    """
    return session.scalar(select(Image.data).where(Image.sha256 == sha256))


# --- profiles ----------------------------------------------------------------------------------


def _platforms_in_use(session: Session) -> list[tuple[str, str]]:
    from smoplanner.store.settings import get_settings

    return [(p.code, p.name) for p in get_settings(session).platforms]


def _profile_data(row: Profile | None, platform: str, name: str, images: Mapping[int, ImageRef]) -> ProfileData:
    if row is None:
        return ProfileData(platform=platform, name=name)
    return ProfileData(
        platform=platform,
        name=name,
        **{text: getattr(row, text) for text in TEXT_FIELDS},
        picture=images.get(row.picture_id) if row.picture_id is not None else None,
        banner=images.get(row.banner_id) if row.banner_id is not None else None,
        last_reviewed=row.last_reviewed,
    )


def _image_refs(session: Session, ids: set[int]) -> dict[int, ImageRef]:
    if not ids:
        return {}
    stmt = select(Image.id, Image.sha256, Image.mime, Image.width, Image.height, Image.byte_size).where(
        Image.id.in_(ids)
    )
    return {row.id: _image_ref(row) for row in session.execute(stmt)}


def list_profiles(session: Session) -> list[ProfileData]:
    """A profile for each platform in use, in the plan's order (blank where nothing is stored yet)."""
    in_use = _platforms_in_use(session)
    rows = {row.platform: row for row in session.scalars(select(Profile))}
    ids = {i for row in rows.values() for i in (row.picture_id, row.banner_id) if i is not None}
    images = _image_refs(session, ids)
    return [_profile_data(rows.get(code), code, name, images) for code, name in in_use]


def get_profile(session: Session, platform: str) -> ProfileData:
    """The stored profile of a platform (in use or not); blank when nothing is stored."""
    names = dict(_platforms_in_use(session))
    name = names.get(platform) or load_rulebook().platform(platform).name
    row = session.scalars(select(Profile).where(Profile.platform == platform)).one_or_none()
    ids = {i for i in ((row.picture_id, row.banner_id) if row else ()) if i is not None}
    return _profile_data(row, platform, name, _image_refs(session, ids))


def update_profile(session: Session, platform: str, **fields: Any) -> ProfileData:
    """Change some fields of a profile (creating its row if needed); returns the profile as stored."""
    unknown = set(fields) - set(TEXT_FIELDS) - _OTHER_FIELDS
    if unknown:
        raise ValueError(f"unknown profile fields: {', '.join(sorted(unknown))}")
    row = session.scalars(select(Profile).where(Profile.platform == platform)).one_or_none()
    if row is None:
        row = Profile(platform=platform, **{name: "" for name in TEXT_FIELDS})
        session.add(row)
    for name, value in fields.items():
        if name in TEXT_FIELDS:
            value = "" if value is None else str(value)
        elif name == "last_reviewed" and value is not None and not isinstance(value, date):
            raise TypeError("last_reviewed must be a date or None")
        setattr(row, name, value)
    session.flush()
    return get_profile(session, platform)


def set_picture(session: Session, platform: str, which: str, data: bytes | None) -> ImageRef | None:
    """Set a profile's "picture" or "banner" from image bytes (None removes it); unused pictures are dropped."""
    if which not in ("picture", "banner"):
        raise ValueError("which must be 'picture' or 'banner'")
    ref = store_image(session, data) if data is not None else None
    update_profile(session, platform, **{f"{which}_id": ref.id if ref else None})
    prune_images(session)
    return ref


def prune_images(session: Session) -> int:
    """Delete pictures no profile uses any more, so removed pictures do not linger in the file."""
    used = set(session.scalars(select(Profile.picture_id))) | set(session.scalars(select(Profile.banner_id)))
    unused = [image_id for image_id in session.scalars(select(Image.id)) if image_id not in used]
    if unused:
        session.execute(delete(Image).where(Image.id.in_(unused)))
    return len(unused)


# --- checklist ticks ---------------------------------------------------------------------------


def _tick_row(session: Session, platform: str, code: str) -> ChecklistTick | None:
    return session.scalars(
        select(ChecklistTick).where(ChecklistTick.platform == platform, ChecklistTick.code == code)
    ).one_or_none()


def get_ticks(session: Session, platform: str) -> Ticks:
    return load_ticks(session).get(platform, Ticks())


def load_ticks(session: Session) -> dict[str, Ticks]:
    states: dict[str, dict[str, TickState]] = {}
    labels: dict[str, dict[str, str]] = {}
    for row in session.scalars(select(ChecklistTick).order_by(ChecklistTick.id)):
        states.setdefault(row.platform, {})[row.code] = row.state  # type: ignore[assignment]
        if row.label:
            labels.setdefault(row.platform, {})[row.code] = row.label
    return {
        platform: Ticks(MappingProxyType(states[platform]), MappingProxyType(labels.get(platform, {})))
        for platform in states
    }


def set_tick(session: Session, platform: str, code: str, state: str) -> None:
    """Set an item's state: "done", "na" (not applicable) or "open"."""
    if state not in TICK_STATES:
        raise ValueError(f"state must be one of {', '.join(TICK_STATES)}, not {state!r}")
    row = _tick_row(session, platform, code)
    if row is None:
        if state == "open":
            return
        session.add(ChecklistTick(platform=platform, code=code, state=state, label=""))
    elif state == "open" and not row.label:
        session.delete(row)
    else:
        row.state = state
    session.flush()


def add_custom_item(session: Session, platform: str, label: str, state: str = "open") -> str:
    """Add the user's own checklist item to a profile; returns its code."""
    label = " ".join(label.split())
    if not label:
        raise ValueError("Give the item a name.")
    if state not in TICK_STATES:
        raise ValueError(f"state must be one of {', '.join(TICK_STATES)}")
    taken = set(session.scalars(select(ChecklistTick.code).where(ChecklistTick.platform == platform)))
    n = 1
    while f"custom_{n}" in taken:
        n += 1
    code = f"custom_{n}"
    session.add(ChecklistTick(platform=platform, code=code, state=state, label=label[:200]))
    session.flush()
    return code


def restore_custom_item(session: Session, platform: str, code: str, label: str, state: str) -> None:
    """Put back a removed custom item under its old code (for undo)."""
    row = _tick_row(session, platform, code)
    if row is None:
        session.add(ChecklistTick(platform=platform, code=code, state=state, label=label))
    else:
        row.label, row.state = label, state
    session.flush()


def remove_custom_item(session: Session, platform: str, code: str) -> tuple[str, str] | None:
    """Remove one of the user's own items; returns its (label, state) so it can be put back."""
    row = _tick_row(session, platform, code)
    if row is None or not row.label:
        return None
    removed = (row.label, row.state)
    session.delete(row)
    session.flush()
    return removed


# --- limit overrides ---------------------------------------------------------------------------


def load_overrides(session: Session) -> dict[tuple[str, str], int]:
    return {(row.platform, row.field): row.value for row in session.scalars(select(LimitOverride))}


def set_override(session: Session, platform: str, field_name: str, value: int) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ValueError("A limit is a whole number, 0 or more.")
    row = session.scalars(
        select(LimitOverride).where(LimitOverride.platform == platform, LimitOverride.field == field_name)
    ).one_or_none()
    if row is None:
        session.add(LimitOverride(platform=platform, field=field_name, value=value))
    else:
        row.value = value
    session.flush()


def clear_override(session: Session, platform: str, field_name: str) -> None:
    row = session.scalars(
        select(LimitOverride).where(LimitOverride.platform == platform, LimitOverride.field == field_name)
    ).one_or_none()
    if row is not None:
        session.delete(row)
        session.flush()


def rulebook_for(session: Session) -> Rulebook:
    """The shipped rulebook with this plan's own limits in place."""
    overrides = load_overrides(session)
    rulebook = load_rulebook()
    if overrides:
        rulebook = rulebook.with_overrides(overrides)
    # Custom platforms are called what the plan calls them ("nebenan.de"), in every message.
    names = {p.code: p.name for p in session.scalars(select(Platform).where(Platform.custom.is_(True)))}
    return rulebook.with_platform_names(names) if names else rulebook


# --- evaluation --------------------------------------------------------------------------------


def load_snapshot(session: Session) -> ProfilesSnapshot:
    from smoplanner.store.settings import get_settings

    settings = get_settings(session)
    overrides = load_overrides(session)
    rulebook = load_rulebook()
    return ProfilesSnapshot(
        business_name=settings.business_name,
        website=settings.website,
        keywords=settings.keywords,
        profiles=tuple(list_profiles(session)),
        ticks=MappingProxyType(load_ticks(session)),
        rulebook=rulebook.with_overrides(overrides) if overrides else rulebook,
        overrides=MappingProxyType(overrides),
        locale=settings.locale,
    )


def evaluate_snapshot(snapshot: ProfilesSnapshot, today: date, draft: ProfileInput | None = None) -> ProfilesEvaluation:
    """The checklists, scores and matrix; ``draft`` stands in for its platform's stored profile (live checks)."""
    inputs = tuple(
        draft if draft is not None and draft.platform == p.platform else p.as_input() for p in snapshot.profiles
    )
    context = PlanContext(snapshot.business_name, snapshot.website, snapshot.keywords, inputs, today, snapshot.locale)
    results = []
    for profile, data in zip(inputs, snapshot.profiles, strict=True):
        ticks = snapshot.ticks.get(profile.platform, Ticks())
        checks = evaluate_profile(
            profile, context, snapshot.rulebook, dict(ticks.states), ticks.na_codes, dict(ticks.custom_labels)
        )
        results.append(ProfileResult(profile.platform, data.name, tuple(checks), profile_score(checks)))
    return ProfilesEvaluation(
        profiles=tuple(results),
        overall=overall_score(r.score for r in results),
        matrix=consistency_matrix(context, snapshot.rulebook),
    )


def evaluate_all(session: Session, today: date) -> ProfilesEvaluation:
    return evaluate_snapshot(load_snapshot(session), today)
