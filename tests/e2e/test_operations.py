"""What an operator sees: liveness, readiness (schema, database, shutdown), Prometheus
metrics, and a graceful stop that finishes the update in hand."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from sqlalchemy import text

from bot.runtime import Runtime
from bot.settings import BotMode, Settings
from domain.persistence.database import create_engine
from domain.persistence.tables import inbox
from emulator import BotApiEmulator
from tests.e2e.conftest import Cast, place_order
from tests.e2e.test_webhook import SECRET, post, text_update, url_of


@pytest.fixture
def served_settings(settings: Settings) -> Settings:
    """Polling mode with the operations endpoints on a port of their own."""
    return settings.model_copy(update={"http_host": "127.0.0.1", "http_port": 0})


@pytest.fixture
async def bot(start_bot, served_settings) -> Runtime:
    return await start_bot(served_settings)


async def get(runtime: Runtime, path: str) -> tuple[int, str]:
    async with aiohttp.ClientSession() as session, session.get(url_of(runtime, path)) as answer:
        return answer.status, await answer.text()


async def test_polling_mode_serves_liveness_and_readiness_on_http_port(bot):
    assert await get(bot, "/healthz") == (200, '{"status": "alive"}')
    assert await get(bot, "/readyz") == (200, '{"status": "ready"}')


async def test_readiness_fails_while_the_schema_is_behind_this_code(bot):
    async with bot.engine.begin() as conn:
        head = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        await conn.execute(text("UPDATE alembic_version SET version_num = '0004'"))
    try:
        status, body = await get(bot, "/readyz")
        assert status == 503
        assert "schema at 0004" in body and head in body
        assert (await get(bot, "/healthz"))[0] == 200  # alive, just not ready
    finally:
        async with bot.engine.begin() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})


async def test_a_schema_ahead_of_this_code_still_counts_as_ready(bot):
    """A rolling update migrates first; the replicas of the previous version keep serving."""
    async with bot.engine.begin() as conn:
        head = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        await conn.execute(text("UPDATE alembic_version SET version_num = '9999_next'"))
    try:
        assert await get(bot, "/readyz") == (200, '{"status": "ready"}')
    finally:
        async with bot.engine.begin() as conn:
            await conn.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": head})


async def test_readiness_fails_when_the_database_does_not_answer(bot):
    working = bot.engine
    bot.engine = create_engine("postgresql+asyncpg://nobody@127.0.0.1:9/none")
    try:
        status, body = await get(bot, "/readyz")
        assert status == 503 and "database unavailable" in body
    finally:
        await bot.engine.dispose()
        bot.engine = working
    assert (await get(bot, "/readyz"))[0] == 200


async def test_metrics_count_updates_orders_sends_and_refusals(cast: Cast, bot):
    number = await place_order(cast.customer)
    await cast.staff.wait_for(f"New order #{number}")
    await cast.customer.send("/cancel 999")
    await cast.customer.wait_for("There is no order #999")
    status, metrics = await get(bot, "/metrics")
    assert status == 200
    lines = metrics.splitlines()
    assert 'ppalli_orders{status="placed"} 1.0' in lines
    assert any(line.startswith('ppalli_updates_total{kind="command",outcome="ok"}')
               for line in lines)
    assert 'ppalli_updates_total{kind="command",outcome="refused"} 1.0' in lines
    assert any(line.startswith('ppalli_updates_total{kind="callback_query",outcome="ok"}')
               for line in lines)
    assert any(line.startswith('ppalli_handler_seconds_bucket{kind="command",le="0.1"}')
               for line in lines)
    assert any(line.startswith('ppalli_sends_total{outcome="sent"}') for line in lines)
    assert "ppalli_outbox_backlog " in metrics
    assert "ppalli_outbox_oldest_unsent_age_seconds " in metrics


async def test_metrics_show_a_broadcast_being_sent(emu: BotApiEmulator, cast: Cast, bot):
    # The first announcement meets a flood limit: all sending pauses 3 s, mid-broadcast.
    emu.fail_next("sendMessage", 429, retry_after=3, chat_id=cast.customer.id)
    await cast.staff.send("/broadcast Closed on Monday")
    await cast.staff.wait_for("Broadcast #1")
    await cast.staff.press("📤 Send")
    seen = ""
    for _ in range(20):  # until the pause begins
        seen = (await get(bot, "/metrics"))[1]
        if 'ppalli_sends_total{outcome="flood_limited"} 1.0' in seen:
            break
        await asyncio.sleep(0.1)
    assert 'ppalli_sends_total{outcome="flood_limited"} 1.0' in seen
    assert 'ppalli_broadcast_messages{broadcast="1",state="pending"} ' in seen
    await cast.staff.wait_for("Broadcast #1 finished", timeout=10)


async def test_a_stop_turns_readiness_off_first_and_finishes_the_update_in_hand(
        emu: BotApiEmulator, start_bot, settings: Settings):
    hooked = await start_bot(settings.model_copy(update={
        "bot_mode": BotMode.WEBHOOK, "http_host": "127.0.0.1", "http_port": 0,
        "webhook_url": "https://bot.example.com/telegram", "webhook_secret": SECRET}))
    poster = emu.user(1020, "Poster", started=True)
    # The reply to this update hangs for 1.5 s at Telegram: it is in hand when the stop comes.
    emu.inject_faults(0.0, timeout_share=1.0, hang_s=1.5, methods=("sendMessage",))
    assert (await post(hooked, text_update(990_001, poster.id, "/help")))[0] == 200
    for _ in range(50):
        if hooked.worker is not None and hooked.worker.in_flight:
            break
        await asyncio.sleep(0.02)
    stopping = asyncio.create_task(hooked.stop())
    await asyncio.sleep(0.2)
    status, body = await get(hooked, "/readyz")
    assert (status, "shutting down" in body) == (503, True)
    assert (await post(hooked, text_update(990_002, poster.id, "/help")))[0] == 503
    await asyncio.wait_for(stopping, timeout=hooked.settings.shutdown_seconds + 5)
    engine = create_engine(hooked.settings.database_url)
    async with engine.connect() as conn:
        rows = (await conn.execute(inbox.select())).all()
    await engine.dispose()
    assert [(row.update_id, row.done_at is not None) for row in rows] == [(990_001, True)]
