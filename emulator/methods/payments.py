"""sendInvoice, refundStarPayment and getStarTransactions; the pre-checkout answer lives with
the other queries."""

import copy
import re
from typing import Any

from emulator.errors import bad_request
from emulator.markup import parse_inline_markup
from emulator.params import Params
from emulator.state import State

CURRENCY = re.compile(r"[A-Z]{3}")
STARS = "XTR"
MAX_PAYLOAD_BYTES = 128
MAX_TITLE_CHARS = 32  # counted in Unicode characters (code points), as Telegram counts them
MAX_DESCRIPTION_CHARS = 255
MAX_TRANSACTIONS = 100
# The limits are the Bot API's; these two descriptions are a guess at Telegram's wording.
TITLE_INVALID = "TITLE_INVALID"
DESCRIPTION_INVALID = "DESCRIPTION_INVALID"
STARS_INVOICE_INVALID = "STARS_INVOICE_INVALID"


def _total(prices: Any) -> int:
    if not isinstance(prices, list) or not prices:
        raise bad_request("can't parse prices JSON object")
    for price in prices:
        valid = (
            isinstance(price, dict)
            and isinstance(price.get("label"), str)
            and type(price.get("amount")) is int
        )
        if not valid:
            raise bad_request("can't parse prices JSON object")
    return sum(price["amount"] for price in prices)


def _check_stars(params: Params, prices: list[dict[str, Any]]) -> None:
    """Telegram Stars: no payment provider, exactly one price and no tips."""
    if params.text("provider_token"):
        raise bad_request("PAYMENT_PROVIDER_INVALID")
    if len(prices) != 1:
        raise bad_request(STARS_INVOICE_INVALID)
    if params.integer("max_tip_amount") or params.structure("suggested_tip_amounts"):
        raise bad_request(STARS_INVOICE_INVALID)


async def send_invoice(state: State, params: Params) -> dict[str, Any]:
    chat_id = params.chat_id()
    title = params.required_text("title")
    description = params.required_text("description")
    payload = params.required_text("payload")
    currency = params.required_text("currency")
    if len(title) > MAX_TITLE_CHARS:
        raise bad_request(TITLE_INVALID)
    if len(description) > MAX_DESCRIPTION_CHARS:
        raise bad_request(DESCRIPTION_INVALID)
    if len(payload.encode()) > MAX_PAYLOAD_BYTES:
        raise bad_request("PAYLOAD_INVALID")
    if not CURRENCY.fullmatch(currency):
        raise bad_request("CURRENCY_INVALID")
    if currency != STARS and not params.text("provider_token"):
        raise bad_request("PAYMENT_PROVIDER_INVALID")
    prices = params.structure("prices")
    total = _total(prices)
    if currency == STARS:
        _check_stars(params, prices)
    if total <= 0:
        raise bad_request("CURRENCY_TOTAL_AMOUNT_INVALID")
    markup = parse_inline_markup(params.raw("reply_markup"))
    chat = state.reachable_chat(chat_id)
    invoice = {
        "title": title,
        "description": description,
        "start_parameter": params.text("start_parameter") or "",
        "currency": currency,
        "total_amount": total,
    }
    message = state.post(chat, {"invoice": invoice}, markup=markup)
    state.invoice_payloads[(chat.id, message["message_id"])] = payload
    return message


async def refund_star_payment(state: State, params: Params) -> bool:
    user_id = params.integer("user_id")
    if user_id is None:
        raise bad_request("user_id is empty")
    charge_id = params.text("telegram_payment_charge_id")
    if not charge_id:
        raise bad_request("CHARGE_ID_EMPTY")
    payment = state.payments.get(charge_id)
    if payment is None or payment.user_id != user_id or payment.currency != STARS:
        raise bad_request("CHARGE_NOT_FOUND")
    if payment.refunded:
        raise bad_request("CHARGE_ALREADY_REFUNDED")
    state.refund(payment)
    return True


async def get_star_transactions(state: State, params: Params) -> dict[str, Any]:
    """The bot's Star transactions in chronological order (oldest first), `offset` skipped,
    at most `limit` (1-100, default 100). Like the Bot API server, out-of-range numbers are
    clamped rather than refused."""
    offset = max(params.integer("offset") or 0, 0)
    limit = params.integer("limit")
    limit = MAX_TRANSACTIONS if limit is None else min(max(limit, 1), MAX_TRANSACTIONS)
    return {"transactions": copy.deepcopy(state.star_transactions[offset:offset + limit])}
