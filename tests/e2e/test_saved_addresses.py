"""Saved addresses and Order again through the chat: a second order picks its places by
button, /addresses deletes one, and 🔁 rebuilds a past order at today's prices."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.runtime import Runtime
from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator, BotMessage, Person
from tests.e2e.conftest import Cast, place_order
from tests.e2e.test_menu import LATTE, check_out, confirm, fill_cart
from tests.fakes import AheadClock

CITY_HALL = (37.5665, 126.9780)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop, taking parcels too."""
    return settings.model_copy(update={"shop_mode": ShopMode.BOTH,
                                       "catalog_file": EXAMPLE_CATALOG,
                                       "max_updates_per_minute": 1000})


async def to_pickup_question(customer: Person) -> BotMessage:
    """/order, a small parcel of 2.5 kg: the pickup question."""
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("2.5")
    return await customer.wait_for("pick it up")


def button_starting(message: BotMessage, start: str) -> str:
    found = [label for label in message.buttons if label.startswith(start)]
    assert found, f"no button starting {start!r}: {message.buttons}"
    return found[0]


async def test_a_second_parcel_order_picks_both_places_by_button_in_place(cast: Cast):
    customer = cast.customer
    await place_order(customer, pickup="12 Sejong-daero", destination=CITY_HALL)
    pickup = await to_pickup_question(customer)
    assert "Or tap one you used before." in pickup.text
    assert pickup.buttons[0].startswith("📍 Shared location · ")  # the latest used first
    assert "📍 12 Sejong-daero" in pickup.buttons
    await customer.press("📍 12 Sejong-daero", message=pickup)
    destination = await customer.wait_for("Where should it go")
    assert destination.message_id == pickup.message_id and destination.edited  # in place
    assert "📍 12 Sejong-daero" not in destination.buttons  # the pickup just chosen
    await customer.press(button_starting(destination, "📍 Shared location"),
                         message=destination)
    phone = await customer.wait_for("phone number")
    assert phone.message_id == pickup.message_id and phone.buttons == []
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    summary = await customer.wait_for("Confirm to place it")
    assert "12 Sejong-daero" in summary.text and "📍 shared location" in summary.text


async def test_a_saved_address_answers_the_menu_orders_delivery_question(cast: Cast):
    customer = cast.customer
    await place_order(customer, pickup="12 Sejong-daero", destination="Teheran-ro 152")
    await fill_cart(customer, *LATTE, "Regular", "No extra shot")
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")
    await customer.press("🛵 Delivery (+₩3,000)")
    question = await customer.wait_for("Where should we deliver it?")
    await customer.press("📍 Teheran-ro 152", message=question)
    asked = await customer.wait_for("Your phone number")
    assert asked.message_id == question.message_id


async def test_an_address_is_deleted_from_addresses_and_offered_no_more(cast: Cast):
    customer = cast.customer
    await place_order(customer, pickup="12 Sejong-daero", destination="Teheran-ro 152")
    await customer.send("/addresses")
    listed = await customer.wait_for("Your saved addresses")
    assert "1. Teheran-ro 152" in listed.text and "2. 12 Sejong-daero" in listed.text
    answer = await customer.press("🗑 1", message=listed)
    assert answer.text == "Address deleted."
    edited = await customer.wait_for("Your saved addresses")
    assert edited.message_id == listed.message_id
    assert "Teheran-ro 152" not in edited.text and edited.buttons == ["🗑 1"]
    await customer.press("🗑 1", message=edited)
    emptied = await customer.wait_for("You have no saved addresses")
    assert emptied.message_id == listed.message_id and emptied.buttons == []
    pickup = await to_pickup_question(customer)
    assert pickup.buttons == [] and "used before" not in pickup.text


async def test_a_stranger_cannot_delete_or_use_someone_elses_address(cast: Cast):
    customer, stranger = cast.customer, cast.stranger
    await place_order(customer, pickup="12 Sejong-daero", destination="Teheran-ro 152")
    await customer.send("/addresses")
    listed = await customer.wait_for("Your saved addresses")
    delete = listed.button("🗑 1")
    assert delete is not None
    await stranger.send("/addresses")
    theirs = await stranger.wait_for("You have no saved addresses")
    answer = await stranger.press_data(theirs, delete["callback_data"])
    assert answer.text == "That saved address is no longer there."
    await customer.send("/addresses")
    assert "Teheran-ro 152" in (await customer.wait_for("Your saved addresses")).text


async def test_order_again_of_a_completed_menu_order_shows_the_new_price(
    emu: BotApiEmulator, cast: Cast, bot: Runtime, start_bot, settings: Settings,
    clock: AheadClock, tmp_path: Path,
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *LATTE, "Large (+₩500)", "Extra shot (+₩500)", quantity="2")
    await check_out(customer, pickup=True)
    number = await confirm(customer)
    for command, done in (("approve", "approved."), ("preparing", "preparing."),
                          ("ready", "is ready for pickup"), ("handed", "handed over")):
        await staff.send(f"/{command} {number}")
        await staff.wait_for(done)
    card = await customer.wait_for(f"Order #{number} — completed")
    assert card.buttons == ["🔁 Order again"]

    # The latte costs more since: the shop restarts with its new catalog.
    dearer = tmp_path / "coffee.toml"
    dearer.write_text(EXAMPLE_CATALOG.read_text().replace("price = 4500", "price = 4800", 1))
    await bot.stop()
    await start_bot(settings.model_copy(update={"catalog_file": dearer}), clock=clock)

    await customer.press("🔁 Order again", message=card)
    again = await customer.wait_for(f"Order #{number} again")
    assert "Café latte (Large, Extra shot) is now ₩5,800 (was ₩5,500)" in again.text
    assert "How will it be paid?" in again.text and again.message_id != card.message_id
    await customer.press("Cash at the counter", message=again)
    summary = await customer.wait_for("Confirm to place it")
    assert "2 × Café latte (Large, Extra shot) — ₩11,600" in summary.text


async def test_a_cart_confirmed_after_the_prices_changed_shows_todays_prices_first(
    emu: BotApiEmulator, cast: Cast, bot: Runtime, start_bot, settings: Settings,
    clock: AheadClock, tmp_path: Path,
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *LATTE, "Large (+₩500)", "Extra shot (+₩500)", quantity="2")
    summary = await check_out(customer, pickup=True)
    assert "2 × Café latte (Large, Extra shot) — ₩11,000" in summary
    dearer = tmp_path / "coffee.toml"
    dearer.write_text(EXAMPLE_CATALOG.read_text().replace("price = 4500", "price = 4800", 1))
    await bot.stop()
    await start_bot(settings.model_copy(update={"catalog_file": dearer}), clock=clock)

    answer = await customer.press("✅ Confirm")
    assert answer.text.startswith("A price changed since you added it")
    cart = await customer.wait_for("A price changed since you added it: Café latte (Large, "
                                   "Extra shot) is now ₩5,800 (was ₩5,500).")
    assert "₩11,600" in cart.text
    await staff.expect_nothing(within=0.3)  # no order at the old price
    await customer.press("🧾 Check out", message=cart)  # its answers kept: the summary
    summary = await customer.wait_for("Confirm to place it")
    assert "2 × Café latte (Large, Extra shot) — ₩11,600" in summary.text
    number = await confirm(customer)
    placed = await staff.wait_for(f"New order #{number}")
    assert "₩11,600" in placed.text


async def test_order_again_in_korean_from_orders_and_addresses_in_korean(cast: Cast):
    customer = cast.customer
    number = await place_order(customer, pickup="12 Sejong-daero", destination="Teheran-ro 152")
    await customer.send(f"/cancel {number}")  # only an order no longer on its way is repeated
    await customer.wait_for(f"Order #{number} cancelled.")
    await customer.send("/language ko")
    await customer.wait_for("한국어")
    await customer.send("/orders")
    listed = await customer.wait_for("주문 내역")
    await customer.press(f"🔁 {number}번", message=listed)
    again = await customer.wait_for(f"{number}번 주문을 다시 불러왔어요")
    assert "지난번과 달라진 건 없어요." in again.text and "결제 방법을 골라 주세요." in again.text
    await customer.send("/addresses")
    saved = await customer.wait_for("저장된 주소")
    answer = await customer.press("🗑 2", message=saved)
    assert answer.text == "주소를 지웠어요."
    edited = await customer.wait_for("저장된 주소")
    assert "12 Sejong-daero" not in edited.text


async def test_order_again_while_writing_another_order_is_refused_politely(cast: Cast):
    customer = cast.customer
    number = await place_order(customer)
    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number} cancelled.")
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.send("/orders")
    listed = await customer.wait_for("Your orders")
    answer = await customer.press(f"🔁 #{number}", message=listed)
    assert answer.text.startswith("You are writing an order already")


async def test_an_order_on_its_way_has_no_order_again_button(cast: Cast):
    customer = cast.customer
    await place_order(customer)
    await customer.send("/orders")
    listed = await customer.wait_for("Your orders")
    assert listed.buttons == []  # a second of an order still coming would be a slip
