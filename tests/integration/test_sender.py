"""The outbox sender against the Bot API emulator: every row ends sent, unreachable or failed,
in order per chat, paced, and never sent twice."""

import asyncio
import contextlib
import time
from datetime import timedelta
from functools import partial
from zoneinfo import ZoneInfo

import pytest
from telegram import Bot
from telegram.request import HTTPXRequest

from domain.alerts.kinds import AlertKind
from domain.alerts.outbox import Delivery, OutboxMessage, Priority
from domain.dispatch.tracking import Tracking
from domain.orders.alerts import alerts_for
from domain.people.model import User
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.shared.clock import SystemClock
from emulator import BotApiEmulator, FloodLimits
from notifier.pacing import PaceLimits
from notifier.sender import OutboxSender, SenderSettings
from tests.fakes import FakeClock

TOKEN = "123456:SENDER-TEST"
ADMIN = 900
SEOUL = ZoneInfo("Asia/Seoul")
FAST = PaceLimits(global_per_second=1000, private_per_second=1000, private_burst=1000)


@pytest.fixture
async def emu():
    async with BotApiEmulator(token=TOKEN) as emulator:
        yield emulator


@pytest.fixture
async def uow(database_url):
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    def new_uow() -> SqlUnitOfWork:  # as domain.services makes them: it knows who to tell
        unit = SqlUnitOfWork(sessions)
        unit.route = partial(alerts_for, store_chat_ids=())
        return unit

    yield new_uow
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
    return OutboxSender(bot, uow, clock, SEOUL,
                        SenderSettings(pace=FAST, admin_ids=frozenset({ADMIN})))


@pytest.fixture
async def minji(emu):
    person = emu.user(1001, "Minji")
    await person.send("/start")  # a bot may only write to people who started it
    return person


@pytest.fixture
async def admin(emu):
    person = emu.user(ADMIN, "Desk")
    await person.send("/start")
    return person


async def queue(uow, clock, *messages: tuple) -> list[int]:
    async with uow() as unit:
        rows = [OutboxMessage(chat, kind, clock.now(), params, *rest)
                for chat, kind, params, *rest in messages]
        for row in rows:
            await unit.outbox.add(row)
        await unit.commit()
    return [row.id for row in rows]


async def states(uow, ids) -> list[tuple[Delivery, int, str | None]]:
    async with uow() as unit:
        rows = [await unit.outbox.get(i) for i in ids]
        return [(r.state, r.attempts, r.last_error) for r in rows]


async def add_user(uow, clock, user_id, name, language_code=None):
    async with uow() as unit:
        await unit.users.add(User(user_id, name, clock.now(), language_code))
        await unit.commit()


def delivered(emu, method="sendMessage"):
    return [c for c in emu.calls_to(method) if c.outcome == 200]


async def test_alerts_are_sent_in_order_and_marked_sent(sender, uow, clock, minji):
    ids = await queue(uow, clock, (1001, "approved", {"number": 1}),
                      (1001, "picked_up", {"number": 1}))
    assert await sender.send_due() == 2
    assert [m.text for m in minji.inbox] == ["👍 Order #1 approved. We are finding a rider.",
                                             "📦 Order #1 picked up and on its way."]
    assert [s[0] for s in await states(uow, ids)] == [Delivery.SENT, Delivery.SENT]
    assert await sender.send_due() == 0


async def test_several_chats_share_one_batch_and_one_chat_keeps_its_order(
        sender, uow, clock, emu, minji):
    others = [emu.user(1500 + i, f"Guest {i}") for i in range(3)]
    for person in others:
        await person.send("/start")
    await queue(uow, clock, (1001, "approved", {"number": 1}),
                (1001, "picked_up", {"number": 1}),
                *[(person.id, "approved", {"number": 10 + i}) for i, person in enumerate(others)])
    assert await sender.send_next() == 4  # one claim: the head row of each of the four chats
    assert await sender.send_next() == 1  # Minji's second row only once her first is sent
    assert [m.text.split()[2] for m in minji.inbox] == ["#1", "#1"]
    assert "approved" in minji.inbox[0].text and "picked up" in minji.inbox[1].text
    assert await sender.send_next() == 0


async def test_a_batch_is_what_the_global_pace_lets_go_in_a_tenth_of_a_second(
        bot, uow, clock, emu):
    people = [emu.user(1500 + i, f"Guest {i}") for i in range(5)]
    for person in people:
        await person.send("/start")
    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=PaceLimits(global_per_second=25, private_per_second=100, private_burst=100)))
    await queue(uow, clock, *[(p.id, "approved", {"number": i}) for i, p in enumerate(people)])
    assert await sender.send_next() == 2
    assert await sender.send_next() == 2
    assert await sender.send_next() == 1


async def test_a_private_chat_gets_a_short_burst_then_about_one_message_a_second(
        bot, uow, clock, minji):
    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=PaceLimits(global_per_second=100, private_per_second=1.0, private_burst=3)))
    await queue(uow, clock, *[(1001, "approved", {"number": n}) for n in range(1, 6)])
    assert await sender.send_due() == 3  # the burst; the fourth must wait about a second
    assert len(minji.inbox) == 3
    await asyncio.sleep(1.05)
    assert await sender.send_due() == 1
    assert [m.text.split()[2] for m in minji.inbox] == ["#1", "#2", "#3", "#4"]


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


async def test_a_row_that_cannot_be_rendered_fails_without_blocking_others_and_admins_hear(
        sender, uow, clock, emu, minji, admin):
    jimin = emu.user(1500, "Jimin")
    await jimin.send("/start")
    broken, fine = await queue(uow, clock, (1001, "approved", {}),
                               (1500, "approved", {"number": 9}))
    await sender.send_due()
    await jimin.wait_for("Order #9 approved")
    (state, _, error), (fine_state, _, _) = await states(uow, [broken, fine])
    assert state is Delivery.FAILED and "cannot render" in error
    assert fine_state is Delivery.SENT
    report = await admin.wait_for("could not be delivered")
    assert "1001" in report.text and "approved" in report.text


async def test_server_errors_are_retried_for_the_retry_time_then_given_up_and_an_admin_is_told(
        bot, uow, clock, emu, minji, admin):
    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=FAST, retry_for=timedelta(minutes=10), admin_ids=frozenset({ADMIN})))
    emu.fail_next("sendMessage", 500, "Internal Server Error", times=1000, chat_id=1001)
    [row] = await queue(uow, clock, (1001, "approved", {"number": 3}, 3))
    for _ in range(9 * 6):  # nine minutes, ten seconds at a time
        await sender.send_due()
        clock.advance(seconds=10)
    state, attempts, error = (await states(uow, [row]))[0]
    assert state is Delivery.PENDING and attempts > 8  # not a count: the time decides
    clock.advance(minutes=1)  # the retries are at most a minute apart
    await sender.send_due()
    state, attempts, error = (await states(uow, [row]))[0]
    assert state is Delivery.FAILED
    assert "Internal Server Error" in error and f"gave up after {attempts} attempts" in error
    assert "in 0.166667 h" in error
    await minji.expect_nothing(within=0.2)
    await sender.send_due()
    report = await admin.wait_for("could not be delivered")
    assert "order #3" in report.text and "Internal Server Error" in report.text


async def test_messages_for_a_group_that_became_a_supergroup_go_to_its_new_id(
        bot, uow, clock, emu, minji):
    """Nobody told the bot the group moved (the service message never came): the refused
    send teaches it, and that message and the ones after go to the new chat, none failed."""
    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=PaceLimits(1000, 1000, 1000, group_per_minute=60_000),
        admin_ids=frozenset({ADMIN})))
    desk = emu.group(-4242, "Desk", supergroup=False)
    upgraded = emu.migrate_group(desk, -1004242, by=minji)
    ids = await queue(uow, clock, (-4242, "expired_store", {"number": 1}),
                      (-4242, "expired_store", {"number": 2}))
    await sender.send_due()
    await sender.send_due()
    assert [s[0] for s in await states(uow, ids)] == [Delivery.SENT] * 2
    assert [m.text.count("#") for m in upgraded.inbox] == [1, 1]
    later = await queue(uow, clock, (-4242, "expired_store", {"number": 3}))
    await sender.send_due()  # queued for the old id after the move: sent to the new one
    assert (await states(uow, later))[0][0] is Delivery.SENT
    assert "#3" in upgraded.inbox[-1].text
    async with uow() as unit:
        assert await unit.outbox.chat_moves() == {-4242: -1004242}


async def test_a_person_who_blocked_the_bot_is_unreachable_and_nothing_more_is_tried(
        sender, uow, clock, emu, minji):
    await add_user(uow, clock, 1001, "Minji")
    minji.block_bot()
    first, second = await queue(uow, clock, (1001, "approved", {"number": 4}),
                                (1001, "picked_up", {"number": 4}))
    await sender.send_due()
    assert [s[0] for s in await states(uow, [first, second])] == [Delivery.UNREACHABLE] * 2
    assert "blocked" in (await states(uow, [first]))[0][2]
    assert len(emu.calls_to("sendMessage")) == 1  # the second was settled without a call
    async with uow() as unit:
        assert not (await unit.users.get(1001)).reachable
    clock.advance(hours=1)
    assert await sender.send_due() == 0


async def test_a_chat_that_does_not_exist_fails_with_the_reason(sender, uow, clock):
    [row] = await queue(uow, clock, (999999, "approved", {"number": 5}))
    await sender.send_due()
    state, _, error = (await states(uow, [row]))[0]
    assert state is Delivery.FAILED and "chat not found" in error.lower()


async def test_alerts_are_written_in_the_readers_language(sender, uow, clock, emu):
    jimin = emu.user(1500, "지민", language_code="ko")
    await jimin.send("/start")
    await add_user(uow, clock, 1500, "지민", "ko")
    await queue(uow, clock, (1500, "delivered", {"number": 6}))
    await sender.send_due()
    message = await jimin.wait_for("6번 주문")
    assert "배달" in message.text
    assert len(message.buttons) == 1


async def test_the_store_group_reads_store_language_and_an_unknown_person_default_language(
        bot, uow, clock, emu):
    """A group (the outbox writes to no other than the store's) reads STORE_LANGUAGE; a
    private chat of someone the bot does not know reads DEFAULT_LANGUAGE."""
    from views.i18n import t

    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=PaceLimits(1000, 1000, 1000, group_per_minute=60_000),
        default_language="en", store_language="ko"))
    desk = emu.group(-1005151, "Desk")
    stranger = emu.user(1600, "Jay", language_code="ko")
    await stranger.send("/start")  # may be written to, though the bot stored nothing of him
    await queue(uow, clock, (-1005151, "expired_store", {"number": 7}),
                (1600, "expired_store", {"number": 8}))
    await sender.send_due()
    korean, english = (str(t(lang, "alert.expired_store", number=n))
                       for lang, n in (("ko", 7), ("en", 8)))
    assert korean != english
    assert (await desk.wait_for(korean)).text == korean
    assert (await stranger.wait_for(english)).text == english


async def test_a_broadcast_message_shows_the_admins_text_escaped(sender, uow, clock, emu, minji):
    async with uow() as unit:
        from domain.broadcasts.model import Audience, Broadcast

        broadcast = Broadcast.draft(Audience.CUSTOMERS, "Closed <Monday> & Tuesday", ADMIN,
                                    clock.now())
        await unit.broadcasts.add(broadcast)
        await unit.commit()
    await queue(uow, clock, (1001, AlertKind.BROADCAST, {}, None, Priority.BROADCAST, broadcast.id))
    await sender.send_due()
    message = await minji.wait_for("Closed")
    assert message.text == "📢 Closed <Monday> & Tuesday"


async def place_order(uow, clock, number=1):
    from domain.orders.model import Actor, Order, Parcel, PaymentMethod, Place, Role, Size

    parcel = Parcel(Size.SMALL, 1.0, Place("Gangnam 1"), Place("Mapo 2"), "010-1234-5678")
    order = Order.place(number, Actor(Role.CUSTOMER, 1001, "Minji"), parcel,
                        payment=PaymentMethod.CASH, price=4000, at=clock.now())
    async with uow() as unit:
        await unit.orders.add(order)
        await unit.commit()
    return order


async def test_the_order_card_is_sent_once_then_edited_in_place(sender, uow, clock, emu, minji):
    await place_order(uow, clock)
    await sender.send_due()  # the card (placed without one: no summary became it)
    [card] = minji.inbox  # no "placed" alert: placing is answered on the spot
    assert "Order #1" in card.text and "waiting" in card.text.lower()
    async with uow() as unit:
        order = await unit.orders.get_for_update(1)
        from domain.orders.model import Actor, Role

        order.approve(Actor(Role.STORE, ADMIN, "Desk"), clock.now())
        await unit.commit()
    await sender.send_due()
    texts = [m.text for m in minji.inbox]
    assert len(texts) == 2  # card, approved: the card was edited, not sent again
    assert texts[1].startswith("👍 Order #1 approved.")
    edited = minji.inbox[0]
    assert edited.message_id == card.message_id and edited.edited
    assert "approved" in edited.text.lower()
    assert len(delivered(emu, "editMessageText")) == 1


async def test_an_unchanged_card_counts_as_sent_and_a_deleted_card_is_sent_anew(
        sender, bot, uow, clock, emu, minji):
    await place_order(uow, clock)
    await sender.send_due()
    card = minji.inbox[-1]
    [again] = await queue(uow, clock, (1001, AlertKind.ORDER_CARD, {"number": 1}, 1))
    await sender.send_due()
    assert (await states(uow, [again]))[0][0] is Delivery.SENT  # "message is not modified"
    await bot.delete_message(1001, card.message_id)
    [after_delete] = await queue(uow, clock, (1001, AlertKind.ORDER_CARD, {"number": 1}, 1))
    await sender.send_due()
    assert (await states(uow, [after_delete]))[0][0] is Delivery.SENT
    fresh = minji.inbox[-1]
    assert fresh.message_id != card.message_id and "Order #1" in fresh.text
    async with uow() as unit:
        assert (await unit.cards.get(1)).message_id == fresh.message_id


async def test_refreshes_of_one_card_due_together_make_one_edit(sender, uow, clock, emu, minji):
    """Three moves queued three refreshes of the card before it could be sent (the chat's
    pace held it, say): it is edited once, to the order as it is now."""
    await place_order(uow, clock)
    await sender.send_due()
    edits = len(emu.calls_to("editMessageText"))
    async with uow() as unit:
        order = await unit.orders.get_for_update(1)
        from domain.orders.model import Actor, Role

        order.approve(Actor(Role.STORE, ADMIN, "Desk"), clock.now())
        await unit.commit()
    card = (1001, AlertKind.ORDER_CARD, {"number": 1}, 1)
    ids = await queue(uow, clock, card, card, card)
    await sender.send_due()
    assert {state for state, _, _ in await states(uow, ids)} == {Delivery.SENT}
    assert len(emu.calls_to("editMessageText")) == edits + 1
    assert "approved" in minji.inbox[0].text.lower()


async def test_with_one_send_in_ten_failing_every_alert_arrives_exactly_once(uow, clock, emu):
    """8% answered 5xx, 2% hang past the client's timeout (and are not delivered)."""
    people = [emu.user(2000 + i, f"P{i}") for i in range(20)]
    for person in people:
        await person.send("/start")
    emu.inject_faults(0.08, codes=(500, 502, 503), timeout_share=0.02, hang_s=0.6, seed=7)
    impatient = Bot(TOKEN, base_url=emu.base_url, request=HTTPXRequest(read_timeout=0.3))
    await impatient.initialize()
    sender = OutboxSender(impatient, uow, clock, SEOUL, SenderSettings(pace=FAST))
    await queue(uow, clock, *[(p.id, "approved", {"number": n})
                              for n in range(1, 11) for p in people])
    for _ in range(200):
        await sender.send_due()
        async with uow() as unit:
            if (await unit.outbox.counts()).pending == 0:
                break
        clock.advance(minutes=1)  # every backoff has passed
    async with uow() as unit:
        counts = await unit.outbox.counts()
    await impatient.shutdown()
    assert (counts.sent, counts.pending, counts.failed) == (200, 0, 0)
    assert emu.stats.faults_injected >= 10
    for person in people:
        numbers = [m.text.split()[2] for m in person.inbox]
        assert numbers == [f"#{n}" for n in range(1, 11)]  # each once, in order


async def until_settled(uow, within: float = 15.0):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        async with uow() as unit:
            if (await unit.outbox.counts()).pending == 0:
                return
        await asyncio.sleep(0.05)
    raise AssertionError("the outbox did not drain in time")


async def alert_everyone(emu, uow, how_many, rate):
    """`how_many` people each get one alert from a sender running at `rate` per second."""
    people = [emu.user(3000 + i, f"P{i}") for i in range(how_many)]
    for person in people:
        await person.send("/start")
    clock = SystemClock()
    await queue(uow, clock, *[(p.id, "approved", {"number": 1}) for p in people])
    bot = Bot(TOKEN, base_url=emu.base_url)
    await bot.initialize()
    sender = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(
        pace=PaceLimits(global_per_second=rate)))
    task = asyncio.create_task(sender.run())
    await until_settled(uow)
    sender.stop()
    await task
    await bot.shutdown()
    return people


async def test_a_429_storm_pauses_everything_and_recovers_without_doubles(uow, emu):
    emu.set_flood_limits(FloodLimits(global_per_second=10))
    people = await alert_everyone(emu, uow, 30, rate=50)  # five times the ceiling
    assert emu.stats.rate_limited > 0
    assert all(len(p.inbox) == 1 for p in people)


async def test_under_the_ceiling_no_429_is_provoked(uow, emu):
    emu.set_flood_limits(FloodLimits(global_per_second=10))
    people = await alert_everyone(emu, uow, 25, rate=9)
    assert emu.stats.rate_limited == 0
    assert all(len(p.inbox) == 1 for p in people)
    times = [c.at for c in delivered(emu)]
    worst = max(sum(1 for t in times if start <= t < start + 1.0) for start in times)
    assert worst <= 10


# --- crashes and outages --------------------------------------------------------------------


async def claim_as_a_crashed_sender(uow, clock, row_id):
    """What a sender killed mid-send leaves: the row claimed for a long lease."""
    async with uow() as unit:
        row = await unit.outbox.get(row_id)
        row.claim(clock.now() + timedelta(minutes=5))
        await unit.commit()


async def test_a_row_claimed_by_a_crashed_sender_is_sent_at_once_after_a_restart(
        sender, uow, clock, minji):
    first, second = await queue(uow, clock, (1001, "approved", {"number": 1}),
                                (1001, "picked_up", {"number": 1}))
    await claim_as_a_crashed_sender(uow, clock, first)
    assert await sender.send_due() == 2  # the restarted sender: no lease to wait for
    assert [m.text.split()[2] for m in minji.inbox] == ["#1", "#1"]
    assert "approved" in minji.inbox[0].text and "picked up" in minji.inbox[1].text
    assert [s[0] for s in await states(uow, [first, second])] == [Delivery.SENT] * 2


async def test_a_standby_that_takes_over_from_a_dead_sender_sends_its_claimed_row_at_once(
        bot, uow, clock, minji, database_url):
    if not database_url.startswith("postgresql"):
        pytest.skip("several senders share one database only on PostgreSQL")
    from sqlalchemy import text

    from bot.storage.leadership import SENDER_LOCK_KEY, AdvisoryLockLeadership

    engines = [create_engine(database_url) for _ in range(2)]
    dead = AdvisoryLockLeadership(engines[0])
    assert await dead.acquire()
    [row] = await queue(uow, clock, (1001, "approved", {"number": 5}))
    await claim_as_a_crashed_sender(uow, clock, row)
    standby = OutboxSender(bot, uow, clock, SEOUL, SenderSettings(pace=FAST, idle_poll_s=0.1),
                           leadership=AdvisoryLockLeadership(engines[1], check_every_s=0.1))
    task = asyncio.create_task(standby.run())
    try:
        await minji.expect_nothing(within=0.5)  # it stands by while the lock is held
        async with engines[1].connect() as conn:  # the holder dies: its connection drops
            await conn.execute(text(
                "SELECT pg_terminate_backend(pid) FROM pg_locks "
                "WHERE locktype = 'advisory' AND objid = :key AND granted"),
                {"key": SENDER_LOCK_KEY})
        await minji.wait_for("Order #5 approved", timeout=3)  # the lease ends in 5 minutes
    finally:
        standby.stop()
        await task
        with contextlib.suppress(Exception):  # its connection is gone: let go of it
            await dead.release()
        for engine in engines:
            await engine.dispose()
    assert (await states(uow, [row]))[0][0] is Delivery.SENT


def texts(person) -> list[str]:
    return [message.text for message in person.inbox]


async def test_a_two_minute_outage_holds_alerts_and_sends_them_all_after_in_order(
        sender, uow, clock, emu, minji, admin):
    jimin = emu.user(1500, "Jimin")
    await jimin.send("/start")
    emu.set_offline(True)
    rows = []
    for second in range(120):
        if second % 15 == 0:  # an alert for each of them every 15 s
            rows += await queue(uow, clock, (1001, "approved", {"number": 100 + second}),
                                (1500, "approved", {"number": 200 + second}))
        await sender.send_due()
        clock.advance(seconds=1)
    async with uow() as unit:
        assert (await unit.outbox.counts()).sent == 0
        assert (await unit.outbox.notice("outage")) is not None
    assert minji.inbox == [] and jimin.inbox == [] and admin.inbox == []
    emu.set_offline(False)
    for _ in range(61):  # the last retries were at most a minute ago
        clock.advance(seconds=1)
        if await sender.send_due():
            break  # the first retry that got through made every held message due at once
    assert [s[0] for s in await states(uow, rows)] == [Delivery.SENT] * len(rows)
    assert [m.split()[2] for m in texts(minji)] == [f"#{100 + s}" for s in range(0, 120, 15)]
    assert [m.split()[2] for m in texts(jimin)] == [f"#{200 + s}" for s in range(0, 120, 15)]
    started, ended = texts(admin)  # told once that it started and once that it ended
    assert started.startswith("⚠️ Telegram could not be reached from 6:00 PM")
    assert ended.startswith("✅ Telegram answers again since 6:0")
    assert "unreachable from 6:00 PM" in ended and "16 held alerts are being sent" in ended
    async with uow() as unit:
        assert (await unit.outbox.counts()).failed == 0
        assert (await unit.outbox.notice("outage")) is None
        assert (await unit.outbox.notice("failing")) is None


async def test_failures_with_successes_between_them_are_no_outage(
        sender, uow, clock, emu, minji, admin):
    emu.inject_faults(0.5, codes=(502,), seed=11)
    for second in range(120):
        await queue(uow, clock, (1001, "approved", {"number": second}))
        await sender.send_due()
        clock.advance(seconds=1)
    emu.clear_faults()
    for _ in range(61):
        await sender.send_due()
        clock.advance(seconds=1)
    assert emu.stats.faults_injected > 30
    assert len(minji.inbox) == 120
    assert admin.inbox == []


# --- the customer's map of the rider ------------------------------------------------------
# A move covers the moves queued before it was sent but never one past a stop; rows with
# nothing to do make no call; a map the customer deleted comes back; a stop of a map gone is
# no failure.

CITY_HALL = (37.5665, 126.9780)
GANGNAM = (37.4979, 127.0276)
NUMBER = 7


async def track(uow, clock, point: tuple[float, float] | None, rider_id: int = 300) -> None:
    """The order's tracking now: following `rider_id`, showing `point` (None: ended)."""
    async with uow() as unit:
        tracking = (await unit.trackings.many([NUMBER])).get(NUMBER)
        if tracking is None:
            tracking = Tracking.start(NUMBER, 1001, rider_id, clock.now())
            await unit.trackings.add(tracking)
        elif tracking.rider_id != rider_id:
            tracking.restart(rider_id, clock.now())
        if point is None:
            tracking.end(clock.now())
        else:
            tracking.lat, tracking.lon, tracking.shown_at = *point, clock.now()
            tracking.ended_at = None
        await unit.commit()


def map_row(kind: AlertKind = AlertKind.RIDER_LOCATION) -> tuple:
    return (1001, kind, {"number": NUMBER}, NUMBER)


async def test_moves_queued_before_a_send_are_covered_by_it_showing_the_latest_point(
    sender, uow, clock, emu, minji
):
    await track(uow, clock, CITY_HALL)
    await sender.send_due()  # nothing queued yet
    ids = await queue(uow, clock, map_row(), map_row(), map_row())
    await track(uow, clock, GANGNAM)
    await sender.send_due()
    [sent] = delivered(emu, "sendLocation")
    assert (sent.params["latitude"], sent.params["longitude"]) == GANGNAM
    assert [s[0] for s in await states(uow, ids)] == [Delivery.SENT] * 3


async def test_a_move_never_covers_one_queued_after_a_stop(sender, uow, clock, emu, minji):
    """Given back, then taken by another rider while the sender lagged: the new rider's map
    is a new message, not the stopped one, nor nothing."""
    await track(uow, clock, CITY_HALL)
    await queue(uow, clock, map_row(), map_row(AlertKind.RIDER_LOCATION_END), map_row())
    await track(uow, clock, GANGNAM, rider_id=301)  # the second rider, where they are
    for _ in range(3):  # one row of the chat at a time
        await sender.send_due()
    first, second = (m.message_id for m in minji.inbox if m.location)  # two maps, no more
    assert emu.live_location(1001, first).stopped  # the first rider's
    assert not emu.live_location(1001, second).stopped  # the second rider's, live


async def test_a_map_row_with_nothing_to_do_makes_no_call(sender, uow, clock, emu, minji):
    await track(uow, clock, None)  # the job ended before the map was ever shown
    ids = await queue(uow, clock, map_row(), map_row(AlertKind.RIDER_LOCATION_END))
    for _ in range(2):
        await sender.send_due()
    assert [s[0] for s in await states(uow, ids)] == [Delivery.SENT, Delivery.SENT]
    assert emu.calls_to("sendLocation") == emu.calls_to("stopMessageLiveLocation") == []


async def test_a_map_the_customer_deleted_comes_back_and_a_gone_map_stops_quietly(
    sender, uow, clock, emu, minji
):
    await track(uow, clock, CITY_HALL)
    await queue(uow, clock, map_row())
    await sender.send_due()
    [first] = [m for m in minji.inbox if m.location]
    minji.delete(first)
    clock.advance(seconds=20)
    await track(uow, clock, GANGNAM)
    await queue(uow, clock, map_row())
    await sender.send_due()
    [again] = [m for m in minji.inbox if m.location and not m.deleted]
    assert again.message_id != first.message_id
    minji.delete(again)
    ids = await queue(uow, clock, map_row(AlertKind.RIDER_LOCATION_END))
    await sender.send_due()
    assert (await states(uow, ids))[0][0] is Delivery.SENT
    assert delivered(emu, "sendMessage") == []  # no admin was told of anything
