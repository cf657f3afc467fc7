"""Requests (요청사항, issue 22 point 1), asked on the summary before Confirm: the rider's
common asks as buttons, notes to the store and the rider and the address detail typed, no
cutlery for a meal. Each reaches only whom it is for: the store its note and the cutlery,
the rider (once the job is theirs) the asks, the note and the detail."""

from __future__ import annotations

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from emulator import BotMessage, Person
from tests.e2e.conftest import Cast, approve
from tests.e2e.test_menu import check_out, fill_cart

GANGNAM = (37.4979, 127.0276)
CITY_HALL = (37.5665, 126.9780)


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """Parcels and the example coffee shop side by side."""
    return settings.model_copy(update={"shop_mode": ShopMode.BOTH,
                                       "catalog_file": EXAMPLE_CATALOG})


async def parcel_summary(customer: Person) -> BotMessage:
    """The parcel wizard up to its summary."""
    await customer.send("/order")
    await customer.wait_for("What size")
    await customer.press("Small")
    await customer.wait_for("How much does it weigh")
    await customer.send("2")
    await customer.wait_for("pick it up")
    await customer.share_location(*CITY_HALL)
    await customer.wait_for("Where should it go")
    await customer.share_location(*GANGNAM)
    await customer.wait_for("phone number")
    await customer.send("010-1234-5678")
    await customer.wait_for("How will it be paid")
    await customer.press("Cash on delivery")
    return await customer.wait_for("Confirm to place it")


async def test_a_parcel_customer_asks_the_rider_and_the_store_and_each_reads_their_part(
    cast: Cast,
):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await rider.send("/online")
    await rider.wait_for("You are online")
    await rider.share_location(CITY_HALL[0] + 0.01, CITY_HALL[1])
    await rider.wait_for("Position updated")
    summary = await parcel_summary(customer)
    assert "📝 Any requests? Tap below, or just type a note for the rider." in summary.text
    assert summary.button_rows == [
        ["🚪 At the door", "🔕 No bell", "📞 Call me"],
        ["✍️ To the store", "✍️ To the rider", "🏢 Unit, door code"],
        ["✅ Confirm", "✖ Cancel"]]

    await customer.press("🚪 At the door", message=summary)  # the summary, edited in place
    shown = await customer.wait_for("🚪 Leave it at the door")
    assert shown.message_id == summary.message_id
    assert shown.button_rows[0] == ["✓ 🚪 At the door", "🔕 No bell", "📞 Call me"]
    await customer.press("✍️ To the rider", message=shown)
    prompt = await customer.wait_for("Type your note to the rider (up to 80 characters)")
    assert prompt.message_id == summary.message_id and prompt.buttons == ["↩ Back"]
    await customer.send("Blue gate, second floor")
    shown = await customer.wait_for("To the rider: Blue gate, second floor")
    assert not shown.edited  # a typed answer gets one new message: the summary again
    await customer.press("🏢 Unit, door code", message=shown)
    await customer.wait_for("Type the building, unit and entrance code")
    await customer.send("Unit 1203, door #1234")
    await customer.wait_for("🏢 Unit, door code: Unit 1203, door #1234")
    await customer.press("✍️ To the store")
    await customer.wait_for("Type your note to the store")
    await customer.send("Fragile: a vase")
    final = await customer.wait_for("To the store: Fragile: a vase")
    placed = await customer.press("✅ Confirm", message=final)
    number = int(placed.text.split("#")[1].split()[0])
    card = await customer.wait_for(f"Order #{number} — ")
    for line in ("🚪 Leave it at the door", "To the rider: Blue gate, second floor",
                 "Unit 1203, door #1234", "To the store: Fragile: a vase"):
        assert line in card.text  # the customer's card keeps them

    alert = await staff.wait_for(f"New order #{number}")
    assert "To the store: Fragile: a vase" in alert.text
    assert "Blue gate" not in alert.text and "1203" not in alert.text  # the rider's
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")
    assert "1203" not in offer.text and "Fragile" not in offer.text  # not before accepting
    await rider.press(f"🛵 Accept #{number}", message=offer)
    job = await rider.wait_for(f"Order #{number} is yours.")
    for line in ("🚪 Leave it at the door", "To the rider: Blue gate, second floor",
                 "🏢 Unit, door code: Unit 1203, door #1234"):
        assert line in job.text
    assert "Fragile" not in job.text  # the store's


async def test_a_note_typed_on_the_summary_goes_to_the_rider_and_an_old_button_changes_nothing(
    cast: Cast,
):
    customer = cast.customer
    summary = await parcel_summary(customer)
    await customer.send("Call the guard at the gate")
    again = await customer.wait_for("To the rider: Call the guard at the gate")
    # The first summary's buttons are out of date: pressing one shows the current summary.
    await customer.press("📞 Call me", message=summary)
    current = await customer.wait_for("To the rider: Call the guard at the gate")
    assert current.message_id == summary.message_id
    assert "📞 Call on arrival" not in current.text
    await customer.press("✖ Cancel", message=again)


async def test_a_meal_asks_no_cutlery_and_a_counter_pickup_has_no_rider_asks(cast: Cast):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, "Coffee", "Americano — ₩4,000", "Regular", "Hot")
    text = await check_out(customer, pickup=True)
    assert "type a note for the shop" in text
    summary = customer.last
    assert summary is not None and summary.text == text
    assert summary.button_rows[0] == ["🥄 No cutlery", "✍️ To the store"]
    await customer.press("🥄 No cutlery", message=summary)
    await customer.wait_for("🥄 No disposable cutlery")
    await customer.send("Less ice, please")  # a pickup: the note is the store's
    final = await customer.wait_for("To the store: Less ice, please")
    placed = await customer.press("✅ Confirm", message=final)
    number = int(placed.text.split("#")[1].split()[0])
    alert = await staff.wait_for(f"New order #{number}")
    assert "To the store: Less ice, please" in alert.text
    assert "🥄 No disposable cutlery" in alert.text


async def test_a_korean_customer_asks_in_korean(emu, bot):
    customer = emu.user(1005, "민지", language_code="ko")
    await customer.send("/start")
    await customer.wait_for()
    await customer.send("/order")
    await customer.wait_for("크기")
    await customer.press("소형")
    await customer.wait_for("무게")
    await customer.send("2")
    await customer.wait_for("어디서")
    await customer.send("서울 중구 세종대로 12")
    await customer.wait_for("어디로")
    await customer.share_location(*GANGNAM)
    await customer.wait_for("전화번호")
    await customer.send("010-1234-5678")
    await customer.wait_for("결제")
    await customer.press("착불")
    summary = await customer.wait_for("라이더님께 전할 말을 입력해 주세요")
    assert summary.button_rows[0] == ["🚪 문 앞에", "🔕 벨 안 누르기", "📞 도착 시 전화"]
    await customer.press("🔕 벨 안 누르기", message=summary)
    await customer.wait_for("🔕 벨 누르지 말아 주세요")
    await customer.press("🏢 동·호수")
    await customer.wait_for("동·호수와 공동현관 비밀번호를 입력해 주세요. (60자 이내)")
    await customer.send("101동 1203호, 공동현관 #1234")
    await customer.wait_for("🏢 상세 주소: 101동 1203호, 공동현관 #1234")
