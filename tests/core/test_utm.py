"""Campaign links: one consistent spelling, the rest of the link left alone."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from smoplanner.core.utm import build_utm_url, utm_for_post


def test_adds_the_parameters_in_a_fixed_order():
    url = build_utm_url("https://example.com/shop", source="instagram", medium="social", campaign="spring_sale")
    assert url == "https://example.com/shop?utm_source=instagram&utm_medium=social&utm_campaign=spring_sale"


def test_keeps_existing_query_in_order_and_the_fragment():
    url = build_utm_url(
        "https://example.com/menu?lang=fr&q=caf%C3%A9+cr%C3%A8me&page=2#autumn",
        source="facebook",
        medium="social",
        campaign="autumn",
    )
    parts = urlsplit(url)
    assert parts.fragment == "autumn"
    assert parts.query.startswith("lang=fr&q=caf%C3%A9+cr%C3%A8me&page=2&")
    assert [k for k, _ in parse_qsl(parts.query)] == [
        "lang",
        "q",
        "page",
        "utm_source",
        "utm_medium",
        "utm_campaign",
    ]


def test_values_are_lowercased_trimmed_and_spaces_become_underscores():
    url = build_utm_url(
        "https://example.com", source=" Instagram ", medium="Paid Social", campaign="Black  Friday 2026"
    )
    query = dict(parse_qsl(urlsplit(url).query))
    assert query == {
        "utm_source": "instagram",
        "utm_medium": "paid_social",
        "utm_campaign": "black_friday_2026",
    }


def test_values_are_url_encoded():
    url = build_utm_url("https://example.com/", source="x", medium="social", campaign="café & crème", content="a/b?c=d")
    assert "utm_campaign=caf%C3%A9_%26_cr%C3%A8me" in url
    assert "utm_content=a%2Fb%3Fc%3Dd" in url
    assert dict(parse_qsl(urlsplit(url).query))["utm_campaign"] == "café_&_crème"


def test_existing_utm_keys_are_replaced_whatever_their_case():
    url = build_utm_url(
        "https://example.com/?UTM_Source=Newsletter&id=7&utm_medium=email&utm_id=abc",
        source="linkedin",
        medium="social",
        campaign="launch",
        term="bread",
    )
    pairs = parse_qsl(urlsplit(url).query)
    keys = [k.lower() for k, _ in pairs]
    assert keys.count("utm_source") == 1 and keys.count("utm_medium") == 1
    assert ("utm_source", "linkedin") in pairs and ("utm_term", "bread") in pairs
    assert ("id", "7") in pairs and ("utm_id", "abc") in pairs  # not one of ours: kept


@pytest.mark.parametrize(
    "url", ["ftp://example.com/file", "mailto:shop@example.com", "example.com/page", "javascript:alert(1)"]
)
def test_refuses_links_that_are_not_web_links(url):
    with pytest.raises(ValueError, match="is not a web link"):
        build_utm_url(url, source="x", medium="social", campaign="c")


def test_utm_for_post_uses_platform_and_organic_or_paid_medium():
    organic = dict(parse_qsl(urlsplit(utm_for_post("https://example.com", "instagram", "Xmas Menu", False)).query))
    assert organic == {"utm_source": "instagram", "utm_medium": "social", "utm_campaign": "xmas_menu"}
    paid = dict(parse_qsl(urlsplit(utm_for_post("https://example.com", "facebook", "xmas", True)).query))
    assert paid["utm_medium"] == "paid_social"
    assert utm_for_post("", "instagram", "xmas", False) == ""
    assert utm_for_post("   ", "instagram", "xmas", True) == ""
