"""Korean particles (조사) chosen by how the word before them ends.

A Korean template writes the pair after a placeholder as its format spec, `{item:을/를}`, and
`views.i18n.t` renders "라떼를" or "케이크를", "빵을", "3을", "2를" (digits read in Korean).
Texts that can avoid a particle after a placeholder do (`{number}번 주문`); no template writes
the mechanical "을(를)".
"""

from __future__ import annotations

import html
import re

# The pairs a template may name, as (after a final consonant, after a vowel).
PAIRS: tuple[tuple[str, str], ...] = (
    ("을", "를"),
    ("이", "가"),
    ("은", "는"),
    ("과", "와"),
    ("으로", "로"),
    ("이에요", "예요"),
    ("이랑", "랑"),
    ("이나", "나"),
    ("이라", "라"),
)
SPECS: dict[str, tuple[str, str]] = {
    **{f"{a}/{b}": (a, b) for a, b in PAIRS},
    **{f"{b}/{a}": (a, b) for a, b in PAIRS},
}

NO_FINAL, RIEUL, OTHER_FINAL = 0, 1, 2  # how a word ends, as far as particles care
_HANGUL_FIRST, _HANGUL_LAST = 0xAC00, 0xD7A3
_RIEUL_INDEX = 8  # ㄹ among the 28 final consonants (0: none)
# 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구
_DIGITS = (OTHER_FINAL, RIEUL, NO_FINAL, OTHER_FINAL, NO_FINAL, NO_FINAL, OTHER_FINAL, RIEUL,
           RIEUL, NO_FINAL)
# A number ending in zeros is read by its unit: 10 십, 100 백, 1000 천, 10000 만, 10^8 억, 10^12 조
_ZEROS = {1: OTHER_FINAL, 2: OTHER_FINAL, 3: OTHER_FINAL, 4: OTHER_FINAL, 8: OTHER_FINAL,
          12: NO_FINAL}
# Latin letters said by name: L 엘, M 엠, N 엔, R 알; the others end in a vowel (에이, 비, 씨...)
_LETTER_NAMES = {"l": RIEUL, "m": OTHER_FINAL, "n": OTHER_FINAL, "r": RIEUL}
_DIGITS_AT_END = re.compile(r"[0-9][0-9,]*$")
_LETTERS_AT_END = re.compile(r"[A-Za-z]+$")
_TAG = re.compile(r"<[^>]*>")
_TRAILING = re.compile(r"[\s.,!?…)\]}\"'»”’·:;~\-*_/]+$")


def ending(word: str) -> int:
    """How `word` (plain text or Telegram HTML) ends when read aloud: NO_FINAL, RIEUL (ㄹ) or
    OTHER_FINAL; a word we cannot read (emoji, symbols) counts as ending in a vowel."""
    text = _TRAILING.sub("", html.unescape(_TAG.sub("", word)))
    if not text:
        return NO_FINAL
    last = text[-1]
    code = ord(last)
    if _HANGUL_FIRST <= code <= _HANGUL_LAST:
        final = (code - _HANGUL_FIRST) % 28
        return NO_FINAL if final == 0 else RIEUL if final == _RIEUL_INDEX else OTHER_FINAL
    digits = _DIGITS_AT_END.search(text)
    if digits:
        return _number_ending(digits.group().replace(",", ""))
    letters = _LETTERS_AT_END.search(text)
    if letters:
        return _latin_ending(letters.group())
    return NO_FINAL


def _number_ending(digits: str) -> int:
    stripped = digits.rstrip("0")
    if not stripped:
        return OTHER_FINAL  # 영
    zeros = len(digits) - len(stripped)
    if zeros == 0:
        return _DIGITS[int(digits[-1])]
    unit = max(z for z in _ZEROS if z <= zeros)  # 10^5 is 십만, 10^9 십억: the big unit
    return _ZEROS[unit]


def _latin_ending(letters: str) -> int:
    if len(letters) == 1 or letters.isupper():  # a letter or an abbreviation: said by name
        return _LETTER_NAMES.get(letters[-1].lower(), NO_FINAL)
    lower = letters.lower()
    if lower.endswith("l"):
        return RIEUL
    if lower.endswith(("m", "n", "ng")):
        return OTHER_FINAL
    return NO_FINAL  # latte 라떼, cake 케이크, burger 버거


def particle(word: str, pair: str) -> str:
    """The particle of `pair` ("을/를", "이/가", "은/는", "과/와", "으로/로"...) that follows
    `word`: 으로 after a consonant but ㄹ, which takes 로."""
    with_final, without = SPECS[pair]
    end = ending(word)
    if with_final == "으로":
        return with_final if end == OTHER_FINAL else without
    return without if end == NO_FINAL else with_final


def with_particle(word: str, pair: str) -> str:
    """`word` followed by the right particle of `pair`: "주문을", "라떼를", "서울로"."""
    return word + particle(word, pair)
