"""Editing the cart in the chat: minus, plus and 🗑 under each line of the 🛒 cart, in one message
edited in place; quantities never beyond the stock left; a Confirm refused because someone
else took the stock leaves the cart to edit, in the same message."""

from __future__ import annotations

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotMessage, CallbackAnswer, Person
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart, press_when_shown


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop; customers here press at machine speed."""
    return settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                       "catalog_file": EXAMPLE_CATALOG,
                                       "max_updates_per_minute": 1000})


async def press_on_line(customer: Person, cart: BotMessage, number: int,
                        column: int) -> CallbackAnswer:
    """Press a button on line `number`'s row of the cart (0: minus, 1: plus, 2: 🗑): the plus
    and 🗑 of every line read the same."""
    row = cart.raw["reply_markup"]["inline_keyboard"][number - 1]
    return await customer.press_data(cart, row[column]["callback_data"])


async def open_cart(customer: Person, label: str = "🛒 Cart") -> BotMessage:
    """Press 🛒 Cart on the message showing it; returns the cart as shown."""
    await customer.press(label)
    return await customer.wait_for("🛒")


async def stock_cheesecakes(staff: Person, count: int) -> None:
    await staff.send(f"/stock cheesecake {count}")
    await staff.wait_for(f"Basque cheesecake: {count} in stock")


async def ask_for(customer: Person, label: str) -> None:
    """/menu, Bakery, and the item with this label: it asks how many."""
    await customer.send("/menu")
    await press_when_shown(customer, "Bakery")
    await press_when_shown(customer, label)


def messages(customer: Person) -> list[int]:
    return [message.message_id for message in customer.inbox]


async def test_a_cart_is_edited_line_by_line_in_its_own_message(cast: Cast):
    customer = cast.customer
    await fill_cart(customer, *CROISSANT, quantity="2")
    await customer.press("Coffee")
    await press_when_shown(customer, "Café latte — ₩4,500")
    await press_when_shown(customer, "Regular")
    await press_when_shown(customer, "No extra shot")
    await customer.wait_for("How many Café latte? Choose or type a number (1–20)")
    await customer.press("1")
    browsing = await customer.wait_for("Added to your cart.")
    before = messages(customer)

    cart = await open_cart(customer)
    assert cart.message_id == browsing.message_id
    assert "1. 2 × Butter croissant — ₩7,000" in cart.text
    assert "2. 1 × Café latte (Regular, No extra shot) — ₩4,500" in cart.text
    assert "Items: ₩11,500" in cart.text
    assert cart.button_rows == [["1. Butter croissant −", "+", "🗑"],
                                ["2. Café latte −", "+", "🗑"],
                                ["🧾 Check out", "➕ Add more"]]
    first = cart

    await customer.press("+", message=cart)  # the first line's
    cart = await customer.wait_for("1. 3 × Butter croissant — ₩10,500")
    await customer.press("1. Butter croissant −", message=cart)
    cart = await customer.wait_for("1. 2 × Butter croissant — ₩7,000")
    await press_on_line(customer, cart, 2, 2)  # 🗑 on the latte
    cart = await customer.wait_for("Items: ₩7,000")
    assert "Café latte" not in cart.text
    assert cart.button_rows == [["1. Butter croissant −", "+", "🗑"],
                                ["🧾 Check out", "➕ Add more"]]
    assert messages(customer) == before  # every press edited the one message
    assert cart.message_id == browsing.message_id

    # A + under the cart as it was first shown adds nothing: it shows the cart as it is.
    stale = await press_on_line(customer, first, 2, 1)
    assert "cart changed since that message" in stale.text
    shown = await customer.wait_for("Items: ₩7,000")
    assert "2 × Butter croissant" in shown.text and "Café latte" not in shown.text

    summary = await check_out(customer, pickup=True)
    assert "2 × Butter croissant — ₩7,000" in summary and "Total: ₩7,000" in summary
    await confirm(customer)


async def test_taking_every_line_out_leaves_an_empty_cart_to_fill_again(cast: Cast):
    customer = cast.customer
    await fill_cart(customer, *CROISSANT)
    cart = await open_cart(customer)
    await customer.press("🗑", message=cart)
    empty = await customer.wait_for("Your cart is empty.")
    assert empty.buttons == ["➕ Add more"]
    await customer.press("➕ Add more", message=empty)
    categories = await customer.wait_for("what would you like?")
    assert "🧾 Check out" not in categories.buttons


async def test_quantities_and_plus_never_go_beyond_the_stock_left(cast: Cast):
    customer, staff = cast.customer, cast.staff
    await stock_cheesecakes(staff, 3)
    await ask_for(customer, "Basque cheesecake — ₩6,500 (3 left)")
    asked = await customer.wait_for("How many Basque cheesecake? Choose or type a number (1–3)")
    assert asked.buttons == ["1", "2", "3", "⬅ Back"]
    await customer.press("2")
    await customer.wait_for("Added to your cart.")
    await customer.press("Bakery")
    await press_when_shown(customer, "Basque cheesecake — ₩6,500 (3 left)")
    asked = await customer.wait_for("(1–1)")  # two of the three are in the cart
    assert asked.buttons == ["1", "⬅ Back"]
    await customer.send("2")
    refused = await customer.wait_for("Please choose a quantity from 1 to 1.")
    assert "How many Basque cheesecake?" in refused.text
    await customer.press("⬅ Back", message=refused)

    cart = await open_cart(customer)
    await customer.press("+", message=cart)
    cart = await customer.wait_for("1. 3 × Basque cheesecake — ₩19,500")
    toast = await customer.press("+", message=cart)
    assert toast.text == "Only 3 left, all in your cart."
    await customer.expect_nothing(within=0.3)  # a toast only: the cart stays as it is
    assert customer.last.text == cart.text


async def test_a_confirm_after_another_customer_took_the_stock_leaves_the_cart_to_edit(
    cast: Cast,
):
    first, second, staff = cast.customer, cast.stranger, cast.staff
    await stock_cheesecakes(staff, 3)
    await fill_cart(first, "Bakery", "Basque cheesecake — ₩6,500 (3 left)", quantity="3")
    summary_text = await check_out(first, pickup=True)
    assert "3 × Basque cheesecake" in summary_text
    summary = first.last
    await fill_cart(second, "Bakery", "Basque cheesecake — ₩6,500 (3 left)", quantity="2")
    await check_out(second, pickup=True)
    await confirm(second)
    before = messages(first)

    toast = await first.press("✅ Confirm", message=summary)
    assert toast.text == "Sorry, only 1 Basque cheesecake left. Change the quantity and try again."
    cart = await first.wait_for("Sorry, only 1 Basque cheesecake left")
    assert cart.message_id == summary.message_id and messages(first) == before
    assert "1. 3 × Basque cheesecake — ₩19,500" in cart.text
    assert not any("Order #" in message.text for message in first.inbox)
    await first.press("1. Basque cheeseca… −", message=cart)
    cart = await first.wait_for("1. 2 × Basque cheesecake")
    await first.press("1. Basque cheeseca… −", message=cart)
    cart = await first.wait_for("1. 1 × Basque cheesecake")
    await first.press("🧾 Check out", message=cart)
    again = await first.wait_for("Confirm to place it")  # pickup and cash as chosen before
    assert "1 × Basque cheesecake — ₩6,500" in again.text and "Total: ₩6,500" in again.text
    await confirm(first)
    await staff.send("/items")
    items = await staff.wait_for("Menu")
    assert "cheesecake — Basque cheesecake: sold out" in items.text  # 2 and 1 placed


async def test_the_cart_can_be_edited_from_the_summary(cast: Cast):
    customer = cast.customer
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True)
    cart = await open_cart(customer)
    await customer.press("+", message=cart)
    cart = await customer.wait_for("1. 2 × Butter croissant")
    await customer.press("🧾 Check out", message=cart)
    summary = await customer.wait_for("Confirm to place it")
    assert "Total: ₩7,000" in summary.text


async def test_a_korean_customer_edits_the_cart_in_korean(emu, cast: Cast):
    customer, staff = emu.user(1003, "민지", language_code="ko"), cast.staff
    await customer.send("/start")
    await customer.wait_for()
    await stock_cheesecakes(staff, 2)
    await ask_for(customer, "Basque cheesecake — 6,500원 (2개 남음)")
    asked = await customer.wait_for("Basque cheesecake 몇 개 담을까요?")
    assert "숫자(1–2)" in asked.text and asked.buttons == ["1", "2", "⬅ 뒤로"]
    await customer.press("2")
    await customer.wait_for("장바구니에 담았어요.")
    cart = await open_cart(customer, "🛒 장바구니")
    assert "1. Basque cheesecake × 2 — 13,000원" in cart.text
    assert "−/+ 버튼으로 수량을 바꾸고, 🗑 버튼으로 메뉴를 뺄 수 있어요." in cart.text
    assert cart.button_rows[-1] == ["🧾 주문하기", "➕ 더 담기"]
    toast = await customer.press("+", message=cart)
    assert toast.text == "2개만 남았어요. 모두 장바구니에 담겨 있어요."
    await customer.press("1. Basque cheeseca… −", message=cart)
    cart = await customer.wait_for("1. Basque cheesecake × 1 — 6,500원")
    await customer.press("🗑", message=cart)
    await customer.wait_for("🛒 장바구니가 비어 있어요.")


async def test_help_says_where_the_cart_is_in_both_languages(cast: Cast):
    customer = cast.customer
    await customer.send("/help")
    listed = await customer.wait_for("Menu orders")
    assert "\n🛒 Cart — change amounts or take items out" in listed.text
    await customer.send("/language ko")
    await customer.wait_for("한국어")
    await customer.send("/help")
    listed = await customer.wait_for("메뉴 주문")
    assert "\n🛒 장바구니 — 담은 메뉴의 수량 바꾸기와 빼기" in listed.text
