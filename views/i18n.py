"""The one translation catalog. Every text a person reads comes from here, in their language.

Texts are Telegram HTML; parameters are escaped unless they are already `Html`.
"""

from __future__ import annotations

import html
from string import Formatter
from typing import Any

from views.locales import en, ko

CATALOGS: dict[str, dict[str, str]] = {"en": en.TEXTS, "ko": ko.TEXTS}
DEFAULT_LANGUAGE = "en"


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
