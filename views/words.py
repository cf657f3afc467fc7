"""Words every order text uses: prices and places."""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from domain.orders.model import Place
from views.i18n import Html, shortened, t

ADDRESS_PREVIEW_CHARS = 60  # UTF-16 units of an address in a list


def price(lang: str, amount: int) -> Html:
    return t(lang, "price", amount=amount)


def place(lang: str, where: Place | Mapping[str, Any], preview: bool = False) -> Html:
    """A typed address, or the coordinates of a shared location."""
    if isinstance(where, Mapping):
        where = Place(where.get("address"), where.get("lat"), where.get("lon"))
    if where.address:
        text = shortened(where.address, ADDRESS_PREVIEW_CHARS) if preview else where.address
        return Html(html.escape(text, quote=False))
    if not where.has_coordinates:
        return t(lang, "place.none")
    return t(lang, "place.location", lat=where.lat, lon=where.lon)
