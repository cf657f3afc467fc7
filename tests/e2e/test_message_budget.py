"""Every message is a buzz on someone's phone: a whole order, from Confirm until it is
completed, within each person's budget (the demo's own plays, which print the same count)."""

import pytest

from bot.demo import (
    CUSTOMER_ID,
    RIDER_ID,
    STAFF_ID,
    Cast,
    play_one_coffee,
    play_one_order,
    seed_saved_address,
)
from bot.settings import EXAMPLE_CATALOG
from domain.menu.use_cases import ShopMode
from emulator.transcript import received
from views.i18n import t


def nearby_alerts(emu, lang: str) -> int:
    """How many "your rider is almost there" alerts the customer got."""
    nearby = t(lang, "alert.rider_nearby", number=1)
    return sum(entry.text == nearby and entry.chat_id == CUSTOMER_ID
               for entry in emu.transcript)


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_parcel_order_buzzes_the_customer_at_most_5_times_the_store_once_the_rider_twice(
    emu, settings, start_bot, lang
):
    await start_bot(settings.model_copy(update={"default_language": lang,
                                                "track_every_seconds": 1}))
    cast = Cast(lang)
    await play_one_order(emu, cast)
    got = received(cast.order_part(emu))
    assert got[CUSTOMER_ID].messages <= 5  # the rider-nearby alert among them
    assert nearby_alerts(emu, lang) == 1
    assert got[CUSTOMER_ID].silent == 1  # the rider's live map, sent without a buzz
    assert got[STAFF_ID].messages == 1  # the new-order alert, edited ever after
    assert got[RIDER_ID].messages <= 2  # the offer (which became the job) and the handover
    assert got[CUSTOMER_ID].answers == 2  # Confirm and Confirm receipt: toasts, not messages
    # No call repeats what a press already showed (the store's card after Approve, say).
    assert [c.params.get("chat_id") for c in emu.calls_to("editMessageText")
            if c.outcome != 200] == []


@pytest.mark.parametrize("lang", ["en", "ko"])
async def test_a_prepaid_menu_delivery_buzzes_the_customer_at_most_6_times_and_once_when_near(
    emu, settings, start_bot, lang
):
    await start_bot(settings.model_copy(update={
        "default_language": lang, "shop_mode": ShopMode.MENU, "catalog_file": EXAMPLE_CATALOG,
        "track_every_seconds": 1}))
    await seed_saved_address(settings.database_url)  # as the demo: she ordered there before
    cast = Cast(lang)
    await play_one_coffee(emu, cast)
    got = received(cast.order_part(emu))
    # Issue 20's six (the invoice among them), and the one "rider nearby" alert of issue 21:
    # the demo's rider rides up to the door.
    assert got[CUSTOMER_ID].messages <= 6 + 1
    assert nearby_alerts(emu, lang) == 1
    assert got[CUSTOMER_ID].silent == 1  # the rider's live map, sent without a buzz
    assert got[STAFF_ID].messages == 1
    assert got[RIDER_ID].messages <= 2


async def test_the_stores_one_message_ends_showing_the_order_done_and_who_handled_it(
    emu, settings, start_bot
):
    await start_bot()
    cast = Cast("en")
    await play_one_order(emu, cast)
    [card] = [m for m in emu.user(STAFF_ID, "Jisoo").inbox if "Order #1" in m.text]
    assert "completed" in card.text.split("\n")[0]
    assert "approved (store Jisoo)" in card.text
    assert "picked up (rider Hyun)" in card.text
    assert card.buttons == []  # nothing left for the store to decide
