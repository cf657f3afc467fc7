"""Every free text a person types that someone later reads has a cap, counted in UTF-16
units as Telegram counts a message (an emoji outside the BMP is two): at the cap it is
taken, one unit over it is refused with a reason. The caps are what lets every message fit
(tests/unit/test_message_sizes.py renders them at these sizes)."""

from datetime import UTC, datetime

import pytest

from domain.broadcasts.model import MAX_BROADCAST_CHARS, Audience, Broadcast
from domain.dispatch.fleet import MAX_NAME_CHARS
from domain.menu.carts import Cart
from domain.menu.catalog import MAX_KEY_CHARS
from domain.orders.model import MAX_REASON_CHARS, Actor, Fulfilment, Role, Status
from domain.parcels.drafts import MAX_PHONE_CHARS, DraftRules, ParcelDraft, parse_phone
from domain.people.model import Person
from domain.shared.errors import InvalidAnswer
from domain.shared.text import utf16_length
from tests.fakes import FakeClock, FakeStore
from tests.unit.conftest import STAFF_ID, coffee_shop, parcel_order
from tests.unit.test_dispatch import services_with

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
RULES = DraftRules()
STAFF = Person(STAFF_ID, "Desk")
STORE = Actor(Role.STORE, STAFF_ID, "Desk")
EMOJI = "😀"  # two UTF-16 units


def at_and_over(cap: int) -> tuple[str, str]:
    """A text of exactly `cap` UTF-16 units made of emoji (an odd cap ends with a letter),
    and the same one unit longer."""
    text = EMOJI * (cap // 2) + "가" * (cap % 2)
    assert utf16_length(text) == cap and len(text) < cap
    return text, text + "x"


def test_utf16_length_counts_an_emoji_as_two_and_hangul_as_one():
    assert utf16_length("😀가a") == 4


def draft_at(step_answers: list[str]) -> ParcelDraft:
    d = ParcelDraft(1, NOW)
    for answer in step_answers:
        d.answer_text(answer, RULES)
    return d


@pytest.mark.parametrize("answers", [["small", "1"], ["small", "1", "here"]],
                         ids=["pickup", "destination"])
def test_a_parcel_address_is_capped(answers):
    at_cap, over = at_and_over(RULES.max_address_chars)
    d = draft_at(answers)
    with pytest.raises(InvalidAnswer) as refused:
        d.answer_text(over, RULES)
    assert refused.value.code == "address_too_long"
    assert refused.value.params == {"max": RULES.max_address_chars}
    d.answer_text(at_cap, RULES)


def test_a_delivery_address_for_a_menu_order_is_capped():
    at_cap, over = at_and_over(RULES.max_address_chars)
    cart = Cart(1, NOW, lines=[{"item_key": "tea", "name": "Tea", "options": "",
                                "unit_price": 1000, "quantity": 1}],
                checking_out=True, fulfilment=Fulfilment.DELIVERY)
    with pytest.raises(InvalidAnswer) as refused:
        cart.answer_text(over, RULES)
    assert refused.value.code == "address_too_long"
    cart.answer_text(at_cap, RULES)
    assert cart.address == at_cap


def test_a_phone_number_is_capped():
    assert parse_phone("0" * 15) == "0" * 15
    spaced = "0 " * 9 + "01"  # 11 digits in 20 characters
    assert parse_phone(spaced) == spaced
    with pytest.raises(InvalidAnswer) as refused:
        parse_phone(spaced + "0")  # 21 characters
    assert refused.value.code == "phone_invalid"
    assert len(spaced) == MAX_PHONE_CHARS


@pytest.mark.parametrize("how", ["reject", "cancel"])
def test_a_reject_or_cancel_reason_is_capped(how):
    at_cap, over = at_and_over(MAX_REASON_CHARS)
    refused_order, taken_order = parcel_order(7, NOW), parcel_order(8, NOW)
    move = {"reject": lambda o, reason: o.reject(STORE, reason, NOW),
            "cancel": lambda o, reason: o.cancel(STORE, NOW, reason)}[how]
    with pytest.raises(InvalidAnswer) as refused:
        move(refused_order, over)
    assert refused.value.code == "reason_too_long"
    assert refused.value.params == {"max": MAX_REASON_CHARS}
    assert refused_order.status is Status.PLACED
    move(taken_order, at_cap)
    assert taken_order.reason == at_cap


async def test_a_rider_name_is_capped():
    services = services_with(FakeStore(), FakeClock())
    at_cap, over = at_and_over(MAX_NAME_CHARS)
    with pytest.raises(InvalidAnswer) as refused:
        await services.fleet.apply(Person(300, "Sam"), over)
    assert refused.value.code == "rider_name"
    # A Telegram name too long to be a rider's name is refused too: they give one instead.
    with pytest.raises(InvalidAnswer):
        await services.fleet.apply(Person(300, over))
    rider = await services.fleet.apply(Person(300, "Sam"), at_cap)
    assert rider.name == at_cap


def test_a_broadcast_text_is_capped():
    at_cap, over = at_and_over(MAX_BROADCAST_CHARS)
    with pytest.raises(InvalidAnswer) as refused:
        Broadcast.draft(Audience.ALL, over, STAFF_ID, NOW)
    assert refused.value.code == "broadcast_too_long"
    assert Broadcast.draft(Audience.ALL, at_cap, STAFF_ID, NOW).text == at_cap


async def test_an_item_key_typed_by_staff_is_capped():
    services = await coffee_shop(FakeStore(), FakeClock())
    for command in (lambda key: services.menu.set_stock(key, 3, STAFF),
                    lambda key: services.menu.sell_out(key, STAFF),
                    lambda key: services.menu.make_available(key, STAFF)):
        with pytest.raises(InvalidAnswer) as refused:
            await command("k" * (MAX_KEY_CHARS + 1))
        assert refused.value.code == "item_key_too_long"
        assert refused.value.params == {"max": MAX_KEY_CHARS}
