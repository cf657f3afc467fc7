"""What the emulated server knows: chats, their messages and the bot's pending queries."""

import asyncio
import copy
import itertools
import time
from dataclasses import dataclass, field, replace
from typing import Any

from emulator.entities import COMMAND
from emulator.errors import CHAT_NOT_FOUND, bad_request, forbidden, migrated
from emulator.markup import reply_button_texts
from emulator.models import BotMessage, Payment
from emulator.signals import Signal
from emulator.transcript import Entry
from emulator.updates import UpdateQueue

STARS = "XTR"
LIVE_PERIOD_FOREVER = 0x7FFFFFFF  # a live location that never ends


def now() -> int:
    """The real clock in Unix seconds; the emulator's own is ``State.now``."""
    return int(time.time())


@dataclass(eq=False)
class Chat:
    """One chat: a person's private chat with the bot, or a group the bot is in."""

    id: int
    type: str
    title: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    username: str | None = None
    # Private chats only: whether the person blocked the bot, or ever talked to it.
    blocked: bool = False
    started: bool = False
    members: dict[int, str] = field(default_factory=dict)
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)
    deleted: set[int] = field(default_factory=set)
    # Every bot message and edit, as shown at that moment; people wait on these.
    events: list[BotMessage] = field(default_factory=list)
    reply_keyboard: dict[str, Any] | None = None
    migrated_to: int | None = None  # a group upgraded to a supergroup: its new id
    # Groups only: the bot's own standing there (member, administrator, restricted: may not
    # send, left, kicked), and a forum's topics (thread id -> name).
    bot_status: str = "member"
    members_may_send: bool = True  # the group's default permission to send messages
    is_forum: bool = False
    topics: dict[int, str] = field(default_factory=dict)
    closed_topics: set[int] = field(default_factory=set)  # only admins may post in them
    changed: Signal = field(default_factory=Signal)
    last_message_id: int = 0
    # The bot's live locations: ids stopped with stopMessageLiveLocation, and how many times
    # editMessageLiveLocation moved each. Telegram's messages carry neither.
    stopped_live: set[int] = field(default_factory=set)
    live_edits: dict[int, int] = field(default_factory=dict)

    @property
    def name(self) -> str:
        return self.title or " ".join(filter(None, [self.first_name, self.last_name]))

    def as_dict(self) -> dict[str, Any]:
        fields = {
            "title": self.title,
            "username": self.username,
            "first_name": self.first_name,
            "last_name": self.last_name,
        }
        forum = {"is_forum": True} if self.is_forum else {}
        return {"id": self.id, "type": self.type} | {k: v for k, v in fields.items() if v} | forum

    def next_message_id(self) -> int:
        self.last_message_id += 1
        return self.last_message_id

    def live_message(self, message_id: int) -> dict[str, Any] | None:
        """The message as it is now, or None if it never existed or was deleted."""
        if message_id in self.deleted:
            return None
        return self.messages.get(message_id)


@dataclass(eq=False)
class PendingQuery:
    """A callback or pre-checkout query a person is waiting on the bot to answer. Telegram
    takes the bot's answer until ``expires_at`` (``time.monotonic()``), once."""

    user: dict[str, Any]
    expires_at: float
    answer: asyncio.Future[Any] = field(default_factory=asyncio.Future)

    def is_open(self) -> bool:
        """Whether an answer would still be taken: none came yet and the query is not old."""
        return not self.answer.done() and time.monotonic() < self.expires_at

    def seconds_left(self) -> float:
        return max(self.expires_at - time.monotonic(), 0.0)

    def drop(self) -> None:
        """Telegram gave up on the query: no answer is taken any more."""
        if not self.answer.done():
            self.answer.cancel()


class State:
    """The emulated server's memory, shared by the HTTP methods and the people."""

    def __init__(self, bot_user: dict[str, Any], *, privacy_mode: bool,
                 first_update_id: int = 1, callback_deadline_s: float = 15.0,
                 pre_checkout_deadline_s: float = 10.0) -> None:
        self.bot_user = bot_user
        self.privacy_mode = privacy_mode
        self.callback_deadline_s = callback_deadline_s
        self.pre_checkout_deadline_s = pre_checkout_deadline_s
        self.chats: dict[int, Chat] = {}
        self.users: dict[int, dict[str, Any]] = {}
        self.updates = UpdateQueue(first_update_id)
        self.webhook_url = ""
        self.webhook_secret = ""
        self.webhook_max_connections = 40
        self.transcript: list[Entry] = []
        self.callback_queries: dict[str, PendingQuery] = {}
        self.checkout_queries: dict[str, PendingQuery] = {}
        self.invoice_payloads: dict[tuple[int, int], str] = {}
        self.payments: dict[str, Payment] = {}
        self.star_transactions: list[dict[str, Any]] = []  # getStarTransactions, oldest first
        self.commands: dict[tuple[str, str], list[dict[str, Any]]] = {}
        self.menu_buttons: dict[int | None, dict[str, Any]] = {}
        self.clock_offset = 0  # seconds Telegram's clock is ahead of the real one (advance)
        self._query_ids = itertools.count(4_000_000_000_000_000_001)

    def now(self) -> int:
        """Telegram's clock in Unix seconds (message dates, live periods): the real one,
        moved on by ``BotApiEmulator.advance``."""
        return now() + self.clock_offset

    @property
    def bot_id(self) -> int:
        return self.bot_user["id"]

    def find_chat(self, chat_id: int | str) -> Chat:
        if isinstance(chat_id, str):
            wanted = chat_id.removeprefix("@").lower()
            for chat in self.chats.values():
                if chat.username and chat.username.lower() == wanted:
                    return chat
        elif chat_id in self.chats:
            return self.chats[chat_id]
        raise bad_request(CHAT_NOT_FOUND)

    def reachable_chat(self, chat_id: int | str) -> Chat:
        """A chat the bot may write to now."""
        chat = self.find_chat(chat_id)
        if chat.migrated_to is not None:
            raise migrated(chat.migrated_to)
        if chat.type == "private" and chat.blocked:
            raise forbidden("bot was blocked by the user")
        if chat.type == "private" and not chat.started:
            raise forbidden("bot can't initiate conversation with a user")
        if chat.type != "private":
            self.check_bot_is_in(chat)
            muted = chat.bot_status == "member" and not chat.members_may_send
            if chat.bot_status == "restricted" or muted:
                raise bad_request("not enough rights to send text messages to the chat")
        return chat

    def check_bot_is_in(self, chat: Chat) -> None:
        """A group the bot was removed from refuses it everything (403)."""
        kind = f"{chat.type} chat"
        if chat.bot_status == "kicked":
            raise forbidden(f"bot was kicked from the {kind}")
        if chat.bot_status == "left":
            raise forbidden(f"bot is not a member of the {kind}")

    def thread(self, chat: Chat, thread_id: int | None) -> dict[str, Any]:
        """The fields a message sent to `thread_id` of a forum carries (none outside forums,
        where the parameter means nothing to us); an unknown topic is refused."""
        if thread_id is None or not chat.is_forum:
            return {}
        if thread_id not in chat.topics:
            raise bad_request("message thread not found")
        if thread_id in chat.closed_topics and chat.bot_status != "administrator":
            raise bad_request("TOPIC_CLOSED")
        return {"message_thread_id": thread_id, "is_topic_message": True}

    def new_query_id(self) -> str:
        return str(next(self._query_ids))

    def open_callback_query(self, user: dict[str, Any]) -> tuple[str, PendingQuery]:
        """A new callback query id and the query, answerable for ``callback_deadline_s``."""
        query = PendingQuery(user, time.monotonic() + self.callback_deadline_s)
        query_id = self.new_query_id()
        self.callback_queries[query_id] = query
        return query_id, query

    def open_checkout_query(self, user: dict[str, Any]) -> tuple[str, PendingQuery]:
        """A new pre-checkout query id and the query, answerable for
        ``pre_checkout_deadline_s``."""
        query = PendingQuery(user, time.monotonic() + self.pre_checkout_deadline_s)
        query_id = self.new_query_id()
        self.checkout_queries[query_id] = query
        return query_id, query

    def post(
        self,
        chat: Chat,
        fields: dict[str, Any],
        *,
        markup: dict[str, Any] | None = None,
        reply_to: dict[str, Any] | None = None,
        silent: bool = False,
    ) -> dict[str, Any]:
        """Store a message the bot sent and show it in the chat; `silent`: sent with
        disable_notification, so the phone shows it without a sound or a buzz."""
        # Copied so that nothing the caller keeps (such as the call log) aliases the chat's state.
        fields, markup = copy.deepcopy((fields, markup))
        message = {
            "message_id": chat.next_message_id(),
            "from": dict(self.bot_user),
            "chat": chat.as_dict(),
            "date": self.now(),
            **fields,
        }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        keyboard: tuple[str, ...] = ()
        if markup and "inline_keyboard" in markup:
            message["reply_markup"] = markup
        elif markup and "keyboard" in markup:
            chat.reply_keyboard = markup
            keyboard = tuple(reply_button_texts(markup))
        elif markup and markup.get("remove_keyboard"):
            chat.reply_keyboard = None
        chat.messages[message["message_id"]] = message
        self._show(chat, message, "sent_silently" if silent else "sent", keyboard)
        return copy.deepcopy(message)

    def edit(self, chat: Chat, message: dict[str, Any], changes: dict[str, Any],
             *, kind: str | None = None) -> dict[str, Any]:
        """Replace a bot message's content; keys mapped to None are removed. The transcript
        calls it `kind` (by default "buttons" when only they changed, else "edited")."""
        edited = {k: v for k, v in message.items() if k not in changes}
        edited |= {k: v for k, v in changes.items() if v is not None}
        edited["edit_date"] = self.now()
        chat.messages[message["message_id"]] = edited
        if kind is None:
            kind = "buttons" if set(changes) == {"reply_markup"} else "edited"
        self._show(chat, edited, kind)
        return copy.deepcopy(edited)

    def is_live(self, chat: Chat, message: dict[str, Any]) -> bool:
        """Whether a live location may still move: not stopped, its period not over."""
        period = message.get("location", {}).get("live_period")
        if period is None or message["message_id"] in chat.stopped_live:
            return False
        return period == LIVE_PERIOD_FOREVER or self.now() <= message["date"] + period

    def delete(self, chat: Chat, message: dict[str, Any]) -> None:
        chat.deleted.add(message["message_id"])
        if message.get("from", {}).get("id") == self.bot_id:
            self.transcript.append(Entry("deleted", chat.id, chat.name, text=summary(message)))
        chat.changed.notify()

    def _show(
        self, chat: Chat, message: dict[str, Any], kind: str, keyboard: tuple[str, ...] = ()
    ) -> None:
        shown = BotMessage.of(copy.deepcopy(message), at=time.monotonic())
        chat.events.append(shown)
        chat.changed.notify()
        entry = Entry(
            kind,
            chat.id,
            chat.name,
            text=summary(message),
            buttons=tuple(shown.buttons),
            keyboard=keyboard,
        )
        self.transcript.append(entry)

    def receive(
        self, user: dict[str, Any], chat: Chat, fields: dict[str, Any], *, deliver: bool = True
    ) -> dict[str, Any]:
        """Store a message a person sent and queue it for the bot if the bot would see it
        (unless `deliver` is False: the update is lost on the way)."""
        message = {
            "message_id": chat.next_message_id(),
            "from": user,
            "chat": chat.as_dict(),
            "date": self.now(),
            **fields,
        }
        chat.messages[message["message_id"]] = message
        if chat.type == "private":
            chat.started = True
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None
        if deliver and self.bot_sees(chat, message):
            self.updates.push("message", copy.deepcopy(message))
        return copy.deepcopy(message)

    def receive_edit(self, chat: Chat, message: dict[str, Any]) -> dict[str, Any]:
        """Store a person's edit of their own message and queue it as edited_message."""
        edited = copy.deepcopy(message) | {"edit_date": self.now()}
        chat.messages[edited["message_id"]] = edited
        if self.bot_sees(chat, edited):
            self.updates.push("edited_message", copy.deepcopy(edited))
        return copy.deepcopy(edited)

    def charged(self, payment: Payment) -> None:
        """Keep a payment; one in Stars is an incoming transaction of the bot's."""
        self.payments[payment.charge_id] = payment
        if payment.currency == STARS:
            self._star_transaction(payment, "source")

    def refund(self, payment: Payment) -> None:
        """Mark a payment refunded and announce it in the payer's private chat. The Stars go
        out in a transaction of their own, with the id of the payment (which stays listed)."""
        self.payments[payment.charge_id] = replace(payment, refunded=True)
        self._star_transaction(payment, "receiver")
        chat = self.chats[payment.user_id]
        amount = f"{payment.total_amount} {payment.currency}"
        self.transcript.append(Entry("refunded", chat.id, chat.name, text=amount))
        fields = {"refunded_payment": payment.refunded_payment()}
        self.receive(self.users[payment.user_id], chat, fields)

    def _star_transaction(self, payment: Payment, partner: str) -> None:
        """An incoming payment names its payer as `source`; a refund names them `receiver`."""
        user = {
            "type": "user",
            "transaction_type": "invoice_payment",
            "user": copy.deepcopy(self.users[payment.user_id]),
            "invoice_payload": payment.payload,
        }
        self.star_transactions.append({"id": payment.charge_id, "amount": payment.total_amount,
                                       "date": self.now(), partner: user})

    def bot_sees(self, chat: Chat, message: dict[str, Any]) -> bool:
        """Group privacy mode: only commands, mentions and replies to the bot get through."""
        if chat.type != "private" and chat.bot_status in ("left", "kicked"):
            return False
        if chat.type == "private" or not self.privacy_mode:
            return True
        if "text" not in message and "location" not in message:
            return True
        text = message.get("text", "")
        username = self.bot_user["username"].lower()
        command = COMMAND.match(text)
        if command:
            _, _, addressee = command.group().partition("@")
            return addressee.lower() in ("", username)
        replied = message.get("reply_to_message", {}).get("from", {})
        return f"@{username}" in text.lower() or replied.get("id") == self.bot_id


RESTRICTABLE = (
    "send_messages send_audios send_documents send_photos send_videos send_video_notes "
    "send_voice_notes send_polls send_other_messages add_web_page_previews change_info "
    "invite_users pin_messages manage_topics edit_tag react_to_messages"
)


def chat_member(user: dict[str, Any], status: str) -> dict[str, Any]:
    """A ChatMember object with the fields its status requires."""
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "kicked":
        member["until_date"] = 0
    elif status == "restricted":
        member |= {"is_member": True, "until_date": 0}
        member |= {f"can_{right}": False for right in RESTRICTABLE.split()}
    elif status == "administrator":
        member |= {"can_be_edited": False, "is_anonymous": False}
        rights = (
            "manage_chat delete_messages manage_video_chats restrict_members promote_members "
            "change_info invite_users post_stories edit_stories delete_stories pin_messages"
        )
        member |= {f"can_{right}": True for right in rights.split()}
    return member


def summary(message: dict[str, Any]) -> str:
    """A one-glance description of a message for the transcript."""
    if "text" in message:
        return message["text"]
    if "venue" in message:
        venue = message["venue"]
        return f"⌖ {venue['title']} ({venue['address']})"
    if "location" in message:
        location = message["location"]
        return f"⌖ {location['latitude']}, {location['longitude']}"
    if "invoice" in message:
        invoice = message["invoice"]
        return (
            f"Invoice: {invoice['title']} — {invoice['description']} "
            f"({invoice['total_amount']} {invoice['currency']})"
        )
    return message.get("caption", "")
