"""The one translation catalog. Every text a person reads comes from here, in their language.

Texts are Telegram HTML; parameters are escaped unless they are already `Html`.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache
from string import Formatter
from typing import Any

from domain.shared.text import utf16_length  # views count as the domain's caps do
from views.korean import SPECS, particle
from views.locales import en, ko

CATALOGS: dict[str, dict[str, str]] = {"en": en.TEXTS, "ko": ko.TEXTS}
DEFAULT_LANGUAGE = "en"
MAX_MESSAGE = 4096  # Telegram's limit on a message's text, in UTF-16 code units


def latest_that_fit(lang: str, head: Sequence[str], entries: Sequence[str],
                    limit: int = MAX_MESSAGE) -> list[str]:
    """The lines of a message: `head`, then as many of the latest `entries` as fit within
    `limit` (the markup counted too, so the parsed text is shorter still), the older ones
    summed up as "… and K earlier"."""
    dropped = len(entries) - latest_kept(lang, head, entries, limit)
    summary = [str(t(lang, "list.earlier", count=dropped))] if dropped else []
    return [*head, *summary, *entries[dropped:]]


def latest_kept(lang: str, head: Sequence[str], entries: Sequence[str],
                limit: int = MAX_MESSAGE) -> int:
    """How many of the latest `entries` `latest_that_fit` shows."""
    return how_many_fit(lang, utf16_length("\n".join(head)), list(reversed(entries)), limit)


def newest_that_fit(lang: str, head: Sequence[str], entries: Sequence[str],
                    foot: Sequence[str] = (), limit: int = MAX_MESSAGE) -> list[str]:
    """The same for entries listed newest first: `head`, the first entries that fit, "… and
    K earlier" for the older rest, then `foot`."""
    kept = newest_kept(lang, head, entries, foot, limit)
    dropped = len(entries) - kept
    summary = [str(t(lang, "list.earlier", count=dropped))] if dropped else []
    return [*head, *entries[:kept], *summary, *foot]


def newest_kept(lang: str, head: Sequence[str], entries: Sequence[str],
                foot: Sequence[str] = (), limit: int = MAX_MESSAGE) -> int:
    """How many of the first `entries` `newest_that_fit` shows."""
    used = utf16_length("\n".join(head)) + (1 + utf16_length("\n".join(foot)) if foot else 0)
    return how_many_fit(lang, used, entries, limit)


def how_many_fit(lang: str, used: int, entries: Sequence[str], limit: int = MAX_MESSAGE) -> int:
    """How many of `entries`, taken in order, each on a line of its own, fit beside `used`
    units, leaving room for the "… and K earlier" that sums up the rest."""
    kept = 0
    for entry in entries:
        rest = len(entries) - kept - 1
        room = utf16_length(t(lang, "list.earlier", count=rest)) + 1 if rest else 0
        if used + 1 + utf16_length(entry) + room > limit:
            break
        kept += 1
        used += 1 + utf16_length(entry)
    return kept


def joined_that_fit(lang: str, items: Sequence[str], limit: int, latest: bool = False,
                    separator: str = ", ") -> str:
    """`items` on one line of at most `limit` units: the first ones, and "… and K more" for
    the rest; with `latest`, the last ones after "… and K earlier"."""
    note = "list.earlier" if latest else "list.more"
    ordered = list(reversed(items)) if latest else list(items)
    kept, used = 0, 0
    for item in ordered:
        rest = len(items) - kept - 1
        room = utf16_length(separator + t(lang, note, count=rest)) if rest else 0
        cost = utf16_length(item) + (utf16_length(separator) if kept else 0)
        if used + cost + room > limit:
            break
        kept, used = kept + 1, used + cost
    dropped = len(items) - kept
    shown = ordered[:kept]
    summary = [str(t(lang, note, count=dropped))] if dropped else []
    if latest:
        return separator.join([*summary, *reversed(shown)])
    return separator.join([*shown, *summary])


def shortened(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-16 units, ending in "…" when it was cut."""
    if utf16_length(text) <= limit:
        return text
    kept, used = [], 1
    for ch in text:
        used += utf16_length(ch)
        if used > limit:
            break
        kept.append(ch)
    return "".join(kept) + "…"


def pages(lines: Sequence[str], limit: int = MAX_MESSAGE) -> list[str]:
    """Lines as the messages of one answer: as few as the limit allows, a line never cut
    (each line must fit a message: the caps on what it shows see to that)."""
    found: list[str] = []
    page: list[str] = []
    size = 0
    for line in lines:
        length = utf16_length(line)
        if page and size + 1 + length > limit:
            found.append("\n".join(page))
            page, size = [], 0
        size += length + (1 if page else 0)
        page.append(line)
    if page:
        found.append("\n".join(page))
    return found


class Html(str):
    """A fragment that is already valid Telegram HTML; inserted as it is."""


def t(lang: str, key: str, **params: Any) -> Html:
    """The text for `key` in `lang` (English when missing), with escaped parameters."""
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    template = catalog.get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    safe = {name: _escape(value) for name, value in params.items()}
    if _has_particles(template):
        return Html(_PARTICLES.vformat(template, (), safe))
    return Html(template.format(**safe))


class _ParticleFormatter(Formatter):
    """`{item:을/를}`: the value, then the particle its last sound takes (views.korean)."""

    def format_field(self, value: Any, format_spec: str) -> Any:
        if format_spec in SPECS:
            text = str(value)
            return text + particle(text, format_spec)
        return super().format_field(value, format_spec)


_PARTICLES = _ParticleFormatter()
_PARTICLE_FIELD = re.compile(r"\{\w+:[^{}]*/[^{}]*\}")


@lru_cache(maxsize=1024)
def _has_particles(template: str) -> bool:
    return bool(_PARTICLE_FIELD.search(template))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def _escape(value: Any) -> Any:
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value
