"""What every handler shares: the typed context, who is asking, replies, and the one place
where refusals become plain replies."""

from __future__ import annotations

import asyncio
import html
import logging
import re
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from datetime import datetime, tzinfo
from typing import Any

from telegram import (
    CallbackQuery,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.constants import ChatType
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    BaseHandler,
    CallbackContext,
    CallbackQueryHandler,
    ExtBot,
    MessageHandler,
    filters,
)

from domain.orders.model import Order
from domain.orders.placing import ChatMessage
from domain.people.model import Person, language_for
from domain.services import Services
from domain.shared.errors import AlreadyApplied, DomainError, InvalidAnswer
from domain.shared.handling import update_in_hand
from domain.shared.text import normalized, utf16_length
from views.callbacks import Callback, decode
from views.commands import unknown_command as unknown_command_text
from views.commands import usage
from views.i18n import CATALOGS, DEFAULT_LANGUAGE, MAX_MESSAGE, Html, pages, t
from views.orders import card_buttons, order_card
from views.words import coming, price

log = logging.getLogger(__name__)
Answer = tuple[Html, InlineKeyboardMarkup | None]  # a reply's text and buttons


class ChatContext(CallbackContext[ExtBot, dict, dict, dict]):
    """The handler context, with the person asking and the languages filled in up front (by
    `know_asker`): the person's own (`own_lang`: the toasts only they see) and the chat's
    (`lang`: everything written into the chat), which differ only in the store's group, where
    the chat reads STORE_LANGUAGE whoever typed."""

    def __init__(self, application: Application, chat_id: int | None = None,
                 user_id: int | None = None) -> None:
        super().__init__(application, chat_id=chat_id, user_id=user_id)
        self.person: Person | None = None
        self.own_lang: str = "en"
        self.chat_lang: str | None = None  # the store's language, in the store's group

    @property
    def lang(self) -> str:
        """The language of what is written into the chat."""
        return self.chat_lang or self.own_lang

    @property
    def services(self) -> Services:
        return self.bot_data["services"]

    @property
    def tz(self) -> tzinfo:
        return self.bot_data["tz"]

    def asker(self) -> Person:
        assert self.person is not None, "the identify pre-handler did not run"
        return self.person

    def text(self, key: str, **params: Any) -> Html:
        """A text for the chat."""
        return t(self.lang, key, **params)

    def toast(self, key: str, **params: Any) -> Html:
        """A text for a press's answer, which only the presser sees: in their own language."""
        return t(self.own_lang, key, **params)


async def identify(update: object, context: ChatContext) -> None:
    """Runs before every handler: remember who is talking and in which language."""
    if not isinstance(update, Update) or update.effective_user is None:
        return
    edited = update.edited_message
    if edited is not None and edited.location is None:
        # Editing an old message must not answer today's question or rerun a command (a live
        # location moving arrives as an edit, and goes on: it is a rider's position).
        raise ApplicationHandlerStop
    await know_asker(update, context, remember=True)


async def identify_again(update: Update, context: ChatContext) -> bool:
    """For what answers an update outside the handlers' context: the gate (before `identify`
    ran) and the error handlers, whose context python-telegram-bot builds afresh for each
    (it starts in English, knowing nobody). Fills in the person and the languages, changing
    nothing; False for an update from nobody."""
    if update.effective_user is None:
        return False
    if context.person is None:
        try:
            await know_asker(update, context, remember=False)
        except Exception:  # the database failing: the refusal or apology still goes
            log.warning("the language of %s could not be read", update.effective_user.id,
                        exc_info=True)
    return True


async def know_asker(update: Update, context: ChatContext, *, remember: bool) -> None:
    """The one place deciding who acts and in which language an update is answered: their
    choice (/language), else their Telegram's (`language_code`: Korean for `ko`), and in the
    store's group STORE_LANGUAGE for all that is written there. With `remember`, someone
    writing to the bot in private (or paying, which happens there) is remembered, and so
    becomes a customer whom announcements reach; in a group they are only read."""
    user = update.effective_user
    assert user is not None
    context.person = Person(user.id, user.full_name)
    context.own_lang = language_for(user.language_code)
    context.chat_lang = store_language(update, context)
    chat = update.effective_chat
    if remember and chat is not None and chat.type == ChatType.PRIVATE:
        stored = await context.services.people.remember_user(context.person,
                                                             user.language_code)
        context.own_lang = stored.language
    else:
        context.own_lang = await context.services.people.language_of(context.person,
                                                                     user.language_code)


def store_language(update: Update, context: ChatContext) -> str | None:
    """STORE_LANGUAGE in the store's group (by its configured id, or the one it has since
    its upgrade to a supergroup, as the gate knows it); None elsewhere. When the store's
    chats are the admins' private chats (no STORE_CHAT_ID), each admin keeps their own."""
    if not in_store_group(update, context):
        return None
    language: str = context.bot_data.get("store_language", DEFAULT_LANGUAGE)
    return language


def in_store_group(update: Update, context: ChatContext) -> bool:
    """Whether the update happened in the store's group (see store_language)."""
    chat = update.effective_chat
    if chat is None or is_private(update):
        return False
    return chat.id in (context.bot_data.get("store_chats") or context.services.rules.store_chats)


def is_private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == ChatType.PRIVATE


def buttons(*rows: Sequence[tuple[str, str]]) -> InlineKeyboardMarkup:
    """An inline keyboard from rows of (label, callback data)."""
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(label, callback_data=data) for label, data in row] for row in rows]
    )


async def reply(update: Update, context: ChatContext, text: str,
                markup: InlineKeyboardMarkup | ReplyKeyboardMarkup | None = None) -> Message:
    """Answer the person in front of us, in the chat (and forum topic) they wrote or pressed in."""
    chat = update.effective_chat
    assert chat is not None
    return await context.bot.send_message(chat.id, text, reply_markup=markup,
                                          message_thread_id=topic_of(update))


def topic_of(update: Update) -> int | None:
    """The forum topic the update happened in (None outside forums and in General)."""
    message = update.effective_message
    return message.message_thread_id if message and message.is_topic_message else None


async def reply_lines(update: Update, context: ChatContext, lines: Sequence[str]) -> None:
    """Answer with lines, in as few messages as Telegram's length limit allows (a line is
    never cut; the limit counts UTF-16 units, and the markup only makes us count more)."""
    for page in pages(lines):
        await reply(update, context, page)


def order_number_arg(context: ChatContext, usage: str, index: int = 0) -> int:
    """The order number in a command's arguments (`5` or `#5`), or a usage refusal."""
    try:
        value = normalized(context.args[index]).removeprefix("#") if context.args else ""
    except IndexError:
        value = ""
    if not (value.isascii() and value.isdigit()) or len(value) > 12:
        raise InvalidAnswer("usage", usage=usage)
    return int(value)


OrderMove = Callable[["ChatContext", int], Awaitable[Answer]]  # a move on order N, and its answer
Handler = Callable[[Update, "ChatContext"], Coroutine[Any, Any, None]]


def order_command(usage: str, move: OrderMove, doc: str) -> Handler:
    """The typed command (`usage`, like "/approve N"): the move on that order, answered with
    a new message."""
    async def command(update: Update, context: ChatContext) -> None:
        await reply(update, context, *await move(context, order_number_arg(context, usage)))

    command.__doc__ = doc
    return command


def order_button(move: OrderMove, doc: str) -> Handler:
    """The button for the same move: the same checks, answered by a toast and under the
    pressed message (a person's own action is never echoed as a new message)."""
    async def button(update: Update, context: ChatContext) -> None:
        data = pressed(update)
        assert data is not None
        text, markup = await move(context, data.number())
        await finish_with(update, context, text, markup, toast=as_toast(text), below=True)

    button.__doc__ = doc
    return button


def pressed_message(update: Update) -> ChatMessage | None:
    """The message whose button was pressed, if Telegram still lets the bot edit it."""
    query = update.callback_query
    message = query.message if query else None
    if not isinstance(message, Message):
        return None
    return ChatMessage(message.chat.id, message.message_id)


async def summary_becomes_card(update: Update, context: ChatContext, order: Order) -> None:
    """Confirm pressed: the summary turns into the order's card (recorded when the order was
    placed, so every later move edits it), and the press is answered with a toast."""
    await finish_with(update, context, *customer_card(context, order),
                      toast=context.toast("placed", number=order.number))


async def refused_above(update: Update, context: ChatContext, error: DomainError, text: str,
                        markup: InlineKeyboardMarkup | None) -> None:
    """A press refused where it was made: the pressed message becomes the reason above
    the question it answered (a Confirm while the shop is closed: the summary, kept)."""
    await finish_with(update, context, Html(f"{refusal_text(context.lang, error)}\n\n{text}"),
                      markup)


def customer_card(context: ChatContext, order: Order) -> Answer:
    """The customer's order card and its buttons (cancel, while they may)."""
    steps = card_buttons(context.lang, order)
    return (order_card(context.lang, order, context.tz, for_customer=True),
            buttons(steps) if steps else None)


def rest_args(context: ChatContext, start: int) -> str:
    return " ".join((context.args or [])[start:]).strip()


def pressed(update: Update) -> Callback | None:
    query = update.callback_query
    return decode(query.data if query else None)


async def done(update: Update, context: ChatContext, toast: str | None = None,
               remove_buttons: bool = True) -> None:
    """Finish a button press: answer it (always) and, usually, take its buttons away; both
    calls at once, as neither waits for the other."""
    query = update.callback_query
    assert query is not None
    if remove_buttons and query.message is not None:
        await asyncio.gather(answer_press(query, toast), _remove_buttons(query))
    else:
        await answer_press(query, toast)


async def finish_with(update: Update, context: ChatContext, text: str,
                      markup: InlineKeyboardMarkup | None = None, *, toast: str | None = None,
                      below: bool = False, in_place: bool = True) -> None:
    """Finish a button press (see done) by editing the pressed message into the answer: a
    wizard's question becomes the next question, an offer the job. With `below` the message
    keeps what it showed and the answer goes under it (a new-order alert gains "approved").
    A new message only when the pressed one cannot take the answer (gone, too old to edit,
    not text, too long) or, with `in_place=False`, when it must stay as it is (a list of
    jobs with other jobs' buttons)."""
    query = update.callback_query
    assert query is not None
    if not in_place:
        await asyncio.gather(answer_press(query, toast), reply(update, context, text, markup))
        return

    if below and query.message is not None and query.message.chat.type != ChatType.PRIVATE:
        text = f"{text} · {html.escape(query.from_user.first_name)}"  # who, in a staff group

    async def edit_or_reply() -> None:
        edited = _edited_text(query.message, text, below)
        if edited is not None and await _edit_pressed(query, edited, markup):
            return
        if query.message is not None:
            await _remove_buttons(query)
        await reply(update, context, text, markup)

    await asyncio.gather(answer_press(query, toast), edit_or_reply())


def _edited_text(message: object, answer: str, below: bool) -> str | None:
    """What the pressed message should read after the press, or None if it cannot."""
    if not isinstance(message, Message) or message.text is None:
        return None  # deleted, inaccessible, or not a text message (an invoice, a location)
    text = f"{message.text_html}\n\n{answer}" if below else answer
    return text if utf16_length(text) <= MAX_MESSAGE else None


async def _edit_pressed(query: CallbackQuery, text: str,
                        markup: InlineKeyboardMarkup | None) -> bool:
    """Edit the pressed message; False if Telegram will not have it edited."""
    try:
        await query.edit_message_text(text, reply_markup=markup)
    except BadRequest as error:
        if "not modified" in error.message.lower():
            return True  # it shows this already (the alert sender was quicker)
        log.debug("could not edit the pressed message: %s", error)
        return False
    return True


async def answer_press(query: CallbackQuery, toast: str | None = None,
                       show_alert: bool = False) -> None:
    """Answer the press. If Telegram no longer takes the answer (a press answered later than
    Telegram waits is "too old"), the rest of the reply still goes: the press only stops
    spinning on its own."""
    try:
        await query.answer(toast, show_alert=show_alert)
    except TelegramError as error:
        log.warning("a press by %s could not be answered: %s", query.from_user.id, error.message)


async def show_instead(update: Update, context: ChatContext, text: str,
                       markup: InlineKeyboardMarkup | None, toast: str) -> None:
    """The pressed message becomes the current state (a new message if it cannot be
    edited), with a toast saying why: a button under something out of date, or one that
    changed the state it shows."""
    query = update.callback_query
    assert query is not None

    async def edit_or_reply() -> None:
        if query.message is not None:
            try:
                await query.edit_message_text(text, reply_markup=markup)
                return
            except BadRequest as error:  # the message is gone, or too old to edit
                log.debug("could not edit the pressed message: %s", error)
        await reply(update, context, text, markup)

    await asyncio.gather(answer_press(query, toast), edit_or_reply())


async def _remove_buttons(query: CallbackQuery) -> None:
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as error:  # already removed, or the message is gone
        log.debug("could not remove buttons: %s", error)


async def refuse(update: object, context: ChatContext) -> None:
    """The one place where errors become replies: refusals verbatim, anything else apologised
    (except a reply that could not be sent: the apology would not get through either). In
    the asker's language, or the store's in its group; a press's answer in the presser's."""
    error = context.error
    if is_rerun_answer(error):  # handlers.replay answers it
        return
    if _unsendable(error):
        log.warning("a reply could not be sent (%s); no apology tried", type(error).__name__)
        return
    if not isinstance(error, DomainError):
        log.error("unexpected error handling an update", exc_info=error)
    if not isinstance(update, Update):
        return
    await identify_again(update, context)
    query = update.callback_query
    if query is not None:
        try:
            await query.answer(as_toast(_error_text(context.own_lang, error)), show_alert=True)
        except BadRequest:
            log.debug("callback already answered")
    if update.effective_chat is not None and (query is None or not isinstance(error, DomainError)):
        await context.bot.send_message(update.effective_chat.id,
                                       _error_text(context.lang, error),
                                       message_thread_id=topic_of(update))


def _error_text(lang: str, error: object) -> Html:
    if isinstance(error, DomainError):
        return refusal_text(lang, error)
    return t(lang, "error.unexpected")


def is_rerun_answer(error: object) -> bool:
    """The error only says that an earlier run of this update already did its work: skipped
    work, or a refusal from a state that has moved on ("already approved")."""
    if isinstance(error, AlreadyApplied):
        return True
    in_hand = update_in_hand()
    return isinstance(error, DomainError) and in_hand is not None and in_hand.catching_up


def _unsendable(error: object) -> bool:
    """A reply failed for good: the person blocked the bot, or Telegram stayed down or busy
    through the reply's retries (bot.replies). A refused request (400) is our mistake."""
    return (isinstance(error, Forbidden | RetryAfter)
            or (isinstance(error, NetworkError) and not isinstance(error, BadRequest)))


def refusal_text(lang: str, error: DomainError) -> Html:
    params = dict(error.params)
    if "status" in params:  # an order status reads in the person's words
        params["status"] = t(lang, f"status.{params['status']}")
    if "state" in params:  # so does a rider's or an announcement's
        family = "broadcast" if error.code == "broadcast_state" else "rider"
        if f"{family}.state.{params['state']}" in CATALOGS["en"]:
            params["state"] = t(lang, f"{family}.state.{params['state']}")
    if "usage" in params:
        params["usage"] = usage(lang, str(params["usage"]))
    for name in ("price", "was"):  # amounts of money, as the person's language writes them
        amount = params.get(name)
        if isinstance(amount, int):
            params[name] = price(lang, amount)
    for name, value in params.items():  # a moment to come (the shop opening again)
        if isinstance(value, datetime):
            params[name] = coming(lang, value)
    try:
        return t(lang, f"error.{error.code}", **params)
    except (KeyError, IndexError, ValueError):
        log.error("no usable text for refusal %s %s", error.code, error.params)
        return t(lang, "error.unexpected")


def as_toast(text: str) -> str:
    """Callback answers are plain text of at most 200 characters."""
    plain = html.unescape(re.sub(r"<[^>]+>", "", text))
    return plain if len(plain) <= 200 else plain[:199] + "…"


async def unknown_command(update: Update, context: ChatContext) -> None:
    """A command nobody handles: say so, and point to /help."""
    assert update.effective_message is not None
    command = (update.effective_message.text or "").split()[0].split("@")[0]
    await reply(update, context, unknown_command_text(context.lang, command))


async def other_message(update: Update, context: ChatContext) -> None:
    """Stickers, photos and the like in a private chat get the usual hint, never silence."""
    await reply(update, context, hint(context, "hint.free_text"))


def hint(context: ChatContext, key: str) -> Html:
    """A hint that points to how this shop's orders begin: /order, or /menu in a shop that
    takes only menu orders."""
    command = "/order" if context.services.rules.menu.takes_parcels else "/menu"
    return context.text(key, command=command)


async def stale_button(update: Update, context: ChatContext) -> None:
    """A button whose data is not (or no longer) one of ours."""
    assert update.callback_query is not None
    await answer_press(update.callback_query, context.toast("button.stale"), show_alert=True)


def fallback_handlers() -> list[BaseHandler]:
    """Registered after every audience's handlers."""
    return [
        MessageHandler(filters.COMMAND, unknown_command),
        MessageHandler(
            filters.ChatType.PRIVATE & ~filters.COMMAND & ~filters.UpdateType.EDITED
            & ~filters.StatusUpdate.ALL,
            other_message,
        ),
        CallbackQueryHandler(stale_button),
    ]
