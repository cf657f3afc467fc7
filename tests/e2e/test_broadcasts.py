"""Admins announce to customers or riders: preview, send, progress, report, stop, schedule."""

import asyncio

from sqlalchemy import select

from bot.settings import Settings
from domain.persistence import tables
from domain.persistence.database import create_engine
from tests.e2e.conftest import STAFF_ID, Cast, approve, place_order
from tests.fakes import FakeClock


async def test_a_broadcast_is_previewed_then_sent_once_to_every_customer(cast: Cast):
    staff = cast.staff
    await staff.send("/broadcast Closed on Monday.\nSee you <Tuesday> & after!")
    preview = await staff.wait_for("Broadcast #1")
    assert "to all customers: 3 recipients" in preview.text  # Minji, the stranger, the desk
    assert "Closed on Monday.\nSee you <Tuesday> & after!" in preview.text
    assert preview.buttons == ["📤 Send", "✖ Cancel"]
    await cast.customer.expect_nothing(within=0.2)

    await staff.press("📤 Send")
    for person in (cast.customer, cast.stranger):
        got = await person.wait_for("📢")
        assert got.text == "📢 Closed on Monday.\nSee you <Tuesday> & after!"
    report = await staff.wait_for("Broadcast #1 finished: sent 3 of 3")
    assert "unreachable 0" in report.text
    progress = next(m for m in staff.inbox if m.message_id == preview.message_id)
    assert progress.text.startswith("✅ Broadcast #1 finished: sent 3 of 3")
    assert progress.buttons == []
    for person in (cast.customer, cast.stranger, cast.rider):
        assert sum("📢" in m.text for m in person.inbox) == (0 if person is cast.rider else 1)


async def test_an_announcement_at_the_cap_is_previewed_and_sent_whole(cast: Cast):
    staff, text = cast.staff, "😀" * 2000  # 4000 UTF-16 units, the cap
    await staff.send(f"/broadcast {text}")
    preview = await staff.wait_for("Broadcast #1")
    assert preview.text.endswith(text) and preview.buttons == ["📤 Send", "✖ Cancel"]
    await staff.press("📤 Send", message=preview)
    got = await cast.customer.wait_for("📢")
    assert got.text == f"📢 {text}"
    await staff.wait_for("Broadcast #1 finished: sent 3 of 3")


async def test_a_preview_too_long_for_one_message_comes_in_two(cast: Cast):
    """A text at the cap beside a longer header (a two-digit id, every audience, a time):
    the text comes in a message of its own, as it will read, with the buttons."""
    staff, text = cast.staff, "😀" * 2000
    for number in range(1, 10):
        await staff.send(f"/broadcast draft {number}")
        await staff.wait_for(f"draft {number}")
    await staff.send(f"/broadcast_at 2099-12-24 09:00 all {text}")
    header = await staff.wait_for("Broadcast #10")
    assert "to customers and riders: 13 recipients, at Dec 24, 2099, 9:00 AM" in header.text
    assert header.text.endswith("It will read:") and header.buttons == []
    preview = await staff.wait_for(text)
    assert preview.text == f"📢 {text}" and preview.buttons == ["🕒 Schedule", "✖ Cancel"]
    await staff.press("🕒 Schedule", message=preview)
    await staff.wait_for(
        "Broadcast #10 to customers and riders is scheduled for Dec 24, 2099, 9:00 AM.")


async def test_an_announcement_over_the_cap_is_refused_with_the_cap(cast: Cast):
    await cast.staff.send("/broadcast " + "😀" * 2000 + "!")
    await cast.staff.wait_for("That announcement is too long (at most 4000 characters).")
    await cast.customer.expect_nothing(within=0.2)


async def test_riders_get_rider_broadcasts_and_customers_do_not(cast: Cast):
    await cast.staff.send("/broadcast riders Helmets on, it is raining")
    preview = await cast.staff.wait_for("to all riders: 10 recipients")
    await cast.staff.press("📤 Send", message=preview)
    for rider in cast.riders:
        await rider.wait_for("📢 Helmets on, it is raining")
    await cast.staff.wait_for("finished: sent 10 of 10")
    await cast.customer.expect_nothing(within=0.2)


async def test_cancel_on_the_preview_sends_nothing(cast: Cast):
    await cast.staff.send("/broadcast all Oops, wrong text")
    await cast.staff.wait_for("customers and riders: 13 recipients")
    await cast.staff.press("✖ Cancel")
    await cast.staff.wait_for("Broadcast #1 discarded; nothing was sent.")
    await cast.customer.expect_nothing(within=0.3)
    await cast.staff.send("/broadcasts")
    listing = await cast.staff.wait_for("Recent broadcasts")
    assert "#1 · cancelled · customers and riders · 0/0" in listing.text


async def test_a_customer_who_muted_announcements_gets_alerts_but_no_broadcasts(cast: Cast):
    customer = cast.customer
    await customer.send("/mute")
    await customer.wait_for("You will not receive announcements")
    await cast.staff.send("/broadcast Free delivery today")
    await cast.staff.wait_for("2 recipients")
    await cast.staff.press("📤 Send")
    await cast.stranger.wait_for("📢 Free delivery today")
    await cast.staff.wait_for("finished: sent 2 of 2")
    number = await place_order(customer)  # order alerts still come
    await approve(cast.staff, number)
    await customer.wait_for(f"Order #{number} approved")
    assert not any("📢" in m.text for m in customer.inbox)
    await customer.send("/unmute")
    await customer.wait_for("You will receive announcements again")


async def test_only_staff_may_broadcast_and_empty_text_is_refused(cast: Cast):
    await cast.customer.send("/broadcast Hello everyone")
    await cast.customer.wait_for("Only the store's staff can do that.")
    await cast.staff.send("/broadcast riders")
    await cast.staff.wait_for("The announcement is empty")
    await cast.staff.send("/broadcast_at tomorrow 9:00 hi")
    await cast.staff.wait_for("Usage: /broadcast_at 2026-12-24 09:00 [riders|all] text")
    await cast.staff.send("/broadcast_at 2026-13-40 09:00 hi")
    await cast.staff.wait_for("Please give the time as YYYY-MM-DD HH:MM")


async def test_stop_while_sending_keeps_what_was_sent_and_sends_no_more(emu, settings, start_bot):
    slow = settings.model_copy(update={"send_rate_per_second": 2.0})
    await start_bot(slow)
    staff = emu.user(STAFF_ID, "Jisoo")
    customers = [emu.user(5000 + i, f"C{i}") for i in range(12)]
    for person in [staff, *customers]:
        await person.send("/start")
        await person.wait_for("Hello")
    await staff.send("/broadcast Tonight only: half price")
    await staff.wait_for("13 recipients")
    await staff.press("📤 Send")
    await customers[0].wait_for("📢 Tonight only")
    await staff.press("🛑 Stop")
    stopped = await staff.wait_for("cancelled: sent")
    sent = int(stopped.text.split("sent ")[1].split(" of")[0])
    assert 1 <= sent < 13
    report = await staff.wait_for("📢 Broadcast #1 cancelled")
    assert "not sent" in report.text
    await customers[-1].expect_nothing(within=1.5)
    got = sum(any("📢 Tonight" in m.text for m in p.inbox) for p in [staff, *customers])
    engine = create_engine(settings.database_url)
    async with engine.connect() as conn:
        rows = (await conn.execute(select(tables.outbox.c.state).where(
            tables.outbox.c.broadcast_id == 1))).scalars().all()
    await engine.dispose()
    assert got == rows.count("sent") and rows.count("pending") == 0
    assert rows.count("sent") + rows.count("cancelled") == 13


async def test_a_scheduled_broadcast_survives_a_restart_and_goes_out_at_its_time(
        emu, settings: Settings, start_bot):
    clock = FakeClock()  # 2026-11-20 09:00 UTC = 18:00 in Seoul
    quick = settings.model_copy(update={"sweep_seconds": 0.2})
    first = await start_bot(quick, clock=clock)
    staff, customer = emu.user(STAFF_ID, "Jisoo"), emu.user(1001, "Minji")
    for person in (staff, customer):
        await person.send("/start")
        await person.wait_for("Hello")
    await staff.send("/broadcast_at 2026-11-20 18:30 Happy hour starts now")
    preview = await staff.wait_for("Broadcast #1")
    assert "at 6:30 PM" in preview.text  # today, by the bot's clock
    await staff.press("🕒 Schedule")
    await staff.wait_for("Broadcast #1 to all customers is scheduled for 6:30 PM.")
    await staff.send("/broadcasts")
    listing = await staff.wait_for("Recent broadcasts")
    assert "#1 · scheduled" in listing.text and "🛑 Cancel #1" in listing.buttons

    await first.stop()
    await start_bot(quick, clock=clock)
    await customer.expect_nothing(within=0.5)  # not yet: it is 18:00 in Seoul
    clock.advance(minutes=31)
    await customer.wait_for("📢 Happy hour starts now", timeout=5)  # the scheduler's sweep
    await staff.wait_for("Broadcast #1 finished: sent 2 of 2")


async def test_outbox_shows_counts_and_the_latest_failures(emu, cast: Cast):
    await place_order(cast.customer)
    cast.stranger.block_bot()
    await cast.staff.send("/broadcast Hello all")
    await cast.staff.wait_for("3 recipients")
    await cast.staff.press("📤 Send")
    await cast.staff.wait_for("📢 Broadcast #1 finished: sent 2 of 3 · unreachable 1")
    await cast.customer.wait_for("📢 Hello all")  # (the order's card was edited before)
    for _ in range(10):  # the last send may still be being recorded as sent
        await cast.staff.send("/outbox")
        report = await cast.staff.wait_for("Outbox")
        if "Pending: 0" in report.text:
            break
        await asyncio.sleep(0.2)
    assert "Pending: 0" in report.text
    assert "Unreachable: 1" in report.text
    assert "→ 1002 · broadcast · unreachable" in report.text
    await cast.customer.send("/outbox")
    await cast.customer.wait_for("Only the store's staff can do that.")


async def test_a_person_who_blocks_the_bot_is_skipped_until_they_unblock_it(emu, cast: Cast,
                                                                           bot):
    customer = cast.customer
    first = await place_order(customer)
    second = await place_order(customer)  # its summary now reads "Order #2 — waiting..."
    customer.block_bot()
    await approve(cast.staff, first)
    await customer.expect_nothing(within=0.5)
    tried = len([c for c in emu.calls_to("sendMessage") if str(c.params["chat_id"]) == "1001"])
    await approve(cast.staff, second)
    await customer.expect_nothing(within=0.5)
    assert tried == len([c for c in emu.calls_to("sendMessage")
                         if str(c.params["chat_id"]) == "1001"])  # known blocked: not tried
    customer.unblock_bot()  # Telegram sends my_chat_member: the bot is a member again
    for _ in range(50):
        async with bot.new_uow() as uow:
            if (await uow.users.get(1001)).reachable:
                break
        await asyncio.sleep(0.05)
    await cast.staff.send(f"/cancel {second} Out of riders")
    await customer.wait_for(f"Order #{second} cancelled by the store. Reason: Out of riders")


async def test_the_customers_order_card_is_edited_as_the_order_moves(cast: Cast):
    customer = cast.customer
    number = await place_order(customer)
    [card] = [m for m in customer.inbox
              if m.text.startswith(f"Order #{number} — waiting for approval")]
    await approve(cast.staff, number)
    edited = await customer.wait_for(f"Order #{number} — approved")
    assert edited.message_id == card.message_id and edited.edited
    assert "Timeline" in edited.text and "approved (store Jisoo)" in edited.text
    cards = [m for m in customer.inbox if m.text.startswith(f"Order #{number} —")]
    assert len(cards) == 1
