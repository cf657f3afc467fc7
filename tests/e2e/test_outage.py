"""A Telegram outage: every Bot API call answers 502 for two minutes. The alerts that fall due
meanwhile are held, not failed, and arrive after it in order; the admins hear once that it
started and once that it ended. Time is a fake clock: two minutes pass in a few seconds."""

import asyncio

from sqlalchemy import select

from bot.settings import Settings
from domain.persistence import tables
from domain.persistence.database import create_engine
from tests.e2e.conftest import STAFF_ID, place_order
from tests.fakes import FakeClock


async def let_time_pass(bot, clock: FakeClock, seconds: int, step: int = 5) -> None:
    """Move the fake clock on a few seconds at a time, letting the sweep and the sender run
    at each step."""
    for _ in range(seconds // step):
        clock.advance(seconds=step)
        bot.sender.wake()
        await asyncio.sleep(0.3)


async def outbox_rows(settings: Settings) -> list[tuple[str, str]]:
    engine = create_engine(settings.database_url)
    async with engine.connect() as conn:
        box = tables.outbox.c
        rows = (await conn.execute(select(box.kind, box.state).order_by(box.id))).all()
        notices = (await conn.execute(select(tables.notices.c.key))).scalars().all()
    await engine.dispose()
    return [(kind, state) for kind, state in rows] + [("notice", key) for key in notices]


async def test_a_two_minute_outage_holds_every_alert_and_the_admins_hear_once_of_it(
        emu, settings: Settings, start_bot):
    clock = FakeClock()  # 2026-11-20 09:00 UTC = 18:00 in Seoul
    quick = settings.model_copy(update={"sweep_seconds": 0.2, "store_response_minutes": 0.1})
    bot = await start_bot(quick, clock=clock)
    customer, staff = emu.user(1001, "Minji"), emu.user(STAFF_ID, "Jisoo")
    for person in (customer, staff):
        await person.send("/start")
        await person.wait_for("Hello")
    numbers = [await place_order(customer) for _ in range(3)]
    await staff.wait_for(f"New order #{numbers[-1]}")
    # Confirm turned each summary into its order's card (place_order waited for each edit)
    cards = [m.text for m in customer.inbox if m.text.startswith("Order #")]
    assert [text.split(" — ")[0] for text in cards] == [f"Order #{n}" for n in numbers]
    assert all("— waiting for approval" in text for text in cards)

    emu.set_offline(True)  # 18:00: every call answers 502 Bad Gateway
    await let_time_pass(bot, clock, 125)  # reminders 3 s in, expiries 6 s in: all held
    assert [m.text for m in customer.inbox if "expired" in m.text] == []
    during = await outbox_rows(quick)
    assert ("notice", "outage") in during
    assert [kind for kind, state in during if state == "pending"].count("expired") == 3
    emu.set_offline(False)  # 18:02:05
    await let_time_pass(bot, clock, 65)  # held messages are retried at most a minute apart

    for number in numbers:
        await customer.wait_for(f"⌛ Order #{number} expired")
    expired = [m.text.split()[2] for m in customer.inbox if "expired:" in m.text]
    assert expired == [f"#{n}" for n in numbers]
    told = [m.text for m in staff.inbox if m.text.startswith(("⏰", "⌛", "⚠️", "✅"))]
    # The last report may still be on its way: the admin's chat takes about one message a
    # second, and it is now also where the store's cards of the three orders are edited.
    for _ in range(60):
        if any(text.startswith("✅") for text in told):
            break
        await asyncio.sleep(0.2)
        told = [m.text for m in staff.inbox if m.text.startswith(("⏰", "⌛", "⚠️", "✅"))]
    started = [text for text in told if text.startswith("⚠️")]
    ended = [text for text in told if text.startswith("✅")]
    assert started == ["⚠️ Telegram could not be reached from 6:00 PM: alerts were held, to be "
                       "sent in order once it answers again."]
    assert len(ended) == 1 and "unreachable from 6:00 PM" in ended[0]
    assert told.index(started[0]) < told.index(ended[0])
    expired_store = [text.split()[2] for text in told if text.startswith("⌛")]
    assert expired_store == [f"#{n}" for n in numbers]
    for _ in range(50):  # the last card edit may still be on its way
        rows = await outbox_rows(quick)
        if all(state != "pending" for _, state in rows):
            break
        await asyncio.sleep(0.1)
    assert [row for row in rows if row[1] != "sent"] == []  # none failed, none left, no notice
