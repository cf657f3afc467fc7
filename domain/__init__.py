"""The business, knowing nothing of Telegram: one subpackage per part, each with its model
and its use cases side by side.

    shared/       clock, errors, the update in hand, unit of work and repository interfaces
    people/       who is talking to the bot: users, their language, the staff
    alerts/       the outbox: messages owed to people, and telling admins of an outage
    orders/       the order aggregate and its state machine, events, placing, cancelling,
                  and who is told what when an order changes
    parcels/      the parcel wizard (a stored draft) and its price
    menu/         the shop's catalog, the cart, checkout with stock, the kitchen's moves
    riders/       becoming a rider, duty, position
    dispatch/     which rider gets which job: offers, ranking, taking a job, the handover
    payments/     prepaid orders: invoices, payments Telegram confirms, refunds, reconciling
    broadcasts/   announcements to every customer or rider
    deadlines/    rules that act when time passes, and the sweep that fires them
    reading/      read-only views: order pages, the day's numbers, the daily report
    persistence/  SQLAlchemy: tables, mapping, repositories, the SQL unit of work
    services.py   wires the use cases together: `services.orders.approve(...)`

Each part imports only parts listed above it (and `shared`), never `persistence`
(pyproject.toml's import-linter contracts check it). Start with `orders/model.py`: the
statuses, who may move an order where, and the events each move records.
"""
