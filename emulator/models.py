"""Plain records the emulator hands to tests."""

from dataclasses import dataclass, field
from typing import Any

from emulator.markup import inline_buttons

# ApiCall.outcome of a call not answered yet (a long poll), or whose client went away first.
PENDING = 0
# PreCheckoutAnswer.error_message when the bot did not answer before Telegram's deadline.
CHECKOUT_TIMED_OUT = "timed out: the bot did not answer the pre-checkout query in time"


@dataclass(frozen=True)
class ApiCall:
    """One request the bot made; ``at`` is ``time.monotonic()`` on arrival.

    ``outcome`` is the HTTP status it was answered with: 200 when the call did its work,
    the error code otherwise (so ``outcome == 200`` on a sendMessage means it was delivered).
    It is ``PENDING`` (0) while the call is still being answered.
    """

    method: str
    params: dict[str, Any]
    at: float
    outcome: int = 200
    result_count: int | None = None  # how many items a list result had (getUpdates' batch)


@dataclass(frozen=True)
class EmulatorStats:
    """Counters for tests and benchmarks.

    ``rate_limited``: 429 answers given because of flood limits (planned 429s not included);
    ``faults_injected``: random errors and timeouts from ``inject_faults``.
    """

    rate_limited: int
    faults_injected: int


@dataclass(frozen=True)
class CallbackAnswer:
    """What the bot passed to answerCallbackQuery."""

    text: str | None
    show_alert: bool = False
    url: str | None = None
    at: float = field(default=0.0, compare=False)  # time.monotonic() when the answer arrived


@dataclass(frozen=True)
class PreCheckoutAnswer:
    """What the bot passed to answerPreCheckoutQuery; if no answer came before the deadline,
    ``ok`` False with ``error_message`` CHECKOUT_TIMED_OUT (Telegram dropped the checkout)."""

    ok: bool
    error_message: str | None = None

    @property
    def timed_out(self) -> bool:
        return not self.ok and self.error_message == CHECKOUT_TIMED_OUT


@dataclass(frozen=True)
class Payment:
    """A successful payment made with ``Person.pay()``; ``refunded`` once refundStarPayment ran."""

    charge_id: str
    user_id: int
    chat_id: int
    currency: str
    total_amount: int
    payload: str
    provider_charge_id: str
    refunded: bool = False

    def successful_payment(self) -> dict[str, Any]:
        """The SuccessfulPayment object of the message that announced it."""
        return self.refunded_payment() | {"provider_payment_charge_id": self.provider_charge_id}

    def refunded_payment(self) -> dict[str, Any]:
        """The RefundedPayment object of the message that announces its refund."""
        return {
            "currency": self.currency,
            "total_amount": self.total_amount,
            "invoice_payload": self.payload,
            "telegram_payment_charge_id": self.charge_id,
        }


@dataclass(frozen=True)
class BotMessage:
    """A bot message as a chat showed it at one moment."""

    message_id: int
    chat_id: int
    text: str
    reply_markup: dict[str, Any] | None
    edited: bool
    deleted: bool
    raw: dict[str, Any] = field(repr=False)
    # time.monotonic() when the chat showed this message or edit (0.0 for a snapshot of inbox)
    at: float = field(default=0.0, compare=False)

    @classmethod
    def of(cls, raw: dict[str, Any], *, deleted: bool = False, at: float = 0.0) -> "BotMessage":
        return cls(
            message_id=raw["message_id"],
            chat_id=raw["chat"]["id"],
            text=raw.get("text", raw.get("caption", "")),
            reply_markup=raw.get("reply_markup"),
            edited="edit_date" in raw,
            deleted=deleted,
            raw=raw,
            at=at,
        )

    @property
    def buttons(self) -> list[str]:
        """Texts of the inline buttons, row by row."""
        return [button["text"] for button in inline_buttons(self.reply_markup)]

    @property
    def button_rows(self) -> list[list[str]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [[button["text"] for button in row] for row in rows]

    def button(self, text: str) -> dict[str, Any] | None:
        """The inline button with exactly this text, if any."""
        return next((b for b in inline_buttons(self.reply_markup) if b["text"] == text), None)

    @property
    def entities(self) -> list[dict[str, Any]]:
        return self.raw.get("entities", [])

    @property
    def thread_id(self) -> int | None:
        """The forum topic the message is in (None: not in a forum, or its General topic)."""
        return self.raw.get("message_thread_id")

    @property
    def location(self) -> dict[str, Any] | None:
        return self.raw.get("location")

    @property
    def venue(self) -> dict[str, Any] | None:
        return self.raw.get("venue")

    @property
    def url_buttons(self) -> dict[str, str]:
        """The inline buttons that open a link: label to URL."""
        return {b["text"]: b["url"] for b in inline_buttons(self.reply_markup) if "url" in b}

    @property
    def invoice(self) -> dict[str, Any] | None:
        return self.raw.get("invoice")


@dataclass(frozen=True)
class LiveLocation:
    """A live location the bot sent, as the emulator knows it (Telegram's message says
    nothing of a stop): where it is, its period in seconds from the message date (0x7FFFFFFF:
    endless), whether the bot stopped it, how often it was moved, and whether it may still be."""

    latitude: float
    longitude: float
    live_period: int
    stopped: bool
    edits: int
    active: bool
