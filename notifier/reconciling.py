"""Reading the bot's Star transactions (getStarTransactions) for payments whose
successful_payment never arrived, before unpaid orders expire.

The decisions are the domain's (domain.payments.reconciling); this only reads Telegram's list. For a
bot it comes oldest first, `offset` counting transactions to skip, so the newest are on the
last page: every page is read. The transactions older than anything still to look for are
skipped on later reads (a count kept in this process only; after a restart the list is read
from the start once).
"""

from __future__ import annotations

import logging
from datetime import timedelta

from telegram import Bot, StarTransaction, TransactionPartnerUser
from telegram.constants import TransactionPartnerUser as PartnerKind
from telegram.error import TelegramError

from domain.payments.model import STARS
from domain.payments.reconciling import FoundPayment, PaymentCheck, PaymentReconciliation
from domain.payments.use_cases import Payments

log = logging.getLogger(__name__)
PAGE = 100  # the most getStarTransactions gives at once
KEEP_READING = timedelta(hours=1)  # transactions this much older than a check are re-read


class StarPaymentCheck:
    def __init__(self, bot: Bot, payments: Payments) -> None:
        self.bot = bot
        self.reconciliation = PaymentReconciliation(payments)
        self._skip = 0  # transactions known to be older than anything still to look for

    async def run_due(self) -> int:
        """Look for the payments of the unpaid orders about to expire; returns how many orders
        were settled (placed, refunded or expired). Telegram failing is logged and asked again
        at the next sweep, the expiries held meanwhile (see domain.payments.reconciling). Any other
        failure is logged too and kept from stopping the sweep's other deadlines: at worst an
        order then expires unchecked, as before this check existed."""
        try:
            check = await self.reconciliation.start()
            if check is None:
                return 0
            try:
                found = await self._payments(check)
            except TelegramError as error:
                log.warning("getStarTransactions failed; %s unpaid orders wait for the next "
                            "try: %s", len(check.numbers), error)
                return 0
            outcome = await self.reconciliation.finish(check, found)
        except Exception:
            log.exception("checking Star payments failed; the next sweep tries again")
            return 0
        for number in outcome.placed:
            log.warning("order %s: its payment never arrived as an update; found and placed",
                        number)
        for number in outcome.refunded:
            log.warning("order %s: a payment found for it is refunded", number)
        return len(outcome.placed) + len(outcome.refunded) + len(outcome.expired)

    async def _payments(self, check: PaymentCheck) -> list[FoundPayment]:
        """Every incoming Stars payment from a user still standing (not refunded), read from
        the first transaction that may matter to the last."""
        transactions: list[StarTransaction] = []
        while True:
            page = (await self.bot.get_star_transactions(
                offset=self._skip + len(transactions), limit=PAGE)).transactions
            transactions.extend(page)
            if len(page) < PAGE:
                break
        refunded = {t.id for t in transactions if t.receiver is not None}
        found = [payment for t in transactions
                 if t.id not in refunded and (payment := _incoming(t)) is not None]
        self._skip += _older_than(transactions, check)
        return found


def _incoming(transaction: StarTransaction) -> FoundPayment | None:
    source = transaction.source
    if not isinstance(source, TransactionPartnerUser) or source.invoice_payload is None:
        return None
    if source.transaction_type != PartnerKind.INVOICE_PAYMENT:
        return None
    return FoundPayment(charge_id=transaction.id, payer_id=source.user.id,
                        payer_name=source.user.first_name, payload=source.invoice_payload,
                        currency=STARS, amount=transaction.amount, paid_at=transaction.date)


def _older_than(transactions: list[StarTransaction], check: PaymentCheck) -> int:
    """How many come before the first one that a later check may still need."""
    keep_from = check.since - KEEP_READING
    for index, transaction in enumerate(transactions):
        if transaction.date >= keep_from:
            return index
    return len(transactions)
