"""Giving Telegram Stars back for cancelled paid orders.

The refund decisions are the domain's (domain.orders.cancelling); this only makes the calls. A
refund row is taken for a while before the call, so a crash in between means one more try,
and Telegram answering that the charge is already refunded counts as done.
"""

from __future__ import annotations

import logging

from telegram import Bot
from telegram.error import BadRequest, TelegramError

from domain.payments.use_cases import Payments

log = logging.getLogger(__name__)
ALREADY_REFUNDED = "charge_already_refunded"
MAX_PER_RUN = 50


class StarRefunds:
    def __init__(self, bot: Bot, payments: Payments) -> None:
        self.bot = bot
        self.payments = payments

    async def run_due(self) -> int:
        """Make the refunds that are due; returns how many Telegram confirmed."""
        done = 0
        for _ in range(MAX_PER_RUN):
            claimed = await self.payments.claim_refund()
            if claimed is None:
                break
            payment, customer_id = claimed
            assert payment.id is not None
            try:
                await self.bot.refund_star_payment(customer_id, payment.charge_id)
            except BadRequest as error:
                if ALREADY_REFUNDED not in error.message.lower():
                    await self._failed(payment.id, payment.order_number, error)
                    continue
            except TelegramError as error:
                await self._failed(payment.id, payment.order_number, error)
                continue
            await self.payments.refund_succeeded(payment.id)
            done += 1
        return done

    async def _failed(self, payment_id: int, order_number: int, error: TelegramError) -> None:
        log.warning("refund for order %s failed, will retry: %s", order_number, error)
        await self.payments.refund_failed(payment_id, str(error))
