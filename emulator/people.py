"""The people a test plays: they type, press buttons, share locations and read the bot."""

import asyncio
import copy
from typing import Any

from emulator.entities import command_entities
from emulator.markup import reply_button, reply_button_texts
from emulator.models import (
    CHECKOUT_TIMED_OUT,
    BotMessage,
    CallbackAnswer,
    Payment,
    PreCheckoutAnswer,
)
from emulator.state import Chat, PendingQuery, State, chat_member
from emulator.transcript import Entry


def chat_instance(chat_id: int) -> str:
    """A stable opaque id per chat, like callback_query.chat_instance."""
    return str((chat_id * 6364136223846793005 + 1442695040888963407) % 2**63)


def _describe(message: BotMessage) -> str:
    edited = " (edited)" if message.edited else ""
    buttons = "".join(f" [{b}]" for b in message.buttons)
    return f"  #{message.message_id}{edited}: {message.text!r}{buttons}"


class ChatView:
    """One chat as its members see it, with a cursor for waiting on the bot."""

    def __init__(self, state: State, chat: Chat) -> None:
        self._state = state
        self._chat = chat
        self._cursor = 0

    @property
    def id(self) -> int:
        return self._chat.id

    @property
    def name(self) -> str:
        return self._chat.name

    @property
    def inbox(self) -> list[BotMessage]:
        """Every bot message in the chat as it is now; deleted ones are marked."""
        return [
            BotMessage.of(copy.deepcopy(message), deleted=message_id in self._chat.deleted)
            for message_id, message in sorted(self._chat.messages.items())
            if message["from"]["id"] == self._state.bot_id
        ]

    def delete(self, message: BotMessage) -> None:
        """Delete a bot message from the private chat, as a person may (for both sides): the
        bot's later edits of it find no message."""
        found = self._chat.live_message(message.message_id)
        if found is None:
            raise LookupError(f"message {message.message_id} is not in {self.name}'s chat")
        self._state.delete(self._chat, found)

    @property
    def last(self) -> BotMessage | None:
        """The newest bot message that is still there."""
        live = [message for message in self.inbox if not message.deleted]
        return live[-1] if live else None

    @property
    def keyboard(self) -> list[str]:
        """Buttons of the reply keyboard the bot left open in this chat."""
        return reply_button_texts(self._chat.reply_keyboard)

    @property
    def reply_keyboard(self) -> dict[str, Any] | None:
        """The reply keyboard the bot left open in this chat, as it was sent (its buttons'
        request_location and the like, one_time_keyboard...); None when there is none."""
        return copy.deepcopy(self._chat.reply_keyboard)

    @property
    def unread(self) -> list[BotMessage]:
        """Bot messages and edits after the cursor."""
        return self._chat.events[self._cursor :]

    def second_view(self) -> "ChatView":
        """The same chat with a cursor of its own, for another task waiting on it."""
        return ChatView(self._state, self._chat)

    def catch_up(self) -> None:
        """Move the cursor past everything shown so far."""
        self._cursor = len(self._chat.events)

    async def wait_for(self, text: str = "", *, timeout: float = 5.0) -> BotMessage:  # noqa: ASYNC109
        """The first bot message or edit after the cursor containing ``text``; moves the cursor."""
        events = self._chat.events

        def first_match() -> int | None:
            found = (i for i in range(self._cursor, len(events)) if text in events[i].text)
            return next(found, None)

        try:
            index = await self._chat.changed.wait_until(first_match, timeout)
        except TimeoutError:
            raise AssertionError(
                f"{self.name} got no bot message containing {text!r} within {timeout} s; "
                f"after the cursor came:\n{self._unread_report()}"
            ) from None
        self._cursor = index + 1
        return events[index]

    async def expect_nothing(self, within: float = 0.3) -> None:
        """Fail if the bot sends or edits anything in this chat within ``within`` seconds."""
        try:
            await self._chat.changed.wait_until(lambda: self.unread or None, within)
        except TimeoutError:
            return
        raise AssertionError(
            f"{self.name} expected nothing from the bot but got:\n{self._unread_report()}"
        )

    def _unread_report(self) -> str:
        return "\n".join(map(_describe, self.unread)) or "  (nothing)"


class Group(ChatView):
    """A group chat the bot is a member of."""

    def add_member(self, person: "Person", status: str = "member") -> None:
        self._chat.members[person.id] = status


class Person(ChatView):
    """A Telegram user; as a ChatView it is their private chat with the bot."""

    def __init__(self, state: State, user: dict[str, Any], chat: Chat) -> None:
        super().__init__(state, chat)
        self._user = user

    @property
    def name(self) -> str:
        return self._user["first_name"]

    @property
    def user(self) -> dict[str, Any]:
        return dict(self._user)

    async def send(self, text: str, *, reply_to: BotMessage | None = None) -> dict[str, Any]:
        """Type a message in the private chat with the bot."""
        return await self._say(self._chat, text, reply_to)

    async def send_to(
        self, group: Group, text: str, *, reply_to: BotMessage | None = None,
        topic: int | None = None,
    ) -> dict[str, Any]:
        """Type a message in a group (in a forum, in the topic with that thread id)."""
        return await self._say(group._chat, text, reply_to, topic)

    async def share_location(
        self,
        latitude: float,
        longitude: float,
        *,
        live_period: int | None = None,
        in_chat: Group | None = None,
    ) -> dict[str, Any]:
        chat = self._chat if in_chat is None else in_chat._chat
        location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
        description = f"{latitude}, {longitude}"
        if live_period is not None:
            location["live_period"] = live_period
            description += f" (live for {live_period} s)"
        self._act(chat)
        self._record("location", chat, description)
        message = self._state.receive(self._user, chat, {"location": location})
        await asyncio.sleep(0)
        return message

    async def tap_keyboard(
        self, text: str, *, location: tuple[float, float] | None = None
    ) -> dict[str, Any]:
        """Tap a button of the reply keyboard the bot left open in the private chat. A plain
        button sends its text; a request_location button sends ``location`` (the phone's
        position) as a location message, as Telegram does. A one-time keyboard hides."""
        chat = self._chat
        found = reply_button(chat.reply_keyboard, text)
        if found is None:
            raise LookupError(f"no keyboard button [{text}]; the keyboard is {self.keyboard}")
        if found.get("request_location") and location is None:
            raise ValueError(f"[{text}] asks for a location: pass location=(lat, lon)")
        if not found.get("request_location") and any(
                key.startswith("request_") or key == "web_app" for key in found):
            raise ValueError(f"[{text}] asks for something the emulator cannot give: {found}")
        if chat.reply_keyboard and chat.reply_keyboard.get("one_time_keyboard"):
            chat.reply_keyboard = None
        if location is not None and found.get("request_location"):
            return await self.share_location(*location)
        return await self.send(text)

    async def share_contact(self, phone_number: str, first_name: str = "Recipient",
                            user_id: int | None = None) -> dict[str, Any]:
        """Share a contact card (from the phone's address book) in the private chat."""
        contact: dict[str, Any] = {"phone_number": phone_number, "first_name": first_name}
        if user_id is not None:
            contact["user_id"] = user_id
        self._act(self._chat)
        self._record("contact", self._chat, f"{first_name} {phone_number}")
        message = self._state.receive(self._user, self._chat, {"contact": contact})
        await asyncio.sleep(0)
        return message

    async def move_live_location(
        self, message: dict[str, Any], latitude: float, longitude: float
    ) -> dict[str, Any]:
        """Update a live location shared earlier; the bot gets an edited_message."""
        chat = self._state.chats[message["chat"]["id"]]
        current = chat.live_message(message["message_id"])
        if current is None or "live_period" not in current.get("location", {}):
            raise ValueError(f"message {message['message_id']} is not a live location")
        if current["from"]["id"] != self.id:
            raise ValueError(f"{self.name} did not share message {message['message_id']}")
        moved = copy.deepcopy(current)
        moved["location"] |= {"latitude": latitude, "longitude": longitude}
        self._record("moved", chat, f"{latitude}, {longitude}")
        edited = self._state.receive_edit(chat, moved)
        await asyncio.sleep(0)
        return edited

    async def press(
        self,
        button: str,
        *,
        message: BotMessage | None = None,
        in_chat: ChatView | None = None,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """Press an inline button by its text and wait for the bot's answerCallbackQuery.

        ``timeout`` is how long this person waits; Telegram's own deadline (the emulator's
        ``callback_deadline_s``) ends the wait too, since no answer is taken after it. Either
        way no answer raises TimeoutError, naming which of the two ran out."""
        if message is not None:
            chat = self._state.chats[message.chat_id]
            current = self._live(chat, message.message_id)
            found = BotMessage.of(current).button(button)
            if found is None:
                raise LookupError(
                    f"message #{message.message_id} has no button [{button}]; "
                    f"it has {BotMessage.of(current).buttons}"
                )
        else:
            chat = (in_chat or self)._chat
            current, found = self._find_button(chat, button)
        if "callback_data" not in found:
            raise ValueError(f"[{button}] sends no callback query: {found}")
        self._act(chat)
        self._record("pressed", chat, button)
        return await self._callback(chat, current, found["callback_data"], timeout, f"[{button}]")

    async def press_data(
        self,
        message: BotMessage,
        data: str,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
    ) -> CallbackAnswer:
        """Send a callback query with arbitrary data, as a forged or stale button would; waits
        as ``press`` does."""
        chat = self._state.chats[message.chat_id]
        current = self._live(chat, message.message_id)
        self._act(chat)
        self._record("callback_data", chat, data)
        return await self._callback(chat, current, data, timeout, f"data {data!r}")

    async def pay(
        self,
        message: BotMessage | None = None,
        *,
        timeout: float = 5.0,  # noqa: ASYNC109
        deliver_update: bool = True,
    ) -> PreCheckoutAnswer:
        """Pay an invoice (by default the newest here); if approved, send successful_payment.
        With `deliver_update=False` the charge is made but the bot never gets that update, as
        when it died right after fetching it: only getStarTransactions shows the payment.

        Telegram drops a checkout the bot has not answered by its deadline (the emulator's
        ``pre_checkout_deadline_s``): nothing is charged, a later answer is refused, and this
        returns ``ok`` False with CHECKOUT_TIMED_OUT. ``timeout`` is only how long this person
        waits: if it runs out first, TimeoutError, and the query stays open to its deadline
        (an answer then is taken, but nobody is paying any more)."""
        chat = self._chat if message is None else self._state.chats[message.chat_id]
        self._act(chat)
        invoice_message = self._invoice(chat, message)
        invoice = invoice_message["invoice"]
        payload = self._state.invoice_payloads[(chat.id, invoice_message["message_id"])]
        query_id, query = self._state.open_checkout_query(self.user)
        self._state.updates.push(
            "pre_checkout_query",
            {
                "id": query_id,
                "from": self.user,
                "currency": invoice["currency"],
                "total_amount": invoice["total_amount"],
                "invoice_payload": payload,
            },
        )
        answer = await self._answer(query, timeout, f"the checkout of {invoice['title']!r}")
        if answer is None:
            self._record("checkout_failed", chat, invoice["title"])
            return PreCheckoutAnswer(ok=False, error_message=CHECKOUT_TIMED_OUT)
        if answer.ok:
            self._record("paid", chat, f"{invoice['total_amount']} {invoice['currency']}")
            payment = Payment(
                charge_id=f"telegram-{query_id}",
                user_id=self.id,
                chat_id=chat.id,
                currency=invoice["currency"],
                total_amount=invoice["total_amount"],
                payload=payload,
                provider_charge_id=f"provider-{query_id}",
            )
            self._state.charged(payment)
            fields = {"successful_payment": payment.successful_payment()}
            self._state.receive(self._user, chat, fields, deliver=deliver_update)
        return answer

    async def resend_last_payment(self) -> dict[str, Any]:
        """Deliver my newest successful_payment again, same charge id, as Telegram may."""
        mine = [p for p in self._state.payments.values() if p.user_id == self.id]
        if not mine:
            raise LookupError(f"{self.name} has not paid anything yet")
        payment = mine[-1]
        chat = self._state.chats[payment.chat_id]
        self._record("replayed", chat, f"{payment.total_amount} {payment.currency}")
        fields = {"successful_payment": payment.successful_payment()}
        message = self._state.receive(self._user, chat, fields)
        await asyncio.sleep(0)
        return message

    def block_bot(self) -> None:
        """Block the bot: it gets my_chat_member (kicked) and 403 when writing here."""
        if not self._chat.blocked:
            self._chat.blocked = True
            self._membership_changed("member", "kicked")
            self._record("blocked", self._chat, "")

    def unblock_bot(self) -> None:
        if self._chat.blocked:
            self._chat.blocked = False
            self._membership_changed("kicked", "member")
            self._record("unblocked", self._chat, "")

    async def _say(self, chat: Chat, text: str, reply_to: BotMessage | None,
                   topic: int | None = None) -> dict[str, Any]:
        if not text.strip():
            raise ValueError("Telegram does not send empty messages")
        fields: dict[str, Any] = {"text": text}
        entities = command_entities(text)
        if entities:
            fields["entities"] = entities
        if topic is not None:
            if topic not in chat.topics:
                raise LookupError(f"{chat.name!r} has no topic {topic}")
            # As Telegram does: a message in a topic replies to the topic's first message.
            fields |= {"message_thread_id": topic, "is_topic_message": True}
            fields["reply_to_message"] = copy.deepcopy(chat.messages[topic])
        if reply_to is not None:
            original = self._live(chat, reply_to.message_id)
            fields["reply_to_message"] = {
                k: copy.deepcopy(v) for k, v in original.items() if k != "reply_to_message"
            }
        self._act(chat)
        self._record("typed", chat, text)
        message = self._state.receive(self._user, chat, fields)
        await asyncio.sleep(0)
        return message

    def _act(self, chat: Chat) -> None:
        """Check the person can act in the chat; joining a group by acting in it."""
        if chat.blocked:
            raise RuntimeError(f"{self.name} blocked the bot; call unblock_bot() first")
        if chat.type != "private":
            chat.members.setdefault(self.id, "member")

    def _live(self, chat: Chat, message_id: int) -> dict[str, Any]:
        current = chat.live_message(message_id)
        if current is None:
            raise LookupError(f"message #{message_id} in {chat.name!r} does not exist any more")
        return current

    def _find_button(self, chat: Chat, text: str) -> tuple[dict[str, Any], dict[str, Any]]:
        """The newest live bot message in the chat with a button labelled ``text``."""
        shown = [m for m in reversed(ChatView(self._state, chat).inbox) if not m.deleted]
        for message in shown:
            button = message.button(text)
            if button is not None:
                return chat.messages[message.message_id], button
        existing = "; ".join(
            f"#{m.message_id} " + " ".join(f"[{b}]" for b in m.buttons) for m in shown if m.buttons
        )
        raise LookupError(
            f"{self.name} sees no button [{text}] in {chat.name!r}; "
            f"buttons there, newest first: {existing or 'none'}"
        )

    def _invoice(self, chat: Chat, message: BotMessage | None) -> dict[str, Any]:
        if message is not None:
            return self._live(chat, message.message_id)
        for shown in reversed(ChatView(self._state, chat).inbox):
            if shown.invoice is not None and not shown.deleted:
                return chat.messages[shown.message_id]
        raise LookupError(f"there is no invoice in {chat.name!r}")

    async def _callback(
        self, chat: Chat, message: dict[str, Any], data: str, within: float, label: str
    ) -> CallbackAnswer:
        query_id, query = self._state.open_callback_query(self.user)
        self._state.updates.push(
            "callback_query",
            {
                "id": query_id,
                "from": self.user,
                "message": copy.deepcopy(message),
                "chat_instance": chat_instance(chat.id),
                "data": data,
            },
        )
        what = f"{self.name}'s press of {label}"
        answer = await self._answer(query, within, what)
        if answer is None:
            deadline = self._state.callback_deadline_s
            raise TimeoutError(f"Telegram stopped waiting for the bot's answer to {what} "
                               f"after {deadline} s")
        return answer

    async def _answer(self, query: PendingQuery, within: float, what: str) -> Any:
        """The bot's answer; None if Telegram's deadline for it passed first (the query is
        dropped); TimeoutError if this person stopped waiting (after ``within`` s) first."""
        left = query.seconds_left()
        try:
            # Shielded: a person who stops waiting leaves the query open until its deadline.
            return await asyncio.wait_for(asyncio.shield(query.answer), min(within, left))
        except TimeoutError:
            if query.answer.done():  # answered just as the wait ended
                return query.answer.result()
            if left <= within:
                query.drop()
                return None
            raise TimeoutError(f"the bot did not answer {what} within {within} s") from None

    def _membership_changed(self, old: str, new: str) -> None:
        bot = self._state.bot_user
        self._state.updates.push(
            "my_chat_member",
            {
                "chat": self._chat.as_dict(),
                "from": self.user,
                "date": self._state.now(),
                "old_chat_member": chat_member(bot, old),
                "new_chat_member": chat_member(bot, new),
            },
        )

    def _record(self, kind: str, chat: Chat, text: str) -> None:
        entry = Entry(kind, chat.id, chat.name, text=text, actor_id=self.id, actor_name=self.name)
        self._state.transcript.append(entry)
