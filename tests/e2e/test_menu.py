"""A coffee shop through the chat: the menu wizard, stock, the kitchen, Telegram Payments in
Stars and by card, refunds, and cancellation rules by status."""

from __future__ import annotations

import asyncio
import re

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator, BotMessage, Person
from tests.e2e.conftest import Cast
from tests.fakes import AheadClock

CITY_HALL = (37.5665, 126.9780)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop, taking parcels too; sweeps often, so refunds come quickly.
    Some customers here order again and again at machine speed (a paused prepaid takes three
    failed invoices), far over MAX_UPDATES_PER_MINUTE: that limit has tests of its own
    (test_limits), so here it is lifted."""
    return settings.model_copy(update={"shop_mode": ShopMode.BOTH,
                                       "catalog_file": EXAMPLE_CATALOG, "sweep_seconds": 0.2,
                                       "max_updates_per_minute": 1000})


async def press_when_shown(person: Person, label: str) -> None:
    """Wait for the bot's next message that has this button, and press it there."""
    while True:
        message = await person.wait_for("")
        if label in message.buttons:
            await person.press(label, message=message)
            return


async def fill_cart(customer: Person, *choices: str, quantity: str = "1") -> None:
    """/menu, then a category, an item and its options (button labels), and a quantity."""
    await customer.send("/menu")
    for label in choices:
        await press_when_shown(customer, label)
    await customer.wait_for("How many")
    await customer.press(quantity)
    await customer.wait_for("Added to your cart.")


async def check_out(customer: Person, *, pickup: bool = False, prepaid: bool = False) -> str:
    """Check out with a delivery (or pickup) and a payment; returns the summary's text."""
    await customer.press("🧾 Check out")
    await customer.wait_for("How do you want to get it?")
    if pickup:
        await customer.press("🏪 Pick up at the counter")
    else:
        await customer.press("🛵 Delivery (+₩3,000)")
        await customer.wait_for("Where should we deliver it?")
        await customer.share_location(37.5700, 126.9820)
        await customer.wait_for("Your phone number")
        await customer.send("010-5555-1234")
    await customer.wait_for("How will it be paid?")
    cash = "Cash at the counter" if pickup else "Cash to the rider"
    await customer.press("⭐ Pay now in Telegram" if prepaid else cash)
    summary = await customer.wait_for("Confirm to place it")
    return summary.text


async def next_reply(person: Person) -> BotMessage:
    """The bot's next new message here (edits, such as buttons taken away, are skipped)."""
    while True:
        message = await person.wait_for("")
        if not message.edited:
            return message


async def confirm(customer: Person) -> int:
    """Confirm the summary; returns the order's number from the toast. The summary becomes
    the order's card (waiting for approval, or for the payment); a prepaid order's invoice
    follows it."""
    placed = await customer.press("✅ Confirm")
    assert "placed. The store will confirm" in placed.text, placed.text
    number = int(placed.text.split("#")[1].split()[0])
    card = await customer.wait_for(f"Order #{number} — ")  # the summary, edited
    if "waiting for payment" in card.text:
        while (await next_reply(customer)).raw.get("invoice") is None:
            pass
    return number


async def paid_order(customer: Person, *choices: str, quantity: str = "1",
                     pickup: bool = False) -> int:
    await fill_cart(customer, *choices, quantity=quantity)
    await check_out(customer, pickup=pickup, prepaid=True)
    number = await confirm(customer)
    answer = await customer.pay()
    assert answer.ok, answer.error_message
    await customer.wait_for(f"Payment received. Order #{number} placed")
    return number


LATTE = ("Coffee", "Café latte — ₩4,500")
CROISSANT = ("Bakery", "Butter croissant — ₩3,500 (12 left)")


async def unpaid_order(customer: Person) -> int:
    """A croissant to collect, prepaid: confirmed, its invoice sent, not paid yet."""
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)
    return await confirm(customer)


async def test_a_coffee_paid_in_stars_goes_from_the_menu_to_completion(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await fill_cart(customer, *LATTE, "Large (+₩500)", "Extra shot (+₩500)", quantity="2")
    summary = await check_out(customer, prepaid=True)
    assert "2 × Café latte (Large, Extra shot) — ₩11,000" in summary
    assert "Delivery fee: ₩3,000" in summary and "Total: ₩14,000" in summary
    assert "Charged in Telegram: ⭐ 700" in summary
    number = await confirm(customer)
    invoice = emu.calls_to("sendInvoice")[-1].params
    assert (invoice["currency"], invoice["payload"]) == ("XTR", f"order:{number}")
    await staff.expect_nothing(within=0.3)  # unpaid: the store does not see it yet

    answer = await customer.pay()
    assert answer.ok
    await customer.wait_for(f"Payment received. Order #{number} placed")
    new = await staff.wait_for(f"New order #{number}")
    assert "2 × Café latte (Large, Extra shot)" in new.text and "(paid)" in new.text
    assert "(phone 010-5555-1234)" in new.text
    assert new.buttons == ["✅ 10 min", "✅ 20 min", "✅ 30 min", "✅ 40 min", "✖ Reject"]
    answer = await staff.press("✅ 20 min", message=new)  # approved, made in 20 minutes
    assert answer.text == f"Order #{number} approved."
    approved = await staff.wait_for(f"Order #{number} from Minji — accepted by the shop")
    assert approved.message_id == new.message_id  # the alert became the store's card
    assert approved.buttons == ["👩‍🍳 Start preparing", "✖ Cancel order"]
    await customer.wait_for(f"👍 Order #{number} accepted by the shop.")  # a push
    await rider.send("/online")
    await rider.wait_for("You are online")

    await staff.press("👩‍🍳 Start preparing", message=approved)
    await customer.wait_for(f"Order #{number} — being prepared")  # the card, edited
    await staff.press("✅ Ready")
    await customer.wait_for(f"Order #{number} — ready")  # no push: a rider comes first
    offer = await rider.wait_for(f"New job #{number}")
    assert "Ppalli Coffee" not in offer.text or "12 Sejong-daero" not in offer.text
    assert f"New job #{number} — 2 items" in offer.text and "kg" not in offer.text
    await rider.press(f"🛵 Accept #{number}", message=offer)
    told = await customer.wait_for(f"Order #{number}: rider")
    assert "tell it to the rider when they bring your order" in told.text
    assert "recipient" not in told.text and "parcel" not in told.text
    code = re.search(r"Delivery code: (\d{4})", told.text).group(1)
    await rider.send(f"/pickup {number}")
    await rider.wait_for(f"Order #{number} picked up")
    await rider.send(f"/deliver {number} {code}")
    await rider.wait_for(f"Order #{number} delivered")
    await rider.expect_nothing(within=0.3)  # prepaid: no cash to collect
    delivered = await customer.wait_for(f"Order #{number} delivered")
    assert "Please confirm you got it" in delivered.text
    answer = await customer.press("✅ Confirm receipt", message=delivered)
    assert f"Order #{number} is completed" in answer.text
    thanked = await customer.wait_for(f"Order #{number} is completed")
    assert thanked.message_id == delivered.message_id  # the answer, below the alert
    assert [p.refunded for p in emu.payments] == [False]


async def test_a_cash_pickup_order_is_handed_over_and_counted_in_the_report(cast: Cast):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT, quantity="3")
    summary = await check_out(customer, pickup=True)
    assert "Pickup at the counter: 12 Sejong-daero" in summary and "Total: ₩10,500" in summary
    assert "Payment: Cash at the counter" in summary
    number = await confirm(customer)
    await staff.wait_for(f"New order #{number}")
    await staff.send(f"/approve {number}")
    await staff.wait_for(f"Order #{number} approved.")
    await staff.send(f"/preparing {number}")
    await staff.wait_for(f"Order #{number}: preparing.")
    await staff.send(f"/ready {number}")
    ready = await staff.wait_for(f"Order #{number} is ready for pickup")
    await customer.wait_for(f"Order #{number} is ready: pick it up at the counter")
    answer = await staff.press("🤝 Handed over", message=ready)
    assert answer.text == f"Order #{number} handed over: completed."
    await customer.wait_for(f"Order #{number} — completed")  # the card: handed, not pushed
    await staff.send("/items")
    items = await staff.wait_for("Menu")
    assert "croissant — Butter croissant: 9" in items.text
    await staff.send("/report")
    report = await staff.wait_for("Today")
    assert "Orders placed: 1" in report.text and "Completed: 1" in report.text
    assert "Cash collected: ₩10,500 (1 orders)" in report.text  # at the counter, on handover
    assert "Cash still to collect: ₩0" in report.text


async def test_the_customer_cannot_cancel_once_the_kitchen_started_and_is_told_the_rule(
    cast: Cast,
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *LATTE, "Regular", "No extra shot")
    await check_out(customer)
    number = await confirm(customer)
    await staff.send(f"/approve {number}")
    await staff.wait_for("approved")
    await customer.send(f"/status {number}")
    card = await customer.wait_for(f"Order #{number} — accepted by the shop")
    assert f"You can cancel it with /cancel {number}" in card.text

    await staff.send(f"/preparing {number}")
    await customer.wait_for(f"Order #{number} — being prepared")  # the card, edited
    await customer.send(f"/cancel {number}")
    refused = await customer.wait_for("can no longer be cancelled")
    assert "until the shop starts preparing it" in refused.text
    await customer.send(f"/status {number}")
    card = await customer.wait_for(f"Order #{number} — being prepared")
    assert "/cancel" not in card.text and "until the shop starts preparing it" in card.text


async def test_cancelling_a_paid_order_refunds_the_stars_and_returns_the_stock(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    number = await paid_order(customer, *CROISSANT, quantity="2", pickup=True)
    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number} cancelled.")
    await customer.wait_for(f"Order #{number}: refunding ⭐ 350")
    await customer.wait_for(f"Order #{number}: ⭐ 350 refunded.")
    assert [(p.refunded, p.total_amount) for p in emu.payments] == [(True, 350)]
    await staff.send("/items")
    items = await staff.wait_for("Menu")
    assert "croissant — Butter croissant: 12" in items.text


async def test_a_refund_telegram_refuses_at_first_is_retried_until_done(
    emu: BotApiEmulator, cast: Cast, clock: AheadClock
):
    customer = cast.customer
    number = await paid_order(customer, *CROISSANT, pickup=True)
    emu.fail_next("refundStarPayment", 500, times=1)
    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number}: refunding")
    await emu.wait_for_call(lambda call: call.method == "refundStarPayment", within_s=5)
    await asyncio.sleep(0.6)  # three sweeps: the retry waits for its backoff (5 s)...
    assert len(emu.calls_to("refundStarPayment")) == 1
    clock.advance(seconds=6)  # ...which the next sweep then finds has passed
    await customer.wait_for(f"Order #{number}: ⭐ 175 refunded.")
    refunds = emu.calls_to("refundStarPayment")
    assert [call.outcome for call in refunds] == [500, 200]
    assert emu.payments[0].refunded


async def test_an_unpaid_order_expires_and_frees_its_stock(cast: Cast, clock: AheadClock):
    customer, other = cast.customer, cast.stranger
    await fill_cart(customer, "Bakery", "Basque cheesecake — ₩6,500 (6 left)", quantity="5")
    await check_out(customer, prepaid=True)
    await confirm(customer)

    await other.send("/menu")
    await press_when_shown(other, "Bakery")
    await press_when_shown(other, "Basque cheesecake — ₩6,500 (1 left)")
    asked = await other.wait_for("How many Basque cheesecake? Choose or type a number (1–1)")
    assert asked.buttons == ["1", "⬅ Back"]  # the unpaid order holds the other five

    clock.advance(minutes=16)  # past the 15 minutes to pay
    await customer.wait_for("expired: it was not paid in time")
    answer = await customer.pay()
    assert not answer.ok and "can no longer be paid" in answer.error_message
    await other.send("/cancel")
    await fill_cart(other, "Bakery", "Basque cheesecake — ₩6,500 (6 left)", quantity="2")


async def test_two_customers_racing_for_the_last_item_only_one_gets_it(cast: Cast):
    first, second, staff = cast.customer, cast.stranger, cast.staff
    await staff.send("/stock cheesecake 1")
    await staff.wait_for("Basque cheesecake: 1 in stock")
    for customer in (first, second):
        await fill_cart(customer, "Bakery", "Basque cheesecake — ₩6,500 (1 left)")
        await check_out(customer, pickup=True)
    answers = await asyncio.gather(first.press("✅ Confirm"), second.press("✅ Confirm"))
    placed = [bool(a.text) and "placed" in a.text for a in answers]  # the toast says so
    assert sorted(placed) == [False, True], [a.text for a in answers]
    winner, loser = (first, second) if placed[0] else (second, first)
    await winner.wait_for("— waiting for approval")  # the summary became the card
    await loser.wait_for("sold out")  # said in the chat, not in a toast
    assert not any("Order #" in m.text for m in loser.inbox)  # no order for the loser


async def test_selling_out_after_approval_cancels_with_an_apology_and_a_refund(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    number = await paid_order(customer, *CROISSANT, pickup=True)
    await staff.send(f"/approve {number}")
    await staff.wait_for("approved")
    await staff.send("/soldout croissant")
    done = await staff.wait_for("Butter croissant is sold out now.")
    assert f"#{number}" in done.text
    await customer.wait_for(f"Sorry! Butter croissant just sold out, so we had to cancel "
                            f"order #{number}.")
    await customer.wait_for(f"Order #{number}: ⭐ 175 refunded.")
    assert emu.payments[0].refunded
    await customer.send("/menu")
    await press_when_shown(customer, "Bakery")
    listing = await customer.wait_for("choose an item")
    assert "Sold out: Butter croissant" in listing.text
    assert "Butter croissant — ₩3,500 (12 left)" not in listing.buttons


async def test_a_repeated_successful_payment_is_recorded_once(emu: BotApiEmulator, cast: Cast):
    customer, staff = cast.customer, cast.staff
    number = await paid_order(customer, *CROISSANT)
    await staff.wait_for(f"New order #{number}")
    await customer.wait_for(f"Order #{number} — waiting for approval")  # the order card
    await customer.resend_last_payment()
    await customer.expect_nothing(within=0.5)
    await staff.expect_nothing(within=0.2)
    assert len(emu.payments) == 1 and not emu.payments[0].refunded


async def test_a_card_payment_refund_becomes_a_record_the_store_settles(
    emu: BotApiEmulator, cast: Cast, bot, start_bot, settings
):
    customer, staff = cast.customer, cast.staff
    await bot.stop()
    await start_bot(settings.model_copy(update={"currency": "KRW",
                                                "payment_provider_token": "284685063:TEST"}))
    await fill_cart(customer, *CROISSANT)
    await customer.press("🧾 Check out")
    await press_when_shown(customer, "🏪 Pick up at the counter")
    await press_when_shown(customer, "💳 Pay now by card")
    summary = await customer.wait_for("Confirm to place it")
    assert "Charged in Telegram: ₩3,500" in summary.text
    number = await confirm(customer)
    assert (await customer.pay()).ok
    await customer.wait_for(f"Payment received. Order #{number} placed")
    await customer.send(f"/cancel {number}")
    await customer.wait_for(f"Order #{number}: the shop will pay back ₩3,500")
    todo = await staff.wait_for(f"Order #{number} was paid by card")
    assert f"/refunded {number}" in todo.text
    assert emu.calls_to("refundStarPayment") == []
    await staff.send(f"/refunded {number}")
    await staff.wait_for(f"Refund for order #{number} marked as paid back")
    await customer.wait_for(f"Order #{number}: ₩3,500 refunded.")


async def cancel_after_failed_invoice(customer: Person) -> None:
    """A prepaid croissant whose invoice fails: cash or cancel is offered; it is cancelled."""
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)
    await customer.press("✅ Confirm")
    failed = await customer.wait_for("is not placed yet")
    number = int(re.search(r"order #(\d+)", failed.text).group(1))
    assert failed.buttons == ["💵 Pay cash instead", "✖ Cancel order"]
    cancelled = await customer.press("✖ Cancel order", message=failed)
    assert cancelled.text == f"Order #{number} cancelled."
    card = await customer.wait_for(f"Order #{number} — cancelled")  # the message, edited
    assert card.message_id == failed.message_id


async def test_when_invoices_keep_failing_prepaid_pauses_and_cash_still_works(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    emu.fail_next("sendInvoice", 500, times=9)  # three invoices, each tried three times
    for _ in range(3):
        await cancel_after_failed_invoice(customer)

    await fill_cart(customer, *CROISSANT)
    await customer.press("🧾 Check out")
    await press_when_shown(customer, "🏪 Pick up at the counter")
    paused = await customer.wait_for("How will it be paid?")
    assert "paused" in paused.text and paused.buttons == ["Cash at the counter"]
    await customer.press("Cash at the counter")
    await customer.wait_for("Confirm to place it")
    number = await confirm(customer)
    await staff.wait_for(f"New order #{number}")


async def test_an_order_whose_invoice_failed_can_be_paid_in_cash_instead(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    emu.fail_next("sendInvoice", 400, "Bad Request: PAYMENT_PROVIDER_INVALID")
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, prepaid=True)
    await customer.press("✅ Confirm")
    failed = await customer.wait_for("is not placed yet")
    number = int(re.search(r"order #(\d+)", failed.text).group(1))
    await customer.press("💵 Pay cash instead", message=failed)
    await customer.wait_for(f"Order #{number} placed. Payment: Cash to the rider.")
    await staff.wait_for(f"New order #{number}")
    await staff.send(f"/approve {number}")
    await staff.send(f"/preparing {number}")
    await staff.send(f"/ready {number}")
    await staff.wait_for(f"Order #{number} is ready; a rider is being found")
    await rider.send(f"/accept {number}")
    await rider.wait_for("is yours")
    told = await customer.wait_for(f"Order #{number}: rider", timeout=15)  # alerts are paced
    code = re.search(r"Delivery code: (\d{4})", told.text).group(1)
    await rider.send(f"/pickup {number}")
    await rider.send(f"/deliver {number} {code}")
    collect = await rider.wait_for(f"Collect ₩6,500 in cash for order #{number}")
    await rider.press("💵 Cash collected (₩6,500)", message=collect)
    await rider.wait_for(f"Cash for order #{number} recorded: ₩6,500")
    await staff.send("/report")
    report = await staff.wait_for("Today")
    assert "Cash collected: ₩6,500 (1 orders)" in report.text


async def test_the_start_menu_offers_both_kinds_of_order(cast: Cast):
    await cast.customer.send("/start")
    hello = await cast.customer.wait_for("Hello")
    assert hello.button_rows[0] == ["📦 New order", "☕ Order from the menu"]


async def test_a_half_filled_cart_survives_a_restart(cast: Cast, bot, start_bot):
    customer = cast.customer
    await fill_cart(customer, *CROISSANT, quantity="2")
    await bot.stop()
    await start_bot()
    await customer.send("/menu")
    await customer.wait_for("You have an unfinished order")
    cart = await customer.wait_for("Your cart")
    assert "2 × Butter croissant — ₩7,000" in cart.text


async def test_a_menu_only_shop_points_parcel_orders_to_the_menu(
    cast: Cast, bot, start_bot, settings
):
    await bot.stop()
    await start_bot(settings.model_copy(update={"shop_mode": ShopMode.MENU}))
    await cast.customer.send("/order")
    await cast.customer.wait_for("This shop takes orders from its menu. Send /menu to order.")
    await cast.customer.send("/start")
    hello = await cast.customer.wait_for("Welcome to Ppalli Coffee")
    assert hello.button_rows[0] == ["☕ Order from the menu"]


async def test_invoices_refused_for_the_order_itself_do_not_pause_prepaid(
    emu: BotApiEmulator, cast: Cast
):
    customer = cast.customer
    emu.fail_next("sendInvoice", 400, "Bad Request: CURRENCY_TOTAL_AMOUNT_INVALID", times=3)
    for _ in range(3):
        await cancel_after_failed_invoice(customer)

    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)  # still offered
    number = await confirm(customer)
    assert emu.calls_to("sendInvoice")[-1].params["payload"] == f"order:{number}"


async def test_a_prepaid_choice_made_before_payments_paused_is_offered_cash_instead(
    emu: BotApiEmulator, cast: Cast
):
    customer, other, staff = cast.customer, cast.stranger, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True, prepaid=True)
    emu.fail_next("sendInvoice", 502, times=9)  # three invoices, each tried three times
    for _ in range(3):  # meanwhile, invoices to someone else fail: prepaid is paused
        await cancel_after_failed_invoice(other)
    invoices = len(emu.calls_to("sendInvoice"))

    await customer.press("✅ Confirm")
    paused = await customer.wait_for("is not placed yet")
    assert paused.buttons == ["💵 Pay cash instead", "✖ Cancel order"]
    assert len(emu.calls_to("sendInvoice")) == invoices
    await customer.press("💵 Pay cash instead", message=paused)
    number = int(re.search(r"order #(\d+)", paused.text).group(1))
    await customer.wait_for(f"Order #{number} placed. Payment: Cash at the counter.")
    await staff.wait_for(f"New order #{number}")


async def test_the_invoice_shows_the_shop_name_as_written(
    emu: BotApiEmulator, cast: Cast, bot, start_bot, settings, tmp_path
):
    catalog = tmp_path / "catalog.toml"
    catalog.write_text(EXAMPLE_CATALOG.read_text().replace(
        'name = "Ppalli Coffee"', 'name = "Kim & Lee <Coffee>"'))
    await bot.stop()
    await start_bot(settings.model_copy(update={"catalog_file": catalog}))
    await fill_cart(cast.customer, *CROISSANT)
    await check_out(cast.customer, pickup=True, prepaid=True)
    number = await confirm(cast.customer)
    invoice = emu.calls_to("sendInvoice")[-1].params
    assert invoice["description"].startswith(f"Kim & Lee <Coffee>: order #{number}.")
    assert invoice["title"] == f"Order #{number}"


async def test_a_long_menu_is_listed_in_messages_under_the_length_limit(
    cast: Cast, bot, start_bot, settings, tmp_path
):
    catalog = tmp_path / "catalog.toml"
    sections = []
    for c in range(2):
        sections.append(f'[[category]]\nkey = "c{c}"\nname = "Category {c}"\n')
        sections += [f'[[category.item]]\nkey = "i{c}-{n:02}"\nname = "{"Long name " * 9}{n}"\n'
                     f"price = 1000\n" for n in range(50)]
    catalog.write_text('[shop]\nname = "Big menu"\n\n' + "\n".join(sections))
    await bot.stop()
    await start_bot(settings.model_copy(update={"catalog_file": catalog}))
    await cast.staff.send("/items")
    pages = [await cast.staff.wait_for("Menu")]
    while "i1-49" not in pages[-1].text:
        pages.append(await cast.staff.wait_for(""))
    listed = "\n".join(page.text for page in pages)
    assert len(pages) > 1 and all(len(page.text) <= 4096 for page in pages)
    assert all(f"i{c}-{n:02} —" in listed for c in range(2) for n in range(50))
    assert "americano" not in listed  # the example menu is gone with its file


async def test_a_confirm_under_an_older_cart_summary_shows_the_current_cart_and_places_nothing(
    cast: Cast,
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT, quantity="1")
    await check_out(customer, pickup=True)
    older = customer.last
    assert "1 × Butter croissant" in older.text
    await customer.send("/cancel")  # the older summary keeps its buttons
    await customer.wait_for("Cart emptied")
    await fill_cart(customer, *LATTE, "Regular", "No extra shot", quantity="2")
    current = await check_out(customer)

    toast = await customer.press("✅ Confirm", message=older)
    assert "cart changed since that message" in toast.text
    shown = await customer.wait_for("2 × Café latte")
    assert (shown.message_id, shown.text) == (older.message_id, current)
    await staff.expect_nothing(within=0.3)
    await customer.send("/orders")
    await customer.wait_for("You have no orders yet")

    number = await confirm(customer)  # under the summary as it is now
    placed = await staff.wait_for(f"New order #{number}")
    assert "2 × Café latte" in placed.text and "croissant" not in placed.text
