"""`ppalli demo`: one whole order, offline, against the built-in Bot API emulator.

A rider goes online nearby, a customer orders, the store approves, the order is offered to
the rider, who accepts and hands it over with the customer's delivery code; the customer
confirms. The conversation is printed as a transcript ending with the order's timeline.
With `--menu`: the example coffee shop instead, two lattes (one more, then one less again
in the cart) paid in Telegram Stars, made by the kitchen and delivered the same way; the
customer has ordered there before, so the address question offers the place she shared then,
and one tap answers it.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

from bot.migrations import upgrade
from bot.runtime import Runtime
from bot.settings import EXAMPLE_CATALOG, Settings
from domain.menu.use_cases import ShopMode
from domain.orders.addresses import remember
from domain.orders.model import Place
from domain.persistence.database import create_engine, session_factory
from domain.persistence.unit_of_work import SqlUnitOfWork
from emulator import BotApiEmulator, CallbackAnswer, Person, render_transcript
from emulator.transcript import Entry, render_received
from views.i18n import CATALOGS, Html, placeholders, t
from views.words import price

DEMO_TOKEN = "123456:DEMO-TOKEN-offline"
GAP = "\x00"  # stands for a parameter the demo does not know (a price, a code)
CUSTOMER_ID, STAFF_ID, RIDER_ID = 1001, 2001, 3001
HOME = (37.5759, 126.9768)  # where the coffee demo's customer has her order delivered


async def run_demo(menu: bool = False, lang: str = "en") -> int:
    logging.basicConfig(level=logging.WARNING)
    cast = Cast(lang)
    with tempfile.TemporaryDirectory() as folder:
        async with BotApiEmulator(token=DEMO_TOKEN, bot_username="ppalli_bot") as emu:
            settings = Settings(
                _env_file=None,  # type: ignore[call-arg]  # pydantic-settings' own init option
                telegram_bot_token=emu.token,
                telegram_api_url=emu.base_url,
                database_url=f"sqlite+aiosqlite:///{Path(folder) / 'demo.db'}",
                admin_ids=frozenset({STAFF_ID}),
                rider_ids=frozenset({RIDER_ID}),
                shop_mode=ShopMode.MENU if menu else ShopMode.PARCEL,
                catalog_file=EXAMPLE_CATALOG if menu else None,
                default_language=lang,
                track_every_seconds=1,  # the rider's map moves within the demo's few seconds
            )
            await upgrade(settings.database_url)
            if menu:
                await seed_saved_address(settings.database_url)
            try:
                async with Runtime(settings, poll_timeout=1):
                    await (play_one_coffee(emu, cast) if menu else play_one_order(emu, cast))
            except (AssertionError, TimeoutError) as error:
                print(render_transcript(emu.transcript, cast.labels))
                print(f"\nThe demo stopped early: {error}", file=sys.stderr)
                return 1
            print(render_transcript(emu.transcript, cast.labels))
            print("\nWhat each person received:")
            print(render_received(emu.transcript, cast.labels))
            print("\nOf which from Confirm until the order was completed:")
            print(render_received(cast.order_part(emu), cast.labels))
    return 0


async def seed_saved_address(url: str) -> None:
    """The coffee demo's customer ordered before: the point she shared for that delivery is
    one of her saved addresses, as placing that order left it (the order itself is not
    replayed: it would double the demo)."""
    engine = create_engine(url)
    try:
        async with SqlUnitOfWork(session_factory(engine)) as uow:
            await remember(uow, CUSTOMER_ID, [Place(lat=HOME[0], lon=HOME[1])],
                           datetime.now(UTC) - timedelta(days=2), keep=5)
            await uow.commit()
    finally:
        await engine.dispose()


class Cast:
    """The demo's three people, named and speaking in one language."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        korean = lang == "ko"
        self.names = {CUSTOMER_ID: "민지" if korean else "Minji",
                      STAFF_ID: "지수" if korean else "Jisoo",
                      RIDER_ID: "현우" if korean else "Hyun"}
        roles = ({CUSTOMER_ID: "손님", STAFF_ID: "가게", RIDER_ID: "라이더"} if korean else
                 {CUSTOMER_ID: "customer", STAFF_ID: "store", RIDER_ID: "rider"})
        self.labels = {chat: f"{self.names[chat]} ({roles[chat]})" for chat in self.names}
        self.confirmed_at = self.completed_at = 0  # where the order's part of the transcript is
        self.rider_live: dict = {}  # the live location the rider shares while on duty

    def order_part(self, emu: BotApiEmulator) -> list[Entry]:
        """The transcript from the press on Confirm until both cards said completed."""
        return emu.transcript[self.confirmed_at:self.completed_at]

    async def confirm(self, emu: BotApiEmulator, customer: Person) -> None:
        """Press Confirm under the summary, which becomes the order's card."""
        self.confirmed_at = len(emu.transcript)
        self.toasted(await customer.press(self.button("button.confirm")), "placed", number=1)

    async def completed(self, emu: BotApiEmulator, customer: Person, staff: Person) -> None:
        """Both cards, the customer's and the store's, say the order is completed."""
        await customer.wait_for(self.card("completed"))
        await staff.wait_for(self.store_card("completed"))
        self.completed_at = len(emu.transcript)

    def says(self, key: str, **params: object) -> str:
        """A catalog text as a person reads it (markup gone), up to its first line's end or
        the first parameter not given: a fragment to wait for, so the demo follows the texts
        in any language."""
        unknown = {name: Html(GAP) for name in placeholders(CATALOGS[self.lang][key])
                   if name not in params}
        shown = html.unescape(re.sub(r"<[^>]+>", "", t(self.lang, key, **params, **unknown)))
        return shown.strip().split("\n")[0].split(GAP)[0].strip()

    def toasted(self, answer: CallbackAnswer, key: str, **params: object) -> None:
        """A press was answered with this text (a toast: a person's own action is never
        echoed as a message)."""
        expected = self.says(key, **params)
        if expected not in (answer.text or ""):
            raise AssertionError(f"the press was answered {answer.text!r}, not {expected!r}")

    def card(self, status: str, number: int = 1) -> str:
        """The customer's order card showing this status (an edit)."""
        return self.says("order.card", number=number, status=self.says(f"status.{status}"))

    def store_card(self, status: str, number: int = 1) -> str:
        """The store's card of the order (its new-order alert, edited) showing this status."""
        return self.says("order.store_card", number=number, customer=self.names[CUSTOMER_ID],
                         status=self.says(f"status.{status}"))

    def button(self, key: str, **params: object) -> str:
        return html.unescape(t(self.lang, key, **params))


async def people_ready(emu: BotApiEmulator, cast: Cast) -> tuple[Person, Person, Person]:
    """The customer, the staff member and the rider, the last two started and on duty."""
    customer, staff, rider = (emu.user(person_id, cast.names[person_id], language_code=cast.lang)
                              for person_id in (CUSTOMER_ID, STAFF_ID, RIDER_ID))
    # Telegram lets a bot write only to people who started it: staff and rider do so first.
    await staff.send("/start")
    await rider.send("/start")
    # The rider goes on duty near the pickup, so the order is offered to them.
    await rider.send("/online")
    await rider.wait_for(cast.says("online.done"))
    cast.rider_live = await rider.share_location(37.5700, 126.9768, live_period=3600)
    await rider.wait_for(cast.says("location.saved"))
    return customer, staff, rider


async def play_one_order(emu: BotApiEmulator, cast: Cast) -> None:
    customer, staff, rider = await people_ready(emu, cast)
    await customer.send("/start")
    await customer.wait_for(cast.says("start.greeting", name=cast.names[CUSTOMER_ID]))
    await customer.press(cast.button("menu.new_order"))
    await customer.wait_for(cast.says("ask.size"))
    await customer.press(cast.button("size.small"))
    await customer.wait_for(cast.says("ask.weight"))
    await customer.send("about three" if cast.lang == "en" else "세 킬로쯤")
    await customer.wait_for(cast.says("error.weight_not_number"))
    await customer.send("3.5")
    await customer.wait_for(cast.says("ask.pickup"))
    await customer.send("12 Sejong-daero, Jung-gu, Seoul" if cast.lang == "en"
                        else "서울 중구 세종대로 12")
    await customer.wait_for(cast.says("ask.destination"))
    await customer.share_location(37.4979, 127.0276)
    await customer.wait_for(cast.says("ask.phone"))
    await customer.send("010-1234-5678")
    await customer.wait_for(cast.says("ask.payment"))
    await customer.press(cast.button("payment.cash"))
    await customer.wait_for(cast.says("summary"))
    await cast.confirm(emu, customer)
    await customer.wait_for(cast.card("placed"))  # the summary became the order's card

    await staff.wait_for(cast.says("alert.new_order", number=1,
                                   customer=cast.names[CUSTOMER_ID]))
    cast.toasted(await staff.press(cast.button("button.approve")), "approved.done", number=1)
    await staff.wait_for(cast.store_card("approved"))  # the alert, edited
    await customer.wait_for(cast.says("alert.approved", number=1))

    await ride_and_confirm(emu, customer, staff, rider, cast, to=(37.4979, 127.0276))


async def play_one_coffee(emu: BotApiEmulator, cast: Cast) -> None:
    customer, staff, rider = await people_ready(emu, cast)
    won = partial(price, cast.lang)
    await customer.send("/start")
    await customer.wait_for(cast.says("start.greeting_shop", name=cast.names[CUSTOMER_ID],
                                      shop="Ppalli Coffee"))
    await customer.press(cast.button("menu.menu_order"))
    await customer.wait_for(cast.says("menu.categories", shop="Ppalli Coffee"))
    await customer.press("Coffee")
    await customer.wait_for(cast.says("menu.items", category="Coffee"))
    await customer.press(f"Café latte — {won(4500)}")
    await customer.wait_for("Size")
    await customer.press(f"Large (+{won(500)})")
    await customer.wait_for("Extra shot")
    await customer.press(f"Extra shot (+{won(500)})")
    await customer.wait_for(cast.says("menu.ask_quantity", item="Café latte"))
    await customer.press("2")
    await customer.wait_for(cast.says("menu.added"))
    await edit_the_cart(customer, cast)
    await customer.press(cast.button("menu.checkout"))
    await customer.wait_for(cast.says("menu.ask_fulfilment"))
    await customer.press(cast.button("menu.delivery_fee_button", fee=won(3000)))
    question = await customer.wait_for(cast.says("menu.ask_address"))
    # She ordered here before: the point she shared then is offered, and a tap answers.
    saved = next(label for label in question.buttons if label.startswith("📍"))
    await customer.press(saved, message=question)
    await customer.wait_for(cast.says("menu.ask_phone"))
    await customer.send("010-1234-5678")
    await customer.wait_for(cast.says("ask.payment"))
    await customer.press(cast.button("payment.prepaid_stars"))
    await customer.wait_for(cast.says("menu.summary"))
    # Requests on the summary: no cutlery (a tap), and a note to the rider (typed).
    await customer.press(cast.button("requests.button.cutlery"))
    await customer.wait_for(cast.says("requests.no_cutlery"))
    note = "경비실에 맡겨 주세요" if cast.lang == "ko" else "Please leave it with the guard"
    await customer.send(note)
    await customer.wait_for(cast.says("requests.rider_note", note=note))
    await cast.confirm(emu, customer)
    await customer.wait_for(cast.card("awaiting_payment"))
    await customer.wait_for()  # the invoice, next
    answer = await customer.pay()
    if not answer.ok:
        raise AssertionError(f"the payment was refused: {answer.error_message}")
    await customer.wait_for(cast.says("alert.paid_placed", number=1))

    await staff.wait_for(cast.says("alert.new_order", number=1,
                                   customer=cast.names[CUSTOMER_ID]))
    cast.toasted(await staff.press(cast.button("button.prep", minutes=20)), "approved.done",
                 number=1)
    await staff.wait_for(cast.store_card("approved_menu"))  # the next step's button on it
    cast.toasted(await staff.press(cast.button("button.preparing")), "kitchen.preparing",
                 number=1)
    await staff.wait_for(cast.store_card("preparing"))
    await customer.wait_for(cast.card("preparing"))
    cast.toasted(await staff.press(cast.button("button.ready")), "kitchen.ready_delivery",
                 number=1)
    await customer.wait_for(cast.card("ready"))

    await ride_and_confirm(emu, customer, staff, rider, cast, to=HOME, menu=True)


async def edit_the_cart(customer: Person, cast: Cast) -> None:
    """🛒 The cart, in the same message: one latte more, then one less again."""
    def line(quantity: int) -> str:
        return cast.says("menu.line", quantity=quantity, name="Café latte",
                         options=" (Large, Extra shot)", total=price(cast.lang, 5500 * quantity))

    await customer.press(cast.button("menu.cart_button"))
    await customer.wait_for(cast.says("menu.cart_view"))
    await customer.press("+")
    await customer.wait_for(line(3))
    await customer.press("1. Café latte −")
    await customer.wait_for(line(2))


async def map_stopped(emu: BotApiEmulator, customer: Person, within: float = 15.0) -> None:
    """Wait until the customer's live map of the rider has stopped (the job is over)."""
    for _ in range(int(within / 0.05)):
        if any(entry.kind == "stopped" and entry.chat_id == customer.id
               for entry in emu.transcript):
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the customer's map of the rider never stopped")


async def ride_and_confirm(emu: BotApiEmulator, customer: Person, staff: Person, rider: Person,
                           cast: Cast, to: tuple[float, float], menu: bool = False) -> None:
    """Order #1 (a parcel, or a `menu` order) from its offer to the rider until the customer
    confirms it arrived; the rider rides (a live location) to `to`, the destination."""
    kind = "_menu" if menu else ""
    await rider.wait_for(cast.says("alert.offer", number=1))
    cast.toasted(await rider.press(cast.button("button.accept", number=1)), "offer.taken",
                 number=1)
    await rider.wait_for(cast.says("accepted.done", number=1))  # the offer became the job
    assigned = await customer.wait_for(cast.says(f"alert.assigned{kind}", number=1,
                                                 rider_name=cast.names[RIDER_ID]), timeout=15)
    found = re.search(r"\b\d{4}\b", assigned.text)  # told to the rider at the door
    if found is None:
        raise AssertionError(f"no delivery code in {assigned.text!r}")
    cast.toasted(await rider.press(cast.button("button.picked_up")), "picked_up.done",
                 number=1)
    await rider.wait_for(cast.says("picked_up.done", number=1))  # on the job card
    await customer.wait_for(cast.says("alert.picked_up", number=1))
    # The rider rides on, sharing a live location: the customer's map follows (TRACK_EVERY_
    # SECONDS is 1 s here, 10 s by default) and, about 100 m from the door, they hear it once.
    await asyncio.sleep(1.1)
    await rider.move_live_location(cast.rider_live, to[0] + 0.0009, to[1])
    await customer.wait_for(cast.says("alert.rider_nearby", number=1))
    cast.toasted(await rider.press(cast.button("button.delivered")), f"code.ask{kind}",
                 number=1)
    typed = ""
    for digit in found.group():  # tapped in on the job card's keypad: no typing on a motorbike
        await rider.wait_for(cast.says("code.keypad", code=" ".join(typed.ljust(4, "_"))))
        await rider.press(digit)
        typed += digit
    await rider.wait_for(cast.says("delivered.done", number=1))
    await customer.wait_for(cast.says(f"alert.delivered{kind}", number=1), timeout=15)
    await map_stopped(emu, customer)
    cast.toasted(await customer.press(cast.button("button.received")), "received.thanks",
                 number=1)
    await cast.completed(emu, customer, staff)
    await customer.send("/status 1")
    await customer.wait_for(cast.says("order.timeline_title"))
