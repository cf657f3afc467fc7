"""`ppalli demo`: one whole order, offline, against the built-in Bot API emulator.

A rider goes online nearby, a customer orders, the store approves, the order is offered to
the rider, who accepts and hands it over with the customer's delivery code; the customer
confirms. The conversation is printed as a transcript ending with the order's timeline.
With `--menu`: the example coffee shop instead, a latte paid in Telegram Stars, made by the
kitchen and delivered the same way.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from pathlib import Path

from bot.migrations import upgrade
from bot.runtime import Runtime
from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator, Person, render_transcript

DEMO_TOKEN = "123456:DEMO-TOKEN-offline"
CUSTOMER_ID, STAFF_ID, RIDER_ID = 1001, 2001, 3001


async def run_demo(menu: bool = False) -> int:
    logging.basicConfig(level=logging.WARNING)
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(token=DEMO_TOKEN, bot_username="ppalli_bot") as emu:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]  # pydantic-settings' own init option
                telegram_bot_token=emu.token,
                telegram_api_url=emu.base_url,
                database_url=f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}",
                admin_ids=frozenset({STAFF_ID}),
                rider_ids=frozenset({RIDER_ID}),
                shop_mode=ShopMode.MENU if menu else ShopMode.PARCEL,
                catalog_file=EXAMPLE_CATALOG if menu else None,
            )
            await upgrade(settings.database_url)
            try:
                async with Runtime(settings, poll_timeout=1):
                    await (play_one_coffee(emu) if menu else play_one_order(emu))
            except (AssertionError, TimeoutError) as error:
                print(render_transcript(emu.transcript, NAMES))
                print(f"\nThe demo stopped early: {error}", file=sys.stderr)
                return 1
            print(render_transcript(emu.transcript, NAMES))
    return 0


NAMES = {CUSTOMER_ID: "Minji (customer)", STAFF_ID: "Jisoo (store)", RIDER_ID: "Hyun (rider)"}


async def people_ready(emu: BotApiEmulator) -> tuple[Person, Person, Person]:
    """The customer, the staff member and the rider, the last two started and on duty."""
    customer = emu.user(CUSTOMER_ID, "Minji", language_code="en")
    staff = emu.user(STAFF_ID, "Jisoo", language_code="en")
    rider = emu.user(RIDER_ID, "Hyun", language_code="en")
    # Telegram lets a bot write only to people who started it: staff and rider do so first.
    await staff.send("/start")
    await rider.send("/start")
    # The rider goes on duty near the pickup, so the order is offered to them.
    await rider.send("/online")
    await rider.wait_for("You are online")
    await rider.share_location(37.5700, 126.9768)
    await rider.wait_for("Position updated")
    return customer, staff, rider


async def play_one_order(emu: BotApiEmulator) -> None:
    customer, staff, rider = await people_ready(emu)
    await customer.send("/start")
    await customer.wait_for("Hello, Minji")
    await customer.press("📦 New order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("about three")
    await customer.wait_for("as a number")
    await customer.send("3.5")
    await customer.wait_for("pick it up")
    await customer.send("12 Sejong-daero, Jung-gu, Seoul")
    await customer.wait_for("Where should it go")
    await customer.share_location(37.4979, 127.0276)
    await customer.wait_for("phone number")
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    await customer.wait_for("Confirm to place it")
    await customer.press("✅ Confirm")
    await customer.wait_for("Order #1 placed.")

    await staff.wait_for("New order #1")
    await staff.press("✅ Approve")
    await staff.wait_for("Order #1 approved.")
    await customer.wait_for("approved. We are finding a rider")

    await ride_and_confirm(customer, rider)


async def play_one_coffee(emu: BotApiEmulator) -> None:
    customer, staff, rider = await people_ready(emu)
    await customer.send("/start")
    await customer.wait_for("Welcome to Ppalli Coffee")
    await customer.press("☕ Order from the menu")
    await customer.wait_for("Choose a category")
    await customer.press("Coffee")
    await customer.wait_for("choose an item")
    await customer.press("Café latte — ₩4,500")
    await customer.wait_for("Size?")
    await customer.press("Large (+₩500)")
    await customer.wait_for("Extra shot?")
    await customer.press("Extra shot (+₩500)")
    await customer.wait_for("How many")
    await customer.press("2")
    await customer.wait_for("Added to your cart")
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")
    await customer.press("🛵 Delivery (+₩3,000)")
    await customer.wait_for("Where should we deliver it?")
    await customer.share_location(37.5759, 126.9768)
    await customer.wait_for("Your phone number")
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid?")
    await customer.press("⭐ Pay now in Telegram")
    await customer.wait_for("Confirm to place it")
    await customer.press("✅ Confirm")
    await customer.wait_for("waiting for your payment")
    answer = await customer.pay()
    if not answer.ok:
        raise AssertionError(f"the payment was refused: {answer.error_message}")
    await customer.wait_for("Payment received. Order #1 placed")

    await staff.wait_for("New order #1")
    await staff.press("✅ Approve")
    await staff.wait_for("Order #1 approved.")
    await staff.press("👩‍🍳 Start preparing")
    await customer.wait_for("Order #1 is being prepared")
    await staff.wait_for("Mark it ready")
    await staff.press("✅ Ready")
    await customer.wait_for("Order #1 is ready")

    await ride_and_confirm(customer, rider)


async def ride_and_confirm(customer: Person, rider: Person) -> None:
    """Order #1 from its offer to the rider until the customer confirms it arrived."""
    await rider.wait_for("New job #1")
    await rider.press("🛵 Accept #1")
    await rider.wait_for("Order #1 is yours")
    assigned = await customer.wait_for("rider Hyun is on the way", timeout=15)
    code = assigned.text.split("Delivery code: ")[1][:4]  # the recipient tells the rider
    await rider.press("📦 Picked up")
    await rider.wait_for("Order #1 picked up")
    await customer.wait_for("picked up and on its way")
    await rider.press("✅ Delivered")
    await rider.wait_for("Type the 4-digit code")
    await rider.send(code)
    await rider.wait_for("Order #1 delivered")
    await customer.wait_for("Please confirm the recipient got it", timeout=15)
    await customer.press("✅ Confirm receipt")
    await customer.wait_for("Thank you! Order #1 is completed")
    await customer.send("/status 1")
    await customer.wait_for("Timeline")
