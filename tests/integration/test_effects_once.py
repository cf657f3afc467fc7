"""On a real database, an update's effect and its count commit together: a re-run after a
crash finds the count and changes nothing again, in the wizard or on an order."""

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.storage.inbox import Inbox
from domain.persistence.database import create_engine
from domain.persistence.tables import inbox as inbox_table
from domain.services import Services
from domain.shared.errors import AlreadyApplied, DomainError
from domain.shared.handling import handling
from tests.fakes import FakeClock
from tests.integration.test_persistence import CUSTOMER, STAFF, place, services_on

UPDATE = 77


async def effects(engine) -> int:
    async with engine.connect() as conn:
        return (await conn.execute(select(inbox_table.c.effects)
                                   .where(inbox_table.c.update_id == UPDATE))).scalar_one()


@pytest.fixture
async def engine(database_url):
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


@pytest.fixture
def services(engine) -> Services:
    return services_on(engine)


@pytest.fixture
async def stored(engine) -> Inbox:
    inbox = Inbox(engine, "replica-a", timedelta(seconds=8))
    await inbox.add(UPDATE, CUSTOMER.user_id, "{}", FakeClock().now())
    return inbox


async def test_a_rerun_of_a_wizard_answer_does_not_apply_it_to_the_next_question(
        engine, services, stored):
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "medium")
    with handling(UPDATE):  # the weight answer commits, then the process dies
        await services.parcels.answer(CUSTOMER, "2.5")
    assert await effects(engine) == 1

    [claimed] = await stored.claim(FakeClock().now(), 1)
    with handling(UPDATE, claimed.effects), pytest.raises(AlreadyApplied):
        await services.parcels.answer(CUSTOMER, "2.5")  # the re-run after the restart

    draft = await services.parcels.current_draft(CUSTOMER)
    assert (draft.weight_kg, draft.pickup) == (2.5, None)
    assert draft.step.value == "pickup"


async def test_a_rerun_of_an_approval_changes_nothing_and_knows_it_is_catching_up(
        engine, services, stored):
    number = await place(services)
    with handling(UPDATE):
        await services.orders.approve(number, STAFF)
    with handling(UPDATE, await effects(engine)) as rerun, pytest.raises(DomainError):
        await services.orders.approve(number, STAFF)  # "already approved"
    assert rerun.catching_up  # so the chat layer answers with the order as it stands
    order = await services.orders.view(number, STAFF)
    assert [entry.status.value for entry in order.timeline].count("approved") == 1


async def test_an_effect_that_did_not_commit_is_not_counted(engine, services, stored):
    await services.parcels.start_draft(CUSTOMER)
    await services.parcels.answer(CUSTOMER, "medium")
    with handling(UPDATE), pytest.raises(Exception):  # noqa: B017  (a refusal rolls back)
        await services.parcels.answer(CUSTOMER, "heavy as a cow")
    assert await effects(engine) == 0
