"""How a customer's requests (domain.orders.requests) read: on the summary with their buttons,
on the customer's card, for the store (its note, cutlery) and for the rider (their asks, the
note, the address detail)."""

from __future__ import annotations

from dataclasses import replace

from domain.orders.requests import LIMITS, Offered, Requests, RiderAsk, Writing
from views.callbacks import encode
from views.i18n import MAX_MESSAGE, Html, shortened, t, utf16_length

# Room left above a summary for the reason of a refused answer, shown with it in one message.
REASON_ROOM = 450

Row = list[tuple[str, str]]


def for_customer(lang: str, asked: Requests, offered: Offered) -> Html:
    """Every request, as the customer asked it; on the summary, a line saying there are none
    yet and how to add some."""
    lines = [*for_rider(lang, asked), *for_store_lines(lang, asked)]
    if not lines:
        hint = "requests.none" if offered.rider else "requests.none_pickup"
        return t(lang, hint)
    return Html("\n".join([t(lang, "requests.title"), *lines]))


def under_summary(lang: str, summary: Html, asked: Requests, offered: Offered) -> Html:
    """The summary with the requests under it, leaving room for a refusal's reason above; in
    the longest of orders the notes are cut (with "…") to make it fit, never the order."""
    room = MAX_MESSAGE - REASON_ROOM - utf16_length(summary) - 2
    block = for_customer(lang, asked, offered)
    while utf16_length(block) > room and (asked.store_note or asked.rider_note
                                          or asked.address_detail):
        asked = _cut_longest_note(asked, utf16_length(block) - room)
        block = for_customer(lang, asked, offered)
    return Html(f"{summary}\n\n{block}")


def _cut_longest_note(asked: Requests, excess: int) -> Requests:
    """The longest note cut by `excess` units (at least to nothing but its "…")."""
    notes = [asked.store_note or "", asked.rider_note or "", asked.address_detail or ""]
    longest = max(range(3), key=lambda index: utf16_length(notes[index]))
    kept = utf16_length(notes[longest]) - excess - 1
    notes[longest] = shortened(notes[longest], kept) if kept > 1 else ""
    store, rider, detail = (note or None for note in notes)
    return replace(asked, store_note=store, rider_note=rider, address_detail=detail)


def on_card(lang: str, asked: Requests) -> Html:
    """The customer's card: the requests made, or nothing."""
    lines = [*for_rider(lang, asked), *for_store_lines(lang, asked)]
    return Html("\n" + "\n".join([t(lang, "requests.title"), *lines])) if lines else Html("")


def for_store(lang: str, asked: Requests) -> Html:
    """The store's part (a line each, after a newline), or nothing."""
    lines = for_store_lines(lang, asked)
    return Html("\n" + "\n".join(lines)) if lines else Html("")


def for_store_lines(lang: str, asked: Requests) -> list[Html]:
    lines = []
    if asked.store_note:
        lines.append(t(lang, "requests.store_note", note=asked.store_note))
    if asked.no_cutlery:
        lines.append(t(lang, "requests.no_cutlery"))
    return lines


def for_rider(lang: str, asked: Requests) -> list[Html]:
    """The rider's part: their asks on one line, the note, the detail of the address."""
    lines = []
    if asked.rider_asks:
        lines.append(Html(" · ".join(t(lang, f"requests.ask.{ask.value}")
                                     for ask in asked.rider_asks)))
    if asked.rider_note:
        lines.append(t(lang, "requests.rider_note", note=asked.rider_note))
    if asked.address_detail:
        lines.append(t(lang, "requests.detail", detail=asked.address_detail))
    return lines


def on_job(lang: str, asked: Requests) -> Html:
    """Under the rider's job card, or nothing."""
    lines = for_rider(lang, asked)
    return Html("\n" + "\n".join(lines)) if lines else Html("")


def buttons(lang: str, action: str, asked: Requests, offered: Offered, version: int
            ) -> list[Row]:
    """The summary's request buttons (above Confirm): the rider's asks and cutlery, on or
    off (✓), and the notes to write. `action`: the summary's ("dreq" or "mreq")."""
    def toggle(key: str, on: bool) -> tuple[str, str]:
        label = t(lang, f"requests.button.{key}")
        return (f"✓ {label}" if on else label), encode(action, "toggle", key, version)

    def write(what: Writing) -> tuple[str, str]:
        return t(lang, f"requests.button.write_{what.value}"), encode(action, "write",
                                                                    what.value, version)

    rows: list[Row] = []
    if offered.rider:
        rows.append([toggle(ask.value, ask in asked.rider_asks) for ask in RiderAsk])
    second = [toggle("cutlery", asked.no_cutlery)] if offered.cutlery else []
    rows.append(second + [write(what) for what in offered.writable])
    return rows


def writing_prompt(lang: str, asked: Requests, action: str, version: int
                   ) -> tuple[Html, list[Row]]:
    """The summary turned into the question for the note being written, with Back."""
    assert asked.writing is not None
    text = t(lang, f"requests.ask_{asked.writing.value}", max=LIMITS[asked.writing])
    return text, [[(t(lang, "requests.button.back"), encode(action, "back", "x", version))]]
