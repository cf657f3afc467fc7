"""Stars payments whose successful_payment never reached the bot: found among the bot's Star
transactions before the order expires, or given back when the order had ended."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from domain.payments.reconciling import GIVE_UP, SETTLE
from emulator import BotApiEmulator
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import unpaid_order
from tests.fakes import FakeClock


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop; sweeps often, so deadlines fire soon after the clock moves."""
    return settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                       "catalog_file": EXAMPLE_CATALOG, "sweep_seconds": 0.2})


@pytest.fixture
async def fake_clock(bot, start_bot, settings) -> FakeClock:
    """The bot restarted on a fake clock set to now (Telegram dates its transactions now)."""
    await bot.stop()
    fake = FakeClock(datetime.now(UTC))
    await start_bot(settings, clock=fake)
    return fake


async def window_closes(clock: FakeClock) -> None:
    """Let the 15 minutes to pay pass, and the few seconds after. As real time would, the
    clock first stops shortly before the end while the bot sweeps (a sweep that read the clock
    before a 15-minute jump would fire the deadline unheld after it)."""
    clock.advance(minutes=15, seconds=-10)
    await asyncio.sleep(0.6)  # three sweeps hold the expiry
    clock.advance(seconds=10 + SETTLE.total_seconds())


async def calls_made(emu: BotApiEmulator, method: str, count: int) -> None:
    """Wait (a few seconds at most) until the bot has called `method` `count` times."""
    for _ in range(100):
        if len(emu.calls_to(method)) >= count:
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"{method} was called {len(emu.calls_to(method))} times, not {count}")



async def test_a_payment_whose_update_was_lost_places_the_order_at_its_deadline(
    emu: BotApiEmulator, cast: Cast, fake_clock: FakeClock
):
    customer, staff = cast.customer, cast.staff
    number = await unpaid_order(customer)
    answer = await customer.pay(deliver_update=False)
    assert answer.ok, answer.error_message
    await customer.expect_nothing(within=0.5)  # the bot never heard of it

    await window_closes(fake_clock)
    await customer.wait_for(f"Payment received. Order #{number} placed", timeout=10)
    await staff.wait_for(f"New order #{number}")
    assert emu.calls_to("getStarTransactions")
    await customer.send(f"/status {number}")
    await customer.wait_for(f"Order #{number} — waiting for approval")
    assert not emu.payments[0].refunded
    assert "expired" not in "\n".join(m.text for m in customer.inbox)


async def test_a_payment_found_for_an_order_that_expired_meanwhile_is_refunded(
    emu: BotApiEmulator, cast: Cast, fake_clock: FakeClock
):
    """Telegram's list was out of reach until the first order expired unchecked; the next
    check finds its payment and gives the Stars back."""
    customer, other = cast.customer, cast.stranger
    number = await unpaid_order(customer)
    assert (await customer.pay(deliver_update=False)).ok
    emu.fail_next("getStarTransactions", 502, times=1_000)
    await window_closes(fake_clock)
    await calls_made(emu, "getStarTransactions", 3)
    await customer.expect_nothing(within=0.5)  # held while Telegram cannot be asked
    fake_clock.advance(seconds=GIVE_UP.total_seconds())
    await customer.wait_for(f"Order #{number} expired: it was not paid in time", timeout=10)
    assert not emu.payments[0].refunded

    emu.cancel_planned_failures()  # Telegram answers again
    later = await unpaid_order(other)
    await window_closes(fake_clock)
    await customer.wait_for(f"Order #{number}: refunding ⭐ 175", timeout=10)
    await customer.wait_for(f"Order #{number}: ⭐ 175 refunded.", timeout=10)
    assert emu.payments[0].refunded
    assert [call.outcome for call in emu.calls_to("refundStarPayment")] == [200]
    await other.wait_for(f"Order #{later} expired: it was not paid in time", timeout=10)
