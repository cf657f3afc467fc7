"""Requests (domain.orders.requests): the asks toggled, notes written and capped, what an
order keeps, and the draft and cart asking them on the summary only."""

from datetime import UTC, datetime

import pytest

from domain.menu.carts import Cart
from domain.orders.model import Fulfilment, PaymentMethod, Size
from domain.orders.requests import (
    MAX_DETAIL_CHARS,
    MAX_NOTE_CHARS,
    Offered,
    Requests,
    RiderAsk,
    Writing,
)
from domain.parcels.drafts import DraftRules, ParcelDraft
from domain.shared.errors import InvalidAnswer, OutOfDate
from views.i18n import MAX_MESSAGE, Html, utf16_length
from views.requests import REASON_ROOM, under_summary

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)
DELIVERY = Offered(rider=True, cutlery=True)
PICKUP = Offered(rider=False, cutlery=True)


def refusal(change) -> str:
    with pytest.raises(InvalidAnswer) as raised:
        change()
    return raised.value.code


def test_an_ask_toggles_on_and_off_keeping_the_others():
    asked = Requests().toggle("door", DELIVERY).toggle("call", DELIVERY)
    assert asked.rider_asks == (RiderAsk.DOOR, RiderAsk.CALL)
    assert asked.toggle("door", DELIVERY).rider_asks == (RiderAsk.CALL,)


def test_a_note_is_written_where_chosen_normalised_capped_and_cleared_when_empty():
    asked = Requests().start_writing("detail", DELIVERY).write(" 101동\u200b 1203호 ", DELIVERY)
    assert (asked.address_detail, asked.writing) == ("101동 1203호", None)
    too_long = Requests().start_writing("detail", DELIVERY)
    assert refusal(lambda: too_long.write("x" * (MAX_DETAIL_CHARS + 1), DELIVERY)) == (
        "note_too_long")
    assert Requests(rider_note="hi").write("   ", DELIVERY).rider_note is None


def test_typed_without_choosing_is_for_whoever_brings_the_order():
    assert Requests().write("gate code 1234", DELIVERY).rider_note == "gate code 1234"
    assert Requests().write("less ice", PICKUP).store_note == "less ice"
    assert refusal(lambda: Requests().write("x" * (MAX_NOTE_CHARS + 1), PICKUP)) == (
        "note_too_long")


def test_a_counter_pickup_offers_no_rider_asks_and_drops_them_from_the_order():
    assert refusal(lambda: Requests().toggle("door", PICKUP)) == "stale_button"
    assert refusal(lambda: Requests().start_writing("rider", PICKUP)) == "stale_button"
    switched = Requests("s", "r", "d", (RiderAsk.DOOR,), no_cutlery=True).kept(PICKUP)
    assert switched == Requests(store_note="s", no_cutlery=True)


def test_requests_round_trip_through_json_and_none_is_stored_for_nothing():
    asked = Requests("s", "r", "d", tuple(RiderAsk), True, Writing.STORE)
    assert Requests.from_json(asked.to_json()) == asked
    assert Requests().to_json() is None and Requests.from_json(None) == Requests()


def parcel_at_summary() -> ParcelDraft:
    draft = ParcelDraft(1, NOW)
    for answer in ("small", "2", "A street 1", "B street 2", "010-1234-5678", "cash"):
        draft.answer_text(answer, DraftRules())
    return draft


def test_the_parcel_summary_asks_and_each_change_moves_its_version():
    draft = parcel_at_summary()
    version = draft.version
    draft.ask("toggle", "no_bell", version)
    assert draft.asked.rider_asks == (RiderAsk.NO_BELL,) and draft.version == version + 1
    with pytest.raises(OutOfDate):
        draft.ask("toggle", "door", version)  # a button of the summary before
    draft.ask("write", "store", draft.version)
    draft.answer_text("Fragile", DraftRules())
    assert draft.asked.store_note == "Fragile" and draft.asked.writing is None


def test_requests_are_asked_only_on_the_summary():
    draft = ParcelDraft(1, NOW, size=Size.SMALL)
    assert refusal(lambda: draft.ask("toggle", "door", draft.version)) == "stale_button"


def test_a_cart_offers_cutlery_and_the_riders_asks_only_for_a_delivery():
    cart = Cart(1, NOW, lines=[{"item_key": "latte", "name": "Latte", "options": "",
                                "unit_price": 4500, "quantity": 1}], checking_out=True,
                fulfilment=Fulfilment.PICKUP, payment=PaymentMethod.CASH)
    assert cart.offered == PICKUP
    cart.ask("toggle", "cutlery", cart.version)
    assert cart.asked.no_cutlery
    assert refusal(lambda: cart.ask("toggle", "call", cart.version)) == "stale_button"


def test_under_the_longest_summary_the_notes_are_cut_never_the_order():
    summary = Html("x" * (MAX_MESSAGE - REASON_ROOM - 200))
    asked = Requests("s" * MAX_NOTE_CHARS, "r" * MAX_NOTE_CHARS, "d" * MAX_DETAIL_CHARS,
                     (RiderAsk.DOOR,))
    shown = under_summary("en", summary, asked, DELIVERY)
    assert shown.startswith(summary)  # the order whole
    assert utf16_length(shown) <= MAX_MESSAGE - REASON_ROOM
    assert "…" in shown and "🚪 Leave it at the door" in shown
    roomy = under_summary("en", Html("short"), asked, DELIVERY)
    assert "r" * MAX_NOTE_CHARS in roomy and "…" not in roomy
