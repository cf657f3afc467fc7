"""Links that open a place in the map apps riders use: Kakao Map and Naver Map, and Google
Maps for a rider reading English. Pure functions: the handlers make the buttons."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

from domain.orders.model import Place
from views.i18n import t

SEARCH_CHARS = 100  # of a typed address in a search link: enough to find it, never a huge URL


def map_links(lang: str, where: Place) -> list[tuple[str, str]]:
    """(label, URL) for each map app: the exact point when the place has coordinates (named
    by its address, if typed too), a search for the typed address otherwise; none for a
    place with neither."""
    links = _point_links(lang, where) if where.has_coordinates else _search_links(where)
    if links is None:
        return []
    kakao, naver, google = links
    apps: list[tuple[str, str]] = [(t(lang, "map.kakao"), kakao), (t(lang, "map.naver"), naver)]
    if lang == "en":
        apps.append((t(lang, "map.google"), google))
    return apps


def _point_links(lang: str, where: Place) -> tuple[str, str, str]:
    assert where.lat is not None and where.lon is not None
    point = f"{_degrees(where.lat)},{_degrees(where.lon)}"
    # Kakao reads "name,lat,lon": a comma inside the name would split it.
    name = re.sub(r"\s*,\s*", " ", where.address or t(lang, "map.pin"))
    return (
        f"https://map.kakao.com/link/map/{quote(name[:SEARCH_CHARS], safe='')},{point}",
        f"https://map.naver.com/p/search/{point}",
        _google(point),
    )


def _search_links(where: Place) -> tuple[str, str, str] | None:
    address = (where.address or "").strip()[:SEARCH_CHARS]
    if not address:
        return None
    query = quote(address, safe="")
    return (
        f"https://map.kakao.com/link/search/{query}",
        f"https://map.naver.com/p/search/{query}",
        _google(address),
    )


def _google(query: str) -> str:
    return "https://www.google.com/maps/search/?" + urlencode({"api": "1", "query": query})


def _degrees(value: float) -> str:
    """A coordinate as written in a link: up to 6 decimals (about 10 cm), no trailing zeros."""
    return f"{value:.6f}".rstrip("0").rstrip(".")
