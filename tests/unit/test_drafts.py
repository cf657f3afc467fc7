"""The order wizard's answers: good ones move it on, bad ones are refused with a reason."""

from datetime import UTC, datetime

import pytest

from domain.orders.model import PaymentMethod, Size
from domain.parcels.drafts import DraftRules, ParcelDraft, Step
from domain.shared.errors import InvalidAnswer, OutOfDate

RULES = DraftRules()


def draft() -> ParcelDraft:
    return ParcelDraft(1, datetime(2026, 11, 20, tzinfo=UTC))


def test_the_step_follows_the_answers_given():
    d = draft()
    assert d.step is Step.SIZE
    d.answer_text("Medium", RULES)
    assert (d.size, d.step) == (Size.MEDIUM, Step.WEIGHT)
    d.answer_text("2,5 kg", RULES)
    assert (d.weight_kg, d.step) == (2.5, Step.PICKUP)
    d.answer_location(37.5665, 126.978)
    assert d.step is Step.DESTINATION
    d.answer_text("  Teheran-ro   152 ", RULES)
    assert d.destination_address == "Teheran-ro 152"
    d.answer_text("010-1234-5678", RULES)
    d.answer_text("cash", RULES)
    assert d.step is Step.CONFIRM
    parcel = d.to_parcel()
    assert parcel.pickup.has_coordinates and parcel.destination.address == "Teheran-ro 152"
    assert d.payment is PaymentMethod.CASH


@pytest.mark.parametrize(
    ("answer", "code"),
    [("abc", "weight_not_number"), ("-1", "weight_positive"), ("0", "weight_positive"),
     ("1e9", "weight_not_number"), ("1_0", "weight_not_number"), ("nan", "weight_not_number"),
     ("inf", "weight_not_number"), ("1000", "weight_max"),
     ("0.001", "weight_positive"),
     ("", "weight_not_number"), ("30.5", "weight_max")],
)
def test_bad_weights_are_refused_with_a_reason(answer, code):
    d = draft()
    d.answer_text("small", RULES)
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_text(answer, RULES)
    assert refused.value.code == code
    assert d.step is Step.WEIGHT


@pytest.mark.parametrize(("answer", "code"), [("   ", "address_empty"),
                                              ("\u200b\u200d\u2060", "address_empty"),
                                              ("\u3164 \ufeff", "address_empty"),
                                              ("\u2800\u2800", "address_empty"),
                                              ("\u034f \u17b5", "address_empty"),
                                              ("x" * 5000, "address_too_long")])
def test_bad_addresses_are_refused(answer, code):
    d = draft()
    d.answer_text("small", RULES)
    d.answer_text("1", RULES)
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_text(answer, RULES)
    assert refused.value.code == code
    assert d.step is Step.PICKUP


@pytest.mark.parametrize("phone", ["call me maybe", "12", "010-abcd-5678", "+" + "1" * 20,
                                   "-" * 3330, "010 - 1234 - 5678 - - - - - - - -"])
def test_phone_numbers_need_digits(phone):
    d = draft()
    for answer in ["small", "1", "here", "there"]:
        d.answer_text(answer, RULES)
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_text(phone, RULES)
    assert refused.value.code == "phone_invalid"


def test_korean_words_answer_size_and_payment():
    d = draft()
    d.answer_text("대형", RULES)
    assert d.size is Size.LARGE
    for answer in ["3", "여기", "저기", "+82 10 1234 5678"]:
        d.answer_text(answer, RULES)
    d.answer_text("선불", RULES)
    assert d.payment is PaymentMethod.PREPAID


def test_a_button_from_an_earlier_question_is_refused():
    d = draft()
    d.answer_button(Step.SIZE, "small", RULES)
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_button(Step.SIZE, "large", RULES)
    assert refused.value.code == "stale_button"
    assert d.size is Size.SMALL


def test_a_location_is_refused_where_text_is_needed():
    d = draft()
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_location(37.0, 127.0)
    assert refused.value.code == "location_not_expected"


def test_an_incomplete_draft_cannot_become_a_parcel():
    d = draft()
    with pytest.raises(InvalidAnswer):
        d.to_parcel()


# --- the version a summary showed -----------------------------------------------------------


def test_every_accepted_answer_moves_the_version_on_and_a_refused_one_does_not():
    d = draft()
    seen = [d.version]
    d.answer_button(Step.SIZE, "small", RULES)
    seen.append(d.version)
    with pytest.raises(InvalidAnswer):
        d.answer_text("heavy", RULES)
    assert d.version == seen[-1]
    d.answer_text("2", RULES)
    seen.append(d.version)
    d.answer_location(37.5665, 126.978)
    seen.append(d.version)
    assert seen == list(range(seen[0], seen[0] + 4))


def test_a_summary_of_another_version_is_out_of_date():
    d = draft()
    for answer in ["small", "1", "here", "there", "010-1234-5678", "cash"]:
        d.answer_text(answer, RULES)
    d.check_seen(d.version)  # the summary shown now
    for seen in (d.version - 1, None):  # an older summary; a button from before versions
        with pytest.raises(OutOfDate):
            d.check_seen(seen)


def test_a_new_draft_does_not_start_at_the_version_an_earlier_one_reached():
    starts = {draft().version for _ in range(20)}
    assert len(starts) > 1 and all(0 <= v < 2**30 for v in starts)


def test_answers_in_full_width_or_other_digits_are_read_as_plain_ones():
    d = draft()
    d.answer_text("\uff2c\uff41\uff52\uff47\uff45", RULES)  # "Large", full width
    d.answer_text("２.５ｋｇ", RULES)
    d.answer_text("Sejong-daero\u200b 12", RULES)
    d.answer_text("Teheran-ro 152", RULES)
    d.answer_text("٠١٠-١٢٣٤-٥٦٧٨", RULES)  # Arabic-Indic digits
    assert (d.size, d.weight_kg) == (Size.LARGE, 2.5)
    assert d.pickup_address == "Sejong-daero 12"
    assert d.recipient_phone == "010-1234-5678"
