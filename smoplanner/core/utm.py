"""Campaign (UTM) parameters added to a post's link, in one consistent spelling.

Values are normalised so that reports do not split one campaign into several: trimmed, lowercased,
runs of whitespace turned into a single ``_`` (``"Spring Sale "`` becomes ``spring_sale``). Other
characters are kept and percent-encoded. An existing query string keeps its other parameters in their
order, and the ``#fragment`` stays; ``utm_*`` keys already present are replaced, whatever their case.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote_plus, urlsplit, urlunsplit

__all__ = ["build_utm_url", "normalise_utm_value", "utm_for_post"]

_UTM_ORDER = ("utm_source", "utm_medium", "utm_campaign", "utm_content", "utm_term")


def normalise_utm_value(value: str) -> str:
    """Lowercase, trimmed, whitespace runs as ``_``."""
    return re.sub(r"\s+", "_", value.strip().lower())


def build_utm_url(url: str, *, source: str, medium: str, campaign: str, content: str = "", term: str = "") -> str:
    """``url`` with utm_source, utm_medium, utm_campaign (and content, term when given) set."""
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme.lower() not in {"http", "https"} or not parts.netloc:
        raise ValueError(f"{url!r} is not a web link (it must start with http:// or https://)")
    values = {
        "utm_source": normalise_utm_value(source),
        "utm_medium": normalise_utm_value(medium),
        "utm_campaign": normalise_utm_value(campaign),
        "utm_content": normalise_utm_value(content),
        "utm_term": normalise_utm_value(term),
    }
    for required in ("utm_source", "utm_medium", "utm_campaign"):
        if not values[required]:
            raise ValueError(f"{required.removeprefix('utm_')} is needed for a campaign link")
    # Other parameters are kept byte for byte: re-encoding them could break a shop's own links.
    kept = [
        segment
        for segment in parts.query.split("&")
        if segment and unquote_plus(segment.split("=", 1)[0]).strip().lower() not in _UTM_ORDER
    ]
    added = [f"{key}={quote(values[key], safe='')}" for key in _UTM_ORDER if values[key]]
    query = "&".join(kept + added)
    return urlunsplit((parts.scheme.lower(), parts.netloc, parts.path or "/", query, parts.fragment))


def utm_for_post(url: str, platform_code: str, campaign: str, boosted: bool) -> str:
    """The tracked link of a post: source is the platform, medium ``social`` or ``paid_social``.

    A post without a link gets ``""``; one without a campaign is tagged ``organic`` (or ``boosted``) so
    its clicks still show up under a campaign name in the analytics.
    """
    if not url.strip():
        return ""
    name = campaign.strip() or ("boosted" if boosted else "organic")
    return build_utm_url(url, source=platform_code, medium="paid_social" if boosted else "social", campaign=name)
