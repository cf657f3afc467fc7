"""Direct replies retried (bot.replies) over real HTTP to the Bot API emulator; the waits are
recorded instead of slept."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Iterator

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.ext import ExtBot

from bot.replies import ReplyRetries, answering
from bot.transport import AiohttpRequest
from emulator import BotApiEmulator
from notifier.pacing import PaceLimits, Pacer

TOKEN = "123456:REPLIES"
ALICE = 1001


class Waits:
    """Stands in for asyncio.sleep: records each wait and returns at once."""

    def __init__(self) -> None:
        self.seconds: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.seconds.append(round(seconds, 3))


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token=TOKEN, bot_username="ppalli_bot") as running:
        running.user(ALICE, "Alice", started=True)
        yield running


@pytest.fixture
def waits() -> Waits:
    return Waits()


@pytest.fixture
def pacer() -> Pacer:
    return Pacer(PaceLimits(), monotonic=lambda: 100.0)  # time stands still


@pytest.fixture
async def bot(emu: BotApiEmulator, pacer: Pacer, waits: Waits) -> AsyncIterator[ExtBot]:
    telegram_bot = ExtBot(TOKEN, base_url=emu.base_url, request=AiohttpRequest(),
                          rate_limiter=ReplyRetries(pacer, sleep=waits))
    async with telegram_bot:
        yield telegram_bot


@pytest.fixture
def handling_an_update() -> Iterator[None]:
    token = answering.set(True)
    yield
    answering.reset(token)


def outcomes(emu: BotApiEmulator, method: str) -> list[int]:
    return [call.outcome for call in emu.calls_to(method)]


@pytest.mark.usefixtures("handling_an_update")
async def test_a_flood_wait_is_kept_then_the_reply_waits_its_turn_at_the_pace(
    emu: BotApiEmulator, bot: ExtBot, pacer: Pacer, waits: Waits
):
    for _ in range(3):  # the outbox just sent Alice a burst: her chat must wait a second
        pacer.record(ALICE)
    emu.fail_next("sendMessage", 429, retry_after=2)

    await bot.send_message(ALICE, "hello")

    assert waits.seconds == [2.0, 1.0]
    assert outcomes(emu, "sendMessage") == [429, 200]
    assert [m.text for m in emu.user(ALICE, "Alice").inbox] == ["hello"]
    assert pacer.chat_wait(ALICE) == pytest.approx(2.0)  # the retry took the next slot


@pytest.mark.usefixtures("handling_an_update")
async def test_a_flood_wait_longer_than_ten_seconds_is_not_waited_out(
    emu: BotApiEmulator, bot: ExtBot, waits: Waits, caplog: pytest.LogCaptureFixture
):
    emu.fail_next("sendMessage", 429, retry_after=11)

    with caplog.at_level(logging.WARNING, logger="bot.replies"), pytest.raises(RetryAfter):
        await bot.send_message(ALICE, "hello")

    assert waits.seconds == []
    assert outcomes(emu, "sendMessage") == [429]
    assert f"sendMessage to chat {ALICE} failed for good after 1 try" in caplog.text
    assert TOKEN not in caplog.text


@pytest.mark.usefixtures("handling_an_update")
async def test_a_reply_telegram_keeps_failing_is_tried_three_times_within_seconds(
    emu: BotApiEmulator, bot: ExtBot, waits: Waits, caplog: pytest.LogCaptureFixture
):
    emu.fail_next("sendMessage", 500, times=5)

    with caplog.at_level(logging.WARNING, logger="bot.replies"), pytest.raises(NetworkError):
        await bot.send_message(ALICE, "hello")

    assert waits.seconds == [0.5, 1.0]
    assert outcomes(emu, "sendMessage") == [500, 500, 500]
    assert (f"sendMessage to chat {ALICE} failed for good after 3 tries: "
            "Internal Server Error") in caplog.text


@pytest.mark.usefixtures("handling_an_update")
async def test_a_refused_reply_is_not_tried_again(emu: BotApiEmulator, bot: ExtBot, waits: Waits):
    emu.fail_next("sendMessage", 400, "Bad Request: can't parse entities")

    with pytest.raises(BadRequest):
        await bot.send_message(ALICE, "hello")

    assert (waits.seconds, outcomes(emu, "sendMessage")) == ([], [400])


@pytest.mark.usefixtures("handling_an_update")
async def test_an_edit_that_changes_nothing_is_still_refused_on_its_first_try(
    emu: BotApiEmulator, bot: ExtBot
):
    sent = await bot.send_message(ALICE, "same")

    with pytest.raises(BadRequest, match="not modified"):
        await bot.edit_message_text("same", chat_id=ALICE, message_id=sent.message_id)


async def test_outside_an_update_a_flood_wait_reaches_the_caller_at_once(
    emu: BotApiEmulator, bot: ExtBot, waits: Waits
):
    """The outbox sender's calls: it pauses all its sending itself, and must know at once."""
    emu.fail_next("sendMessage", 429, retry_after=3)
    emu.fail_next("sendMessage", 502)

    with pytest.raises(RetryAfter):
        await bot.send_message(ALICE, "alert")
    with pytest.raises(NetworkError):
        await bot.send_message(ALICE, "alert")

    assert (waits.seconds, outcomes(emu, "sendMessage")) == ([], [429, 502])


async def test_a_press_answered_by_a_try_whose_answer_was_lost_counts_as_answered(
    emu: BotApiEmulator, bot: ExtBot, waits: Waits
):
    alice = emu.user(ALICE, "Alice")
    keyboard = InlineKeyboardMarkup([[InlineKeyboardButton("Go", callback_data="go")]])
    await bot.send_message(ALICE, "press", reply_markup=keyboard)
    pressing = asyncio.create_task(alice.press("Go"))
    updates = []
    while not updates:
        updates = await bot.get_updates(timeout=1)
    query = updates[-1].callback_query
    assert query is not None
    emu.fail_next("answerCallbackQuery", 502, after_work=True)

    token = answering.set(True)
    try:
        assert await bot.answer_callback_query(query.id, "Done") is True
    finally:
        answering.reset(token)

    assert (await pressing).text == "Done"
    assert waits.seconds == [0.5]
    assert outcomes(emu, "answerCallbackQuery") == [502, 400]  # 400: answered already
