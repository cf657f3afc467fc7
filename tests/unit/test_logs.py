"""Log lines: the token never shows, the update, chat and order being handled do, in text
and in JSON."""

import json
import logging

import pytest
from telegram import Bot, LabeledPrice
from telegram.request import BaseRequest

from bot.logs import (
    ContextFilter,
    JsonFormatter,
    RedactingFormatter,
    configure_logging,
    update_context,
)

TOKEN = "123456:SECRET-token"
WEBHOOK_SECRET = "MyWebhookSecret123"
PROVIDER_TOKEN = "284685063:TEST:provider-secret"
API_TOKEN = "read-api-secret"


def record_of(message: str, *args: object, exc_info=None, **extra) -> logging.LogRecord:
    record = logging.LogRecord("ppalli", logging.ERROR, __file__, 1, message, args, exc_info)
    record.__dict__.update(extra)
    ContextFilter().filter(record)
    return record


def failure_with_token():
    try:
        raise ConnectionError(f"https://api.telegram.org/bot{TOKEN}/getMe unreachable")
    except ConnectionError as error:
        return (type(error), error, error.__traceback__)


@pytest.mark.parametrize("formatter", [RedactingFormatter(TOKEN), JsonFormatter(TOKEN)])
def test_the_token_never_reaches_the_logs_not_even_in_a_traceback(formatter):
    record = record_of("POST https://api.telegram.org/bot%s/getMe", TOKEN,
                       exc_info=failure_with_token())
    text = formatter.format(record)
    assert TOKEN not in text
    assert text.count("<token>") == 2


class Answering(BaseRequest):
    """The Bot API without a network: every call succeeds (an invoice comes back sent)."""

    async def initialize(self) -> None: ...

    async def shutdown(self) -> None: ...

    @property
    def read_timeout(self) -> float:
        return 5

    async def do_request(self, url, method, request_data=None, **timeouts):
        result = ({"message_id": 1, "date": 0, "chat": {"id": 1, "type": "private"}}
                  if url.endswith("/sendInvoice") else True)
        return 200, json.dumps({"ok": True, "result": result}).encode()


@pytest.mark.parametrize("fmt", ["text", "json"])
async def test_at_debug_the_webhook_secret_and_payment_token_never_reach_the_logs(
        fmt, capsys, restore_logging):
    configure_logging("DEBUG", TOKEN, fmt, secrets=(WEBHOOK_SECRET, API_TOKEN, PROVIDER_TOKEN))
    bot = Bot(TOKEN, request=Answering(), get_updates_request=Answering())
    await bot.set_webhook("https://bot.example.com/telegram", secret_token=WEBHOOK_SECRET)
    await bot.send_invoice(1, "Parcel", "Delivery", "order-1", "KRW",
                           [LabeledPrice("Delivery", 5000)], provider_token=PROVIDER_TOKEN)
    logging.getLogger("ppalli").debug("checked %s", API_TOKEN)

    logged = capsys.readouterr().err
    assert "setWebhook" in logged and "sendInvoice" in logged and "checked" in logged
    for secret in (TOKEN, WEBHOOK_SECRET, PROVIDER_TOKEN, API_TOKEN):
        assert secret not in logged


def test_a_secret_inside_another_leaves_nothing_of_either():
    text = RedactingFormatter("abc", "abcdef").format(record_of("keys %s and %s", "abcdef",
                                                                "abc"))
    assert text.endswith("keys <token> and <token>")


def test_a_json_line_names_the_update_chat_and_order_being_handled():
    with update_context(update_id=501, chat_id=77):
        record = record_of("order %s: %s", 12, "OrderApproved", order=12)
    line = json.loads(JsonFormatter(TOKEN).format(record))
    assert line["message"] == "order 12: OrderApproved"
    assert (line["update_id"], line["chat_id"], line["order"]) == (501, 77, 12)
    assert line["level"] == "ERROR" and line["logger"] == "ppalli"
    assert "\n" not in JsonFormatter(TOKEN).format(record)


def test_a_text_line_carries_the_context_it_knows_and_nothing_after_the_update():
    with update_context(update_id=501, chat_id=77):
        inside = RedactingFormatter(TOKEN).format(record_of("handled"))
    outside = RedactingFormatter(TOKEN).format(record_of("idle"))
    assert inside.endswith("ppalli: handled [update_id=501 chat_id=77]")
    assert outside.endswith("ppalli: idle")


def test_a_json_traceback_stays_on_one_line():
    record = record_of("failed", exc_info=failure_with_token())
    text = JsonFormatter(TOKEN).format(record)
    assert len(text.splitlines()) == 1
    assert "ConnectionError" in json.loads(text)["exception"]
