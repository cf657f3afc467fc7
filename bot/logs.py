"""Logging setup: one line per event, as text or JSON (LOG_FORMAT), carrying the update id,
chat id and order number where known. The bot token is part of every Bot API URL, and at
DEBUG python-telegram-bot logs each call's parameters (setWebhook's secret_token,
sendInvoice's provider_token), so those secrets are replaced wherever they would appear,
tracebacks included."""

from __future__ import annotations

import contextvars
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TextIO

update_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("update_id",
                                                                           default=None)
chat_id_var: contextvars.ContextVar[int | None] = contextvars.ContextVar("chat_id", default=None)
CONTEXT_FIELDS = ("update_id", "chat_id", "order")


@contextmanager
def update_context(update_id: int | None, chat_id: int | None) -> Iterator[None]:
    """Every line logged while handling one update names it and its chat."""
    tokens = (update_id_var.set(update_id), chat_id_var.set(chat_id))
    try:
        yield
    finally:
        update_id_var.reset(tokens[0])
        chat_id_var.reset(tokens[1])


class ContextFilter(logging.Filter):
    """Adds the update and chat being handled to each record (an `order` comes as extra)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "update_id", None) is None:
            record.update_id = update_id_var.get()
        if getattr(record, "chat_id", None) is None:
            record.chat_id = chat_id_var.get()
        if not hasattr(record, "order"):
            record.order = None
        return True


class RedactingFormatter(logging.Formatter):
    """Text lines: the usual fields, then update/chat/order when known; no secret."""

    def __init__(self, *secrets: str | None) -> None:
        super().__init__("%(asctime)s %(levelname)s %(name)s: %(message)s")
        self.secrets = known_secrets(secrets)

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        known = " ".join(f"{name}={getattr(record, name)}" for name in CONTEXT_FIELDS
                         if getattr(record, name, None) is not None)
        if known:
            first, newline, rest = text.partition("\n")
            text = f"{first} [{known}]{newline}{rest}"
        return redact(text, self.secrets)


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message, context, exception."""

    def __init__(self, *secrets: str | None) -> None:
        super().__init__()
        self.secrets = known_secrets(secrets)

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in CONTEXT_FIELDS:
            if getattr(record, name, None) is not None:
                line[name] = getattr(record, name)
        if record.exc_info:
            line["exception"] = self.formatException(record.exc_info)
        return redact(json.dumps(line, ensure_ascii=False, default=str), self.secrets)


def known_secrets(secrets: Iterable[str | None]) -> list[str]:
    # Longest first: a secret inside another must not leave the rest of that one behind.
    return sorted({secret for secret in secrets if secret}, key=len, reverse=True)


def redact(text: str, secrets: Iterable[str]) -> str:
    for secret in secrets:
        text = text.replace(secret, "<token>")
    return text


def configure_logging(level: str, token: str | None, fmt: str = "text",
                      secrets: Iterable[str | None] = ()) -> None:
    """`token` is the bot's; `secrets` the others that must not be logged either."""
    handler = logging.StreamHandler()
    handler.addFilter(ContextFilter())
    formatter = JsonFormatter if fmt == "json" else RedactingFormatter
    handler.setFormatter(formatter(token, *secrets))
    logging.basicConfig(level=level.upper(), handlers=[handler], force=True)
    # httpx logs every request URL (which contains the token) at INFO.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)
    logging.getLogger("aiohttp.access").setLevel(logging.WARNING)


class RedactingStream(io.TextIOBase):
    """stdout or stderr with every known secret replaced as it is written: tracebacks and
    warnings printed outside logging (a start-up error naming a Bot API URL) included."""

    def __init__(self, stream: TextIO, secrets: list[str]) -> None:
        self.stream = stream
        self.secrets = secrets

    def write(self, text: str) -> int:
        self.stream.write(redact(text, self.secrets))
        return len(text)

    def flush(self) -> None:
        self.stream.flush()

    def isatty(self) -> bool:
        return self.stream.isatty()

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return self.stream.encoding


def redact_output(secrets: Iterable[str | None]) -> None:
    """From now on, stdout and stderr never show these secrets (call again to add more)."""
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if isinstance(stream, RedactingStream):
            stream.secrets[:] = known_secrets([*stream.secrets, *secrets])
        else:
            setattr(sys, name, RedactingStream(stream, known_secrets(secrets)))
