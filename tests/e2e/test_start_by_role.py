"""/start and /help by role: staff and riders are greeted for their work, with buttons that do
what their commands do; someone with several roles gets one message, work first; customers
see what they always saw."""

from __future__ import annotations

from emulator import BotApiEmulator, BotMessage, Person
from tests.e2e.conftest import RIDER_IDS, STAFF_ID, Cast
from tests.e2e.test_command_menus import set_for
from tests.e2e.test_languages import en, ko, plain
from views.i18n import t

CUSTOMER_ROWS = [["📦 New order"], ["📋 My orders", "❓ Help"]]
STAFF_ROW = ["📋 Pending orders", "📊 Today's numbers"]
DESK_ID = -1005550001111


async def greeted(person: Person, first: str, *lines: str) -> BotMessage:
    """/start privately: the greeting, checked line by line."""
    await person.send("/start")
    hello = await person.wait_for(first)
    assert hello.text == "\n".join([first, *lines])
    return hello


def sections(text: str) -> list[str]:
    """The titles of /help's sections, in order."""
    return [part.split("\n")[0] for part in text.split("\n\n")]


async def test_a_customer_sees_the_same_greeting_and_buttons_as_before(cast: Cast):
    await cast.customer.send("/start")
    hello = await cast.customer.wait_for("Hello")
    assert hello.text == en("start.greeting", name="Minji")
    assert hello.button_rows == CUSTOMER_ROWS
    await cast.customer.send("/help")
    listed = await cast.customer.wait_for("/order")
    assert sections(listed.text) == ["Ordering", "/rider — become a rider"]


async def test_staff_are_greeted_for_the_store_and_its_buttons_work(cast: Cast):
    staff = cast.staff
    hello = await greeted(staff, en("start.hello", name="Jisoo"), en("start.staff"),
                          en("shop.open"),
                          en("start.customer_too"))
    assert hello.button_rows == [STAFF_ROW, *CUSTOMER_ROWS]

    answer = await staff.press("📋 Pending orders", message=hello)
    assert answer.text is None  # the list is the answer; nothing repeats the press
    await staff.wait_for(en("pending.none"))
    await staff.press("📊 Today's numbers", message=hello)
    await staff.wait_for("Orders today: 0")

    await staff.send("/help")
    listed = await staff.wait_for("/pending")
    assert sections(listed.text) == ["Store", "Ordering", "/rider — become a rider"]


async def test_a_customer_pressing_a_staff_button_is_refused(cast: Cast):
    customer = cast.customer
    await customer.send("/start")
    hello = await customer.wait_for("Hello")
    answer = await customer.press_data(hello, "menu:pending")
    assert answer.show_alert and answer.text == en("error.staff_only")


async def test_a_rider_goes_online_and_offline_from_the_greeting(cast: Cast):
    rider = cast.rider
    hello = await greeted(rider, en("start.hello", name="Rider0"), en("start.off_duty"),
                          en("start.customer_too"))
    assert hello.button_rows == [["🟢 Go online", "🛵 My jobs"], ["📍 Share location"],
                                 *CUSTOMER_ROWS]

    answer = await rider.press("🟢 Go online", message=hello)
    assert answer.text == en("online.done")
    online = await rider.wait_for(en("start.on_duty"))
    assert online.edited and online.message_id == hello.message_id
    assert online.button_rows[0] == ["⚪ Go offline", "🛵 My jobs"]
    await rider.wait_for("Tap 📍 Send my location")  # going online: one tap shares the position
    assert rider.keyboard == ["📍 Send my location"]
    await rider.send("/start")  # a new greeting knows the rider is on duty
    again = await rider.wait_for("Hello")
    assert en("start.on_duty") in again.text and "⚪ Go offline" in again.buttons

    answer = await rider.press("⚪ Go offline", message=online)
    assert answer.text == en("offline.done")
    offline = await rider.wait_for(en("start.off_duty"))
    assert offline.button_rows[0] == ["🟢 Go online", "🛵 My jobs"]
    await rider.expect_nothing()  # toasts and an edit only: no message repeats a press


async def test_a_riders_jobs_and_location_buttons_work(cast: Cast):
    rider = cast.rider
    await rider.send("/start")
    hello = await rider.wait_for("Hello")
    await rider.press("🛵 My jobs", message=hello)
    await rider.wait_for(en("myjobs.none"))
    await rider.press("📍 Share location", message=hello)
    await rider.wait_for("Tap 📍 Send my location")
    assert rider.keyboard == ["📍 Send my location"]
    await rider.share_location(37.5665, 126.9780)
    await rider.wait_for(en("location.saved"))

    await rider.send("/help")
    listed = await rider.wait_for("/online")
    assert sections(listed.text) == ["Rider", "Ordering"]  # no "become a rider" for a rider


async def test_a_rider_not_yet_approved_or_suspended_is_greeted_as_a_customer(cast: Cast):
    applicant, staff = cast.stranger, cast.staff
    await applicant.send("/rider Sam Park")
    await applicant.press("Car", message=await applicant.wait_for("What will you ride?"))
    await staff.wait_for("Rider request: Sam Park")
    await applicant.wait_for("Your request (Car) went to the store")
    await applicant.send("/start")
    hello = await applicant.wait_for("Hello")
    assert hello.button_rows == CUSTOMER_ROWS

    await staff.send(f"/suspend {RIDER_IDS[1]}")
    await staff.wait_for("is suspended")
    await cast.riders[1].send("/start")
    hello = await cast.riders[1].wait_for("Hello")
    assert hello.text == en("start.greeting", name="Rider1")
    assert hello.button_rows == CUSTOMER_ROWS


async def test_staff_who_also_ride_get_one_greeting_their_work_first(
    emu: BotApiEmulator, start_bot, settings
):
    await start_bot(settings.model_copy(update={"rider_ids": frozenset({STAFF_ID})}))
    both = emu.user(STAFF_ID, "Jisoo")
    hello = await greeted(both, en("start.hello", name="Jisoo"), en("start.staff"),
                          en("shop.open"),
                          en("start.off_duty"), en("start.customer_too"))
    assert hello.button_rows == [STAFF_ROW, ["🟢 Go online", "🛵 My jobs"],
                                 ["📍 Share location"], *CUSTOMER_ROWS]
    await emu.wait_for_call(set_for(STAFF_ID))
    assert "pending" in emu.command_menu(STAFF_ID)  # the menu of their first role
    await both.expect_nothing()  # one message, not one per role

    await both.press("🟢 Go online", message=hello)
    online = await both.wait_for(en("start.on_duty"))
    assert online.button_rows[:2] == [STAFF_ROW, ["⚪ Go offline", "🛵 My jobs"]]

    await both.send("/help")
    listed = await both.wait_for("/pending")
    assert sections(listed.text) == ["Store", "Rider", "Ordering"]


async def test_a_korean_rider_is_greeted_and_answered_in_korean(emu: BotApiEmulator, bot):
    rider = emu.user(RIDER_IDS[0], "현우", language_code="ko")
    hello = await greeted(rider, ko("start.hello", name="현우"), ko("start.off_duty"),
                          ko("start.customer_too"))
    assert hello.button_rows[:2] == [["🟢 근무 시작", "🛵 내 배달"], ["📍 위치 공유"]]
    answer = await rider.press("🟢 근무 시작", message=hello)
    assert answer.text == ko("online.done")
    online = await rider.wait_for(ko("start.on_duty"))
    assert online.button_rows[0] == ["⚪ 근무 종료", "🛵 내 배달"]
    await rider.send("/help")
    listed = await rider.wait_for("/online")
    assert sections(listed.text) == ["라이더", "주문"]


async def test_the_staff_group_is_greeted_for_the_store_in_store_language(
    emu: BotApiEmulator, start_bot, settings
):
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID,
                                                "store_language": "ko"}))
    staff = emu.user(STAFF_ID, "Jisoo", language_code="en")
    emu.add_member(desk, staff)
    await staff.send_to(desk, "/start")
    hello = await desk.wait_for(ko("start.hello", name="Jisoo"))
    assert hello.text == "\n".join([ko("start.hello", name="Jisoo"), ko("start.staff"),
                                    ko("shop.open")])
    assert hello.button_rows == [["📋 접수 대기 주문", "📊 오늘의 현황"], ["❓ 도움말"]]
    await staff.press("📋 접수 대기 주문", message=hello)
    await desk.wait_for(ko("pending.none"))
    await staff.send_to(desk, "/help")
    listed = await desk.wait_for("/pending")
    assert sections(listed.text) == ["가게"]
    assert plain(t("ko", "help.store")) == listed.text
