"""The one translation catalog. Every text a person reads comes from here, in their language.

Texts are Telegram HTML; parameters are escaped unless they are already `Html`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from string import Formatter
from typing import Any

from domain.shared.text import utf16_length
from views.locales import en, ko

CATALOGS: dict[str, dict[str, str]] = {"en": en.TEXTS, "ko": ko.TEXTS}
DEFAULT_LANGUAGE = "en"
MAX_MESSAGE = 4096  # Telegram's limit on a message's text, in UTF-16 code units

__all__ = ["utf16_length"]  # views count as the domain's caps do


def latest_that_fit(lang: str, head: Sequence[str], entries: Sequence[str],
                    limit: int = MAX_MESSAGE) -> list[str]:
    """The lines of a message: `head`, then as many of the latest `entries` as fit within
    `limit` (the markup counted too, so the parsed text is shorter still), the older ones
    summed up as "… and K earlier"."""
    used = utf16_length("\n".join(head))
    kept: list[str] = []
    for entry in reversed(entries):
        earlier = len(entries) - len(kept) - 1
        note = utf16_length(t(lang, "list.earlier", count=earlier)) + 1 if earlier else 0
        if used + 1 + utf16_length(entry) + note > limit:
            break
        kept.append(entry)
        used += 1 + utf16_length(entry)
    dropped = len(entries) - len(kept)
    summary = [str(t(lang, "list.earlier", count=dropped))] if dropped else []
    return [*head, *summary, *reversed(kept)]


class Html(str):
    """A fragment that is already valid Telegram HTML; inserted as it is."""


def t(lang: str, key: str, **params: Any) -> Html:
    """The text for `key` in `lang` (English when missing), with escaped parameters."""
    catalog = CATALOGS.get(lang, CATALOGS[DEFAULT_LANGUAGE])
    template = catalog.get(key) or CATALOGS[DEFAULT_LANGUAGE][key]
    safe = {name: _escape(value) for name, value in params.items()}
    return Html(template.format(**safe))


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def _escape(value: Any) -> Any:
    if isinstance(value, Html):
        return value
    if isinstance(value, str):
        return html.escape(value, quote=False)
    return value
