"""The arrival time through the chat, on a fake clock: the store approves a meal with "✅ 20 min",
the customer's card shows when it arrives, the time moves when the kitchen is quicker, and
once the promised time passes the cards say it is late and /pending lists it. In Korean too.

The shop is the example catalog's (37.5665, 126.9780); the customer shares (37.5700,
126.9820): about 0.53 km, times 1.3 for the roads, at a scooter's 22 km/h, 1 min 52 s. The
fake clock starts at 18:00 in Seoul and stands still unless a test moves it.
"""

from __future__ import annotations

import pytest

from bot.runtime import Runtime
from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import Person
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart
from tests.fakes import FakeClock
from views.i18n import t

PREP_BUTTONS = ["✅ 10 min", "✅ 20 min", "✅ 30 min", "✅ 40 min", "✖ Reject"]


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop; deadlines swept only when a test says so."""
    return settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                       "catalog_file": EXAMPLE_CATALOG, "sweep_seconds": 3600})


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()  # 2026-11-20 09:00 UTC, 18:00 in Seoul


@pytest.fixture
async def bot(start_bot, settings: Settings, clock: FakeClock) -> Runtime:
    return await start_bot(settings, clock=clock)


async def meal_approved_in_20_minutes(cast: Cast) -> int:
    """A croissant delivered to a shared location, approved with the "✅ 20 min" button."""
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer)
    number = await confirm(customer)
    alert = await staff.wait_for(f"New order #{number}")
    assert alert.buttons == PREP_BUTTONS
    approved = await staff.press("✅ 20 min", message=alert)
    assert approved.text == f"Order #{number} approved."
    return number


async def kitchen_finishes(staff: Person, lang: str, number: int) -> None:
    """The kitchen's two presses on the store's card."""
    await staff.press(t(lang, "button.preparing"))
    await staff.wait_for(t(lang, "status.preparing"))  # the card, with Ready under it
    await staff.press(t(lang, "button.ready"))
    await staff.wait_for(t(lang, "status.ready"))


async def test_the_arrival_time_appears_moves_with_the_order_and_turns_late(
    cast: Cast, bot: Runtime, clock: FakeClock
):
    customer, staff = cast.customer, cast.staff
    number = await meal_approved_in_20_minutes(cast)
    card = await customer.wait_for("🕒 Arriving about 6:21 PM")  # 18:00 + 20 min + the ride
    assert card.edited and card.text.startswith(f"Order #{number} — accepted by the shop")
    store_card = await staff.wait_for(f"Order #{number} from Minji — accepted by the shop")
    assert "🕒 Arriving about 6:21 PM" in store_card.text

    clock.advance(minutes=5)  # made in 5 minutes, not 20: it leaves at 18:05
    await kitchen_finishes(staff, "en", number)
    moved = await customer.wait_for("🕒 Arriving about 6:06 PM")
    assert moved.message_id == card.message_id and "6:21" not in moved.text

    clock.advance(minutes=20)  # 18:25: past the promise, and no rider has taken it
    await bot.services.deadlines.fire_due()
    late = await customer.wait_for("⏰ Late: promised 6:21 PM")
    assert late.message_id == card.message_id and "Arriving about" not in late.text
    await staff.wait_for("⏰ Late: promised 6:21 PM")  # the store's card, edited
    assert not [m for m in customer.inbox if not m.edited and "Late" in m.text]  # no buzz

    await staff.send("/pending")
    pending = await staff.wait_for("Running late")
    assert f"#{number} — ready — promised 6:21 PM" in pending.text
    assert "No orders are waiting for approval." in pending.text and pending.buttons == []


async def test_the_arrival_time_and_lateness_read_in_korean(
    cast: Cast, bot: Runtime, clock: FakeClock
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer)
    number = await confirm(customer)
    alert = await staff.wait_for(f"New order #{number}")
    for person in (customer, staff):
        await person.send("/language ko")
        await person.wait_for(t("ko", "language.set"))
    await staff.press("✅ 20 min", message=alert)
    card = await customer.wait_for("🕒 오후 6:21 도착 예정")
    assert card.edited and card.text.startswith(f"주문 {number}번 — 주문 접수")
    await staff.wait_for("🕒 오후 6:21 도착 예정")

    clock.advance(minutes=5)
    await kitchen_finishes(staff, "ko", number)
    await customer.wait_for("🕒 오후 6:06 도착 예정")

    clock.advance(minutes=20)
    await bot.services.deadlines.fire_due()
    late = await customer.wait_for("⏰ 늦어지고 있어요 (약속 시간 오후 6:21)")
    assert late.message_id == card.message_id and "도착 예정" not in late.text
    await staff.send("/pending")
    pending = await staff.wait_for("늦어지고 있는 주문")
    assert f"{number}번 — 조리 완료 — 약속 시간 오후 6:21" in pending.text
