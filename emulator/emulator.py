"""BotApiEmulator: an offline Telegram Bot API server and the people who talk to the bot."""

import json
import re
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from emulator.flood import FloodLimits
from emulator.holds import Hold
from emulator.methods import canonical_name
from emulator.models import PENDING, ApiCall, EmulatorStats, LiveLocation, Payment
from emulator.people import Group, Person
from emulator.server import ApiServer
from emulator.state import Chat, State, chat_member
from emulator.transcript import Entry, render_transcript
from emulator.webhook import WebhookAttempt, WebhookPusher

TOKEN = re.compile(r"(\d+):[\w-]+")
# Who Telegram names as the sender of what an anonymous group admin does.
ANONYMOUS_ADMIN: dict[str, Any] = {"id": 1087968824, "is_bot": True, "first_name": "Group",
                                   "username": "GroupAnonymousBot"}
MEMBER_STATUSES = ("creator", "administrator", "member", "left", "kicked")


class BotApiEmulator:
    """Serves the Bot API on 127.0.0.1 for one bot and lets tests play its users.

    Failures it can play, checked in this order for every call: an outage (``set_offline``:
    502 or another 5xx), an unknown method (404), planned errors (``fail_next``), random
    errors and timeouts (``inject_faults``), then Telegram's flood limits (``flood_limits=`` or
    ``set_flood_limits``: 429 with ``retry_after``). A call refused by any of them does nothing.
    ``calls`` records every call with the status it got (``ApiCall.outcome``); ``stats`` counts
    flood refusals and injected faults. ``hold_answer`` lets a call do its work and then holds
    its answer back, so a test can kill the bot before it learns the call succeeded.
    """

    def __init__(
        self,
        token: str = "123456:TEST-TOKEN",
        bot_username: str = "ppalli_bot",
        *,
        bot_name: str = "Ppalli",
        privacy_mode: bool = True,
        host: str = "127.0.0.1",
        flood_limits: FloodLimits | None = None,
        first_update_id: int = 1,
        callback_deadline_s: float = 15.0,
        pre_checkout_deadline_s: float = 10.0,
    ) -> None:
        """``first_update_id``: Telegram numbers a bot's updates on from where it left off, so
        a test that plays a second emulator against the same database starts past the first.
        ``callback_deadline_s``: how long after a press answerCallbackQuery is taken (later:
        400 query is too old); ``pre_checkout_deadline_s``: how long Telegram waits for
        answerPreCheckoutQuery before it drops the checkout (later: 400 QUERY_ID_INVALID).
        Both count from when the query is made, and tests may shorten them."""
        match = TOKEN.fullmatch(token)
        if match is None:
            raise ValueError("a bot token looks like '123456:ABC-def'")
        if callback_deadline_s <= 0 or pre_checkout_deadline_s <= 0:
            raise ValueError("query deadlines are more than 0 seconds")
        self.token = token
        self.host = host
        self.port: int | None = None
        bot_user = {
            "id": int(match.group(1)),
            "is_bot": True,
            "first_name": bot_name,
            "username": bot_username,
        }
        self.state = State(bot_user, privacy_mode=privacy_mode, first_update_id=first_update_id,
                           callback_deadline_s=callback_deadline_s,
                           pre_checkout_deadline_s=pre_checkout_deadline_s)
        self._server = ApiServer(token, self.state, flood_limits=flood_limits)
        self._webhook = WebhookPusher(self.state)
        self._people: dict[int, Person] = {}
        self._groups: dict[int, Group] = {}

    @property
    def base_url(self) -> str:
        """What python-telegram-bot's ``base_url`` expects; it appends the token."""
        if self.port is None:
            raise RuntimeError("the emulator is not started")
        return f"http://{self.host}:{self.port}/bot"

    @property
    def bot_user(self) -> dict[str, Any]:
        return dict(self.state.bot_user)

    @property
    def calls(self) -> list[ApiCall]:
        """Every request with the right token, in arrival order, with the status it got."""
        return self._server.calls

    def calls_to(self, method: str) -> list[ApiCall]:
        return [call for call in self.calls if call.method.lower() == method.lower()]

    @property
    def transcript(self) -> list[Entry]:
        return self.state.transcript

    @property
    def payments(self) -> list[Payment]:
        """Every successful payment made with ``Person.pay()``, oldest first."""
        return list(self.state.payments.values())

    def render_transcript(self) -> str:
        return render_transcript(self.transcript)

    async def start(self) -> None:
        self.port = await self._server.start(self.host)
        self._webhook.start()

    async def stop(self) -> None:
        """Release pending long polls, stop webhook deliveries, then close the server."""
        self.state.updates.close()
        await self._webhook.stop()
        await self._server.stop()

    def route_webhook(self, targets: list[str], *, duplicate_share: float = 0.0,
                      seed: int | None = None) -> None:
        """Where the webhook's public URL leads (a load balancer: a random target per
        attempt). Once the bot has called setWebhook, updates are posted there, retried until
        acknowledged; ``duplicate_share`` of them are posted once more after that."""
        self._webhook.route(targets, duplicate_share=duplicate_share, seed=seed)

    def command_menu(self, chat_id: int, language_code: str = "") -> list[str]:
        """The commands a person sees in the chat `chat_id` with their Telegram in
        `language_code`, chosen as Telegram does: the chat's own scope, else all private
        chats (a private chat) or all group chats, else the default; in each the menu of
        their language, else the one without a language."""
        chat = self.state.chats.get(chat_id)
        private = chat is None or chat.type == "private"
        scopes = [{"type": "chat", "chat_id": chat_id},
                  {"type": "all_private_chats" if private else "all_group_chats"},
                  {"type": "default"}]
        for scope in scopes:
            for code in dict.fromkeys((language_code, "")):
                menu = self.state.commands.get((json.dumps(scope, sort_keys=True), code))
                if menu is not None:
                    return [command["command"] for command in menu]
        return []

    def push_update(self, kind: str, payload: dict[str, Any]) -> dict[str, Any] | None:
        """Queue an update of any shape, as Telegram sends it (a kind or a field the bot does
        not know, say); None when the bot's allowed_updates leave the kind out."""
        return self.state.updates.push(kind, payload)

    @property
    def now(self) -> int:
        """Telegram's clock in Unix seconds: what dates messages and ends live locations."""
        return self.state.now()

    def advance(self, seconds: int) -> None:
        """Move Telegram's clock on by ``seconds``, as if that much time had passed: later
        dates (of messages, edits, updates) and the end of a live location's period follow
        it. Query deadlines and flood limits keep to the real clock."""
        if isinstance(seconds, bool) or not isinstance(seconds, int) or seconds < 0:
            raise ValueError("the clock moves on by a whole number of seconds, never back")
        self.state.clock_offset += seconds

    def live_location(self, chat_id: int, message_id: int) -> LiveLocation:
        """A live location the bot sent to `chat_id`: where it is now, whether the bot
        stopped it (stopMessageLiveLocation) and how many times it moved it."""
        chat = self.state.chats.get(chat_id)
        message = chat.live_message(message_id) if chat is not None else None
        if chat is None or message is None or message["from"]["id"] != self.state.bot_id:
            raise LookupError(f"the bot has no message #{message_id} in chat {chat_id}")
        location = message.get("location", {})
        if "live_period" not in location:
            raise ValueError(f"message #{message_id} in chat {chat_id} is not a live location")
        return LiveLocation(
            latitude=location["latitude"],
            longitude=location["longitude"],
            live_period=location["live_period"],
            stopped=message_id in chat.stopped_live,
            edits=chat.live_edits.get(message_id, 0),
            active=self.state.is_live(chat, message),
        )

    @property
    def webhook_attempts(self) -> list[WebhookAttempt]:
        """Every webhook post, in order, with the status it got."""
        return list(self._webhook.attempts)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.stop()

    def user(
        self,
        user_id: int,
        first_name: str,
        *,
        last_name: str | None = None,
        username: str | None = None,
        language_code: str | None = None,
        started: bool = False,
    ) -> Person:
        """A person and their private chat, where the bot may write once they spoke (or started)."""
        if user_id in self._people:
            return self._people[user_id]
        if user_id <= 0:
            raise ValueError("user ids are positive")
        fields = {"last_name": last_name, "username": username, "language_code": language_code}
        user = {"id": user_id, "is_bot": False, "first_name": first_name}
        user |= {key: value for key, value in fields.items() if value}
        chat = Chat(
            user_id,
            "private",
            first_name=first_name,
            last_name=last_name,
            username=username,
            started=started,
        )
        self.state.users[user_id] = user
        self.state.chats[user_id] = chat
        self._people[user_id] = Person(self.state, user, chat)
        return self._people[user_id]

    def group(
        self,
        chat_id: int,
        title: str,
        *,
        supergroup: bool | None = None,
        username: str | None = None,
        forum: bool = False,
    ) -> Group:
        """A group the bot is in; ids starting with -100 are supergroups unless told. A forum
        (a supergroup with topics) starts with its General topic only; see `create_topic`."""
        if chat_id in self._groups:
            return self._groups[chat_id]
        if chat_id >= 0:
            raise ValueError("group chat ids are negative")
        if supergroup is None:
            supergroup = str(chat_id).startswith("-100")
        kind = "supergroup" if supergroup else "group"
        if forum and not supergroup:
            raise ValueError("only supergroups can be forums")
        chat = Chat(chat_id, kind, title=title, username=username, is_forum=forum)
        self.state.chats[chat_id] = chat
        self._groups[chat_id] = Group(self.state, chat)
        return self._groups[chat_id]

    def migrate_group(self, group: Group, to_chat_id: int, by: Person) -> Group:
        """`by` upgrades a group to a supergroup, as Telegram does when it grows or gets a
        public link: a new chat with a new id and the same members. The bot sees a service
        message in each; writing to the old id is refused with migrate_to_chat_id."""
        old = group._chat
        if old.type != "group" or old.migrated_to is not None:
            raise ValueError("only a group not yet upgraded can be")
        new = Chat(to_chat_id, "supergroup", title=old.title, members=dict(old.members))
        self.state.chats[to_chat_id] = new
        self._groups[to_chat_id] = Group(self.state, new)
        self.state.receive(by.user, old, {"migrate_to_chat_id": to_chat_id})
        old.migrated_to = to_chat_id
        self.state.receive(by.user, new, {"migrate_from_chat_id": old.id})
        return self._groups[to_chat_id]

    def create_topic(self, group: Group, name: str, by: Person) -> int:
        """`by` opens a topic in a forum; returns its thread id (the id of the service
        message that opened it, as on Telegram)."""
        chat = group._chat
        if not chat.is_forum:
            raise ValueError(f"{chat.name!r} is not a forum")
        opened = self.state.receive(by.user, chat, {
            "forum_topic_created": {"name": name, "icon_color": 0x6FB9F0}})
        thread_id = opened["message_id"]
        chat.topics[thread_id] = name
        return thread_id

    def close_topic(self, group: Group, thread_id: int, *, closed: bool = True) -> None:
        """Close a forum topic (or open it again): only admins may post in a closed one."""
        if thread_id not in group._chat.topics:
            raise LookupError(f"{group.name!r} has no topic {thread_id}")
        if closed:
            group._chat.closed_topics.add(thread_id)
        else:
            group._chat.closed_topics.discard(thread_id)

    def remove_bot(self, group: Group, by: Person | None, *, status: str = "kicked") -> None:
        """`by` removes the bot from a group ("kicked": banned, "left": just removed); it
        gets my_chat_member, hears nothing more there, and writing there is refused (403).
        Here and below, `by=None` is an anonymous admin: Telegram names GroupAnonymousBot."""
        if status not in ("kicked", "left"):
            raise ValueError("the bot is removed as kicked or left")
        self._bot_membership(group, by, status)

    def restrict_bot(self, group: Group, by: Person | None) -> None:
        """`by` takes the bot's right to send messages in a supergroup away; sending there is
        refused (400, not enough rights) until it is given back with `add_bot`."""
        if group._chat.type != "supergroup":
            raise ValueError("members are restricted in supergroups only")
        self._bot_membership(group, by, "restricted")

    def add_bot(self, group: Group, by: Person | None, *, status: str = "member") -> None:
        """`by` adds the bot (back) to a group, or gives it back its rights."""
        if status not in ("member", "administrator"):
            raise ValueError("the bot is added as member or administrator")
        self._bot_membership(group, by, status)

    def set_members_may_send(self, group: Group, allowed: bool) -> None:
        """Change the group's default permission to send messages, as an admin does in its
        settings: the bot, a plain member, is bound by it, and Telegram says nothing to it."""
        group._chat.members_may_send = allowed

    def _bot_membership(self, group: Group, by: Person | None, status: str) -> None:
        chat = group._chat
        old, chat.bot_status = chat.bot_status, status
        bot = self.state.bot_user
        actor = by.user if by is not None else ANONYMOUS_ADMIN
        self.state.updates.push("my_chat_member", {
            "chat": chat.as_dict(),
            "from": actor,
            "date": self.state.now(),
            "old_chat_member": chat_member(bot, old),
            "new_chat_member": chat_member(bot, status),
        })
        self.state.transcript.append(Entry(f"bot {status}", chat.id, chat.name,
                                           actor_id=actor["id"], actor_name=actor["first_name"]))

    def add_member(self, group: Group, person: Person, status: str = "member") -> None:
        """Make a person a member of a group (as getChatMember reports it); no update is sent."""
        if status not in MEMBER_STATUSES:
            raise ValueError(f"status must be one of {MEMBER_STATUSES}")
        group.add_member(person, status)

    @property
    def names(self) -> dict[int, str]:
        """Display name of every chat and person, by id."""
        return {chat.id: chat.name for chat in self.state.chats.values()}

    def fail_next(
        self,
        method: str,
        error_code: int,
        description: str | None = None,
        *,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
        after_work: bool = False,
    ) -> None:
        """Make the next ``times`` calls of ``method`` (for ``chat_id`` only, if given) fail.

        A failed call does nothing, unless ``after_work``: then it does its work and only its
        answer is the error, as when Telegram's gateway gives up (502, 504) on a request the
        server behind it went on to carry out. The bot cannot tell the two apart.
        """
        canonical = canonical_name(method)
        if canonical is None:
            raise ValueError(f"the emulator does not implement {method}")
        self._server.faults.add(
            canonical,
            error_code,
            description,
            retry_after=retry_after,
            times=times,
            chat_id=chat_id,
            after_work=after_work,
        )

    def hold_answer(self, method: str, *, chat_id: int | None = None,
                    text_contains: str | None = None,
                    matches: Callable[[dict[str, Any], Any], bool] | None = None) -> Hold:
        """The next ``method`` call (to ``chat_id``, with ``text_contains`` in its text, or
        passing ``matches(params, result)``) does its work, then its answer is held until
        ``hold.release()``: kill the bot at ``hold.reached`` to crash it between Telegram
        doing a call and the bot learning that it did."""
        canonical = canonical_name(method)
        if canonical is None:
            raise ValueError(f"the emulator does not implement {method}")

        def wanted(params: dict[str, Any], result: Any) -> bool:
            if chat_id is not None and str(params.get("chat_id")) != str(chat_id):
                return False
            if text_contains is not None and text_contains not in str(params.get("text", "")):
                return False
            return matches is None or matches(params, result)

        return self._server.holds.add(Hold(canonical, wanted))

    async def wait_for_call(self, check: Callable[[ApiCall], bool], within_s: float = 10.0,
                            *, answered: bool = True) -> ApiCall:
        """The first call passing ``check`` (once answered, unless ``answered=False``: as soon
        as it arrives), waiting for it if need be."""
        def found() -> ApiCall | None:
            return next((c for c in self._server.calls
                         if (c.outcome != PENDING or not answered) and check(c)), None)
        return await self._server.calls_changed.wait_until(found, within_s)

    def cancel_planned_failures(self) -> None:
        """Forget the errors planned with ``fail_next`` that have not happened yet."""
        self._server.faults.clear()

    def set_offline(self, offline: bool = True, *, code: int = 502) -> None:
        """An outage: until lifted every call, getUpdates and getMe included, fails with
        ``code`` (502 Bad Gateway; 500 and 504 are seen too) and does nothing. Updates people
        send meanwhile are kept and delivered once it is lifted, as Telegram keeps them."""
        if code not in (500, 502, 503, 504):
            raise ValueError("an outage answers 500, 502, 503 or 504")
        self._server.offline = offline
        self._server.offline_code = code

    @property
    def flood_limits(self) -> FloodLimits | None:
        return self._server.flood.limits

    def set_flood_limits(self, limits: FloodLimits | None) -> None:
        """Enforce Telegram's flood limits on calls that send or edit messages (None: stop).

        A call over a limit gets 429 with ``retry_after`` (whole seconds until it would have
        been accepted) and does nothing; only calls that did their work count. Changing the
        limits keeps the calls already counted; ``None`` forgets them.
        """
        self._server.flood.set_limits(limits)

    def inject_faults(
        self,
        share: float,
        *,
        codes: tuple[int, ...] = (500, 502),
        timeout_share: float = 0.0,
        hang_s: float = 2.0,
        methods: tuple[str, ...] = ("sendMessage",),
        seed: int | None = None,
    ) -> None:
        """Fail a random ``share`` of the calls of ``methods`` with one of ``codes``.

        Another ``timeout_share`` of them hangs ``hang_s`` seconds, then answers 504 Gateway
        Timeout (the client has usually given up by then). A faulted call does nothing. Planned
        errors (``fail_next``) come first and are kept apart; this replaces earlier random faults.
        """
        canonical = []
        for method in methods:
            name = canonical_name(method)
            if name is None:
                raise ValueError(f"the emulator does not implement {method}")
            canonical.append(name)
        self._server.random_faults.set(
            share,
            codes=tuple(codes),
            timeout_share=timeout_share,
            hang_s=hang_s,
            methods=frozenset(canonical),
            seed=seed,
        )

    def clear_faults(self) -> None:
        """Stop random faults; errors planned with ``fail_next`` stay planned."""
        self._server.random_faults.clear()

    @property
    def stats(self) -> EmulatorStats:
        """How many flood-limit 429s and random faults the server has answered so far."""
        return EmulatorStats(
            rate_limited=self._server.flood.refused,
            faults_injected=self._server.random_faults.injected,
        )
