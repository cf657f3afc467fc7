"""The outbox sender against the Bot API emulator: every row ends sent, unreachable or failed."""

import pytest
from telegram import Bot

from domain.outbox import Delivery, OutboxMessage
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from emulator import BotApiEmulator
from notifier.sender import OutboxSender
from tests.fakes import FakeClock

TOKEN = "123456:SENDER-TEST"


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN) as emulator:
        yield emulator


@pytest.fixture
async def uow(database_url):
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    yield lambda: SqlUnitOfWork(sessions)
    await engine.dispose()


@pytest.fixture
async def bot(emu):
    telegram_bot = Bot(TOKEN, base_url=emu.base_url)
    await telegram_bot.initialize()
    yield telegram_bot
    await telegram_bot.shutdown()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def sender(bot, uow, clock):
    return OutboxSender(bot, uow, clock, max_attempts=3)


@pytest.fixture
async def minji(emu):
    person = emu.user(1001, "Minji")
    await person.send("/start")  # a bot may only write to people who started it
    return person


async def queue(uow, clock, *messages: tuple[int, str, dict]) -> list[int]:
    async with uow() as unit:
        rows = [OutboxMessage(chat, kind, clock.now(), params) for chat, kind, params in messages]
        for row in rows:
            await unit.outbox.add(row)
        await unit.commit()
    return [row.id for row in rows]


async def states(uow, ids) -> list[tuple[Delivery, int, str | None]]:
    async with uow() as unit:
        rows = [await unit.outbox.get(i) for i in ids]
        return [(r.state, r.attempts, r.last_error) for r in rows]


async def test_alerts_are_sent_in_order_and_marked_sent(sender, uow, clock, minji):
    ids = await queue(uow, clock, (1001, "approved", {"number": 1}),
                      (1001, "picked_up", {"number": 1}))
    assert await sender.send_due() == 1  # the second waits for the first: order is kept
    assert await sender.send_due() == 1
    await minji.wait_for("Order #1 approved")
    await minji.wait_for("Order #1 picked up")
    assert [s[0] for s in await states(uow, ids)] == [Delivery.SENT, Delivery.SENT]
    assert await sender.send_due() == 0


async def test_flood_limit_waits_retry_after_then_sends(sender, uow, clock, emu, minji):
    emu.fail_next("sendMessage", 429, "Too Many Requests: retry after 7", retry_after=7)
    [row] = await queue(uow, clock, (1001, "approved", {"number": 2}))
    await sender.send_due()
    assert (await states(uow, [row]))[0][0] is Delivery.PENDING
    clock.advance(seconds=6)
    assert await sender.send_due() == 0
    clock.advance(seconds=2)
    assert await sender.send_due() == 1
    await minji.wait_for("Order #2 approved")
    assert (await states(uow, [row]))[0][:2] == (Delivery.SENT, 1)  # a pause is no failure


async def test_a_flood_limit_pauses_every_chat_not_just_the_one(sender, uow, clock, emu, minji):
    jimin = emu.user(1500, "Jimin")
    await jimin.send("/start")
    emu.fail_next("sendMessage", 429, retry_after=5)
    await queue(uow, clock, (1001, "approved", {"number": 7}), (1500, "approved", {"number": 8}))
    await sender.send_due()
    await jimin.expect_nothing(within=0.2)
    clock.advance(seconds=5)
    assert await sender.send_due() == 2
    await minji.wait_for("Order #7 approved")
    await jimin.wait_for("Order #8 approved")


async def test_a_row_that_cannot_be_rendered_fails_without_blocking_others(sender, uow, clock,
                                                                           emu, minji):
    jimin = emu.user(1500, "Jimin")
    await jimin.send("/start")
    broken, fine = await queue(uow, clock, (1001, "approved", {}),
                               (1500, "approved", {"number": 9}))
    await sender.send_due()
    await jimin.wait_for("Order #9 approved")
    (state, _, error), (fine_state, _, _) = await states(uow, [broken, fine])
    assert state is Delivery.FAILED and "cannot render" in error
    assert fine_state is Delivery.SENT


async def test_server_errors_are_retried_then_given_up_with_the_reason(sender, uow, clock, emu,
                                                                       minji):
    emu.fail_next("sendMessage", 500, "Internal Server Error", times=3)
    [row] = await queue(uow, clock, (1001, "approved", {"number": 3}))
    for _ in range(3):
        await sender.send_due()
        clock.advance(minutes=2)
    state, attempts, error = (await states(uow, [row]))[0]
    assert (state, attempts) == (Delivery.FAILED, 3)
    assert "Internal Server Error" in error
    await minji.expect_nothing(within=0.2)


async def test_a_person_who_blocked_the_bot_is_unreachable_and_not_retried(sender, uow, clock,
                                                                          minji):
    minji.block_bot()
    [row] = await queue(uow, clock, (1001, "approved", {"number": 4}))
    await sender.send_due()
    state, attempts, error = (await states(uow, [row]))[0]
    assert (state, attempts) == (Delivery.UNREACHABLE, 1)
    assert "blocked" in error
    clock.advance(hours=1)
    assert await sender.send_due() == 0


async def test_a_chat_that_does_not_exist_fails_with_the_reason(sender, uow, clock):
    [row] = await queue(uow, clock, (999999, "approved", {"number": 5}))
    await sender.send_due()
    state, _, error = (await states(uow, [row]))[0]
    assert state is Delivery.FAILED and "chat not found" in error.lower()


async def test_alerts_are_written_in_the_readers_language(sender, uow, clock, emu):
    from domain.people import User

    jimin = emu.user(1500, "지민", language_code="ko")
    await jimin.send("/start")
    async with uow() as unit:
        await unit.users.add(User(1500, "지민", clock.now(), "ko"))
        await unit.commit()
    await queue(uow, clock, (1500, "delivered", {"number": 6}))
    await sender.send_due()
    message = await jimin.wait_for("#6")
    assert "배달" in message.text
    assert len(message.buttons) == 1
