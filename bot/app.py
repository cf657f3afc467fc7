"""Building the python-telegram-bot Application: defaults, context, handlers, error reply."""

from __future__ import annotations

from telegram import Update
from telegram.constants import ParseMode
from telegram.ext import Application, ApplicationBuilder, ContextTypes, Defaults, TypeHandler

from bot.metrics import mark_outcome
from bot.replies import ReplyRetries, mark_answering
from bot.settings import Settings
from bot.transport import AiohttpRequest
from domain.services import Services
from domain.shared.errors import DomainError
from handlers.admin import admin_handlers
from handlers.commands import CommandMenus
from handlers.common import ChatContext, fallback_handlers, identify, refuse
from handlers.customer import customer_handlers
from handlers.gate import keep_quiet, private_only
from handlers.kitchen import kitchen_handlers
from handlers.membership import membership_handlers
from handlers.menu import menu_handlers
from handlers.opening import opening_handlers
from handlers.payments import InvoiceBreaker, payment_handlers
from handlers.replay import answer_again
from handlers.rider import code_handler, rider_handlers
from handlers.start import start_handlers
from handlers.store import store_handlers
from handlers.throttle import UpdateLimit
from notifier.pacing import Pacer


def build_application(settings: Settings, services: Services) -> Application:
    if not settings.telegram_bot_token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    app = (
        ApplicationBuilder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_url)
        .request(AiohttpRequest())
        .get_updates_request(AiohttpRequest(connection_pool_size=1))
        .defaults(Defaults(parse_mode=ParseMode.HTML))
        .context_types(ContextTypes(context=ChatContext))
        .rate_limiter(ReplyRetries(Pacer(settings.sender_settings().pace)))
        .build()
    )
    app.bot_data["services"] = services
    app.bot_data["tz"] = settings.tz
    app.bot_data["store_language"] = settings.store_chat_language
    app.bot_data["breaker"] = InvoiceBreaker()
    app.bot_data["menus"] = CommandMenus(app.bot, services.rules.menu, services.rules.store_chats,
                                         services.rules.admin_ids, settings.store_chat_language)
    app.bot_data["update_limit"] = UpdateLimit(settings.max_updates_per_minute, services.clock)
    # Marked first, so that the gate's "slow down" is retried like any direct reply.
    app.add_handler(TypeHandler(Update, mark_answering), group=-5)
    app.add_handler(TypeHandler(Update, keep_quiet), group=-4)
    app.add_handler(TypeHandler(Update, identify), group=-3)
    app.add_handler(TypeHandler(Update, private_only), group=-2)
    app.add_handler(code_handler(), group=-1)
    handlers = (membership_handlers() + start_handlers() + customer_handlers() + menu_handlers()
                + payment_handlers() + store_handlers() + opening_handlers() + kitchen_handlers()
                + rider_handlers() + admin_handlers() + fallback_handlers())
    for handler in handlers:
        app.add_handler(handler)
    app.add_error_handler(count_outcome)
    app.add_error_handler(refuse)
    app.add_error_handler(answer_again)
    return app


def shared_pacer(app: Application) -> Pacer:
    """The pace direct replies retry at, for the outbox sender to keep to as well."""
    retries = app.bot.rate_limiter
    assert isinstance(retries, ReplyRetries)
    return retries.pacer


async def count_outcome(update: object, context: ChatContext) -> None:
    """For the metrics: the update ended in a refusal (a domain rule) or an error."""
    mark_outcome("refused" if isinstance(context.error, DomainError) else "error")
