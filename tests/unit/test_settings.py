"""Configuration from the environment, and keeping the token out of logs."""

import logging

from bot.logs import RedactingFormatter
from bot.settings import Settings


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


def test_the_token_never_reaches_the_logs_not_even_in_a_traceback():
    token = "123456:SECRET-token"
    try:
        raise ConnectionError(f"https://api.telegram.org/bot{token}/getMe unreachable")
    except ConnectionError as error:
        failure = (type(error), error, error.__traceback__)
    record = logging.LogRecord("httpx", logging.ERROR, __file__, 1,
                               "POST https://api.telegram.org/bot%s/getMe", (token,), failure)
    text = RedactingFormatter("%(message)s", token).format(record)
    assert token not in text
    assert text.count("<token>") == 2
