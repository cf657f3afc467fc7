"""How saved addresses read: as buttons under an address question, and in /addresses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import tzinfo

from domain.orders.addresses import SavedAddress
from views.callbacks import encode
from views.i18n import Html, shortened, t
from views.words import day, place

LABEL_CHARS = 40  # UTF-16 units of an address on a button: the start says which it is


def saved_label(lang: str, saved: SavedAddress, tz: tzinfo) -> str:
    """The address cut short, or "📍 Shared location · Dec 3" for a point without one."""
    if saved.address:
        return "📍 " + shortened(saved.address, LABEL_CHARS)
    used = day(lang, saved.last_used_at.astimezone(tz).date(), weekday=False)
    return t(lang, "addresses.location", date=used)


def saved_buttons(lang: str, saved: Sequence[SavedAddress], tz: tzinfo,
                  version: int) -> list[list[tuple[str, str]]]:
    """One row per saved address under the question of draft or cart `version`: pressed,
    it answers that question only."""
    return [[(saved_label(lang, s, tz), encode("addr", s.id, version))] for s in saved]


def with_saved_hint(lang: str, question: str, saved: Sequence[SavedAddress]) -> Html:
    """The address question, pointing at the saved addresses under it when there are any."""
    return Html(question + t(lang, "addresses.pick")) if saved else Html(question)


def addresses_list(lang: str, saved: Sequence[SavedAddress], tz: tzinfo
                   ) -> tuple[Html, list[list[tuple[str, str]]]]:
    """/addresses: each saved address, numbered, with a 🗑 button each (a few: no list to
    cut short)."""
    if not saved:
        return t(lang, "addresses.none"), []
    lines = [t(lang, "addresses.title")]
    for index, s in enumerate(saved, 1):
        where = place(lang, s.place, preview=True) if s.address else saved_label(lang, s, tz)
        lines.append(t(lang, "addresses.item", index=index, address=Html(where)))
    buttons = [(str(t(lang, "addresses.delete", index=index)), encode("addrdel", s.id))
               for index, s in enumerate(saved, 1)]
    return Html("\n".join(lines)), [buttons]
