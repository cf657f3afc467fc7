"""Configuration from the environment."""

import pytest
from pydantic import ValidationError

from bot.settings import Settings
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
