"""How orders, drafts and places read in the chat."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import tzinfo
from typing import Any

from domain.orders.eta import PREP_CHOICES, is_awaited, is_late, missing
from domain.orders.model import (
    AWAITING_RIDER,
    SETTLED,
    Fulfilment,
    Order,
    OrderKind,
    Parcel,
    PaymentMethod,
    Role,
    Status,
    TimelineEntry,
    may_cancel,
)
from domain.parcels.drafts import ParcelDraft
from domain.reading.use_cases import DayStats
from views import menu, requests
from views.callbacks import encode
from views.i18n import (
    MAX_MESSAGE,
    Html,
    latest_kept,
    latest_that_fit,
    newest_kept,
    newest_that_fit,
    t,
    utf16_length,
)
from views.words import (
    current_time,
    day,
    moment,
    payment_word,
    phone,
    place,
    price,
    reason_words,
)

CODE_SHOWN = frozenset({Status.ASSIGNED, Status.PICKED_UP})
TIMELINE_ROOM = 600  # a card's timeline title and latest move, the longest (name, reason)
BACK = frozenset(AWAITING_RIDER.values())  # where a job returns when its rider lets it go


def status(lang: str, value: Status | str, kind: OrderKind = OrderKind.PARCEL) -> Html:
    if kind is OrderKind.MENU and value == Status.APPROVED:
        return t(lang, "status.approved_menu")  # not finding a rider yet: it is not made
    return t(lang, f"status.{Status(value).value}")


def parcel_words(lang: str, size: str, weight_kg: float, heavy: bool) -> dict[str, Html | str]:
    """The size, weight and heavy mark as every order text shows them."""
    return {
        "size": t(lang, f"size.{size}"),
        "weight": f"{weight_kg:g}",
        "heavy": t(lang, "details.heavy") if heavy else Html(""),
    }


def load(lang: str, size: str, weight_kg: float, heavy: bool, items: int | None) -> Html:
    """What a job carries, in lists and offers: a menu order's item count (`items`), or the
    parcel's size and weight."""
    if items is not None:
        return t(lang, "load.item" if items == 1 else "load.items", count=items)
    return t(lang, "load.parcel", **parcel_words(lang, size, weight_kg, heavy))


def order_load(lang: str, order: Order) -> Html:
    return load(lang, order.size.value, order.weight_kg, order.is_heavy, order.item_count)


def details(lang: str, fields: Mapping[str, Any]) -> Html:
    """Parcel, places, recipient and payment, from an order snapshot (see domain.orders.alerts); a
    menu order's items instead of the parcel."""
    if fields.get("order_kind") == "menu":
        return menu.details(lang, fields)
    paid = t(lang, "menu.paid") if fields.get("paid") else ""
    return t(
        lang,
        "details",
        **parcel_words(lang, fields["size"], fields["weight_kg"], fields["heavy"]),
        pickup=place(lang, fields["pickup"]),
        destination=place(lang, fields["destination"]),
        phone=phone(fields["recipient_phone"]),
        payment=payment_word(lang, fields["payment"]),
        paid=Html(paid),
    )


def parcel_fields(parcel: Parcel, payment: PaymentMethod) -> dict[str, Any]:
    """What `details` shows, from an order or a completed draft."""
    return {
        "size": parcel.size.value,
        "weight_kg": parcel.weight_kg,
        "heavy": parcel.is_heavy,
        "pickup": parcel.pickup,
        "destination": parcel.destination,
        "recipient_phone": parcel.recipient_phone,
        "payment": payment.value,
    }


def order_fields(order: Order) -> dict[str, Any]:
    if order.kind is OrderKind.MENU:
        return menu.order_fields(order)
    return {**parcel_fields(order.parcel, order.payment), "paid": order.is_paid}


def draft_summary(lang: str, draft: ParcelDraft, amount: int) -> Html:
    parcel = draft.to_parcel()  # refuses an incomplete draft, one without payment included
    assert draft.payment is not None
    fields = parcel_fields(parcel, draft.payment)
    return t(lang, "summary", details=details(lang, fields), price=price(lang, amount))


def order_card(lang: str, order: Order, tz: tzinfo, for_customer: bool = False,
               limit: int = MAX_MESSAGE) -> Html:
    """The order with its status, rider and timeline, in at most `limit` units; the customer
    also sees the delivery code while the parcel is on its way (nobody else may)."""
    rider = t(lang, "order.rider", rider_name=order.rider_name) if order.rider_name else Html("")
    if for_customer and order.delivery_code and order.status in CODE_SHOWN:
        code = "order.code_menu" if order.kind is OrderKind.MENU else "order.code"
        rider = Html(rider + t(lang, code, code=order.delivery_code))
    rider = Html(rider + arrival(lang, order, tz))
    asked = (requests.on_card(lang, order.asked) if for_customer
             else requests.for_store(lang, order.asked))
    rule = cancel_rule(lang, order) if for_customer else Html("")

    def head(extra: Html) -> Html:
        return t(lang, "order.card", number=order.number,
                 status=status(lang, order.status, order.kind),
                 details=details(lang, order_fields(order)), price=price(lang, order.price),
                 rider=Html(rider + extra + rule))

    return with_timeline(lang, with_requests(head, asked, limit), order, tz, limit)


def store_card(lang: str, order: Order, tz: tzinfo, limit: int = MAX_MESSAGE) -> Html:
    """The store's one message per order (it began as the new-order alert), edited as the
    order moves: what was ordered, where it is now, and who did what, which matters in a
    staff group where several people decide."""
    rider = t(lang, "order.rider", rider_name=order.rider_name) if order.rider_name else Html("")
    rider = Html(rider + arrival(lang, order, tz))

    def head(extra: Html) -> Html:
        return t(lang, "order.store_card", number=order.number, customer=order.customer_name,
                 status=status(lang, order.status, order.kind),
                 details=details(lang, order_fields(order)), price=price(lang, order.price),
                 rider=Html(rider + extra))

    asked = requests.for_store(lang, order.asked)
    return with_timeline(lang, with_requests(head, asked, limit), order, tz, limit)


def with_requests(head: Callable[[Html], Html], asked: Html, limit: int) -> Html:
    """A card's head with the customer's requests, when they leave room for the timeline's
    latest move; without them only for the longest of orders (the summary showed them, and
    the new-order alert)."""
    shown = head(asked)
    return shown if utf16_length(shown) <= limit - TIMELINE_ROOM else head(Html(""))


def arrival(lang: str, order: Order, tz: tzinfo) -> Html:
    """A card's line on when the order arrives (a counter pickup: is ready), while it is on
    its way: the time, why there is none, or that it is late (by the views' clock)."""
    if not is_awaited(order):
        return Html("")
    if order.promised_at is not None and is_late(order, current_time()):
        return t(lang, "order.late", time=moment(lang, order.promised_at, tz))
    if order.eta_at is None:
        return t(lang, f"order.eta_missing_{missing(order).value}")
    key = "order.ready_about" if order.fulfilment is Fulfilment.PICKUP else "order.arriving_about"
    return t(lang, key, time=moment(lang, order.eta_at, tz))


def with_timeline(lang: str, head: Html, order: Order, tz: tzinfo, limit: int) -> Html:
    """A card's head and the order's timeline under it, the latest moves that fit."""
    entries = []
    for before, entry in zip([None, *order.timeline], order.timeline, strict=False):
        reason = (t(lang, "order.timeline_reason", reason=reason_words(lang, entry.reason))
                  if entry.reason else "")
        entries.append(t(
            lang,
            "order.timeline_entry",
            time=moment(lang, entry.at, tz),
            status=t(lang, f"timeline.{timeline_word(before, entry)}"),
            role=t(lang, f"role.{entry.actor_role.value}"),
            name=entry.actor_name,
            reason=Html(reason),
        ))
    # Many moves (a job given back again and again) must not push the card past one message.
    title = t(lang, "order.timeline_title")
    return Html("\n".join(latest_that_fit(lang, [head, title], entries, limit)))


def store_steps(lang: str, order: Order) -> list[tuple[str, str]]:
    """The store's next move on the order, as (label, callback data) buttons: deciding on a
    new order; for a menu order, the kitchen's steps; and cancelling (with a reason) while
    the store still may."""
    n = order.number
    if order.status is Status.PLACED:
        return decision_steps(lang, n, order.kind is OrderKind.MENU)
    steps: list[tuple[str, str]] = []
    if order.kind is OrderKind.MENU:
        if order.status is Status.APPROVED:
            steps.append((t(lang, "button.preparing"), encode("prep", n)))
        elif order.status is Status.PREPARING:
            steps.append((t(lang, "button.ready"), encode("ready", n)))
        elif order.status is Status.READY and order.fulfilment is Fulfilment.PICKUP:
            steps.append((t(lang, "button.handed"), encode("handed", n)))
    if may_cancel(order.kind, Role.STORE, order.status):
        steps.append((t(lang, "button.store_cancel"), encode("scancel", n)))
    return steps


def decision_steps(lang: str, number: int, menu: bool = False) -> list[tuple[str, str]]:
    """Approve / Reject: under a new order's alert, and on its card until decided. A menu
    order is approved with the time making it takes: one button per choice."""
    reject = (t(lang, "button.reject"), encode("reject", number))
    return [*approve_steps(lang, number, menu), reject]


def approve_steps(lang: str, number: int, menu: bool, listed: bool = False
                  ) -> list[tuple[str, str]]:
    """Approve, or for a menu order "10 min", "20 min"…; `listed`: in a list of orders, the
    first button names the order."""
    if not menu:
        label = (t(lang, "button.approve_n", number=number) if listed
                 else t(lang, "button.approve"))
        return [(label, encode("approve", number))]
    return [(t(lang, "button.prep_n" if listed and i == 0 else "button.prep", number=number,
               minutes=minutes), encode("approvein", number, minutes))
            for i, minutes in enumerate(PREP_CHOICES)]


def card_buttons(lang: str, order: Order) -> list[tuple[str, str]]:
    """Under the customer's card: cancel, while they still may (asked again before it is
    done: one slip of a thumb must not cancel lunch); once completed, order it again."""
    if may_cancel(order.kind, Role.CUSTOMER, order.status):
        return [(t(lang, "button.cancel_order"), encode("ocancelask", order.number))]
    if order.status is Status.COMPLETED:
        return [(t(lang, "button.order_again"), encode("again", order.number))]
    return []


def timeline_word(before: TimelineEntry | None, entry: TimelineEntry) -> str:
    """The key of a move: its status, but a job back from a rider was given back (or taken
    from them), not approved or made again."""
    if before is None or before.status is not Status.ASSIGNED or entry.status not in BACK:
        return entry.status.value
    return "released" if entry.actor_role is Role.RIDER else "unassigned"


def cancel_rule(lang: str, order: Order) -> Html:
    """Whether the customer may still cancel, and the rule, while the order is open."""
    if order.status in SETTLED:
        return Html("")
    rule = t(lang, f"order.cancel_rule_{order.kind.value}")
    if may_cancel(order.kind, Role.CUSTOMER, order.status):
        return Html(t(lang, "order.may_cancel", number=order.number) + rule)
    return rule


def orders_list(lang: str, orders: Sequence[Order]) -> Html:
    """/orders: the customer's orders, newest first, as many as fit."""
    head, entries, foot = _orders_list_parts(lang, orders)
    return Html("\n".join(newest_that_fit(lang, head, entries, foot)))


def orders_again_buttons(lang: str, orders: Sequence[Order]) -> list[list[tuple[str, str]]]:
    """Under /orders: "🔁 #N" for each order the list shows, four to a row, to order it
    again."""
    kept = newest_kept(lang, *_orders_list_parts(lang, orders))
    steps = [(str(t(lang, "button.again_n", number=o.number)), encode("again", o.number))
             for o in orders[:kept] if o.status in SETTLED]
    return [steps[i:i + 4] for i in range(0, len(steps), 4)]


def _orders_list_parts(lang: str, orders: Sequence[Order]
                       ) -> tuple[list[Html], list[Html], list[Html]]:
    return ([t(lang, "orders.title")], [order_line(lang, o) for o in orders],
            [t(lang, "orders.footer")])


def pending_list(lang: str, orders: Sequence[Order], waiting: int, late: Sequence[Order],
                 tz: tzinfo) -> tuple[Html, list[Order]]:
    """/pending: the latest of `orders` that fit, and which those are (each gets its
    buttons); when `waiting` (all the orders that wait) is more, "… and K more" below; then
    the `late` orders, marked late."""
    below = [late_list(lang, late, tz)] if late else []
    more = waiting - len(orders)
    if more > 0:
        below.insert(0, t(lang, "list.more", count=more))
    room = MAX_MESSAGE - sum(utf16_length(part) + 1 for part in below)
    if orders:
        entries = [pending_line(lang, o) for o in orders]
        text, shown = latest_orders(lang, [t(lang, "pending.title")], entries, orders, room)
    else:
        text, shown = t(lang, "pending.none"), []
    return Html("\n".join([text, *below])), shown


def late_list(lang: str, orders: Sequence[Order], tz: tzinfo) -> Html:
    """The orders past their promised time, the longest late first, in at most half a
    message (the rest of /pending needs the other half)."""
    entries = [late_line(lang, o, tz) for o in orders]
    return Html("\n".join(newest_that_fit(lang, [t(lang, "pending.late_title")], entries,
                                           limit=MAX_MESSAGE // 2)))


def late_line(lang: str, order: Order, tz: tzinfo) -> Html:
    assert order.promised_at is not None
    return t(lang, "pending.late_item", number=order.number,
             status=status(lang, order.status, order.kind),
             time=moment(lang, order.promised_at, tz))


def my_jobs_list(lang: str, orders: Sequence[Order]) -> Html:
    """/myjobs: the rider's orders not yet delivered, the latest that fit."""
    return Html("\n".join(latest_that_fit(lang, [t(lang, "myjobs.title")],
                                           [my_job_line(lang, o) for o in orders])))


def latest_orders(lang: str, head: list[Html], entries: list[Html],
                  orders: Sequence[Order], limit: int = MAX_MESSAGE) -> tuple[Html, list[Order]]:
    """A list of orders, one entry each, built by `latest_that_fit`, and the orders shown."""
    kept = latest_kept(lang, head, entries, limit)
    return (Html("\n".join(latest_that_fit(lang, head, entries, limit))),
            list(orders[len(orders) - kept:]))


def order_line(lang: str, order: Order) -> Html:
    return t(lang, "order.list_item", number=order.number,
             status=status(lang, order.status, order.kind), price=price(lang, order.price))


def pending_line(lang: str, order: Order) -> Html:
    """An order waiting for the store's decision, in /pending."""
    return t(
        lang,
        "pending.item",
        number=order.number,
        load=order_load(lang, order),
        pickup=place(lang, order.pickup, preview=True),
        destination=place(lang, order.destination, preview=True),
        price=price(lang, order.price),
    )


def my_job_line(lang: str, order: Order) -> Html:
    return t(lang, "myjobs.item", number=order.number, status=status(lang, order.status),
             pickup=place(lang, order.pickup, preview=True),
             destination=place(lang, order.destination, preview=True))


def day_stats(lang: str, stats: DayStats) -> Html:
    """/stats: the day's orders by status (those with any), delivery time, riders online."""
    by_status = "".join(t(lang, "stats.status_line", status=t(lang, f"timeline.{status.value}"),
                          count=count)
                        for status, count in stats.by_status.items() if count)
    average = (t(lang, "stats.no_average") if stats.average_delivery_minutes is None
               else t(lang, "stats.minutes", minutes=f"{stats.average_delivery_minutes:g}"))
    return Html(t(lang, "report.title", day=day(lang, stats.day)) + "\n" + t(
        lang, "stats.body", total=stats.total, by_status=Html(by_status),
        completed=stats.completed, cancelled=stats.cancelled, delivered=stats.delivered,
        average=average, riders=stats.riders_online))
