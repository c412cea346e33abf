"""The profile checklist: automatic rules, manual items, scores and the consistency matrix across platforms.

Score formula (also in resources/rulebook.json as "score_formula"):

- Each checklist item that applies has a weight: automatic items weigh 2 (the app checks them and they
  matter most for being found and recognised), manual items weigh 1.
- Items that do not apply ("na"), including items the user marked as not applicable, are left out.
- profile score = sum of weights of "ok" items / sum of weights of "ok" and "fail" items, from 0.0 to 1.0.
- A profile with no applicable items scores 0.0: nothing has been checked, so nothing earns points.
- overall score = the mean of the profile scores; 0.0 when there are no profiles.

Example: 5 automatic items ok, 1 automatic failing, 2 manual done, 2 manual open:
(5*2 + 2*1) / (6*2 + 4*1) = 12 / 16 = 0.75.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from types import MappingProxyType
from typing import Literal
from urllib.parse import urlsplit

from smoplanner.core.dates import day_text
from smoplanner.core.platforms import ManualItem, PlatformRules, Rulebook, load_rulebook
from smoplanner.core.textcount import count_for_unit

Status = Literal["ok", "fail", "na"]
TickState = Literal["done", "na", "open"]
CellState = Literal["ok", "differs", "missing", "na"]

AUTOMATIC_WEIGHT = 2
MANUAL_WEIGHT = 1
REVIEW_EVERY_DAYS = 90

RULE_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "picture_set": "Profile picture set",
        "banner_set": "Banner set",
        "bio_filled": "Bio filled in",
        "bio_length": "Bio within the length limit",
        "bio_keywords": "Bio mentions your keywords",
        "website_present": "Website link present",
        "website_matches": "Website link points to your site",
        "handle_consistent": "Same handle as your other profiles",
        "display_name_consistent": "Same name as your other profiles",
        "picture_consistent": "Same picture as your other profiles",
        "cross_links": "Links to your other profiles",
        "recently_reviewed": f"Reviewed in the last {REVIEW_EVERY_DAYS} days",
        "handle_valid": "Handle is valid",
    }
)
AUTOMATIC_CODES: tuple[str, ...] = tuple(RULE_LABELS)

MATRIX_ROWS: tuple[str, ...] = ("display_name", "handle", "picture", "website", "keywords", "cross_links")
MATRIX_ROW_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "display_name": "Name",
        "handle": "Handle",
        "picture": "Picture",
        "website": "Website",
        "keywords": "Keywords in bio",
        "cross_links": "Links to other profiles",
    }
)

# Words before a platform's name that make it a pointer to a profile: "on Threads", "follow us at Instagram".
_LINK_WORDS = ("on", "at", "via")
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "ac", "gov", "edu", "ltd", "plc", "or", "ne"})
# Hosts shared by many unrelated sites: each account's own subdomain is its site ("annas.myshopify.com").
_SHARED_HOSTS = frozenset(
    {
        "myshopify.com",
        "github.io",
        "gitlab.io",
        "wixsite.com",
        "squarespace.com",
        "blogspot.com",
        "wordpress.com",
        "carrd.co",
        "netlify.app",
        "vercel.app",
        "pages.dev",
        "webflow.io",
        "square.site",
        "weebly.com",
        "jimdosite.com",
        "jimdofree.com",
        "business.site",
        "godaddysites.com",
        "mystrikingly.com",
        "tumblr.com",
        "substack.com",
        "bigcartel.com",
        "ueniweb.com",
        "start.page",
    }
)
# Shared hosts where the account is the first part of the path ("linktr.ee/annas"); sites.google.com uses two.
_SHARED_PATH_HOSTS: Mapping[str, int] = MappingProxyType(
    {
        "linktr.ee": 1,
        "sites.google.com": 2,
        "beacons.ai": 1,
        "bio.link": 1,
        "lnk.bio": 1,
        "campsite.bio": 1,
        "taplink.cc": 1,
        "linkin.bio": 1,
        "msha.ke": 1,
    }
)


@dataclass(frozen=True)
class ImageInfo:
    sha256: str
    width: int
    height: int
    byte_size: int


@dataclass(frozen=True)
class ProfileInput:
    platform: str
    handle: str = ""
    display_name: str = ""
    profile_url: str = ""
    bio: str = ""
    website: str = ""
    category: str = ""
    email: str = ""
    phone: str = ""
    address: str = ""
    picture: ImageInfo | None = None
    banner: ImageInfo | None = None
    last_reviewed: date | None = None


@dataclass(frozen=True)
class PlanContext:
    business_name: str
    website: str
    keywords: tuple[str, ...]
    profiles: tuple[ProfileInput, ...]
    today: date
    locale: str = "en_US"


@dataclass(frozen=True)
class CheckResult:
    code: str
    label: str
    status: Status
    message: str
    automatic: bool


@dataclass(frozen=True)
class Cell:
    state: CellState
    value: str
    tooltip: str


@dataclass(frozen=True)
class ConsistencyMatrix:
    columns: tuple[str, ...]
    rows: tuple[str, ...]
    cells: Mapping[tuple[str, str], Cell]

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]


# --- normalising -------------------------------------------------------------------------------


def normalise_handle(handle: str, platform: str = "", rulebook: Rulebook | None = None) -> str:
    """The account a handle names: lowercase, no '@'; a domain handle (Bluesky's) keeps its first label.

    Dots, underscores and hyphens stay: on the platforms ``@cafe.lumen``, ``@cafe_lumen``, ``@cafe-lumen``
    and ``@cafelumen`` are four different accounts (``handle_look`` tells which ones look alike)."""
    rules = (rulebook or load_rulebook()).platform(platform) if platform else None
    value = (rules.bare_handle(handle) if rules else handle.strip().lstrip("@")).casefold()
    if rules is not None and rules.domain_handle and "." in value:
        value = value.split(".", 1)[0]
    return value


def handle_look(key: str) -> str:
    """A normalised handle without dots, underscores and hyphens: handles that look alike to a reader
    (``cafe.lumen`` and ``cafelumen``) but are different accounts."""
    return re.sub(r"[._\-]", "", key)


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


_APOSTROPHES = re.compile(r"['\u2018\u2019\u02bc\u0060\u00b4]")


def normalise_name(name: str) -> str:
    """The name as compared: case, accents typed either way, apostrophes, punctuation and spacing do not count.

    "Anna’s  Bakery!" and "annas bakery" compare equal; "&" counts as "and".
    """
    value = unicodedata.normalize("NFKC", name).casefold()
    value = _APOSTROPHES.sub("", value).replace("&", " and ")
    value = re.sub(r"[^\w\s]|_", " ", value)
    return " ".join(value.split())


def _host_label(label: str) -> str:
    """One label of a host name in its readable form: "xn--bckerei-anna-gcb" -> "bäckerei-anna"."""
    if label.startswith("xn--"):
        try:
            label = label[4:].encode("ascii").decode("punycode")
        except (UnicodeError, ValueError):
            return label
    return _nfc(label).lower()


def _host(url: str) -> tuple[str, str]:
    """(host without "www.", path) of an address, the host in readable (Unicode) form; ("", "") if none."""
    url = url.strip().translate({0x3002: ".", 0xFF0E: ".", 0xFF61: "."})
    if not url:
        return "", ""
    if "://" not in url:
        url = "//" + url
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".")
    except ValueError:
        return "", ""
    labels = [_host_label(label) for label in host.split(".") if label]
    if labels and labels[0] == "www":
        labels = labels[1:]
    return ".".join(labels), parts.path


def registrable_host(url: str) -> str:
    """The site an address belongs to: "https://www.shop.example.co.uk/menu/" -> "example.co.uk".

    Hosts are compared in readable form, so "bäckerei-anna.de" and "xn--bckerei-anna-gcb.de" are one site.
    On a host shared by many sites the account is the site: "annas.myshopify.com", "linktr.ee/annas".
    """
    host, path = _host(url)
    labels = host.split(".") if host else []
    for shared, depth in _SHARED_PATH_HOSTS.items():
        if host == shared:
            segments = [segment.casefold() for segment in path.split("/") if segment][:depth]
            return "/".join([host, *segments])
    for size in range(2, len(labels)):
        if ".".join(labels[-size:]) in _SHARED_HOSTS:
            return ".".join(labels[-size - 1 :])
    if len(labels) <= 2:
        return ".".join(labels)
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


def _strip_url(url: str) -> str:
    value = url.strip().casefold()
    value = re.sub(r"^[a-z]+://", "", value)
    value = value.removeprefix("www.")
    return value.rstrip("/")


def _plural_ending(word: str) -> str:
    """A pattern for a word and its plural: "bakery|bakeries", "toy|toys", "cake|cakes", "box|boxes"."""
    if len(word) >= 2 and word.endswith("y") and word[-2].isalpha() and word[-2] not in "aeiou":
        return rf"{re.escape(word[:-1])}(?:y|ies)"
    if word.endswith("y"):
        return rf"{re.escape(word)}s?"
    return rf"{re.escape(word)}(?:s|es)?"


def _keyword_pattern(keyword: str) -> re.Pattern[str] | None:
    words = _nfc(keyword).casefold().split()
    if not words:
        return None
    *head, last = words
    body = r"[\s\-_]*".join([*(re.escape(word) for word in head), _plural_ending(last)])
    # Word-ish: not inside a longer word, but "#bakery", "bakeries" and "cakes" still count.
    return re.compile(rf"(?<![^\W_]){body}(?![^\W_])", re.IGNORECASE)


def keywords_found(text: str, keywords: Iterable[str]) -> list[str]:
    """The keywords the text mentions (singular or plural, accents typed either way)."""
    text = _nfc(text).casefold()
    found = []
    for keyword in keywords:
        pattern = _keyword_pattern(keyword)
        if pattern is not None and pattern.search(text):
            found.append(keyword)
    return found


def _most_common(values: Iterable[str]) -> set[str]:
    counts = Counter(value for value in values if value)
    if not counts:
        return set()
    top = max(counts.values())
    return {value for value, count in counts.items() if count == top}


def _others(profile: ProfileInput, plan: PlanContext) -> list[ProfileInput]:
    return [p for p in plan.profiles if p is not profile and p.platform != profile.platform]


def _names(profiles: Iterable[ProfileInput], rulebook: Rulebook) -> str:
    return ", ".join(rulebook.platform(p.platform).name for p in profiles)


def _px(value: int) -> str:
    return f"{value:,}"


def _file_size(byte_size: int) -> str:
    """1,000,000 -> "1 MB", 2,500,000 -> "2.5 MB", 300,000 -> "300 KB" (decimal units, as platforms state them)."""
    if byte_size >= 1_000_000:
        return f"{byte_size / 1_000_000:.1f}".removesuffix(".0") + " MB"
    return f"{max(1, round(byte_size / 1000))} KB"


# --- the automatic rules -----------------------------------------------------------------------


def _result(code: str, status: Status, message: str) -> CheckResult:
    return CheckResult(code, RULE_LABELS[code], status, message, True)


def _check_picture(profile: ProfileInput, rules: PlatformRules) -> CheckResult:
    picture = profile.picture
    min_px = rules.limits.get("picture_min_px")
    max_bytes = rules.limits.get("picture_max_bytes")
    if picture is None:
        size = f", at least {_px(min_px.value)}×{_px(min_px.value)} pixels" if min_px else ""
        return _result("picture_set", "fail", f"Add a profile picture: your logo works best{size}.")
    if min_px and min(picture.width, picture.height) < min_px.value:
        return _result(
            "picture_set",
            "fail",
            f"The picture is {picture.width}×{picture.height} pixels; {rules.name} needs at least "
            f"{_px(min_px.value)}×{_px(min_px.value)}. Upload a bigger one so it stays sharp.",
        )
    if max_bytes and picture.byte_size > max_bytes.value:
        return _result(
            "picture_set",
            "fail",
            f"The picture file is {_file_size(picture.byte_size)}; {rules.name} takes at most "
            f"{_file_size(max_bytes.value)}. Save it smaller (JPEG) and upload it again.",
        )
    return _result("picture_set", "ok", f"Picture set ({picture.width}×{picture.height} pixels).")


def _check_banner(profile: ProfileInput, rules: PlatformRules) -> CheckResult:
    if not rules.has_banner:
        if rules.custom:  # nobody told us whether it has one: say nothing as fact
            return _result("banner_set", "na", f"No banner rule for {rules.name}.")
        return _result("banner_set", "na", f"{rules.name} profiles have no banner.")
    banner = profile.banner
    width = rules.limits.get("banner_width_px")
    height = rules.limits.get("banner_height_px")
    max_bytes = rules.limits.get("banner_max_bytes")
    wanted = f"{_px(width.value)}×{_px(height.value)} pixels" if width and height else ""
    if banner is None:
        size = f" of at least {wanted}" if wanted else ""
        return _result("banner_set", "fail", f"Add a banner{size}: a photo of your shop or products.")
    if (width and banner.width < width.value) or (height and banner.height < height.value):
        return _result(
            "banner_set",
            "fail",
            f"The banner is {banner.width}×{banner.height} pixels; {rules.name} needs at least {wanted}. "
            "Upload a bigger one.",
        )
    if max_bytes and banner.byte_size > max_bytes.value:
        return _result(
            "banner_set",
            "fail",
            f"The banner file is {_file_size(banner.byte_size)}; {rules.name} takes at most "
            f"{_file_size(max_bytes.value)}. Save it smaller (JPEG) and upload it again.",
        )
    return _result("banner_set", "ok", f"Banner set ({banner.width}×{banner.height} pixels).")


def _check_bio(profile: ProfileInput, plan: PlanContext, rules: PlatformRules) -> list[CheckResult]:
    bio = profile.bio.strip()
    results = []
    if bio:
        results.append(_result("bio_filled", "ok", "Bio filled in."))
    else:
        results.append(_result("bio_filled", "fail", "Write a bio: what you sell, where, and why people should visit."))

    limit = rules.limits.get("bio")
    if limit is None:
        if rules.custom:
            message = f"We know no limits for {rules.name}; add your own in Limits…"
        else:
            message = f"No bio length limit is known for {rules.name}."
        results.append(_result("bio_length", "na", message))
    elif not bio:
        results.append(_result("bio_length", "na", "Fill in the bio first."))
    else:
        count = count_for_unit(bio, rules, limit.unit)
        if count > limit.value:
            over = count - limit.value
            unit = "byte" if limit.unit == "bytes" else "character"
            results.append(
                _result(
                    "bio_length",
                    "fail",
                    f"Bio is {over:,} {unit}{'s' if over != 1 else ''} too long for {rules.name} "
                    f"({count:,} of {limit.value:,}): shorten it.",
                )
            )
        else:
            results.append(_result("bio_length", "ok", f"Bio length {count:,} of {limit.value:,}."))

    if not plan.keywords:
        results.append(_result("bio_keywords", "na", "Add your business keywords to the plan to check this."))
    elif not bio:
        results.append(_result("bio_keywords", "na", "Fill in the bio first."))
    else:
        found = keywords_found(bio, plan.keywords)
        if found:
            results.append(_result("bio_keywords", "ok", f"Bio mentions {', '.join(found)}."))
        else:
            results.append(
                _result(
                    "bio_keywords",
                    "fail",
                    f"The bio mentions none of your keywords ({', '.join(plan.keywords)}). "
                    "Work one in so people searching for it find you.",
                )
            )
    return results


def _check_website(profile: ProfileInput, plan: PlanContext) -> list[CheckResult]:
    results = []
    if not profile.website.strip():
        message = "No website link: add your website so visitors reach your shop."
        results.append(_result("website_present", "fail", message))
        results.append(_result("website_matches", "na", "Add the website link first."))
        return results
    results.append(_result("website_present", "ok", f"Website link: {profile.website.strip()}."))
    if not plan.website.strip():
        results.append(_result("website_matches", "na", "Add your website to the plan to check this."))
    elif registrable_host(profile.website) == registrable_host(plan.website):
        results.append(_result("website_matches", "ok", "The link points to your website."))
    else:
        results.append(
            _result(
                "website_matches",
                "fail",
                f"The link goes to {registrable_host(profile.website) or profile.website}, not to your "
                f"website {registrable_host(plan.website)}. Link to your own site so visitors land there.",
            )
        )
    return results


def _has_handle(profile: ProfileInput, rulebook: Rulebook) -> bool:
    return rulebook.platform(profile.platform).has_handle


def _handle_key(profile: ProfileInput, rulebook: Rulebook) -> str:
    """The handle to compare; empty for a platform without handles, whatever was typed."""
    return normalise_handle(profile.handle, profile.platform, rulebook) if _has_handle(profile, rulebook) else ""


def _check_handle_consistent(profile: ProfileInput, others: list[ProfileInput], rulebook: Rulebook) -> CheckResult:
    rules = rulebook.platform(profile.platform)
    if not rules.has_handle:
        return _result("handle_consistent", "na", f"{rules.name} profiles have no handle.")
    mine = normalise_handle(profile.handle, profile.platform, rulebook)
    with_handle = [p for p in others if _handle_key(p, rulebook)]
    if not mine:
        return _result("handle_consistent", "na", "Add the handle first.")
    if not with_handle:
        return _result("handle_consistent", "na", "No other profile with a handle to compare with.")
    common = _most_common(_handle_key(p, rulebook) for p in with_handle)
    if mine in common:
        return _result("handle_consistent", "ok", "Same handle as your other profiles.")
    users = [p for p in with_handle if _handle_key(p, rulebook) in common]
    example = rulebook.platform(users[0].platform).shown_handle(users[0].handle)
    mine_shown = rules.shown_handle(profile.handle)
    if handle_look(mine) in {handle_look(key) for key in common}:
        return _result(
            "handle_consistent",
            "fail",
            f"Handle {mine_shown} looks like {example} on {_names(users, rulebook)}, but they are different "
            "accounts: a dot, underscore or hyphen makes another handle. Use exactly the same handle where the "
            "platform allows it, so customers find you.",
        )
    return _result(
        "handle_consistent",
        "fail",
        f"Handle {mine_shown} differs from {example} on {_names(users, rulebook)}. "
        "Use the same handle everywhere if it is free, so customers find you.",
    )


def display_name_reference(plan: PlanContext) -> str | None:
    """The name every profile should show, as ``normalise_name`` gives it: the business name when the plan has
    one, otherwise the name most profiles use (None when no single name leads). The checklist and the matrix
    both use this, so they always agree."""
    business = normalise_name(plan.business_name)
    if business:
        return business
    common = _most_common(normalise_name(p.display_name) for p in plan.profiles)
    return next(iter(common)) if len(common) == 1 else None


def _check_display_name(
    profile: ProfileInput, others: list[ProfileInput], plan: PlanContext, rulebook: Rulebook
) -> CheckResult:
    mine = normalise_name(profile.display_name)
    if not mine:
        name = f' "{plan.business_name.strip()}"' if plan.business_name.strip() else ""
        return _result("display_name_consistent", "fail", f"No display name yet: use your business name{name}.")
    business = normalise_name(plan.business_name)
    named = [p for p in others if normalise_name(p.display_name)]
    if not business and not named:
        return _result("display_name_consistent", "na", "No business name or other profile to compare with.")
    if mine == display_name_reference(plan):
        where = "your business name" if business else "your other profiles"
        return _result("display_name_consistent", "ok", f"Same name as {where}.")
    if business:
        expected = f'your business name "{plan.business_name.strip()}"'
    else:
        different = [p for p in named if normalise_name(p.display_name) != mine]
        common = _most_common(normalise_name(p.display_name) for p in different)
        users = [p for p in different if normalise_name(p.display_name) in common]
        expected = f'"{users[0].display_name.strip()}" on {_names(users, rulebook)}'
    return _result(
        "display_name_consistent",
        "fail",
        f'The name "{profile.display_name.strip()}" differs from {expected}. '
        "Use the same name everywhere so customers recognise you.",
    )


def _check_picture_consistent(profile: ProfileInput, others: list[ProfileInput], rulebook: Rulebook) -> CheckResult:
    with_picture = [p for p in others if p.picture is not None]
    if profile.picture is None:
        return _result("picture_consistent", "na", "Add the picture first.")
    if not with_picture:
        return _result("picture_consistent", "na", "No other profile with a picture to compare with.")
    common = _most_common(p.picture.sha256 for p in with_picture if p.picture is not None)
    if profile.picture.sha256 in common:
        return _result("picture_consistent", "ok", "Same picture as your other profiles.")
    users = [p for p in with_picture if p.picture is not None and p.picture.sha256 in common]
    return _result(
        "picture_consistent",
        "fail",
        f"This picture differs from the one on {_names(users, rulebook)}. "
        "Use the same logo everywhere so customers recognise you.",
    )


def _points_to_platform(text: str, platform: str, rulebook: Rulebook) -> bool:
    """True when the text points to the platform itself: its web address anywhere, or its name where a link
    is meant ("on Threads", "Threads: @rosa", "Instagram @rosa"), never a plain word ("threads and yarn")."""
    rules = rulebook.platform(platform)
    for domain in rules.domains:
        if re.search(rf"(?<![\w-]){re.escape(domain)}(?![\w-])", text):
            return True
    names = [rules.name, *rules.aliases]
    # "X" alone is too short to look for.
    for name in {_nfc(name).casefold() for name in names if len(name) >= 2}:
        word = re.escape(name)
        before = "|".join(_LINK_WORDS)
        if re.search(rf"(?<!\w)(?:{before})\s+{word}(?![\w-])", text):
            return True
        if re.search(rf"(?<![\w-]){word}\s*(?::\s*|\s|[-–—|]\s*)(?:@\w|https?://|www\.)", text):
            return True
    return False


def mentioned_profiles(profile: ProfileInput, others: Iterable[ProfileInput], rulebook: Rulebook) -> list[str]:
    """The platform codes of the other profiles that this profile's bio or website points to: their @handle,
    their profile address, the platform's address, or the platform's name where a link is meant."""
    text = _nfc(f"{profile.bio} {profile.website}").casefold()
    found = []
    for other in others:
        rules = rulebook.platform(other.platform)
        handle = _nfc(rules.bare_handle(other.handle)).casefold() if rules.has_handle else ""
        prefix = re.escape(_nfc(rules.handle_prefix).casefold())
        url = _nfc(_strip_url(other.profile_url))
        if (
            (url and url in text)
            or (handle and prefix and re.search(rf"(?<![\w@]){prefix}{re.escape(handle)}(?![\w]|\.\w)", text))
            or _points_to_platform(text, other.platform, rulebook)
        ):
            found.append(other.platform)
    return found


def _check_cross_links(profile: ProfileInput, others: list[ProfileInput], rulebook: Rulebook) -> CheckResult:
    if not others:
        return _result("cross_links", "na", "No other profile to link to.")
    found = mentioned_profiles(profile, others, rulebook)
    if found:
        names = ", ".join(rulebook.platform(code).name for code in found)
        return _result("cross_links", "ok", f"Points to your {names} profile.")
    example = next((p for p in others if _has_handle(p, rulebook) and p.handle.strip()), others[0])
    handle = rulebook.platform(example.platform).shown_handle(example.handle) if _has_handle(example, rulebook) else ""
    where = f"{handle} on " if handle else ""
    return _result(
        "cross_links",
        "fail",
        "The bio does not point to your other profiles: mention one "
        f"(for example {where}{rulebook.platform(example.platform).name}) so followers find you there too.",
    )


def _check_reviewed(profile: ProfileInput, today: date, locale: str = "en_US") -> CheckResult:
    if profile.last_reviewed is None:
        return _result(
            "recently_reviewed",
            "fail",
            "Not reviewed yet: look the profile over on the platform, then set the review date.",
        )
    days = (today - profile.last_reviewed).days
    if days > REVIEW_EVERY_DAYS:
        return _result(
            "recently_reviewed",
            "fail",
            f"Last reviewed {days} days ago ({day_text(profile.last_reviewed, locale=locale)}). "
            f"Look it over again; every {REVIEW_EVERY_DAYS} days keeps it up to date.",
        )
    return _result("recently_reviewed", "ok", f"Reviewed on {day_text(profile.last_reviewed, locale=locale)}.")


def _check_handle_valid(profile: ProfileInput, rules: PlatformRules) -> CheckResult:
    if not rules.has_handle:
        return _result("handle_valid", "na", f"{rules.name} profiles have no handle.")
    handle = rules.bare_handle(profile.handle)
    shown = rules.shown_handle(handle)
    if not handle:
        return _result("handle_valid", "fail", f"No handle yet: add your {rules.name} {rules.handle_prefix}name.")
    if rules.handle_pattern is None:
        return _result("handle_valid", "na", f"No handle rules are known for {rules.name}.")
    low = rules.limits.get("handle_min")
    high = rules.limits.get("handle_max")
    if low and len(handle) < low.value:
        return _result(
            "handle_valid",
            "fail",
            f"{shown} is too short: {rules.name} handles need at least {low.value} characters. Pick a longer one.",
        )
    if high and len(handle) > high.value:
        return _result(
            "handle_valid",
            "fail",
            f"{shown} is too long for {rules.name} ({len(handle)} of {high.value} characters). Pick a shorter one.",
        )
    if not re.fullmatch(rules.handle_pattern, handle):
        return _result(
            "handle_valid",
            "fail",
            f"{shown} has characters {rules.name} does not allow in a handle. "
            "Copy the handle exactly as the profile shows it.",
        )
    return _result("handle_valid", "ok", f"{shown} is a valid {rules.name} handle.")


def automatic_checks(profile: ProfileInput, plan: PlanContext, rulebook: Rulebook) -> list[CheckResult]:
    """Every automatic rule for one profile, in the order of AUTOMATIC_CODES."""
    rules = rulebook.platform(profile.platform)
    others = _others(profile, plan)
    results = [
        _check_picture(profile, rules),
        _check_banner(profile, rules),
        *_check_bio(profile, plan, rules),
        *_check_website(profile, plan),
        _check_handle_consistent(profile, others, rulebook),
        _check_display_name(profile, others, plan, rulebook),
        _check_picture_consistent(profile, others, rulebook),
        _check_cross_links(profile, others, rulebook),
        _check_reviewed(profile, plan.today, plan.locale),
        _check_handle_valid(profile, rules),
    ]
    order = {code: index for index, code in enumerate(AUTOMATIC_CODES)}
    return sorted(results, key=lambda result: order[result.code])


# --- manual items, evaluation, scores ----------------------------------------------------------


def manual_items(rules: PlatformRules) -> list[ManualItem]:
    return list(rules.manual_items)


def _label_from_code(code: str) -> str:
    return code.replace("_", " ").strip().capitalize() or code


def evaluate_profile(
    profile: ProfileInput,
    plan: PlanContext,
    rulebook: Rulebook,
    ticks: Mapping[str, TickState] | None = None,
    na_codes: Iterable[str] = (),
    custom_labels: Mapping[str, str] | None = None,
) -> list[CheckResult]:
    """The whole checklist for one profile: automatic rules first, then the platform's and the user's manual items.

    `ticks` holds the state of manual items (the user's own items included; an item with no tick is open);
    `na_codes` are items the user marked not applicable, automatic ones too; `custom_labels` names the
    user's own items.
    """
    ticks = ticks or {}
    custom_labels = custom_labels or {}
    marked_na = set(na_codes)
    rules = rulebook.platform(profile.platform)

    results = []
    for result in automatic_checks(profile, plan, rulebook):
        if result.code in marked_na:
            result = CheckResult(result.code, result.label, "na", "Marked as not applicable.", True)
        results.append(result)

    items = manual_items(rules)
    known = {item.code for item in items} | set(AUTOMATIC_CODES)
    custom_codes = [code for code in (*ticks, *custom_labels) if code not in known]
    items += [
        ManualItem(code, custom_labels.get(code) or _label_from_code(code)) for code in dict.fromkeys(custom_codes)
    ]
    for item in items:
        state = ticks.get(item.code, "open")
        if item.code in marked_na or state == "na":
            results.append(CheckResult(item.code, item.label, "na", "Marked as not applicable.", False))
        elif state == "done":
            results.append(CheckResult(item.code, item.label, "ok", "Done.", False))
        else:
            message = item.help or "Not done yet: do it on the platform, then tick it here."
            results.append(CheckResult(item.code, item.label, "fail", message, False))
    return results


def profile_score(results: Iterable[CheckResult]) -> float:
    """sum(weights of ok) / sum(weights of ok + fail); automatic weigh 2, manual 1; na left out; none -> 0.0."""
    earned = 0
    possible = 0
    for result in results:
        if result.status == "na":
            continue
        weight = AUTOMATIC_WEIGHT if result.automatic else MANUAL_WEIGHT
        possible += weight
        if result.status == "ok":
            earned += weight
    return earned / possible if possible else 0.0


def overall_score(per_profile_scores: Iterable[float]) -> float:
    scores = list(per_profile_scores)
    return sum(scores) / len(scores) if scores else 0.0


# --- the consistency matrix --------------------------------------------------------------------


def _row_cells(
    profiles: tuple[ProfileInput, ...],
    rulebook: Rulebook,
    label: str,
    values: list[str],
    keys: list[str],
    reference: str | None,
    applies: list[bool] | None = None,
) -> list[Cell]:
    """Cells for one row: missing when empty, differs when the key is not the reference (or no agreement),
    not applicable where the platform has no such thing (``applies`` False)."""
    applies = applies if applies is not None else [True] * len(profiles)
    lines = [
        f"{rulebook.platform(p.platform).name}: {value or ('(missing)' if ok else '(not on this platform)')}"
        for p, value, ok in zip(profiles, values, applies, strict=True)
    ]
    side_by_side = "\n".join(lines)
    distinct = {key for key in keys if key}
    if reference is None:
        common = _most_common(keys)
        reference = next(iter(common)) if len(common) == 1 else None
    cells = []
    for p, value, key, ok in zip(profiles, values, keys, applies, strict=True):
        if not ok:
            name = rulebook.platform(p.platform).name
            cells.append(Cell("na", "", f"{label}: not applicable, {name} has none\n{side_by_side}"))
            continue
        if not key:
            state: CellState = "missing"
            head = f"{label}: missing"
        elif (len(distinct) <= 1 and reference is None) or key == reference:
            state = "ok"
            head = f"{label}: matches"
        else:
            state = "differs"
            head = f"{label}: differs"
        cells.append(Cell(state, value, f"{head}\n{side_by_side}"))
    return cells


def _picture_letter(index: int) -> str:
    letter = chr(ord("A") + index % 26)
    return letter if index < 26 else f"{letter}{index // 26}"


def consistency_matrix(plan: PlanContext, rulebook: Rulebook) -> ConsistencyMatrix:
    """One column per profile, one row per thing that should look the same everywhere."""
    profiles = plan.profiles
    columns = tuple(p.platform for p in profiles)
    cells: dict[tuple[str, str], Cell] = {}

    def put(row: str, row_cells: list[Cell]) -> None:
        for column, cell in zip(columns, row_cells, strict=True):
            cells[(row, column)] = cell

    put(
        "display_name",
        _row_cells(
            profiles,
            rulebook,
            MATRIX_ROW_LABELS["display_name"],
            [p.display_name.strip() for p in profiles],
            [normalise_name(p.display_name) for p in profiles],
            display_name_reference(plan),
        ),
    )
    put(
        "handle",
        _row_cells(
            profiles,
            rulebook,
            MATRIX_ROW_LABELS["handle"],
            [
                rulebook.platform(p.platform).shown_handle(p.handle) if _has_handle(p, rulebook) else ""
                for p in profiles
            ],
            [_handle_key(p, rulebook) for p in profiles],
            None,
            [_has_handle(p, rulebook) for p in profiles],
        ),
    )
    handle_keys = [_handle_key(p, rulebook) for p in profiles]
    leading = _most_common(key for key in handle_keys if key)
    for p, key in zip(profiles, handle_keys, strict=True):
        cell = cells[("handle", p.platform)]
        alike = [
            rulebook.platform(q.platform).shown_handle(q.handle)
            for q, other in zip(profiles, handle_keys, strict=True)
            if other in leading and other != key and handle_look(other) == handle_look(key)
        ]
        if cell.state == "differs" and alike:
            note = f"Looks like {alike[0]}, but it is a different account: a dot, underscore or hyphen counts."
            cells[("handle", p.platform)] = replace(cell, tooltip=f"{cell.tooltip}\n\n{note}")
    # Pictures are told apart by letter, in order of appearance: "A · 400×400" and "B · 180×180".
    letters: dict[str, str] = {}
    for p in profiles:
        if p.picture is not None and p.picture.sha256 not in letters:
            letters[p.picture.sha256] = _picture_letter(len(letters))
    put(
        "picture",
        _row_cells(
            profiles,
            rulebook,
            MATRIX_ROW_LABELS["picture"],
            [
                f"{letters[p.picture.sha256]} · {p.picture.width}×{p.picture.height}" if p.picture else ""
                for p in profiles
            ],
            [p.picture.sha256 if p.picture else "" for p in profiles],
            None,
        ),
    )
    picture_note = (
        "The letter tells the pictures apart: the same letter is the same picture. "
        "The numbers are its size in pixels (width×height)."
    )
    for p in profiles:
        cell = cells[("picture", p.platform)]
        if cell.value:
            cells[("picture", p.platform)] = replace(cell, tooltip=f"{cell.tooltip}\n\n{picture_note}")
    put(
        "website",
        _row_cells(
            profiles,
            rulebook,
            MATRIX_ROW_LABELS["website"],
            [p.website.strip() for p in profiles],
            [registrable_host(p.website) for p in profiles],
            registrable_host(plan.website) or None,
        ),
    )

    keyword_values = [", ".join(keywords_found(p.bio, plan.keywords)) for p in profiles]
    keyword_lines = "\n".join(
        f"{rulebook.platform(p.platform).name}: {value or '(none)'}"
        for p, value in zip(profiles, keyword_values, strict=True)
    )
    keyword_cells = []
    for p, value in zip(profiles, keyword_values, strict=True):
        if not plan.keywords or not p.bio.strip():
            state: CellState = "missing"
            head = "Add keywords to the plan" if not plan.keywords else "The bio is empty"
        elif value:
            state, head = "ok", "The bio mentions your keywords"
        else:
            state, head = "differs", "The bio mentions none of your keywords"
        keyword_cells.append(Cell(state, value, f"{head}\n{keyword_lines}"))
    put("keywords", keyword_cells)

    link_values = []
    for p in profiles:
        found = mentioned_profiles(p, _others(p, plan), rulebook)
        link_values.append(", ".join(rulebook.platform(code).name for code in found))
    link_lines = "\n".join(
        f"{rulebook.platform(p.platform).name} links to: {value or '(none)'}"
        for p, value in zip(profiles, link_values, strict=True)
    )
    link_cells = []
    for p, value in zip(profiles, link_values, strict=True):
        if value:
            link_cells.append(Cell("ok", value, f"Points to other profiles\n{link_lines}"))
        elif not _others(p, plan):
            link_cells.append(Cell("ok", "", f"No other profile to link to\n{link_lines}"))
        else:
            link_cells.append(Cell("missing", "", f"Mentions no other profile\n{link_lines}"))
    put("cross_links", link_cells)

    return ConsistencyMatrix(columns, MATRIX_ROWS, MappingProxyType(cells))
