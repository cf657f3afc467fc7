"""What a person typed, as the rules read it: normalised once, before any check."""

from __future__ import annotations

import re
import unicodedata

# Zero-width and direction marks, the BOM, soft hyphens and other "format" characters
# (Unicode category Cf) show nothing; so do these, though they are letters or marks: the
# Hangul fillers, the Braille blank, the combining grapheme joiner, Khmer's inherent vowels.
INVISIBLE_LETTERS = frozenset("\u115f\u1160\u3164\uffa0\u2800\u034f\u17b4\u17b5")
SPACES = re.compile(r"\s+")


def normalized(text: str) -> str:
    """NFKC (full-width letters and digits become plain ones), every script's decimal digits
    as ASCII digits (Arabic-Indic ٣ is 3), invisible characters removed, runs of white space
    as one space, trimmed. An answer of nothing visible comes out empty."""
    text = unicodedata.normalize("NFKC", text)
    kept = []
    for ch in text:
        if unicodedata.category(ch) == "Cf" or ch in INVISIBLE_LETTERS:
            continue
        digit = unicodedata.decimal(ch, None)
        kept.append(str(digit) if digit is not None and not ch.isascii() else ch)
    return SPACES.sub(" ", "".join(kept)).strip()


def utf16_length(text: str) -> int:
    """A text's length as Telegram counts it (an emoji outside the BMP is two), the unit of
    every cap on what a person types."""
    return len(text.encode("utf-16-le")) // 2
