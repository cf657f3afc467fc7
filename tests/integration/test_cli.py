"""The `ppalli` command's answers: no token, a bad setting, migrate."""


import pytest

from bot.cli import main

pytestmark = pytest.mark.usefixtures("restore_logging")  # main() configures logging


def test_run_without_a_token_says_what_to_do(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    assert main(["run"]) == 2
    error = capsys.readouterr().err.strip()
    assert "TELEGRAM_BOT_TOKEN" in error and "ppalli demo" in error
    assert len(error.splitlines()) == 1


def test_a_malformed_setting_is_named_in_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ADMIN_IDS", "alice")
    assert main(["run"]) == 2
    assert "admin_ids" in capsys.readouterr().err


def test_migrate_creates_the_schema(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'shop.db'}")
    assert main(["migrate"]) == 0
    assert (tmp_path / "shop.db").stat().st_size > 0
    assert "up to date" in capsys.readouterr().out


def test_a_setting_that_needs_another_says_which_in_one_line(monkeypatch, tmp_path, capsys):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "1:x")
    monkeypatch.setenv("BOT_MODE", "webhook")
    monkeypatch.delenv("WEBHOOK_SECRET", raising=False)
    assert main(["run"]) == 2
    error = capsys.readouterr().err.strip()
    assert "WEBHOOK_SECRET" in error
    assert len(error.splitlines()) == 1
