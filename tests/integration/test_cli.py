"""The `ppalli` command's answers: no token, a bad setting, migrate; no secret printed."""

import subprocess
import sys

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
    assert "ADMIN_IDS" in capsys.readouterr().err


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


@pytest.mark.parametrize(("name", "value", "says"), [
    ("TELEGRAM_API_URL", ":99999", "a http or https URL with a host"),
    ("TELEGRAM_API_URL", "ftp://api.example/bot", "a http or https URL with a host"),
    ("TELEGRAM_API_URL", "http://127.0.0.1:99999/bot", "from 1 to 65535"),
    ("WEBHOOK_URL", "http://bot.example/telegram", "a https URL"),
    ("WEBHOOK_URL", "https://bot.example:1234/telegram", "443, 80, 88, 8443"),
    ("DATABASE_URL", "mysql://shop", "sqlite+aiosqlite or postgresql+asyncpg"),
])
def test_a_malformed_url_is_refused_in_one_line_without_the_token(
    monkeypatch, tmp_path, capsys, name, value, says
):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "123456:SECRET-TOKEN")
    monkeypatch.setenv(name, value)
    assert main(["run", "--no-migrate"]) == 2
    printed = capsys.readouterr()
    error = printed.err.strip()
    assert error.startswith(f"error: setting {name}: ") and "\n" not in error
    assert says in error
    assert "SECRET-TOKEN" not in printed.err + printed.out


def test_the_token_never_reaches_the_terminal_even_in_a_traceback(tmp_path):
    """What Python prints for an error nobody caught goes through the same redaction."""
    program = ("import sys\n"
               "from bot.logs import redact_output\n"
               "redact_output(['123456:SECRET-TOKEN'])\n"
               "print('calling http://api.example/bot123456:SECRET-TOKEN/getMe')\n"
               "raise RuntimeError('http://api.example/bot123456:SECRET-TOKEN/getMe failed')\n")
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True,
                          cwd=tmp_path, timeout=60)
    assert done.returncode == 1
    assert "SECRET-TOKEN" not in done.stdout + done.stderr
    assert "bot<token>/getMe" in done.stdout and "bot<token>/getMe failed" in done.stderr
