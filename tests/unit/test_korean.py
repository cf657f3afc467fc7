"""Korean that reads like a Korean delivery app: particles chosen by the word before them,
one polite register (해요체), times as "오후 2:32" and phones as 010-1234-5678."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from string import Formatter
from zoneinfo import ZoneInfo

import pytest

from views.i18n import t
from views.korean import SPECS, particle, with_particle
from views.locales import en, ko
from views.words import day, moment, payment_word, phone

SEOUL = ZoneInfo("Asia/Seoul")
NOW = datetime(2026, 12, 3, 5, 0, tzinfo=UTC)  # 오후 2:00 in Seoul


# --- particles -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("word", "pair", "expected"), [
    ("주문", "을/를", "주문을"), ("라떼", "을/를", "라떼를"), ("빵", "이/가", "빵이"),
    ("케이크", "이/가", "케이크가"), ("가게", "은/는", "가게는"), ("라이더", "과/와", "라이더와"),
    ("고객", "과/와", "고객과"), ("부산", "으로/로", "부산으로"), ("서울", "으로/로", "서울로"),
    ("바다", "으로/로", "바다로"), ("시스템", "이/가", "시스템이"), ("가게", "이/가", "가게가"),
    ("영", "이에요/예요", "영이에요"), ("ko", "이에요/예요", "ko예요"),
    # digits read in Korean: 0 영, 1 일, 2 이, 3 삼, 4 사, 5 오, 6 육, 7 칠, 8 팔, 9 구
    ("0", "을/를", "0을"), ("1", "을/를", "1을"), ("2", "을/를", "2를"), ("3", "을/를", "3을"),
    ("4", "이/가", "4가"), ("5", "이/가", "5가"), ("6", "이/가", "6이"), ("7", "으로/로", "7로"),
    ("8", "으로/로", "8로"), ("9", "은/는", "9는"), ("3", "으로/로", "3으로"),
    ("6", "으로/로", "6으로"), ("2", "으로/로", "2로"),
    # a round number is read by its unit: 10 십, 100 백, 1000 천, 10000 만
    ("10", "을/를", "10을"), ("100", "이/가", "100이"), ("1,000", "을/를", "1,000을"),
    ("20000", "은/는", "20000은"), ("12", "을/를", "12를"),
    # money and markup
    ("12,000원", "을/를", "12,000원을"), ("⭐ 50", "을/를", "⭐ 50을"),
    ("<b>라떼</b>", "을/를", "<b>라떼</b>를"), ("빵 &amp; 우유", "이/가", "빵 &amp; 우유가"),
    ("카페 라떼 (L)", "을/를", "카페 라떼 (L)을"),
    # Latin letters: a letter by its name (엘, 엠, 엔, 알), a word by how it ends
    ("L", "이/가", "L이"), ("A", "이/가", "A가"), ("SMS", "을/를", "SMS를"),
    ("Latte", "을/를", "Latte를"), ("Bagel", "으로/로", "Bagel로"), ("Lemon", "이/가", "Lemon이"),
    ("/help", "을/를", "/help를"),
    # what cannot be read takes the form after a vowel
    ("🛵", "을/를", "🛵를"), ("", "이/가", "가"),
])
def test_a_particle_follows_the_last_sound(word: str, pair: str, expected: str):
    assert with_particle(word, pair) == expected


def test_the_pair_may_be_written_either_way_round():
    assert particle("빵", "를/을") == "을" and particle("라떼", "를/을") == "를"


def test_a_template_names_the_pair_and_the_catalog_picks_it():
    assert t("ko", "stock.sold_out", item="카페 라떼") == "카페 라떼가 품절됐어요."
    assert t("ko", "stock.sold_out", item="크루아상") == "크루아상이 품절됐어요."
    assert t("ko", "error.item_sold_out", item="치즈케이크") == "죄송해요. 치즈케이크는 품절이에요."
    assert t("ko", "alert.refunded", number=7, amount="4,500원") == (
        "✅ 7번 주문: 4,500원이 환불됐어요.")
    assert t("ko", "alert.code_locked", number=3, rider_name="민수").endswith(
        "/waive 3을 보내 주세요.")
    assert t("ko", "alert.cancelled", number=2, by=t("ko", "role.store"), reason="") == (
        "❌ 가게가 2번 주문을 취소했어요.")
    assert t("ko", "alert.cancelled", number=2, by=t("ko", "role.system"), reason="") == (
        "❌ 시스템이 2번 주문을 취소했어요.")


def test_an_escaped_name_takes_its_particle_from_what_it_reads():
    assert t("ko", "stock.sold_out", item="빵 & 우유") == "빵 &amp; 우유가 품절됐어요."


MECHANICAL = re.compile(r"\((을|를|이|가|은|는|과|와|으|으로|로|이에요|예요|이랑|랑)\)")


@pytest.mark.parametrize("key", sorted(ko.TEXTS))
def test_no_korean_text_writes_a_particle_both_ways(key: str):
    """Never "주문 #2을(를)", "이(가)", "(으)로": the helper picks one, or the text needs none."""
    template = ko.TEXTS[key]
    assert not MECHANICAL.search(template), template
    outside = re.sub(r"\{[^{}]*\}", "", template)  # a pair is written only as a spec
    for pair in SPECS:
        assert pair not in outside, template
    for word in ("값", "빵", "2", "3"):
        values = {name: 1.5 if spec and spec not in SPECS else word
                  for _, name, spec, _ in Formatter().parse(template) if name}
        rendered = t("ko", key, **values)
        assert not MECHANICAL.search(rendered), rendered


@pytest.mark.parametrize("key", sorted(ko.TEXTS))
def test_every_particle_spec_is_a_known_pair(key: str):
    for _, name, spec, _ in Formatter().parse(ko.TEXTS[key]):
        if name and spec and "/" in spec:
            assert spec in SPECS, (key, spec)


# --- one register ---------------------------------------------------------------------------------

@pytest.mark.parametrize("key", sorted(ko.TEXTS))
def test_korean_is_polite_haeyo_not_hamnida(key: str):
    assert not re.search(r"습니다|합니다|됩니다|입니다|십시오", ko.TEXTS[key]), ko.TEXTS[key]


@pytest.mark.parametrize("key", sorted(ko.TEXTS))
def test_korean_uses_one_word_per_concept(key: str):
    """가게, never 매장; a parcel order carries 물건 (no 택배, 소포, 물품); the customer's own
    order is 주문 완료 / 들어갔어요, 접수 is the store's."""
    text = ko.TEXTS[key]
    for word in ("매장", "택배", "소포", "물품", "요금", "주문이 접수", "접수되었"):
        assert word not in text, (key, word)


def test_cash_is_chakbul_for_a_parcel_and_paid_on_meeting_for_a_meal():
    assert payment_word("ko", "cash") == "착불"
    assert payment_word("ko", "cash", "delivery") == "만나서 결제"
    assert payment_word("ko", "cash", "pickup") == "현장 결제"
    assert payment_word("ko", "prepaid", "delivery") == "선불"
    assert payment_word("en", "cash") == en.TEXTS["payment.cash"] == "Cash on delivery"
    assert payment_word("en", "cash", "delivery") == "Cash to the rider"
    assert payment_word("en", "cash", "pickup") == "Cash at the counter"


def test_won_follow_the_number():
    assert t("ko", "price", amount=12000) == "12,000원"
    assert t("en", "price", amount=12000) == "₩12,000"


# --- times ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("at", "ko_text", "en_text"), [
    (datetime(2026, 12, 3, 5, 32, tzinfo=UTC), "오후 2:32", "2:32 PM"),
    (datetime(2026, 12, 3, 0, 5, tzinfo=UTC), "오전 9:05", "9:05 AM"),
    (datetime(2026, 12, 2, 15, 5, tzinfo=UTC), "오전 12:05", "12:05 AM"),  # 00:05 in Seoul
    (datetime(2026, 12, 3, 3, 0, tzinfo=UTC), "오후 12:00", "12:00 PM"),
    (datetime(2026, 12, 2, 5, 32, tzinfo=UTC), "12월 2일 오후 2:32", "Dec 2, 2:32 PM"),
    (datetime(2026, 12, 3, 15, 0, tzinfo=UTC), "12월 4일 오전 12:00", "Dec 4, 12:00 AM"),
    (datetime(2025, 1, 9, 11, 1, tzinfo=UTC), "2025년 1월 9일 오후 8:01",
     "Jan 9, 2025, 8:01 PM"),
])
def test_a_time_reads_as_people_say_it(at: datetime, ko_text: str, en_text: str):
    assert moment("ko", at, SEOUL, NOW) == ko_text
    assert moment("en", at, SEOUL, NOW) == en_text


def test_an_offer_deadline_keeps_its_seconds():
    at = datetime(2026, 12, 3, 5, 32, 7, tzinfo=UTC)
    assert moment("ko", at, SEOUL, NOW, seconds=True) == "오후 2:32:07"
    assert moment("en", at, SEOUL, NOW, seconds=True) == "2:32:07 PM"


def test_a_day_reads_with_its_weekday():
    assert day("ko", date(2026, 12, 3)) == "12월 3일 (목)"
    assert day("en", date(2026, 12, 3)) == "Thu, Dec 3"


def test_no_view_formats_times_by_itself():
    """Every time a person reads goes through views.words.moment."""
    from pathlib import Path
    root = Path(__file__).resolve().parents[2]
    for folder in ("views", "notifier"):
        for path in (root / folder).rglob("*.py"):
            assert "strftime" not in path.read_text(), path


# --- phone numbers ------------------------------------------------------------------------


@pytest.mark.parametrize(("typed", "shown"), [
    ("01012345678", "010-1234-5678"),
    ("010-1234-5678", "010-1234-5678"),
    ("010 1234 5678", "010-1234-5678"),
    ("010.1234.5678", "010-1234-5678"),
    ("+82 10 1234 5678", "010-1234-5678"),
    ("+82-10-1234-5678", "010-1234-5678"),
    ("+82 (0)10 1234 5678", "010-1234-5678"),
    ("0082 10 1234 5678", "010-1234-5678"),
    ("0111234567", "011-123-4567"),
    ("021234567", "02-123-4567"),
    ("0212345678", "02-1234-5678"),
    ("+82 2 123 4567", "02-123-4567"),
    ("0311234567", "031-123-4567"),
    ("03112345678", "031-1234-5678"),
    ("07012345678", "070-1234-5678"),
    ("15881234", "1588-1234"),
    ("05051234567", "0505-123-4567"),
    # not a Korean number we know: as typed
    ("+1 415 555 0100", "+1 415 555 0100"),
    ("+82 (10) 1234-5678 9", "+82 (10) 1234-5678 9"),
    ("0101234", "0101234"),
    ("112", "112"),
    ("call me", "call me"),
])
def test_a_phone_number_reads_the_korean_way(typed: str, shown: str):
    assert phone(typed) == shown


def test_an_order_shows_the_phone_formatted():
    from views.orders import details
    fields = {"size": "small", "weight_kg": 1.0, "heavy": False, "pickup": {"address": "A"},
              "destination": {"address": "B"}, "recipient_phone": "+82 10 1234 5678",
              "payment": "cash"}
    assert "받는 분: 010-1234-5678" in details("ko", fields)
    assert "Recipient: 010-1234-5678" in details("en", fields)
