"""An update's effects are counted as their units of work commit, so that a re-run after a
crash skips exactly the ones an earlier run kept."""

import pytest

from domain.shared.errors import AlreadyApplied, Conflict
from domain.shared.handling import handling, update_in_hand
from tests.fakes import FakeStore, FakeUnitOfWork


class CountingUnitOfWork(FakeUnitOfWork):
    """Records the effect numbers it stores; fails its commit when told to."""

    def __init__(self, store: FakeStore, recorded: list[tuple[int, int]], fail: bool = False):
        super().__init__(store)
        self.recorded = recorded
        self.fail = fail

    async def _record_effect(self, update_id: int, effect: int) -> None:
        self.recorded.append((update_id, effect))

    async def _commit(self, wake_sender: bool) -> None:
        if self.fail:
            raise Conflict()
        await super()._commit(wake_sender)


async def commit(store, recorded, *, repeatable=False, fail=False) -> CountingUnitOfWork:
    async with CountingUnitOfWork(store, recorded, fail) as uow:
        uow.repeatable = repeatable
        await uow.commit()
    return uow


async def test_each_commit_of_an_update_is_numbered_in_its_own_transaction():
    store, recorded = FakeStore(), []
    with handling(41):
        await commit(store, recorded)
        await commit(store, recorded)
    assert recorded == [(41, 1), (41, 2)]


async def test_a_rerun_skips_the_effects_an_earlier_run_committed_and_makes_the_rest():
    store, recorded = FakeStore(), []
    with handling(41, committed_before=1):
        with pytest.raises(AlreadyApplied):
            await commit(store, recorded)
        second = await commit(store, recorded)
    assert second.committed and recorded == [(41, 2)]


async def test_repeatable_work_is_not_counted_so_it_never_shifts_the_numbers():
    store, recorded = FakeStore(), []
    with handling(41, committed_before=1):
        await commit(store, recorded, repeatable=True)  # remembering a name, say
        with pytest.raises(AlreadyApplied):
            await commit(store, recorded)
    assert recorded == []


async def test_a_commit_that_failed_frees_its_number_for_the_retry():
    store, recorded = FakeStore(), []
    with handling(41):
        with pytest.raises(Conflict):
            await commit(store, recorded, fail=True)
        await commit(store, recorded)
    assert recorded == [(41, 1), (41, 1)]  # the first never committed; the retry is effect 1


async def test_outside_an_update_nothing_is_counted():
    store, recorded = FakeStore(), []
    await commit(store, recorded)
    assert recorded == [] and update_in_hand() is None
