"""The read API over HTTP on a real migrated database (SQLite, and PostgreSQL when set): the
bearer token, the order list (filters, the cursor), one order, today's numbers, the refusals."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from bot.readapi import read_api_routes
from bot.settings import Settings
from domain.dispatch.offers import DispatchMode, DispatchRules
from domain.orders.placing import OrderLimits
from domain.people.model import Person
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from domain.reading.use_cases import LIVE
from domain.services import Rules, Services
from tests.fakes import FakeClock

TOKEN = "s3cret-read-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CUSTOMER = Person(1, "Minji")
STAFF = Person(100, "Desk")
RIDER = Person(200, "Hyun")
# 2026-11-20 18:00 in Seoul, where the store is.
EVENING = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(EVENING)


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(_env_file=None, database_url=database_url, api_token=TOKEN,
                    timezone="Asia/Seoul", admin_ids=frozenset({STAFF.user_id}))


@pytest.fixture
async def services(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    """Built as the runtime builds them, on the SQL unit of work; riders take jobs from the
    list (no offers), so a test decides who delivers."""
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    rules = Rules(admin_ids=settings.admin_ids, store_chats=settings.store_chat_ids,
                  dispatch=DispatchRules(mode=DispatchMode.POOL),
                  # pages of many orders, all from one customer
                  limits=OrderLimits(open_per_customer=500, per_customer_per_hour=500))
    built = Services(lambda: SqlUnitOfWork(sessions), clock, rules,
                     codes=lambda: "1234")
    await built.fleet.sync_listed({RIDER.user_id: RIDER.name})
    yield built
    await engine.dispose()


async def serve(services: Services, settings: Settings) -> TestClient:
    app = web.Application()
    app.add_routes(read_api_routes(services, settings))
    client = TestClient(TestServer(app, host="127.0.0.1", port=0))
    await client.start_server()
    return client


@pytest.fixture
async def client(services: Services, settings: Settings) -> AsyncIterator[TestClient]:
    client = await serve(services, settings)
    yield client
    await client.close()


async def place(services: Services, customer: Person = CUSTOMER) -> int:
    await services.parcels.start_draft(customer)
    for answer in ["small", "2", "Seoul Station", "Gangnam Station", "010-1234-5678", "cash"]:
        await services.parcels.answer(customer, answer)
    draft = await services.parcels.current_draft(customer)
    return (await services.parcels.place(customer, draft.version)).number


async def deliver(services: Services, number: int, clock: FakeClock, minutes: float) -> None:
    """Approve, take, pick up and deliver `number`, `minutes` after it was placed."""
    await services.orders.approve(number, STAFF)
    await services.jobs.accept_job(number, RIDER)
    await services.jobs.pick_up(number, RIDER)
    clock.advance(minutes=minutes)
    await services.jobs.deliver(number, RIDER, "1234")


async def get_json(client: TestClient, path: str, expect: int = 200, **params: str) -> dict:
    response = await client.get(path, headers=AUTH, params=params)
    assert response.status == expect, await response.text()
    assert response.content_type == "application/json"
    return await response.json()


@pytest.mark.parametrize("path", ["/api/orders", "/api/orders/1", "/api/stats"])
async def test_without_a_token_the_api_answers_401_asking_for_a_bearer_token(client, path):
    response = await client.get(path)

    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert (await response.json())["error"] == "unauthorized"


@pytest.mark.parametrize("authorization", [f"Bearer {TOKEN}x", "Bearer wrong", f"Basic {TOKEN}",
                                           "Bearer ", f"Bearer {TOKEN[:-1]}", "Bearer 토큰"])
async def test_a_wrong_token_is_refused_with_401(client, services, authorization):
    await place(services)

    response = await client.get("/api/orders", headers={"Authorization": authorization})

    assert response.status == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    body = await response.json()
    assert body["error"] == "unauthorized" and "orders" not in body


async def test_the_list_shows_each_order_newest_first_with_its_rider_and_times(
    client, services, clock
):
    first = await place(services)
    clock.advance(minutes=5)
    second = await place(services, Person(2, "Jun"))
    await services.orders.approve(first, STAFF)
    clock.advance(minutes=1)
    await services.jobs.accept_job(first, RIDER)

    body = await get_json(client, "/api/orders")

    assert body == {"next": None, "orders": [
        {"number": second, "kind": "parcel", "status": "placed", "customer": "Jun",
         "created_at": "2026-11-20T18:05:00+09:00", "price": 4000, "fulfilment": "delivery",
         "rider": None, "changed_at": "2026-11-20T18:05:00+09:00",
         "eta_at": None, "promised_at": None, "late": False},
        {"number": first, "kind": "parcel", "status": "assigned", "customer": "Minji",
         "created_at": "2026-11-20T18:00:00+09:00", "price": 4000, "fulfilment": "delivery",
         "rider": "Hyun", "changed_at": "2026-11-20T18:06:00+09:00",
         "eta_at": None, "promised_at": None, "late": False},  # typed addresses: no time
    ]}


async def test_an_order_past_its_promised_time_is_marked_late_and_pending_lists_it(
    client, services, clock
):
    late, on_time, delivered = [await place(services) for _ in range(3)]
    for number in (late, on_time, delivered):
        await services.orders.approve(number, STAFF)
    async with services.uow() as uow:  # as the arrival times would have been promised
        for number, minutes in ((late, 20), (on_time, 60), (delivered, 20)):
            order = await uow.orders.require(number)
            order.promised_at = order.eta_at = clock.now() + timedelta(minutes=minutes)
        await uow.commit()
    await services.jobs.accept_job(delivered, RIDER)
    await services.jobs.pick_up(delivered, RIDER)
    await services.jobs.deliver(delivered, RIDER, "1234")
    clock.advance(minutes=30)

    body = await get_json(client, "/api/orders")
    marks = {o["number"]: (o["late"], o["promised_at"]) for o in body["orders"]}
    assert marks == {late: (True, "2026-11-20T18:20:00+09:00"),
                     on_time: (False, "2026-11-20T19:00:00+09:00"),
                     delivered: (False, "2026-11-20T18:20:00+09:00")}
    assert (await get_json(client, f"/api/orders/{late}"))["late"] is True
    assert [o.number for o in (await services.orders.pending(STAFF)).late] == [late]


async def test_orders_are_filtered_by_one_status_or_several(client, services):
    placed, approved, cancelled = [await place(services) for _ in range(3)]
    await services.orders.approve(approved, STAFF)
    await services.orders.cancel(cancelled, CUSTOMER)

    only_placed = await get_json(client, "/api/orders", status="placed")
    live = await get_json(client, "/api/orders", status=",".join(LIVE))
    ended = await get_json(client, "/api/orders", status="cancelled,rejected")

    assert [o["number"] for o in only_placed["orders"]] == [placed]
    assert [o["number"] for o in live["orders"]] == [approved, placed]
    assert [(o["number"], o["status"]) for o in ended["orders"]] == [(cancelled, "cancelled")]


async def test_dates_are_days_in_the_store_time_zone_and_times_may_name_their_offset(
    client, services, clock
):
    clock.current = datetime(2026, 11, 19, 14, 30, tzinfo=UTC)  # 23:30 on the 19th in Seoul
    late = await place(services)
    clock.advance(hours=1)  # 00:30 on the 20th in Seoul, still the 19th in UTC
    early = await place(services)

    def numbers(body: dict) -> list[int]:
        return [o["number"] for o in body["orders"]]

    assert numbers(await get_json(client, "/api/orders", since="2026-11-20")) == [early]
    assert numbers(await get_json(client, "/api/orders", until="2026-11-19")) == [late]
    assert numbers(await get_json(client, "/api/orders", since="2026-11-19",
                                  until="2026-11-19")) == [late]
    # A time without an offset is Seoul's; one with an offset is taken as it says.
    assert numbers(await get_json(client, "/api/orders", since="2026-11-20T00:00")) == [early]
    assert numbers(await get_json(client, "/api/orders", until="2026-11-19T15:00Z")) == [late]
    assert numbers(await get_json(client, "/api/orders",
                                  until="2026-11-20T00:30:00+09:00")) == [late]


async def test_following_next_walks_every_order_once_newest_first(client, services):
    for _ in range(5):
        await place(services)

    seen, pages, params = [], 0, {"limit": "2"}
    while True:
        body = await get_json(client, "/api/orders", **params)
        seen += [o["number"] for o in body["orders"]]
        pages += 1
        if body["next"] is None:
            break
        params["before"] = str(body["next"])

    assert seen == [5, 4, 3, 2, 1] and pages == 3


async def test_a_page_is_50_orders_unless_asked(client, services):
    for _ in range(51):
        await place(services)

    body = await get_json(client, "/api/orders")

    assert len(body["orders"]) == 50 and body["next"] == 2


@pytest.mark.parametrize(("params", "named"), [
    ({"status": "lost"}, "unknown status 'lost'"),
    ({"status": "placed,PLACED"}, "unknown status 'PLACED'"),
    ({"since": "yesterday"}, "since must be an ISO date"),
    ({"until": "2026-13-01"}, "until must be an ISO date"),
    ({"since": "0001-01-01T00:00"}, "since must be an ISO date"),
    ({"since": "0001-01-01"}, "since must be an ISO date"),
    ({"since": "9999-12-31"}, "since must be an ISO date"),
    ({"until": "9999-12-31"}, "until must be an ISO date"),
    ({"until": "9999-12-31T23:00-05:00"}, "until must be an ISO date"),
    ({"limit": "0"}, "limit must be a whole number from 1 to 200"),
    ({"limit": "201"}, "limit must be a whole number from 1 to 200"),
    ({"limit": "ten"}, "limit must be a whole number"),
    ({"before": "-3"}, "before must be a whole number"),
])
async def test_bad_parameters_get_400_with_the_reason(client, params, named):
    body = await get_json(client, "/api/orders", expect=400, **params)

    assert body["error"] == "bad_request" and named in body["message"]


async def test_one_order_comes_with_its_timeline_who_when_and_why(client, services, clock):
    number = await place(services)
    clock.advance(minutes=2)
    await services.orders.reject(number, STAFF, "Too far")

    body = await get_json(client, f"/api/orders/{number}")

    assert body["status"] == "rejected" and body["customer"] == "Minji"
    assert body["timeline"] == [
        {"status": "placed", "at": "2026-11-20T18:00:00+09:00",
         "by": {"role": "customer", "name": "Minji"}, "reason": None},
        {"status": "rejected", "at": "2026-11-20T18:02:00+09:00",
         "by": {"role": "store", "name": "Desk"}, "reason": "Too far"},
    ]
    assert body["changed_at"] == "2026-11-20T18:02:00+09:00"


async def test_an_unknown_order_is_404_and_a_word_is_400(client):
    missing = await get_json(client, "/api/orders/42", expect=404)
    word = await get_json(client, "/api/orders/abc", expect=400)
    elsewhere = await get_json(client, "/api/nothing/here", expect=404)

    assert missing == {"error": "not_found", "message": "There is no order #42."}
    assert word["error"] == "bad_request" and "order number" in word["message"]
    assert elsewhere["error"] == "not_found"


async def test_stats_count_todays_orders_the_delivery_time_and_riders_online(
    client, services, clock
):
    delivered = await place(services)
    await deliver(services, delivered, clock, minutes=30)
    await services.orders.confirm_receipt(delivered, CUSTOMER)
    fast = await place(services)
    await deliver(services, fast, clock, minutes=20)
    await services.orders.cancel(await place(services), CUSTOMER)
    await place(services)
    await services.fleet.go_online(RIDER)

    body = await get_json(client, "/api/stats")

    assert body["orders"] == {"awaiting_payment": 0, "placed": 1, "approved": 0, "rejected": 0,
                              "preparing": 0, "ready": 0, "assigned": 0, "picked_up": 0,
                              "delivered": 1, "completed": 1, "cancelled": 1, "expired": 0}
    assert {k: v for k, v in body.items() if k != "orders"} == {
        "day": "2026-11-20", "timezone": "Asia/Seoul", "total": 4, "completed": 1,
        "cancelled": 1, "delivered": 2, "average_delivery_minutes": 25.0, "riders_online": 1}


async def test_a_failure_inside_answers_500_json_without_a_traceback(client, services,
                                                                      monkeypatch):
    async def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services.reading, "stats", broken)

    body = await get_json(client, "/api/stats", expect=500)

    assert body["error"] == "internal" and "secret" not in body["message"]
    assert "Traceback" not in body["message"]


async def test_without_api_token_the_api_and_the_dashboard_are_off(services, settings):
    client = await serve(services, settings.model_copy(update={"api_token": None}))
    try:
        for path in ["/api/orders", "/api/stats", "/dashboard"]:
            response = await client.get(path, headers=AUTH)
            assert response.status == 404
            assert (await response.json())["error"] == "api_off"
    finally:
        await client.close()


async def test_the_dashboard_page_is_served_to_anyone_and_holds_no_data(client, services):
    await place(services)

    response = await client.get("/dashboard")

    assert response.status == 200 and response.content_type == "text/html"
    page = await response.text()
    assert f'data-live="{",".join(LIVE)}"' in page and 'data-api="./api"' in page
    assert "Minji" not in page
    assert "default-src 'none'" in response.headers["Content-Security-Policy"]
