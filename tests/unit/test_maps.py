"""Map links for riders (views.maps): the exact point when a place has coordinates, a search
for a typed address otherwise; Google Maps only for a rider reading English."""

from domain.orders.model import Place
from views.maps import map_links

SEOUL_STATION = Place(lat=37.5546, lon=126.9706)


def test_a_korean_address_is_searched_url_encoded_in_kakao_and_naver():
    links = map_links("ko", Place("서울 중구 세종대로 12"))
    encoded = "%EC%84%9C%EC%9A%B8%20%EC%A4%91%EA%B5%AC%20%EC%84%B8%EC%A2%85%EB%8C%80%EB%A1%9C%2012"
    assert links == [
        ("🗺 카카오맵", f"https://map.kakao.com/link/search/{encoded}"),
        ("🗺 네이버 지도", f"https://map.naver.com/p/search/{encoded}"),
    ]


def test_coordinates_open_the_exact_point_named_as_a_shared_location():
    assert map_links("ko", SEOUL_STATION) == [
        ("🗺 카카오맵", "https://map.kakao.com/link/map/"
                     "%EA%B3%B5%EC%9C%A0%EB%90%9C%20%EC%9C%84%EC%B9%98,37.5546,126.9706"),
        ("🗺 네이버 지도", "https://map.naver.com/p/search/37.5546,126.9706"),
    ]


def test_english_adds_google_maps_for_a_point_and_for_an_address():
    assert map_links("en", SEOUL_STATION) == [
        ("🗺 Kakao Map", "https://map.kakao.com/link/map/Shared%20location,37.5546,126.9706"),
        ("🗺 Naver Map", "https://map.naver.com/p/search/37.5546,126.9706"),
        ("🗺 Google Maps",
         "https://www.google.com/maps/search/?api=1&query=37.5546%2C126.9706"),
    ]
    google = map_links("en", Place("12 Sejong-daero, Jung-gu / B1 & more?"))[2]
    assert google == ("🗺 Google Maps", "https://www.google.com/maps/search/?api=1&query="
                      "12+Sejong-daero%2C+Jung-gu+%2F+B1+%26+more%3F")


def test_a_typed_address_with_a_point_names_the_pin_by_the_address_without_its_commas():
    links = dict(map_links("en", Place("12 Sejong-daero, Jung-gu", 37.5665, 126.978)))
    assert links["🗺 Kakao Map"] == (
        "https://map.kakao.com/link/map/12%20Sejong-daero%20Jung-gu,37.5665,126.978")
    assert links["🗺 Naver Map"] == "https://map.naver.com/p/search/37.5665,126.978"


def test_nothing_to_open_without_an_address_or_a_point():
    assert map_links("en", Place()) == map_links("ko", Place("   ")) == []


def test_a_search_never_makes_a_huge_link():
    url = map_links("ko", Place("가" * 300))[0][1]
    assert url.endswith("%EA%B0%80" * 100) and len(url) < 1000
