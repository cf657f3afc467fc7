"""Fixtures for the emulator's own tests: a running emulator and a raw HTTP client."""

from collections.abc import AsyncIterator

import aiohttp
import pytest

from emulator import BotApiEmulator
from tests.emulator.raw_api import TOKEN, RawApi


@pytest.fixture
async def emu() -> AsyncIterator[BotApiEmulator]:
    async with BotApiEmulator(token=TOKEN, bot_username="ppalli_bot") as running:
        yield running


@pytest.fixture
async def api(emu: BotApiEmulator) -> AsyncIterator[RawApi]:
    async with aiohttp.ClientSession() as session:
        yield RawApi(session, emu)
