"""Words every order text uses: prices, places, phone numbers and times."""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from datetime import date, datetime, tzinfo
from typing import Any

from domain.orders.model import Place
from domain.shared.clock import Clock, SystemClock
from views.i18n import CATALOGS, Html, shortened, t

ADDRESS_PREVIEW_CHARS = 60  # UTF-16 units of an address in a list
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
WEEKDAYS_EN = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
WEEKDAYS_KO = ("월", "화", "수", "목", "금", "토", "일")


def price(lang: str, amount: int) -> Html:
    return t(lang, "price", amount=amount)


def place(lang: str, where: Place | Mapping[str, Any], preview: bool = False) -> Html:
    """A typed address, or "📍 shared location" for a point shared without one (never its
    raw numbers: the rider's map buttons, views.maps, open the exact point)."""
    if isinstance(where, Mapping):
        where = Place(where.get("address"), where.get("lat"), where.get("lon"))
    if where.address:
        text = shortened(where.address, ADDRESS_PREVIEW_CHARS) if preview else where.address
        return Html(html.escape(text, quote=False))
    if not where.has_coordinates:
        return t(lang, "place.none")
    return t(lang, "place.location")


# The store's ready-made reasons to reject or cancel an order (handlers.store) are kept as
# their texts' keys, so that each reader reads them in their own language.
REASON_PRESETS = ("reject_reason.", "store_cancel_reason.")


def reason_key(family: str, key: str) -> str:
    """What is kept of a reason picked from the store's buttons (`family` names its texts)."""
    return f"{family}.{key}"


def reason_words(lang: str, reason: str) -> str:
    """A reason as its reader reads it: a ready-made one in their language, a typed one as
    it was typed."""
    if reason.startswith(REASON_PRESETS) and reason in CATALOGS["en"]:
        return t(lang, reason)
    return reason


# --- phone numbers ---------------------------------------------------------------------------

_PHONE_SEPARATORS = re.compile(r"[\s\-.()]")
_MOBILE_PREFIXES = ("010", "011", "016", "017", "018", "019")


def phone(number: str) -> str:
    """A Korean phone number written the usual way (010-1234-5678, 02-123-4567,
    031-123-4567, 1588-1234; +82 10 ... as 010-...); anything else as it was typed."""
    digits = _PHONE_SEPARATORS.sub("", number)
    if digits.startswith("+82"):
        digits = "0" + digits[3:].removeprefix("0")
    elif digits.startswith("0082"):
        digits = "0" + digits[4:].removeprefix("0")
    if not digits.isascii() or not digits.isdigit():
        return number
    size = len(digits)
    if digits.startswith("02") and size in (9, 10):  # Seoul
        return f"02-{digits[2:size - 4]}-{digits[-4:]}"
    if digits.startswith(_MOBILE_PREFIXES) and size in (10, 11):
        return f"{digits[:3]}-{digits[3:size - 4]}-{digits[-4:]}"
    if digits.startswith("050") and size in (11, 12):  # 0505, 0504... personal numbers
        return f"{digits[:4]}-{digits[4:size - 4]}-{digits[-4:]}"
    if re.match(r"0[3-7]\d", digits) and size in (10, 11):  # regions, 070 internet phones
        return f"{digits[:3]}-{digits[3:size - 4]}-{digits[-4:]}"
    if re.match(r"1[5-9]\d\d", digits) and size == 8:  # 1588-1234: a business's one number
        return f"{digits[:4]}-{digits[4:]}"
    return number


# --- times -----------------------------------------------------------------------------------

_clock: Clock = SystemClock()  # what "today" is; the composition root gives its own clock


def use_clock(clock: Clock) -> None:
    """Tell "today" by `clock` (the bot's), so a time reads the same in every text."""
    global _clock
    _clock = clock


def current_time() -> datetime:
    """Now, by the clock the texts are told (what "late" is measured against)."""
    return _clock.now()


def moment(lang: str, at: datetime, tz: tzinfo, now: datetime | None = None,
           seconds: bool = False) -> str:
    """A time as people say it: "오후 2:32" / "2:32 PM" today; with the day otherwise
    ("12월 3일 오후 2:32" / "Dec 3, 2:32 PM"), and the year when it is not this one."""
    local = at.astimezone(tz)
    today = (now or _clock.now()).astimezone(tz).date()
    time = clock(lang, local, seconds)
    if local.date() == today:
        return time
    separator = " " if lang == "ko" else ", "
    return f"{day(lang, local.date(), today, weekday=False)}{separator}{time}"


def coming(lang: str, at: datetime, now: datetime | None = None) -> Html:
    """A moment to come, in its own time zone (the shop's): "today at 9:00 AM", "tomorrow at
    9:00 AM", "on Thu, Dec 3 at 9:00 AM" / "오늘 오전 9:00", "내일 오전 9:00", "12월 3일 (목)
    오전 9:00"."""
    today = (now or _clock.now()).astimezone(at.tzinfo).date()
    ahead = (at.date() - today).days
    time = clock(lang, at)
    if ahead in (0, 1):
        return t(lang, "coming.today" if ahead == 0 else "coming.tomorrow", time=time)
    return t(lang, "coming.day", day=day(lang, at.date(), today), time=time)


def clock(lang: str, local: datetime, seconds: bool = False) -> str:
    """The time of day: "오후 2:32" in Korean (오전 12:05 after midnight), "2:32 PM" in
    English; with seconds when a few of them matter (an offer's deadline)."""
    hour = local.hour % 12 or 12
    rest = f"{local.minute:02d}" + (f":{local.second:02d}" if seconds else "")
    if lang == "ko":
        return f"{'오전' if local.hour < 12 else '오후'} {hour}:{rest}"
    return f"{hour}:{rest} {'AM' if local.hour < 12 else 'PM'}"


def day(lang: str, when: date, today: date | None = None, weekday: bool = True) -> str:
    """A date: "12월 3일 (목)" / "Thu, Dec 3"; with the year when `today` is given and in
    another year."""
    with_year = today is not None and when.year != today.year
    if lang == "ko":
        text = f"{when.month}월 {when.day}일"
        text = f"{when.year}년 {text}" if with_year else text
        return f"{text} ({WEEKDAYS_KO[when.weekday()]})" if weekday else text
    text = f"{MONTHS[when.month - 1]} {when.day}" + (f", {when.year}" if with_year else "")
    return f"{WEEKDAYS_EN[when.weekday()]}, {text}" if weekday else text


def payment_word(lang: str, payment: str, fulfilment: str | None = None) -> Html:
    """How an order is paid: cash is 착불 on a parcel, 만나서 결제 on a menu order delivered,
    현장 결제 on one picked up at the counter."""
    if payment == "cash" and fulfilment:
        return t(lang, f"payment.cash_{fulfilment}")
    return t(lang, f"payment.{payment}")
