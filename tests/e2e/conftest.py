"""The real python-telegram-bot Application against the project's Bot API emulator over HTTP."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import pytest

from bot.runtime import Runtime
from bot.settings import Settings
from emulator import BotApiEmulator, Person
from tests.fakes import AheadClock

TOKEN = "123456:E2E-TEST-TOKEN"
STAFF_ID = 2001
RIDER_IDS = [3000 + i for i in range(10)]


@dataclass
class Cast:
    customer: Person
    stranger: Person
    staff: Person
    riders: list[Person]

    @property
    def rider(self) -> Person:
        return self.riders[0]


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token=TOKEN, bot_username="ppalli_bot") as emulator:
        yield emulator


@pytest.fixture
def settings(emu: BotApiEmulator, database_url: str) -> Settings:
    return Settings(
        _env_file=None,
        telegram_bot_token=emu.token,
        telegram_api_url=emu.base_url,
        database_url=database_url,
        admin_ids=frozenset({STAFF_ID}),
        rider_ids=frozenset(RIDER_IDS),
    )


@pytest.fixture
async def start_bot(settings: Settings) -> AsyncIterator[Callable[..., Awaitable[Runtime]]]:
    """Start the bot (again, after a stop, to play a restart); everything stops at the end."""
    running: list[Runtime] = []

    async def start(with_settings: Settings | None = None, **options) -> Runtime:
        runtime = Runtime(with_settings or settings, poll_timeout=1, **options)
        await runtime.start()
        running.append(runtime)
        return runtime

    yield start
    for runtime in running:
        if runtime.app.running:
            await runtime.stop()


@pytest.fixture
def clock() -> AheadClock:
    """The real time, which a test may move forward (past a backoff, a throttle, a promise)."""
    return AheadClock()


@pytest.fixture
async def bot(start_bot, clock: AheadClock) -> Runtime:
    return await start_bot(clock=clock)


@pytest.fixture
async def cast(emu: BotApiEmulator, bot: Runtime) -> Cast:
    """Customers, staff and riders, each of whom has started the bot."""
    people = Cast(
        customer=emu.user(1001, "Minji"),
        stranger=emu.user(1002, "Stranger"),
        staff=emu.user(STAFF_ID, "Jisoo"),
        riders=[emu.user(rider_id, f"Rider{i}") for i, rider_id in enumerate(RIDER_IDS)],
    )
    for person in [people.customer, people.stranger, people.staff, *people.riders]:
        await person.send("/start")
        await person.wait_for("Hello")
    return people


Where = str | tuple[float, float]  # a typed address, or a shared location


async def place_order(customer: Person, *, pickup: Where = "12 Sejong-daero",
                      destination: Where = "Teheran-ro 152") -> int:
    """Walk the wizard with good answers; returns the order number."""
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("2.5")
    await customer.wait_for("pick it up")
    await _answer_place(customer, pickup)
    await customer.wait_for("Where should it go")
    await _answer_place(customer, destination)
    await customer.wait_for("phone number")
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    await customer.wait_for("Confirm to place it")
    placed = await customer.press("✅ Confirm")  # answered with a toast
    assert "placed. The store will confirm" in placed.text, placed.text
    number = int(placed.text.split("#")[1].split()[0])
    await customer.wait_for(f"Order #{number} — ")  # the summary became the order's card
    return number


async def _answer_place(customer: Person, where: Where) -> None:
    if isinstance(where, str):
        await customer.send(where)
    else:
        await customer.share_location(*where)


async def approve(staff: Person, number: int) -> None:
    await staff.send(f"/approve {number}")
    await staff.wait_for(f"Order #{number} approved.")
