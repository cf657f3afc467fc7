"""Direct replies retried: what a handler sends to the person in front of it (a message, the
edit of the pressed message, the answer to a press, an invoice) outlives a flood wait or a
passing failure of Telegram or the network.

python-telegram-bot passes every call of the Application's bot through one hook, its rate
limiter; `ReplyRetries` is that hook. It retries only calls made while an update is handled
(the `mark_answering` pre-handler marks the update's own task). Everything else the same bot
sends passes straight through: the outbox sender, the broadcast progress and the refunds have
retries of their own, and the sender must see a 429 at once to pause all its sending.

A reply is tried at most MAX_TRIES times:
- 429: again after the `retry_after` Telegram gave, then at the outbox's pace (the sender's
  own Pacer, so the two together keep to one pace), as an alert would go. A 429 asking for
  more than MAX_RETRY_AFTER_S is not waited out: a person would have given up by then.
- 5xx, time-outs and network errors: again after RETRY_DELAYS_S.
- Anything else (400, 403...) is final at once.
A call that got no answer (a time-out, a 5xx) may have done its work all the same, so on its
retry "message is not modified" (an edit) and "query is too old" (a press already answered)
mean it did. A sendMessage retried after a time-out may, rarely, arrive twice: Telegram has
no way to send exactly once, and a lost reply is worse. What cannot be sent in the end is
logged (a warning naming the method and the chat) and raised to the handler.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable, Coroutine
from contextvars import ContextVar
from typing import Any

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.ext import BaseRateLimiter

from notifier.pacing import Pacer
from notifier.sender import retry_after

log = logging.getLogger(__name__)

MAX_TRIES = 3
RETRY_DELAYS_S = (0.5, 1.0)  # before the second and the third try, after a failure
MAX_RETRY_AFTER_S = 10.0  # a longer flood wait fails the reply instead
NOT_MODIFIED = "message is not modified"
QUERY_TOO_OLD = "query is too old"

# True in the task handling an update (and in the tasks it starts), from the pre-handler on.
answering: ContextVar[bool] = ContextVar("answering", default=False)

Result = bool | dict[str, Any] | list[dict[str, Any]]


async def mark_answering(update: object, context: object) -> None:
    """Pre-handler: the calls made from here to the end of this update are direct replies."""
    answering.set(True)


class ReplyRetries(BaseRateLimiter[None]):
    """The Application's rate limiter hook: retries direct replies, passes the rest through."""

    def __init__(self, pacer: Pacer,
                 sleep: Callable[[float], Awaitable[object]] = asyncio.sleep) -> None:
        self.pacer = pacer
        self.sleep = sleep

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to tear down."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Result]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: None,
    ) -> Result:
        if not answering.get():
            return await callback(*args, **kwargs)
        chat = data.get("chat_id", "-")
        unanswered = False  # an earlier try got no answer: it may have done its work
        for tries in range(1, MAX_TRIES + 1):
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = retry_after(error).total_seconds()
                if wait > MAX_RETRY_AFTER_S or tries == MAX_TRIES:
                    _give_up(endpoint, chat, error, tries)
                    raise
                await self.sleep(wait)
                await self._take_pace(chat)
            except BadRequest as error:
                if unanswered and _already_done(endpoint, error):
                    log.info("%s to chat %s: done by the try that got no answer", endpoint, chat)
                    return True
                raise
            except NetworkError as error:  # 5xx, time-outs, the connection failing
                unanswered = True
                if tries == MAX_TRIES:
                    _give_up(endpoint, chat, error, tries)
                    raise
                await self.sleep(RETRY_DELAYS_S[tries - 1])
            except Forbidden as error:  # blocked, kicked: final
                _give_up(endpoint, chat, error, tries)
                raise
        raise AssertionError("unreachable")  # every try returns or raises

    async def _take_pace(self, chat: object) -> None:
        """Wait for the outbox's pace to allow a message to this chat, and take the slot."""
        chat_id = chat if isinstance(chat, int) else None
        wait = self.pacer.global_wait(reserve=False)
        if chat_id is not None:
            wait = max(wait, self.pacer.chat_wait(chat_id))
        if wait > 0:
            await self.sleep(wait)
        if chat_id is not None:
            self.pacer.record(chat_id)


def _already_done(endpoint: str, error: BadRequest) -> bool:
    """Whether this refusal of a retry says the failed try did the work after all."""
    text = error.message.lower()
    if endpoint.startswith("edit"):
        return NOT_MODIFIED in text
    return endpoint == "answerCallbackQuery" and QUERY_TOO_OLD in text


def _give_up(endpoint: str, chat: object, error: TelegramError, tries: int) -> None:
    log.warning("%s to chat %s failed for good after %s %s: %s", endpoint, chat, tries,
                "try" if tries == 1 else "tries", error.message)
