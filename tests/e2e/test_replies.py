"""Direct replies (what a handler sends to the person in front of it) outlive a flood wait and
a passing Telegram failure; what cannot be sent is logged, never tried in a loop."""

import logging

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotApiEmulator
from emulator.errors import QUERY_TOO_OLD
from tests.e2e.conftest import TOKEN, Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The example coffee shop: its orders go through the kitchen, step by step."""
    return settings.model_copy(update={"shop_mode": ShopMode.BOTH,
                                       "catalog_file": EXAMPLE_CATALOG})


def outcomes(emu: BotApiEmulator, method: str, chat_id: int) -> list[int]:
    return [call.outcome for call in emu.calls_to(method)
            if str(call.params.get("chat_id")) == str(chat_id)]


async def test_an_approve_whose_reply_meets_a_flood_wait_still_answers_with_the_next_step_once(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True)
    number = await confirm(customer)
    alert = await staff.wait_for(f"New order #{number}")
    # The reply to the press is the edit of the pressed alert into the store's card. The
    # alert sender edits that card too as the order moves: one of the two meets the flood
    # wait, waits it out, and then finds the card already as wanted ("not modified").
    emu.fail_next("editMessageText", 429, retry_after=1, chat_id=staff.id)
    edits_before = len(emu.calls_to("editMessageText"))
    sent_before = len(outcomes(emu, "sendMessage", staff.id))

    def edits() -> list:
        return [call for call in emu.calls_to("editMessageText")[edits_before:]
                if str(call.params.get("chat_id")) == str(staff.id)]

    answer = await staff.press("✅ 20 min", message=alert)  # a menu order: with its time
    assert answer.text == f"Order #{number} approved."
    approved = await staff.wait_for(f"Order #{number} from Minji — accepted by the shop")

    assert approved.message_id == alert.message_id  # the alert became the card
    assert approved.buttons == ["👩‍🍳 Start preparing", "✖ Cancel order"]
    await customer.wait_for(f"Order #{number} accepted by the shop")
    await staff.expect_nothing(within=0.5)  # once: no second reply, no apology
    made = edits()
    # The press's own edit, refused, then made after Telegram's wait; the alert sender
    # leaves the card to the press (it would only repeat the same edit).
    assert [call.outcome for call in made] == [429, 200]
    assert made[1].at - made[0].at >= 1.0  # Telegram's wait was kept
    assert outcomes(emu, "sendMessage", staff.id)[sent_before:] == []  # no new message


async def test_a_reply_that_meets_two_bad_gateways_still_arrives(emu: BotApiEmulator, cast: Cast):
    customer = cast.customer
    emu.fail_next("sendMessage", 502, times=2, chat_id=customer.id)

    await customer.send("/help")

    await customer.wait_for("/order — place a delivery order")
    assert outcomes(emu, "sendMessage", customer.id)[-3:] == [502, 502, 200]
    await customer.expect_nothing(within=0.3)


async def test_a_reply_refused_for_good_is_logged_and_not_tried_again(
    emu: BotApiEmulator, cast: Cast, caplog: pytest.LogCaptureFixture
):
    customer = cast.customer
    sent_before = len(outcomes(emu, "sendMessage", customer.id))
    emu.fail_next("sendMessage", 403, "Forbidden: bot was blocked by the user",
                  chat_id=customer.id)

    with caplog.at_level(logging.WARNING):
        await customer.send("/help")
        await customer.expect_nothing(within=1.0)  # nor an apology

    assert outcomes(emu, "sendMessage", customer.id)[sent_before:] == [403]
    warnings = [record.getMessage() for record in caplog.records
                if record.levelno == logging.WARNING and record.name == "bot.replies"]
    assert warnings == [f"sendMessage to chat {customer.id} failed for good after 1 try: "
                        "Forbidden: bot was blocked by the user"]
    assert TOKEN not in caplog.text


async def test_an_edit_that_was_made_though_its_answer_was_lost_is_not_made_again(
    emu: BotApiEmulator, cast: Cast
):
    staff = cast.staff
    await staff.send("/broadcast all Oops, wrong text")
    await staff.wait_for("customers and riders: 13 recipients")
    # Telegram's gateway gives up on the edit that turns the preview into its status, though
    # the edit is made: the retry finds the message already as wanted.
    emu.fail_next("editMessageText", 504, chat_id=staff.id, after_work=True)

    await staff.press("✖ Cancel")

    await staff.wait_for("Broadcast #1 discarded; nothing was sent.")
    await staff.expect_nothing(within=1.5)  # not said anew, and no apology
    assert outcomes(emu, "editMessageText", staff.id) == [504, 400]


async def test_a_press_telegram_no_longer_takes_an_answer_for_still_gets_its_reply(
    emu: BotApiEmulator, cast: Cast
):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True)
    number = await confirm(customer)
    alert = await staff.wait_for(f"New order #{number}")
    # What Telegram answers when the answer comes after it stopped waiting (about 15 s).
    emu.fail_next("answerCallbackQuery", 400, f"Bad Request: {QUERY_TOO_OLD}")
    answered_before = len(emu.calls_to("answerCallbackQuery"))
    sent_before = len(outcomes(emu, "sendMessage", staff.id))
    edited_before = len(outcomes(emu, "editMessageText", staff.id))

    with pytest.raises(TimeoutError):  # the press spins until Telegram gives up on it
        await staff.press("✅ 20 min", message=alert, timeout=1.0)

    # The reply is the pressed alert edited into the store's card with the next step, by the
    # press itself: the alert sender leaves a card a press is answered on to that press.
    approved = await staff.wait_for(f"Order #{number} from Minji — accepted by the shop")
    assert approved.message_id == alert.message_id
    assert approved.buttons == ["👩‍🍳 Start preparing", "✖ Cancel order"]
    await staff.expect_nothing(within=0.5)  # and no apology
    assert outcomes(emu, "sendMessage", staff.id)[sent_before:] == []
    assert outcomes(emu, "editMessageText", staff.id)[edited_before:] == [200]
    answers = emu.calls_to("answerCallbackQuery")[answered_before:]
    assert [call.outcome for call in answers] == [400]  # final: not tried again
