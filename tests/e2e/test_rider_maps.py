"""Maps for riders (issue 20, point 5): the job card opens the place the rider heads to in
Kakao Map and Naver Map (and Google Maps in English), a shared location reads as a place and
never as raw numbers, and going online offers the one-tap location button."""

from urllib.parse import quote

import pytest

from emulator import BotApiEmulator, Person
from tests.e2e.conftest import STAFF_ID, Cast, approve, place_order

CITY_HALL = (37.5665, 126.9780)
GANGNAM = (37.4979, 127.0276)
SEJONG_EN = "12 Sejong-daero, Jung-gu"
SEJONG_KO = "서울 중구 세종대로 12"
RAW_NUMBERS = ("37.49", "127.02")


def north_of_city_hall(km: float) -> tuple[float, float]:
    return CITY_HALL[0] + km / 111.2, CITY_HALL[1]


def search_links(address: str, google: bool) -> list[str]:
    query = quote(address, safe="")
    links = [f"https://map.kakao.com/link/search/{query}",
             f"https://map.naver.com/p/search/{query}"]
    if google:
        links.append("https://www.google.com/maps/search/?api=1&query="
                     + quote(address, safe="").replace("%20", "+"))
    return links


def gangnam_links(pin: str, google: bool) -> list[str]:
    links = [f"https://map.kakao.com/link/map/{quote(pin)},37.4979,127.0276",
             "https://map.naver.com/p/search/37.4979,127.0276"]
    if google:
        links.append("https://www.google.com/maps/search/?api=1&query=37.4979%2C127.0276")
    return links


def map_row(job) -> list[str]:
    """The URLs of the job card's second row, checking that every button there is a link."""
    row = job.reply_markup["inline_keyboard"][1]
    assert all(set(button) == {"text", "url"} for button in row), row
    return [button["url"] for button in row]


async def online_at(rider: Person, km: float, online: str, saved: str) -> None:
    await rider.send("/online")
    await rider.wait_for(online)
    await rider.share_location(*north_of_city_hall(km))
    await rider.wait_for(saved)


async def test_the_job_card_opens_the_pickup_then_the_destination_in_three_map_apps(cast: Cast):
    customer, staff, rider = cast.customer, cast.staff, cast.rider
    await online_at(rider, 1.0, "You are online", "Position updated")
    number = await place_order(customer, pickup=SEJONG_EN, destination=GANGNAM)
    await approve(staff, number)
    offer = await rider.wait_for(f"New job #{number}")
    await rider.press(f"🛵 Accept #{number}", message=offer)
    job = await rider.wait_for(f"Order #{number} is yours.")
    assert job.button_rows == [["📦 Picked up", "↩ Give it back"],
                               ["🗺 Kakao Map", "🗺 Naver Map", "🗺 Google Maps"]]
    assert map_row(job) == search_links(SEJONG_EN, google=True)  # heading to the pickup
    assert f"Pickup: {SEJONG_EN}" in job.text
    assert "Destination: 📍 shared location" in job.text

    answer = await rider.press("📦 Picked up", message=job)
    assert answer.text == f"Order #{number} picked up. Deliver it to: 📍 shared location"
    job = await rider.wait_for(f"Order #{number} picked up.")
    assert job.button_rows == [["✅ Delivered"],
                               ["🗺 Kakao Map", "🗺 Naver Map", "🗺 Google Maps"]]
    assert map_row(job) == gangnam_links("Shared location", google=True)  # the exact point

    # The destination was shared as a point: it comes as Telegram's own pin to navigate by
    # (the job's one new message besides the offer: the code is tapped in on the card).
    pin = await rider.wait_for()
    assert pin.location is not None
    assert (pin.location["latitude"], pin.location["longitude"]) == GANGNAM
    await rider.expect_nothing(within=0.3)
    assert not [m for m in rider.inbox if any(n in m.text for n in RAW_NUMBERS)]
    assert not [m for m in customer.inbox + staff.inbox
                if any(n in m.text for n in RAW_NUMBERS)]


async def test_a_korean_rider_gets_kakao_and_naver_for_a_korean_address(
    emu: BotApiEmulator, bot
):
    customer, staff = emu.user(1001, "Minji"), emu.user(STAFF_ID, "Jisoo")
    rider = emu.user(3000, "현우", language_code="ko")
    for person in (customer, staff, rider):
        await person.send("/start")
        await person.wait_for()
    await online_at(rider, 1.0, "근무를 시작했어요", "위치를 업데이트했어요")
    number = await place_order(customer, pickup=SEJONG_KO, destination=GANGNAM)
    await approve(staff, number)
    offer = await rider.wait_for(f"새 배달 요청 {number}번")
    assert "📍 공유된 위치" in offer.text
    await rider.press(f"🛵 {number}번 수락", message=offer)
    job = await rider.wait_for(f"{number}번 주문이 배정됐어요.")
    assert job.button_rows == [["📦 픽업 완료", "↩ 배달 반납"], ["🗺 카카오맵", "🗺 네이버 지도"]]
    assert map_row(job) == search_links(SEJONG_KO, google=False)
    assert "%EC%84%9C%EC%9A%B8%20" in map_row(job)[0]  # 서울, URL-encoded
    assert "도착: 📍 공유된 위치" in job.text

    await rider.press("📦 픽업 완료", message=job)
    job = await rider.wait_for(f"{number}번 주문을 픽업했어요. 도착지: 📍 공유된 위치")
    assert job.button_rows == [["✅ 배달 완료"], ["🗺 카카오맵", "🗺 네이버 지도"]]
    assert map_row(job) == gangnam_links("공유된 위치", google=False)
    pin = await rider.wait_for()
    assert pin.location is not None
    await rider.expect_nothing(within=0.3)
    assert not [m for m in rider.inbox if any(n in m.text for n in RAW_NUMBERS)]


@pytest.mark.parametrize(("lang", "online", "button", "saved", "km"), [
    ("en", "You are online", "📍 Send my location", "Position updated", "2.0 km from you"),
    ("ko", "근무를 시작했어요", "📍 내 위치 보내기", "위치를 업데이트했어요", "내 위치에서 2.0km"),
])
async def test_online_offers_one_tap_to_share_the_position_which_dispatch_then_uses(
    emu: BotApiEmulator, bot, lang, online, button, saved, km
):
    customer, staff = emu.user(1001, "Minji"), emu.user(STAFF_ID, "Jisoo")
    rider = emu.user(3000, "Hyun", language_code=lang)
    for person in (customer, staff, rider):
        await person.send("/start")
        await person.wait_for()
    await rider.send("/online")
    await rider.wait_for(online)
    assert rider.reply_keyboard == {
        "keyboard": [[{"text": button, "request_location": True}]],
        "resize_keyboard": True, "one_time_keyboard": True,
    }
    await rider.tap_keyboard(button, location=north_of_city_hall(2.0))
    await rider.wait_for(saved)
    assert rider.keyboard == []  # one tap, and the keyboard is gone

    number = await place_order(customer, pickup=CITY_HALL, destination=GANGNAM)
    await approve(staff, number)
    offer = await rider.wait_for(f"{number}")
    assert km in offer.text  # the shared position is where dispatch measures from
