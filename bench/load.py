"""The simulated people of the order benchmark, played through the Bot API emulator.

Each of N customers places one parcel order through the whole wizard and confirms it; a staff
member approves it; the rider it is offered to accepts, picks it up and hands it over with the
customer's code; the customer confirms receipt. That is `STEPS_PER_ORDER` updates per order.
The echo bot gets the same updates from the same people (texts where the project gets texts,
button presses where it gets presses), each answered by an echo or a callback answer.

Every update is timed from the moment the emulator makes it available to the moment the
answer the person waits for reaches the emulator (the next question, the confirmation, or
the callback answer): `Sample("reply", ...)`. A press is answered twice, by a toast and by
the pressed message edited (a wizard question into the next one, the summary into the order's
card, the store's alert into its card, an offer into the job), and is timed to the later of
the two. Alerts are timed from the update that changed the order's status to the customer's
alert (a new message, which buzzes) reaching the emulator: `Sample("alert", ...)`.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from emulator import BotApiEmulator, BotMessage, CallbackAnswer, ChatView, Person

STEPS_PER_ORDER = 15
# The customer's wizard before Confirm; every other step moves an order to a new status (and
# so costs alerts, an order card edit and, for an approval, an offer).
WIZARD_STEPS = frozenset({"start", "new order", "size", "weight", "pickup", "destination",
                          "phone", "payment"})
FIRST_CUSTOMER = 100_001
STAFF_ID = 2_001
FIRST_RIDER = 3_001
PICKUP = "12 Sejong-daero, Jung-gu, Seoul"
DESTINATION = (37.4979, 127.0276)
RIDER_POSITION = (37.5700, 126.9768)
PHONE = "010-1234-5678"
WAIT_S = 60.0  # one answer slower than this fails the run
NUMBER = re.compile(r"#(\d+)")


@dataclass(frozen=True)
class Sample:
    kind: str  # "reply" or "alert"
    step: str
    seconds: float


class Pace:
    """Lets updates out at a steady rate; None: as fast as the answers come back."""

    def __init__(self, per_second: float | None) -> None:
        self.per_second = per_second
        self._next = 0.0

    async def turn(self) -> None:
        if self.per_second is None:
            return
        now = time.monotonic()
        self._next = max(self._next, now)
        wait = self._next - now
        self._next += 1.0 / self.per_second
        if wait > 0:
            await asyncio.sleep(wait)


class Mailbox:
    """Every message and edit the bot shows in one chat, for several tasks waiting at once
    (ChatView.wait_for serves one waiter)."""

    def __init__(self, view: ChatView,
                 on_message: Callable[[BotMessage], None] | None = None) -> None:
        self.view = view.second_view()
        self.seen: list[BotMessage] = []
        self._waits: list[tuple[Callable[[BotMessage], bool], asyncio.Future[BotMessage]]] = []
        self._on_message = on_message
        self._task = asyncio.create_task(self._watch())

    def mark(self) -> int:
        """Where to look from for the answer to an update about to be sent."""
        return len(self.seen)

    async def expect(self, match: Callable[[BotMessage], bool], since: int) -> BotMessage:
        for message in self.seen[since:]:
            if match(message):
                return message
        waiting = asyncio.get_running_loop().create_future()
        self._waits.append((match, waiting))
        try:
            return await asyncio.wait_for(waiting, WAIT_S)
        except TimeoutError:
            raise AssertionError(f"{self.view.name} waited {WAIT_S} s in vain") from None

    async def _watch(self) -> None:
        while True:
            message = await self.view.wait_for("", timeout=None)  # type: ignore[arg-type]
            self.seen.append(message)
            for entry in list(self._waits):
                match, waiting = entry
                if not waiting.done() and match(message):
                    waiting.set_result(message)
                    self._waits.remove(entry)
            if self._on_message is not None:
                self._on_message(message)

    def close(self) -> None:
        self._task.cancel()


class JobBoard:
    """Offers as riders receive them, by order number."""

    def __init__(self) -> None:
        self._offers: dict[int, asyncio.Future[tuple[int, BotMessage]]] = {}

    def _slot(self, number: int) -> asyncio.Future[tuple[int, BotMessage]]:
        if number not in self._offers:
            self._offers[number] = asyncio.get_running_loop().create_future()
        return self._offers[number]

    def offered(self, rider_id: int, message: BotMessage) -> None:
        slot = self._slot(int(NUMBER.findall(message.text)[0]))
        if not slot.done():
            slot.set_result((rider_id, message))

    async def offer(self, number: int) -> tuple[int, BotMessage]:
        return await asyncio.wait_for(self._slot(number), WAIT_S)


@dataclass
class Crowd:
    """The people of one run and what they measured."""

    customers: list[Person]
    staff: Person
    riders: list[Person]
    pace: Pace
    samples: list[Sample] = field(default_factory=list)
    updates: int = 0
    completed: int = 0

    def __post_init__(self) -> None:
        self.board = JobBoard()
        self.staff_box = Mailbox(self.staff)
        self.rider_boxes = {rider.id: Mailbox(rider, self._offer_watcher(rider.id))
                            for rider in self.riders}
        self.rider_turns = {rider.id: asyncio.Lock() for rider in self.riders}

    def _offer_watcher(self, rider_id: int) -> Callable[[BotMessage], None]:
        def watch(message: BotMessage) -> None:
            if "New job #" in message.text and not message.edited:
                self.board.offered(rider_id, message)
        return watch

    def close(self) -> None:
        for box in (self.staff_box, *self.rider_boxes.values()):
            box.close()

    async def setup(self) -> None:
        """What happens before the clock starts: staff and riders say hello, riders go on duty."""
        raise NotImplementedError

    async def order(self, customer: Person) -> None:
        """One customer's order, from /start to its end."""
        raise NotImplementedError

    async def _next_update(self) -> float:
        """Wait for the pace and count the update about to be sent; the moment it goes."""
        await self.pace.turn()
        self.updates += 1
        return time.monotonic()

    def _reply(self, step: str, started: float, at: float) -> None:
        self.samples.append(Sample("reply", step, at - started))

    def _alert(self, step: str, started: float, message: BotMessage) -> None:
        self.samples.append(Sample("alert", step, message.at - started))

    async def _type(self, person: Person, step: str, text: str, answer: str) -> BotMessage:
        started = await self._next_update()
        await person.send(text)
        reply = await person.wait_for(answer, timeout=WAIT_S)
        self._reply(step, started, reply.at)
        return reply

    async def _share_destination(self, customer: Person, answer: str) -> None:
        started = await self._next_update()
        await customer.share_location(*DESTINATION)
        self._reply("destination", started, (await customer.wait_for(answer, timeout=WAIT_S)).at)

    async def _press(self, person: Person, step: str, button: str, answer: str
                     ) -> tuple[BotMessage, CallbackAnswer]:
        """Press, and wait for both the callback answer (the toast) and the message that
        shows the answer (mostly the pressed message, edited)."""
        started = await self._next_update()
        pressing = asyncio.create_task(person.press(button, timeout=WAIT_S))
        reply = await person.wait_for(answer, timeout=WAIT_S)
        toast = await pressing
        self._reply(step, started, max(reply.at, toast.at))
        return reply, toast

    async def _press_in(self, person: Person, box: Mailbox, step: str, button: str,
                        message: BotMessage, match: Callable[[BotMessage], bool]
                        ) -> tuple[BotMessage, float]:
        """Press under a message of a chat other tasks wait on too: the answer, and when the
        press was available."""
        mark = box.mark()
        started = await self._next_update()
        answered = await person.press(button, message=message, timeout=WAIT_S)
        reply = await box.expect(match, mark)
        self._reply(step, started, max(answered.at, reply.at))
        return reply, started

    async def _type_in(self, person: Person, box: Mailbox, step: str, text: str,
                       match: Callable[[BotMessage], bool]) -> float:
        """Type in a chat other tasks wait on too; when the message was available."""
        mark = box.mark()
        started = await self._next_update()
        await person.send(text)
        self._reply(step, started, (await box.expect(match, mark)).at)
        return started


class OrderCrowd(Crowd):
    """The load as the project gets it: real orders, approved, delivered and confirmed."""

    async def setup(self) -> None:
        await self.staff.send("/start")
        await self.staff.wait_for("", timeout=WAIT_S)
        for rider in self.riders:
            await rider.send("/online")
            await rider.wait_for("You are online", timeout=WAIT_S)
            await rider.share_location(*RIDER_POSITION)
            await rider.wait_for("Position updated", timeout=WAIT_S)

    async def order(self, customer: Person) -> None:
        c = customer
        await self._type(c, "start", "/start", "Hello")
        await self._press(c, "new order", "📦 New order", "What size")
        await self._press(c, "size", "Small", "How much does it weigh")
        await self._type(c, "weight", "3.5", "pick it up")
        await self._type(c, "pickup", PICKUP, "Where should it go")
        await self._share_destination(c, "phone number")
        await self._type(c, "phone", PHONE, "How will it be paid")
        await self._press(c, "payment", "Cash on delivery", "Confirm to place it")
        store_mark = self.staff_box.mark()
        # Confirm is answered with a toast, and the summary becomes the order's card.
        placed, toast = await self._press(c, "confirm", "✅ Confirm", "— waiting for approval")
        number = int(NUMBER.findall(placed.text)[0])
        if f"Order #{number} placed" not in (toast.text or ""):
            raise AssertionError(f"{c.name}: Confirm answered {toast.text!r}")

        alert = await self.staff_box.expect(
            lambda m: f"New order #{number}" in m.text and bool(m.buttons), store_mark)
        # Approve: a toast, and the new-order alert becomes the store's card of the order.
        _, started = await self._press_in(
            self.staff, self.staff_box, "approve", "✅ Approve", alert,
            lambda m: m.message_id == alert.message_id and "— approved" in m.text)
        self._alert("approved", started,
                    await c.wait_for(f"👍 Order #{number} approved", timeout=WAIT_S))

        rider_id, offer = await self.board.offer(number)
        rider = next(r for r in self.riders if r.id == rider_id)
        box = self.rider_boxes[rider_id]
        job, started = await self._press_in(
            rider, box, "accept", f"🛵 Accept #{number}", offer,
            lambda m: f"Order #{number} is yours" in m.text and "📦 Picked up" in m.buttons)
        assigned = await c.wait_for(f"🛵 Order #{number}: rider", timeout=WAIT_S)
        self._alert("assigned", started, assigned)
        code = assigned.text.split("Delivery code: ")[1][:4]
        carried, started = await self._press_in(
            rider, box, "picked up", "📦 Picked up", job,
            lambda m: f"Order #{number} picked up" in m.text and "✅ Delivered" in m.buttons)
        self._alert("picked up", started,
                    await c.wait_for(f"📦 Order #{number} picked up", timeout=WAIT_S))
        async with self.rider_turns[rider_id]:  # a rider hands over one parcel at a time
            await self._press_in(
                rider, box, "delivered", "✅ Delivered", carried,
                lambda m: f"Order #{number} is yours" in m.text and "🔢 Code:" in m.text)
            started = await self._type_in(rider, box, "code", code,
                                          lambda m: f"Order #{number} delivered" in m.text)
        delivered = await c.wait_for(f"✅ Order #{number} delivered", timeout=WAIT_S)
        self._alert("delivered", started, delivered)
        # The thanks is the toast, and is written below the delivered alert (an edit).
        await self._press(c, "receipt", "✅ Confirm receipt", f"Order #{number} is completed")
        self.completed += 1


class EchoCrowd(Crowd):
    """The same updates from the same people, to the bare echo bot."""

    async def setup(self) -> None:
        for person in (self.staff, *self.riders):
            await person.send("/start")
            await person.wait_for("/start", timeout=WAIT_S)

    async def order(self, customer: Person) -> None:
        c, index = customer, self.customers.index(customer)
        rider = self.riders[index % len(self.riders)]
        await self._echo(c, "start", "/start")
        for step in ("new order", "size"):
            await self._tap(c, step)
        for step, text in (("weight", "3.5"), ("pickup", PICKUP)):
            await self._echo(c, step, text)
        await self._share_destination(c, "ok")
        await self._echo(c, "phone", PHONE)
        for step in ("payment", "confirm"):
            await self._tap(c, step)
        await self._tap(self.staff, "approve")
        for step in ("accept", "picked up", "delivered"):
            await self._tap(rider, step)
        code = f"code for order {index}"
        await self._type_in(rider, self.rider_boxes[rider.id], "code", code,
                            lambda m: m.text == code)
        await self._tap(c, "receipt")
        self.completed += 1

    async def _echo(self, person: Person, step: str, text: str) -> None:
        await self._type(person, step, text, text)

    async def _tap(self, person: Person, step: str) -> None:
        started = await self._next_update()
        answer = await person.press("again", timeout=WAIT_S)
        self._reply(step, started, answer.at)


def people(emu: BotApiEmulator, customers: int, riders: int) -> tuple[list[Person], Person,
                                                                        list[Person]]:
    """The customers, the staff member and the riders of a run."""
    crowd = [emu.user(FIRST_CUSTOMER + i, f"Customer {i}", language_code="en")
             for i in range(customers)]
    staff = emu.user(STAFF_ID, "Staff", language_code="en")
    team = [emu.user(FIRST_RIDER + i, f"Rider {i}", language_code="en") for i in range(riders)]
    return crowd, staff, team


async def play(crowd: Crowd) -> float:
    """Every customer's order at once; the seconds from the first update to the last answer."""
    started = time.monotonic()
    await asyncio.gather(*(crowd.order(customer) for customer in crowd.customers))
    return time.monotonic() - started
