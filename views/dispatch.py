"""How offers, riders and open jobs read in the chat."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime, tzinfo
from typing import Any

from domain.dispatch.offers import area
from domain.dispatch.riders import Rider
from domain.orders.model import Order, OrderKind
from views import orders as view
from views import requests
from views.i18n import MAX_MESSAGE, Html, pages, t, utf16_length
from views.words import moment, payment_word


def vehicle(lang: str, value: str | None) -> Html:
    return t(lang, f"vehicle.{value or 'none'}")


def area_text(lang: str, name: str | None) -> Html:
    """An area (street without house numbers), or a note that it is a shared location."""
    return Html(t(lang, "area.named", area=name)) if name else t(lang, "area.unknown")


def offer(lang: str, p: Mapping[str, Any], tz: tzinfo) -> Html:
    """A job offer: areas and distances only; the exact addresses come after accepting."""
    to_pickup = (t(lang, "alert.offer_to_pickup", km=p["to_pickup_km"])
                 if p.get("to_pickup_km") is not None else Html(""))
    trip = t(lang, "alert.offer_trip", km=p["trip_km"]) if p.get("trip_km") is not None else ""
    until = moment(lang, datetime.fromisoformat(p["expires_at"]), tz, seconds=True)
    return t(
        lang,
        "alert.offer",
        number=p["number"],
        load=view.load(lang, p["size"], p["weight_kg"], p["heavy"], p.get("items")),
        pickup=area_text(lang, p.get("pickup_area")),
        to_pickup=to_pickup,
        destination=area_text(lang, p.get("destination_area")),
        trip=Html(trip),
        price=view.price(lang, p["price"]),
        payment=payment_word(lang, p["payment"], "delivery" if p.get("order_kind") == "menu"
                             else None),
        seconds=p["seconds"],
        until=until,
    )


def job_line(lang: str, order: Order) -> Html:
    """An open job in /jobs: like an offer, areas only until a rider takes it."""
    trip = order.pickup.km_to(order.destination)
    return t(
        lang,
        "jobs.item",
        number=order.number,
        load=view.order_load(lang, order),
        pickup=area_text(lang, area(order.pickup)),
        destination=area_text(lang, area(order.destination)),
        trip=t(lang, "jobs.trip", km=round(trip, 1)) if trip is not None else Html(""),
        price=view.price(lang, order.price),
    )


def jobs_list(lang: str, orders: Sequence[Order]) -> tuple[Html, list[Order]]:
    """/jobs: the latest open jobs that fit, and which those are (each gets Accept)."""
    return view.latest_orders(lang, [t(lang, "jobs.title")],
                              [job_line(lang, o) for o in orders], orders)


def riders_pages(lang: str, riders: Sequence[Rider], busy: Collection[int],
                 tz: tzinfo) -> list[str]:
    """/riders: every rider, in as many messages as it takes (a name is capped, so is a
    line)."""
    return pages([t(lang, "riders.title"),
                  *(rider_line(lang, r, r.user_id in busy, tz) for r in riders)])


def rider_line(lang: str, rider: Rider, busy: bool, tz: tzinfo) -> Html:
    """A rider in /riders: vehicle, state, and whether on duty."""
    if rider.is_active and rider.online:
        seen = (t(lang, "riders.seen", time=moment(lang, rider.seen_at, tz))
                if rider.seen_at else Html(""))
        duty = t(lang, "riders.online", seen=seen)
    elif rider.is_active:
        duty = t(lang, "riders.offline")
    else:
        duty = Html("")
    if busy:
        duty = Html(duty + t(lang, "riders.busy"))
    return t(lang, "riders.item", name=rider.name, id=rider.user_id,
             vehicle=vehicle(lang, rider.vehicle.value if rider.vehicle else None),
             state=t(lang, f"rider.state.{rider.state.value}"), duty=duty)


def job_card(lang: str, order: Order, tail: Sequence[Html] = ()) -> Html:
    """The rider's card of a job they took: the full details, the customer's requests of
    them, then `tail` (picked up, the code keypad). The items of a large meal give way to
    their count when the card would not fit one message: the shop hands the rider one bag."""
    asked = requests.on_job(lang, order.asked)

    def card(details: Html) -> Html:
        head = t(lang, "accepted.done", number=order.number, details=details,
                 customer=order.customer_name)
        return Html("\n\n".join([head + asked, *tail]))

    full = card(view.details(lang, view.order_fields(order)))
    if utf16_length(full) <= MAX_MESSAGE or order.kind is not OrderKind.MENU:
        return full
    counted = view.details(lang, {**view.order_fields(order), "lines": []})
    return card(Html(view.order_load(lang, order) + counted))
