"""Every reply in the reader's language, refusals and toasts included; the store's group in
STORE_LANGUAGE (DEFAULT_LANGUAGE unless set), whoever typed there."""

import html
import json
import re

from emulator import Person
from tests.e2e.conftest import RIDER_IDS, STAFF_ID, approve, place_order
from views.i18n import t

DESK_ID = -1009876543210


def ko(key: str, **params) -> str:
    """The Korean text as a chat shows it (the markup gone)."""
    return plain(t("ko", key, **params))


def en(key: str, **params) -> str:
    return plain(t("en", key, **params))


def plain(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


async def started(person: Person) -> Person:
    await person.send("/start")
    await person.wait_for()
    return person


async def test_a_korean_customer_is_refused_in_korean(emu, bot):
    customer = await started(emu.user(1001, "민지", language_code="ko"))
    await customer.send("/status banana")
    await customer.wait_for(ko("error.usage", usage="/status N"))
    await customer.send("/approve 1")
    await customer.wait_for(ko("error.staff_only"))
    await customer.send("/status 999")
    await customer.wait_for(ko("error.order_not_found", number=999))


async def test_a_korean_stranger_trying_a_staff_command_is_refused_in_korean(emu, bot):
    stranger = emu.user(1002, "낯선이", language_code="ko")  # never started the bot
    await stranger.send("/pending")
    await stranger.wait_for(ko("error.staff_only"))


async def test_a_korean_rider_typing_a_wrong_code_hears_it_in_korean(emu, bot):
    customer = await started(emu.user(1001, "Minji"))
    staff = await started(emu.user(STAFF_ID, "Jisoo"))
    rider = await started(emu.user(RIDER_IDS[0], "라이더", language_code="ko"))
    number = await place_order(customer)
    await approve(staff, number)
    await rider.send(f"/accept {number}")
    on_the_way = await customer.wait_for("is on the way")
    code = re.search(r"Delivery code: (\d{4})", on_the_way.text).group(1)
    await rider.send(f"/pickup {number}")
    await rider.wait_for(ko("picked_up.done", number=number, destination="Teheran-ro 152"))
    await rider.send(f"/deliver {number} {(int(code) + 1) % 10000:04d}")
    refused = await rider.wait_for(ko("error.wrong_code", number=number, left=9)[:5])
    assert refused.text in {ko("error.wrong_code", number=number, left=left)
                            for left in range(10)}, refused.text


async def test_usages_and_states_in_korean_refusals_are_korean_words(emu, bot):
    rider = await started(emu.user(RIDER_IDS[0], "라이더", language_code="ko"))
    await rider.send("/deliver")
    said = await rider.wait_for("사용법")
    assert said.text == "사용법: /deliver N 인증번호"
    staff = await started(emu.user(STAFF_ID, "지수", language_code="ko"))
    for command, text in (("/reject", "사용법: /reject N 사유"),
                          ("/pause soon", "사용법: /pause [분]"),
                          (f"/reinstate {RIDER_IDS[0]}",
                           "그 라이더는 '활동 중' 상태라 정지된 상태가 아니에요.")):
        await staff.send(command)
        assert (await staff.wait_for(text.split(" ")[0])).text == text


async def test_a_korean_presser_gets_a_korean_toast(emu, bot):
    customer = await started(emu.user(1001, "민지", language_code="ko"))
    answer = await customer.press_data(customer.last, "approve:1")
    assert answer.show_alert and answer.text == ko("error.staff_only")
    answer = await customer.press_data(customer.last, "drop table orders")
    assert answer.text == ko("button.stale")


async def staff_desk(emu, settings, start_bot, **options):
    desk = emu.group(DESK_ID, "Dispatch desk")
    await start_bot(settings.model_copy(update={"store_chat_id": DESK_ID, **options}))
    staff = emu.user(STAFF_ID, "Jisoo", language_code="en")
    customer = emu.user(1001, "Minji", language_code="en")
    for person in (staff, customer):
        emu.add_member(desk, person)
        await started(person)
    return desk, staff, customer


def new_order_head(lang: str, number: int) -> str:
    """The first line of the new-order alert, as far as its parameters we know."""
    text = plain(t(lang, "alert.new_order", number=number, customer="Minji", details="",
                   price=""))
    return text.split("\n")[0]


async def test_the_store_group_reads_store_language_whoever_types(emu, settings, start_bot):
    desk, staff, customer = await staff_desk(emu, settings, start_bot, store_language="ko")
    number = await place_order(customer)
    alert = await desk.wait_for(new_order_head("ko", number))

    await staff.send_to(desk, "/status banana")  # an English-speaking admin, in the group
    await desk.wait_for(ko("error.usage", usage="/status N"))
    await staff.send_to(desk, "/pending")
    await desk.wait_for(ko("pending.title"))

    # A toast is seen by the presser alone: in their own language.
    refused = await customer.press(t("ko", "button.approve"), message=alert)
    assert refused.show_alert and refused.text == en("error.staff_only")
    approved = await staff.press(t("ko", "button.approve"), message=alert)
    assert approved.text == en("approved.done", number=number)  # the presser's toast
    card = await desk.wait_for(ko("status.approved"))  # the alert, now the store's card
    assert card.message_id == alert.message_id and ko("timeline.approved") in card.text

    # The admin's own chat keeps the admin's language.
    await staff.send("/status banana")
    await staff.wait_for(en("error.usage", usage="/status N"))


async def test_without_store_language_the_group_follows_default_language(emu, settings,
                                                                         start_bot):
    desk, staff, customer = await staff_desk(emu, settings, start_bot, default_language="ko")
    number = await place_order(customer)
    await desk.wait_for(new_order_head("ko", number))
    await staff.send_to(desk, f"/approve {number}")
    await desk.wait_for(ko("approved.done", number=number))
    await staff.send_to(desk, "/status banana")
    await desk.wait_for(ko("error.usage", usage="/status N"))


def menu_descriptions(emu, chat_id: int, code: str) -> list[str]:
    """What the command menu of a chat reads for someone whose Telegram app speaks `code`
    ("" for any other language)."""
    scope = json.dumps({"type": "chat", "chat_id": chat_id}, sort_keys=True)
    return [command["description"] for command in emu.state.commands[(scope, code)]]


async def test_a_language_chosen_in_chat_is_the_language_of_the_command_menu(emu, bot):
    customer = await started(emu.user(1001, "Minji", language_code="en"))
    await customer.send("/language")
    asked = await customer.wait_for(en("language.ask"))
    await customer.press("한국어", message=asked)
    chosen = await customer.wait_for(ko("language.set"))
    assert chosen.message_id == asked.message_id  # the question, answered in place
    for code in ("", "ko"):  # whatever the app's language
        assert menu_descriptions(emu, customer.id, code)[0] == ko("command.order")
    await customer.send("/language en")
    await customer.wait_for(en("language.set"))
    assert menu_descriptions(emu, customer.id, "ko")[0] == en("command.order")


async def test_the_store_groups_menu_reads_store_language_and_language_answers_the_chooser(
    emu, settings, start_bot
):
    desk, staff, _ = await staff_desk(emu, settings, start_bot, store_language="ko")
    for code in ("", "ko"):
        assert menu_descriptions(emu, DESK_ID, code)[0] == ko("command.pending")
    await staff.send_to(desk, "/language en")  # their own language, said in it
    await desk.wait_for(en("language.set"))
    assert menu_descriptions(emu, DESK_ID, "")[0] == ko("command.pending")  # the group's stays
