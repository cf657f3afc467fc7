"""Configuration from the environment."""

import pytest
from pydantic import ValidationError

from bot.settings import EXAMPLE_CATALOG, Settings
from domain.orders.model import Invoice


def test_id_lists_are_comma_separated(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", " 11, 22 ,")
    monkeypatch.setenv("RIDER_IDS", "33")
    settings = Settings(_env_file=None)
    assert settings.admin_ids == {11, 22}
    assert settings.rider_ids == {33}
    assert settings.store_chat_ids == (11, 22)


def test_a_staff_group_replaces_private_store_alerts(monkeypatch):
    monkeypatch.setenv("ADMIN_IDS", "11")
    monkeypatch.setenv("STORE_CHAT_ID", "-100500")
    assert Settings(_env_file=None).store_chat_ids == (-100500,)


def test_defaults_match_the_readme(monkeypatch):
    for name in ("DATABASE_URL", "TELEGRAM_API_URL", "ADMIN_IDS", "TIMEZONE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url == "sqlite+aiosqlite:///ppalli.db"
    assert settings.telegram_api_url == "https://api.telegram.org/bot"
    assert settings.admin_ids == frozenset()
    assert settings.timezone == "Asia/Seoul"


@pytest.mark.parametrize("currency", ["USD", "JPY", "EUR"])
def test_a_currency_other_than_stars_or_won_is_refused(monkeypatch, currency):
    monkeypatch.setenv("CURRENCY", currency)
    monkeypatch.setenv("PAYMENT_PROVIDER_TOKEN", "provider")
    with pytest.raises(ValidationError) as refused:
        Settings(_env_file=None)
    assert "prices in the catalog and settings are in won" in str(refused.value)


def test_stars_and_won_are_accepted_and_won_is_invoiced_as_it_is(monkeypatch):
    monkeypatch.setenv("CURRENCY", "KRW")
    monkeypatch.setenv("PAYMENT_PROVIDER_TOKEN", "provider")
    assert Settings(_env_file=None).rules().payments.invoice_for(3500) == Invoice("KRW", 3500)
    monkeypatch.setenv("CURRENCY", "XTR")
    assert Settings(_env_file=None).rules().payments.currency == "XTR"


def test_updates_per_minute_default_to_sixty_and_are_at_least_one(monkeypatch):
    monkeypatch.delenv("MAX_UPDATES_PER_MINUTE", raising=False)
    assert Settings(_env_file=None).max_updates_per_minute == 60  # as the README says
    monkeypatch.setenv("MAX_UPDATES_PER_MINUTE", "0")
    with pytest.raises(ValidationError, match="max_updates_per_minute"):
        Settings(_env_file=None)


def test_the_store_group_reads_default_language_unless_store_language_is_set(monkeypatch):
    for name in ("DEFAULT_LANGUAGE", "STORE_LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert (settings.default_language, settings.store_language) == ("en", None)
    assert settings.store_chat_language == "en"  # as the README says
    assert settings.sender_settings().store_language == "en"
    monkeypatch.setenv("DEFAULT_LANGUAGE", "ko")
    assert Settings(_env_file=None).store_chat_language == "ko"
    monkeypatch.setenv("STORE_LANGUAGE", "")  # set but empty: unset
    assert Settings(_env_file=None).store_chat_language == "ko"
    monkeypatch.setenv("DEFAULT_LANGUAGE", "en")
    monkeypatch.setenv("STORE_LANGUAGE", " KO ")
    settings = Settings(_env_file=None)
    assert (settings.default_language, settings.store_chat_language) == ("en", "ko")
    assert settings.sender_settings().store_language == "ko"
    assert settings.sender_settings().default_language == "en"


@pytest.mark.parametrize("name", ["STORE_LANGUAGE", "DEFAULT_LANGUAGE"])
@pytest.mark.parametrize("value", ["fr", "korean", "en-US", "kr"])
def test_only_the_supported_languages_are_accepted(monkeypatch, name, value):
    monkeypatch.delenv("STORE_LANGUAGE", raising=False)
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError, match="must be one of en, ko"):
        Settings(_env_file=None)


def test_arrival_time_settings_reach_the_rules(monkeypatch):
    monkeypatch.setenv("PREP_MINUTES", "15")
    monkeypatch.setenv("SPEED_BICYCLE_KMH", "12.5")
    monkeypatch.setenv("ROUTE_FACTOR", "1.4")
    eta = Settings(_env_file=None).rules().eta
    assert (eta.prep_default_minutes, eta.bicycle_kmh, eta.route_factor) == (15, 12.5, 1.4)
    assert (eta.foot_kmh, eta.motorbike_kmh, eta.car_kmh) == (4.5, 22.0, 18.0)
    assert eta.speed_kmh(None) == eta.motorbike_kmh


@pytest.mark.parametrize(("name", "value"), [("SPEED_CAR_KMH", "0"), ("ROUTE_FACTOR", "0.9"),
                                             ("PREP_MINUTES", "0")])
def test_an_arrival_time_setting_that_cannot_be_true_is_refused(monkeypatch, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


@pytest.mark.parametrize("name, value, reason", [
    ("opening_hours", "mon 9-5", "cannot read 'mon 9-5'"),
    ("shop_location", "Seoul", "latitude,longitude"),
    ("shop_location", "91,0", "latitude,longitude"),
    ("delivery_fee_bands", "4:4000,2:3000", "growing distances"),
    ("delivery_fee_bands", "2km:3000", "km:fee pairs"),
    ("delivery_radius_km", "0", "greater than 0"),
    ("min_order_won", "-1", "greater than or equal to 0"),
])
def test_shop_rules_settings_are_checked_at_start(name: str, value: str, reason: str):
    with pytest.raises(ValidationError, match=reason):
        Settings(_env_file=None, **{name: value})


def test_a_delivery_zone_needs_the_shops_location_which_wins_over_the_catalogs():
    with pytest.raises(ValueError, match="SHOP_LOCATION"):
        Settings(_env_file=None, delivery_radius_km=5).rules()
    rules = Settings(_env_file=None, shop_mode="both", catalog_file=EXAMPLE_CATALOG,
                     shop_location="37.5,127.0", delivery_fee_bands="2:3000,4:4000").rules()
    assert (rules.menu.shop.place.lat, rules.menu.shop.place.lon) == (37.5, 127.0)
    assert rules.menu.shop.place.address == "12 Sejong-daero, Jung-gu, Seoul"
    assert rules.zone == rules.menu.shop.zone and rules.zone.edge_km == 4.0
    assert Settings(_env_file=None, opening_hours=" ").rules().opening.hours is None
