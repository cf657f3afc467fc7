"""Prepaid orders: invoices, payments Telegram confirms, refunds, reconciling."""
