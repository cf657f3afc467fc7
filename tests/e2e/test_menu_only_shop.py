"""A shop that takes only menu orders never speaks of parcels or of /order: its hints point
to /menu, a rider joining is not told a parcel's weight rule, and the store's reasons to
reject a meal are reasons a meal can have."""

from __future__ import annotations

import pytest

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from tests.e2e.conftest import Cast
from tests.e2e.test_menu import CROISSANT, check_out, confirm, fill_cart


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"shop_mode": ShopMode.MENU,
                                       "catalog_file": EXAMPLE_CATALOG})


async def test_hints_point_to_the_menu(cast: Cast):
    customer = cast.customer
    await customer.send("what do you sell?")
    told = await customer.wait_for("I didn't understand that")
    assert "/menu" in told.text and "/order" not in told.text
    await customer.share_location(37.5665, 126.9780)
    told = await customer.wait_for("I only need a location while you write an order")
    assert "Send /menu to start one" in told.text


async def test_a_rider_joining_is_not_told_the_parcel_weight_rule(cast: Cast):
    stranger = cast.stranger
    await stranger.send("/rider")
    asked = await stranger.wait_for("What will you ride?")
    assert "kg" not in asked.text


async def test_a_counter_pickup_is_rejected_for_reasons_a_pickup_can_have(cast: Cast):
    customer, staff = cast.customer, cast.staff
    await fill_cart(customer, *CROISSANT)
    await check_out(customer, pickup=True)
    number = await confirm(customer)
    alert = await staff.wait_for(f"New order #{number}")
    await staff.press("✖ Reject", message=alert)
    reasons = await staff.wait_for(f"Why reject order #{number}?")
    assert reasons.buttons == ["We are too busy right now", "An item is not available right now"]
    await staff.press("An item is not available right now", message=reasons)
    told = await customer.wait_for(f"Order #{number} was rejected")
    assert "An item is not available right now" in told.text
