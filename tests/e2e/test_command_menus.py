"""The command menus Telegram shows beside the text box: published at start and kept
current, per audience and language, with only the shop's commands."""

from __future__ import annotations

from bot.runtime import Runtime
from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import ApiCall, BotApiEmulator
from tests.e2e.conftest import RIDER_IDS, STAFF_ID, Cast

CUSTOMER = ["order", "orders", "addresses", "status", "cancel", "received", "help", "language",
            "mute", "unmute", "rider"]


def set_for(chat_id: int, method: str = "setMyCommands"):
    """A check for wait_for_call: the chat's own menu set (or removed) in Korean, the last
    of its two languages, successfully."""
    def check(call: ApiCall) -> bool:
        scope = call.params.get("scope")
        return (call.method == method and call.outcome == 200 and isinstance(scope, dict)
                and scope.get("chat_id") == chat_id and call.params.get("language_code") == "ko")
    return check


async def test_customers_see_their_menu_in_their_language_from_the_start(
    emu: BotApiEmulator, bot: Runtime
):
    assert emu.command_menu(1001) == CUSTOMER
    assert emu.command_menu(1001, "ko") == CUSTOMER
    korean = emu.state.commands[('{"type": "default"}', "ko")]
    assert korean[0] == {"command": "order", "description": "물건 보내기"}
    assert "menu" not in CUSTOMER  # a parcel service has no menu to order from


async def test_staff_and_riders_get_their_menus_once_telegram_knows_their_chats(
    emu: BotApiEmulator, cast: Cast
):
    for chat_id in (STAFF_ID, RIDER_IDS[0]):  # set on their /start
        await emu.wait_for_call(set_for(chat_id))
    staff_menu = emu.command_menu(STAFF_ID, "ko")
    assert {"pending", "approve", "reject", "report", "broadcast"} <= set(staff_menu)
    assert "preparing" not in staff_menu  # no kitchen in a parcel service
    rider_menu = emu.command_menu(RIDER_IDS[0])
    assert {"online", "jobs", "pickup", "deliver"} <= set(rider_menu)
    assert emu.command_menu(1001) == CUSTOMER


async def test_a_riders_menu_follows_the_stores_decisions(emu: BotApiEmulator, cast: Cast):
    applicant, staff = cast.stranger, cast.staff
    await applicant.send("/rider Sam Park")
    ask = await applicant.wait_for("What will you ride?")
    await applicant.press("Car", message=ask)
    request = await staff.wait_for("Rider request: Sam Park")
    assert emu.command_menu(applicant.id) == CUSTOMER  # not a rider yet
    await staff.press("✅ Approve", message=request)
    await staff.wait_for("Sam Park is now a rider.")
    await emu.wait_for_call(set_for(applicant.id))
    assert "jobs" in emu.command_menu(applicant.id)

    await staff.send("/suspend 1002")
    await staff.wait_for("Sam Park is suspended.")
    await emu.wait_for_call(set_for(applicant.id, "deleteMyCommands"))
    assert emu.command_menu(applicant.id) == CUSTOMER


async def test_a_menu_only_shop_offers_its_menu_and_its_kitchen(
    emu: BotApiEmulator, start_bot, settings: Settings
):
    await start_bot(settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                                "catalog_file": EXAMPLE_CATALOG}))
    customer = emu.command_menu(1001)
    assert customer[0] == "menu" and "order" not in customer
    staff = emu.user(STAFF_ID, "Jisoo")
    await staff.send("/start")
    await staff.wait_for("")
    await emu.wait_for_call(set_for(STAFF_ID))
    assert {"preparing", "ready", "items", "soldout"} <= set(emu.command_menu(STAFF_ID))
