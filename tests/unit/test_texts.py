"""The translation catalog and the button data: complete, consistent, within Telegram's limits."""

import re
from pathlib import Path

import pytest

from views.callbacks import MAX_BYTES, decode, encode
from views.i18n import CATALOGS, placeholders, t
from views.locales import en, ko

ROOT = Path(__file__).resolve().parents[2]
ERRORS = "NotFound|NotAllowed|InvalidTransition|InvalidAnswer|Conflict"
RAISED = re.compile(rf"(?:{ERRORS})\(\s*\"(\w+)\"")


def test_korean_has_every_english_text_with_the_same_placeholders():
    assert set(ko.TEXTS) == set(en.TEXTS)
    for key, english in en.TEXTS.items():
        assert placeholders(ko.TEXTS[key]) == placeholders(english), key


def test_every_refusal_the_code_raises_has_a_text_in_every_language():
    files = [p for folder in ("domain", "handlers") for p in (ROOT / folder).rglob("*.py")]
    sources = [p.read_text() for p in files]
    codes = {code for source in sources for code in RAISED.findall(source)}
    assert {"staff_only", "cancel_refused_menu", "weight_max"} <= codes
    codes |= {"already_taken", "already_yours"}  # chosen in a conditional, not a literal call
    for lang, catalog in CATALOGS.items():
        missing = sorted(code for code in codes if f"error.{code}" not in catalog)
        assert not missing, (lang, missing)


def test_user_text_is_escaped_for_telegram_html():
    text = t("en", "alert.rejected", number=5, reason="<script> & co")
    assert text == "😔 Order #5 was rejected: &lt;script&gt; &amp; co"


def test_unknown_language_falls_back_to_english():
    assert t("fr", "ask.size") == en.TEXTS["ask.size"]


@pytest.mark.parametrize("data", ["approve:12", "rejectwhy:999999999999:busy", "size:small"])
def test_button_data_round_trips(data):
    found = decode(data)
    assert found is not None and encode(found.action, *found.args) == data


@pytest.mark.parametrize("data", ["", "approve", "approve:", "approve:abc", "approve:0",
                                  "approve:1:2", "unknown:1", "size:SMALL!", "a" * 65,
                                  "approve:" + "9" * 13])
def test_forged_or_malformed_button_data_is_not_ours(data):
    assert decode(data) is None


def test_every_button_we_make_fits_in_64_bytes():
    longest = encode("rejectwhy", 999_999_999_999, "parcel")
    assert len(longest.encode()) <= MAX_BYTES
    with pytest.raises(ValueError):
        encode("approve", "x")
