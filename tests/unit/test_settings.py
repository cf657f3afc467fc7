"""Configuration from the environment."""


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
