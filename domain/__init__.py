"""The business, knowing nothing of Telegram: one subpackage per part, each with its model
and its use cases side by side. From the bottom up:

    shared/       clock, errors, deadline rows, the update in hand, and the interfaces of
                  the unit of work and the repositories
    people/       who is talking to the bot: users, their language, the staff
    alerts/       every kind of alert, the outbox row, failed alerts and outages
    orders/       the order aggregate and its state machine (model.py), its events, placing,
                  cancelling, and who is told what when an order changes (alerts.py)
    shop/         whether orders are taken now (opening hours, a pause), the delivery zone
    payments/     prepaid orders: invoices, payments Telegram confirms, refunds, reconciling
    dispatch/     riders, offers and who is next, taking a job, the handover
    broadcasts/   announcements to every customer or rider
    parcels/      the parcel wizard (a stored draft) and its price
    menu/         the shop's catalog, the cart, checkout with stock, the kitchen's moves
    deadlines/    the sweep that fires timed rules (offer timeouts, reminders, expiries)
    reading/      read-only views: order pages, the day's numbers, the daily report
    services.py   wires the use cases together: `services.orders.approve(...)`
    persistence/  SQLAlchemy: tables, mapping, repositories, the SQL unit of work

A part imports only parts below it (pyproject.toml's import-linter contracts check it, and
that nothing here but persistence/ touches SQLAlchemy). Start with orders/model.py: the
statuses, who may move an order where, and the events each move records.
"""
